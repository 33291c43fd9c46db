# lanplay JSON client, protocol v1 (docs/PROTOCOL.md). Usage: python3 client.py NICKNAME [HOST[:PORT]]
import json, re, socket, sys, threading
UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")  # terminal controls, bidi overrides
print = lambda *parts, out=print: out(*(UNSAFE.sub("\ufffd", str(p)) for p in parts))  # any host string may be hostile
host, _, port = (sys.argv[2] if len(sys.argv) > 2 else "127.0.0.1").partition(":")
sock = socket.create_connection((host, int(port or 50026)))
inbox = sock.makefile("r", encoding="utf-8", newline="\n")
print(inbox.readline().strip())  # the banner: LANPLAY/1 <room> :: ...
def send(msg): sock.sendall((json.dumps(msg) + "\n").encode())  # one JSON object per line
send({"type": "hello", "nickname": sys.argv[1], "protocol": 1, "lang": "en"})
def typing():  # a number is a guess, /start starts the game, anything else is chat; Ctrl-D quits
    for text in filter(None, map(str.strip, sys.stdin)):
        send({"type": "guess", "value": int(text)} if text.isdecimal() else {"type": "start"} if text == "/start" else {"type": "chat", "text": text})
    send({"type": "quit"})
threading.Thread(target=typing, daemon=True).start()
for m in map(json.loads, inbox):  # every line from the host is one JSON message, until it closes
    if m["type"] == "chat": print(f"[{m['from']}] {m['text']}")
    elif m["type"] == "error": print(f"! {m['message']} ({m['code']})")
    elif m["type"] == "hint": print(f"{m['guess']} → {m['hint']} (between {m['low']} and {m['high']})")
    elif m["type"] != "view": print(m.pop("type"), json.dumps(m, ensure_ascii=False)[:160])
