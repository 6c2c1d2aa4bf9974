#!/usr/bin/env python3
"""Adds newly annotated documents to the corpus, half of them blind.

Usage: split.py DIR…   (each DIR holds nNN-….txt, .gold and maybe .metrics,
                        annotated before any parser run, the gold's comments
                        starting with a `# blind` line)

The documents of each genre are shuffled with a fixed seed and dealt in
turn to the blind and the tuned half, so both halves have every genre.
A tuned document's `# blind` line becomes `# tuned: …` (it was annotated
blind all the same; it may now be read and used to choose rules). Files
are copied into tests/corpus; a name already there is refused.
"""
import os
import random
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 22


def genre(gold):
    for line in open(gold, encoding="utf-8"):
        if line.startswith("genre:"):
            return line.split(":", 1)[1].strip()
    return "?"


def main(dirs):
    docs = []
    for d in dirs:
        for f in sorted(os.listdir(d)):
            if f.endswith(".gold"):
                docs.append(os.path.join(d, f[:-5]))
    for base in docs:
        name = os.path.basename(base)
        if os.path.exists(os.path.join(HERE, name + ".txt")):
            sys.exit("split.py: %s is in the corpus already; give the new document another number" % name)
        first = open(base + ".gold", encoding="utf-8").readline()
        if not first.startswith("# blind"):
            sys.exit("split.py: %s.gold does not start with a '# blind' line; only documents "
                     "annotated before any parser run may be added" % base)
    by_genre = {}
    for base in docs:
        by_genre.setdefault(genre(base + ".gold"), []).append(base)
    rng = random.Random(SEED)
    dealt, turn = [], 0
    for g in sorted(by_genre):
        group = sorted(by_genre[g])
        rng.shuffle(group)
        for base in group:
            dealt.append((base, "blind" if turn % 2 == 0 else "tuned"))
            turn += 1
    for base, half in dealt:
        name = os.path.basename(base)
        for ext in (".txt", ".metrics"):
            if os.path.exists(base + ext):
                shutil.copyfile(base + ext, os.path.join(HERE, name + ext))
        gold = open(base + ".gold", encoding="utf-8").read()
        if half == "tuned":
            head, _, rest = gold.partition("\n")
            gold = ("# tuned: annotated from the document alone before any parser run, "
                    "then dealt to the tuned half by split.py\n" + rest)
        with open(os.path.join(HERE, name + ".gold"), "w", encoding="utf-8") as f:
            f.write(gold)
        print("%s %s" % (half, name))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__.strip())
    main(sys.argv[1:])
