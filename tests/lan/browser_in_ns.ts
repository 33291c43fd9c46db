/**
 * Chromium inside a network namespace, driven by puppeteer-core: a wrapper
 * script runs it with `ip netns exec`, and puppeteer talks to it over a pipe
 * (a DevTools TCP port would sit in the namespace's own loopback, out of
 * reach). Used by the web LAN tests.
 *
 * @module
 */

/** The Chromium the tests run (`LANPLAY_CHROMIUM`, else Debian's). */
export const CHROMIUM: string = Deno.env.get("LANPLAY_CHROMIUM") ??
  "/usr/bin/chromium";

/** Why the browser cannot run here, or null. */
export async function browserSkipReason(): Promise<string | null> {
  try {
    await Deno.stat(CHROMIUM);
  } catch {
    return `no Chromium at ${CHROMIUM} (apt-get install chromium, or set LANPLAY_CHROMIUM)`;
  }
  try {
    await import("puppeteer-core");
  } catch (e) {
    return `puppeteer-core cannot load: ${(e as Error).message}`;
  }
  return null;
}

/** A browser puppeteer-core started. */
export type Browser = Awaited<
  ReturnType<typeof import("puppeteer-core").default.launch>
>;

/**
 * Starts headless Chromium in namespace `ns` (its wrapper script written
 * in `dir`).
 *
 * @param ns the namespace
 * @param dir a temporary folder of the test
 */
export async function launchInNamespace(
  ns: string,
  dir: string,
): Promise<Browser> {
  const { default: puppeteer } = await import("puppeteer-core");
  const wrapper = `${dir}/chromium-in-ns`;
  await Deno.writeTextFile(
    wrapper,
    `#!/bin/sh\nexec ip netns exec ${ns} ${CHROMIUM} "$@"\n`,
  );
  await Deno.chmod(wrapper, 0o755);
  return await puppeteer.launch({
    executablePath: wrapper,
    pipe: true,
    headless: true,
    args: ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
  });
}
