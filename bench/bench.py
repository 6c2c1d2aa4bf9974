#!/usr/bin/env python3
"""followup's benchmark (make bench): one table of times and peak memory.

usage: bench.py [--quick] [--sizes 1000,10000,100000] [--out FILE] [--no-taskwarrior]

For each size it builds a database by importing a generated report
(bench/genreport.py) and the sample through the real importer, ages it
with bench/age.sql (statuses, due dates, supporting departments spread
as after a year of follow-up), then times each operation as the median
(min-max) of repeated runs, with the peak memory (ru_maxrss) of the
child. Beside each figure: the same work done by the sqlite3 command
line on the same database (the floor: bench/floor/*.sql), and by
Taskwarrior on the same tasks (department as project, our status as the
UDA fustatus, loaded with `task import`) when `task` is installed.

The interface is measured on a pseudo-terminal: followup runs with
FOLLOWUP_TRACE=FILE, which makes it append "F <ns>" (CLOCK_MONOTONIC)
after each finished frame and "K <ns>" when it reads a key; this driver
types keys into the pty and takes the time from writing a key to the
frame that followed it.

Work files go to build/bench/. Nothing here is a test: the targets are
printed, never asserted.
"""
import argparse
import datetime
import fcntl
import json
import os
import platform
import select
import shutil
import sqlite3
import statistics
import struct
import subprocess
import sys
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
WORK = os.path.join(ROOT, "build", "bench")
FU = os.path.join(ROOT, "followup")
SAMPLE = os.path.join(ROOT, "data", "jingan-2024-3.txt")

# size -> genreport.py SECTIONS ITEMS STATEMENTS and how many such reports
# (about 16 tasks an item: the item and its commitments; the sample adds 53
# tasks). 100,000 is one large report; 1,000,000 is a city's archive of 15
# reports of about 67,000 tasks each, the interface opening on the first.
SHAPES = {1000: (5, 12, 20, 1), 10000: (10, 62, 20, 1), 100000: (50, 125, 20, 1),
          1000000: (33, 127, 20, 15)}

DEPT = "区科委"
STATUS = "delayed"
SEARCH = "龙头企业招引"        # frequent: in about one task in seven
RARE = "招引857家"             # rare: a figure of one fact, in a handful of items
NOMATCH = "龙头企业招引Q"      # in no task
EMPTY = "无此词语"             # in no task, nor any of its trigrams: a command with no rows
SHORT = ("人才", "改造", "科普", "渠道")   # 1- and 2-character words, the last in no task
TODAY = "2025-06-30"
BIG = 1000000                 # sizes from here: no Taskwarrior, fewer runs

ROWS, COLS = 40, 150          # the interface's terminal


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---- running things ------------------------------------------------------------


def base_env():
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("FOLLOWUP_", "TASK", "LC_", "LANG"))}
    env.update(LC_ALL="C.UTF-8", LANG="C.UTF-8", HOME=os.path.join(WORK, "home"),
               FOLLOWUP_CONFIG=os.path.join(ROOT, "config.ini"), FOLLOWUP_TODAY=TODAY,
               TASKRC=os.path.join(WORK, "taskrc"), NO_COLOR="1")
    env.pop("XDG_CONFIG_HOME", None)
    env.pop("XDG_DATA_HOME", None)
    return env


ENV = base_env()


RUNNER = os.path.join(ROOT, "build", "bench", "runner")
SQLITE = shutil.which("sqlite3") or "/usr/bin/sqlite3"


def run_result(path):
    """The last line bench/runner appended to path: (start ns, ms, KB, exit)."""
    with open(path) as f:
        start, ns, kb, rc = f.read().split("\n")[-2].split()
    return int(start), int(ns) / 1e6, int(kb), int(rc)


def spawn(argv, stdin=None, stdout=os.devnull, env=None):
    """Runs argv under bench/runner; returns (milliseconds, peak KB, exit status)."""
    result = os.path.join(WORK, "runner.txt")
    cmd = [RUNNER, "-o", stdout, "-r", result]
    if stdin:
        cmd += ["-i", stdin]
    cmd += ["--"] + argv
    actions = [(os.POSIX_SPAWN_OPEN, 2, os.path.join(WORK, "stderr.txt"),
                os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)]
    pid = os.posix_spawn(RUNNER, cmd, env or ENV, file_actions=actions)
    os.waitpid(pid, 0)
    _, ms, kb, rc = run_result(result)
    return ms, kb, rc


class Result:
    def __init__(self, times=None, kb=None, note=""):
        self.times = times or []
        self.kb = kb
        self.note = note

    @property
    def median(self):
        return statistics.median(self.times) if self.times else None

    def cell(self):
        if not self.times:
            return self.note or "—"
        m = self.median
        if len(self.times) == 1:
            return fmt_ms(m)
        return "%s (%s–%s)" % (fmt_ms(m), fmt_ms(min(self.times)), fmt_ms(max(self.times)))


def fmt_ms(v):
    if v >= 1000:
        return "%.2f s" % (v / 1000)
    if v >= 100:
        return "%.0f" % v
    if v >= 10:
        return "%.1f" % v
    return "%.2f" % v


def measure(argv, runs, stdin=None, setup=None, stdout=os.devnull, check=True):
    """One warm-up run, then runs timed ones."""
    times, peak = [], 0
    for i in range(runs + 1):
        if setup:
            setup()
        ms, kb, rc = spawn(argv, stdin=stdin, stdout=stdout)
        if check and rc != 0:
            with open(os.path.join(WORK, "stderr.txt"), errors="replace") as f:
                tail = f.read()[-600:]
            raise SystemExit("bench: %s exited %d:\n%s" % (" ".join(argv), rc, tail))
        if i > 0:
            times.append(ms)
            peak = max(peak, kb)
    return Result(times, peak)


def rm_db(path):
    for ext in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + ext):
            os.unlink(path + ext)


# ---- data ------------------------------------------------------------------------


def sh(argv, **kw):
    subprocess.run(argv, check=True, env=ENV, **kw)


def build_data(n, rebuild=True):
    """The generated reports and the aged database of about n tasks. Without
    rebuild an existing database built from the same shape is reused (its
    schema is brought up to date by followup itself)."""
    secs, items, stmts, nrep = SHAPES[n]
    reps = []
    for k in range(nrep):
        rep = os.path.join(WORK, "report-%d%s.txt" % (n, "-%d" % (k + 1) if k else ""))
        reps.append(rep)
        if not os.path.exists(rep):
            with open(rep, "w") as f:
                sh([sys.executable, os.path.join(BENCH, "genreport.py"),
                    str(secs), str(items), str(stmts), str(7 + k),
                    str(100 + secs * items + k)], stdout=f)
    db = os.path.join(WORK, "db-%d.db" % n)
    stamp = db + ".shape"
    want = "%r %s" % (SHAPES[n], os.path.getmtime(os.path.join(BENCH, "age.sql")))
    have = open(stamp).read() if os.path.exists(stamp) and os.path.exists(db) else None
    if rebuild or have != want:
        rm_db(db)
        # the first generated report first: R1, the one the interface opens on
        for rep in reps:
            sh([FU, "--db", db, "import", rep], stdout=subprocess.DEVNULL)
        sh([FU, "--db", db, "import", SAMPLE], stdout=subprocess.DEVNULL)
        with open(os.path.join(BENCH, "age.sql")) as f:
            sh(["sqlite3", db], stdin=f)
        with open(stamp, "w") as f:
            f.write(want)
    else:
        sh([FU, "--db", db, "list", "--report", "R1", "--status", "done", "--overdue"],
           stdout=subprocess.DEVNULL)      # migrates an older schema once, untimed
    con = sqlite3.connect(db)
    ntasks = con.execute("SELECT count(*) FROM tasks WHERE withdrawn = 0").fetchone()[0]
    nbig = con.execute("SELECT count(*) FROM tasks WHERE withdrawn = 0 AND report_id = 1"
                       ).fetchone()[0]
    con.close()
    return reps[0], db, ntasks, secs * items * stmts, nbig


def floor_sql(name, **subst):
    """bench/floor/NAME.sql with {KEY} replaced, written to build/bench."""
    with open(os.path.join(BENCH, "floor", name + ".sql")) as f:
        sql = f.read()
    for k, v in subst.items():
        sql = sql.replace("{%s}" % k, str(v))
    path = os.path.join(WORK, "floor-%s.sql" % name)
    with open(path, "w") as f:
        f.write(sql)
    return path


# ---- Taskwarrior -----------------------------------------------------------------


def tw_setup(db, n):
    """A throwaway TASKDATA holding the database's tasks; None without task."""
    task = shutil.which("task")
    if not task:
        return None
    data = os.path.join(WORK, "tw-%d" % n)
    shutil.rmtree(data, ignore_errors=True)
    os.makedirs(data)
    rc = os.path.join(WORK, "taskrc-%d" % n)
    with open(rc, "w") as f:
        f.write("data.location=%s\nconfirmation=off\nverbose=nothing\nhooks=off\n"
                "recurrence=off\ngc=off\ndetection=off\ndefaultwidth=%d\n"
                "uda.fustatus.type=string\nuda.fustatus.label=Status\n"
                "uda.code.type=string\nuda.code.label=Code\n" % (data, COLS))
    con = sqlite3.connect(db)
    out = []
    for u, code, text, st, lead, due, r in con.execute(
            "SELECT t.uuid, t.code, t.text, t.status, d.name, t.due, t.report_id FROM tasks t"
            " LEFT JOIN departments d ON d.id = t.lead_id WHERE t.withdrawn = 0"
            " ORDER BY t.report_id, t.seq"):
        o = {"uuid": u, "description": text, "status": "pending", "entry": "20240301T000000Z",
             "fustatus": st, "code": "R%d:%s" % (r, code)}
        if lead:
            o["project"] = lead
        if due:
            o["due"] = due.replace("-", "") + "T000000Z"
        out.append(o)
    con.close()
    js = os.path.join(WORK, "tw-%d.json" % n)
    with open(js, "w") as f:
        json.dump(out, f, ensure_ascii=False)
    sh([task, "rc:" + rc, "import", js], stdout=subprocess.DEVNULL)
    mid = out[len(out) // 2]
    return {"task": task, "rc": rc, "data": data, "json": js, "uuid": mid["uuid"],
            "status": mid["fustatus"]}


def tw_argv(tw, *args):
    return [tw["task"], "rc:" + tw["rc"]] + list(args)


# ---- the interface on a pty ----------------------------------------------------------


class NoTrace(Exception):
    pass


class Tui:
    """followup's interface on a pseudo-terminal, timed through its trace."""

    def __init__(self, db):
        self.trace = os.path.join(WORK, "trace.txt")
        open(self.trace, "w").close()
        self.tpos = 0
        self.events = []
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        env = dict(ENV, TERM="xterm-256color", FOLLOWUP_TRACE=self.trace)
        env.pop("NO_COLOR", None)
        self.result = os.path.join(WORK, "runner-tui.txt")
        open(self.result, "w").close()
        self.pid = os.posix_spawn(RUNNER, [RUNNER, "-r", self.result, "--", FU, "--db", db],
                                  env, setsid=True,
                                  file_actions=[(os.POSIX_SPAWN_DUP2, slave, 0),
                                                (os.POSIX_SPAWN_DUP2, slave, 1),
                                                (os.POSIX_SPAWN_DUP2, slave, 2)])
        os.close(slave)
        self.fd = master

    def _pump(self, timeout):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if r:
            try:
                os.read(self.fd, 1 << 16)
            except OSError:
                pass
        with open(self.trace) as f:
            f.seek(self.tpos)
            chunk = f.read()
        lines = chunk.split("\n")
        done = chunk[: len(chunk) - len(lines[-1])]
        self.tpos += len(done.encode())
        for ln in done.splitlines():
            kind, ns = ln.split()
            self.events.append((kind, int(ns)))

    def frame_after(self, since, timeout=10.0):
        """The time of the first frame finished after since (ns)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for kind, ns in self.events:
                if kind == "F" and ns >= since:
                    return ns
            self._pump(0.002)
        self.kill()
        raise NoTrace("the interface wrote no frame to FOLLOWUP_TRACE within %.0f s" % timeout)

    def kill(self):
        """Ends the runner and the interface (its own process group)."""
        try:
            os.killpg(self.pid, 9)
        except OSError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.fd)

    def settle(self, quiet=0.03):
        """Waits until nothing has been drawn for quiet seconds."""
        n = -1
        while n != len(self.events):
            n = len(self.events)
            self._pump(quiet)
            time.sleep(quiet)
            self._pump(0)

    def key(self, data):
        """Types data (one key); returns ms from the write to its frame."""
        self.settle(0.01)
        t = time.monotonic_ns()
        os.write(self.fd, data.encode() if isinstance(data, str) else data)
        f = self.frame_after(t)
        return (f - t) / 1e6

    def quit(self):
        self.settle(0.01)
        os.write(self.fd, b"q")
        end = time.monotonic() + 10
        while time.monotonic() < end:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                os.close(self.fd)
                start, _, kb, _ = run_result(self.result)
                return start, kb
            self._pump(0.01)
        self.kill()
        raise SystemExit("bench: the interface did not quit")


def bench_tui(db, sessions, moves):
    res = {k: [] for k in ("first", "move", "page", "search", "short", "nomatch", "filter")}
    peak = 0
    for _ in range(sessions + 1):         # the first session warms the caches
        t = Tui(db)
        first_frame = t.frame_after(0)
        keep = {k: [] for k in res}
        for _ in range(moves):
            keep["move"].append(t.key("j"))
        for _ in range(5):
            keep["page"].append(t.key("\x06"))          # Ctrl-F
        for term in ("龙头", "区财政", "河道综合"):
            t.key("/")
            for ch in term:
                keep["search"].append(t.key(ch))
            t.key("\r")
        for term in SHORT:                                 # each key from the first
            t.key("/")
            for ch in term:
                keep["short"].append(t.key(ch))
            t.key("\x1b")
        for term in ("龙头", "河道", "区财"):              # then a key that leaves no match
            t.key("/")
            for ch in term:
                t.key(ch)
            keep["nomatch"].append(t.key("Q"))
            t.key("\x1b")
        for _ in range(3):
            for steps, measured in ((["f"] + list("status") + ["\r"] + list("progress"),
                                     "\r"),
                                    (["f"] + list("clear"), "\r")):
                for k in steps:
                    t.key(k)
                keep["filter"].append(t.key(measured))
        start, kb = t.quit()
        keep["first"].append((first_frame - start) / 1e6)
        if _ > 0 or sessions == 0:
            for k in res:
                res[k].extend(keep[k])
            peak = max(peak, kb)
    return {k: Result(v, peak) for k, v in res.items()}


# ---- the table -------------------------------------------------------------------


class Table:
    def __init__(self):
        self.rows = []

    def add(self, size, op, fu, floor=None, tw=None, target=""):
        self.rows.append((size, op, fu, floor, tw, target))

    def render(self):
        head = ["tasks", "operation", "followup ms", "MB", "sqlite3 ms", "×sqlite3",
                "Taskwarrior ms", "MB", "TW÷followup", "verdict (100k and more)"]
        out = []
        for size, op, fu, floor, tw, target in self.rows:
            ratio = (fu.median / floor.median) if floor and floor.times and fu.times else None
            twr = (tw.median / fu.median) if tw and tw.times and fu.times else None
            out.append([size, op, fu.cell(), "%.1f" % (fu.kb / 1024) if fu.kb else "—",
                        floor.cell() if floor else "—",
                        "%.2f" % ratio if ratio else "—",
                        tw.cell() if tw else "—",
                        "%.0f" % (tw.kb / 1024) if tw and tw.kb else "—",
                        "%.0f" % twr if twr else "—", target])
        widths = [max(dispw(str(r[i])) for r in out + [head]) for i in range(len(head))]
        lines = []
        for r in [head] + [None] + out:
            if r is None:
                lines.append("  ".join("-" * w for w in widths).rstrip())
                continue
            cells = []
            for i, c in enumerate(r):
                c = str(c)
                pad = " " * (widths[i] - dispw(c))
                cells.append(pad + c if i in (0, 3, 5, 7, 8) else c + pad)
            lines.append("  ".join(cells).rstrip())
        return "\n".join(lines)


def dispw(s):
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def verdict(size, checks):
    """'ok' or what is missed, for rows at 100,000 tasks and more (the
    sizes the targets are set for)."""
    if size < 100000:
        return ""
    missed = [why for ok, why in checks if ok is not None and not ok]
    return "ok" if not missed else "MISSED: " + "; ".join(missed)


def cli_checks(n, fu, floor, tw, limit=1.2, read=True):
    """Issue 23's targets for a read command: within limit × sqlite3 at
    100,000 tasks and at 1,000,000; issue 17's at 1,000,000: 32 MB; issue
    7's at 100,000: 64 MB, 50× Taskwarrior, and a write within 2× sqlite3."""
    big = n >= BIG
    mb = 32 if big else 64
    c = [(fu.kb is None or fu.kb < mb * 1024, "memory %.0f MB ≥ %d" % ((fu.kb or 0) / 1024, mb))]
    if floor and floor.times:
        r = fu.median / floor.median
        lim = limit if big or read else 2.0
        c.append((r <= lim, "%.2f× sqlite3 > %.1f× (sqlite3 %s)" % (r, lim, fmt_ms(floor.median))))
    if tw and tw.times and not big:
        r = tw.median / fu.median
        why = "only %.0f× faster than Taskwarrior < 50×" % r
        if floor and floor.times:
            why += " (sqlite3 itself: %.0f×)" % (tw.median / floor.median)
        c.append((r >= 50, why))
    return c


# ---- the measurements ------------------------------------------------------------


def bench_sample(table, q):
    log("bench: the sample")
    fresh = os.path.join(WORK, "fresh.db")
    r_parse = measure([FU, "parse", SAMPLE], 3 if q else 15)
    r_imp = measure([FU, "--db", fresh, "import", SAMPLE], 3 if q else 15,
                    setup=lambda: rm_db(fresh))
    table.add("sample", "parse data/jingan-2024-3.txt", r_parse)
    table.add("sample", "import data/jingan-2024-3.txt (53 tasks)", r_imp)


def import_floor_sql(db, report_id, out, into_existing):
    """The same task rows as INSERTs in one transaction, their search index
    entries in one statement, and the history row: what sqlite3 needs to
    store what import stores. Into a fresh file (with the schema and its
    indexes first) or into a copy of the database the rows came from."""
    con = sqlite3.connect(db)
    cols = [r[1] for r in con.execute("PRAGMA table_info(tasks)")]
    with open(out, "w") as f:
        f.write("PRAGMA journal_mode = WAL;\nPRAGMA synchronous = NORMAL;\n")
        if not into_existing:
            # the schema, less the search index's own tables (its CREATE makes them)
            schema = [r[0] + ";" for r in con.execute(
                "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
                " AND name NOT LIKE 'task_fts_%'"
                " ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END, rowid")]
            f.write("\n".join(schema) + "\n")
        f.write("BEGIN IMMEDIATE;\n")
        rid = report_id if into_existing else 1
        f.write("INSERT INTO reports (id, uuid, title, source_hash, imported_at, imported_by)"
                " VALUES (%d, '%s', 't', 'h', 'now', 'bench');\n"
                % (rid, "00000000-0000-0000-0000-%012d" % rid))
        for row in con.execute("SELECT %s FROM tasks WHERE report_id = ? ORDER BY id"
                               % ", ".join("quote(%s)" % c for c in cols), (report_id,)):
            vals = list(row)
            vals[cols.index("report_id")] = str(rid)
            vals[cols.index("lead_id")] = "NULL"
            if not into_existing:
                vals[cols.index("parent_id")] = "NULL"
            f.write("INSERT INTO tasks VALUES(%s);\n" % ",".join(vals))
        f.write("INSERT INTO task_fts (rowid, text, body, code) SELECT id, text, body, code"
                " FROM tasks WHERE report_id = %d;\n" % rid)
        f.write("INSERT INTO history (at, actor, field, new, prev_hash, hash)"
                " VALUES ('now', 'bench', 'import', 'R1', '', hex(sha3('x')));\n")
        f.write("COMMIT;\n")
    con.close()


def copy_db(src, dst):
    rm_db(dst)
    shutil.copyfile(src, dst)


def bench_import(table, c):
    """The generated report into a fresh database (at 1,000,000 tasks: a
    new report of 67,000 tasks into a copy of the full database); sqlite3
    running the same rows' INSERTs; Taskwarrior importing the same tasks."""
    n, tw, big = c["n"], c["tw"], c["n"] >= 100000
    log("bench: %d tasks: import" % n)
    fresh = os.path.join(WORK, "fresh.db")
    runs = 3 if (c["q"] or big) else 5
    imp_sql = os.path.join(WORK, "import-%d.sql" % n)
    if n >= BIG:
        rep = os.path.join(WORK, "report-%d-new.txt" % n)
        if not os.path.exists(rep):
            secs, items, stmts, nrep = SHAPES[n]
            with open(rep, "w") as f:
                sh([sys.executable, os.path.join(BENCH, "genreport.py"), str(secs), str(items),
                    str(stmts), "99", "999"], stdout=f)
        setup = lambda: copy_db(c["db"], fresh)
        r = measure([FU, "--db", fresh, "import", rep], runs, setup=setup)
        con = sqlite3.connect(fresh)
        rid = con.execute("SELECT max(id) FROM reports").fetchone()[0]
        added = con.execute("SELECT count(*) FROM tasks WHERE report_id = ?", (rid,)).fetchone()[0]
        con.close()
        import_floor_sql(fresh, rid, imp_sql, True)
        fl = measure([SQLITE, fresh], runs, stdin=imp_sql, setup=setup)
        label = "import a new report (%s tasks) into the database" % "{:,}".format(added)
    else:
        r = measure([FU, "--db", fresh, "import", c["rep"]], runs, setup=lambda: rm_db(fresh))
        import_floor_sql(c["db"], 1, imp_sql, False)
        fl = measure([SQLITE, fresh], runs, stdin=imp_sql, setup=lambda: rm_db(fresh))
        label = "import report (%s statements, %s tasks)" % (
            "{:,}".format(c["nstmts"]), "{:,}".format(c["nbig"]))
    twr = None
    if tw:
        def tw_fresh():
            shutil.rmtree(tw["data"] + "-imp", ignore_errors=True)
            os.makedirs(tw["data"] + "-imp")
        rcimp = tw["rc"] + "-imp"
        with open(tw["rc"]) as f, open(rcimp, "w") as g:
            g.write(f.read().replace(tw["data"], tw["data"] + "-imp"))
        twr = measure([tw["task"], "rc:" + rcimp, "import", tw["json"]],
                      1 if big else c["twruns"], setup=tw_fresh)
    if n >= BIG:
        checks = cli_checks(n, r, fl, None)
    else:
        checks = [(r.median < 2000, "%.1f s ≥ 2 s" % (r.median / 1000)),
                  (r.kb < 64 * 1024, "memory %.0f MB ≥ 64" % (r.kb / 1024))]
        if twr and twr.times:
            checks.append((twr.median / r.median >= 50,
                           "only %.0f× faster than Taskwarrior < 50× (sqlite3 itself: %.1f×)"
                           % (twr.median / r.median, twr.median / fl.median)))
    table.add(c["size"], label, r, fl, twr, verdict(n, checks))


def bench_reads(table, c):
    n, db, tw = c["n"], c["db"], c["tw"]
    con = sqlite3.connect(db)
    dept_id = con.execute("SELECT id FROM departments WHERE name = ?", (DEPT,)).fetchone()[0]
    con.close()
    ops = [
        ("list --dept %s --format csv" % DEPT, ["list", "--dept", DEPT, "--format", "csv"],
         floor_sql("list_dept_csv", DEPT=dept_id), ["project:" + DEPT, "export"], None),
        ("list --status %s" % STATUS, ["list", "--status", STATUS],
         floor_sql("list_status", STATUS=STATUS), ["fustatus:" + STATUS, "list"], None),
        ("list --search %s (frequent)" % SEARCH, ["list", "--search", SEARCH],
         floor_sql("list_search", SEARCH=SEARCH), ["description.has:" + SEARCH, "list"],
         "frequent"),
        ("list --search %s (rare)" % RARE, ["list", "--search", RARE],
         floor_sql("list_search", SEARCH=RARE), None, "rare"),
        ("list --search %s (no match)" % NOMATCH, ["list", "--search", NOMATCH],
         floor_sql("list_search", SEARCH=NOMATCH), None, "rare"),
        ("report --format json", ["report", "--format", "json"],
         floor_sql("report_json", TODAY=TODAY), ["export"], None),
        ("report --format text --by dept", ["report", "--format", "text", "--by", "dept"],
         floor_sql("report_text", TODAY=TODAY), ["summary"], None),
        ("remind --all", ["remind", "--all"],
         floor_sql("remind_all", TODAY=TODAY, HORIZON=c["horizon"]), None, None),
    ]
    for label, args_, fsql, twargs, search in ops:
        log("bench: %d tasks: %s" % (n, label))
        r = measure([FU, "--db", db] + args_, c["runs"])
        fl = measure([SQLITE, db], c["runs"], stdin=fsql)
        twr = measure(tw_argv(tw, *twargs), c["twruns"]) if tw and twargs else None
        checks = cli_checks(n, r, fl, twr)
        if search == "rare":      # through the index: a fraction of the scan
            ratio = r.median / fl.median
            checks.append((ratio <= 0.3, "%.2f× the LIKE scan > 0.3× (scan %s)"
                           % (ratio, fmt_ms(fl.median))))
        table.add(c["size"], label, r, fl, twr, verdict(n, checks))
    # a command with no rows, against sqlite3 doing nothing on the same file:
    # what is left is start-up (the libraries, the schema check, the config)
    log("bench: %d tasks: an empty list" % n)
    r = measure([FU, "--db", db, "list", "--search", EMPTY], c["runs"] * 3)
    fl = measure([SQLITE, db, "select 1"], c["runs"] * 3)
    table.add(c["size"], "list --search %s (no rows) vs sqlite3 DB 'select 1'" % EMPTY, r, fl,
              None, verdict(n, cli_checks(n, r, fl, None, limit=1.5)))


def alternate(argv_of, runs, env=None):
    """Runs argv_of(i) runs + 1 times (the first untimed)."""
    times, peak = [], 0
    for i in range(runs + 1):
        ms, kb, rc = spawn(argv_of(i), env=env)
        if rc != 0:
            raise SystemExit("bench: %s exited %d" % (" ".join(argv_of(i)), rc))
        if i:
            times.append(ms)
            peak = max(peak, kb)
    return Result(times, peak)


def status_target(c):
    """A statement in the middle of the database, its id, reference and
    the two statuses to alternate between."""
    con = sqlite3.connect(c["db"])
    tid, code, now = con.execute(
        "SELECT id, 'R' || report_id || ':' || code, status FROM tasks WHERE kind = 'statement'"
        " ORDER BY id LIMIT 1 OFFSET ?", (c["ntasks"] // 2,)).fetchone()
    con.close()
    return tid, code, ("delayed", "active") if now == "active" else ("active", "delayed")


def bench_status(table, c):
    """One status change with its history row, each tool on its own copy;
    the status alternates so that every run changes something."""
    n, db, tw = c["n"], c["db"], c["tw"]
    log("bench: %d tasks: status" % n)
    tid, code, order = status_target(c)
    copy = os.path.join(WORK, "status.db")
    copy_db(db, copy)
    r = alternate(lambda i: [FU, "--db", copy, "status", code, order[i % 2]], c["runs"])
    fl = measure([SQLITE, copy], c["runs"], stdin=floor_sql("status", ID=tid))
    twr = None
    if tw:
        tw_order = ("delayed", "active") if tw["status"] == "active" else ("active", "delayed")
        twr = alternate(lambda i: tw_argv(tw, tw["uuid"], "modify",
                                          "fustatus:" + tw_order[i % 2]), c["twruns"])
    table.add(c["size"], "status TASK S (+ history row)", r, fl, twr,
              verdict(n, cli_checks(n, r, fl, twr, limit=1.5, read=False)))


def bench_verify(table, c):
    """verify (quick_check, the chain, the state replay) and verify --full
    (integrity_check); beside them sqlite3 running the same PRAGMA (the
    chain and the replay have no sqlite3 equivalent)."""
    n, db = c["n"], c["db"]
    runs = 1 if n >= BIG else 3
    for label, args_, pragma in (("verify", ["verify"], "quick_check"),
                                 ("verify --full", ["verify", "--full"], "integrity_check")):
        log("bench: %d tasks: %s" % (n, label))
        r = measure([FU, "--db", db] + args_, runs, check=False)
        sql = os.path.join(WORK, "floor-%s.sql" % pragma)
        with open(sql, "w") as f:
            f.write("PRAGMA %s;\n" % pragma)
        fl = measure([SQLITE, db], runs, stdin=sql)
        mb = 32 if n >= BIG else 64
        table.add(c["size"], label + " (sqlite3: PRAGMA %s alone)" % pragma, r, fl, None,
                  verdict(n, [(r.kb < mb * 1024, "memory %.0f MB ≥ %d" % (r.kb / 1024, mb))]))


def write_tx_ms(trace):
    """The longest write transaction a command reported ("W <ms>")."""
    with open(trace) as f:
        ws = [int(line.split()[1]) for line in f if line.startswith("W ")]
    return ws[-1] if ws else None


def bench_writes(wtable, c):
    """Issue 25: the longest write transaction of every command that writes
    (FOLLOWUP_TRACE's "W" line), each run on a copy of the database, the
    worst of three runs beside the whole command's median. A stopped or
    slow process holds everyone's writes for as long as its transaction:
    the file of attach is staged before it, so only the database's own
    writing is in it."""
    n, db = c["n"], c["db"]
    log("bench: %d tasks: write transactions" % n)
    copy = os.path.join(WORK, "writes.db")
    copy_db(db, copy)
    con = sqlite3.connect(copy)
    item = con.execute("SELECT 'R' || report_id || ':' || code FROM tasks WHERE kind = 'item'"
                       " ORDER BY id LIMIT 1 OFFSET ?", (c["ntasks"] // 40,)).fetchone()[0]
    con.close()
    _, stmt, order = status_target(c)
    files = {}
    for mbs in (1, 20):
        files[mbs] = os.path.join(WORK, "evidence-%dmb.bin" % mbs)
        if not os.path.exists(files[mbs]):
            with open(files[mbs], "wb") as f:
                f.write(os.urandom(mbs * 1024 * 1024 - 4096))
    ops = [
        ("status TASK S", lambda i: ["status", stmt, order[i % 2]]),
        ("status TASK S --note", lambda i: ["status", stmt, order[(i + 1) % 2], "--note",
                                            "进展 %d" % i]),
        ("note TASK TEXT", lambda i: ["note", stmt, "会议纪要 %d" % i]),
        ("assign TASK DEPT --due", lambda i: ["assign", item, DEPT, "--due",
                                              "2025-12-%02d" % (10 + i)]),
        ("instruct TASK TEXT", lambda i: ["instruct", item, "请加快推进 %d" % i]),
        ("cycle TASK monthly", lambda i: ["cycle", item, "monthly", "--day", str(5 + i)]),
        ("extend TASK --to", lambda i: ["extend", item, "--to", "2026-0%d-30" % (3 + i),
                                        "--reason", "待协调"]),
        ("extend approve TASK", lambda i: ["extend", "approve", item]),
        ("attach TASK (1 MB)", lambda i: ["attach", item, files[1]]),
        ("attach TASK (20 MB)", lambda i: ["attach", item, files[20]]),
        ("dept add NAME", lambda i: ["dept", "add", "区测试局%d" % i]),
        ("dept quota NAME MB", lambda i: ["dept", "quota", DEPT, str(900 + i)]),
        ("user add NAME", lambda i: ["user", "add", "bench%d" % i, "--role", "viewer"]),
        ("review start NAME", lambda i: ["review", "start", "第%d次跟踪审议" % (i + 1)]),
        ("review rate TASK LEVEL", lambda i: ["review", "rate", item, ("满意", "不满意")[i % 2]]),
        ("import the sample again (no change)", lambda i: ["import", SAMPLE]),
    ]
    trace = os.path.join(WORK, "writes-trace.txt")
    env = dict(ENV, FOLLOWUP_TRACE=trace)
    worst, times = {}, {}
    for i in range(3):            # the commands in turn (an extension, then its approval)
        for label, argv_of in ops:
            open(trace, "w").close()
            ms, kb, rc = spawn([FU, "--db", copy] + argv_of(i), env=env)
            if rc != 0:
                with open(os.path.join(WORK, "stderr.txt"), errors="replace") as f:
                    tail = f.read()[-300:]
                raise SystemExit("bench: %s exited %d:\n%s" % (label, rc, tail))
            worst[label] = max(worst.get(label, 0), write_tx_ms(trace) or 0)
            times.setdefault(label, []).append(ms)
    for label, _ in ops:
        wtable.append((c["size"], label, worst[label], statistics.median(times[label])))


def render_writes(rows):
    head = ["tasks", "command (issue 25)", "longest write transaction ms (worst of 3)",
            "whole command ms (median)"]
    out = [[str(a), b, "%d" % w, fmt_ms(t)] for a, b, w, t in rows]
    widths = [max(dispw(r[i]) for r in out + [head]) for i in range(4)]
    lines = []
    for r in [head, None] + out:
        if r is None:
            lines.append("  ".join("-" * w for w in widths))
            continue
        lines.append("  ".join((" " * (widths[i] - dispw(x)) + x) if i in (0, 2, 3)
                               else x + " " * (widths[i] - dispw(x)) for i, x in enumerate(r))
                     .rstrip())
    return "\n".join(lines)


def bench_interface(table, c):
    n, db, tw, q = c["n"], c["db"], c["tw"], c["q"]
    log("bench: %d tasks: the interface" % n)
    try:
        tr = bench_tui(db, 1 if q else (3 if n >= 100000 else 2), 10 if q else 30)
    except NoTrace as e:
        log("bench: %s" % e)
        table.add(c["size"], "interface", Result(note="not measured: %s" % e), None, None, "")
        return
    first_floor = measure([SQLITE, db], c["runs"], stdin=floor_sql("tui_first", ROWS=ROWS))
    twf = measure(tw_argv(tw, "limit:%d" % ROWS, "list"), c["twruns"]) if tw else None
    f = tr["first"]
    mb = 32 if n >= BIG else 64
    table.add(c["size"], "interface: start to first frame (R1, %s tasks)"
              % "{:,}".format(c["nbig"]), f, first_floor, twf,
              verdict(n, [(f.median < 100, "%.0f ms ≥ 100 (sqlite3 reading the same: %s)"
                           % (f.median, fmt_ms(first_floor.median))),
                          (f.kb < mb * 1024, "memory %.0f MB ≥ %d" % (f.kb / 1024, mb))]))
    for key, label in (("move", "interface: j (next row)"),
                       ("page", "interface: Ctrl-F (next page)"),
                       ("search", "interface: / search, per typed character"),
                       ("short", "interface: / search, 1st and 2nd character (%s)"
                        % " ".join(SHORT)),
                       ("filter", "interface: f filter by status / clear it")):
        k = tr[key]
        table.add(c["size"], label, k, None, None,
                  verdict(n, [(k.median <= 5, "median %.1f ms > 5" % k.median)]))
    k = tr["nomatch"]
    fl = measure([SQLITE, db], c["runs"], stdin=floor_sql("tui_nomatch", TERM="龙头Q"))
    table.add(c["size"], "interface: the search key that leaves no match", k, fl, None,
              verdict(n, [(k.median <= 5, "median %.1f ms > 5 (the LIKE scan: %s)"
                           % (k.median, fmt_ms(fl.median)))]))


def bench_live(table, c):
    """Another user's change on the interface's screen: the interface runs
    on a copy of the database; another process changes an item's status
    (alternating) and marks its commit in the trace ("C"); the time is from
    that mark to the next frame. The floor: sqlite3 reading what changed
    (the history rows after the last one seen, the task's row)."""
    n, q = c["n"], c["q"]
    log("bench: %d tasks: live reload" % n)
    copy = os.path.join(WORK, "status.db")
    copy_db(c["db"], copy)
    con = sqlite3.connect(copy)
    code, now, hmax = con.execute(
        "SELECT 'R1:' || code, status, (SELECT max(id) FROM history) FROM tasks"
        " WHERE report_id = 1 AND kind = 'item' ORDER BY seq LIMIT 1 OFFSET 2").fetchone()
    con.close()
    order = ("delayed", "active") if now == "active" else ("active", "delayed")
    t = Tui(copy)
    try:
        t.frame_after(0)
        env = dict(ENV, FOLLOWUP_TRACE=t.trace)
        times = []
        for i in range(5 if q else 15):
            t.settle(0.05)
            spawn([FU, "--db", copy, "status", code, order[i % 2]], env=env)
            t._pump(0)
            marks = [ns for kind, ns in t.events if kind == "C"]
            if not marks:
                raise NoTrace("the status command wrote no C mark")
            commit = marks[-1]
            times.append((t.frame_after(commit) - commit) / 1e6)
            t.events = [e for e in t.events if e[1] > commit]
        _, kb = t.quit()
    except NoTrace as e:
        log("bench: %s" % e)
        table.add(c["size"], "live", Result(note="not measured: %s" % e), None, None, "")
        return
    r = Result(times, kb)
    fl = measure([SQLITE, copy], c["runs"], stdin=floor_sql("live", SEEN=hmax))
    table.add(c["size"], "interface: another user's change, commit to frame", r, fl, None,
              verdict(n, [(r.median <= 100, "median %.0f ms > 100" % r.median)]))


# ---- the run ---------------------------------------------------------------------


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for ln in f:
                if ln.startswith("model name"):
                    model = ln.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%d CPU (%s), %s, Linux %s, SQLite %s" % (
        os.cpu_count() or 0, model, datetime.date.today().isoformat(), platform.release(),
        subprocess.run(["sqlite3", "--version"], capture_output=True, text=True)
        .stdout.split()[0])


def main():
    global RUNNER, FU
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="fewer runs (a smoke test)")
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--out", default=os.path.join(WORK, "results.txt"))
    ap.add_argument("--no-taskwarrior", action="store_true")
    ap.add_argument("--no-tui", action="store_true", help="leave the interface out")
    ap.add_argument("--runner", default=RUNNER, help="bench/runner.c, built (make bench does)")
    ap.add_argument("--followup", default=FU, help="the binary to measure (./followup)")
    ap.add_argument("--only-tui", action="store_true", help="only the interface")
    ap.add_argument("--rebuild", action="store_true",
                    help="build the 1,000,000-task database again even when one is there")
    args = ap.parse_args()
    FU = os.path.abspath(args.followup)
    RUNNER = os.path.abspath(args.runner)
    if not os.access(RUNNER, os.X_OK):
        raise SystemExit("bench: build %s first (make bench does)" % RUNNER)
    sizes = [int(s) for s in args.sizes.split(",")]
    os.makedirs(os.path.join(WORK, "home"), exist_ok=True)
    if not os.access(FU, os.X_OK):
        raise SystemExit("bench: build followup first (make)")
    if not shutil.which("sqlite3"):
        raise SystemExit("bench: the sqlite3 command line is needed (apt-get install sqlite3)")
    t_start = time.monotonic()
    table = Table()
    wtable = []
    q = args.quick

    if not args.only_tui:
        bench_sample(table, q)
    for n in sizes:
        log("bench: %d tasks: building the database" % n)
        rep, db, ntasks, nstmts, nbig = build_data(n, rebuild=args.rebuild or n < 1000000)
        ctx = {"n": n, "rep": rep, "db": db, "ntasks": ntasks, "nstmts": nstmts, "nbig": nbig,
               "size": "{:,}".format(ntasks), "q": q,
               "horizon": (datetime.date.fromisoformat(TODAY) + datetime.timedelta(days=7))
               .isoformat(),
               "runs": 3 if q or n >= BIG else (5 if n >= 100000 else 9),
               "twruns": 1 if q else (3 if n >= 100000 else 5),
               "tw": None if args.no_taskwarrior or n >= BIG else tw_setup(db, n)}
        if not args.only_tui:
            bench_import(table, ctx)
            bench_reads(table, ctx)
            bench_status(table, ctx)
            if n >= 100000 and not q:
                bench_verify(table, ctx)
            if n < BIG:
                bench_writes(wtable, ctx)
        if not args.no_tui:
            bench_interface(table, ctx)
            bench_live(table, ctx)

    took = time.monotonic() - t_start
    text = ("followup benchmark — %s\n"
            "times: median (min–max) of repeated runs, wall clock, ms unless marked;"
            " MB: peak resident memory (ru_maxrss)\n"
            "×sqlite3: followup ÷ the sqlite3 command line doing the same work on the same"
            " database (bench/floor/); TW÷followup: how many times faster than Taskwarrior %s\n\n"
            "%s\n\n%s\n\n(the run took %.0f s)\n" % (
                machine(), subprocess.run(["task", "--version"], capture_output=True, text=True)
                .stdout.strip() if shutil.which("task") and not args.no_taskwarrior else "(not installed)",
                table.render(), render_writes(wtable) if wtable else "", took))
    print(text)
    with open(args.out, "w") as f:
        f.write(text)
    log("bench: written to %s" % os.path.relpath(args.out, ROOT))


if __name__ == "__main__":
    main()
