"""`fopegui-cli analyze`: reports for files, folders or standard input (CONTRACT.md).

The engine (core.analyze, core.report: some 40 ms of imports) is imported where it is used,
not with this module: over many files the worker processes are forked first and each imports
it on its own core, while this process lists the files, instead of all of them waiting for
this one to import it alone.
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from fopegui.commands import SUMMARIES
from fopegui.core import output_slots

if TYPE_CHECKING:
    from fopegui.core.model import Report

FORMATS = ("text", "json", "jsonl", "md", "html")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "analyze",
        help=SUMMARIES["analyze"],
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


def _is_dir(name: str) -> bool:
    """A folder to search; a name the system refuses (too long, a loop) is not one: reading
    it then gives the file's own error line."""
    try:
        return name != "-" and Path(name).is_dir()
    except OSError:
        return False


class EmptyFolder(str):
    """A folder argument with no file in it: reported in its place, as an unreadable file is,
    rather than passed over without a word."""

    __slots__ = ()


def _inputs(names: list[str]) -> Iterator[str]:
    for name in names:
        if _is_dir(name):
            yield from sorted(files_under(name)) or (EmptyFolder(name),)
        else:
            yield name


def files_under(folder: str) -> list[str]:
    """The files in ``folder`` and its sub-folders, named as ``Path(folder).rglob("*")``
    names them and as many as it finds with ``is_file()`` (links to files count, links to
    folders are not entered, a folder that cannot be read is passed over), in a tenth of the
    time: an entry's type comes with its folder's listing, without a ``stat`` per file."""
    top = str(Path(folder))  # "./a/" → "a", as pathlib writes the names below it
    return _files_in(top, "" if top == "." else os.path.join(top, ""))


def _files_in(folder: str, prefix: str) -> list[str]:
    found: list[str] = []
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except PermissionError:
        return found
    for entry in entries:
        path = prefix + entry.name
        if _is(entry.is_dir, follow_symlinks=False):
            found += _files_in(path, path + os.sep)
        elif _is(entry.is_file):
            found.append(path)
    return found


def _is(test: Callable[..., bool], **options: bool) -> bool:
    try:
        return test(**options)
    except OSError:  # gone since it was listed, or its link leads nowhere readable
        return False


def _many_cores() -> bool:
    from fopegui.core.pool import default_jobs

    return default_jobs() > 1


def _analyze(name: str) -> Report:
    from fopegui.core.analyze import analyze_bytes, analyze_path
    from fopegui.core.model import LoadError, Report
    from fopegui.core.source import read_handle

    if isinstance(name, EmptyFolder):
        return _empty_folder(name)
    if name == "-":  # bounded by what is read: standard input has no size to check first
        try:
            data = read_handle(sys.stdin.buffer, "-")
        except LoadError as err:
            return Report(source=None, error=err.text, path="-")
        return analyze_bytes(data, "-")
    return analyze_path(name)


def _empty_folder(name: EmptyFolder) -> Report:
    from fopegui.core.model import Report
    from fopegui.core.source import load_error

    return Report(source=None, error=load_error("empty_folder", name=name).text, path=name)


def _write_json(out: TextIO, data: object) -> None:
    """``json.dumps(data, indent=2)``, written as it is encoded: joined at once, the report of
    a message with 100,000 headers is millions of small strings held together."""
    batch: list[str] = []
    for chunk in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data):
        batch.append(chunk)
        if len(batch) >= 8192:
            out.write("".join(batch))
            batch.clear()
    out.write("".join(batch) + "\n")


# Streamed formats over this many files are analysed on all cores (core.pool):
# each worker renders its files, the output stays in input order.
PARALLEL_MIN_FILES = 48
_FILES_PER_CHUNK = 16


def _render(report: Report, fmt: str, lang: str, colour: bool) -> str:
    from fopegui.core import report as render

    if fmt == "jsonl":
        return render.to_json(report, indent=None, lang=lang) + "\n"
    if fmt == "text":
        return render.to_text(report, colour=colour, lang=lang) + "\n"
    return render.to_markdown(report, lang) + "\n"


Chunk = tuple[tuple[str, ...], str, bool, tuple[str, str] | None, int | None]


def render_chunk(item: Chunk, lang: str) -> tuple[str | bytes | int, list[str]]:
    """The output of a chunk of files and an error line (or "") for each (run in a worker
    process). With an (encoding, errors) pair the output comes as bytes, encoded as standard
    output would: the parent writes them as they are instead of decoding the pickled text
    and encoding it again (a report is tens of kilobytes; both copies cost more than the
    parent's share of the work). A jsonl line is UTF-8 bytes from the start. Given an output
    slot (core.output_slots), the bytes are left there and only their size comes back."""
    from fopegui.core import report as render
    from fopegui.core.analyze import analyze_path
    from fopegui.core.texts import render as render_text

    names, fmt, colour, encoding, slot = item
    texts: list[str] = []
    out = output_slots.SlotWriter(slot if encoding else None)  # jsonl: each line as it comes
    errors: list[str] = []
    for name in names:
        report = _empty_folder(name) if isinstance(name, EmptyFolder) else analyze_path(name)
        errors.append(render_text(report.error, lang) if report.error else "")
        if fmt == "jsonl":  # the line break apart: "+" would copy the 45 KB line
            out.write(render.report_line(report, lang))
            out.write(b"\n")
        else:
            texts.append(_render(report, fmt, lang, colour))
    if fmt != "jsonl":
        text = "".join(texts)
        if not encoding:
            return text, errors
        out.write(text.encode(*encoding))
    elif not encoding:
        return out.joined().decode("utf-8"), errors
    return out.answer(), errors  # jsonl: UTF-8, as a UTF-8 stream takes it


def _byte_stream(out: TextIO) -> tuple[str, str] | None:
    """(encoding, errors) of ``out`` when bytes may go to its buffer directly: text written
    there is only encoded, as UTF-8 (no byte order mark to repeat per chunk, as UTF-16 would),
    and nothing else (no newline translation, as on Windows)."""
    if os.linesep != "\n" or not hasattr(out, "buffer") or not out.encoding:
        return None
    try:
        if codecs.lookup(out.encoding).name != "utf-8":
            return None
    except LookupError:
        return None
    return "utf-8", out.errors or "strict"


def _run_parallel(names: list[str], fmt: str, lang: str, colour: bool) -> bool:
    from fopegui.core.pool import default_jobs, default_start_method, in_flight, parallel_map

    out = sys.stdout
    encoding = _byte_stream(out)
    jobs = default_jobs()
    # Shared with the workers only when they are forked from here (see parallel_map).
    forked = default_start_method() == "fork"
    slots = output_slots.slots_for(in_flight(jobs)) if encoding and forked else None
    step = _FILES_PER_CHUNK

    def work() -> Iterator[tuple[tuple[str, int | None], Chunk]]:
        for i in range(0, len(names), step):
            chunk = tuple(names[i : i + step])
            slot = slots.lend() if slots else None
            yield (chunk, slot), (chunk, fmt, colour, encoding, slot)

    failed = False
    out.flush()  # the bytes go to its buffer: nothing may wait in the text layer
    try:
        for (chunk, slot), (output, errors) in parallel_map(render_chunk, work(), jobs, lang):
            for name, error in zip(chunk, errors, strict=True):
                if error:
                    failed = True
                    _say_error(name, error)
            if isinstance(output, int) and slots and slot is not None:  # left in its slot
                with slots.output(slot, output) as view:
                    out.buffer.write(view)
            elif isinstance(output, bytes):
                out.buffer.write(output)
            else:
                out.write(output)
            if slots:
                slots.give_back(slot)
    finally:
        if slots:
            slots.close()
    out.flush()
    return failed


def _say_error(name: str, error: str) -> None:
    """The error line of a file, terminal-safe: the name and the sentence may hold controls."""
    from fopegui.core.visible import printable

    print(f"fopegui-cli: {printable(name)}: {printable(error)}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    out = sys.stdout
    colour = out.isatty() and not os.environ.get("NO_COLOR")
    lang = args.lang
    names = list(_inputs(args.files))  # folders listed once, whichever way they are read
    streamed = args.format in ("jsonl", "text", "md")
    if streamed and "-" not in args.files and len(names) >= PARALLEL_MIN_FILES and _many_cores():
        return 1 if _run_parallel(names, args.format, lang, colour) else 0
    from fopegui.core import report as render
    from fopegui.core.texts import render as render_text

    failed = False
    reports: list[Report] = []
    for name in names:
        report = _analyze(name)
        failed = failed or report.error is not None
        if report.error:
            _say_error(name, render_text(report.error, lang))
        if streamed:  # in input order
            out.write(_render(report, args.format, lang, colour))
        else:
            reports.append(report)
    # CONTRACT.md: one object for one FILE argument, an array for several (or a folder).
    single = len(args.files) == 1 and not _is_dir(args.files[0])
    if args.format == "json":
        documents = [render.to_dict(r, lang) for r in reports]
        _write_json(out, documents[0] if single and documents else documents)
    elif args.format == "html" and reports:
        out.write(render.render_document(reports, "html", lang=lang) + "\n")
    out.flush()
    return 1 if failed else 0
