#!/bin/sh
# Every command of the command table (as `followup --help` lists it, each
# one's full usage from `followup CMD --help`) with missing, extra and
# malformed arguments: exit 2 and one line on stderr naming the usage,
# never a crash, and the database unchanged.
. "$(dirname "$0")/../lib.sh"

fu import "$SEED"; expect_rc 0 "import"
fu history; before=$(wc -l <"$T/out")
python3 - "$FU" "$DB" "$SEED" "$T" <<'PY' || failures=$((failures + 1))
import re, subprocess, sys
fu, db, seed, tmp = sys.argv[1:5]
bad = []

def run(args, want=(2,), why="", usage=False):
    p = subprocess.run([fu, "--db", db] + args, capture_output=True)
    err = p.stderr.decode("utf-8", "replace")
    shown = " ".join(repr(a) if a == "" or " " in a else a[:40] for a in args)
    if p.returncode < 0 or p.returncode >= 128:
        bad.append(f"{shown}: CRASH (signal {-p.returncode if p.returncode < 0 else p.returncode - 128})")
    elif p.returncode not in want:
        bad.append(f"{shown}: exit {p.returncode}, wanted {want} ({why}): {err.strip()[:120]}")
    elif p.returncode != 0:
        lines = err.splitlines()
        if len(lines) != 1 or not lines[0].startswith("followup: "):
            bad.append(f"{shown}: stderr is not one 'followup:' line: {err[:200]!r}")
        elif usage and p.returncode == 2 and f"usage: followup {args[0]}" not in lines[0] \
                and not (args[0] == "review" and "--help" in lines[0]):
            bad.append(f"{shown}: the error does not give the usage: {lines[0]}")
        if re.search(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]", p.stderr):
            bad.append(f"{shown}: raw control bytes on stderr")
    return p.returncode

top = subprocess.run([fu, "--help"], capture_output=True, text=True).stdout
names = re.findall(r"^  ([a-z]+)\b", top.split("Commands:")[1].split("\n\n")[0], re.M)
assert len(names) >= 15, names

# Placeholder values for positionals, by name (and command).
def value(cmd, sub, word):
    return {"FILE": seed if cmd in ("parse", "import") else f"{tmp}/out.db",
            "TASK": "2.4", "DEPT": "区科委", "STATUS": "active", "TEXT": "t",
            "N": "1", "LEVEL": "good", "R": "R1"}.get(word,
            {"add": "newname" if cmd == "user" else "区新局"}.get(sub, "x"))

for cmd in names:
    h = subprocess.run([fu, cmd, "--help"], capture_output=True, text=True)
    if h.returncode != 0:
        bad.append(f"{cmd} --help: exit {h.returncode}")
        continue
    usage = h.stdout.split("\n\n")[0]
    usage = re.sub(r"^.*?\[--as USER\] ", "", usage, flags=re.S).replace("\n", " ")
    for alt in [a.strip() for a in re.split(r"\s\|\s", usage)]:
        words = alt.split()
        if not words or words[0] != cmd:
            continue
        sub = words[1] if len(words) > 1 and re.fullmatch(r"[a-z]+", words[1]) else None
        rest = words[2:] if sub else words[1:]
        prefix = [cmd] + ([sub] if sub else [])
        # required positionals and options: outside brackets
        depth, req, reqopt, opts = 0, [], [], []
        toks = re.findall(r"\[|\]|[^\s\[\]]+", " ".join(rest))
        i = 0
        while i < len(toks):
            t = toks[i]
            if t == "[": depth += 1
            elif t == "]": depth -= 1
            elif t.startswith("-"):
                nxt = toks[i + 1] if i + 1 < len(toks) else ""
                if nxt == "[":            # an optional value: --since-review [N]
                    i += 1
                    continue
                val = nxt if nxt and nxt != "]" and not nxt.startswith("-") else None
                (reqopt if depth == 0 else opts).append((t, val))
                if val: i += 1
            elif depth == 0 and re.fullmatch(r"[A-Z][A-Z0-9_]*", t):
                req.append(t)
            i += 1
        fill = [value(cmd, sub, w) for w in req]
        need = []
        for o, v in reqopt:
            need += [o, v.split("|")[0] if v and "|" in v else "x"] if v else [o]
        # missing: each shorter list of required positionals, and no required option
        for k in range(len(req)):
            run(prefix + fill[:k] + need, why="missing " + req[k], usage=not sub)
        if reqopt:
            run(prefix + fill, why="missing " + reqopt[0][0])
        # extra positionals
        run(prefix + fill + need + ["extra", "more"], why="extra arguments", usage=True)
        # unknown options, options glued wrongly
        for o in ("--bogus", "--bogus=1", "-Z", "---", "--="):
            run(prefix + fill + need + [o], why="unknown option " + o, usage=cmd != "review")
        for o, v in opts + reqopt:
            if o == "--help":
                continue
            if v and not v.startswith("["):
                run(prefix + fill + need + [o], why=o + " without its value", usage=True)
            elif not v:
                run(prefix + fill + need + [o + "=1"], why=o + " takes no value", usage=True)
            if v and "|" in v:
                run(prefix + fill + need + [o, "bogus"], why=o + " bogus")
            if v and re.search(r"YYYY|DATE", v):
                for d in ("2024-02-30", "tomorrow", "2024-01-01x", "-1"):
                    run(prefix + fill + need + [o, d], why=o + " " + d)
        # hostile values in every positional: no crash, one line when refused
        for k in range(len(req)):
            for v in ("", "-", "\x1b[2J", "\xff\xfe".encode("latin-1").decode("utf-8", "surrogateescape"),
                      "x" * 100000):
                args = fill[:k] + [v] + fill[k + 1:]
                if cmd in ("import", "dept", "user", "backup", "review") and v == "-":
                    continue
                run(prefix + args + need + ["extra"], why="hostile value and extra")
                if cmd not in ("import", "dept", "user", "backup", "review", "assign",
                               "status", "note", "accept", "return", "instruct", "extend",
                               "cycle", "attach", "report-meta", "edit", "withdraw",
                               "restore", "strike", "add", "move", "merge", "split"):
                    run(prefix + args + need, want=(0, 1, 2, 3, 4), why="hostile value")
# an option where a name belongs is an error, not a name
run(["dept", "add", "--role"], why="dept add --role", usage=True)
run(["dept", "add", "--bogus=1"], why="dept add --bogus=1", usage=True)
# Global options
run(["--db"], why="--db without a value")
run(["--bogus"], why="unknown global option")
run(["bogus-command"], why="unknown command")
run(["--as", "", "list"], why="empty --as")
run(["--as", "x" * 100, "list"], why="long --as")
for b in bad:
    print("FAIL:", b)
print(f"{len(bad)} problems", file=sys.stderr) if bad else None
sys.exit(1 if bad else 0)
PY
fu history; [ "$(wc -l <"$T/out")" -eq "$before" ] || fail "the history changed: $(tail -3 "$T/out")"
fu dept list; expect_no_out "区新局" "no department was added"
fu verify; expect_rc 0 "verify"
finish
