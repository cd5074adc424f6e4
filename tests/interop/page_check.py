#!/usr/bin/env python3
"""page_check.py: checks demo-handshake's --html page (test_handshake_page.sh).

  page_check.py PAGE [--tamper] [--field NAME]...

Prints one line per failed check ("FAIL: ...") and exits 1 if any failed:
  - the HTML is well formed: every tag closed, in order (void tags aside);
  - every table of bytes (class "bytes": a record's wire, or a protected
    record's plaintext) is tiled by its leaf rows exactly: their data-offset
    and data-len cover 0..data-len with no gap and no overlap, each showing
    as many hex bytes as it claims; none is "not-understood" (the page
    cannot explain it) or "refused" (the library's decoder refuses it);
  - each record's wire table is as long as its header says (5 + length)
    and starts with the content type its leaves name;
  - every --field NAME is a data-field of some leaf;
  - every link inside the page leads somewhere, and no id is given twice;
  - the MAC checks (an AEAD record's tag check too): all good, or with
    --tamper at least one failed (red), the Finished shown changed (CBC) or
    the record left undecrypted (AEAD), and the bad_record_mac alert that
    followed.
"""
import re
import sys
from html.parser import HTMLParser

VOID = {"br", "img", "meta", "link", "hr", "input", "wbr", "col"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.errors = []
        self.tables = []        # dicts: what, len, leaves, record
        self.table = None
        self.leaf = None        # the leaf row being read
        self.cell = None        # the class of the td being read
        self.record = None
        self.checks = []        # data-good of each MAC or AEAD tag check
        self.tag_failed = False # an AEAD record's tag failed
        self.fields = set()
        self.text = []
        self.ids = set()
        self.links = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in VOID:
            self.stack.append(tag)
        cls = (a.get("class") or "").split()
        if a.get("id"):
            if a["id"] in self.ids:
                self.errors.append("id %s twice" % a["id"])
            self.ids.add(a["id"])
        if tag == "a" and (a.get("href") or "").startswith("#"):
            self.links.add(a["href"][1:])
            self.record = a.get("data-record")
        if tag == "div" and a.get("data-check") in ("mac", "tag"):
            self.checks.append(a.get("data-good"))
            if a.get("data-check") == "tag" and a.get("data-good") == "0":
                self.tag_failed = True
        if tag == "table" and "bytes" in cls:
            self.table = {"what": a.get("data-what"), "len": int(a.get("data-len")),
                          "leaves": [], "record": self.record}
            self.tables.append(self.table)
        if tag == "tr" and "leaf" in cls:
            if self.table is None:
                self.errors.append("a leaf outside a table of bytes")
                return
            self.leaf = {"offset": int(a["data-offset"]), "len": int(a["data-len"]),
                         "field": a["data-field"], "hex": "", "note": ""}
            self.table["leaves"].append(self.leaf)
            self.fields.add(a["data-field"])
        if tag == "td":
            self.cell = (cls or [""])[0]

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append("</%s> closes <%s>" % (tag, self.stack[-1] if self.stack else "nothing"))
            return
        self.stack.pop()
        if tag == "table":
            self.table = None
        if tag == "tr":
            self.leaf = None
        if tag == "td":
            self.cell = None

    def handle_data(self, data):
        self.text.append(data)
        if self.leaf is not None and self.cell == "hex":
            self.leaf["hex"] += data
        if self.leaf is not None and self.cell == "note":
            self.leaf["note"] += data


def check(path, tamper, fields):
    failures = []
    page = Page()
    with open(path, encoding="utf-8") as f:
        page.feed(f.read())
    page.close()
    failures += page.errors
    if page.stack:
        failures.append("tags left open: %s" % page.stack)
    for target in sorted(page.links - page.ids):
        failures.append("a link to #%s, which is nowhere" % target)
    wires = [t for t in page.tables if t["what"] == "wire"]
    if len(wires) < 8:
        failures.append("only %d records on the page" % len(wires))
    for t in page.tables:
        where = "record %s (%s)" % (t["record"], t["what"])
        at = 0
        for leaf in t["leaves"]:
            if leaf["offset"] != at:
                failures.append("%s: leaf %s at %d, wanted %d" % (where, leaf["field"], leaf["offset"], at))
            digits = re.sub(r"\s", "", leaf["hex"])
            if len(digits) != 2 * leaf["len"] or not re.fullmatch(r"[0-9a-f]*", digits):
                failures.append("%s: leaf %s shows %d hex digits for %d bytes"
                                % (where, leaf["field"], len(digits), leaf["len"]))
            if leaf["field"] in ("not-understood", "refused"):
                failures.append("%s: %d bytes not understood at %d" % (where, leaf["len"], leaf["offset"]))
            at = leaf["offset"] + leaf["len"]
        if at != t["len"]:
            failures.append("%s: leaves end at %d of %d bytes" % (where, at, t["len"]))
        if t["what"] == "wire":
            head = "".join(re.sub(r"\s", "", l["hex"]) for l in t["leaves"])[:10]
            if len(head) == 10 and 5 + int(head[6:10], 16) != t["len"]:
                failures.append("%s: header says %d bytes, table has %d" % (where, 5 + int(head[6:10], 16), t["len"]))
    for name in fields:
        if name not in page.fields:
            failures.append("no leaf named %s" % name)
    text = "".join(page.text)
    alerts = [l["note"] for t in page.tables for l in t["leaves"]
              if l["field"] == "alert.description"]
    if tamper:
        if "0" not in page.checks:
            failures.append("--tamper: no failed MAC check")
        if page.tag_failed:
            # an AEAD record that fails its tag is never decrypted
            if "DIFFERENT" not in text or "decrypts nothing" not in text:
                failures.append("--tamper: the failing tag is not shown, or not as "
                                "leaving the record undecrypted")
        elif "DIFFERENT" not in text or "NOT what" not in text:
            failures.append("--tamper: the failing MAC or the changed Finished is not shown")
        if not any("bad_record_mac" in note for note in alerts):
            failures.append("--tamper: no bad_record_mac alert among %s" % alerts)
    else:
        if not page.checks or "0" in page.checks:
            failures.append("MAC checks: %s, wanted all good" % page.checks)
        if "DIFFERENT" in text or "NOT what" in text:
            failures.append("a check failed in a run without --tamper")
    for line in failures:
        print("FAIL: %s: %s" % (path, line))
    return 1 if failures else 0


def main(argv):
    path, tamper, fields = argv[1], False, []
    rest = argv[2:]
    while rest:
        if rest[0] == "--tamper":
            tamper = True
            rest = rest[1:]
        elif rest[0] == "--field" and len(rest) > 1:
            fields.append(rest[1])
            rest = rest[2:]
        else:
            print("usage: page_check.py PAGE [--tamper] [--field NAME]...")
            return 2
    return check(path, tamper, fields)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
