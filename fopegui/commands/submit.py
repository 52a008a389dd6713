"""`fopegui-cli submit`: write a false-positive submission draft (KB2669119 Method 2)."""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sys
import tempfile
from pathlib import Path

from fopegui.core import source as loader
from fopegui.core.model import LoadError, Source
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
    if args.file != "-" and args.out != "-" and _same_file(args.file, args.out):
        return _fail(2, "--out is FILE itself; the original is never overwritten.")
    try:
        original = _load(args.file)
    except LoadError as err:
        return _fail(1, str(err))
    # A .msg's subject comes from its properties; for an .eml build_draft reads the headers.
    subject = original.properties.get("subject") if original.kind == "msg" else None
    try:
        draft = build_draft(
            original.data,
            original.kind,
            original.path or "",
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


def _load(path: str) -> Source:
    if path == "-":
        return loader.load_bytes(sys.stdin.buffer.read(), None)
    return loader.load_path(path)


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)  # also catches hard links and symlinks
    except OSError:  # one of them does not exist (yet)
        return os.path.realpath(a) == os.path.realpath(b)


def _write(out: str, data: bytes) -> None:
    """Write ``data`` to ``out`` atomically: a reader never sees half a draft."""
    if out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = Path(out)
    if target.is_dir():  # os.replace would fail too, but only after writing a temp file
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), out)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
