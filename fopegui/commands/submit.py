"""`fopegui-cli submit`: write a false-positive submission draft (KB2669119 Method 2)."""

from __future__ import annotations

import argparse
import sys

from fopegui.core import source as loader
from fopegui.core.files import same_file, write_atomic
from fopegui.core.model import LoadError
from fopegui.core.submission import KB_ADDRESS, build_draft, destination_note, message_text

PROG = "fopegui-cli submit"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "submit",
        help="write a false-positive submission draft with FILE attached unchanged",
        description="Write a draft .eml (X-Unsent: 1, opens as a new message in Outlook) to ADDR "
        "with FILE attached byte for byte, as KB2669119 Method 2 asks. FILE is only read.",
    )
    parser.add_argument("file", metavar="FILE", help="the .eml or .msg to submit ('-': stdin)")
    parser.add_argument(
        "--to",
        required=True,
        metavar="ADDR",
        help=f"destination; KB2669119 gives {KB_ADDRESS} (retired with FOPE, see the note)",
    )
    parser.add_argument("--from", dest="from_addr", metavar="ADDR", help="sender address")
    parser.add_argument(
        "--subject", metavar="S", help='default: "False positive: <original subject>"'
    )
    parser.add_argument("--note", metavar="TEXT", help="a short note for the body")
    parser.add_argument("--lang", choices=("en", "ja"), default="en", help="language of the texts")
    parser.add_argument("--out", required=True, metavar="DRAFT.eml", help="'-': stdout")


def run(args: argparse.Namespace) -> int:
    if args.file != "-" and args.out != "-" and same_file(args.file, args.out):
        return _fail(2, "--out is FILE itself; the original is never overwritten.")
    try:
        data = _read(args.file)
    except LoadError as err:
        return _fail(1, str(err))
    kind = loader.detect_kind(data)
    # A .msg's subject comes from its properties; for an .eml build_draft reads the headers.
    subject = _msg_subject(data, args.file, args.lang) if kind == "msg" else None
    try:
        draft = build_draft(
            data,
            kind,
            "" if args.file == "-" else args.file,
            to=args.to,
            from_addr=args.from_addr,
            subject=args.subject,
            note=args.note,
            original_subject=subject,
            lang=args.lang,
        )
    except ValueError as err:
        return _fail(2, str(err))
    try:
        _write(args.out, draft)
    except OSError as err:
        return _fail(1, f"cannot write {args.out}: {err.strerror or err}")
    where = "standard output" if args.out == "-" else args.out
    print(message_text("draft_written", args.lang, path=where, size=len(draft)), file=sys.stderr)
    print(destination_note(args.lang), file=sys.stderr)
    return 0


def _fail(code: int, message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return code


def _read(path: str) -> bytes:
    """FILE's bytes, opened read-only. Any file is accepted (the original is attached as it is,
    however malformed), except an empty or oversized one; LoadError says why."""
    name = "standard input" if path == "-" else path
    limit = loader.MAX_BYTES
    try:
        if path == "-":
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with open(path, "rb") as handle:
                data = handle.read(limit + 1)
    except FileNotFoundError:
        raise LoadError(f"{name} does not exist.") from None
    except IsADirectoryError:
        raise LoadError(f"{name} is a folder, not a message file.") from None
    except OSError as err:
        raise LoadError(f"{name} cannot be read: {err.strerror or err}.") from None
    if not data:
        raise LoadError(f"{name} is empty (0 bytes).")
    if len(data) > limit:
        raise LoadError(f"{name} is over {limit // 2**20} MB; larger than a message can be.")
    return data


def _msg_subject(data: bytes, path: str, lang: str) -> str | None:
    """The .msg's subject property; None when the .msg cannot be read (it is attached anyway)."""
    from fopegui.core.msg import source_from_msg  # needs olefile: only for .msg

    try:
        return source_from_msg(data, None if path == "-" else path).properties.get("subject")
    except LoadError:
        return None


def _write(out: str, data: bytes) -> None:
    """Write ``data`` to ``out`` atomically: a reader never sees half a draft."""
    if out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    write_atomic(out, data)
