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


def _analyze(name: str) -> Report:
    if name == "-":
        return analyze_bytes(sys.stdin.buffer.read(), "-")
    return analyze_path(name)


def run(args: argparse.Namespace) -> int:
    out = sys.stdout
    failed = False
    reports: list[Report] = []
    colour = out.isatty() and not os.environ.get("NO_COLOR")
    lang = args.lang
    for name in _inputs(args.files):
        report = _analyze(name)
        failed = failed or report.error is not None
        if report.error:
            print(f"fopegui-cli: {name}: {render_text(report.error, lang)}", file=sys.stderr)
        if args.format == "jsonl":  # streamed: one line per file, in input order
            out.write(render.to_json(report, indent=None, lang=lang) + "\n")
        elif args.format == "text":
            out.write(render.to_text(report, colour=colour, lang=lang) + "\n")
        elif args.format == "md":
            out.write(render.to_markdown(report, lang) + "\n")
        else:
            reports.append(report)
    if args.format == "json" or (args.format == "html" and reports):
        # CONTRACT.md: one object for one FILE argument, an array for several (or a folder).
        single = len(args.files) == 1 and not Path(args.files[0]).is_dir()
        document = render.render_document(reports, args.format, as_array=not single, lang=lang)
        out.write(document + "\n")
    out.flush()
    return 1 if failed else 0
