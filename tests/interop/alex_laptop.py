#!/usr/bin/env python3
"""alex_laptop.py: what test_robot_client.sh sets around alex-client.

  keyboard DELAY_MS RATE HOLD_MS -- CMD...
        runs CMD (alex-client --drive) on a pseudo-terminal and plays a
        keyboard on it: once CMD prints "Drive:", 'w' pressed and held for
        HOLD_MS, its character repeated RATE times a second after DELAY_MS
        (a terminal's autorepeat; HOLD_MS 0: one tap), then 1 s later 'q'.
        Prints "first T", "last T" and "quit T" (CLOCK_MONOTONIC ms of the
        first and last 'w' and of 'q', the clock of alex-server's events),
        "exit RC", and CMD's output, each line prefixed "out: "
  check-drive EVENTS FIRST LAST QUIT
        reads alex-server's events file and checks that a hold of 'w' from
        FIRST to LAST (ms) drove the robot forward once, without a stop or a
        lost link in between, stopped it soon after LAST, and kept the link
        until QUIT; prints one "ok ..." or "FAIL ..." line per check
  check-tap EVENTS FIRST
        the same for one tap at FIRST: forward, then a stop about 700 ms
        later (no repeat came: the autorepeat delay has passed)
  full-queue
        a listening socket whose queue is full (backlog 0, two connections
        waiting, never accepted): prints its port, then holds it until
        killed; a connect to it gets no answer
"""
import json
import os
import pty
import select
import signal
import socket
import sys
import time


def now_ms():
    return int(time.monotonic() * 1000)  # CLOCK_MONOTONIC on Linux


def read_until(fd, pattern, limit_s, buf):
    end = time.monotonic() + limit_s
    while pattern not in buf[0] and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                buf[0] += os.read(fd, 4096)
            except OSError:
                return False
    return pattern in buf[0]


def drain(fd, buf, until):
    while time.monotonic() < until:
        ready, _, _ = select.select([fd], [], [], max(0, min(0.01, until - time.monotonic())))
        if ready:
            try:
                data = os.read(fd, 4096)
            except OSError:
                return
            if not data:
                return
            buf[0] += data


def keyboard(delay_ms, rate, hold_ms, cmd):
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(cmd[0], cmd)
    buf = [b""]
    if not read_until(fd, b"Drive:", 10, buf):
        os.kill(pid, signal.SIGKILL)
        print("exit no-banner")
        for line in buf[0].decode(errors="replace").splitlines():
            print("out: " + line)
        return
    time.sleep(0.3)  # the link's first heartbeats
    # (each time taken just before its write: the key cannot arrive earlier)
    start = time.monotonic()
    first = last = now_ms()
    os.write(fd, b"w")
    if hold_ms > 0:
        t = start + delay_ms / 1000.0
        while t < start + hold_ms / 1000.0:
            drain(fd, buf, t)
            last = now_ms()
            os.write(fd, b"w")
            t += 1.0 / rate
    drain(fd, buf, time.monotonic() + 1.0)
    quit_ms = now_ms()
    os.write(fd, b"q")
    status = None
    end = time.monotonic() + 10
    while status is None and time.monotonic() < end:
        drain(fd, buf, time.monotonic() + 0.05)
        done, st = os.waitpid(pid, os.WNOHANG)
        if done:
            status = os.waitstatus_to_exitcode(st)
    if status is None:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        status = "hung"
    print("first %d" % first)
    print("last %d" % last)
    print("quit %d" % quit_ms)
    print("exit %s" % status)
    for line in buf[0].decode(errors="replace").splitlines():
        print("out: " + line)


def events(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def stops(evs):
    """Events that say the robot stopped or the link went."""
    return [e for e in evs if
            (e["event"] == "command" and e.get("key") == "s") or
            (e["event"] == "motors" and e.get("state") == "stopped") or
            e["event"] in ("silent", "stopped", "link_lost")]


def check(ok, what):
    print(("ok " if ok else "FAIL ") + what)


def check_drive(path, first, last, quit_ms):
    evs = events(path)
    forwards = [e for e in evs if e["event"] == "command" and e.get("key") == "f"
                and first - 50 <= e["t_ms"] <= last + 500]
    check(len(forwards) == 1, "one forward command for the whole hold (got %d: %s)"
          % (len(forwards), [e["t_ms"] - first for e in forwards]))
    if not forwards:
        return
    f = forwards[0]
    check(f["t_ms"] - first <= 150, "forward %d ms after the first key (limit 150)"
          % (f["t_ms"] - first))
    during = [e for e in stops(evs) if f["t_ms"] <= e["t_ms"] < last]
    check(not during, "no stop, silence or lost link during the hold (got %s)"
          % [(e["event"], e["t_ms"] - first) for e in during])
    after = [e for e in evs if e["event"] == "command" and e.get("key") == "s"
             and e["t_ms"] >= last]
    delay = after[0]["t_ms"] - last if after else None
    check(delay is not None and delay <= 400,
          "stopped %s ms after the last key (limit 400)" % delay)
    lost = [e for e in evs if e["event"] in ("silent", "link_lost")
            and first <= e["t_ms"] < quit_ms]
    check(not lost, "the link kept (no silent or link_lost before the quit: %s)"
          % [(e["event"], e.get("reason"), e["t_ms"] - first, e["t_ms"] - quit_ms)
             for e in lost])


def check_tap(path, first):
    evs = events(path)
    forwards = [e for e in evs if e["event"] == "command" and e.get("key") == "f"
                and e["t_ms"] >= first - 50]
    check(len(forwards) == 1, "one forward command for the tap (got %d)" % len(forwards))
    after = [e for e in evs if e["event"] == "command" and e.get("key") == "s"
             and e["t_ms"] >= first]
    delay = after[0]["t_ms"] - first if after else None
    check(delay is not None and 650 <= delay <= 1000,
          "a tap stopped %s ms after the key (700 expected: no repeat came)" % delay)


def full_queue():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    waiting = []
    for _ in range(2):  # backlog 0 takes one; fill it with two
        s = socket.socket()
        s.setblocking(False)
        try:
            s.connect(listener.getsockname())
        except BlockingIOError:
            pass
        waiting.append(s)
    time.sleep(0.2)
    print(listener.getsockname()[1], flush=True)
    time.sleep(120)


def main():
    args = sys.argv[1:]
    if args and args[0] == "keyboard" and "--" in args:
        i = args.index("--")
        keyboard(int(args[1]), float(args[2]), int(args[3]), args[i + 1:])
    elif args and args[0] == "check-drive" and len(args) == 5:
        check_drive(args[1], int(args[2]), int(args[3]), int(args[4]))
    elif args and args[0] == "check-tap" and len(args) == 3:
        check_tap(args[1], int(args[2]))
    elif args == ["full-queue"]:
        full_queue()
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
