#!/usr/bin/env python3
"""Grades `followup parse --json` on the real documents of tests/corpus
against their hand-made gold files (format: tests/corpus/README.md).

Prints a score per document, per category, per genre and overall, and
fails (exit 1) when a figure is below its threshold in
tests/corpus/thresholds.

The corpus has two halves. A gold file whose comments include a line
starting `# blind` belongs to the blind half: annotated before the parser
read the document, and never used to choose a rule. Its rows and misses
are not printed (only the half's totals) unless --show-blind is given;
whoever reads them moves those documents to the tuned half (README.md).

Usage: grade.py [--bin FOLLOWUP] [--verbose] [--show-blind] [DOC…]
"""
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CATS = ("header", "structure", "leads", "depts", "text")
META = ("title", "issuer", "published", "doc_no", "addressee", "signed_by", "signed_on",
        "lead_department")
DATE_ONLY = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
# Heading markers are structure, not text: 一、 (一) 1. 1、 (1) and 一是.
MARKERS = re.compile(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]{1,3}[）)]|"
                     r"(?<![\d.])\d{1,2}[.．、](?!\d)|"
                     r"(?:(?<=^)|(?<=[。；;：:，,\s]))[一二三四五六七八九十]是")


LINE_MARK = re.compile(r"(?m)^[\s\u3000]*\d{1,2}[.．、]")


def unmark(s):
    return MARKERS.sub("", LINE_MARK.sub("", s or ""))


def norm(s):
    """Letters, digits and Han characters only: punctuation and spaces
    never decide a match."""
    return "".join(ch for ch in (s or "") if ch.isalnum())


def squash(s):
    return re.sub(r"\s+", "", s or "")


def read_gold(path):
    g = {"meta": {}, "nodes": {}, "lead": {}, "support": {}, "due": {}, "dept": [],
         "drop": [], "paragraphs": False, "genre": "?", "province": "?", "blind": False}
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        if line.startswith("# blind"):
            g["blind"] = True
        if not line.strip() or line.startswith("#"):
            continue
        key, _, val = line.partition(":")
        val = val.strip()
        words = key.split()
        if words[0] in ("genre", "province"):
            g[words[0]] = val
        elif words[0] == "meta":
            g["meta"][words[1]] = None if val == "-" else val
        elif words[0] == "node":
            g["nodes"][words[1]] = val
        elif words[0] in ("lead", "due"):
            g[words[0]][words[1]] = None if val == "-" else val
        elif words[0] == "support":
            g["support"][words[1]] = [] if val == "-" else [v.strip() for v in val.split("|")]
        elif words[0] == "dept":
            g["dept"].append(val)
        elif words[0] == "drop":
            g["drop"].append(val)
        elif words[0] == "nodes" and val == "paragraphs":
            g["paragraphs"] = True
        else:
            raise SystemExit("%s: unknown gold line: %s" % (path, line))
    return g


def source_lines(path):
    """The document without its first comment line (the source URL)."""
    lines = open(path, encoding="utf-8").read().split("\n")
    if lines and lines[0].startswith("#"):
        lines = lines[1:]
    return lines


def parse(binary, config, lines):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as f:
        f.write("\n".join(lines))
        tmp = f.name
    try:
        p = subprocess.run([binary, "--config", config, "parse", "--json", tmp],
                           capture_output=True, text=True, timeout=60)
    finally:
        os.unlink(tmp)
    if p.returncode != 0:
        return None, p.stderr.strip()
    return json.loads(p.stdout), p.stderr.strip()


def walk(nodes):
    for n in nodes:
        yield n
        yield from walk(n["children"])


def output_text(d):
    """Every text the parse keeps, in order."""
    parts = []
    for k in ("title", "issuer", "doc_no", "addressee", "signed_by"):
        v = d["meta"].get(k)
        if v and v not in parts:       # an organ that signs is the issuer as well
            parts.append(v)
    parts += [s["text"] for s in d["intro"]]
    for n in walk(d["nodes"]):
        parts.append(n["title"])
        parts += [s["text"] for s in n["statements"]]
        parts.append(n.get("marker"))
    parts += [s["text"] for s in d["closing"]]
    parts.append(d.get("markers"))
    return [p for p in parts if p]


class Score:
    def __init__(self):
        self.pts = {c: 0 for c in CATS}
        self.tot = {c: 0 for c in CATS}
        self.fails = []

    def add(self, cat, ok, what):
        self.tot[cat] += 1
        self.pts[cat] += 1 if ok else 0
        if not ok:
            self.fails.append("%s: %s" % (cat, what))

    def merge(self, o):
        for c in CATS:
            self.pts[c] += o.pts[c]
            self.tot[c] += o.tot[c]

    def ratio(self, cat=None):
        p = sum(self.pts.values()) if cat is None else self.pts[cat]
        t = sum(self.tot.values()) if cat is None else self.tot[cat]
        return p / t if t else 1.0


def grade_header(d, g, sc):
    for k, want in g["meta"].items():
        got = d["meta"].get(k) if d else None
        sc.add("header", squash(got) == squash(want) if want else got is None,
               "meta %s = %r, wanted %r" % (k, got, want))


def grade_structure(d, g, sc):
    if g["paragraphs"]:
        sc.add("structure", bool(d and d.get("paragraphs")),
               "not read as paragraphs without headings")
        return
    got = {n["code"]: n["title"] for n in walk(d["nodes"])} if d else {}
    for code, title in g["nodes"].items():
        ok = code in got and norm(got[code]) == norm(title)
        sc.add("structure", ok, "node %s = %r, wanted %r" % (code, got.get(code), title))
    for code in got:
        if code not in g["nodes"]:
            sc.add("structure", False, "node %s %r is not in the report" % (code, got[code]))


def grade_leads(d, g, sc):
    nodes = {n["code"]: n for n in walk(d["nodes"])} if d else {}
    for code, want in g["lead"].items():
        got = nodes.get(code, {}).get("owner")
        sc.add("leads", squash(got) == squash(want) if want else got is None,
               "lead %s = %r, wanted %r" % (code, got, want))
    for code, want in g["support"].items():
        got = nodes.get(code, {}).get("support", [])
        sc.add("leads", [squash(x) for x in got] == [squash(x) for x in want],
               "support %s = %r, wanted %r" % (code, got, want))
    for code, want in g["due"].items():
        got = nodes.get(code, {}).get("due")
        sc.add("leads", got == want, "due %s = %r, wanted %r" % (code, got, want))


def found_depts(d):
    found = set()
    stmts = list(d["intro"]) + list(d["closing"])
    for n in walk(d["nodes"]):
        stmts += n["statements"]
        if n.get("owner") and n.get("owner_source") in ("marker", "actor"):
            found.add(squash(n["owner"]))
        found.update(squash(x) for x in n.get("support", []))
        found.update(squash(x) for x in n.get("departments", []))
    for s in stmts:
        found.update(squash(x) for x in s["departments"])
    return found


def grade_depts(d, g, sc):
    want = set(squash(x) for x in g["dept"])
    got = found_depts(d) if d else set()
    for x in sorted(want | got):
        if x in want and x in got:
            sc.add("depts", True, "")
        elif x in want:
            sc.add("depts", False, "department %s not found" % x)
        else:
            sc.add("depts", False, "%s is no department named in the text" % x)


# Offices of a speech's speaker line (市审计局局长 王某某): the line is
# metadata, given back as issuer, office and signer.
OFFICES = ("局长", "厅长", "主任", "区长", "市长", "县长", "省长", "镇长", "书记", "部长",
           "秘书长", "主席", "院长", "检察长", "署长", "委员", "司长", "处长", "審計長",
           "局長", "廳長", "區長", "縣長")


def speaker(d, frag):
    m = d["meta"] if d else {}
    if not m.get("signed_by"):
        return False
    f, who = norm(frag), norm(m["signed_by"])
    return len(f) <= 40 and any(f.endswith(o + who) and len(f) > len(o + who) for o in OFFICES)


def grade_text(d, g, lines, sc):
    drops = set(squash(x) for x in g["drop"])
    body = [ln for ln in lines if ln.strip() and squash(ln) not in drops]
    out = norm(unmark("\n".join(output_text(d)))) if d else ""
    src = norm(unmark("\n".join(body)))
    for ln in body:
        for frag in re.split(r"[。；;！!？?]", unmark(ln)):
            f = norm(frag)
            if len(f) < 2 or DATE_ONLY.match(frag.strip()):
                continue
            n_out, n_src = out.count(f), src.count(f)
            if n_out == 0 and speaker(d, frag):
                n_out = 1
            sc.add("text", 1 <= n_out <= n_src,
                   "%s %r" % ("dropped" if n_out == 0 else "duplicated", frag.strip()[:40]))
    texts = []
    if d:
        texts = [s["text"] for s in d["intro"] + d["closing"]]
        for n in walk(d["nodes"]):
            texts += [n["title"]] + [s["text"] for s in n["statements"]]
    for x in g["drop"]:
        f = norm(x)
        bad = f and any(norm(t) == f or (len(f) >= 8 and norm(t).startswith(f)) for t in texts)
        sc.add("text", not bad, "page furniture or metadata %r became text" % x)


def thresholds():
    th = {}
    path = os.path.join(HERE, "thresholds")
    for line in open(path, encoding="utf-8"):
        line = line.split("#")[0].strip()
        if line:
            k, v = line.split()
            th[k] = float(v)
    return th


def grade(binary, config, name):
    g = read_gold(os.path.join(HERE, name + ".gold"))
    lines = source_lines(os.path.join(HERE, name + ".txt"))
    d, err = parse(binary, config, lines)
    sc = Score()
    if d is None:
        sc.fails.append("refused: " + err)
    grade_header(d, g, sc)
    grade_structure(d, g, sc)
    grade_leads(d, g, sc)
    grade_depts(d, g, sc)
    grade_text(d, g, lines, sc)
    sc.refused = d is None
    return name, g, sc


def summary(halves):
    """The categories of each half side by side, blind first."""
    order = [h for h in ("blind", "tuned", "all") if h in halves]
    print("%-10s" % "" + "".join("%19s" % ("%s (%d docs)" % (h, halves[h][1])) for h in order))
    for c in CATS + ("overall",):
        row = "%-10s" % c
        for h in order:
            sc = halves[h][0]
            p = sum(sc.pts.values()) if c == "overall" else sc.pts[c]
            t = sum(sc.tot.values()) if c == "overall" else sc.tot[c]
            row += "%19s" % ("%d/%d %5.1f%%" % (p, t, 100 * (p / t if t else 1.0)))
        print(row)
    row = "%-10s" % "refused"
    for h in order:
        row += "%19d" % halves[h][2]
    print(row)


def main(argv):
    binary = os.environ.get("FOLLOWUP_BIN") or os.path.join(HERE, "..", "..", "followup")
    verbose = "--verbose" in argv
    show_blind = "--show-blind" in argv
    docs = [a for a in argv if not a.startswith("--")]
    if "--bin" in argv:
        binary = argv[argv.index("--bin") + 1]
        docs = [a for a in docs if a != binary]
    config = os.path.join(HERE, "corpus.ini")
    names = sorted(f[:-4] for f in os.listdir(HERE) if f.endswith(".txt"))
    if docs:
        names = [n for n in names if any(n.startswith(os.path.basename(a)[:3]) for a in docs)]
    t0 = time.time()
    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = list(pool.map(lambda n: grade(binary, config, n), names))
    secs = time.time() - t0
    halves, genres = {}, {}
    print("%-34s %-8s %-6s %6s %6s %6s %6s %6s %7s" %
          ("document", "genre", "prov.", "header", "struct", "leads", "depts", "text", "score"))
    hidden = 0
    for name, g, sc in results:
        half = "blind" if g["blind"] else "tuned"
        for h in (half, "all"):
            acc = halves.setdefault(h, [Score(), 0, 0])
            acc[0].merge(sc)
            acc[1] += 1
            acc[2] += 1 if sc.refused else 0
        if g["blind"] and not show_blind:
            hidden += 1
            continue
        genres.setdefault(g["genre"], Score()).merge(sc)

        def cell(c):
            return "%5.0f%%" % (100 * sc.ratio(c)) if sc.tot[c] else "     -"
        print("%-34s %-8s %-6s %s %s %s %s %s %6.1f%%" %
              ((("*" if g["blind"] else "") + name)[:34], g["genre"][:4], g["province"][:3],
               cell("header"), cell("structure"), cell("leads"), cell("depts"), cell("text"),
               100 * sc.ratio()))
        if verbose:
            for f in sc.fails:
                print("    - " + f)
    if hidden:
        print("(%d blind documents: rows and misses not shown; see tests/corpus/README.md)" % hidden)
    print()
    for gen in sorted(genres):
        print("genre %-10s %6.1f%%" % (gen, 100 * genres[gen].ratio()))
    print()
    summary(halves)
    print("graded %d documents in %.1f s" % (len(results), secs))
    if docs:
        return 0
    bad = []
    for k, v in thresholds().items():
        half, _, cat = k.rpartition(".")
        half = half or "tuned"
        if half not in halves:
            continue
        if cat == "refused":
            got = halves[half][2]
            if got > v:
                bad.append("%s: %d documents refused, at most %d allowed" % (k, got, v))
            continue
        got = halves[half][0].ratio(None if cat == "overall" else cat)
        if got + 1e-9 < v:
            bad.append("%s %.1f%% is below the threshold %.1f%%" % (k, 100 * got, 100 * v))
    for b in bad:
        print("FAIL: " + b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
