#!/usr/bin/env python3
"""drive.py: headless Chromium driven like a user, one step a line.

Launches Debian's chromium with the Chrome DevTools Protocol (CDP) on a
pipe (--remote-debugging-pipe: JSON messages ended by a NUL byte, commands
on the browser's descriptor 3, answers and events on its descriptor 4), so
nothing but python3 and chromium is needed: no WebSocket client, no npm
package, no browser download. Certificate checks are never turned off.

Usage: drive.py [--home DIR] [--profile DIR] [--client-cert-for PATTERN
                 --client-cert-issuer CN] [--log FILE] [STEPS_FILE]

The steps come from STEPS_FILE, or standard input; one a line, split as a
shell splits words; a line starting with '#' is a comment. Every step's
name and word count are checked before the browser starts. Tabs are
numbered 1, 2, ... in the order they were opened (tab 1: the window the
browser starts with); steps act on the current tab.

  open URL [VIEWPORT]    load URL in the current tab; VIEWPORT is
                         WIDTHxHEIGHT (a desktop window, mouse; 1280x720
                         by default) or phone (390x844, touch, mobile) or
                         WIDTHxHEIGHTtouch
  newtab URL [VIEWPORT]  open a new tab on URL and make it current (the
                         one that was in front is hidden: the page gets
                         visibilitychange)
  tab N                  bring tab N to the front and make it current
  closetab [N]           close tab N (the current one by default), as a
                         user closing it: the page gets pagehide/unload;
                         the current tab becomes the last one left
  keydown KEY            press KEY (w, a, ArrowUp, Space, Escape ...)
  keyrepeat KEY MS EVERY autorepeat of a held KEY: for MS ms a keydown
                         with repeat set every EVERY ms, as a keyboard
                         does while a key stays down
  keyup KEY              release KEY
  hold KEY MS [DELAY EVERY]  keydown, MS ms, keyup; with DELAY and
                         EVERY, autorepeat after DELAY ms every EVERY ms
  mousedown SELECTOR     left button down on the element's centre
  mouseup SELECTOR       left button up there
  touchstart SELECTOR    a finger on the element's centre
  touchend               the finger lifted
  freeze MS              stop the whole browser for MS ms (SIGSTOP to
                         its process group), then continue it: the page's
                         clock and its connections go silent, closing
                         nothing, as when the network drops
  wait MS                sleep MS ms
  waitfor SELECTOR [MS]  until an element matches (default 5000 ms)
  waittext SELECTOR TEXT [MS]  until its text contains TEXT
  text SELECTOR [FILE]   the element's innerText, into FILE (default:
                         standard output)
  eval EXPRESSION [FILE] the expression's value as compact JSON, likewise
  screenshot FILE        a PNG of the current tab's viewport
  expectload ERROR       the next open or newtab must fail with ERROR
                         (net::ERR_...), and the steps go on

Standard output has the text of `text` and `eval` without FILE. The log
(standard error, or --log FILE) has a line as each step begins, and one
for the outcome of each load ("loaded URL" or "load failed: URL:
net::ERR_..."), each starting with two times: CLOCK_MONOTONIC in whole
ms (the clock of alex-server's event t_ms, so a step and the robot's
events compare directly) and the ms since launch. Exit status: 0 when
every step ran; 3 when a load failed (unless expected by expectload),
with the error on standard error; 4 when a step timed out or the page
refused it; 2 for a bad step; 5 when chromium could not be started.

--home DIR makes DIR the browser's HOME (its NSS database is
DIR/.pki/nssdb: the CAs it trusts and the client identities it holds).
--profile DIR is the --user-data-dir (a new temporary one by default).
--client-cert-for PATTERN with --client-cert-issuer CN writes into the
profile, before launch, the per-profile form of Chromium's
AutoSelectCertificateForUrls policy: for a site matching PATTERN
(https://localhost:*) the browser presents, without asking, the client
certificate from its NSS database whose issuer's CN is CN. Headless
Chromium shows no certificate dialog: without this setting, a server that
asks for a certificate gets none when the database holds none it may
take, and otherwise the load waits for a choice no one makes (the
navigation then times out, NAVIGATE_SECONDS).
"""

import argparse
import base64
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

FLAGS = [
    "--headless",
    "--disable-gpu",
    # shared memory in files under /tmp: a container's /dev/shm is small
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--no-default-browser-check",
    # nothing reached but the test's own servers
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
    # No flag changes how a hidden tab runs (Chromium throttles its
    # timers): a page must cope with being hidden as in a person's browser.
    "--remote-debugging-pipe",
]

# The events a step waits for; the others (console messages, script
# contexts ...) are dropped as they come, so a long session keeps no heap
# of them.
KEPT_EVENTS = ("Page.lifecycleEvent", "Target.detachedFromTarget")
NAVIGATE_SECONDS = 20
PHONE = (390, 844)
DEFAULT_VIEWPORT = (1280, 720)


class StepError(Exception):
    """A step that could not be done: exit status and message."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


# Keys by the name a step gives: (key, code, windowsVirtualKeyCode, text).
# UI Events KeyboardEvent key and code values; the virtual key codes are
# what Chromium's keyCode reports.
def key_description(name):
    named = {
        "ArrowUp": ("ArrowUp", "ArrowUp", 38, ""),
        "ArrowDown": ("ArrowDown", "ArrowDown", 40, ""),
        "ArrowLeft": ("ArrowLeft", "ArrowLeft", 37, ""),
        "ArrowRight": ("ArrowRight", "ArrowRight", 39, ""),
        "Space": (" ", "Space", 32, " "),
        "Enter": ("Enter", "Enter", 13, "\r"),
        "Escape": ("Escape", "Escape", 27, ""),
        "Tab": ("Tab", "Tab", 9, ""),
        "Shift": ("Shift", "ShiftLeft", 16, ""),
    }
    if name in named:
        return named[name]
    if len(name) == 1 and name.isalpha():
        return (name.lower(), "Key" + name.upper(), ord(name.upper()), name.lower())
    if len(name) == 1 and name.isdigit():
        return (name, "Digit" + name, ord(name), name)
    raise StepError(2, "unknown key %r" % name)


class Pipe:
    """The CDP connection: commands written to the browser, a thread reading
    answers (by id) and events (kept in order until taken)."""

    def __init__(self, to_browser, from_browser):
        self.out = to_browser
        self.inp = from_browser
        self.next_id = 0
        self.answers = {}
        self.events = []
        self.closed = False
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        pending = b""
        while True:
            chunk = os.read(self.inp, 65536)
            if not chunk:
                break
            pending += chunk
            while b"\0" in pending:
                raw, pending = pending.split(b"\0", 1)
                message = json.loads(raw)
                with self.cond:
                    if "id" in message:
                        self.answers[message["id"]] = message
                    elif message.get("method") in KEPT_EVENTS:
                        self.events.append(message)
                    self.cond.notify_all()
        with self.cond:
            self.closed = True
            self.cond.notify_all()

    def send(self, method, params=None, session=None, timeout=30):
        """One command; its result, or StepError on an error answer."""
        with self.cond:
            self.next_id += 1
            ident = self.next_id
        message = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        try:
            os.write(self.out, json.dumps(message).encode() + b"\0")
        except OSError:  # the browser has gone: its end of the pipe closed
            raise StepError(4, "%s: the browser has gone" % method) from None
        deadline = time.monotonic() + timeout
        with self.cond:
            while ident not in self.answers:
                left = deadline - time.monotonic()
                if self.closed or left <= 0:
                    raise StepError(4, "%s: no answer from the browser" % method)
                self.cond.wait(left)
            answer = self.answers.pop(ident)
        if "error" in answer:
            raise StepError(4, "%s: %s" % (method, answer["error"].get("message")))
        return answer.get("result", {})

    def wait_event(self, match, timeout):
        """The first event (oldest first) for which match(event) holds,
        taken out of the queue; None after timeout seconds."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for i, event in enumerate(self.events):
                    if match(event):
                        return self.events.pop(i)
                left = deadline - time.monotonic()
                if self.closed or left <= 0:
                    return None
                self.cond.wait(left)


class Tab:
    def __init__(self, target_id, session):
        self.target_id = target_id
        self.session = session


class Driver:
    def __init__(self, args):
        self.args = args
        self.tabs = {}
        self.current = None
        self.opened = 0
        self.start = time.monotonic()
        self.expected_error = None
        self.log = open(args.log, "a") if args.log else sys.stderr

    # -------------------------------------------------------------- launch
    def launch(self):
        """Chromium started on the pipe, with HOME's NSS database and a
        profile of its own; its first window is tab 1."""
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if not chromium:
            raise StepError(5, "no chromium on PATH")
        profile = self.args.profile or tempfile.mkdtemp(prefix="drive-profile.")
        self.own_profile = None if self.args.profile else profile
        os.makedirs(profile, exist_ok=True)
        if self.args.client_cert_for:
            write_auto_select(profile, self.args.client_cert_for, self.args.client_cert_issuer)
        self.start_on_pipe(chromium, profile)
        try:
            version = self.pipe.send("Browser.getVersion", timeout=30)
        except StepError:
            raise StepError(5, "chromium did not start: %s" % self.browser_complaint()) from None
        self.note("browser %s" % version.get("product"))
        pages = [t for t in self.pipe.send("Target.getTargets")["targetInfos"] if t["type"] == "page"]
        if not pages:
            raise StepError(5, "chromium opened no page")
        self.attach(pages[0]["targetId"])

    def start_on_pipe(self, chromium, profile):
        """The browser process, its descriptors 3 and 4 our pipes' ends, its
        own output in the profile's chromium.err."""
        env = dict(os.environ)
        if self.args.home:
            home = os.path.abspath(self.args.home)
            env.update(HOME=home, XDG_CONFIG_HOME=home + "/.config", XDG_CACHE_HOME=home + "/.cache")
        flags = list(FLAGS)
        # Chromium refuses root with its sandbox on, and a container gives
        # root no user namespaces for it.
        if os.geteuid() == 0:
            flags.append("--no-sandbox")
        flags += ["--user-data-dir=" + profile, "about:blank"]
        commands_r, commands_w = os.pipe()
        answers_r, answers_w = os.pipe()

        def pipes_on_3_and_4():
            # by way of high numbers: either end may already be 3 or 4
            os.dup2(commands_r, 100)
            os.dup2(answers_w, 101)
            os.dup2(100, 3)
            os.dup2(101, 4)

        self.browser_err = os.path.join(profile, "chromium.err")
        with open(self.browser_err, "w") as err:
            self.proc = subprocess.Popen(
                [chromium] + flags, env=env, stdin=subprocess.DEVNULL, stdout=err, stderr=err,
                # Not close_fds: it would close 3 and 4 after preexec_fn.
                # The other descriptors are close-on-exec (os.pipe's, PEP
                # 446); dup2 leaves 3 and 4 open across exec.
                preexec_fn=pipes_on_3_and_4, close_fds=False,
                # a process group of its own: freeze stops all of it
                start_new_session=True)
        os.close(commands_r)
        os.close(answers_w)
        self.pipe = Pipe(commands_w, answers_r)

    def browser_complaint(self):
        """The last lines of chromium's own output that are not its usual
        noise (no D-Bus in a container)."""
        with open(self.browser_err, errors="replace") as f:
            lines = [line.strip() for line in f if "dbus" not in line and line.strip()]
        return " / ".join(lines[-3:]) or "no output"

    def attach(self, target_id):
        session = self.pipe.send("Target.attachToTarget", {"targetId": target_id, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime"):
            self.pipe.send(domain + ".enable", session=session)
        # lifecycle events carry the loader of the navigation they belong
        # to: a load is known as this navigation's, not an earlier one's
        self.pipe.send("Page.setLifecycleEventsEnabled", {"enabled": True}, session=session)
        self.opened += 1
        self.tabs[self.opened] = Tab(target_id, session)
        self.current = self.opened
        return self.tabs[self.opened]

    def quit(self):
        try:
            self.pipe.send("Browser.close", timeout=5)
        except (StepError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.own_profile:
            shutil.rmtree(self.own_profile, ignore_errors=True)

    # -------------------------------------------------------------- helpers
    def note(self, text):
        """A log line: CLOCK_MONOTONIC in ms (Python's monotonic clock on
        Linux, and the clock of alex-server's event t_ms), the ms since
        launch, then what happened."""
        now = time.monotonic()
        print("%d %8.1f %s" % (now * 1000, (now - self.start) * 1000, text), file=self.log, flush=True)

    def tab(self):
        if self.current not in self.tabs:
            raise StepError(2, "no current tab (open one first)")
        return self.tabs[self.current]

    def send(self, method, params=None):
        return self.pipe.send(method, params, session=self.tab().session)

    def evaluate(self, expression):
        """The value of a page expression (awaited if a promise)."""
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            detail = result["exceptionDetails"]
            text = detail.get("exception", {}).get("description") or detail.get("text")
            raise StepError(4, "the page threw: %s" % text)
        return result["result"].get("value")

    def centre(self, selector):
        """The centre of the first element matching selector, scrolled into
        view, in CSS pixels of the viewport."""
        point = self.evaluate(
            "(() => { const e = document.querySelector(%s); if (!e) return null;"
            " e.scrollIntoView({block: 'center', inline: 'center'});"
            " const r = e.getBoundingClientRect();"
            " return [r.left + r.width / 2, r.top + r.height / 2]; })()" % json.dumps(selector))
        if point is None:
            raise StepError(4, "no element matches %s" % selector)
        return point

    def set_viewport(self, spec):
        width, height = DEFAULT_VIEWPORT
        touch = False
        if spec == "phone":
            (width, height), touch = PHONE, True
        elif spec:
            if spec.endswith("touch"):
                spec, touch = spec[:-len("touch")], True
            try:
                width, height = (int(n) for n in spec.split("x"))
            except ValueError:
                raise StepError(2, "viewport %r: WIDTHxHEIGHT or phone" % spec) from None
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": touch})
        # Touch emulation makes the page see a touch screen (maxTouchPoints,
        # ontouchstart) as a phone's browser shows it.
        self.send("Emulation.setTouchEmulationEnabled", {"enabled": touch, "maxTouchPoints": 5 if touch else 1})

    def load(self, url):
        """Navigate and wait for the load event; on a network error, a
        StepError(3) unless expectload named it."""
        tab = self.tab()
        with self.pipe.cond:  # the tab's events of earlier loads are stale
            self.pipe.events = [e for e in self.pipe.events if e.get("sessionId") != tab.session]
        try:
            result = self.pipe.send("Page.navigate", {"url": url}, session=tab.session, timeout=NAVIGATE_SECONDS)
        except StepError:
            # Seen when the server asks for a client certificate, the NSS
            # database holds one the server's CA list allows, and no
            # auto-select setting picks it: the browser waits for a choice
            # that headless Chromium never offers.
            raise StepError(4, "%s: no answer to the navigation in %d s (a client certificate"
                            " to choose? see --client-cert-for)" % (url, NAVIGATE_SECONDS)) from None
        error = result.get("errorText")
        expected, self.expected_error = self.expected_error, None
        if error:
            self.note("load failed: %s: %s" % (url, error))
            if expected == error:
                return
            raise StepError(3, "load failed: %s: %s" % (url, error))
        if expected:
            raise StepError(3, "loaded %s, expected %s" % (url, expected))
        loader = result.get("loaderId")
        if loader is None:  # a move within the page (a #fragment): no load
            self.note("moved to %s" % url)
            return

        def this_load(event):
            params = event.get("params", {})
            return (event.get("method") == "Page.lifecycleEvent" and event.get("sessionId") == tab.session
                    and params.get("name") == "load" and params.get("loaderId") == loader)

        loaded = self.pipe.wait_event(this_load, 30)
        if loaded is None:
            raise StepError(4, "%s: no load event in 30 s" % url)
        self.note("loaded %s" % url)

    def output(self, value, path):
        if path:
            with open(path, "w") as f:
                f.write(value)
        else:
            sys.stdout.write(value + ("" if value.endswith("\n") else "\n"))
            sys.stdout.flush()

    def key_event(self, kind, name, repeat=False):
        key, code, vk, text = key_description(name)
        params = {"type": kind, "key": key, "code": code, "windowsVirtualKeyCode": vk,
                  "nativeVirtualKeyCode": vk, "autoRepeat": repeat}
        if kind == "keyDown":
            # a key with text also gives keypress and input, as typing does
            if text:
                params["text"] = params["unmodifiedText"] = text
            else:
                params["type"] = "rawKeyDown"
        self.send("Input.dispatchKeyEvent", params)

    def mouse(self, kind, selector):
        x, y = self.centre(selector)
        if kind == "mousePressed":
            self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
        self.send("Input.dispatchMouseEvent",
                  {"type": kind, "x": x, "y": y, "button": "left", "buttons": 1 if kind == "mousePressed" else 0,
                   "clickCount": 1})

    def poll(self, what, check, ms):
        deadline = time.monotonic() + ms / 1000
        while True:
            if check():
                return
            if time.monotonic() > deadline:
                raise StepError(4, "%s: not within %d ms" % (what, ms))
            time.sleep(0.05)

    # -------------------------------------------------------------- steps
    def step(self, words):
        self.note(" ".join(shlex.quote(w) for w in words))
        try:
            getattr(self, "do_" + words[0])(*words[1:])
        except ValueError:
            raise StepError(2, "step %r: a number expected" % " ".join(words)) from None

    def do_open(self, url, viewport=None):
        if self.current not in self.tabs:
            raise StepError(2, "open: every tab is closed (newtab opens one)")
        self.set_viewport(viewport)
        self.load(url)

    def do_newtab(self, url, viewport=None):
        target = self.pipe.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.attach(target)
        self.set_viewport(viewport)
        self.load(url)

    def do_tab(self, number):
        if int(number) not in self.tabs:
            raise StepError(2, "no tab %s" % number)
        self.current = int(number)
        self.pipe.send("Target.activateTarget", {"targetId": self.tab().target_id})

    def do_closetab(self, number=None):
        which = int(number) if number else self.current
        if which not in self.tabs:
            raise StepError(2, "no tab %s" % which)
        closing = self.tabs.pop(which)
        self.pipe.send("Target.closeTarget", {"targetId": closing.target_id})
        self.pipe.wait_event(lambda e: e.get("method") == "Target.detachedFromTarget"
                             and e["params"].get("sessionId") == closing.session, 5)
        if which == self.current:
            self.current = max(self.tabs) if self.tabs else None

    def do_keydown(self, key):
        self.key_event("keyDown", key)

    def do_keyup(self, key):
        self.key_event("keyUp", key)

    def autorepeat(self, key, first, every, end):
        """Keydowns with repeat set at first, first + every, ... (monotonic
        seconds) while before end: on a fixed schedule, as a keyboard's
        repeat rate is, however long each dispatch takes."""
        if every <= 0:
            raise StepError(2, "autorepeat every %d ms: a positive period is needed" % every)
        at = first
        while at < end:
            time.sleep(max(0.0, at - time.monotonic()))
            self.key_event("keyDown", key, repeat=True)
            at += every / 1000

    def do_keyrepeat(self, key, ms, every):
        now = time.monotonic()
        self.autorepeat(key, now + int(every) / 1000, int(every), now + int(ms) / 1000)

    def do_hold(self, key, ms, delay=None, every=None):
        if (delay is None) != (every is None):
            raise StepError(2, "hold KEY MS [DELAY EVERY]")
        start = time.monotonic()
        end = start + int(ms) / 1000
        self.key_event("keyDown", key)
        if delay is not None:
            self.autorepeat(key, start + int(delay) / 1000, int(every), end)
        time.sleep(max(0.0, end - time.monotonic()))
        self.key_event("keyUp", key)

    def do_freeze(self, ms):
        """The whole browser stopped (SIGSTOP to its process group: the
        browser, its renderers, its network service) for MS ms, then
        continued: the page's timers stop and its connections go silent
        without being closed, as when a laptop sleeps or the network
        drops."""
        os.killpg(self.proc.pid, signal.SIGSTOP)
        try:
            time.sleep(int(ms) / 1000)
        finally:
            os.killpg(self.proc.pid, signal.SIGCONT)

    def do_mousedown(self, selector):
        self.mouse("mousePressed", selector)

    def do_mouseup(self, selector):
        self.mouse("mouseReleased", selector)

    def do_touchstart(self, selector):
        x, y = self.centre(selector)
        self.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})

    def do_touchend(self):
        self.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})

    def do_wait(self, ms):
        time.sleep(int(ms) / 1000)

    def do_waitfor(self, selector, ms="5000"):
        self.poll("waitfor %s" % selector,
                  lambda: self.evaluate("document.querySelector(%s) !== null" % json.dumps(selector)), int(ms))

    def do_waittext(self, selector, text, ms="5000"):
        self.poll("waittext %s %r" % (selector, text), lambda: self.evaluate(
            "((e) => e !== null && e.innerText.includes(%s))(document.querySelector(%s))"
            % (json.dumps(text), json.dumps(selector))), int(ms))

    def do_text(self, selector, path=None):
        value = self.evaluate("((e) => e === null ? null : e.innerText)(document.querySelector(%s))"
                              % json.dumps(selector))
        if value is None:
            raise StepError(4, "no element matches %s" % selector)
        self.output(value, path)

    def do_eval(self, expression, path=None):
        self.output(json.dumps(self.evaluate(expression), separators=(",", ":")), path)

    def do_screenshot(self, path):
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def do_expectload(self, error):
        self.expected_error = error


def write_auto_select(profile, pattern, issuer_cn):
    """The profile's Preferences with an auto_select_certificate content
    setting: PATTERN -> the client certificate whose issuer has CN
    ISSUER_CN (the value AutoSelectCertificateForUrls holds per URL)."""
    os.makedirs(os.path.join(profile, "Default"), exist_ok=True)
    path = os.path.join(profile, "Default", "Preferences")
    prefs = {}
    if os.path.exists(path):
        with open(path) as f:
            prefs = json.load(f)
    exceptions = prefs.setdefault("profile", {}).setdefault("content_settings", {}).setdefault("exceptions", {})
    exceptions.setdefault("auto_select_certificate", {})[pattern + ",*"] = {
        "last_modified": "13300000000000000",
        "setting": {"filters": [{"ISSUER": {"CN": issuer_cn}}]},
    }
    with open(path, "w") as f:
        json.dump(prefs, f)


def parse_args(argv):
    parser = argparse.ArgumentParser(description="headless Chromium driven by steps (see the file's header)")
    parser.add_argument("--home")
    parser.add_argument("--profile")
    parser.add_argument("--client-cert-for")
    parser.add_argument("--client-cert-issuer")
    parser.add_argument("--log")
    parser.add_argument("steps", nargs="?")
    args = parser.parse_args(argv)
    if bool(args.client_cert_for) != bool(args.client_cert_issuer):
        parser.error("--client-cert-for and --client-cert-issuer go together")
    return args


def read_steps(source):
    steps = []
    for number, line in enumerate(source, 1):
        try:
            # a comment is a whole line: '#' also begins CSS id selectors
            words = [] if line.lstrip().startswith("#") else shlex.split(line)
        except ValueError as e:
            raise StepError(2, "line %d: %s" % (number, e)) from None
        if words:
            steps.append(words)
    return steps


def check_steps(steps):
    """Each step's name known and its word count right, before the browser
    starts."""
    import inspect
    for words in steps:
        handler = getattr(Driver, "do_" + words[0], None)
        if handler is None:
            raise StepError(2, "unknown step %r" % words[0])
        try:
            inspect.signature(handler).bind(None, *words[1:])
        except TypeError:
            raise StepError(2, "step %r: wrong number of words" % " ".join(words)) from None


def main(argv):
    args = parse_args(argv)
    driver = None
    # killed (timeout(1) sends SIGTERM): leave through the finally below,
    # which closes the browser and removes its temporary profile
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(128 + number))
    try:
        if args.steps:
            with open(args.steps) as f:
                steps = read_steps(f)
        else:
            steps = read_steps(sys.stdin)
        check_steps(steps)
        driver = Driver(args)
        driver.launch()
        for words in steps:
            driver.step(words)
        return 0
    except StepError as e:
        print("drive.py: %s" % e, file=sys.stderr)
        return e.status
    finally:
        if driver is not None and hasattr(driver, "pipe"):
            driver.quit()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
