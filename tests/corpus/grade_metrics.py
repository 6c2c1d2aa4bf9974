#!/usr/bin/env python3
"""Grades the figures `followup parse --json` finds, and their direction
(at-least, at-most, about, fact), against the `.metrics` files of
tests/corpus (`FIGURE | VALUE | UNIT | DIRECTION`, one a line, annotated
from the document alone). A figure counts as found when a parsed metric of
its document has its text (or the start of it: 8%以上 is found as 8%) with
its value and unit; its direction counts when that metric's direction is
the gold one. The blind half prints its totals only (README.md), unless
--show-blind; --verbose prints every miss of the tuned half. Fails when a
figure is below its line in metrics-thresholds."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import grade  # noqa: E402  (source_lines, parse, walk)


def read_metrics(path):
    out, ctx = [], ""
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# context:"):
            ctx = line[len("# context:"):].strip()
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        f = [x.strip() for x in line.split("|")]
        if len(f) != 4:
            raise SystemExit("%s: bad line %r (FIGURE | VALUE | UNIT | DIRECTION)" % (path, line))
        out.append({"text": f[0], "value": float(f[1]), "unit": f[2], "dir": f[3],
                    "context": ctx})
    return out


def parsed_metrics(d):
    out = []
    stmts = list(d["intro"])
    for n in grade.walk(d["nodes"]):
        stmts += n["statements"]
    stmts += d["closing"]
    for s in stmts:
        out += [dict(m, stmt=s["text"]) for m in s["metrics"]]
    return out


def is_blind(name):
    with open(os.path.join(HERE, name + ".gold"), encoding="utf-8") as f:
        return f.readline().startswith("# blind")


def squash(s):
    return "".join(s.split()).replace("，", ",").replace("％", "%")


def match(g, found, used):
    """Index of the parsed metric that is gold figure g, or None: one of a
    statement that holds the figure's context line first (the same figure
    may stand in a review and in a plan), then any."""
    ctx, fig = squash(g["context"]), squash(g["text"])
    if fig in ctx:                 # the words just before the figure, and it
        p = ctx.index(fig)
        ctx = ctx[max(0, p - 6):p + len(fig)]
    with_ctx = [i for i, m in enumerate(found) if ctx and ctx in squash(m["stmt"])]
    return pick(g, found, used, with_ctx) if with_ctx and pick(g, found, used, with_ctx) \
        is not None else pick(g, found, used, range(len(found)))


def pick(g, found, used, idx):
    best = None
    for i in idx:
        m = found[i]
        if i in used or not g["text"].startswith(m["text"]):
            continue
        if m["value"] is None or abs(m["value"] - g["value"]) > 1e-9 or m["unit"] != g["unit"]:
            continue
        if m["text"] == g["text"]:
            return i
        if best is None:
            best = i
    return best


def grade_doc(binary, config, name):
    gold = read_metrics(os.path.join(HERE, name + ".metrics"))
    d, err = grade.parse(binary, config, grade.source_lines(os.path.join(HERE, name + ".txt")))
    found = parsed_metrics(d) if d else []
    used, misses, pts = set(), [], [0, 0]
    for g in gold:
        i = match(g, found, used)
        if i is None:
            misses.append("not found: %s (%g %s)" % (g["text"], g["value"], g["unit"]))
            continue
        used.add(i)
        pts[0] += 1
        if found[i].get("direction") == g["dir"]:
            pts[1] += 1
        else:
            misses.append("%s: %s, gold %s" % (g["text"], found[i].get("direction"), g["dir"]))
    return len(gold), pts, misses, d is None


def thresholds():
    th = {}
    for line in open(os.path.join(HERE, "metrics-thresholds"), encoding="utf-8"):
        line = line.split("#")[0].strip()
        if line:
            k, v = line.split()
            th[k] = float(v)
    return th


def main(argv):
    binary = os.environ.get("FOLLOWUP_BIN") or os.path.join(HERE, "..", "..", "followup")
    verbose, show_blind = "--verbose" in argv, "--show-blind" in argv
    config = os.path.join(HERE, "corpus.ini")
    names = sorted(f[:-8] for f in os.listdir(HERE) if f.endswith(".metrics"))
    tot = {"blind": [0, 0, 0], "tuned": [0, 0, 0]}
    hidden = 0
    for name in names:
        n, pts, misses, refused = grade_doc(binary, config, name)
        half = "blind" if is_blind(name) else "tuned"
        for k, v in enumerate((n, pts[0], pts[1])):
            tot[half][k] += v
        if refused:
            print("%s: the parser refused it" % name)
        if half == "blind" and not show_blind:
            hidden += 1
            continue
        if n and (verbose or show_blind):
            print("%-44s found %2d/%-2d direction %2d/%-2d" % (name, pts[0], n, pts[1], n))
            for m in misses:
                print("    - " + m)
    if hidden and (verbose or show_blind):
        print("(%d blind documents: rows and misses not shown)" % hidden)
    th, failed = thresholds(), []
    print("%-8s %8s %18s %18s" % ("metrics", "figures", "found", "direction"))
    for half in ("blind", "tuned"):
        n, f, dr = tot[half]
        rf, rd = (f / n, dr / n) if n else (1.0, 1.0)
        print("%-8s %8d %9d %6.1f%% %9d %6.1f%%" % (half, n, f, 100 * rf, dr, 100 * rd))
        for key, val in (("found", rf), ("direction", rd)):
            want = th.get("%s.%s" % (half, key))
            if want is not None and val + 1e-9 < want:
                failed.append("%s.%s %.3f below %.3f" % (half, key, val, want))
    n = sum(t[0] for t in tot.values())
    if n < 80:
        failed.append("only %d gold figures; the grade needs at least 80" % n)
    for f in failed:
        print("FAIL metrics: " + f)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
