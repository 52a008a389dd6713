"""`fopegui-cli analyze`: reports for files, folders or standard input (CONTRACT.md)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from fopegui.core import report as render
from fopegui.core.analyze import analyze_bytes, analyze_path
from fopegui.core.model import Report
from fopegui.core.texts import render as render_text

FORMATS = ("text", "json", "jsonl", "md", "html")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "analyze",
        help="explain the filtering headers of messages",
        description="Analyse .eml / .msg files or header text ('-' reads standard input). "
        "A folder is searched for files recursively.",
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=FORMATS, default="text")
    p.add_argument(
        "--lang",
        choices=("en", "ja"),
        default="en",
        help="language of meanings, findings and labels (the analysis is the same)",
    )


def _inputs(names: list[str]) -> Iterator[str]:
    for name in names:
        path = Path(name)
        if name != "-" and path.is_dir():
            yield from sorted(str(p) for p in path.rglob("*") if p.is_file())
        else:
            yield name


def _many_cores() -> bool:
    from fopegui.core.triage import default_jobs

    return default_jobs() > 1


def _analyze(name: str) -> Report:
    if name == "-":
        return analyze_bytes(sys.stdin.buffer.read(), "-")
    return analyze_path(name)


# Streamed formats over this many files are analysed on all cores (core.triage's pool):
# each worker renders its files, the output stays in input order.
PARALLEL_MIN_FILES = 48
_FILES_PER_CHUNK = 16


def _render(report: Report, fmt: str, lang: str, colour: bool) -> str:
    if fmt == "jsonl":
        return render.to_json(report, indent=None, lang=lang) + "\n"
    if fmt == "text":
        return render.to_text(report, colour=colour, lang=lang) + "\n"
    return render.to_markdown(report, lang) + "\n"


def render_chunk(item: tuple[tuple[str, ...], str, bool], lang: str) -> list[tuple[str, str]]:
    """(output, error line or "") for each file of a chunk (run in a worker process)."""
    names, fmt, colour = item
    done = []
    for name in names:
        report = analyze_path(name)
        error = render_text(report.error, lang) if report.error else ""
        done.append((_render(report, fmt, lang, colour), error))
    return done


def _run_parallel(names: list[str], fmt: str, lang: str, colour: bool) -> bool:
    from fopegui.core.triage import default_jobs, parallel_map

    step = _FILES_PER_CHUNK
    chunks = (tuple(names[i : i + step]) for i in range(0, len(names), step))
    work = ((chunk, (chunk, fmt, colour)) for chunk in chunks)
    failed = False
    out = sys.stdout
    for chunk, done in parallel_map(render_chunk, work, default_jobs(), lang):
        for name, (text, error) in zip(chunk, done, strict=True):
            if error:
                failed = True
                print(f"fopegui-cli: {name}: {error}", file=sys.stderr)
            out.write(text)
    out.flush()
    return failed


def run(args: argparse.Namespace) -> int:
    out = sys.stdout
    failed = False
    reports: list[Report] = []
    colour = out.isatty() and not os.environ.get("NO_COLOR")
    lang = args.lang
    if args.format in ("jsonl", "text", "md") and "-" not in args.files:
        names = list(_inputs(args.files))
        if len(names) >= PARALLEL_MIN_FILES and _many_cores():
            return 1 if _run_parallel(names, args.format, lang, colour) else 0
    for name in _inputs(args.files):
        report = _analyze(name)
        failed = failed or report.error is not None
        if report.error:
            print(f"fopegui-cli: {name}: {render_text(report.error, lang)}", file=sys.stderr)
        if args.format in ("jsonl", "text", "md"):  # streamed, in input order
            out.write(_render(report, args.format, lang, colour))
        else:
            reports.append(report)
    if args.format == "json" or (args.format == "html" and reports):
        # CONTRACT.md: one object for one FILE argument, an array for several (or a folder).
        single = len(args.files) == 1 and not Path(args.files[0]).is_dir()
        document = render.render_document(reports, args.format, as_array=not single, lang=lang)
        out.write(document + "\n")
    out.flush()
    return 1 if failed else 0
