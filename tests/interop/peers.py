#!/usr/bin/env python3
"""peers.py: the peers test_slow_peers.sh sets against a server on loopback.

  drip PORT INTERVAL MAX     one connection sending a ClientHello's first bytes
                             one every INTERVAL s; prints "connected", then the
                             seconds until the server cut it, or "open" if it
                             had not after MAX s
  idle PORT N                N connections that never send; prints "ready" once
                             all are connected, then holds them until killed
                             (or for 2 minutes)
  burst PORT N               N connects started at once; prints the slowest
                             one's time in ms (a dropped SYN costs 1000 ms)
  handshake PORT CA [CERT KEY] [TRIES]
                             a real TLS 1.2 client (OpenSSL, through Python's
                             ssl) TRIES times (default 3); prints each whole
                             handshake's time in ms, connect included
  parallel PORT CA N KEYLOG  N clients at once, each sending "ping" to an
                             echo server and reading it back, OpenSSL writing
                             their key log lines to KEYLOG; prints the
                             outcomes ("ok") and their count
  refused PORT CA TRIES      TRIES handshakes without a client certificate
                             against a server that requires one; prints one
                             word per try: the alert's name as OpenSSL read
                             it, or "reset", "eof", "accepted"
  bighello PORT TRIES        TRIES times: a ClientHello claiming a body of
                             2^18 bytes (more than any server takes), sent as
                             a stream of records, 1 ms apart, then the server's
                             answer read; prints one word per try: the alert's
                             name, or "reset" when a write or read failed (what
                             OpenSSL's and tlsfuzzer's clients report then)
  closed PORT WAIT           one connection that never sends; prints the ms
                             until the server closed it, or "open" after WAIT s
  cpu PID SECONDS            the CPU seconds process PID used in the next
                             SECONDS (from /proc/PID/stat)
"""
import os
import select
import socket
import ssl
import sys
import threading
import time

HOST = "127.0.0.1"

# A TLS record header and the start of a ClientHello: what a slow client
# would send (RFC 5246 6.2.1, 7.4.1.2).
HELLO_START = bytes.fromhex("160301002d0100002903035a5a5a5a5a5a5a5a")


def drip(port, interval, limit):
    s = socket.create_connection((HOST, port))
    print("connected", flush=True)
    start = time.monotonic()
    for i in range(10 ** 6):
        try:
            s.send(HELLO_START[i % len(HELLO_START):][:1])
        except OSError:
            return "%.2f" % (time.monotonic() - start)
        end = start + (i + 1) * interval
        while True:
            left = end - time.monotonic()
            if time.monotonic() - start > limit:
                return "open"
            if left <= 0:
                break
            ready, _, _ = select.select([s], [], [], left)
            if ready:
                try:
                    if s.recv(4096) == b"":
                        return "%.2f" % (time.monotonic() - start)
                except OSError:
                    return "%.2f" % (time.monotonic() - start)
    return "open"


def idle(port, n):
    held = [socket.create_connection((HOST, port)) for _ in range(n)]
    print("ready", flush=True)
    time.sleep(120)  # a test that forgot to kill us must not leave us behind
    return "%d held" % len(held)


def burst(port, n):
    socks, started = {}, {}
    poller = select.poll()
    for _ in range(n):
        s = socket.socket()
        s.setblocking(False)
        started[s.fileno()] = time.monotonic()
        s.connect_ex((HOST, port))
        socks[s.fileno()] = s
        poller.register(s.fileno(), select.POLLOUT)
    slowest, pending = 0.0, set(socks)
    deadline = time.monotonic() + 10
    while pending and time.monotonic() < deadline:
        for fd, _ in poller.poll(100):
            if fd in pending:
                pending.discard(fd)
                poller.unregister(fd)
                slowest = max(slowest, time.monotonic() - started[fd])
    if pending:
        return "unfinished %d" % len(pending)
    return "%d" % round(slowest * 1000)


def client_context(ca, cert=None, key=None):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    ctx.set_ciphers("DHE-RSA-AES128-SHA256:AES128-SHA256")
    ctx.check_hostname = False
    ctx.load_verify_locations(ca)
    if cert:
        ctx.load_cert_chain(cert, key)
    return ctx


def handshake(port, ca, cert=None, key=None, tries=3):
    ctx = client_context(ca, cert, key)
    times = []
    for _ in range(tries):
        start = time.monotonic()
        try:
            with socket.create_connection((HOST, port), timeout=20) as raw:
                with ctx.wrap_socket(raw):
                    times.append("%d" % round((time.monotonic() - start) * 1000))
        except (OSError, ssl.SSLError) as e:
            times.append("failed:%s" % type(e).__name__)
    return " ".join(times)


def parallel(port, ca, n, keylog):
    """n handshakes at once, OpenSSL writing each one's key log line."""
    ctx = client_context(ca)
    ctx.keylog_filename = keylog
    results = []

    def one():
        try:
            with socket.create_connection((HOST, port), timeout=20) as raw:
                with ctx.wrap_socket(raw) as s:
                    s.sendall(b"ping")
                    results.append("ok" if s.recv(4) == b"ping" else "bad-echo")
        except (OSError, ssl.SSLError) as e:
            results.append(type(e).__name__)
    threads = [threading.Thread(target=one) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return " ".join(sorted(set(results))) + " %d" % len(results)


def refused(port, ca, tries):
    ctx = client_context(ca)
    words = []
    for _ in range(tries):
        try:
            with socket.create_connection((HOST, port), timeout=10) as raw:
                with ctx.wrap_socket(raw) as s:
                    # TLS 1.2: the server's refusal comes after our Finished
                    s.settimeout(10)
                    s.recv(1)
                    words.append("accepted")
        except ssl.SSLError as e:
            reason = (e.reason or "").lower()
            words.append(reason.replace("sslv3_alert_", "") if "alert" in reason
                         else "eof" if "eof" in reason else reason or "ssl")
        except ConnectionResetError:
            words.append("reset")
        except OSError as e:
            words.append(type(e).__name__)
    return " ".join(words)


ALERTS = {0: "close_notify", 10: "unexpected_message", 20: "bad_record_mac",
          22: "record_overflow", 40: "handshake_failure", 47: "illegal_parameter",
          50: "decode_error", 51: "decrypt_error", 70: "protocol_version",
          71: "insufficient_security", 80: "internal_error"}


def read_alert(s):
    """The first alert record's name, or "eof" / "reset" / "not-an-alert"."""
    data = b""
    while len(data) < 7:
        try:
            more = s.recv(4096)
        except OSError:
            return "reset"
        if more == b"":
            return "eof"
        data += more
    if data[0] != 21:
        return "not-an-alert"
    return ALERTS.get(data[6], "alert-%d" % data[6])


def bighello_once(port):
    body_len = 1 << 18
    body = bytes.fromhex("0303") + b"\x5a" * 32 + bytes.fromhex("0000040067003c0100")
    message = bytes([1]) + body_len.to_bytes(3, "big") + body
    message += bytes(body_len + 4 - len(message))
    with socket.create_connection((HOST, port), timeout=10) as s:
        for at in range(0, len(message), 1 << 14):
            fragment = message[at:at + (1 << 14)]
            try:
                s.sendall(bytes([22, 3, 3]) + len(fragment).to_bytes(2, "big") + fragment)
            except OSError:
                return "reset"
            time.sleep(0.001)
        return read_alert(s)


def bighello(port, tries):
    return " ".join(bighello_once(port) for _ in range(tries))


def closed(port, wait):
    s = socket.create_connection((HOST, port))
    start = time.monotonic()
    ready, _, _ = select.select([s], [], [], wait)
    if not ready:
        return "open"
    try:
        s.recv(1)
    except OSError:
        pass
    return "%d" % round((time.monotonic() - start) * 1000)


def cpu(pid, seconds):
    def used():
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        # utime and stime, fields 14 and 15 of proc(5), in clock ticks
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    before = used()
    time.sleep(seconds)
    return "%.2f" % (used() - before)


def main(argv):
    what, args = argv[1], argv[2:]
    if what == "drip":
        out = drip(int(args[0]), float(args[1]), float(args[2]))
    elif what == "idle":
        out = idle(int(args[0]), int(args[1]))
    elif what == "burst":
        out = burst(int(args[0]), int(args[1]))
    elif what == "handshake":
        cert = args[2] if len(args) > 2 else None
        key = args[3] if len(args) > 3 else None
        tries = int(args[4]) if len(args) > 4 else 3
        out = handshake(int(args[0]), args[1], cert, key, tries)
    elif what == "parallel":
        out = parallel(int(args[0]), args[1], int(args[2]), args[3])
    elif what == "refused":
        out = refused(int(args[0]), args[1], int(args[2]))
    elif what == "bighello":
        out = bighello(int(args[0]), int(args[1]))
    elif what == "closed":
        out = closed(int(args[0]), float(args[1]))
    elif what == "cpu":
        out = cpu(int(args[0]), float(args[1]))
    else:
        sys.exit(__doc__)
    print(out, flush=True)


if __name__ == "__main__":
    main(sys.argv)
