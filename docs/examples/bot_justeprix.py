# A juste prix bot in Python: bisection on the private hints (docs/PROTOCOL.md).
# Usage: python3 bot_justeprix.py NICKNAME [HOST[:PORT]] [GAMES]
# It plays GAMES games (default 1), starting them itself when it leads the room, then quits.
import json
import re
import socket
import sys

UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")  # terminal controls, bidi overrides
print = lambda *parts, out=print: out(*(UNSAFE.sub("\ufffd", str(p)) for p in parts))  # any host string may be hostile

host, _, port = (sys.argv[2] if len(sys.argv) > 2 else "127.0.0.1").partition(":")
games_left = int(sys.argv[3]) if len(sys.argv) > 3 else 1
sock = socket.create_connection((host, int(port or 50026)))
inbox = sock.makefile("r", encoding="utf-8", newline="\n")


def send(msg):
    sock.sendall((json.dumps(msg) + "\n").encode())


print(inbox.readline().strip())  # banner
send({"type": "hello", "nickname": sys.argv[1], "protocol": 1, "lang": "en", "client": "bot_justeprix.py"})
me = None
for m in map(json.loads, inbox):
    kind = m["type"]
    if kind == "welcome":
        me = m["you"]["nickname"]
    elif kind == "lobby" and m["state"] == "lobby" and m["autostart"] is None and games_left > 0:
        if any(p["nickname"] == me and p["leader"] for p in m["players"]):
            send({"type": "start", "game": "justeprix"})  # refused (error) if not possible
    elif kind == "round_start":  # the secret is in [min, max]: try the middle
        send({"type": "guess", "value": (m["min"] + m["max"]) // 2})
    elif kind == "hint":  # my own hint: low..high is what is still possible
        print(f"round {m['round']}: {m['guess']} → {m['hint']}")
        if m["hint"] != "found":
            send({"type": "guess", "value": (m["low"] + m["high"]) // 2})
    elif kind == "found" and m["nickname"] == me:
        print(f"found in {m['attempts']} attempts (rank {m['rank']})")
    elif kind == "game_end":
        games_left -= 1
        print("game over:", ", ".join(f"{r['rank']}. {r['nickname']} {r['points']}" for r in m["ranking"]))
        if games_left == 0:
            send({"type": "quit"})
    elif kind in ("error", "bye"):
        print(f"{kind}: {m['message']}")
