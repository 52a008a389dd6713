"""Hostile-input run (issue 17): a mutation fuzz and a scale run, outside the test suite.

    python benchmarks/hostile_run.py fuzz  [--cases 240000] [--jobs N] [--timeout 10]
                                           [--corpus DIR [--corpus-files 2000]]
    python benchmarks/hostile_run.py scale [--factors 1 2 4 8] [--gui]
    python benchmarks/hostile_run.py case N   # one fuzz case again, written to hostile-case-N

fuzz: every case is a seed message (tests/data: .eml, .msg, bounces; optionally the first
files of a corpus folder, read in place and never copied) mutated by operations chosen from
the case number, so any case can be replayed. Each is analysed (core.analyze_bytes) and
rendered in every export format, in worker processes watched by this one: a worker that dies
is a crash, a case that runs past --timeout is a hang, an exception or a ``decoder-error:``
finding is an internal error.

scale: inputs of one shape at 1×, 2×, 4×, 8× the size (lines without a colon, a Received
chain with clock skew, many headers, one long line, encoded words, long folding, many
Authentication-Results methods and anti-spam fields, .msg attachment tables and transport
headers), each analysed by ``fopegui-cli analyze --format json`` in a fresh process. Time and
peak RSS per run; the growth exponent fitted over the factors (1.0 = linear, 2.0 =
quadratic). With --gui the shapes are also opened in the main window (offscreen).

Exit status 0 when there is no crash, no hang, no internal error and every exponent is below
1.3; 1 otherwise.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.msgbuilder import Attachment, build_msg, simple_msg  # noqa: E402

DATA = ROOT / "tests" / "data"
CHUNK = 400  # cases a worker takes at a time
LINEAR_LIMIT = 1.3  # growth exponent above which a shape counts as not linear

# -- seeds and mutations -------------------------------------------------------------------

TOKENS = [b":", b";", b"=?", b"?=", b"(", b")", b"[", b"]", b"<", b">", b"\r", b"\n", b"\n ",
          b"\r\n", b"\x00", b"\x1b[2J", b"\x07", "\u202e".encode(), "\u2028".encode(),
          b"\xff\xfe", b"SFV:", b"SCL:", b"CIP:", b"H:", b"CAT:", b"DIR:INB;", b"=?UTF-8?B?",
          b"=?idna?B?//8=?=", b"=?punycode?Q?=FF?=", b"=?utf\x00-8?Q?x?=", b"=?iso-2022-jp?B?",
          b"VPS-", b"(zz", b"reason=", b"dkim=", b"spf=", b"Received: from ", b"by ",
          b"Date: 0001-01-01\n", b"Date: Mon, 01 Jan 0001 00:00:00 +0000\n", b"no colon\n",
          b"<img src=/dev/zero>", b"<font color=red>", b"Content-Type: multipart/report; "
          b"report-type=delivery-status; boundary=b\n", b"--b\n", b"charset=idna"]  # fmt: skip


def load_seeds(corpus: Path | None, corpus_files: int) -> list[tuple[str, bytes]]:
    seeds = []
    for folder in ("samples", "shapes", "ndr", "msg"):
        for path in sorted((DATA / folder).iterdir()):
            if path.is_file() and path.suffix in (".eml", ".txt", ".msg"):
                seeds.append((f"{folder}/{path.name}", path.read_bytes()))
    headers = "Received: from a\r\n" * 300 + "X-Forefront-Antispam-Report: SFV:SPM\r\n\r\n"
    built = simple_msg(headers)
    built.attachments = [
        Attachment(props={0x3707001F: "a.bin"}, data=b"\1" * 6000),
        Attachment(message=simple_msg("Received: from inner\r\nSubject: inner\r\n\r\n")),
    ]
    seeds.append(("built.msg", build_msg(built)))
    if corpus is not None:  # measured where it lies; nothing of it is written anywhere
        files = sorted(p for p in corpus.rglob("*") if p.is_file())[:corpus_files]
        seeds += [(f"corpus/{p.name}", p.read_bytes()[: 2 * 1024 * 1024]) for p in files]
    return seeds


def mutate(seeds: list[tuple[str, bytes]], case: int) -> tuple[str, bytes, list[str]]:
    """Case ``case``: a seed and the operations applied to it, all chosen from ``case``."""
    rng = random.Random(case)
    name, original = seeds[rng.randrange(len(seeds))]
    data = bytearray(original)
    ops = []
    for _ in range(rng.randint(1, 12)):
        op = rng.choice(("flip", "insert", "delete", "dup", "splice", "repeat", "cut", "eol"))
        pos = rng.randrange(len(data) + 1)
        ops.append(op)
        if op == "flip" and data:
            data[min(pos, len(data) - 1)] = rng.randrange(256)
        elif op == "insert":
            data[pos:pos] = rng.choice(TOKENS)
        elif op == "delete":
            del data[pos : pos + rng.randint(1, 64)]
        elif op == "dup":
            data[pos:pos] = data[pos : pos + rng.randint(1, 400)]
        elif op == "splice":
            other = seeds[rng.randrange(len(seeds))][1]
            start = rng.randrange(len(other) + 1)
            data[pos:pos] = other[start : start + rng.randint(1, 2000)]
        elif op == "repeat":  # scale inside a case: one token many times
            data[pos:pos] = rng.choice(TOKENS) * rng.choice((100, 1000, 10000))
        elif op == "cut":
            del data[pos:]
        elif op == "eol":
            old, new = rng.choice(((b"\r\n", b"\n"), (b"\n", b"\r\n"), (b"\n", b"\r")))
            data = bytearray(bytes(data).replace(old, new))
    return name, bytes(data), ops


def run_case(data: bytes) -> str:
    """Analyse and render one input: "ok", or what went wrong inside."""
    from fopegui.core import report as render
    from fopegui.core.analyze import analyze_bytes

    report = analyze_bytes(data, "case.eml")
    internal = [f.id for f in report.findings if f.id.startswith("decoder-error:")]
    render.to_json(report, indent=None)
    render.to_text(report)
    render.to_markdown(report)
    render.to_html(report)
    return f"internal error: {internal}" if internal else "ok"


# -- the fuzz: workers watched for crashes and hangs ---------------------------------------


def _worker(conn: Connection, seeds: list[tuple[str, bytes]], first: int, last: int) -> None:
    for case in range(first, last):
        started = time.perf_counter()
        try:
            outcome = run_case(mutate(seeds, case)[1])
        except Exception as exc:  # what the core must never let out
            outcome = f"exception: {type(exc).__name__}: {exc}"[:300]
        conn.send((case, outcome, time.perf_counter() - started))
    conn.send((None, "done", 0.0))


class Slot:
    """One worker process and the range of cases it is on."""

    def __init__(self, seeds: list[tuple[str, bytes]], first: int, last: int) -> None:
        ctx = multiprocessing.get_context("fork")
        self.conn, child = ctx.Pipe(duplex=False)
        self.process = ctx.Process(target=_worker, args=(child, seeds, first, last), daemon=True)
        self.process.start()
        child.close()
        self.next, self.last, self.since = first, last, time.monotonic()


def fuzz(args: argparse.Namespace) -> int:
    seeds = load_seeds(args.corpus, args.corpus_files)
    queue = [(i, min(i + CHUNK, args.cases)) for i in range(0, args.cases, CHUNK)]
    slots: list[Slot] = []
    outcomes: Counter[str] = Counter()
    problems: list[str] = []
    times: list[float] = []
    started = time.monotonic()
    next_note = 20_000

    def restart_after(slot: Slot, kind: str) -> None:
        name, data, ops = mutate(seeds, slot.next)
        problems.append(f"{kind} at case {slot.next} ({name}, {len(data)} bytes, {ops})")
        outcomes[kind] += 1
        if slot.next + 1 < slot.last:
            queue.insert(0, (slot.next + 1, slot.last))

    while queue or slots:
        while queue and len(slots) < args.jobs:
            slots.append(Slot(seeds, *queue.pop(0)))
        ready = wait([s.conn for s in slots], timeout=1.0)
        now = time.monotonic()
        for slot in list(slots):
            if slot.conn in ready:
                try:
                    case, outcome, elapsed = slot.conn.recv()
                except EOFError:  # the worker died between two cases: a crash
                    slot.process.join()
                    restart_after(slot, f"crash (exit {slot.process.exitcode})")
                    slots.remove(slot)
                    continue
                if case is None:
                    slot.process.join()
                    slots.remove(slot)
                    continue
                times.append(elapsed)
                kind = outcome.split(":", 1)[0]
                outcomes[kind] += 1
                if outcome != "ok":
                    problems.append(f"{outcome} at case {case}")
                slot.next, slot.since = case + 1, now
            elif now - slot.since > args.timeout:
                slot.process.kill()
                slot.process.join()
                restart_after(slot, "hang")
                slots.remove(slot)
        done = sum(outcomes.values())
        if done >= next_note:
            print(f"  … {done} cases, {time.monotonic() - started:.0f} s", file=sys.stderr)
            next_note += 20_000
    wall = time.monotonic() - started
    times.sort()
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"fuzz: {sum(outcomes.values())} cases from {len(seeds)} seeds in {wall:.0f} s "
          f"({args.jobs} workers)")  # fmt: skip
    for kind in ("ok", "exception", "internal error", "hang"):
        print(f"  {kind:15} {outcomes.get(kind, 0)}")
    crashes = sum(n for k, n in outcomes.items() if k.startswith("crash"))
    print(f"  {'crash':15} {crashes}")
    if times:
        pct = {p: times[min(len(times) - 1, int(len(times) * p / 100))] for p in (50, 99, 100)}
        median, p99, most = (pct[p] * 1000 for p in (50, 99, 100))
        print(f"  per case: median {median:.1f} ms, p99 {p99:.1f} ms, max {most:.0f} ms; "
              f"worker peak RSS {peak:.0f} MB")  # fmt: skip
    for line in problems[:30]:
        print("  !", line)
    return 0 if outcomes.get("ok", 0) == sum(outcomes.values()) else 1


def replay(args: argparse.Namespace) -> int:
    seeds = load_seeds(args.corpus, args.corpus_files)
    name, data, ops = mutate(seeds, args.number)
    out = Path(f"hostile-case-{args.number}")
    out.write_bytes(data)
    print(f"case {args.number}: {name} with {ops} → {out} ({len(data)} bytes)")
    print(run_case(data))
    return 0


# -- the scale run ------------------------------------------------------------------------


def _received(n: int) -> bytes:
    hops = [b"Received: from h%d.example.com ([192.0.2.%d]) by mx%d.example.net with ESMTP; "
            b"Mon, 1 Jan 2024 10:%02d:00 +0000\n" % (i, i % 250, i, (i % 2) * 30)
            for i in range(n)]  # fmt: skip
    return b"".join(hops) + b"Subject: x\nFrom: a@example.com\n\n"


def _msg_attachments(n: int) -> bytes:
    msg = simple_msg("Received: from a\r\nSubject: x\r\n\r\n")
    msg.attachments = [Attachment(props={0x3707001F: f"a{i}.bin"}, data=b"x" * 10)
                       for i in range(n)]  # fmt: skip
    return build_msg(msg)


HEAD = b"Subject: x\nFrom: a@example.com\n"
# shape → (file suffix, input at factor f)
SHAPES: dict[str, tuple[str, Callable[[int], bytes]]] = {
    "lines without a colon": (".eml", lambda f: HEAD + b"no colon on this line\n" * 20_000 * f),
    "Received chain, skewed": (".eml", lambda f: _received(12_500 * f)),
    "many headers": (".eml", lambda f: HEAD + b"X-Header: value\n" * 50_000 * f + b"\n"),
    "one long header line": (".eml", lambda f: HEAD + b"X-Long: " + b"a" * 1_000_000 * f + b"\n\n"),
    "encoded words": (".eml", lambda f: b"Subject: " + b"=?UTF-8?B?44GC?= " * 20_000 * f
                      + b"\nFrom: a@example.com\n\n"),
    "long folding": (".eml", lambda f: HEAD + b"X-Folded: a\n" + b" b\n" * 50_000 * f + b"\n"),
    "Authentication-Results methods": (".eml", lambda f: HEAD + b"Authentication-Results: mx; "
                                       + b"spf=pass smtp.mailfrom=a.example; " * 5_000 * f
                                       + b"\n\n"),
    "anti-spam fields": (".eml", lambda f: HEAD + b"X-Forefront-Antispam-Report: "
                         + b"SFV:SPM;SCL:5;" * 10_000 * f + b"\n\n"),
    ".msg attachment table": (".msg", lambda f: _msg_attachments(2_500 * f)),
    ".msg transport headers": (".msg", lambda f: build_msg(simple_msg(
        "Received: from a by b; Mon, 1 Jan 2024 10:00:00 +0000\r\n" * 10_000 * f + "\r\n"))),
}  # fmt: skip

_CHILD = """
import os, resource, sys, time
path, gui = sys.argv[1], sys.argv[2] == "gui"
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
if gui:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from fopegui.ui.main_window import MainWindow
    window = MainWindow(); window.show(); app.processEvents()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    window.open_paths([path], background=False)
    for _ in range(3):
        app.processEvents()
    for name in ("received", "raw"):
        window.select_tab(name); app.processEvents()
    status = 0 if not window.failures else 1
else:
    null = os.open(os.devnull, os.O_WRONLY); os.dup2(null, 1)
    from fopegui.cli import main
    import fopegui.commands.analyze, fopegui.core.msg, fopegui.core.report  # loaded: not counted
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    status = main(["analyze", "--format", "json", path])
elapsed = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"{elapsed} {peak} {before} {status}", file=sys.stderr)
"""


def _measure(path: Path, gui: bool, timeout: float) -> tuple[float, float, float, int] | None:
    """(seconds, peak RSS MB, RSS before the work MB, status), None on a hang."""
    try:
        done = subprocess.run([sys.executable, "-c", _CHILD, str(path), "gui" if gui else "cli"],
                              capture_output=True, text=True, timeout=timeout)  # fmt: skip
    except subprocess.TimeoutExpired:
        return None
    last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    try:
        elapsed, peak, before, status = last.split()
    except ValueError:
        return (math.nan, math.nan, math.nan, done.returncode or -1)  # crashed
    return float(elapsed), int(peak) / 1024, int(before) / 1024, int(status)


def _exponent(factors: list[int], values: list[float]) -> float:
    """Slope of log(value) over log(factor): 1 = linear, 2 = quadratic."""
    points = [(math.log(f), math.log(v)) for f, v in zip(factors, values, strict=True) if v > 0]
    if len(points) < 2:
        return math.nan
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    num = sum((x - mx) * (y - my) for x, y in points)
    den = sum((x - mx) ** 2 for x, _ in points)
    return num / den


def scale(args: argparse.Namespace) -> int:
    failed = False
    modes = ["cli", "gui"] if args.gui else ["cli"]
    with tempfile.TemporaryDirectory(prefix="fopegui-scale-") as folder:
        for mode in modes:
            print(f"scale ({mode}: " + ("main window, offscreen" if mode == "gui" else
                  "fopegui-cli analyze --format json") + f"), factors {args.factors}")  # fmt: skip
            print(f"  {'shape':32} {'size 1×':>9} " + " ".join(f"{f:>3}× s/MB" .rjust(14)
                  for f in args.factors) + "  time^  RSS^")  # fmt: skip
            for shape, (suffix, make) in SHAPES.items():
                cells, seconds, memory, size1 = [], [], [], 0
                for factor in args.factors:
                    data = make(factor)
                    size1 = size1 or len(data)
                    path = Path(folder) / f"input{suffix}"
                    path.write_bytes(data)
                    result = _measure(path, mode == "gui", args.timeout)
                    if result is None:
                        cells.append("HANG".rjust(14))
                        failed = True
                        break
                    elapsed, peak, before, status = result
                    if math.isnan(elapsed):
                        cells.append(f"CRASH {status}".rjust(14))
                        failed = True
                        break
                    seconds.append(elapsed)
                    memory.append(peak - before)
                    cells.append(f"{elapsed:6.2f}/{peak:5.0f}".rjust(14))
                t_exp = _exponent(args.factors[: len(seconds)], seconds)
                # Below ~20 MB the allocator's steps, not the input, decide the peak.
                m_exp = _exponent(args.factors[: len(memory)], memory) if min(memory,
                                  default=0) >= 20 else math.nan  # fmt: skip
                flag = "  NOT LINEAR" if t_exp >= LINEAR_LIMIT else ""
                failed = failed or t_exp >= LINEAR_LIMIT
                m_text = "    -" if math.isnan(m_exp) else f"{m_exp:5.2f}"
                print(f"  {shape:32} {size1 / 1024:7.0f}KB " + " ".join(cells)
                      + f"  {t_exp:5.2f}  {m_text}{flag}")  # fmt: skip
    print("  (s/MB: seconds and peak RSS of the process; time^/RSS^: growth exponent over the "
          "factors, 1.0 = linear; RSS^ from the peak above the RSS with the code loaded, shown "
          "where that is 20 MB or more)")
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    f = sub.add_parser("fuzz")
    f.add_argument("--cases", type=int, default=240_000)
    f.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    f.add_argument("--timeout", type=float, default=10.0, help="seconds before a case is a hang")
    s = sub.add_parser("scale")
    s.add_argument("--factors", type=int, nargs="+", default=[1, 2, 4, 8])
    s.add_argument("--gui", action="store_true")
    s.add_argument("--timeout", type=float, default=600.0)
    c = sub.add_parser("case")
    c.add_argument("number", type=int)
    for p in (f, c):
        p.add_argument("--corpus", type=Path)
        p.add_argument("--corpus-files", type=int, default=2000)
    args = parser.parse_args()
    return {"fuzz": fuzz, "scale": scale, "case": replay}[args.mode](args)


if __name__ == "__main__":
    sys.exit(main())
