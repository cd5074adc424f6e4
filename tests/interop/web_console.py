#!/usr/bin/env python3
"""web_console.py: a scripted browser for test_robot_web.sh: HTTP/1.1 and
a WebSocket (RFC 6455 frames made by hand, masked as a client must) over
Python's ssl (TLS 1.2), against alex-server --web.

  checks PORT CODE EVENTS CA CERT KEY
        every check of the web console in turn; one "ok NAME" or
        "FAIL NAME: detail" line each
  hold PORT CA CERT KEY SECONDS
        drive as CERT's browser: "go forward 30" and heartbeats for
        SECONDS; prints "driving" once in control, then "done"
  try-drive PORT CA CERT KEY
        one "go forward 20" from CERT's browser; prints the robot's answer
        ("busy: ..." or "moved"), then stops and releases
  crowd PORT CA N
        N connections, each with a GET / answered and kept open, then one
        more: prints each's status in order, "200x100 503" style; then
        all closed, one more GET / and its status
  trickle PORT CA EVERY_MS
        a request head begun and never finished, one byte every EVERY_MS
        ms, for up to 20 s: prints the status the robot answers (0 when
        none) and the ms from the first byte to the connection's close

Times are CLOCK_MONOTONIC in ms, the clock of alex-server's events.
"""
import base64
import hashlib
import json
import os
import re
import socket
import ssl
import struct
import sys
import time

HOST = "127.0.0.1"


def now_ms():
    return int(time.monotonic() * 1000)


def tls(port, ca, cert=None, key=None):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_verify_locations(ca)
    if cert:
        ctx.load_cert_chain(cert, key)
    raw = socket.create_connection((HOST, port), timeout=5)
    return ctx.wrap_socket(raw, server_hostname=HOST)


def read_response(s, buf=b""):
    """One HTTP response: (status, {name: value}, body, rest of buf)."""
    while b"\r\n\r\n" not in buf:
        chunk = s.recv(65536)
        if not chunk:
            break
        buf += chunk
    head, _, buf = buf.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1]) if lines[0].startswith("HTTP/1.1 ") else 0
    fields = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        fields[name.strip().lower()] = value.strip()
    length = int(fields.get("content-length", "0"))
    while len(buf) < length:
        chunk = s.recv(65536)
        if not chunk:
            break
        buf += chunk
    return status, fields, buf[:length], buf[length:]


def get(s, path, extra=""):
    s.sendall(("GET %s HTTP/1.1\r\nHost: %s\r\n%s\r\n" % (path, s.host, extra)).encode())
    return read_response(s)


class WebSocket:
    """A browser's WebSocket to /ws, its messages read as JSON."""

    def __init__(self, port, ca, cert=None, key=None, origin=None):
        self.s = tls(port, ca, cert, key)
        self.s.host = "%s:%d" % (HOST, port)
        self.buf = b""
        key64 = base64.b64encode(os.urandom(16)).decode()
        origin = origin or "https://" + self.s.host
        self.status, self.fields, _, self.buf = get(
            self.s, "/ws",
            "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
            "Sec-WebSocket-Key: %s\r\nOrigin: %s\r\n" % (key64, origin))
        self.news = []

    def send_frame(self, opcode, payload):
        mask = os.urandom(4)
        head = bytes([0x80 | opcode])
        n = len(payload)
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 65536:
            head += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack(">Q", n)
        body = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.s.sendall(head + mask + body)

    def send(self, text):
        self.send_frame(1, text.encode())

    def frame(self, timeout):
        """One server frame (opcode, payload), or None by the timeout."""
        end = time.monotonic() + timeout
        while True:
            if len(self.buf) >= 2:
                n = self.buf[1] & 0x7F
                at = 2
                if n == 126:
                    n, at = struct.unpack(">H", self.buf[2:4])[0], 4
                elif n == 127:
                    n, at = struct.unpack(">Q", self.buf[2:10])[0], 10
                if len(self.buf) >= at + n:
                    op, payload = self.buf[0] & 0x0F, self.buf[at:at + n]
                    self.buf = self.buf[at + n:]
                    return op, payload
            left = end - time.monotonic()
            if left <= 0:
                return None
            self.s.settimeout(left)
            try:
                chunk = self.s.recv(65536)
            except (socket.timeout, ssl.SSLError, OSError):
                return None
            if not chunk:
                return None
            self.buf += chunk

    def next(self, kind, timeout=2.0, where=None):
        """The next message of type kind (and matching where), keeping
        every message read in self.news."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            f = self.frame(end - time.monotonic())
            if f is None:
                return None
            if f[0] != 1:
                self.news.append({"type": "frame", "opcode": f[0], "payload": f[1]})
                continue
            m = json.loads(f[1].decode())
            self.news.append(m)
            if m.get("type") == kind and (where is None or where(m)):
                return m
        return None

    def close(self):
        try:
            self.s.close()
        except OSError:
            pass


def events(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def last_event(path, name, after=0):
    hits = [e for e in events(path) if e["event"] == name and e["t_ms"] >= after]
    return hits[-1] if hits else None


def wait_event(path, name, after, timeout=2.0, where=None):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        for e in events(path):
            if e["event"] == name and e["t_ms"] >= after and (where is None or where(e)):
                return e
        time.sleep(0.02)
    return None


class Checks:
    def __init__(self, port, code, events_path, ca, cert, key):
        self.port, self.code, self.events = int(port), code, events_path
        self.ca, self.cert, self.key = ca, cert, key
        self.failed = 0
        self.count = 0

    def check(self, name, ok, detail=""):
        self.count += 1
        if ok:
            print("ok " + name)
        else:
            self.failed += 1
            print("FAIL %s: %s" % (name, detail))

    def ws(self, cert=False, origin=None):
        if cert:
            return WebSocket(self.port, self.ca, self.cert, self.key, origin)
        return WebSocket(self.port, self.ca, origin=origin)

    def page(self):
        s = tls(self.port, self.ca)
        s.host = "%s:%d" % (HOST, self.port)
        status, f, body, _ = get(s, "/")
        self.check("page: 200", status == 200, status)
        self.check("page: text/html utf-8",
                   f.get("content-type") == "text/html; charset=utf-8", f)
        self.check("page: the console", b"<title>Alex</title>" in body, body[:80])
        self.check("page: no-store", f.get("cache-control") == "no-store", f)
        self.check("page: nosniff", f.get("x-content-type-options") == "nosniff", f)
        self.check("page: no referrer", f.get("referrer-policy") == "no-referrer", f)
        csp = f.get("content-security-policy", "")
        self.check("page: no frames", "frame-ancestors 'none'" in csp, csp)
        self.check("page: connects to itself only", "connect-src 'self'" in csp and
                   "default-src 'none'" in csp, csp)
        for tag in ("script", "style"):
            m = re.search(("<%s>(.*)</%s>" % (tag, tag)).encode(), body, re.S)
            h = base64.b64encode(hashlib.sha256(m.group(1)).digest()).decode() if m else "?"
            self.check("page: its inline %s allowed by hash" % tag,
                       ("%s-src 'sha256-%s'" % (tag, h)) in csp, csp)
        # kept alive: the page again, then the WebSocket, on one connection
        status, f, body, _ = get(s, "/")
        self.check("keep-alive: a second request", status == 200 and len(body) > 1000, status)
        status, f, _, _ = get(s, "/favicon.ico")
        self.check("404 for another path", status == 404, status)
        self.check("404: the connection kept", f.get("connection") == "keep-alive", f)
        status, f, body, _ = get(s, "/")
        self.check("keep-alive after a 404: the page", status == 200 and len(body) > 1000, status)
        s.close()
        s = tls(self.port, self.ca)
        s.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
        status, f, _, _ = read_response(s)
        self.check("a POST refused: 405, Allow: GET", status == 405 and f.get("allow") == "GET",
                   (status, f))
        s.close()
        s = tls(self.port, self.ca)
        fields = b"".join(b"X-%d: y\r\n" % i for i in range(40))
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n" + fields + b"\r\n")
        status, f, _, _ = read_response(s)
        self.check("a head of 41 fields refused: 431", status == 431, status)
        s.close()

    def plain_http(self):
        raw = socket.create_connection((HOST, self.port), timeout=5)
        raw.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % self.port)
        data = b""
        while True:
            chunk = raw.recv(4096)
            if not chunk:
                break
            data += chunk
        raw.close()
        text = data.decode("latin-1")
        self.check("plain http: 400", text.startswith("HTTP/1.1 400 "), text[:60])
        self.check("plain http: says https://", "https://127.0.0.1:%d/" % self.port in text, text)
        e = wait_event(self.events, "refused", 0, where=lambda e: "plain HTTP" in e["reason"])
        self.check("plain http: an event", e is not None)

    def spare_connection(self):
        # a browser's spare connection: a ClientHello begun, then closed
        raw = socket.create_connection((HOST, self.port), timeout=5)
        raw.sendall(b"\x16\x03\x01\x00")
        raw.close()
        e = wait_event(self.events, "web_abandoned", 0)
        self.check("spare connection: a web_abandoned event", e is not None)
        time.sleep(0.2)
        self.check("spare connection: not a refusal",
                   not any(e["event"] == "refused" and "closed the connection" in e["reason"]
                           for e in events(self.events)))

    def cross_origin(self):
        w = self.ws(origin="https://evil.example")
        self.check("cross-origin WebSocket: 403", w.status == 403, w.status)
        w.close()
        e = wait_event(self.events, "refused", 0, where=lambda e: "cross-origin" in e["reason"])
        self.check("cross-origin WebSocket: an event naming the origin",
                   e is not None and e.get("origin") == "https://evil.example", e)
        w = self.ws()
        self.check("same-origin WebSocket: 101", w.status == 101, w.status)
        w.close()

    def watcher(self):
        t0 = now_ms()
        w = self.ws()
        sec = w.next("security")
        self.check("security message", sec is not None and sec["subject"] == "CN=alex" and
                   sec["issuer"] == "CN=Alex Lab CA" and sec["client"] is None and
                   sec["suite"].startswith("TLS_") and sec["not_after"].endswith("UTC"), sec)
        st = w.next("status")
        self.check("watcher: status, may not drive", st is not None and
                   st["may_drive"] is False and len(st["stats"]) == 10 and
                   st["doing"] == "stopped", st)
        w.send("go forward 50")
        err = w.next("error")
        self.check("watcher: go refused", err is not None and "watching" in err["text"], err)
        w.send("fly away")
        err = w.next("error")
        self.check("unknown command: an error back", err is not None and
                   "unknown command 'fly'" in err["text"], err)
        w.send("hb")
        st = w.next("status", 1.0)
        self.check("still served after errors", st is not None, st)
        self.check("watcher: no command ran",
                   wait_event(self.events, "command", t0, 0.3) is None)
        w.close()

    def pairing(self):
        w = self.ws()
        w.next("status")
        wrong = "000000" if self.code != "000000" else "111111"
        for i in range(3):
            w.send("pair " + wrong)
            err = w.next("error")
            self.check("wrong code %d refused" % (i + 1),
                       err is not None and "wrong pairing code" in err["text"], err)
        w.send("pair " + self.code)
        err = w.next("error")
        self.check("no tries left: even the right code refused", err is not None and
                   "too many" in err["text"], err)
        fails = [e for e in events(self.events) if e["event"] == "pairing_failed"]
        self.check("each wrong code an event", len(fails) >= 3, len(fails))
        w.close()
        w = self.ws()
        w.next("status")
        w.send("pair " + self.code)
        st = w.next("status", 2.0, lambda m: m["may_drive"])
        self.check("the right code: may drive", st is not None, w.news[-3:])
        return w

    def drive_and_go_silent(self, w):
        t0 = now_ms()
        w.send("go forward 50")
        end = time.monotonic() + 1.0
        last_hb = now_ms()
        while time.monotonic() < end:
            time.sleep(0.1)
            w.send("hb")
            last_hb = now_ms()
        st = w.next("status", 1.0, lambda m: m["doing"] == "forward")
        stopped = [e for e in events(self.events) if e["event"] == "stopped" and
                   t0 <= e["t_ms"] <= last_hb]
        moving = [e for e in events(self.events) if e["event"] == "motors" and
                  t0 <= e["t_ms"] <= last_hb]
        self.check("go + heartbeats: moving forward for 1 s, not stopped",
                   st is not None and st["control"] == "you" and not stopped and
                   [e["state"] for e in moving] == ["forward"], (st, stopped, moving))
        # heartbeats stop (a frozen page): the watchdog stops the robot
        stopped = wait_event(self.events, "stopped", last_hb, 2.0)
        silent = wait_event(self.events, "silent", last_hb, 0.1)
        self.check("no heartbeat: stopped within 500 ms of the last",
                   stopped is not None and silent is not None and
                   stopped["t_ms"] - last_hb <= 500 and
                   stopped["t_ms"] - silent["last_heard_t_ms"] <= 500,
                   (last_hb, silent, stopped))
        st = w.next("status", 1.0, lambda m: m["doing"] == "stopped")
        self.check("the page sees it stopped", st is not None)

    def close_mid_move(self, w):
        w.send("go reverse 40")
        for _ in range(3):
            time.sleep(0.1)
            w.send("hb")
        w.next("status", 1.0, lambda m: m["doing"] == "reverse")
        t = now_ms()
        w.s.shutdown(socket.SHUT_RDWR)  # the tab closed: TCP goes
        w.close()
        stopped = wait_event(self.events, "stopped", t, 2.0)
        self.check("tab closed mid-move: stopped within 500 ms, for the close "
                   "(not the watchdog's silence)",
                   stopped is not None and stopped["t_ms"] - t <= 500 and
                   stopped["reason"] == "fail-safe: web controller gone", stopped)

    def certificate_and_busy(self):
        a = self.ws(cert=True)
        sec = a.next("security")
        self.check("client certificate: named in the security message",
                   sec is not None and sec["client"] == "CN=laptop", sec)
        st = a.next("status")
        self.check("client certificate: may drive", st is not None and st["may_drive"], st)
        a.send("go left 30")
        st = a.next("status", 1.0, lambda m: m["control"] == "you")
        self.check("client certificate: in control", st is not None, a.news[-3:])
        b = self.ws()
        b.next("status")
        b.send("pair " + self.code)
        b.next("status", 1.0, lambda m: m["may_drive"])
        b.send("go forward 20")
        err = b.next("error")
        self.check("second browser: busy", err is not None and err["text"].startswith("busy") and
                   "CN=laptop" in err["text"], err)
        st = b.next("status", 1.0)
        self.check("second browser: still sees the status", st is not None and
                   st["control"] == "other" and st["controller"] == "CN=laptop", st)
        a.send("hb")
        a.send("release")
        st = a.next("status", 1.0, lambda m: m["control"] == "none")
        self.check("release: the slot is free", st is not None, a.news[-3:])
        b.send("clear")
        st = b.next("status", 1.0, lambda m: m["control"] == "you")
        self.check("after release: the second browser drives", st is not None, b.news[-3:])
        b.close()
        a.close()

    def pairing_paused(self):
        """Wrong codes across connections pause pairing for everyone."""
        wrong = "000000" if self.code != "000000" else "111111"
        for _ in range(4):
            w = self.ws()
            w.next("status")
            for _ in range(3):
                w.send("pair " + wrong)
                w.next("error")
            w.close()
        e = wait_event(self.events, "pairing_paused", 0)
        self.check("wrong codes across connections: pairing paused", e is not None)
        w = self.ws()
        w.next("status")
        w.send("pair " + self.code)
        err = w.next("error")
        self.check("paused: even the right code refused", err is not None and
                   "paused" in err["text"], err)
        w.close()
        a = self.ws(cert=True)
        st = a.next("status")
        self.check("paused: a lab certificate still may drive",
                   st is not None and st["may_drive"], st)
        a.close()

    def run(self):
        for step in (self.page, self.plain_http, self.spare_connection, self.cross_origin,
                     self.watcher):
            step()
        w = self.pairing()
        self.drive_and_go_silent(w)
        self.close_mid_move(w)
        time.sleep(0.2)
        self.certificate_and_busy()
        self.pairing_paused()
        print("done: %d checks" % self.count)
        return self.failed


def hold(port, ca, cert, key, seconds):
    w = WebSocket(int(port), ca, cert, key)
    w.next("status")
    w.send("go forward 30")
    if w.next("status", 1.0, lambda m: m["control"] == "you"):
        print("driving", flush=True)
    end = time.monotonic() + float(seconds)
    while time.monotonic() < end:
        time.sleep(0.1)
        w.send("hb")
        w.frame(0)
    w.send("stop")
    w.close()
    print("done", flush=True)


def try_drive(port, ca, cert, key):
    w = WebSocket(int(port), ca, cert, key)
    w.next("status")
    w.send("go forward 20")
    err = w.next("error", 0.5)
    st = w.next("status", 0.5, lambda m: m["control"] == "you") if err is None else None
    print(err["text"] if err else "moved" if st else "no answer")
    w.send("stop")
    w.send("release")
    time.sleep(0.1)
    w.close()


def crowd(port, ca, n):
    kept, statuses = [], []
    for _ in range(int(n) + 1):
        s = tls(int(port), ca)
        s.host = "%s:%s" % (HOST, port)
        try:
            status = get(s, "/")[0]
        except OSError:
            status = 0
        statuses.append(status)
        kept.append(s)
    runs, last, count = [], None, 0
    for st in statuses:
        if st != last and last is not None:
            runs.append("%dx%d" % (last, count) if count > 1 else str(last))
            count = 0
        last, count = st, count + 1
    runs.append("%dx%d" % (last, count) if count > 1 else str(last))
    for s in kept:
        s.close()
    time.sleep(0.5)
    s = tls(int(port), ca)
    s.host = "%s:%s" % (HOST, port)
    print(" ".join(runs), get(s, "/")[0])


def trickle(port, ca, every_ms):
    s = tls(int(port), ca)
    s.settimeout(float(every_ms) / 1000)
    start = now_ms()
    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
    got = b""
    while now_ms() - start < 20000:
        try:
            chunk = s.recv(4096)
            if not chunk:
                break
            got += chunk
        except socket.timeout:
            try:
                s.sendall(b"X")
            except OSError:
                break
        except OSError:
            break
    status = int(got.split()[1]) if got.startswith(b"HTTP/1.1 ") else 0
    print(status, now_ms() - start)


def main():
    if sys.argv[1] == "checks":
        return 1 if Checks(*sys.argv[2:8]).run() else 0
    if sys.argv[1] == "hold":
        hold(*sys.argv[2:7])
        return 0
    if sys.argv[1] == "crowd":
        crowd(*sys.argv[2:5])
        return 0
    if sys.argv[1] == "trickle":
        trickle(*sys.argv[2:5])
        return 0
    if sys.argv[1] == "try-drive":
        try_drive(*sys.argv[2:6])
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
