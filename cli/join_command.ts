/**
 * `lanplay join`: joins a room and plays (full screen, plain lines, JSON
 * events, or as a bot).
 *
 * A room picked from discovery must prove its key at one of its addresses
 * (an impostor's address is skipped); a locked room's PIN comes from
 * `--pin` or, on a terminal, a masked prompt; `kicked`, `banned` and the
 * host's limits are shown and never retried.
 *
 * The seat's token is kept on disk per room and nickname
 * (client/seat_store.ts): a `join` started again takes its seat back; a
 * lost connection is taken back by the player's program with the same
 * token. Quitting forgets the seat. The session standings are printed on
 * the normal screen at the end. Exit codes: {@linkcode JOIN_EXIT}.
 *
 * @module
 */
import type { RoomAddress } from "../protocol/messages.ts";
import { GAMES } from "../games/registry.ts";
import { Session } from "../client/session.ts";
import { JoinRefusedError } from "../client/errors.ts";
import { joinFirstGenuine } from "../client/join_room.ts";
import { askPin } from "../client/pin_prompt.ts";
import { ct } from "../client/texts.ts";
import { type PlayerEnd, playRoom } from "../client/app.ts";
import { SeatStore, seatStorePath } from "../client/seat_store.ts";
import { standingsLines } from "../client/standings.ts";
import { systemTerminal } from "../client/terminal.ts";
import { discover, type FoundHost } from "../discovery/mod.ts";
import { Deputy } from "../client/deputy.ts";
import { Failover, type Target } from "../client/failover.ts";
import { watchRoom } from "../client/room_sightings.ts";
import type { RoomService } from "./room_service.ts";
import { roomTakeover } from "./takeover_room.ts";
import {
  autoPick,
  matching,
  pickHost,
  viaText,
} from "../client/host_picker.ts";
import { LATE_ROOM_MS } from "../client/host_list_view.ts";
import { UsageError } from "./errors.ts";
import { joinHelp, parseJoinArgs } from "./join_options.ts";
import { joinWithRetry } from "./join_retry.ts";
import { listRooms } from "./list_rooms.ts";
import { askNickname, defaultNickname, nicknameVariant } from "./nickname.ts";
import { watchStopSignals } from "./stop_signals.ts";
import { t } from "./texts.ts";

/**
 * Runs `lanplay join` until the player quits or the host goes.
 *
 * @example
 * ```ts ignore
 * await joinCommand(["--host", "127.0.0.1", "--bot", "--json"]);
 * ```
 */
export async function joinCommand(args: string[]): Promise<number> {
  const env = Deno.env.toObject();
  const cfg = parseJoinArgs(args, env);
  if (cfg.help) {
    console.log(joinHelp(cfg.lang));
    return 0;
  }
  const terminal = systemTerminal();
  if (cfg.list) return await listRooms(cfg);
  let target = cfg.host ? { host: cfg.host, port: cfg.port } : null;
  const interactive = terminal.tty && !cfg.json && !cfg.bot;
  const base = cfg.name ??
    (cfg.bot
      ? `bot-${Math.floor(Math.random() * 9000 + 1000)}`
      : defaultNickname(env, cfg.lang));
  let nickname = cfg.name ?? base;
  let found: FoundHost | null = null;
  // prompt() blocks the event loop: ask before discovery starts its clock.
  if (interactive && !cfg.name) nickname = askNickname(cfg.lang, base);
  if (!target) {
    const discovery = discover({ interfaces: cfg.interfaces });
    try {
      found = interactive && !cfg.room
        ? await pickHost(discovery, terminal, cfg.lang)
        : await autoPick(discovery, cfg.room, 300, cfg.timeout ?? 10_000);
      // A name two rooms share (a look-alike room on the LAN): the player
      // must say which by its fingerprint, never a silent first match.
      const rooms = cfg.room ? matching(discovery.hosts(), cfg.room) : [];
      if (new Set(rooms.map((h) => h.hostId)).size > 1) {
        throw new UsageError("ambiguous_room", {
          room: cfg.room!,
          rooms: rooms.map((h) => `${h.name} (${h.fingerprint})`).join(", "),
          example: rooms[0].fingerprint.slice(-4),
        });
      }
    } finally {
      await discovery.close();
    }
    if (!found) {
      if (interactive) return 0; // the player left the picker
      throw new UsageError("no_room", {
        s: Math.round((cfg.timeout ?? 10_000) / 1000),
      });
    }
    target = { host: found.address, port: found.port };
  }
  const { port } = target;
  const picked = found;
  const roomName = picked?.name ?? target.host;
  let pin = cfg.pin ?? undefined;
  if (interactive && picked?.locked && pin === undefined) {
    pin = await askPin(terminal, cfg.lang, { room: roomName }) ?? undefined;
    if (pin === undefined) return 0; // the player left the prompt
  }
  let address = `${target.host}:${port}`;
  // One X25519 key pair per process: this client may take the room over.
  const deputy = cfg.deputy ? await Deputy.create() : null;
  const store = openSeatStore(env, cfg.lang);
  /** The seat saved for this nickname in this room (or at this address). */
  const savedToken = async (nickname: string, host: string) => {
    if (!store) return undefined;
    if (picked) return await store.token(picked.hostId, nickname) ?? undefined;
    return (await store.atAddress(`${host}:${port}`, nickname))?.token;
  };
  const joinOnce = (nickname: string) =>
    joinFirstGenuine(
      picked ? picked.addresses : [target.host],
      async (host) => {
        address = `${host}:${port}`;
        const token = await savedToken(nickname, host);
        return await Session.join({
          host,
          port,
          nickname,
          lang: cfg.lang,
          client: cfg.bot ? "lanplay-bot" : "lanplay",
          pin,
          expectedRoomId: picked?.hostId,
          roomName,
          ...(token ? { token } : {}),
          ...(deputy ? { deputy: deputy.publicKey } : {}),
        });
      },
      (impostor, next) =>
        console.error(
          ct(cfg.lang, "impostor_next", {
            message: impostor.message,
            address: `${next}:${port}`,
          }),
        ),
    );
  // A locked room: ask the PIN again (on a terminal) after a wrong one.
  const joinWithPin = async (nickname: string) => {
    while (true) {
      try {
        return await joinOnce(nickname);
      } catch (e) {
        if (
          !(e instanceof JoinRefusedError) || !PIN_REFUSALS.includes(e.code)
        ) throw e;
        if (!interactive) {
          // Scripts and bots cannot answer a prompt: say how to give it.
          throw e.code === "pin_wait" ? e : new JoinRefusedError(
            e.code,
            `${e.message} ${ct(cfg.lang, "pin_hint")}`,
            false,
          );
        }
        const typed = await askPin(terminal, cfg.lang, {
          room: roomName,
          message: e.message,
        });
        if (typed === null) throw e;
        pin = typed;
      }
    }
  };
  const session = await joinWithRetry(
    joinWithPin,
    nickname,
    (refusal, attempt) => {
      if (interactive) return askNickname(cfg.lang, base, refusal.message);
      if (refusal.code !== "nickname_taken") return null;
      // Scripts and bots cannot answer a prompt: take a free variant, and say so.
      const next = nicknameVariant(base, attempt);
      console.error(
        t(cfg.lang, "join.renamed", {
          message: refusal.message,
          nickname: next,
        }),
      );
      return next;
    },
    10,
  );
  const how = found
    ? t(
      cfg.lang,
      found.firstSeenMs > LATE_ROOM_MS ? "join.found_late" : "join.found_via",
      { via: viaText(found), ms: Math.round(found.firstSeenMs) },
    )
    : "";
  const intro = [
    how +
    t(cfg.lang, "join.connected", {
      address,
      ms: session.connectMs.toFixed(1),
    }),
    session.fingerprint
      ? ct(cfg.lang, "verified", { fingerprint: session.fingerprint })
      : ct(cfg.lang, "unverified"),
  ];
  const roomId = session.welcome.room.hostId;
  const me = session.welcome.you.nickname;
  const save = (s: Session) =>
    s.seat.token
      ? store?.save(roomId, s.welcome.you.nickname, s.seat.token, address)
      : undefined;
  await save(session);
  // Coming back: the same address, the seat's token, the same room's key.
  const expectedRoomId = picked?.hostId ??
    (session.fingerprint ? roomId : undefined);
  // A room this process took over (it hosts it until the end).
  let hosted: RoomService | null = null;
  /** Where this program handed the room it hosted (`/handover`). */
  let handedTo: RoomAddress | null = null;
  const failover = new Failover({
    deputy,
    fromDiscovery: picked !== null,
    // Coming back: the seat's token and the same room's key, wherever it is.
    join: async (to: Target, token: string, hostKey?: string) => {
      const back = await Session.join({
        host: to.host.replace(/^\[|\]$/g, ""),
        port: to.port,
        nickname: me,
        lang: cfg.lang,
        client: cfg.bot ? "lanplay-bot" : "lanplay",
        pin,
        // Another address must prove the same room (its key moved with it).
        expectedRoomId: to.why === "old" ? expectedRoomId : roomId,
        roomName,
        token,
        timeoutMs: 3000,
        // A frozen host accepts (its kernel does) but never greets: 3 s,
        // not 10, before a deputy takes over from it or a player moves on.
        handshakeMs: 3000,
        ...(hostKey ? { hostKey } : {}),
        ...(deputy && to.why !== "local" ? { deputy: deputy.publicKey } : {}),
      });
      address = `${to.host}:${to.port}`;
      await save(back);
      return back;
    },
    takeOver: deputy
      ? roomTakeover({
        lang: cfg.lang,
        interfaces: cfg.interfaces,
        gaveBack: () => hosted = null,
        opened: (service) => {
          hosted = service;
          // `/handover` from here: the room went on elsewhere, we leave.
          service.room.handedOver.then((to) => {
            handedTo = to;
            leave.abort();
          }, () => {});
        },
      })
      : null,
    watch: (id, above, onHigher) =>
      watchRoom(discover({ interfaces: cfg.interfaces }), id, above, onHigher),
  });
  {
    const [host] = address.split(/:(?=\d+$)/);
    failover.connected(session, { host: host.replace(/^\[|\]$/g, ""), port });
  }
  const signals = watchStopSignals();
  // After a takeover this program hosts: Ctrl-C asks first, /close and
  // /handover work; a handover to another deputy ends it.
  const leave = new AbortController();
  let outcome;
  try {
    outcome = await playRoom({
      session,
      games: GAMES,
      lang: cfg.lang,
      terminal,
      json: cfg.json,
      bot: cfg.bot,
      gamesLimit: cfg.games ?? undefined,
      intro,
      failover,
      stop: AbortSignal.any([signals.signal, leave.signal]),
      hosting: {
        active: () => hosted !== null,
        others: () => Math.max(0, (hosted?.room.nicknames().length ?? 1) - 1),
        hasDeputy: () => (hosted?.room.deputies().length ?? 0) > 0,
        close: () => void hosted?.stop(),
      },
    });
  } finally {
    signals.dispose();
    await failover.close();
    // A room this process took over closes with it (everyone gets bye).
    await (hosted as RoomService | null)?.stop();
  }
  const { end } = outcome;
  // A seat given up (quit, closed, kicked) is forgotten; a lost one kept.
  if (end !== "lost") await store?.remove(roomId, me);
  if (!cfg.json && handedTo !== null) {
    const to: RoomAddress = handedTo;
    console.log(t(cfg.lang, "host.handed_over", {
      address: `${to.address}:${to.port}`,
    }));
  } else if (!cfg.json) {
    if (end !== "quit" && end !== "games_done") {
      console.log(
        end === "lost"
          ? t(cfg.lang, "join.lost")
          : end === "kicked"
          ? ct(cfg.lang, "kicked_end", { address })
          : end === "replaced"
          ? t(cfg.lang, "join.replaced")
          : end === "dropped"
          ? t(cfg.lang, "join.dropped", { address })
          : t(cfg.lang, "join.closed", { address }),
      );
    }
    const lines = outcome.standings
      ? standingsLines(outcome.standings, cfg.lang, {
        final: outcome.final,
        me,
        room: session.welcome.room.name,
      })
      : [];
    if (lines.length) console.log(["", ...lines].join("\n"));
  }
  return signals.which === "SIGTERM" ? JOIN_EXIT.terminated : JOIN_EXIT[end];
}

/**
 * The exit code of `join` by how the player's program ended: 0 a normal
 * end, 3 the host closed the room, 4 the connection was lost and not taken
 * back, 5 kicked or banned, 1 the host ended this connection (an error),
 * 143 SIGTERM.
 *
 * @example
 * ```ts
 * import { JOIN_EXIT } from "./join_command.ts";
 * JOIN_EXIT.host_closed; // 3
 * JOIN_EXIT.lost; // 4
 * ```
 */
export const JOIN_EXIT: Readonly<Record<PlayerEnd | "terminated", number>> =
  Object.freeze({
    quit: 0,
    games_done: 0,
    replaced: 0,
    host_closed: 3,
    lost: 4,
    kicked: 5,
    dropped: 1,
    terminated: 143,
  });

/** The seats file of this user (null without a home); problems warn once. */
function openSeatStore(
  env: Record<string, string>,
  lang: Parameters<typeof ct>[0],
): SeatStore | null {
  const path = seatStorePath(env);
  if (!path) return null;
  let warned = false;
  return new SeatStore({
    path,
    warn: (_problem, detail) => {
      if (warned) return;
      warned = true;
      console.error(ct(lang, "seats_ignored", { path, detail }));
    },
  });
}

/** Refusals after which a player on a terminal is asked the PIN (again). */
const PIN_REFUSALS: readonly string[] = ["pin_required", "bad_pin", "pin_wait"];
