/**
 * `lanplay join --list`: searches the LAN for a while, prints the rooms
 * found (a table, or one JSON object per line), exits.
 *
 * @module
 */
import { discover } from "../discovery/mod.ts";
import {
  formatHostListJson,
  renderHostList,
} from "../client/host_list_view.ts";
import { matching } from "../client/host_picker.ts";
import type { JoinConfig } from "./join_options.ts";

/**
 * Prints the rooms found within `cfg.timeout` (default 1.5 s); exit code 0
 * when there is at least one, else 1.
 *
 * @example
 * ```ts ignore
 * await listRooms({ ...config, list: true, json: true });
 * ```
 */
export async function listRooms(cfg: JoinConfig): Promise<number> {
  const discovery = discover({ interfaces: cfg.interfaces });
  const started = performance.now();
  try {
    await discovery.ready;
    await new Promise((r) => setTimeout(r, cfg.timeout ?? 1500));
    const hosts = matching(discovery.hosts(), cfg.room);
    if (cfg.json) {
      for (const h of hosts) console.log(formatHostListJson(h));
    } else {
      const lines = renderHostList(
        hosts,
        -1,
        cfg.lang,
        100,
        false,
        performance.now() - started,
      );
      for (const l of lines) console.log(l);
    }
    return hosts.length ? 0 : 1;
  } finally {
    await discovery.close();
  }
}
