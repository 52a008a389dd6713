"""Outlook .msg reader ([MS-OXMSG]) on olefile: transport headers, key properties, attachments.

Only what the analysis needs is read: the property streams, a handful of string streams
and the attachment storages' properties. Headers are never invented: a .msg without
PR_TRANSPORT_MESSAGE_HEADERS gives empty ``header_bytes`` and a note saying so.
Every failure, whatever olefile raises on a hostile file, becomes a :class:`LoadError`.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import olefile

from fopegui.core import catalogue
from fopegui.core import msg_props as mp
from fopegui.core.model import Attachment, Finding, LoadError, Source
from fopegui.core.texts import Text

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_PROPS = "__properties_version1.0"
_ATTACH_PREFIX = "__attach_version1.0_#"
_RECIP_PREFIX = "__recip_version1.0_#"
# Recipients listed per kind; a hostile file with thousands says no more than "…(+N)".
_MAX_RECIPIENTS = 50
_EMBEDDED = f"__substg1.0_{mp.PR_ATTACH_DATA:04X}{mp.PT_OBJECT:04X}"
# Exchange prepends this line to the headers of some messages; it is not a header field.
_MS_HEADERS_LINE = re.compile(rb"\AMicrosoft Mail Internet Headers Version 2\.0[ \t]*\r?\n", re.I)


def is_ole(data: bytes) -> bool:
    """True when ``data`` starts with the OLE compound-file signature (D0 CF 11 E0 A1 B1 1A E1)."""
    return data[:8] == OLE_MAGIC


def source_from_msg(data: bytes, path: str | None) -> Source:
    """Load an Outlook .msg file from its bytes.

    ``Source.data`` is ``data`` untouched; ``header_bytes`` the transport headers as UTF-8
    (or ``b""`` when the .msg has none, with a ``msg-no-transport-headers`` note).
    Raises :class:`LoadError` with a sentence for the user when the file cannot be read.
    """
    ole = _open(data)
    try:
        message = _read_message(_Reader(ole, len(data)), "", mp.HEADER_TOP, None)
    except LoadError:
        raise
    except Exception as exc:  # olefile raises many types on damaged files
        raise _corrupt(exc) from exc
    finally:
        ole.close()
    return _to_source(path, data, message)


def embedded_source(
    data: bytes,
    path: str | None,
    attachment_index: int,
    *,
    within: Sequence[int] = (),
) -> Source:
    """Load the message attached as ``attachment_index`` (an index into ``Source.attachments``).

    ``data`` is the whole .msg file. An embedded message has no bytes of its own in
    the file (it is a storage inside it), so the returned ``Source.data`` is the embedded
    message's ``header_bytes`` and ``sha256`` is computed over those; ``path`` becomes
    ``f"{path}#attachment-{attachment_index}"``. ``within`` reaches deeper levels: the
    attachment indices of the enclosing embedded messages, outermost first.
    """
    chain = [*within, attachment_index]
    ole = _open(data)
    try:
        reader = _Reader(ole, len(data))
        message = _read_message(reader, "", mp.HEADER_TOP, None)
        for index in chain:
            if not 0 <= index < len(message.attachments):
                raise LoadError(_text("errors", "no_attachment", index=index))
            attachment = message.attachments[index]
            if not attachment.is_message:
                name = attachment.name or "?"
                raise LoadError(_text("errors", "not_embedded", index=index, name=name))
            prefix = f"{message.attachment_storages[index]}/{_EMBEDDED}/"
            message = _read_message(reader, prefix, mp.HEADER_EMBEDDED, message.codec)
    except LoadError:
        raise
    except Exception as exc:
        raise _corrupt(exc) from exc
    finally:
        ole.close()
    suffix = "".join(f"#attachment-{i}" for i in chain)
    return _to_source(f"{path or ''}{suffix}", message.header_bytes, message)


# ---------------------------------------------------------------------------


class _Damaged(Exception):
    """A structural fault olefile itself does not catch (turned into LoadError or a note)."""


@dataclass
class _Message:
    header_bytes: bytes
    properties: dict[str, str | None]
    attachments: list[Attachment]
    attachment_storages: list[str]  # OLE path of each attachment, parallel to attachments
    notes: list[Finding]
    codec: str | None


class _CheckedOle(olefile.OleFileIO):
    """olefile with two checks of its own, so that a file costs time in proportion to its size.

    - Every sector belongs to one stream, read once: a chain that loops back on itself (olefile
      reads the loop again and again up to the declared size: 97 copies of the headers) or
      runs into another stream's sectors is a damaged file.
    - olefile remembers each stream's first sector in a list and searches it for every new
      stream, which is quadratic in the number of streams (20,000 attachments: minutes); a
      set does the same check.
    """

    def _check_duplicate_stream(self, first_sect: int, minifat: bool = False) -> None:
        if not minifat and first_sect in _NOT_SECTORS:
            return
        seen = self.__dict__.setdefault("_first_sectors", (set(), set()))[minifat]
        if first_sect in seen:
            self._raise_defect(olefile.DEFECT_INCORRECT, "Stream referenced twice")
        seen.add(first_sect)

    def _open(self, start: int, size: int = olefile.UNKNOWN_SIZE, force_FAT: bool = False) -> Any:
        mini = size < self.minisectorcutoff and not force_FAT
        if mini and not self.ministream:  # as olefile does, before the chain is checked
            self.loadminifat()
            self.ministream = self._open(self.root.isectStart, self.root.size, force_FAT=True)
        if mini:
            self._claim_chain(self.minifat, start, size, self.minisectorsize, mini)
        else:
            self._claim_chain(self.fat, start, size, self.sectorsize, mini)
        return super()._open(start, size, force_FAT)

    def _claim_chain(self, fat: Any, start: int, size: int, sector_size: int, mini: bool) -> None:
        """Walk the sectors the stream starting at ``start`` will read; each sector may belong
        to this stream only, and only once."""
        count = len(fat) if size == olefile.UNKNOWN_SIZE else -(-size // sector_size)
        chain: dict[int, None] = {}  # the sectors in reading order
        sector = start
        for _ in range(min(count, len(fat))):
            if sector == olefile.ENDOFCHAIN and size == olefile.UNKNOWN_SIZE:
                break  # the directory's chain: it ends where it ends
            if not 0 <= sector < len(fat) or sector in _NOT_SECTORS:
                return  # a chain that ends early or leaves the file: olefile says which
            if sector in chain:
                self._raise_defect(olefile.DEFECT_INCORRECT, "a sector chain loops back on itself")
            chain[sector] = None
            sector = fat[sector]
        owners = self.__dict__.setdefault("_sector_owner", ({}, {}))[mini]
        for sector in chain:
            if owners.setdefault(sector, start) != start:
                self._raise_defect(olefile.DEFECT_INCORRECT, "two streams share a sector")


_NOT_SECTORS = frozenset(
    (olefile.DIFSECT, olefile.FATSECT, olefile.ENDOFCHAIN, olefile.FREESECT)
)


@dataclass
class _Reader:
    """olefile plus the checks that keep a hostile file from costing more than its size.
    Entries are found through each storage's name index (olefile's own lookups scan every
    sibling, which is quadratic with thousands of attachments)."""

    ole: Any
    file_size: int
    ansi_trouble: set[str] = field(default_factory=set)  # "missing" / "unknown" code page

    def storage(self, path: str) -> Any:
        """The directory entry at ``path`` (storage or stream), or None."""
        entry = self.ole.root
        for part in filter(None, path.split("/")):
            entry = entry.kids_dict.get(part.lower())
            if entry is None:
                return None
        return entry

    def read(self, path: str) -> bytes | None:
        entry = self.storage(path)
        if entry is None or entry.entry_type != olefile.STGTY_STREAM:
            return None
        # A declared size larger than the file means a damaged directory: don't allocate it.
        if entry.size > self.file_size:
            raise _Damaged(f"{path}: declared size {entry.size} is larger than the file")
        return self.ole._open(entry.isectStart, entry.size).read()

    def string(self, prefix: str, prop_id: int, codec: str | None, codepage: int | None) -> str:
        """A string property ("" when absent): Unicode stream first, then the ANSI one."""
        raw = self.read(f"{prefix}__substg1.0_{prop_id:04X}{mp.PT_UNICODE:04X}")
        if raw is not None:
            return mp.decode_unicode(raw)
        raw = self.read(f"{prefix}__substg1.0_{prop_id:04X}{mp.PT_STRING8:04X}")
        if raw is None:
            return ""
        if codec is None and not raw.isascii():
            self.ansi_trouble.add("missing" if codepage is None else "unknown")
        return mp.decode_ansi(raw, codec)


def _open(data: bytes) -> Any:
    if not data:
        raise LoadError(_text("errors", "empty"))
    if not is_ole(data):
        raise LoadError(_text("errors", "not_ole"))
    try:
        # DEFECT_INCORRECT: FAT loops, oversized streams and bad indices raise at once
        # instead of being logged while olefile keeps reading (a hang on hostile input).
        ole = _CheckedOle(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
    except Exception as exc:
        raise _corrupt(exc) from exc
    try:
        kids = ole.root.kids_dict
        if _PROPS not in kids and not any(n.startswith("__substg1.0_") for n in kids):
            kinds = catalogue.load("msg")["kinds"]
            kind = next((k for k in kinds if k.lower() in kids), None)
            if kind is not None:
                raise LoadError(
                    _text("errors", "not_message_kind", kind=kinds[kind])
                )
            raise LoadError(_text("errors", "not_message"))
    except BaseException:
        ole.close()
        raise
    return ole


def _read_message(
    reader: _Reader, prefix: str, header_size: int, parent_codec: str | None
) -> _Message:
    stream = reader.read(prefix + _PROPS) or b""
    props = mp.parse_property_stream(stream, header_size)
    codepage = mp.long_value(props, mp.PR_MESSAGE_CODEPAGE)
    cpid = mp.long_value(props, mp.PR_INTERNET_CPID)
    codec = mp.codec_for(codepage) or mp.codec_for(cpid)
    if codepage is None and cpid is None:
        codec = parent_codec  # an embedded message may rely on its parent's code page
    known_cp = codepage if codepage is not None else cpid
    reader.ansi_trouble.clear()

    def string(prop_id: int) -> str | None:
        return reader.string(prefix, prop_id, codec, known_cp).strip() or None

    headers = _transport_headers(reader, prefix, codec, known_cp)
    sender_name = string(mp.PR_SENDER_NAME) or string(mp.PR_SENT_REPRESENTING_NAME)
    properties: dict[str, str | None] = {
        "subject": string(mp.PR_SUBJECT),
        "sender_name": sender_name,
        "sender_email": _sender_email(string),
        "sent_time": mp.systime_value(props, mp.PR_CLIENT_SUBMIT_TIME),
        "received_time": mp.systime_value(props, mp.PR_MESSAGE_DELIVERY_TIME),
        "message_class": string(mp.PR_MESSAGE_CLASS),
        **_recipients(reader, prefix, codec, known_cp, string),
        "codepage": None if codepage is None else str(codepage),
        "internet_cpid": None if cpid is None else str(cpid),
        "has_transport_headers": "yes" if headers else "no",
    }
    notes: list[Finding] = []
    attachments, storages = _attachments(reader, prefix, codec, known_cp, notes)
    if not headers:
        notes.insert(0, _no_headers_note(properties))
    for trouble in sorted(reader.ansi_trouble):
        notes.append(_note(f"msg-codepage-{trouble}", codepage=known_cp))
    return _Message(headers, properties, attachments, storages, notes, codec)


def _transport_headers(
    reader: _Reader, prefix: str, codec: str | None, codepage: int | None
) -> bytes:
    text = reader.string(prefix, mp.PR_TRANSPORT_MESSAGE_HEADERS, codec, codepage)
    raw = text.replace("\0", "").encode("utf-8")
    raw = _MS_HEADERS_LINE.sub(b"", raw.lstrip(b"\r\n"), count=1)
    return raw if raw.strip() else b""


def _child_storages(reader: _Reader, prefix: str, name_prefix: str) -> list[str]:
    """Names of the sub-storages of ``prefix`` whose names start with ``name_prefix``
    (``__recip_version1.0_#…``, ``__attach_version1.0_#…``), in order."""
    storage = reader.storage(prefix)
    wanted = name_prefix.lower()
    return sorted(
        kid.name
        for kid in (storage.kids if storage is not None else [])
        if kid.name.lower().startswith(wanted) and kid.entry_type == olefile.STGTY_STORAGE
    )


def _recipients(
    reader: _Reader, prefix: str, codec: str | None, codepage: int | None, string: Any
) -> dict[str, str | None]:
    """``to``, ``cc``, ``bcc``: "Name <address>; …" from the recipient storages, else the
    message's display lists (PR_DISPLAY_TO …: names only), None when the .msg has neither."""
    names = _child_storages(reader, prefix, _RECIP_PREFIX)
    kinds: dict[int, list[str]] = {1: [], 2: [], 3: []}
    for name in names:
        path = f"{prefix}{name}/"
        props = mp.parse_property_stream(reader.read(path + _PROPS) or b"", mp.HEADER_ATTACHMENT)
        kind = mp.long_value(props, mp.PR_RECIPIENT_TYPE) or 1  # no type: read as To
        if kind not in kinds:
            continue  # 0x10000000 and up: the recipient was removed (flags on the type)

        def field(prop_id: int, path: str = path) -> str:
            return reader.string(path, prop_id, codec, codepage).strip()

        address = field(mp.PR_SMTP_ADDRESS) or field(mp.PR_EMAIL_ADDRESS)
        shown = " ".join(filter(None, [field(mp.PR_DISPLAY_NAME), _angle(address or None)]))
        if shown:
            kinds[kind].append(shown)
    displays = {1: mp.PR_DISPLAY_TO, 2: mp.PR_DISPLAY_CC, 3: mp.PR_DISPLAY_BCC}
    out: dict[str, str | None] = {}
    for kind, key in ((1, "to"), (2, "cc"), (3, "bcc")):
        listed = kinds[kind]
        if len(listed) > _MAX_RECIPIENTS:
            listed = [*listed[:_MAX_RECIPIENTS], f"…(+{len(listed) - _MAX_RECIPIENTS})"]
        out[key] = "; ".join(listed) or string(displays[kind])
    return out


def _sender_email(string: Any) -> str | None:
    """SMTP address first: PR_SENDER_EMAIL_ADDRESS is an X500 DN for Exchange senders."""
    smtp = string(mp.PR_SENDER_SMTP_ADDRESS) or string(mp.PR_SENT_REPRESENTING_SMTP_ADDRESS)
    if smtp:
        return smtp
    candidates = [string(mp.PR_SENDER_EMAIL_ADDRESS), string(mp.PR_SENT_REPRESENTING_EMAIL_ADDRESS)]
    addresses = [c for c in candidates if c]
    # An X500 DN (/O=…/CN=…) is still what the .msg says when nothing better exists.
    return next((a for a in addresses if "@" in a), addresses[0] if addresses else None)


def _attachments(
    reader: _Reader, prefix: str, codec: str | None, codepage: int | None, notes: list[Finding]
) -> tuple[list[Attachment], list[str]]:
    names = _child_storages(reader, prefix, _ATTACH_PREFIX)
    attachments: list[Attachment] = []
    paths: list[str] = []
    for index, name in enumerate(names):
        path = f"{prefix}{name}"
        try:
            attachments.append(_attachment(reader, path, index, codec, codepage))
        except Exception as exc:  # one damaged attachment must not hide the headers
            notes.append(
                _note("msg-attachment-unreadable", index=index, reason=_reason(exc))
            )
            attachments.append(Attachment(name=None, mime_type=None, size=0, index=index))
        paths.append(path)
    return attachments, paths


def _attachment(
    reader: _Reader, path: str, index: int, codec: str | None, codepage: int | None
) -> Attachment:
    stream = reader.read(f"{path}/{_PROPS}") or b""
    props = mp.parse_property_stream(stream, mp.HEADER_ATTACHMENT)
    prefix = f"{path}/"

    def string(prop_id: int) -> str | None:
        return reader.string(prefix, prop_id, codec, codepage).strip() or None

    name = (
        string(mp.PR_ATTACH_LONG_FILENAME)
        or string(mp.PR_ATTACH_FILENAME)
        or string(mp.PR_DISPLAY_NAME)
    )
    embedded = reader.storage(f"{path}/{_EMBEDDED}")
    if embedded is not None and embedded.entry_type != olefile.STGTY_STORAGE:
        embedded = None
    # An OLE object (method 6) also sits in a 3701000D storage: only method 5 is a message
    # (or, when the method is missing, a storage that holds message properties).
    method = mp.long_value(props, mp.PR_ATTACH_METHOD)
    is_message = embedded is not None and (
        method == mp.ATTACH_EMBEDDED_MSG or (method is None and _PROPS in embedded.kids_dict)
    )
    size = mp.long_value(props, mp.PR_ATTACH_SIZE)
    if size is None or size < 0:
        data = reader.storage(f"{path}/__substg1.0_{mp.PR_ATTACH_DATA:04X}{mp.PT_BINARY:04X}")
        if data is not None:
            size = data.size
        elif embedded is not None:
            size = _storage_size(embedded)
        else:
            size = 0
    return Attachment(
        name=name,
        mime_type=string(mp.PR_ATTACH_MIME_TAG),
        size=size,
        is_message=is_message,
        index=index,
    )


def _storage_size(entry: Any) -> int:
    total, stack, seen = 0, [entry], set()
    while stack:
        node = stack.pop()
        if node.sid in seen:  # olefile already refuses shared entries; stay safe anyway
            continue
        seen.add(node.sid)
        if node.entry_type == olefile.STGTY_STREAM:
            total += node.size
        stack.extend(node.kids)
    return total


# ---------------------------------------------------------------------------


def _to_source(path: str | None, data: bytes, message: _Message) -> Source:
    return Source(
        path=path,
        kind="msg",
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        header_bytes=message.header_bytes,
        properties=message.properties,
        attachments=message.attachments,
        notes=message.notes,
    )


def _text(section: str, key: str, **values: Any) -> Text:
    return Text(catalogue.load("msg")[section][key], values)


def _note(note_id: str, **values: Any) -> Finding:
    entry = catalogue.load("msg")["notes"][note_id]
    return Finding(
        id=note_id,
        severity=entry["severity"],
        title=Text(entry["title"], values),
        detail=Text(entry["detail"], values),
        params=values,
    )


def _no_headers_note(properties: dict[str, str | None]) -> Finding:
    none = catalogue.load("msg")["none"]
    sender = " ".join(filter(None, [properties["sender_name"], _angle(properties["sender_email"])]))
    shown = {
        key: properties[key] or none
        for key in ("message_class", "subject", "sent_time", "received_time")
    }
    return _note("msg-no-transport-headers", sender=sender or none, **shown)


def _angle(address: str | None) -> str | None:
    return f"<{address}>" if address else None


def _reason(exc: BaseException) -> str:
    return str(exc).strip() or type(exc).__name__


def _corrupt(exc: BaseException) -> LoadError:
    return LoadError(_text("errors", "corrupt", reason=_reason(exc)))
