"""`fopegui-cli triage`: one row per message of folders, mbox files and .pst (CONTRACT.md)."""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from typing import IO, Any

from fopegui.commands import SUMMARIES

PROG = "fopegui-cli triage"
FORMATS = ("csv", "jsonl")
_ERROR_LINES = 20  # error rows named on standard error; the rest are counted


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "triage",
        help=SUMMARIES["triage"],
        description="Triage many messages at once: each PATH is a folder (searched recursively "
        "for .eml and .msg), an mbox file, an Outlook .pst/.ost (needs the optional package "
        "libpff-python) or a single message. One CSV or JSON Lines row per message, with the "
        "verdict `analyze` gives. Files are opened read-only.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=FORMATS, default="csv", help="default: csv")
    p.add_argument(
        "--jobs", type=_jobs, default=None, metavar="N",
        help="worker processes (default: the number of cores; 1 = no worker processes)",
    )  # fmt: skip
    p.add_argument("--out", metavar="FILE", help="write the rows to FILE (default: stdout)")
    p.add_argument(
        "--lang", choices=("en", "ja"), default="en", help="language of the error texts"
    )


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 256:
        raise argparse.ArgumentTypeError(f"expected a number of processes 1–256, got {text!r}")
    return value


def run(args: argparse.Namespace) -> int:
    from fopegui.core.files import atomic_output, same_file

    if args.out and args.out != "-" and any(same_file(args.out, p) for p in args.paths):
        print(f"{PROG}: --out is one of the inputs; inputs are never overwritten.",
              file=sys.stderr)  # fmt: skip
        return 2
    if not args.out or args.out == "-":
        return _write(args, sys.stdout)
    try:
        with atomic_output(args.out, "w", encoding="utf-8", newline="") as handle:
            return _write(args, handle)
    except OSError as err:
        print(f"{PROG}: cannot write {args.out}: {err.strerror or err}", file=sys.stderr)
        return 1


def _write(args: argparse.Namespace, out: IO[str]) -> int:
    from fopegui.core import triage

    meter = _Meter(sys.stderr) if sys.stderr.isatty() else None
    rows = triage.triage(args.paths, jobs=args.jobs, lang=args.lang,
                         progress=meter.update if meter else None)  # fmt: skip
    errors = 0
    if args.format == "csv":
        emit = triage.csv_writer(out)
    else:
        emit = lambda row: out.write(triage.json_line(row) + "\n")  # noqa: E731
    try:
        for row in rows:
            emit(row)
            if row[1] is not None:
                errors += 1
                if errors <= _ERROR_LINES:
                    if meter is not None:
                        meter.clear()
                    print(f"{PROG}: {row[0]}: {row[1]}", file=sys.stderr)
    finally:
        with contextlib.suppress(BrokenPipeError):
            out.flush()
        if meter is not None:
            meter.clear()
    if errors > _ERROR_LINES:
        print(f"{PROG}: … and {errors - _ERROR_LINES} more that could not be read",
              file=sys.stderr)  # fmt: skip
    return 1 if errors else 0


class _Meter:
    """A one-line progress display on a terminal, redrawn at most five times a second."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.started = time.monotonic()
        self.shown = 0.0
        self.width = 0

    def update(self, progress: Any) -> None:
        now = time.monotonic()
        if now - self.shown < 0.2:
            return
        self.shown = now
        rate = progress.messages / max(now - self.started, 1e-6)
        text = (f"{progress.messages:,} messages  {progress.fraction:4.0%}  {rate:,.0f}/s"
                + (f"  {progress.errors:,} unreadable" if progress.errors else ""))  # fmt: skip
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)

    def clear(self) -> None:
        if self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0
