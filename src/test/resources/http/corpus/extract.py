#!/usr/bin/env python3
"""Build cases.jsonl and summary.json from two public HTTP parser test suites (see README.md).

Read: nodejs/llhttp at 01e105a30fd06e248bc8ac73c4adb34a63d4114a (test/request/*.md, test/response/*.md)
      nodejs/http-parser at ec8b5ee63f0e51191ea43bb0c6eac7bfbff3141d (test.c, http_parser.c, http_parser.h)

Usage: extract.py LLHTTP_GIT_DIR HTTP_PARSER_GIT_DIR   (bare git directories; needs git and gcc)

Only the cases the STRICT reference accepts are written; the others are counted by reason in
summary.json. llhttp's boundaries are read from each case's expected event log; http-parser's come
from running its own parser (HTTP_PARSER_STRICT=1) over each case through hp_driver.c.
"""
import base64
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
LLHTTP_COMMIT = "01e105a30fd06e248bc8ac73c4adb34a63d4114a"
HTTP_PARSER_COMMIT = "ec8b5ee63f0e51191ea43bb0c6eac7bfbff3141d"
STRICT_LLHTTP_TYPES = {"request", "response", "request-finish", "response-finish"}


def interim(status):
    """A 1xx that another response follows (101 ends HTTP instead)."""
    return 100 <= status < 200 and status != 101


def git_show(git_dir, commit, path):
    return subprocess.run(["git", "--git-dir", git_dir, "show", f"{commit}:{path}"],
                          check=True, capture_output=True).stdout


def git_ls(git_dir, commit, folder):
    out = subprocess.run(["git", "--git-dir", git_dir, "ls-tree", "--name-only", f"{commit}:{folder}"],
                         check=True, capture_output=True, text=True).stdout
    return [f"{folder}/{n}" for n in out.split() if n.endswith(".md")]


# ---------------------------------------------------------------- llhttp

def llhttp_input(text):
    """The bytes of an ```http block, as test/md-test.ts makes them."""
    text = text[:-1] if text.endswith("\n") else text
    text = re.sub(r"\\(\r\n|\r|\n)", "", text)
    text = re.sub(r"\r\n|\r|\n", "\r\n", text)
    text = text.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t").replace("\\f", "\f")
    text = re.sub(r"\\x([0-9a-fA-F]+)", lambda m: chr(int(m.group(1), 16)), text)
    text = re.sub(r"\\([0-7]{1,3})", lambda m: chr(int(m.group(1), 8)), text)
    if "${" in text:
        raise ValueError("inline JavaScript")
    return text.encode("utf-8")  # the fixture writes the JavaScript string as UTF-8, \xff included


def llhttp_tests(md):
    """(heading line, heading, meta, http text, log text) for each test of an .md file."""
    lines = md.split("\n")
    heading, heading_line, meta, block, kind, body = None, 0, None, None, None, []
    found = []
    pending = {}
    for no, line in enumerate(lines, 1):
        if kind is not None:
            if line.startswith("```"):
                pending[kind] = "\n".join(body) + "\n"
                kind = None
                if "http" in pending and "log" in pending:
                    found.append((heading_line, heading, pending.get("meta"), pending["http"], pending["log"]))
                    pending = {}
            else:
                body.append(line)
            continue
        m = re.match(r"^(#{1,6})\s+(.*)$", line)
        if m:
            heading, heading_line, pending = m.group(2).strip(), no, {}
            continue
        m = re.match(r"^<!--\s*meta=(.*)-->\s*$", line)
        if m:
            pending = {"meta": json.loads(m.group(1))}
            continue
        m = re.match(r"^```(http|log)\s*$", line)
        if m:
            kind, body = m.group(1), []
    return found


def llhttp_case(path, line, heading, meta, http, log):
    """A case dict, or (None, reason) when the strict parser does not accept it."""
    ty = (meta or {}).get("type")
    if ty not in STRICT_LLHTTP_TYPES:
        return None, f"lenient or other mode ({ty})"
    direction = "request" if ty.startswith("request") else "response"
    if (meta or {}).get("skipBody") and direction == "request":
        return None, "skipBody on a request (a callback choice with no wire equivalent)"
    try:
        raw = llhttp_input(http)
    except ValueError as e:
        return None, str(e)
    events = []
    for entry in log.split("\n"):
        m = re.match(r"^off=(\d+|NULL) (.*)$", entry)
        if m:
            events.append((None if m.group(1) == "NULL" else int(m.group(1)), m.group(2)))
    messages, begin, head, upgrade_at, upgrade_kind, chunked_seen = [], None, None, None, None, False
    statuses = []
    for off, what in events:
        if what == "message begin":
            begin, head, chunked_seen = off, None, False
        elif what.startswith("headers complete"):
            head = what
        elif what.startswith("chunk header"):
            chunked_seen = True
        elif what == "message complete":
            messages.append([begin, off])
            statuses.append(head)
            begin = None
        elif what.startswith("error code=22"):
            upgrade_at = off
            upgrade_kind = "connect" if head and " method=5 " in head else "upgrade"
        elif what.startswith("error code=23"):
            upgrade_at, upgrade_kind = begin if begin is not None else off, "h2"
            begin = None
        elif what.startswith("error"):
            code = int(re.match(r"error code=(\d+)", what).group(1))
            return None, f"rejected (HPE_{LLHTTP_ERRORS.get(code, code)})"
    # a response cut by the end of the log whose length is the connection's (no chunks, no 1xx/204/304,
    # flags without F_CHUNKED 0x8 and F_CONTENT_LENGTH 0x20): llhttp_finish() completes it at EOF
    close_delimited = False
    if begin is not None and upgrade_at is None and direction == "response" and head is not None \
            and not chunked_seen and not re.search(r"status=(1\d\d|204|304) ", head) \
            and not (int(re.search(r"flags=([0-9a-f]+)", head).group(1), 16) & 0x28) \
            and not (meta or {}).get("skipBody"):
        messages.append([begin, len(raw)])  # completed by the end of the stream (llhttp_finish)
        statuses.append(head)
        close_delimited, begin = True, None
    messages = [[skip_empty_lines(raw, b, e), e] for b, e in messages]
    case = {"suite": "llhttp", "name": f"llhttp {path}:{line} {heading}", "source": f"{path}:{line}",
            "direction": direction, "raw": raw, "messages": messages, "closeDelimited": close_delimited,
            "upgradeAt": upgrade_at, "upgradeKind": upgrade_kind}
    if direction == "response":
        method = "HEAD" if (meta or {}).get("skipBody") else "GET"
        finals = [h for h in statuses if not (h and interim(int(re.search(r"status=(\d+)", h).group(1))))]
        count = len(finals) + (1 if begin is not None else 0)
        case["methods"] = [method] * max(count, 1)
    return case, None


def skip_empty_lines(raw, b, e):
    """Empty lines before a start line belong to no message (RFC 9112 2.2), wherever a parser reports its begin."""
    while b < e and raw[b:b + 1] in (b"\r", b"\n"):
        b += 1
    return b


LLHTTP_ERRORS = {}


def read_llhttp(git_dir, summary):
    constants = git_show(git_dir, LLHTTP_COMMIT, "src/llhttp/constants.ts").decode()
    block = constants[constants.index("export const ERROR = {"):]
    LLHTTP_ERRORS.update({int(v): k for k, v in re.findall(r"^\s+(\w+): (\d+),", block[:block.index("}")], re.M)})
    cases = []
    for folder in ("test/request", "test/response"):
        for path in sorted(git_ls(git_dir, LLHTTP_COMMIT, folder)):
            md = git_show(git_dir, LLHTTP_COMMIT, path).decode("utf-8")
            seen = collections.Counter()
            for line, heading, meta, http, log in llhttp_tests(md):
                summary["read"] += 1
                case, why = llhttp_case(path, line, heading, meta, http, log)
                if case is None:
                    summary["skipped"][why] += 1
                    continue
                seen[case["name"]] += 1
                if seen[case["name"]] > 1:
                    case["name"] += f" #{seen[case['name']]}"
                summary["accepted"] += 1
                cases.append(case)
    return cases


# ---------------------------------------------------------------- http-parser

C_ESCAPES = {"r": "\r", "n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'", "0": "\0"}


def c_string(literals):
    """The bytes of adjacent C string literals."""
    out = bytearray()
    for lit in re.findall(r'"((?:[^"\\]|\\.)*)"', literals, re.S):
        i = 0
        while i < len(lit):
            c = lit[i]
            if c != "\\":
                out += c.encode("utf-8")
                i += 1
                continue
            m = re.match(r"\\([0-7]{1,3})", lit[i:])
            if m:
                out.append(int(m.group(1), 8) & 0xff)
                i += len(m.group(0))
                continue
            out += C_ESCAPES[lit[i + 1]].encode("latin-1")
            i += 2
    return bytes(out)


def simple_cases(test_c):
    """test_simple/test_simple_type calls of main() that expect HPE_OK, and the all_methods loop."""
    main = test_c[test_c.index("\nmain (void)"):]
    found = []
    for m in re.finditer(r"test_simple(?:_type)?\(\s*((?:\"(?:[^\"\\]|\\.)*\"\s*(?://[^\n]*)?\s*)+),\s*HPE_OK", main):
        found.append(("test_simple " + str(len(found) + 1), "request", c_string(re.sub(r"//[^\n]*", "", m.group(1)))))
    for name in [n for n in re.findall(r"test_simple\((\w+), HPE_OK\)", main) if n != "buf"]:
        decl = re.search(r"const char \*" + name + r" =\s*((?:\"(?:[^\"\\]|\\.)*\"\s*)+);", main)
        found.append(("test_simple " + name, "request", c_string(decl.group(1))))
    methods = re.search(r"all_methods\[\] = \{(.*?)0 \};", main, re.S).group(1)
    for method in re.findall(r'^\s*"([^"]+)",', methods, re.M):
        found.append((f"all_methods {method}", "request", f"{method} / HTTP/1.1\r\n\r\n".encode()))
    return found


def strict_entries(test_c):
    """For requests[] and responses[] as the strict build has them: (source line, #define name) of each entry."""
    entries = {"requests": [], "responses": []}
    array, excluded, define = None, False, None
    for no, line in enumerate(test_c.split("\n"), 1):
        if line.startswith("const struct message requests[]"):
            array = "requests"
        elif line.startswith("const struct message responses[]"):
            array = "responses"
        elif line.startswith("#if !HTTP_PARSER_STRICT"):
            excluded = True
        elif line.startswith("#endif") and excluded:
            excluded = False
        elif array and line.startswith("};"):
            array = None
        m = re.match(r"#define (\w+) \d+\s*$", line)
        if m:
            define = m.group(1)
        if array and not excluded and re.search(r"\.name\s*=", line):
            entries[array].append((no, define))
    return entries


def non_strict_names(test_c):
    names = []
    for block in re.findall(r"#if !HTTP_PARSER_STRICT\n(.*?)#endif", test_c, re.S):
        names += re.findall(r'\.name\s*=\s*"((?:[^"\\]|\\.)*)"', block)
    return names


def run_driver(git_dir, extra):
    with tempfile.TemporaryDirectory() as tmp:
        for f in ("test.c", "http_parser.c", "http_parser.h"):
            with open(os.path.join(tmp, f), "wb") as out:
                out.write(git_show(git_dir, HTTP_PARSER_COMMIT, f))
        exe = os.path.join(tmp, "driver")
        subprocess.run(["gcc", "-O1", "-DHTTP_PARSER_STRICT=1", "-I", tmp, "-o", exe,
                        os.path.join(HERE, "hp_driver.c"), os.path.join(tmp, "http_parser.c")], check=True)
        stdin = "".join(f"{n}\t{t}\t{r.hex()}\n" for n, t, r in extra)
        out = subprocess.run([exe], input=stdin, capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.rstrip("\n").split("\n"):
        f = line.split("\t")
        if f[1] == "lenient":
            rows.append({"name": f[0], "lenient": f[2]})
            continue
        ints = lambda s: [int(x) for x in s.split("=", 1)[1].split(",") if x]
        rows.append({"name": f[0], "direction": f[1], "raw": bytes.fromhex(f[2]), "begins": ints(f[3]),
                     "ends": ints(f[4]), "upgradeAt": int(f[5].split("=")[1]), "eof": f[6] == "eofcomplete=1",
                     "error": f[7].split("=", 1)[1], "keepAlive": f[8] == "keepalive=1"})
    return rows


def status_at(raw, b):
    m = re.match(rb"HTTP/\d\.\d (\d{3})", raw[b:b + 16])
    return int(m.group(1)) if m else 0


def hp_case(row, source):
    if "lenient" in row:
        return None, "lenient flag " + row["lenient"]
    if row["error"] == "HPE_INVALID_EOF_STATE":
        return None, "no complete message: accepted bytes, cut by the end of the stream (HPE_INVALID_EOF_STATE)"
    if row["error"] != "-":
        return None, "rejected (" + row["error"] + ")"
    raw, begins, ends = row["raw"], row["begins"], row["ends"]
    messages = [[skip_empty_lines(raw, b, e), e] for b, e in zip(begins, ends)]
    upgrade = row["upgradeAt"] if row["upgradeAt"] >= 0 else None
    kind = None
    if upgrade is not None:
        kind = "connect" if raw[messages[-1][0]:].upper().startswith(b"CONNECT ") else "upgrade"
    case = {"suite": "http-parser", "name": "http-parser " + row["name"], "source": source,
            "direction": row["direction"], "raw": raw, "messages": messages, "closeDelimited": row["eof"],
            "upgradeAt": upgrade, "upgradeKind": kind}
    if row["direction"] == "response":
        finals = [m for m in messages if not interim(status_at(raw, m[0]))]
        case["methods"] = ["GET"] * max(len(finals) + (len(begins) > len(ends)), 1)
    return case, None


def read_http_parser(git_dir, summary):
    test_c = git_show(git_dir, HTTP_PARSER_COMMIT, "test.c").decode("utf-8")
    entries = strict_entries(test_c)
    for name in non_strict_names(test_c):
        summary["read"] += 1
        summary["skipped"]["only without HTTP_PARSER_STRICT (#if !HTTP_PARSER_STRICT)"] += 1
    simple = simple_cases(test_c)
    base = run_driver(git_dir, simple)
    singles = {}
    for row in base:
        m = re.match(r"(requests|responses)\[(\d+)\] ", row["name"])
        if m:
            line, define = entries[m.group(1)][int(m.group(2))]
            row["source"], row["define"] = f"test.c:{line}", define
            singles[row["name"]] = row

    # Pipelined triples as test.c's test_multiple3 and test_scan build them: all of them is ~10^5, so
    # each case goes once in third place after two keep-alive cases that take turns, and the scans' six.
    ok = [r for r in singles.values() if "lenient" not in r and r["error"] == "-"]
    combos = []
    for array in ("requests", "responses"):
        mine = [r for r in ok if r["name"].startswith(array + "[")]
        keep = [r for r in mine if keeps_alive(r)]
        for k, third in enumerate(mine):
            combos.append((f"multiple3 {array}", [keep[k % len(keep)], keep[(k + 1) % len(keep)], third]))
    main = test_c[test_c.index("\nmain (void)"):]
    for scan in re.findall(r"test_scan\(\s*(&\w+\[\s*\w+\s*\]\s*,\s*&\w+\[\s*\w+\s*\]\s*,\s*&\w+\[\s*\w+\s*\])", main):
        picks = re.findall(r"&(\w+)\[\s*(\w+)\s*\]", scan)
        rows = [next(r for r in singles.values() if r["name"].startswith(a + "[") and r["define"] == d) for a, d in picks]
        combos.append((f"scan {picks[0][0]}", rows))
    extra = []
    for label, rows in combos:
        ids = "+".join(re.match(r"\w+\[(\d+)\]", r["name"]).group(1) for r in rows)
        extra.append((f"{label}[{ids}]", rows[0]["direction"], b"".join(r["raw"] for r in rows)))
    combined = run_driver(git_dir, extra)[-len(extra):]

    cases = []
    for row in base + combined:
        summary["read"] += 1
        source = row.get("source") or ("test.c main()" if row in base else "test.c test_multiple3/test_scan")
        case, why = hp_case(row, source)
        if case is None:
            summary["skipped"][why] += 1
            continue
        summary["accepted"] += 1
        cases.append(case)
    return cases


def keeps_alive(row):
    """test_multiple3 puts only should_keep_alive entries first; an upgrade ends the stream too."""
    return row["keepAlive"] and row["upgradeAt"] < 0


# ---------------------------------------------------------------- output

def main():
    if len(sys.argv) != 3:
        sys.exit("usage: extract.py LLHTTP_GIT_DIR HTTP_PARSER_GIT_DIR")
    summaries = {}
    cases = []
    for suite, reader, git_dir in (("llhttp", read_llhttp, sys.argv[1]), ("http-parser", read_http_parser, sys.argv[2])):
        summary = {"read": 0, "accepted": 0, "skipped": collections.Counter()}
        got = reader(git_dir, summary)
        cases += got
        summaries[suite] = {"read": summary["read"], "accepted": summary["accepted"],
                            "skipped": dict(sorted(summary["skipped"].items()))}
    with open(os.path.join(HERE, "cases.jsonl"), "w") as out:
        for c in cases:
            c = dict(c)
            c["raw"] = base64.b64encode(c["raw"]).decode()
            out.write(json.dumps(c, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "summary.json"), "w") as out:
        json.dump({"llhttp": LLHTTP_COMMIT, "http-parser": HTTP_PARSER_COMMIT, "suites": summaries}, out, indent=2)
        out.write("\n")
    for suite, s in summaries.items():
        print(suite, s["read"], "read,", s["accepted"], "accepted,", sum(s["skipped"].values()), "skipped")


if __name__ == "__main__":
    main()
