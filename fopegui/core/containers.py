"""Messages inside mailbox files: an mbox or an Outlook .pst, and the names triage gives them
(``inbox.mbox#12``, ``archive.pst#Inbox/3``), which ``analyze`` reads too.

What a container is comes from the file's first bytes, never from its name.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from fopegui.core import catalogue, mbox, pst
from fopegui.core import source as sources
from fopegui.core.model import LoadError, Source
from fopegui.core.texts import Text

_ERRORS: dict[str, Any] = catalogue.load("triage")["errors"]


def error_text(key: str, **params: object) -> Text:
    """An error sentence of catalogue/triage.json (language-free)."""
    return Text(_ERRORS[key], dict(params))


def split_reference(path: str) -> tuple[str, str, str] | None:
    """``inbox.mbox#12`` → ("inbox.mbox", "mbox", "12"), ``a.pst#Inbox/3`` → ("a.pst", "pst",
    "Inbox/3"): a message inside an mbox or PST file, with the container's kind; None when
    ``path`` names no such message."""
    at = path.find("#")
    while at > 0:
        file, ref = path[:at], path[at + 1 :]
        if os.path.isfile(file):
            kind = container_kind(file)
            if (kind == "mbox" and ref.isdigit()) or (kind == "pst" and "/" in ref):
                return file, kind, ref
            return None
        at = path.find("#", at + 1)
    return None


# How much of an mbox's first message the window reads to find a second one (on a network
# share, reading a 200 MB message whole would freeze it for seconds).
_LOOK_MAX = 4 << 20


def container_kind(path: str | os.PathLike[str]) -> str | None:
    """"mbox" or "pst" from the file's first bytes; None for anything else."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return None
    if pst.looks_like_pst(head):
        return "pst"
    if mbox.looks_like_mbox(head):
        return "mbox"
    return None


def mailbox_file(path: str | os.PathLike[str]) -> str | None:
    """"pst" or "mbox" when ``path`` is a mailbox to open as many messages (triage); None for
    anything else, an mbox of a single message included: that is a message saved with its
    From line. Only a regular file is opened: a FIFO would block the opening thread. An mbox
    whose first message is longer than :data:`_LOOK_MAX` is taken as a mailbox unread: the
    window asks on its GUI thread (a single message in it is one row of the triage window)."""
    if not os.path.isfile(path):
        return None
    kind = container_kind(path)
    if kind == "mbox":
        try:
            several = mbox.holds_several(path, within=_LOOK_MAX)
        except OSError:
            return None
        return kind if several is not False else None
    return kind


def load_reference(file: str, kind: str, ref: str) -> Source:
    """The Source of message ``ref`` inside ``file``, an mbox or PST as ``kind`` says (from
    :func:`split_reference`); raises LoadError."""
    name = f"{file}#{ref}"
    if kind == "pst":
        try:
            item = pst.read_message(file, ref)
        except pst.PstUnavailable:
            raise LoadError(error_text("pst_unavailable", name=Path(file).name)) from None
        except OSError as err:
            text = error_text("pst_unreadable", name=Path(file).name, reason=err)
            raise LoadError(text) from None
        if item is None:
            raise LoadError(error_text("not_in_container", name=Path(file).name, ref=ref))
        if item.headers is None:
            raise LoadError(error_text("pst_no_headers", name=name))
        return pst_source(item.headers, name)
    data = mbox.read_message(file, int(ref))
    if data is None:
        raise LoadError(error_text("not_in_container", name=Path(file).name, ref=ref))
    return sources.load_bytes(data, name)


def pst_source(headers: bytes, name: str) -> Source:
    # Transport headers are header text, as pasted: no body, no mbox line.
    return sources.load_bytes(headers, name, text_hint=True)
