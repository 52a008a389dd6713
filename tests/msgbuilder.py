"""Test-only writer of compound files (CFB, [MS-CFB]) and Outlook .msg files ([MS-OXMSG]).

olefile can only read, so the tests build their own .msg files here with any property
set: Unicode or ANSI strings in any code page, missing or huge transport headers,
attachments and embedded messages. The output is plain version-3 CFB (512-byte sectors,
64-byte mini sectors, DIFAT sectors when the FAT outgrows the header), so olefile itself
must read it back; the tests check that.

A storage tree is a dict: ``name -> bytes`` is a stream, ``name -> dict`` is a storage.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
FREESECT = 0xFFFFFFFF
ENDOFCHAIN = 0xFFFFFFFE
FATSECT = 0xFFFFFFFD
DIFSECT = 0xFFFFFFFC
NOSTREAM = 0xFFFFFFFF
MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")

Tree = Mapping[str, "bytes | Tree"]

# Property types ([MS-OXCDATA] 2.11.1).
PT_LONG = 0x0003
PT_BOOLEAN = 0x000B
PT_OBJECT = 0x000D
PT_STRING8 = 0x001E
PT_UNICODE = 0x001F
PT_SYSTIME = 0x0040
PT_BINARY = 0x0102


@dataclass
class _Entry:
    name: str
    kind: int  # 1 storage, 2 stream, 5 root
    data: bytes = b""
    children: list[int] = field(default_factory=list)
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    start: int = ENDOFCHAIN
    size: int = 0


def _cfb_key(name: str) -> tuple[int, str]:
    # [MS-CFB] 2.6.4: siblings compare by name length first, then upper-cased name.
    return (len(name), name.upper())


def _flatten(tree: Tree) -> list[_Entry]:
    entries = [_Entry("Root Entry", 5)]

    def add(parent: int, subtree: Tree) -> None:
        for name, value in subtree.items():
            if len(name) > 31:
                raise ValueError(f"CFB names are at most 31 characters: {name!r}")
            index = len(entries)
            if isinstance(value, bytes | bytearray):
                entries.append(_Entry(name, 2, bytes(value)))
            else:
                entries.append(_Entry(name, 1))
                add(index, value)
            entries[parent].children.append(index)

    add(0, tree)
    for entry in entries:
        # A balanced binary search tree of the siblings (all black is accepted by readers).
        kids = sorted(entry.children, key=lambda i: _cfb_key(entries[i].name))

        def balance(lo: int, hi: int, kids: list[int] = kids) -> int:
            if lo >= hi:
                return NOSTREAM
            mid = (lo + hi) // 2
            node = entries[kids[mid]]
            node.left = balance(lo, mid)
            node.right = balance(mid + 1, hi)
            return kids[mid]

        entry.child = balance(0, len(kids))
    return entries


def _chain(fat: list[int], first: int, count: int) -> None:
    for i in range(count):
        fat[first + i] = first + i + 1 if i < count - 1 else ENDOFCHAIN


def _ceil(n: int, d: int) -> int:
    return -(-n // d)


def build_cfb(tree: Tree) -> bytes:
    """A version-3 compound file holding ``tree``."""
    entries = _flatten(tree)

    # Small streams go to the mini stream (contiguous runs of 64-byte mini sectors).
    ministream = bytearray()
    minifat: list[int] = []
    big: list[_Entry] = []
    for entry in entries:
        if entry.kind != 2:
            continue
        entry.size = len(entry.data)
        if entry.size == 0:
            entry.start = ENDOFCHAIN
        elif entry.size < MINI_CUTOFF:
            count = _ceil(entry.size, MINI_SECTOR)
            entry.start = len(minifat)
            minifat.extend([0] * count)
            _chain(minifat, entry.start, count)
            ministream += entry.data.ljust(count * MINI_SECTOR, b"\0")
        else:
            big.append(entry)

    dir_sectors = _ceil(len(entries), 4)
    minifat_sectors = _ceil(len(minifat) * 4, SECTOR)
    ministream_sectors = _ceil(len(ministream), SECTOR)
    data_sectors = (
        dir_sectors + minifat_sectors + ministream_sectors + sum(_ceil(e.size, SECTOR) for e in big)
    )
    # The FAT also maps its own sectors and the DIFAT sectors: find the fixed point.
    fat_sectors, difat_sectors = 1, 0
    while True:
        total = data_sectors + fat_sectors + difat_sectors
        need_fat = _ceil(total, SECTOR // 4)
        need_difat = _ceil(max(0, need_fat - 109), SECTOR // 4 - 1)
        if (need_fat, need_difat) == (fat_sectors, difat_sectors):
            break
        fat_sectors, difat_sectors = need_fat, need_difat

    fat = [FREESECT] * (fat_sectors * SECTOR // 4)
    for i in range(fat_sectors):
        fat[i] = FATSECT
    for i in range(difat_sectors):
        fat[fat_sectors + i] = DIFSECT
    next_free = fat_sectors + difat_sectors
    body = bytearray()

    def place(payload: bytes, count: int) -> int:
        nonlocal next_free
        if count == 0:
            return ENDOFCHAIN
        first = next_free
        _chain(fat, first, count)
        next_free += count
        body.extend(payload.ljust(count * SECTOR, b"\0"))
        return first

    # Directory entries need their start sectors before they are serialised, so place
    # the directory last in the body but reserve its sectors first.
    dir_first = next_free
    _chain(fat, dir_first, dir_sectors)
    next_free += dir_sectors
    body_dir_at = len(body)
    body.extend(b"\0" * dir_sectors * SECTOR)

    minifat_bytes = struct.pack(f"<{len(minifat)}I", *minifat)
    minifat_bytes += struct.pack("<I", FREESECT) * ((-len(minifat)) % (SECTOR // 4))
    minifat_first = place(minifat_bytes, minifat_sectors)
    root = entries[0]
    root.start = place(bytes(ministream), ministream_sectors)
    root.size = len(ministream)
    for entry in big:
        entry.start = place(entry.data, _ceil(entry.size, SECTOR))

    directory = b"".join(_dir_entry(e) for e in entries)
    directory += _empty_dir_entry() * (dir_sectors * 4 - len(entries))
    body[body_dir_at : body_dir_at + len(directory)] = directory

    fat_ids = list(range(fat_sectors))
    header_difat = fat_ids[:109] + [FREESECT] * (109 - min(109, fat_sectors))
    difat_blob = bytearray()
    rest = fat_ids[109:]
    for i in range(difat_sectors):
        part = rest[i * 127 : (i + 1) * 127]
        part += [FREESECT] * (127 - len(part))
        nxt = fat_sectors + i + 1 if i < difat_sectors - 1 else ENDOFCHAIN
        difat_blob += struct.pack("<128I", *part, nxt)

    header = MAGIC + b"\0" * 16
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack(
        "<IIIIIIIII",
        0,  # number of directory sectors (0 for version 3)
        fat_sectors,
        dir_first,
        0,  # transaction signature
        MINI_CUTOFF,
        minifat_first,
        minifat_sectors,
        fat_sectors if difat_sectors else ENDOFCHAIN,
        difat_sectors,
    )
    header += struct.pack("<109I", *header_difat)
    fat_blob = struct.pack(f"<{len(fat)}I", *fat)
    return bytes(header + fat_blob + difat_blob + body)


def _dir_entry(e: _Entry) -> bytes:
    name = e.name.encode("utf-16-le") + b"\0\0"
    return (
        name.ljust(64, b"\0")
        + struct.pack("<HBB", len(name), e.kind, 1)
        + struct.pack("<III", e.left, e.right, e.child)
        + b"\0" * 16  # CLSID
        + b"\0" * 4  # state bits
        + b"\0" * 16  # creation and modification times
        + struct.pack("<IQ", e.start if e.kind != 1 else 0, e.size)
    )


def _empty_dir_entry() -> bytes:
    return b"\0" * 66 + b"\0\0" + struct.pack("<III", NOSTREAM, NOSTREAM, NOSTREAM) + b"\0" * 48


# ---------------------------------------------------------------------------
# .msg layer


def filetime(when: datetime) -> int:
    """A FILETIME (100 ns ticks since 1601-01-01 UTC) for ``when``."""
    delta = when.astimezone(UTC) - datetime(1601, 1, 1, tzinfo=UTC)
    return (delta.days * 86400 + delta.seconds) * 10_000_000 + delta.microseconds * 10


@dataclass
class Msg:
    """A message to build. ``props`` maps a property tag (id << 16 | type) to its value.

    Values: ``str`` (PT_UNICODE: UTF-16-LE; PT_STRING8: encoded with ``ansi_codec``),
    ``bytes`` (written as is, for any variable-length type: lets a test put raw cp932 or
    broken bytes in a string stream), ``int`` (PT_LONG / PT_BOOLEAN), ``datetime``
    (PT_SYSTIME). ``extra`` adds raw streams or storages to the message storage.
    """

    props: dict[int, object] = field(default_factory=dict)
    attachments: list[Attachment] = field(default_factory=list)
    ansi_codec: str = "cp1252"
    extra: dict[str, bytes | dict] = field(default_factory=dict)
    recipients: int = 0


@dataclass
class Attachment:
    props: dict[int, object] = field(default_factory=dict)
    data: bytes | None = None  # PR_ATTACH_DATA_BIN (method 1)
    message: Msg | None = None  # embedded message (method 5)


_VARIABLE = {PT_STRING8, PT_UNICODE, PT_BINARY}


def _encode_props(props: Mapping[int, object], codec: str) -> tuple[bytes, dict[str, bytes]]:
    """The fixed-size entries of a property stream, and the substg streams beside it."""
    rows = bytearray()
    streams: dict[str, bytes] = {}
    for tag, value in props.items():
        ptype = tag & 0xFFFF
        if ptype in _VARIABLE:
            if isinstance(value, bytes):
                raw = value
            elif ptype == PT_UNICODE:
                raw = str(value).encode("utf-16-le")
            elif ptype == PT_STRING8:
                raw = str(value).encode(codec)
            else:
                raise TypeError(f"binary property {tag:08X} needs bytes")
            streams[f"__substg1.0_{tag:08X}"] = raw
            # Size in the property stream includes the terminating NUL for strings.
            extra = {PT_UNICODE: 2, PT_STRING8: 1}.get(ptype, 0)
            rows += struct.pack("<IIII", tag, 6, len(raw) + extra, 0)
        elif ptype == PT_SYSTIME:
            assert isinstance(value, datetime)
            rows += struct.pack("<IIQ", tag, 6, filetime(value))
        elif ptype in (PT_LONG, PT_BOOLEAN):
            rows += struct.pack("<IIi4x", tag, 6, int(value))  # type: ignore[call-overload]
        else:
            raise TypeError(f"unsupported property type {ptype:04X}")
    return bytes(rows), streams


def msg_tree(msg: Msg, *, embedded: bool = False) -> dict[str, bytes | dict]:
    """The storage tree of ``msg`` (top level, or the inside of an embedded message)."""
    rows, tree = _encode_props(msg.props, msg.ansi_codec)
    storage: dict[str, bytes | dict] = dict(tree)
    n_att = len(msg.attachments)
    # [MS-OXMSG] 2.4.1: 32-byte header at top level, 24 bytes in an embedded message.
    head = struct.pack("<8xIIII", msg.recipients, n_att, msg.recipients, n_att)
    if not embedded:
        head += b"\0" * 8
    storage["__properties_version1.0"] = head + rows
    if not embedded:
        storage["__nameid_version1.0"] = {
            "__substg1.0_00020102": b"",
            "__substg1.0_00030102": b"",
            "__substg1.0_00040102": b"",
        }
    for i in range(msg.recipients):
        rrows, rstreams = _encode_props({0x3001001F: f"Recipient {i}"}, msg.ansi_codec)
        storage[f"__recip_version1.0_#{i:08X}"] = {
            "__properties_version1.0": b"\0" * 8 + rrows,
            **rstreams,
        }
    for i, att in enumerate(msg.attachments):
        props = dict(att.props)
        if att.message is not None:
            props.setdefault(0x37050003, 5)
            # PT_OBJECT rows carry size 0xFFFFFFFF in the property stream.
            arows, astreams = _encode_props(props, msg.ansi_codec)
            arows += struct.pack("<IIII", 0x3701000D, 6, 0xFFFFFFFF, 1)
            sub: dict[str, bytes | dict] = {"__properties_version1.0": b"\0" * 8 + arows}
            sub.update(astreams)
            sub["__substg1.0_3701000D"] = msg_tree(att.message, embedded=True)
        else:
            props.setdefault(0x37050003, 1)
            if att.data is not None:
                props[0x37010102] = att.data
            arows, astreams = _encode_props(props, msg.ansi_codec)
            sub = {"__properties_version1.0": b"\0" * 8 + arows, **astreams}
        storage[f"__attach_version1.0_#{i:08X}"] = sub
    storage.update(msg.extra)
    return storage


def build_msg(msg: Msg) -> bytes:
    """The bytes of a .msg file for ``msg``."""
    return build_cfb(msg_tree(msg))


def simple_msg(
    headers: str | bytes | None,
    *,
    unicode: bool = True,
    codepage: int | None = None,
    ansi_codec: str = "cp1252",
    subject: str | bytes | None = "Test message",
    extra_props: Iterable[tuple[int, object]] = (),
) -> Msg:
    """A typical received message; ``headers=None`` leaves the transport headers out."""
    st = PT_UNICODE if unicode else PT_STRING8
    props: dict[int, object] = {0x001A0000 | st: "IPM.Note"}
    if subject is not None:
        props[0x00370000 | st] = subject
    props[0x0C1A0000 | st] = "Sender Name"
    props[0x0C1F0000 | st] = "sender@example.com"
    props[0x00390040] = datetime(2024, 3, 27, 9, 14, 48, tzinfo=UTC)
    props[0x0E060040] = datetime(2024, 3, 27, 9, 14, 50, tzinfo=UTC)
    if codepage is not None:
        props[0x3FFD0003] = codepage
    if headers is not None:
        props[0x007D0000 | st] = headers
    props.update(extra_props)
    return Msg(props=props, ansi_codec=ansi_codec)


def _entry_offset(data: bytes, name: str, nth: int) -> int:
    needle = name.encode("utf-16-le") + b"\0\0"
    hits = [
        i
        for i in range(SECTOR, len(data) - 127, 128)
        if data[i : i + len(needle)] == needle
        and int.from_bytes(data[i + 64 : i + 66], "little") == len(needle)
    ]
    if len(hits) <= nth:
        raise ValueError(f"only {len(hits)} directory entries called {name!r}")
    return hits[nth]


def entry_info(data: bytes, name: str, nth: int = 0) -> tuple[int, int, int]:
    """(directory id, start sector, size) of the ``nth`` entry called ``name`` in a built
    file (directory order: the top-level message's entries come first)."""
    at = _entry_offset(data, name, nth)
    dir_first = struct.unpack_from("<I", data, 0x30)[0]
    sid = (at - SECTOR - dir_first * SECTOR) // 128  # the builder's directory is contiguous
    start, size = struct.unpack_from("<IQ", data, at + 116)
    return sid, start, size


def patch_entry(
    data: bytes,
    name: str,
    *,
    start: int | None = None,
    size: int | None = None,
    left: int | None = None,
    nth: int = 0,
) -> bytes:
    """``data`` with the ``nth`` directory entry called ``name`` given another start sector,
    size or left sibling: the way to build damaged files on purpose."""
    at = _entry_offset(data, name, nth)
    out = bytearray(data)
    if start is not None:
        out[at + 116 : at + 120] = struct.pack("<I", start)
    if size is not None:
        out[at + 120 : at + 128] = struct.pack("<Q", size)
    if left is not None:
        out[at + 68 : at + 72] = struct.pack("<I", left)
    return bytes(out)


def patch_fat(data: bytes, sector: int, value: int) -> bytes:
    """``data`` with FAT entry ``sector`` set to ``value`` (the builder puts the FAT first)."""
    out = bytearray(data)
    at = SECTOR + 4 * sector
    out[at : at + 4] = struct.pack("<I", value)
    return bytes(out)
