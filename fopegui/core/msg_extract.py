"""A message attached inside an Outlook .msg, written out as a .msg file of its own.

An attached message has no bytes of its own in the parent file: it is a storage
(``__attach_version1.0_#N/__substg1.0_3701000D``) among the parent's. Outlook's "Save As"
makes a file of it the way [MS-OXMSG] §2.2.3 describes, and so does this module:

- every stream of the embedded storage is copied byte for byte, under the new root;
- the message's own property stream gets the 32-byte header of a top-level message
  (an embedded one has 24 bytes: the 8 reserved bytes are added, nothing else changes);
- the named-property map (``__nameid_version1.0``), which only the top level holds, is
  copied from the parent, since the message's named properties refer to it.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Sequence
from typing import Any

import olefile

from fopegui.core import catalogue
from fopegui.core import msg_props as mp
from fopegui.core.cfb_writer import Node, compound_file
from fopegui.core.model import LoadError
from fopegui.core.msg import is_ole
from fopegui.core.texts import Text

PROPERTIES = "__properties_version1.0"
NAMEID = "__nameid_version1.0"
_ATTACH_PREFIX = "__attach_version1.0_#"
_EMBEDDED = f"__substg1.0_{mp.PR_ATTACH_DATA:04X}{mp.PT_OBJECT:04X}"
_RESERVED_TOP = bytes(mp.HEADER_TOP - mp.HEADER_EMBEDDED)


def embedded_msg_file(parent: bytes, chain: Sequence[int]) -> bytes:
    """The .msg file of the message attached at ``chain`` (attachment indices as in
    ``Source.attachments``, outermost first) inside the .msg ``parent``.

    Raises :class:`LoadError` when the parent cannot be read or has no such message.
    """
    if not chain:
        raise ValueError("chain names no attachment")
    if not is_ole(parent):
        raise LoadError(_error("not_ole"))
    try:
        ole = olefile.OleFileIO(io.BytesIO(parent), raise_defects=olefile.DEFECT_INCORRECT)
    except Exception as exc:  # olefile raises many types on damaged files
        raise LoadError(_error("corrupt", reason=_reason(exc))) from exc
    try:
        storage, path = ole.root, []
        for index in chain:
            storage, path = _embedded_storage(storage, path, index)
        budget = _Budget(len(parent))
        root = _copy(ole, storage, path, budget)
        _promote_properties(root)
        nameid = ole.root.kids_dict.get(NAMEID.lower())
        if nameid is not None and not any(k.name.lower() == NAMEID.lower() for k in root.children):
            root.children.append(_copy(ole, nameid, [nameid.name], budget))
        root.name = "Root Entry"
        root.clsid = _clsid_bytes(ole.root.clsid)
        return compound_file(root)
    except LoadError:
        raise
    except Exception as exc:
        raise LoadError(_error("corrupt", reason=_reason(exc))) from exc
    finally:
        ole.close()


def _embedded_storage(storage: Any, path: list[str], index: int) -> tuple[Any, list[str]]:
    """The message storage of attachment ``index`` of the message in ``storage``; attachments
    are numbered in the order core.msg lists them (their storage names, sorted)."""
    attachments = sorted(
        (kid for kid in storage.kids
         if kid.entry_type == olefile.STGTY_STORAGE
         and kid.name.lower().startswith(_ATTACH_PREFIX.lower())),
        key=lambda kid: kid.name,
    )  # fmt: skip
    if not 0 <= index < len(attachments):
        raise LoadError(_error("no_attachment", index=index))
    attachment = attachments[index]
    embedded = attachment.kids_dict.get(_EMBEDDED.lower())
    if (
        embedded is None
        or embedded.entry_type != olefile.STGTY_STORAGE
        or PROPERTIES.lower() not in embedded.kids_dict
    ):
        name = attachment.name
        raise LoadError(_error("not_embedded", index=index, name=name))
    return embedded, [*path, attachment.name, embedded.name]


class _Budget:
    """The bytes copied so far: an honest file's streams fit in the file; a damaged one whose
    chains overlap could otherwise make a copy many times its size."""

    def __init__(self, limit: int) -> None:
        self.left = limit

    def take(self, size: int) -> None:
        self.left -= size
        if self.left < 0:
            raise LoadError(_error("corrupt", reason="streams larger than the file"))


def _copy(ole: Any, entry: Any, path: list[str], budget: _Budget) -> Node:
    node = Node(
        name=entry.name,
        clsid=_clsid_bytes(entry.clsid),
        state_bits=entry.dwUserFlags,
        created=entry.createTime,
        modified=entry.modifyTime,
    )
    if entry.entry_type == olefile.STGTY_STREAM:
        budget.take(entry.size)
        node.data = ole.openstream(path).read()
        return node
    node.children = [
        _copy(ole, kid, [*path, kid.name], budget)
        for kid in entry.kids
        if kid.entry_type in (olefile.STGTY_STREAM, olefile.STGTY_STORAGE)
    ]
    return node


def _promote_properties(root: Node) -> None:
    """The 24-byte header of an embedded message's property stream becomes the 32-byte one
    of a top-level message ([MS-OXMSG] §2.4.1.1-2): 8 reserved bytes are added at its end."""
    for child in root.children:
        if child.name.lower() == PROPERTIES.lower() and child.data is not None:
            cut = min(mp.HEADER_EMBEDDED, len(child.data))
            child.data = child.data[:cut] + _RESERVED_TOP + child.data[cut:]
            return


def _clsid_bytes(text: str) -> bytes:
    """olefile gives a CLSID as text ("" for none); the file stores its 16 bytes."""
    return uuid.UUID(text).bytes_le if text else bytes(16)


def _error(key: str, **values: Any) -> Text:
    return Text(catalogue.load("msg")["errors"][key], values)


def _reason(exc: BaseException) -> str:
    return str(exc).strip() or type(exc).__name__
