"""A minimal writer of OLE compound files ([MS-CFB] version 3), the container of Outlook .msg.

olefile only reads. To hand a message that is attached inside a .msg over as a file of its
own, its storage is written into a new compound file: the streams' bytes are copied as they
are; only the container around them is new. Version 3 (512-byte sectors, 64-byte mini
sectors below 4096 bytes) is what Outlook writes.

Sibling trees are plain binary search trees with every node black, which [MS-CFB] §2.6.4
allows; names are ordered as the specification says (shorter first, then by upper case), so
readers that search the tree by name find every entry.
"""

from __future__ import annotations

import itertools
import struct
from dataclasses import dataclass, field

SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
_HEADER_DIFAT = 109  # FAT sector locations held in the header
_PER_SECTOR = SECTOR // 4  # 32-bit entries per sector
FREESECT, ENDOFCHAIN, FATSECT, DIFSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFC
NOSTREAM = 0xFFFFFFFF
_ROOT, _STORAGE, _STREAM = 5, 1, 2
_BLACK = 1
_DIRENTRY = struct.Struct("<64sHBBIII16sIQQIQ")  # 128 bytes
_MAX_NAME = 31  # UTF-16 code units, without the terminating NUL


@dataclass
class Node:
    """A storage (``data`` is None) or a stream of the compound file, with its children."""

    name: str
    data: bytes | None = None
    children: list[Node] = field(default_factory=list)
    clsid: bytes = bytes(16)
    state_bits: int = 0
    created: int = 0  # FILETIME; 0 = not recorded
    modified: int = 0

    @property
    def is_storage(self) -> bool:
        return self.data is None


def name_key(name: str) -> tuple[int, str]:
    """[MS-CFB] §2.6.4 order: shorter names first, then by upper-case code points."""
    return len(name.encode("utf-16-le")) // 2, name.upper()


def compound_file(root: Node) -> bytes:
    """The bytes of a version-3 compound file whose root storage is ``root``.

    Raises ValueError for a name longer than 31 characters or two siblings whose names
    compare equal (a reader could not tell them apart).
    """
    entries = _flatten(root)
    small = [e for e in entries if not e.node.is_storage and 0 < len(e.node.data) < MINI_CUTOFF]
    big = [e for e in entries if not e.node.is_storage and len(e.node.data) >= MINI_CUTOFF]

    mini_stream = bytearray()
    mini_fat: list[int] = []
    for entry in small:
        data = entry.node.data
        count = -(-len(data) // MINI_SECTOR)
        entry.start = len(mini_fat)
        mini_fat += [*range(entry.start + 1, entry.start + count), ENDOFCHAIN]
        mini_stream += data + bytes(count * MINI_SECTOR - len(data))

    counts = {
        "dir": -(-len(entries) * _DIRENTRY.size // SECTOR),
        "minifat": -(-len(mini_fat) * 4 // SECTOR),
        "ministream": -(-len(mini_stream) // SECTOR),
    }
    big_counts = [-(-len(e.node.data) // SECTOR) for e in big]
    data_sectors = sum(counts.values()) + sum(big_counts)
    fat_count, difat_count = _fat_size(data_sectors)

    fat: list[int] = []

    def chain(count: int) -> int:
        if count == 0:
            return ENDOFCHAIN
        start = len(fat)
        fat.extend([*range(start + 1, start + count), ENDOFCHAIN])
        return start

    dir_start = chain(counts["dir"])
    minifat_start = chain(counts["minifat"])
    ministream_start = chain(counts["ministream"])
    for entry, count in zip(big, big_counts, strict=True):
        entry.start = chain(count)
    fat_sectors = list(range(len(fat), len(fat) + fat_count))
    fat.extend([FATSECT] * fat_count)
    difat_sectors = list(range(len(fat), len(fat) + difat_count))
    fat.extend([DIFSECT] * difat_count)
    fat.extend([FREESECT] * (fat_count * _PER_SECTOR - len(fat)))

    entries[0].start = ministream_start
    entries[0].size = len(mini_stream)
    body = [
        _directory(entries),
        _pad(struct.pack(f"<{len(mini_fat)}I", *mini_fat)),
        _pad(bytes(mini_stream)),
        *(_pad(e.node.data) for e in big),
        struct.pack(f"<{len(fat)}I", *fat),
        _difat_sectors(fat_sectors, difat_sectors),
    ]
    header = _header(
        fat_count=fat_count,
        dir_start=dir_start,
        minifat_start=minifat_start if mini_fat else ENDOFCHAIN,
        minifat_count=counts["minifat"],
        difat_start=difat_sectors[0] if difat_sectors else ENDOFCHAIN,
        difat_count=difat_count,
        header_difat=fat_sectors[:_HEADER_DIFAT],
    )
    return header + b"".join(body)


# --- layout ----------------------------------------------------------------------------------


@dataclass
class _Entry:
    node: Node
    sid: int
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    start: int = ENDOFCHAIN
    size: int = 0


def _flatten(root: Node) -> list[_Entry]:
    """Directory entries in stream-ID order (root first), sibling trees linked."""
    entries = [_Entry(root, 0)]
    pending = [entries[0]]
    while pending:
        parent = pending.pop()
        kids = sorted(parent.node.children, key=lambda n: name_key(n.name))
        for node in kids:
            if len(node.name.encode("utf-16-le")) // 2 > _MAX_NAME:
                raise ValueError(f"compound file name too long: {node.name!r}")
        if any(name_key(a.name) == name_key(b.name) for a, b in itertools.pairwise(kids)):
            raise ValueError(f"two entries with one name in storage {parent.node.name!r}")
        own = []
        for node in kids:
            entry = _Entry(node, len(entries))
            if not node.is_storage:
                entry.size = len(node.data)
            entries.append(entry)
            own.append(entry)
            if node.is_storage:
                pending.append(entry)
        parent.child = _link(own)
    return entries


def _link(siblings: list[_Entry]) -> int:
    """Make ``siblings`` (sorted) a balanced search tree; the root's stream ID."""
    if not siblings:
        return NOSTREAM
    middle = len(siblings) // 2
    top = siblings[middle]
    top.left = _link(siblings[:middle])
    top.right = _link(siblings[middle + 1 :])
    return top.sid


def _fat_size(data_sectors: int) -> tuple[int, int]:
    """(FAT sectors, DIFAT sectors) for ``data_sectors``: the FAT maps itself and the DIFAT."""
    fat_count, difat_count = 1, 0
    while True:
        total = data_sectors + fat_count + difat_count
        need_fat = -(-total // _PER_SECTOR)
        need_difat = max(0, -(-(need_fat - _HEADER_DIFAT) // (_PER_SECTOR - 1)))
        if (need_fat, need_difat) == (fat_count, difat_count):
            return fat_count, difat_count
        fat_count, difat_count = max(need_fat, fat_count), max(need_difat, difat_count)


# --- records ---------------------------------------------------------------------------------


def _pad(data: bytes) -> bytes:
    return data + bytes(-len(data) % SECTOR)


def _directory(entries: list[_Entry]) -> bytes:
    """The directory sectors; the free entries that fill the last one have their sibling and
    child pointers set to NOSTREAM, as [MS-CFB] §2.6.3 requires (zero would name the root)."""
    used = b"".join(_direntry(e) for e in entries)
    free = _DIRENTRY.pack(
        bytes(64), 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM, bytes(16), 0, 0, 0, 0, 0
    )
    per_sector = SECTOR // _DIRENTRY.size
    return used + free * (-len(entries) % per_sector)


def _direntry(entry: _Entry) -> bytes:
    node = entry.node
    name = node.name.encode("utf-16-le")
    kind = _ROOT if entry.sid == 0 else (_STORAGE if node.is_storage else _STREAM)
    start = entry.start if kind != _STORAGE else 0
    return _DIRENTRY.pack(
        name + bytes(64 - len(name)),
        len(name) + 2,
        kind,
        _BLACK,
        entry.left,
        entry.right,
        entry.child,
        node.clsid if kind != _STREAM else bytes(16),
        node.state_bits,
        node.created if kind != _STREAM else 0,
        node.modified if kind != _STREAM else 0,
        start,
        entry.size,
    )


def _difat_sectors(fat_sectors: list[int], difat_sectors: list[int]) -> bytes:
    rest = fat_sectors[_HEADER_DIFAT:]
    out = bytearray()
    for index, _ in enumerate(difat_sectors):
        chunk = rest[index * (_PER_SECTOR - 1) : (index + 1) * (_PER_SECTOR - 1)]
        chunk += [FREESECT] * (_PER_SECTOR - 1 - len(chunk))
        following = difat_sectors[index + 1] if index + 1 < len(difat_sectors) else ENDOFCHAIN
        out += struct.pack(f"<{_PER_SECTOR}I", *chunk, following)
    return bytes(out)


def _header(
    *,
    fat_count: int,
    dir_start: int,
    minifat_start: int,
    minifat_count: int,
    difat_start: int,
    difat_count: int,
    header_difat: list[int],
) -> bytes:
    difat = header_difat + [FREESECT] * (_HEADER_DIFAT - len(header_difat))
    return (
        SIGNATURE
        + bytes(16)  # header CLSID
        + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack(
            "<IIIIIIIII",
            0,  # directory sectors: always 0 in version 3
            fat_count,
            dir_start,
            0,  # transaction signature
            MINI_CUTOFF,
            minifat_start,
            minifat_count,
            difat_start,
            difat_count,
        )
        + struct.pack(f"<{_HEADER_DIFAT}I", *difat)
    )
