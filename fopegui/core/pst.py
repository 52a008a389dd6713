"""Outlook .pst / .ost files through libpff (the optional ``pst`` extra: ``libpff-python``).

A mail item in a PST keeps the headers it arrived with as one property (transport headers,
as in a .msg); those are what is analysed. Items that are not mail (contacts, appointments,
tasks) are skipped. A mail item is named ``FILE.pst#Folder/Sub folder/N``: the folder path
from the top of the file, then the item's number (from 1) in that folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

MAGIC = b"!BDN"  # every PST and OST file starts with it
EXTRA = "pst"
PACKAGE = "libpff-python"
# Message classes of mail (and reports about mail, such as NDRs) among a folder's items.
_MAIL_CLASSES = ("ipm.note", "report.", "ipm.schedule.meeting")
_MESSAGE_CLASS = 0x001A  # PR_MESSAGE_CLASS


class PstUnavailable(RuntimeError):
    """libpff is not installed: the sentence says how to get it."""


@dataclass(slots=True)
class PstMessage:
    """One mail item: its reference, the transport headers (None when it has none, as sent
    items and drafts), and what the item's properties say where headers are missing."""

    ref: str  # "Folder/Sub folder/N"
    headers: bytes | None
    subject: str | None = None
    sender: str | None = None


def looks_like_pst(head: bytes) -> bool:
    return head.startswith(MAGIC)


def _pypff() -> Any:
    try:
        import pypff  # the libpff-python wheel
    except ImportError:
        raise PstUnavailable(
            f"Reading .pst files needs the optional package {PACKAGE}: "
            f"pip install 'fopegui[{EXTRA}]' (or pip install {PACKAGE})"
        ) from None
    return pypff


def available() -> bool:
    try:
        _pypff()
    except PstUnavailable:
        return False
    return True


def _escape(name: str) -> str:
    """A folder name as a path part: '/' and '%' escaped so the path splits back exactly."""
    return name.replace("%", "%25").replace("/", "%2F")


def _message_class(item: Any) -> str:
    try:
        record = item.get_record_set(0)
        for index in range(record.number_of_entries):
            entry = record.get_entry(index)
            if entry.entry_type == _MESSAGE_CLASS:
                return (entry.data_as_string or "").lower()
    except (OSError, AttributeError, IndexError):
        pass
    return ""


def _is_mail(item: Any) -> bool:
    if not hasattr(item, "transport_headers"):
        return False  # an appointment or another non-message item
    cls = _message_class(item)
    return cls.startswith(_MAIL_CLASSES) or (not cls and bool(_headers(item)))


def _headers(item: Any) -> bytes | None:
    try:
        text = item.transport_headers
    except OSError:
        return None
    if not text or not text.strip():
        return None
    return text.encode("utf-8", "surrogateescape")


def _text(item: Any, name: str) -> str | None:
    try:
        return getattr(item, name) or None
    except OSError:
        return None


def _folders(folder: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, folder
    for index in range(folder.number_of_sub_folders):
        sub = folder.get_sub_folder(index)
        yield from _folders(sub, (*path, _escape(sub.name or f"#{index + 1}")))


def messages(path: str | os.PathLike[str]) -> Iterator[PstMessage]:
    """Every mail item of the PST at ``path``, folder by folder (depth first, file order)."""
    pypff = _pypff()
    pst = pypff.file()
    pst.open(os.fspath(path))
    try:
        for folder_path, folder in _folders(pst.root_folder, ()):
            number = 0
            for index in range(folder.number_of_sub_messages):
                item = folder.get_sub_message(index)
                if not _is_mail(item):
                    continue
                number += 1
                yield PstMessage(
                    ref="/".join((*folder_path, str(number))),
                    headers=_headers(item),
                    subject=_text(item, "subject"),
                    sender=_text(item, "sender_name"),
                )
    finally:
        pst.close()


def read_message(path: str | os.PathLike[str], ref: str) -> PstMessage | None:
    """The mail item ``ref`` ("Folder/…/N") of the PST at ``path``, or None."""
    return next((m for m in messages(path) if m.ref == ref), None)
