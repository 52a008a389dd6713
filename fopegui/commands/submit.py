"""`fopegui-cli submit`: a false-positive submission draft, or a Microsoft Graph request body.

Whether a submission is the remedy is decided by core.submission_plan.assess, the function
the wizard uses too: where the headers say it is not (an ASF option, a policy rule, …) the
command writes nothing and exits 4, unless --force.
"""

from __future__ import annotations

import argparse
import os
import sys

from fopegui.commands import SUMMARIES
from fopegui.core import source as loader
from fopegui.core.files import InputFileError, is_input, write_atomic
from fopegui.core.model import LoadError, Report
from fopegui.core.submission import KB_ADDRESS, attachment_filename, destination_note, message_text
from fopegui.core.submission_original import Original, draft_for, original_of
from fopegui.core.submission_plan import Assessment, assess
from fopegui.core.texts import Text, render
from fopegui.core.visible import printable

PROG = "fopegui-cli submit"
REFUSED = 4


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "submit",
        help=SUMMARIES["submit"],
        description="Write a draft .eml (X-Unsent: 1, opens as a new message in Outlook) to ADDR "
        "with FILE attached byte for byte, as KB2669119 Method 2 asks, or (--graph) the body "
        "of a Microsoft Graph admin submission request. FILE is only read. When the headers say "
        "a submission is not the remedy, nothing is written (exit 4) unless --force.",
    )
    parser.add_argument(
        "file",
        metavar="FILE",
        help="the .eml or .msg to submit ('-': stdin); FILE.msg#attachment-N and "
        "BOUNCE#returned-original name a message inside another, as analyze lists them",
    )
    parser.add_argument(
        "--to",
        metavar="ADDR",
        help=f"draft destination; KB2669119 gives {KB_ADDRESS} (retired with FOPE, see the note)",
    )
    parser.add_argument("--from", dest="from_addr", metavar="ADDR", help="sender address")
    parser.add_argument(
        "--subject", metavar="S", help='default: "False positive: <original subject>"'
    )
    parser.add_argument("--note", metavar="TEXT", help="a short note for the body")
    parser.add_argument(
        "--lang", choices=("en", "ja"), default="en", help="language of the letter (default en)"
    )
    parser.add_argument("--out", metavar="DRAFT.eml", help="where to write the draft ('-': stdout)")
    parser.add_argument(
        "--graph", metavar="REQUEST.json", help="write a Microsoft Graph request body ('-': stdout)"
    )
    parser.add_argument(
        "--recipient", metavar="ADDR", help="with --graph: the recipientEmailAddress"
    )
    parser.add_argument(
        "--force", action="store_true", help="write even when a submission is not the remedy"
    )


def run(args: argparse.Namespace) -> int:
    usage = _usage_error(args)
    if usage:
        return _fail(2, usage)
    for out in (args.out, args.graph):
        if out and out != "-" and is_input(out, [args.file]):
            return _overwrite_refused(out)
    try:
        report, original = _load(args.file)
    except LoadError as err:
        return _fail(1, render(err.text, args.lang) or str(err))
    assessment = assess(report)
    if assessment.refused(args.force):
        _explain_refusal(assessment, args.lang)
        return REFUSED
    code = 0
    if args.graph:
        code = _write_graph(args, original)
    if code == 0 and args.out:
        code = _write_draft(args, report, original)
    if code == 0:
        _say_status(assessment, args.lang)
    return code


def _usage_error(args: argparse.Namespace) -> str | None:
    if not (args.out or args.graph):
        return "give --out DRAFT.eml (a draft) or --graph REQUEST.json (a Graph request)."
    if args.out and not args.to:
        return "--out needs --to ADDR."
    if args.graph and not args.recipient:
        return "--graph needs --recipient ADDR."
    if args.out and args.out == args.graph and args.out != "-":
        return "--out and --graph name one file."
    if args.out == "-" and args.graph == "-":
        return "only one of --out and --graph can be '-'."
    return None


def _load(path: str) -> tuple[Report, Original]:
    """FILE's report and what to attach. A real file (or stdin) is attached as read, however
    malformed; a message inside another file (``#attachment-N``, ``#returned-original``) is
    taken from its parent as the analysis finds it."""
    from fopegui.core.analyze import analyze_bytes, analyze_path

    if path != "-" and not os.path.lexists(path) and "#" in path:
        report = analyze_path(path)
        if report.error is not None or report.source is None:
            raise LoadError(report.error or "?")
        return report, original_of(report)
    data = _read(path)
    report = analyze_bytes(data, None if path == "-" else path)
    if report.source is None:  # not readable as a message: attach the bytes all the same
        kind = loader.detect_kind(data)
        name = attachment_filename("" if path == "-" else path, kind)
        return report, Original(data, kind, name)
    return report, original_of(report)


def _write_draft(args: argparse.Namespace, report: Report, original: Original) -> int:
    try:
        draft = draft_for(
            report,
            original,
            args.to,
            from_addr=args.from_addr,
            subject=args.subject,
            lang=args.lang,
            note=args.note,
        )
    except ValueError as err:
        return _fail(2, str(err))
    code = _write(args.out, draft, args.file)
    if code:
        return code
    where = "standard output" if args.out == "-" else args.out
    print(message_text("draft_written", args.lang, path=where, size=len(draft)), file=sys.stderr)
    print(destination_note(args.lang), file=sys.stderr)
    return 0


def _write_graph(args: argparse.Namespace, original: Original) -> int:
    from fopegui.core.graph_request import (
        GraphRefused,
        graph_note,
        graph_request,
        powershell_line,
        request_bytes,
    )

    try:
        body = request_bytes(graph_request(original.data, original.kind, args.recipient))
    except GraphRefused as err:
        return _fail(2, render(err.text, args.lang) or str(err))
    except ValueError as err:
        return _fail(2, str(err))
    code = _write(args.graph, body, args.file)
    if code:
        return code
    where = "standard output" if args.graph == "-" else args.graph
    text = _cli("graph_written", path=where, size=len(body))
    print(render(text, args.lang), file=sys.stderr)
    shown = "REQUEST.json" if args.graph == "-" else os.path.abspath(args.graph)
    print(printable(powershell_line(shown)), file=sys.stderr)
    print(render(graph_note(), args.lang), file=sys.stderr)
    return 0


def _write(out: str, data: bytes, source: str) -> int:
    """Write ``data`` to ``out`` atomically (stdout for '-'); never onto FILE's real file."""
    try:
        if out == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            write_atomic(out, data, inputs=[source])
    except InputFileError:
        return _overwrite_refused(out)
    except OSError as err:
        return _fail(1, f"cannot write {out}: {err.strerror or err}")
    return 0


def _overwrite_refused(out: str) -> int:
    return _fail(2, f"{out} is FILE itself (or the file FILE is read from); "
                 "the original is never overwritten.")  # fmt: skip


def _explain_refusal(assessment: Assessment, lang: str) -> None:
    lines = [render(_cli("refused", why=assessment.why), lang) or ""]
    if assessment.fix:
        lines.append(render(_cli("fix", fix=assessment.fix), lang) or "")
    if assessment.fix_page:
        page = assessment.fix_page
        lines.append(render(_cli("fix_page", name=page.name, url=page.url), lang) or "")
    lines.append(render(_cli("force_hint"), lang) or "")
    _fail(REFUSED, "\n".join(lines))


def _say_status(assessment: Assessment, lang: str) -> None:
    if assessment.status == "not_remedy":  # written with --force
        print(printable(render(_cli("forced"), lang) or ""), file=sys.stderr)
    elif assessment.status == "unknown":
        print(printable(render(_cli("caution", why=assessment.why), lang) or ""), file=sys.stderr)


def _cli(key: str, **values: object) -> Text:
    from fopegui.core import catalogue

    return Text(catalogue.load("submission")["cli"][key], values)


def _fail(code: int, message: str) -> int:
    text = "\n".join(printable(line) for line in message.split("\n"))
    print(f"{PROG}: {text}", file=sys.stderr)
    return code


def _read(path: str) -> bytes:
    """FILE's bytes (standard input for "-"), opened read-only. Any file is accepted (the
    original is attached as it is, however malformed), except an empty or oversized one;
    the LoadError says why in the user's language, as `analyze` says it."""
    stdin = path == "-"
    data = loader.read_handle(sys.stdin.buffer, path) if stdin else loader.read_file(path)
    if not data:
        raise loader.load_error("empty", name=loader.entry_name(path))
    return data
