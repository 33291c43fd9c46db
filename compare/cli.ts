/**
 * Stand-alone entry of `compare` (the same as `lanplay compare`):
 * `deno run -A compare/cli.ts [options]`. The language comes from `--lang`
 * or the environment (LC_ALL, LC_MESSAGES, LANG).
 *
 * ```sh
 * deno run -A compare/cli.ts --count 200 --chart rtt.svg
 * deno run -A compare/cli.ts --lang fr --serve --port 50028
 * ```
 *
 * @module
 */
import { pickLang } from "../i18n/translate.ts";
import { runCompare } from "./mod.ts";

if (import.meta.main) {
  const lang = pickLang(undefined, Deno.env.toObject());
  Deno.exit(
    await runCompare(Deno.args, { stdout: (s) => console.log(s), lang }),
  );
}
