/**
 * Stand-alone entry of `compare` (the same as `lanplay compare`):
 * `deno run -A compare/cli.ts [options]`. The language comes from `--lang`
 * (first argument only) or the environment (LC_ALL, LC_MESSAGES, LANG).
 *
 * @example
 * ```ts
 * // deno run -A compare/cli.ts --count 200 --chart rtt.svg
 * // deno run -A compare/cli.ts --lang fr --serve --port 50028
 * ```
 *
 * @module
 */
import { pickLang } from "../i18n/translate.ts";
import { runCompare } from "./mod.ts";

if (import.meta.main) {
  const args = [...Deno.args];
  let explicit: string | undefined;
  const at = args.findIndex((a) => a === "--lang" || a.startsWith("--lang="));
  if (at !== -1) {
    explicit = args[at].includes("=") ? args[at].split("=")[1] : args[at + 1];
    args.splice(at, args[at].includes("=") ? 1 : 2);
  }
  const lang = pickLang(explicit, Deno.env.toObject());
  Deno.exit(await runCompare(args, { stdout: (s) => console.log(s), lang }));
}
