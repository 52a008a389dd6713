"""What a submission attaches for a report: the original message's own bytes.

For a file that is its own message this is ``Source.data``, the file's bytes. A message
read from inside another file needs more care (issue 17 item 8):

- ``X.msg#attachment-N``: ``Source.data`` holds only the embedded message's transport
  headers (it has no bytes of its own in the parent), so the message is written out as a
  .msg file of its own (core.msg_extract) and that file is attached;
- ``B.eml#returned-original``: the bytes exactly as the bounce carries them (core.ndr reads
  them so), with a line saying where they came from.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from fopegui.core import catalogue
from fopegui.core import source as sources
from fopegui.core.files import input_file
from fopegui.core.model import RETURNED_ORIGINAL, Report
from fopegui.core.submission import attachment_filename, build_draft
from fopegui.core.submission_plan import LetterFacts, assess, letter_text
from fopegui.core.texts import Localized, Text

_EMBEDDED_CHAIN = re.compile(r"((?:#attachment-\d+)+)\Z")


@dataclass(frozen=True, slots=True)
class Original:
    """The bytes to attach, how to attach them (``kind``: eml/msg/text), under which name."""

    data: bytes
    kind: str
    filename: str
    subject: str | None = None
    origin: Localized | None = None  # where it came from, when not a file of its own
    headers_only: bool = False  # the bounce returned only the original's headers

    def letter_facts(self) -> LetterFacts:
        return LetterFacts(self.filename, self.data, self.subject, self.origin)


def original_of(report: Report) -> Original:
    """The original message of ``report`` as it is to be attached.

    Raises ``core.model.LoadError`` when the parent file of an embedded message can no
    longer be read, ValueError when the report has no message.
    """
    source = report.source
    if source is None:
        raise ValueError("the report has no message to submit")
    path = report.path or source.path or ""
    subject = report.summary.get("subject") if report.summary else None
    embedded = _EMBEDDED_CHAIN.search(path) if path and not os.path.lexists(path) else None
    if embedded and source.kind == "msg":
        return _embedded(path, embedded, subject)
    if path.endswith(RETURNED_ORIGINAL) and not os.path.lexists(path):
        parent = input_file(path)
        ndr = _returned_type(parent)
        key = "origin_returned_headers" if ndr == "text/rfc822-headers" else "origin_returned"
        return Original(
            data=source.data,
            kind=source.kind,
            filename=attachment_filename(f"{_stem(parent)}-returned-original.eml", "eml"),
            subject=subject,
            origin=Text(_text(key), {"parent": _name(parent)}),
            headers_only=ndr == "text/rfc822-headers",
        )
    return Original(source.data, source.kind, attachment_filename(path, source.kind), subject)


def _embedded(path: str, chain: re.Match[str], subject: str | None) -> Original:
    from fopegui.core.msg_extract import embedded_msg_file  # olefile: only for .msg

    parent = path[: chain.start()]
    numbers = [int(n) for n in re.findall(r"\d+", chain.group(1))]
    data = embedded_msg_file(sources.load_path(parent).data, numbers)
    # The subject names the file as Outlook's "Save As" does; no path separators in it.
    name = re.sub(r'[\\/:*?"<>|]', "_", subject or "") or f"{_stem(parent)}-attachment"
    return Original(
        data=data,
        kind="msg",
        filename=attachment_filename(f"{name}.msg", "msg"),
        subject=subject,
        origin=Text(
            _text("origin_embedded"),
            {"parent": _name(parent), "number": ".".join(str(n + 1) for n in numbers)},
        ),
    )


def draft_for(
    report: Report,
    original: Original,
    to: str,
    *,
    from_addr: str | None = None,
    subject: str | None = None,
    lang: str = "en",
    note: str | None = None,
    body: str | None = None,
) -> bytes:
    """The draft of ``report``'s submission: the letter written from its codes (or ``body``,
    the text the user edited) and ``original`` attached byte for byte. Whether to write it
    at all is the caller's decision (``assess(report).refused(force)``)."""
    if body is None:
        body = letter_text(report, assess(report), original.letter_facts(), lang, note)
    return build_draft(
        original.data,
        original.kind,
        original.filename,
        to=to,
        from_addr=from_addr,
        subject=subject,
        original_subject=original.subject,
        lang=lang,
        body=body,
    )


def _returned_type(bounce: str) -> str | None:
    """The content type the bounce returned the original as (None if it cannot be read)."""
    from fopegui.core.ndr import read_ndr

    try:
        info = read_ndr(sources.load_path(bounce).data)
    except Exception:  # the analysis read it a moment ago; a vanished file only loses a word
        return None
    return info.original_type if info else None


def _text(key: str) -> object:
    return catalogue.load("submission")[key]


def _name(path: str) -> str:
    return re.split(r"[\\/]", path)[-1] or path


def _stem(path: str) -> str:
    return os.path.splitext(_name(path))[0] or "message"
