"""Time to load a .msg with fopegui.core.msg against parsing an .eml with the same headers.

Run: ``python3 benchmarks/bench_msg.py [FILE.msg ...] [--runs N]`` (default: the real
files in tests/data/msg). For each .msg with transport headers, the .eml is its header
block plus a short body, parsed with ``email.parser.BytesHeaderParser`` (compat32);
both work from bytes in memory, so disk speed is left out. Prints medians and the ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from email.parser import BytesHeaderParser
from email.policy import compat32
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fopegui.core.msg import source_from_msg

DEFAULT = sorted((Path(__file__).resolve().parent.parent / "tests" / "data" / "msg").glob("*.msg"))


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # warm caches (catalogue, codecs) once, as a running app would have them
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args(argv)
    header_parser = BytesHeaderParser(policy=compat32)
    print(f"{'file':38} {'msg KB':>7} {'hdr KB':>7} {'.msg ms':>8} {'.eml ms':>8} {'ratio':>6}")
    for path in args.files:
        data = path.read_bytes()
        source = source_from_msg(data, str(path))
        msg_ms = median_ms(lambda data=data, path=path: source_from_msg(data, str(path)), args.runs)
        if not source.header_bytes:
            size = len(data) / 1024
            print(f"{path.name:38} {size:7.1f} {'-':>7} {msg_ms:8.3f} {'-':>8} (no headers)")
            continue
        headers = source.header_bytes
        eml = headers.rstrip(b"\r\n") + b"\r\n\r\nBody.\r\n"
        eml_ms = median_ms(lambda eml=eml: header_parser.parsebytes(eml), args.runs)
        print(
            f"{path.name:38} {len(data) / 1024:7.1f} {len(headers) / 1024:7.1f} "
            f"{msg_ms:8.3f} {eml_ms:8.3f} {msg_ms / eml_ms:6.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
