"""Whole analysis (load + all decoders + diagnosis + JSON) vs a bare standard-library parse.

Prints messages/second for both loops over the same in-memory files in the same run,
and the ratio (fopegui time / baseline time; target ≤ 1.0). Then times the whole
`fopegui-cli analyze --format jsonl` process over a folder of the same messages.

    python benchmarks/bench_analyze.py [--count 1200] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from email import policy
from email.parser import BytesHeaderParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import make_corpus

from fopegui.core.analyze import analyze_bytes
from fopegui.core.report import to_json


def baseline(messages: list[bytes]) -> float:
    parser = BytesHeaderParser(policy=policy.compat32)
    start = time.perf_counter()
    for data in messages:
        parser.parsebytes(data)
    return time.perf_counter() - start


def ours(messages: list[bytes]) -> float:
    start = time.perf_counter()
    for data in messages:
        to_json(analyze_bytes(data, "bench.eml"), indent=None)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=1200)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = make_corpus(Path(tmp) / "corpus", args.count)
        paths = [path for path, _ in corpus]
        messages = [p.read_bytes() for p in paths]
        size = sum(map(len, messages))
        print(
            f"corpus: {len(messages)} messages, {size / 2**20:.1f} MiB "
            f"(mean {size / len(messages) / 1024:.1f} KiB)"
        )
        ours(messages[:50])  # warm caches (catalogue, regexes) before timing either loop
        baseline(messages[:50])
        base_times, our_times = [], []
        for _ in range(args.repeat):  # interleaved so machine noise hits both alike
            base_times.append(baseline(messages))
            our_times.append(ours(messages))
        b, o = statistics.median(base_times), statistics.median(our_times)
        n = len(messages)
        print(f"email.parser.BytesHeaderParser: {n / b:9.0f} msg/s  ({b * 1e6 / n:7.1f} µs/msg)")
        print(f"fopegui analyze + JSON:         {n / o:9.0f} msg/s  ({o * 1e6 / n:7.1f} µs/msg)")
        print(f"ratio fopegui/baseline: {o / b:.2f}  (target ≤ 1.0)")
        for band in ("text", "html", "attachment"):  # the ratio depends on body size
            subset = [m for m, (_, b_) in zip(messages, corpus, strict=True) if b_ == band]
            bt = min(baseline(subset) for _ in range(3))
            ot = min(ours(subset) for _ in range(3))
            mean_kib = sum(map(len, subset)) / len(subset) / 1024
            print(
                f"  {band:10} {len(subset):5} msgs, mean {mean_kib:6.1f} KiB: "
                f"baseline {bt * 1e6 / len(subset):7.1f} µs, fopegui "
                f"{ot * 1e6 / len(subset):6.1f} µs, ratio {ot / bt:.2f}"
            )
        headers_only = [m.partition(b"\n\n")[0] + b"\n\n" for m in messages]
        bt = min(baseline(headers_only) for _ in range(3))
        ot = min(ours(headers_only) for _ in range(3))
        print(f"  headers only (no body at all): ratio {ot / bt:.2f} — the worst case")

        cli = [
            sys.executable,
            "-m",
            "fopegui.cli",
            "analyze",
            "--format",
            "jsonl",
            str(paths[0].parent),
        ]
        walls = []
        for _ in range(3):
            start = time.perf_counter()
            proc = subprocess.run(cli, capture_output=True, check=False)
            walls.append(time.perf_counter() - start)
        lines = proc.stdout.count(b"\n")
        wall = statistics.median(walls)
        print(
            f"fopegui-cli analyze --format jsonl over {lines} files: {wall:.2f} s wall "
            f"({lines / wall:.0f} msg/s, exit {proc.returncode})"
        )


if __name__ == "__main__":
    main()
