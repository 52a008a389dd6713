"""Many messages → one row each: folders, mbox files and Outlook .pst, on a process pool.

A row is read from the Report that ``core.analyze`` makes for the message — the same
verdict ``fopegui-cli analyze`` gives, never a second diagnosis. Its columns are the
contract's (CONTRACT.md, ``triage``) followed by a few more.

Inputs are streamed: an mbox is scanned block by block (core.mbox) and the workers read
their messages from the file themselves, so neither the file nor the rows are ever held
whole. Rows come back in input order. A message that cannot be read is a row with
``error`` set; the run goes on.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from fopegui.core import catalogue, mbox, pst
from fopegui.core import source as sources
from fopegui.core.analyze import analyze_path, analyze_source
from fopegui.core.auth_reading import domain_of
from fopegui.core.containers import container_kind, error_text, pst_source
from fopegui.core.model import LoadError, Report, Source
from fopegui.core.pool import default_jobs, parallel_map
from fopegui.core.received import outbound_edge_ip
from fopegui.core.report import one_line_json
from fopegui.core.sender import sender_facts
from fopegui.core.texts import Localized, render

# CONTRACT.md: these names, in this order; more may follow.
COLUMNS = (
    "source", "error", "from", "subject", "date", "message_id", "filter", "direction",
    "decided_by", "destination", "remedy", "kb_methods", "sfv", "scl", "bcl", "cat", "cip",
    "country", "spf", "dkim", "dmarc", "compauth",
)  # fmt: skip
EXTRA_COLUMNS = ("from_domain", "sending_ip", "stamp", "rule", "severity", "kind", "sha256")
ALL_COLUMNS = COLUMNS + EXTRA_COLUMNS
INDEX = {name: i for i, name in enumerate(ALL_COLUMNS)}
MESSAGE_SUFFIXES = (".eml", ".msg")

Row = tuple[Any, ...]

# Work is handed to the workers in chunks: big enough that the hand-over costs little next
# to the analysis, small enough for a smooth progress bar and a quick Cancel.
_FILES_PER_TASK = 24
_MBOX_MESSAGES_PER_TASK = 96
_MBOX_BYTES_PER_TASK = 4 << 20

_TEXTS: dict[str, Any] = catalogue.load("triage")


def column_label(name: str, lang: str = "en") -> str:
    """The display name of a column (the CSV keeps the contract's names)."""
    entry = _TEXTS["columns"].get(name)
    return render(entry, lang) if entry else name


# --- rows -----------------------------------------------------------------------------------


def row_of(report: Report, source: str | None = None, lang: str = "en") -> Row:
    """The row of one analysed message (``source`` defaults to the report's path)."""
    source = source if source is not None else report.path
    if report.error is not None:
        return error_row(source, report.error, lang)
    summary, verdict, eop, auth = report.summary, report.verdict, report.eop, report.auth
    ip = sender_facts(report).ip.value
    if ip is None and report.outbound_edge is not None:
        ip = outbound_edge_ip(report.outbound_edge)  # what a recipient's blacklist saw
    src = report.source
    return (
        source,
        None,
        summary.get("from"),
        summary.get("subject"),
        summary.get("date"),
        summary.get("message_id"),
        verdict.filter,
        verdict.direction,
        verdict.decided_by,
        verdict.destination,
        verdict.remedy,
        " ".join(str(m) for m in verdict.kb_methods),
        eop.get("sfv"),
        eop.get("scl"),
        eop.get("bcl"),
        eop.get("cat"),
        eop.get("cip"),
        eop.get("ctry"),
        auth.get("spf"),
        auth.get("dkim"),
        auth.get("dmarc"),
        auth.get("compauth"),
        domain_of(summary.get("from")),
        ip,
        verdict.stamp,
        verdict.rule,
        verdict.severity,
        src.kind if src else None,
        src.sha256 if src else None,
    )


def error_row(
    source: str | None,
    error: Localized,
    lang: str = "en",
    subject: str | None = None,
    sender: str | None = None,
) -> Row:
    row: list[Any] = [None] * len(ALL_COLUMNS)
    row[0], row[1] = source, render(error, lang)
    row[INDEX["subject"]], row[INDEX["from"]] = subject, sender
    return tuple(row)


def as_dict(row: Row) -> dict[str, Any]:
    return dict(zip(ALL_COLUMNS, row, strict=True))


# A spreadsheet runs a cell that starts with one of these as a formula; a subject such as
# "=HYPERLINK(…)" is the sender's text, so CSV cells of message text start with a quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_values(row: Row) -> list[Any]:
    """A row as CSV cells: None empty, text that a spreadsheet would run quoted with '."""
    return [
        "" if value is None
        else f"'{value}" if isinstance(value, str) and value.startswith(_FORMULA_START)
        else value
        for value in row
    ]  # fmt: skip


def csv_writer(handle: IO[str]) -> Callable[[Row], Any]:
    """Write the header row to ``handle``; returns the function that writes one row."""
    writer = csv.writer(handle)
    writer.writerow(ALL_COLUMNS)
    return lambda row: writer.writerow(csv_values(row))


def json_line(row: Row) -> str:
    """A row as one line of JSON with the column names (JSON Lines)."""
    return one_line_json(as_dict(row))


# --- work units (run in the worker processes) -----------------------------------------------


@dataclass(frozen=True, slots=True)
class Task:
    """A chunk of work. ``kind``: "files" (items are paths), "mbox" (items are spans of
    ``path``), "headers" (items are (source, header bytes)), "rows" (items are finished
    rows, e.g. the error of a whole input). ``size`` is the bytes it covers (progress)."""

    kind: str
    items: tuple[Any, ...]
    size: int
    path: str = ""


def _analysed(load: Callable[[], Source], source: str, lang: str) -> Row:
    """The row of one message; a fault in the core becomes that message's error row."""
    try:
        return row_of(analyze_source(load()), source, lang)
    except LoadError as err:
        return error_row(source, err.text, lang)
    except Exception as exc:  # a bug must not stop the other thousands of messages
        return _internal_error_row(source, exc, lang)


def _internal_error_row(source: str, exc: Exception, lang: str) -> Row:
    return error_row(source, error_text("internal", reason=f"{type(exc).__name__}: {exc}"), lang)


def run_task(task: Task, lang: str = "en") -> list[Row]:
    """Analyse a chunk; rows in the chunk's order."""
    if task.kind == "rows":
        return list(task.items)
    if task.kind == "files":
        return [_file_row(path, lang) for path in task.items]
    if task.kind == "headers":
        return [_analysed(lambda d=data, s=src: pst_source(d, s), src, lang)
                for src, data in task.items]  # fmt: skip
    rows = []
    try:
        handle = open(task.path, "rb")  # noqa: SIM115 (closed below; errors become rows)
    except OSError as err:
        text = sources.unreadable(task.path, err).text
        return [error_row(f"{task.path}#{span.number}", text, lang) for span in task.items]
    with handle:
        for span in task.items:
            source = f"{task.path}#{span.number}"
            data = mbox.read_span(handle, span)
            rows.append(_analysed(lambda d=data, s=source: sources.load_bytes(d, s), source, lang))
    return rows


def _file_row(path: str, lang: str) -> Row:
    try:
        return row_of(analyze_path(path), path, lang)
    except Exception as exc:  # as _analysed: one bad file, one error row
        return _internal_error_row(path, exc, lang)


# --- inputs → tasks ---------------------------------------------------------------------------


def message_files(folder: str | os.PathLike[str]) -> list[str]:
    """The .eml and .msg files under ``folder`` (recursive), sorted."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        found.extend(os.path.join(root, f) for f in files if f.lower().endswith(MESSAGE_SUFFIXES))
    return sorted(found)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


@dataclass(slots=True)
class Plan:
    """The inputs of a run: ``(path, kind, files)`` with kind "folder", "mbox", "pst" or
    "file", and the bytes they cover in all (for progress)."""

    inputs: list[tuple[str, str, list[str]]]
    total_bytes: int


def plan(paths: Iterable[str | os.PathLike[str]]) -> Plan:
    inputs, total = [], 0
    for raw in paths:
        path = os.fspath(raw)
        if os.path.isdir(path):
            files = message_files(path)
            total += sum(_size(f) for f in files)
            inputs.append((path, "folder", files))
            continue
        kind = container_kind(path) or "file"
        total += _size(path)
        inputs.append((path, kind, []))
    return Plan(inputs, total)


def tasks(the_plan: Plan, lang: str = "en") -> Iterator[Task]:
    """The work of a plan, in input order; an mbox and a PST are read as the work goes on."""
    for path, kind, files in the_plan.inputs:
        if kind == "folder":
            if not files:
                text = error_text("no_messages", name=path)
                yield Task("rows", (error_row(path, text, lang),), 0)
            for i in range(0, len(files), _FILES_PER_TASK):
                chunk = tuple(files[i : i + _FILES_PER_TASK])
                yield Task("files", chunk, sum(_size(f) for f in chunk))
        elif kind == "mbox":
            yield from _mbox_tasks(path, lang)
        elif kind == "pst":
            yield from _pst_tasks(path, lang)
        else:
            yield Task("files", (path,), _size(path))


def _mbox_tasks(path: str, lang: str) -> Iterator[Task]:
    chunk: list[mbox.Span] = []
    first = 0  # file offset where the chunk's bytes begin (its first From line)
    try:
        for span in mbox.spans(path):
            chunk.append(span)
            if len(chunk) >= _MBOX_MESSAGES_PER_TASK or span.end - first >= _MBOX_BYTES_PER_TASK:
                yield Task("mbox", tuple(chunk), span.end - first, path)
                chunk, first = [], span.end
    except OSError as err:  # it went away or became unreadable since the run started
        text = sources.unreadable(path, err).text
        yield Task("rows", (error_row(path, text, lang),), 0)
    if chunk:
        yield Task("mbox", tuple(chunk), max(_size(path) - first, 0), path)


def _pst_tasks(path: str, lang: str) -> Iterator[Task]:
    name = Path(path).name
    chunk: list[tuple[str, bytes]] = []
    try:
        for item in pst.messages(path):
            source = f"{path}#{item.ref}"
            if item.headers is None:
                if chunk:
                    yield Task("headers", tuple(chunk), 0)
                    chunk = []
                text = error_text("pst_no_headers", name=f"{name}#{item.ref}")
                row = error_row(source, text, lang, subject=item.subject, sender=item.sender)
                yield Task("rows", (row,), 0)
                continue
            chunk.append((source, item.headers))
            if len(chunk) >= _FILES_PER_TASK:
                yield Task("headers", tuple(chunk), 0)
                chunk = []
    except pst.PstUnavailable:
        yield Task("rows", (error_row(path, error_text("pst_unavailable", name=name), lang),), 0)
    except OSError as err:  # a damaged item ends the walk: the items read before it keep their rows
        if chunk:
            yield Task("headers", tuple(chunk), 0)
            chunk = []
        text = error_text("pst_unreadable", name=name, reason=err)
        yield Task("rows", (error_row(path, text, lang),), 0)
    if chunk:
        yield Task("headers", tuple(chunk), 0)
    yield Task("rows", (), _size(path))  # the whole file is done: progress reaches it


# --- running -----------------------------------------------------------------------------------


@dataclass(slots=True)
class Progress:
    messages: int  # rows so far
    errors: int  # rows with an error so far
    done_bytes: int
    total_bytes: int

    @property
    def fraction(self) -> float:
        return min(self.done_bytes / self.total_bytes, 1.0) if self.total_bytes else 0.0


def triage(
    paths: Iterable[str | os.PathLike[str]],
    jobs: int | None = None,
    lang: str = "en",
    progress: Callable[[Progress], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    start_method: str | None = None,
    nice: int = 0,
) -> Iterator[Row]:
    """Rows for every message in ``paths``, in input order.

    ``jobs`` worker processes (default: the machine's cores; 1 = in this process).
    ``start_method`` is multiprocessing's ("fork", "spawn"…); a process with threads of its
    own (the GUI) must not fork, so it passes "spawn". ``cancelled`` is polled between
    chunks: when it returns True the rows stop (the chunks already running finish first).
    ``nice`` lowers the workers' scheduling priority (a window that must stay responsive).
    """
    the_plan = plan(paths)
    jobs = default_jobs() if jobs is None else max(jobs, 1)
    state = Progress(0, 0, 0, the_plan.total_bytes)
    for task, rows in _run(tasks(the_plan, lang), jobs, lang, start_method, nice):
        for row in rows:
            state.messages += 1
            state.errors += row[1] is not None
            yield row
        state.done_bytes += task.size
        if progress is not None:
            progress(state)
        if cancelled is not None and cancelled():
            return


def _run(
    work: Iterator[Task], jobs: int, lang: str, start_method: str | None, nice: int = 0
) -> Iterator[tuple[Task, list[Row]]]:
    if jobs == 1:
        for task in work:
            yield task, run_task(task, lang)
        return
    pending: Iterator[tuple[Task, Any]] = ((task, task) for task in work)
    yield from parallel_map(run_task, pending, jobs, lang, start_method, _finished_rows, nice)


def _finished_rows(task: Task, lang: str) -> list[Row] | None:
    return list(task.items) if task.kind == "rows" else None
