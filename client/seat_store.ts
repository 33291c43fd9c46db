/**
 * The seats this machine holds, on disk: for each room (its id) and
 * nickname, the session token its host gave, so a `join` started again
 * (killed, laptop rebooted) takes its seat back.
 *
 * The file is `$XDG_STATE_HOME/lanplay/seats.json` (by default
 * `~/.local/state/lanplay/seats.json`), written whole to a temporary file
 * (mode 0600) then renamed over. It is untrusted on the way in: read only
 * when small enough, validated with zod; a file that is too large, not JSON
 * or not of the shape is ignored with a warning — never a crash — and
 * replaced at the next save. Entries older than a day are dropped.
 *
 * @module
 */
import { z } from "zod";

/** The largest seats file read, in bytes (a larger one is ignored). */
export const SEATS_MAX_BYTES = 64 * 1024;

/** Entries older than this are dropped (1 day, in ms). */
export const SEAT_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Most entries kept (the oldest go first). */
export const SEATS_MAX_ENTRIES = 200;

const entrySchema = z.object({
  room: z.string().min(1).max(200),
  nickname: z.string().min(1).max(100),
  token: z.string().min(1).max(200),
  /** The `host:port` the seat was taken at (to find it again with --host). */
  address: z.string().max(300).optional(),
  savedAt: z.number().finite(),
});

const fileSchema = z.object({
  version: z.literal(1),
  seats: z.array(entrySchema).max(SEATS_MAX_ENTRIES * 2),
});

/** One held seat. */
export type SeatEntry = z.output<typeof entrySchema>;

/** Why the seats file was ignored, for the warning. */
export type SeatStoreProblem = "too_large" | "not_json" | "bad_shape" | "io";

/** How a {@linkcode SeatStore} is built. */
export interface SeatStoreOptions {
  /** The file's path (tests give a temporary one). */
  path: string;
  /** Epoch milliseconds (injected for tests). */
  now?: () => number;
  /** Called once per ignored file, with the reason and a detail. */
  warn?: (problem: SeatStoreProblem, detail: string) => void;
  /** Largest file read, bytes ({@linkcode SEATS_MAX_BYTES}). */
  maxBytes?: number;
  /** Entries older than this are dropped, ms ({@linkcode SEAT_MAX_AGE_MS}). */
  maxAgeMs?: number;
}

/**
 * Where the seats file lives for this environment: under `XDG_STATE_HOME`
 * when set (and absolute), else `~/.local/state`; null without a home.
 *
 * @example
 * ```ts
 * import { seatStorePath } from "./seat_store.ts";
 * seatStorePath({ XDG_STATE_HOME: "/s" }); // "/s/lanplay/seats.json"
 * seatStorePath({ HOME: "/home/ana" }); // "/home/ana/.local/state/lanplay/seats.json"
 * seatStorePath({}); // null
 * ```
 *
 * @param env the environment variables
 */
export function seatStorePath(
  env: Record<string, string | undefined>,
): string | null {
  const xdg = env.XDG_STATE_HOME;
  if (xdg && xdg.startsWith("/")) return `${xdg}/lanplay/seats.json`;
  const home = env.HOME ?? env.USERPROFILE;
  if (!home) return null;
  return `${home}/.local/state/lanplay/seats.json`;
}

/**
 * The key of a nickname: case and composition do not matter (`Zoé`,
 * `ZOÉ` and `zoe\u0301` are one seat).
 *
 * @example
 * ```ts
 * import { nicknameKey } from "./seat_store.ts";
 * nicknameKey("ZOÉ") === nicknameKey("zoe\u0301"); // true
 * ```
 *
 * @param nickname a nickname
 */
export function nicknameKey(nickname: string): string {
  return nickname.normalize("NFC").toLocaleLowerCase("und");
}

/**
 * The seats file: read, save and forget a room's token for a nickname.
 *
 * @example
 * ```ts
 * import { SeatStore } from "./seat_store.ts";
 * const dir = await Deno.makeTempDir();
 * const store = new SeatStore({ path: `${dir}/lanplay/seats.json` });
 * await store.save("room-1", "Zoé", "tok-1");
 * await store.token("room-1", "ZOÉ"); // "tok-1"
 * await store.remove("room-1", "zoé");
 * await store.token("room-1", "Zoé"); // null
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export class SeatStore {
  readonly #o: Required<Omit<SeatStoreOptions, "warn">> & {
    warn: SeatStoreOptions["warn"];
  };
  #writing: Promise<unknown> = Promise.resolve();

  /** @param options where the file is, the clock, the warning */
  constructor(options: SeatStoreOptions) {
    this.#o = {
      path: options.path,
      now: options.now ?? Date.now,
      warn: options.warn,
      maxBytes: options.maxBytes ?? SEATS_MAX_BYTES,
      maxAgeMs: options.maxAgeMs ?? SEAT_MAX_AGE_MS,
    };
  }

  /** The file's path. */
  get path(): string {
    return this.#o.path;
  }

  /**
   * The token saved for `nickname` in `room`, or null (none, too old, or
   * the file could not be used).
   * @param room the room id (`welcome.room.hostId`)
   * @param nickname the nickname (any case)
   */
  async token(room: string, nickname: string): Promise<string | null> {
    const key = nicknameKey(nickname);
    const found = (await this.#read()).find((e) =>
      e.room === room && nicknameKey(e.nickname) === key
    );
    return found?.token ?? null;
  }

  /**
   * The newest seat saved for `nickname` at `address` (`host:port`), when
   * the room id is not known before joining (`join --host`); null when
   * none.
   * @param address the `host:port` joined
   * @param nickname the nickname (any case)
   */
  async atAddress(
    address: string,
    nickname: string,
  ): Promise<SeatEntry | null> {
    const key = nicknameKey(nickname);
    const found = (await this.#read()).filter((e) =>
      e.address === address && nicknameKey(e.nickname) === key
    );
    return found.sort((a, b) => b.savedAt - a.savedAt)[0] ?? null;
  }

  /**
   * Saves (or replaces) the token of `nickname` in `room`.
   * @param room the room id
   * @param nickname the nickname
   * @param token the session token the host gave
   * @param address the `host:port` joined (to find the seat with --host)
   */
  save(
    room: string,
    nickname: string,
    token: string,
    address?: string,
  ): Promise<void> {
    return this.#update((seats) => {
      const key = nicknameKey(nickname);
      const rest = seats.filter((e) =>
        !(e.room === room && nicknameKey(e.nickname) === key)
      );
      rest.push({
        room,
        nickname,
        token,
        ...(address ? { address } : {}),
        savedAt: this.#o.now(),
      });
      return rest.slice(-SEATS_MAX_ENTRIES);
    });
  }

  /**
   * Forgets the seat of `nickname` in `room` (the player quit).
   * @param room the room id
   * @param nickname the nickname (any case)
   */
  remove(room: string, nickname: string): Promise<void> {
    return this.#update((seats) => {
      const key = nicknameKey(nickname);
      return seats.filter((e) =>
        !(e.room === room && nicknameKey(e.nickname) === key)
      );
    });
  }

  /**
   * Read-modify-write, one at a time in this process and, through an
   * exclusive lock on a `.lock` file beside it, across the processes of
   * this machine (two `join` started together keep both seats); errors
   * warn.
   */
  #update(change: (seats: SeatEntry[]) => SeatEntry[]): Promise<void> {
    const run = this.#writing.then(async () => {
      const lock = await this.#lock();
      try {
        const seats = change(await this.#read());
        await this.#write(seats);
      } finally {
        lock.close(); // releases the lock
      }
    }).catch((e) => this.#o.warn?.("io", String((e as Error)?.message ?? e)));
    this.#writing = run;
    return run;
  }

  /** The fresh entries of the file ([] when absent or unusable). */
  async #read(): Promise<SeatEntry[]> {
    let bytes: Uint8Array;
    try {
      const file = await Deno.open(this.#o.path, { read: true });
      try {
        const info = await file.stat();
        if (info.size > this.#o.maxBytes) {
          this.#o.warn?.("too_large", `${info.size} > ${this.#o.maxBytes}`);
          return [];
        }
        // Read at most one byte more than the limit: a file growing under
        // us cannot make this read large.
        const buf = new Uint8Array(this.#o.maxBytes + 1);
        let n = 0;
        while (n < buf.length) {
          const got = await file.read(buf.subarray(n));
          if (got === null) break;
          n += got;
        }
        if (n > this.#o.maxBytes) {
          this.#o.warn?.("too_large", `> ${this.#o.maxBytes}`);
          return [];
        }
        bytes = buf.subarray(0, n);
      } finally {
        file.close();
      }
    } catch (e) {
      if (!(e instanceof Deno.errors.NotFound)) {
        this.#o.warn?.("io", String((e as Error)?.message ?? e));
      }
      return [];
    }
    let value: unknown;
    try {
      value = JSON.parse(
        new TextDecoder("utf-8", { fatal: true }).decode(bytes),
      );
    } catch (e) {
      this.#o.warn?.("not_json", String((e as Error).message).slice(0, 100));
      return [];
    }
    const parsed = fileSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.#o.warn?.(
        "bad_shape",
        `${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "?"}`,
      );
      return [];
    }
    const now = this.#o.now();
    return parsed.data.seats.filter((e) =>
      now - e.savedAt <= this.#o.maxAgeMs && e.savedAt <= now + 60_000
    );
  }

  /** The seats file's lock, held exclusively (the folder made if needed). */
  async #lock(): Promise<Deno.FsFile> {
    const path = this.#o.path;
    const dir = path.slice(0, path.lastIndexOf("/")) || "/";
    await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
    const file = await Deno.open(`${path}.lock`, {
      create: true,
      write: true,
      mode: 0o600,
    });
    try {
      await file.lock(true);
    } catch (e) {
      file.close();
      throw e;
    }
    return file;
  }

  async #write(seats: SeatEntry[]): Promise<void> {
    const path = this.#o.path;
    const temp = `${path}.${crypto.randomUUID().slice(0, 8)}.tmp`;
    const text = JSON.stringify({ version: 1, seats }) + "\n";
    try {
      await Deno.writeTextFile(temp, text, { mode: 0o600, createNew: true });
      await Deno.rename(temp, path);
    } catch (e) {
      await Deno.remove(temp).catch(() => {});
      throw e;
    }
  }
}
