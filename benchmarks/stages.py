"""Where `analyze --format jsonl` spends its time, per message: microseconds of each stage,
in one process, over a folder of real mail.

    python benchmarks/stages.py FOLDER [--lang en] [--repeat 3]

The stages are the functions `core.analyze.analyze_source` calls, timed by wrapping them
here (the wrappers add well under a microsecond per call), plus loading the file and writing
the report as a JSON line (`report.to_json(indent=None)`, as `--format jsonl`). Each pass
starts with empty decoder and Received memories, as a fresh worker process does; the median
pass counts.
The clock is perf_counter (a CPU-time clock is a system call, too slow to wrap a function
called for every header): run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from fopegui.core import analyze as analysis  # noqa: E402
from fopegui.core import received  # noqa: E402
from fopegui.core import report as render  # noqa: E402
from fopegui.core import source as sources  # noqa: E402
from fopegui.core.decoders import registry  # noqa: E402

# (name shown, module whose global is wrapped, its name there)
STAGES = (
    ("header split (headers.parse_header_block)", analysis, "parse_header_block"),
    ("decoders (registry.decode_shared)", analysis, "decode_shared"),
    ("Received chain (received.received_chain)", analysis, "received_chain"),
    ("stamps (stamps.read_stamps)", analysis, "read_stamps"),
    ("authentication (auth_reading.read_auth)", analysis, "read_auth"),
    ("diagnosis (diagnosis.diagnose)", analysis, "diagnose"),
)
JSON_LINE = "report as a JSON line (report.to_json, indent=None)"
spent: dict[str, float] = defaultdict(float)


def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    clock = time.perf_counter_ns

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = clock()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += clock() - start

    return wrapper


def one_pass(files: list[str], lang: str) -> dict[str, float]:
    spent.clear()
    registry._memo.clear()
    registry._older.clear()
    registry._seen_once.clear()
    registry.by_name.cache_clear()  # with the JSON text remembered for its results
    received._sender_facts.cache_clear()  # the Received chain's memories too
    received._time_of.cache_clear()
    received.edge_role.cache_clear()
    clock = time.perf_counter_ns
    for path in files:
        start = clock()
        try:
            src = sources.load_path(path)
        except sources.LoadError:
            continue
        spent["load (source.load_path)"] += clock() - start
        start = clock()
        report = analysis.analyze_source(src)
        spent["analysis (core.analyze.analyze_source)"] += clock() - start
        start = clock()
        render.to_json(report, indent=None, lang=lang)  # what a jsonl line costs
        spent[JSON_LINE] += clock() - start
    return dict(spent)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default=os.environ.get("FOPEGUI_BENCH_FOLDER"))
    ap.add_argument("--lang", default="en", choices=("en", "ja"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--worker-gc", action="store_true",
                    help="the garbage collector set as in core.triage's worker processes")
    args = ap.parse_args()
    if not args.folder or not Path(args.folder).is_dir():
        ap.error("give a folder of real messages (or set FOPEGUI_BENCH_FOLDER)")
    files = sorted(str(p) for p in Path(args.folder).rglob("*") if p.is_file())
    for name, module, attribute in STAGES:
        setattr(module, attribute, timed(name, getattr(module, attribute)))
    if args.worker_gc:  # as the worker processes of `analyze` and `triage` set it
        gc.freeze()
        gc.set_threshold(20_000, 50, 1000)
    passes = [one_pass(files, args.lang) for _ in range(args.repeat)]
    gc_note = ", worker GC settings" if args.worker_gc else ""
    print(f"{args.folder}: {len(files):,} files, lang {args.lang}{gc_note}; µs per message, "
          f"median of {args.repeat} passes")  # fmt: skip
    order = ["load (source.load_path)", "analysis (core.analyze.analyze_source)"]
    order += [name for name, _, _ in STAGES]
    order += [JSON_LINE]
    total = 0.0
    for name in order:
        micros = statistics.median(p.get(name, 0.0) for p in passes) / 1000 / len(files)
        inner = name in {n for n, _, _ in STAGES}
        if not inner:
            total += micros
        print(f"  {'  ' if inner else ''}{name:48} {micros:7.0f}")
    print(f"  {'total':48} {total:7.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
