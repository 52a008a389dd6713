"""Test-only writer of Outlook .pst files (Unicode PST, [MS-PST]).

The tests build their own PST files here: a folder tree under the root folder, mail items
with any transport headers (small ones in the property context's heap, large ones in a
subnode whose data is a tree of blocks), mail items without headers and items that are not
mail. What is written, from the specification:

* NDB layer (2.2): the header with both CRCs, the first AMap and PMap pages, data blocks
  with their trailers (CRC, signature), data trees (XBLOCK) and subnode blocks (SLBLOCK),
  and the node and block B-trees (NBT, BBT) as pages with trailers. No encryption
  (``bCryptMethod`` NDB_CRYPT_NONE).
* LTP layer (2.3): heap-on-node in one block, BTree-on-heap, property contexts (message
  store, name-to-id map, folders, messages) and table contexts (a folder's hierarchy,
  contents and associated contents tables, rows of PidTagLtpRowId / PidTagLtpRowVer).
* Messaging layer (2.4): the message store (0x21), the name-to-id map (0x61), the root
  folder (0x122) and its tables; every other folder and message gets a new NID.

Only what libpff needs to walk folders and read messages is written: no search folders,
templates, recipient or attachment tables.
"""

from __future__ import annotations

import struct
import uuid
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

# Property types ([MS-OXCDATA] 2.11.1).
PT_LONG = 0x0003
PT_BOOLEAN = 0x000B
PT_UNICODE = 0x001F
PT_SYSTIME = 0x0040
PT_BINARY = 0x0102

# Property IDs ([MS-OXPROPS]).
PID_MESSAGE_CLASS = 0x001A
PID_SUBJECT = 0x0037
PID_TRANSPORT_MESSAGE_HEADERS = 0x007D
PID_SENDER_NAME = 0x0C1A
PID_SENDER_EMAIL_ADDRESS = 0x0C1F
PID_MESSAGE_DELIVERY_TIME = 0x0E06
PID_MESSAGE_FLAGS = 0x0E07
PID_MESSAGE_SIZE = 0x0E08
PID_RECORD_KEY = 0x0FF9
PID_DISPLAY_NAME = 0x3001
PID_CONTENT_COUNT = 0x3602
PID_CONTENT_UNREAD_COUNT = 0x3603
PID_SUBFOLDERS = 0x360A
PID_CONTAINER_CLASS = 0x3613
PID_IPM_SUBTREE_ENTRY_ID = 0x35E0
PID_NAMEID_BUCKET_COUNT = 0x0001
PID_NAMEID_STREAM_GUID = 0x0002
PID_NAMEID_STREAM_ENTRY = 0x0003
PID_NAMEID_STREAM_STRING = 0x0004
PID_LTP_ROW_ID = 0x67F2
PID_LTP_ROW_VER = 0x67F3

MSGFLAG_READ = 0x01
MSGFLAG_UNSENT = 0x08

# NIDs ([MS-PST] 2.2.2.1, 2.4.1).
NID_TYPE_NORMAL_FOLDER = 0x02
NID_TYPE_NORMAL_MESSAGE = 0x04
NID_TYPE_HIERARCHY_TABLE = 0x0D
NID_TYPE_CONTENTS_TABLE = 0x0E
NID_TYPE_ASSOC_CONTENTS_TABLE = 0x0F
NID_TYPE_LTP = 0x1F
NID_MESSAGE_STORE = 0x21
NID_NAME_TO_ID_MAP = 0x61
NID_ROOT_FOLDER = 0x122

MAGIC = b"!BDN"
HEADER_SIZE = 564
PAGE = 512
BLOCK_ALIGN = 64
BLOCK_TRAILER = 16
MAX_BLOCK_DATA = 8192 - BLOCK_TRAILER  # 8176
MAX_HEAP_ALLOC = 3580  # larger property values live in subnodes (2.3.3.2)
FIRST_AMAP = 0x4400
AMAP_SPAN = 496 * 8 * BLOCK_ALIGN  # the bytes one AMap page covers, itself included

PTYPE_BBT, PTYPE_NBT, PTYPE_PMAP, PTYPE_AMAP = 0x80, 0x81, 0x83, 0x84
HN_SIG = 0xEC
HN_TYPE_TC, HN_TYPE_BTH, HN_TYPE_PC = 0x7C, 0xB5, 0xBC

TOP_OF_PERSONAL_FOLDERS = "Top of Personal Folders"


def crc32(data: bytes) -> int:
    """[MS-PST] 5.3: the reflected CRC-32 (0xEDB88320) from 0, without a final inversion."""
    return zlib.crc32(data, 0xFFFFFFFF) ^ 0xFFFFFFFF


def signature(ib: int, bid: int) -> int:
    """[MS-PST] 5.5: wSig of a block or B-tree page from its offset and BID."""
    value = (ib ^ bid) & 0xFFFFFFFF
    return ((value >> 16) ^ value) & 0xFFFF


def filetime(when: datetime) -> int:
    return int((when - datetime(1601, 1, 1, tzinfo=UTC)).total_seconds() * 10_000_000)


def _ceil(n: int, d: int) -> int:
    return -(-n // d) * d


# --- what the tests describe ------------------------------------------------------------------


@dataclass
class Message:
    """One item of a folder. ``headers`` is PidTagTransportMessageHeaders (None: not set, as
    in a draft or a sent item); ``properties`` adds or overrides ``id -> (type, value)``."""

    message_class: str = "IPM.Note"
    subject: str | None = None
    sender_name: str | None = None
    sender_email: str | None = None
    headers: str | None = None
    properties: dict[int, tuple[int, object]] = field(default_factory=dict)

    def property_values(self) -> dict[int, tuple[int, object]]:
        props: dict[int, tuple[int, object]] = {
            PID_MESSAGE_CLASS: (PT_UNICODE, self.message_class),
            PID_MESSAGE_FLAGS: (PT_LONG, MSGFLAG_READ if self.headers else MSGFLAG_UNSENT),
            PID_MESSAGE_DELIVERY_TIME: (PT_SYSTIME, datetime(2024, 3, 27, 9, 14, tzinfo=UTC)),
        }
        for pid, value in (
            (PID_SUBJECT, self.subject),
            (PID_SENDER_NAME, self.sender_name),
            (PID_SENDER_EMAIL_ADDRESS, self.sender_email),
            (PID_TRANSPORT_MESSAGE_HEADERS, self.headers),
        ):
            if value is not None:
                props[pid] = (PT_UNICODE, value)
        props[PID_MESSAGE_SIZE] = (PT_LONG, 512 + 2 * len(self.headers or ""))
        props.update(self.properties)
        return props


@dataclass
class Folder:
    name: str
    folders: list[Folder] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    container_class: str | None = None


def personal_folders(*folders: Folder) -> Folder:
    """The root folder as Outlook makes it: one sub folder, "Top of Personal Folders"."""
    return Folder("", [Folder(TOP_OF_PERSONAL_FOLDERS, list(folders))])


# --- LTP layer: heap-on-node, BTree-on-heap, property and table contexts ---------------------


class _Heap:
    """A heap-on-node in one block (2.3.1): HNHDR, the allocations, the HNPAGEMAP."""

    def __init__(self, client_sig: int) -> None:
        self.client_sig = client_sig
        self.allocs: list[bytes] = []

    def add(self, data: bytes) -> int:
        self.allocs.append(data)
        return len(self.allocs) << 5  # HID: type 0 (NID_TYPE_HID), index from 1, block 0

    def set(self, hid: int, data: bytes) -> None:
        self.allocs[(hid >> 5) - 1] = data

    def size(self) -> int:
        return 12 + sum(map(len, self.allocs)) + 1 + 4 + 2 * (len(self.allocs) + 1)

    def build(self, user_root: int) -> bytes:
        offsets, body = [12], bytearray()
        for data in self.allocs:
            body += data
            offsets.append(offsets[-1] + len(data))
        page_map = offsets[-1] + (offsets[-1] & 1)  # the page map starts on a 2-byte boundary
        head = struct.pack("<HBBI4x", page_map, HN_SIG, self.client_sig, user_root)
        out = head + body + b"\0" * (page_map - offsets[-1])
        out += struct.pack(f"<HH{len(offsets)}H", len(self.allocs), 0, *offsets)
        if len(out) > MAX_BLOCK_DATA:
            raise ValueError("this builder keeps a heap in one block")
        return out


def _bth(heap: _Heap, key_size: int, entry_size: int, records: list[bytes]) -> int:
    """A BTree-on-heap of one leaf level (2.3.2); returns the HID of its BTHHEADER."""
    leaf = heap.add(b"".join(records)) if records else 0
    if leaf and len(heap.allocs[-1]) > MAX_HEAP_ALLOC:
        raise ValueError("this builder keeps a BTH in one leaf")
    return heap.add(struct.pack("<BBBBI", HN_TYPE_BTH, key_size, entry_size, 0, leaf))


def _encode(ptype: int, value: object) -> bytes | int:
    """A property value: an int for the values kept in the record, bytes for the others."""
    if ptype == PT_LONG:
        return int(value) & 0xFFFFFFFF  # type: ignore[call-overload]
    if ptype == PT_BOOLEAN:
        return 1 if value else 0
    if ptype == PT_SYSTIME:
        when = value if isinstance(value, int) else filetime(value)  # type: ignore[arg-type]
        return struct.pack("<Q", when)
    if ptype == PT_UNICODE:
        return str(value).encode("utf-16-le")
    if ptype == PT_BINARY:
        return bytes(value)  # type: ignore[call-overload]
    raise ValueError(f"property type 0x{ptype:04X} is not supported here")


class _Subnodes:
    """A node's subnodes (2.2.2.8.3.3): NID -> data; new NIDs of type NID_TYPE_LTP."""

    def __init__(self) -> None:
        self.data: dict[int, bytes] = {}

    def add(self, data: bytes) -> int:
        nid = ((len(self.data) + 1) << 5) | NID_TYPE_LTP
        self.data[nid] = data
        return nid


def property_context(props: dict[int, tuple[int, object]], subnodes: _Subnodes) -> bytes:
    """A PC (2.3.3): a BTH of (property ID -> type, value or HNID) on a heap."""
    heap = _Heap(HN_TYPE_PC)
    header = heap.add(b"")  # the BTHHEADER is the heap's first allocation; filled in below
    reserve = 8 * len(props) + 8 * len(props) + 64  # the records, the page map, the rest
    records = []
    for pid in sorted(props):
        ptype, value = props[pid]
        raw = _encode(ptype, value)
        if isinstance(raw, int):
            ref = raw
        elif len(raw) <= MAX_HEAP_ALLOC and heap.size() + len(raw) + reserve <= MAX_BLOCK_DATA:
            ref = heap.add(raw)
        else:
            ref = subnodes.add(raw)
        records.append(struct.pack("<HHI", pid, ptype, ref))
    leaf = heap.add(b"".join(records))
    heap.set(header, struct.pack("<BBBBI", HN_TYPE_BTH, 2, 6, 0, leaf))
    return heap.build(header)


def table_context(row_ids: list[int]) -> bytes:
    """A TC (2.3.4) with the two columns every table has: PidTagLtpRowId and -RowVer."""
    heap = _Heap(HN_TYPE_TC)
    info = heap.add(b"")
    columns = [  # (tag, ibData, cbData, iBit)
        (PID_LTP_ROW_ID << 16 | PT_LONG, 0, 4, 0),
        (PID_LTP_ROW_VER << 16 | PT_LONG, 4, 4, 1),
    ]
    row_size = 8 + 1  # two 4-byte cells, then the cell existence bitmap
    index = sorted((struct.pack("<II", rid, i) for i, rid in enumerate(row_ids)),
                   key=lambda r: struct.unpack_from("<I", r)[0])  # fmt: skip
    index_root = _bth(heap, 4, 4, index)
    rows = b"".join(struct.pack("<IIB", rid, 1, 0xC0) for rid in row_ids)
    if len(rows) > MAX_HEAP_ALLOC:
        raise ValueError("this builder keeps a table's rows in its heap")
    rows_ref = heap.add(rows) if rows else 0
    # TCINFO: the end offsets of the 4/8-byte, 2-byte and 1-byte cells and of the bitmap.
    ends = (8, 8, 8, row_size)
    tcinfo = struct.pack("<BB4HIII", HN_TYPE_TC, len(columns), *ends, index_root, rows_ref, 0)
    heap.set(info, tcinfo + b"".join(struct.pack("<IHBB", *c) for c in columns))
    return heap.build(info)


# --- NDB layer: blocks, B-tree pages, header ---------------------------------------------------


@dataclass
class _Node:
    nid: int
    parent: int
    data: bytes
    subnodes: dict[int, bytes] = field(default_factory=dict)


class _Writer:
    def __init__(self) -> None:
        self.out = bytearray(FIRST_AMAP + 2 * PAGE)  # header, then the first AMap and PMap
        self.next_bid = 1
        self.bbt: list[tuple[int, int, int]] = []  # (bid, ib, cb) of every block
        self.used: list[tuple[int, int]] = [(FIRST_AMAP, 2 * PAGE)]  # allocated (ib, size)

    def bid(self, internal: bool = False) -> int:
        bid = self.next_bid << 2 | (2 if internal else 0)
        self.next_bid += 1
        return bid

    def block(self, data: bytes, internal: bool = False) -> int:
        """One block (2.2.2.8): the data, padding, the BLOCKTRAILER; returns its BID."""
        bid, ib = self.bid(internal), len(self.out)
        size = _ceil(len(data) + BLOCK_TRAILER, BLOCK_ALIGN)
        trailer = struct.pack("<HHIQ", len(data), signature(ib, bid), crc32(data), bid)
        self.out += data + b"\0" * (size - BLOCK_TRAILER - len(data)) + trailer
        self.bbt.append((bid, ib, len(data)))
        self.used.append((ib, size))
        return bid

    def data(self, data: bytes) -> int:
        """A node's data: one data block, or an XBLOCK listing data blocks (2.2.2.8.3.2.1)."""
        if len(data) <= MAX_BLOCK_DATA:
            return self.block(data)
        bids = [self.block(data[i : i + MAX_BLOCK_DATA])
                for i in range(0, len(data), MAX_BLOCK_DATA)]  # fmt: skip
        if 8 + 8 * len(bids) > MAX_BLOCK_DATA:
            raise ValueError("this builder writes data trees of one level")
        head = struct.pack("<BBHI", 0x01, 1, len(bids), len(data))
        return self.block(head + struct.pack(f"<{len(bids)}Q", *bids), internal=True)

    def subnode_block(self, subnodes: dict[int, bytes]) -> int:
        """An SLBLOCK of a node's subnodes (2.2.2.8.3.3.1.1); 0 when it has none."""
        if not subnodes:
            return 0
        entries = [struct.pack("<QQQ", nid, self.data(data), 0)
                   for nid, data in sorted(subnodes.items())]  # fmt: skip
        if 8 + 24 * len(entries) > MAX_BLOCK_DATA:
            raise ValueError("this builder writes one SLBLOCK per node")
        head = struct.pack("<BBHI", 0x02, 0, len(entries), 0)
        return self.block(head + b"".join(entries), internal=True)

    def page(self, ptype: int, body: bytes, at: int | None = None) -> tuple[int, int]:
        """A 512-byte page: 496 bytes, then the PAGETRAILER; returns (bid, ib). Appended, or
        written ``at`` a map page's place (whose BID is its offset)."""
        ib = len(self.out) if at is None else at
        assert ib % PAGE == 0 and len(body) == PAGE - 16
        bid = self.bid() if at is None else at
        sig = signature(ib, bid) if ptype in (PTYPE_BBT, PTYPE_NBT) else 0
        self.out[ib : ib + PAGE] = body + struct.pack("<BBHIQ", ptype, ptype, sig, crc32(body), bid)
        if at is None:
            self.used.append((ib, PAGE))
        return bid, ib

    def btree(self, ptype: int, entries: list[tuple[int, bytes]], per_leaf: int) -> tuple[int, int]:
        """A B-tree (2.2.2.7.7) of (key, leaf entry) sorted by key; returns the root's BREF."""
        level, size, per_page = 0, len(entries[0][1]), per_leaf
        while True:
            pages = []
            for i in range(0, len(entries), per_page):
                chunk = entries[i : i + per_page]
                body = b"".join(e for _, e in chunk).ljust(488, b"\0")
                body += struct.pack("<BBBB4x", len(chunk), per_page, size, level)
                pages.append((chunk[0][0], *self.page(ptype, body)))
            if len(pages) == 1:
                return pages[0][1], pages[0][2]
            entries = [(key, struct.pack("<QQQ", key, bid, ib)) for key, bid, ib in pages]
            level, size, per_page = level + 1, 24, 488 // 24

    def finish(self, nodes: list[_Node]) -> bytes:
        nbt = []
        for node in sorted(nodes, key=lambda n: n.nid):
            data, subs = self.data(node.data), self.subnode_block(node.subnodes)
            nbt.append((node.nid, struct.pack("<QQQII", node.nid, data, subs, node.parent, 0)))
        bbt = [(bid, struct.pack("<QQHHI", bid, ib, cb, 2, 0)) for bid, ib, cb in self.bbt]
        self.out += b"\0" * (_ceil(len(self.out), PAGE) - len(self.out))
        nbt_root = self.btree(PTYPE_NBT, nbt, 488 // 32)
        bbt_root = self.btree(PTYPE_BBT, bbt, 488 // 24)  # the NBT's pages are not blocks
        if len(self.out) > FIRST_AMAP + AMAP_SPAN:
            raise ValueError("this builder writes files that one AMap page covers")
        free = self.write_maps()
        self.write_header(nbt_root, bbt_root, free, {n.nid for n in nodes})
        return bytes(self.out)

    def write_maps(self) -> int:
        """The first AMap (2.2.2.7.2) and PMap (2.2.2.7.3) pages; returns the AMap's free bytes."""
        bits = bytearray(496)
        for ib, size in self.used:
            first = (ib - FIRST_AMAP) // BLOCK_ALIGN
            for slot in range(first, first + size // BLOCK_ALIGN):
                bits[slot // 8] |= 0x80 >> (slot % 8)
        self.page(PTYPE_AMAP, bytes(bits), at=FIRST_AMAP)
        self.page(PTYPE_PMAP, b"\xff" * 496, at=FIRST_AMAP + PAGE)  # deprecated: all pages used
        return sum(8 - bin(b).count("1") for b in bits) * BLOCK_ALIGN

    def write_header(self, nbt: tuple[int, int], bbt: tuple[int, int], free: int,
                     nids: set[int]) -> None:  # fmt: skip
        """The HEADER (2.2.2.6) with its ROOT (2.2.2.5), both CRCs."""
        h = bytearray(HEADER_SIZE)
        h[0:4] = MAGIC
        struct.pack_into("<HHHBB", h, 8, 0x4D53, 23, 19, 1, 1)  # "SM", Unicode, client 19
        next_page = self.bid()
        struct.pack_into("<QQI", h, 24, 0, next_page, 1)  # bidUnused, bidNextP, dwUnique
        for nid_type in range(32):  # rgnid: the next free index of each NID type
            used = [nid >> 5 for nid in nids if nid & 0x1F == nid_type]
            struct.pack_into("<I", h, 44 + 4 * nid_type, max([0x3FF, *used]) + 1)
        struct.pack_into("<IQQQQQQQQBBH", h, 180, 0, len(self.out), FIRST_AMAP, free, 0,
                         nbt[0], nbt[1], bbt[0], bbt[1], 0x02, 0, 0)  # fmt: skip
        h[256:512] = b"\xff" * 256  # rgbFM, rgbFP: deprecated, all 0xFF
        struct.pack_into("<BBH", h, 512, 0x80, 0x00, 0)  # bSentinel, NDB_CRYPT_NONE
        struct.pack_into("<Q", h, 516, self.bid())  # bidNextB
        struct.pack_into("<I", h, 4, crc32(bytes(h[8 : 8 + 471])))
        struct.pack_into("<I", h, 524, crc32(bytes(h[8:524])))
        self.out[:HEADER_SIZE] = h


# --- messaging layer ----------------------------------------------------------------------------


def _folder_props(folder: Folder) -> dict[int, tuple[int, object]]:
    props: dict[int, tuple[int, object]] = {
        PID_DISPLAY_NAME: (PT_UNICODE, folder.name),
        PID_CONTENT_COUNT: (PT_LONG, len(folder.messages)),
        PID_CONTENT_UNREAD_COUNT: (PT_LONG, 0),
        PID_SUBFOLDERS: (PT_BOOLEAN, bool(folder.folders)),
    }
    if folder.container_class is not None:
        props[PID_CONTAINER_CLASS] = (PT_UNICODE, folder.container_class)
    return props


PSETID_COMMON = uuid.UUID("00062008-0000-0000-c000-000000000046")


def _name_to_id_map() -> dict[int, tuple[int, object]]:
    """The name-to-id map (2.4.7) with two named properties (libpff reads none without):
    PidLidReminderDelta (numeric, PSETID_Common) as 0x8000 and the string name
    "x-fopegui-test" (PS_PUBLIC_STRINGS) as 0x8001. No hash buckets."""
    name = "x-fopegui-test".encode("utf-16-le")
    strings = struct.pack("<I", len(name)) + name
    strings += b"\0" * (_ceil(len(strings), 4) - len(strings))
    entries = struct.pack("<II", 0x8501, 0 | (3 << 1) | (0 << 16))  # GUID 3: the first stored
    entries += struct.pack("<II", 0, 1 | (2 << 1) | (1 << 16))  # N=1: offset 0 in strings
    return {
        PID_NAMEID_BUCKET_COUNT: (PT_LONG, 251),
        PID_NAMEID_STREAM_GUID: (PT_BINARY, PSETID_COMMON.bytes_le),
        PID_NAMEID_STREAM_ENTRY: (PT_BINARY, entries),
        PID_NAMEID_STREAM_STRING: (PT_BINARY, strings),
    }


def _pc_node(nid: int, parent: int, props: dict[int, tuple[int, object]]) -> _Node:
    subnodes = _Subnodes()
    data = property_context(props, subnodes)
    return _Node(nid, parent, data, subnodes.data)


def build_pst(root: Folder, display_name: str = "Personal Folders") -> bytes:
    """The bytes of a PST whose root folder (NID 0x122) is ``root`` (its name is not shown:
    see ``personal_folders``). Folders and items get NIDs in tree order, so libpff lists
    them in the order given."""
    nodes: list[_Node] = []
    counters = {NID_TYPE_NORMAL_FOLDER: 0x400, NID_TYPE_NORMAL_MESSAGE: 0x10000}

    def new_nid(nid_type: int) -> int:
        counters[nid_type] += 1
        return counters[nid_type] << 5 | nid_type

    def add_folder(folder: Folder, nid: int, parent: int) -> None:
        nodes.append(_pc_node(nid, parent, _folder_props(folder)))
        sub_nids = [new_nid(NID_TYPE_NORMAL_FOLDER) for _ in folder.folders]
        msg_nids = [new_nid(NID_TYPE_NORMAL_MESSAGE) for _ in folder.messages]
        base = nid & ~0x1F
        nodes.append(_Node(base | NID_TYPE_HIERARCHY_TABLE, 0, table_context(sub_nids)))
        nodes.append(_Node(base | NID_TYPE_CONTENTS_TABLE, 0, table_context(msg_nids)))
        nodes.append(_Node(base | NID_TYPE_ASSOC_CONTENTS_TABLE, 0, table_context([])))
        for msg, msg_nid in zip(folder.messages, msg_nids, strict=True):
            nodes.append(_pc_node(msg_nid, nid, msg.property_values()))
        for sub, sub_nid in zip(folder.folders, sub_nids, strict=True):
            add_folder(sub, sub_nid, nid)

    add_folder(root, NID_ROOT_FOLDER, NID_ROOT_FOLDER)  # the root is its own parent
    store_uid = uuid.uuid5(uuid.NAMESPACE_URL, "fopegui-tests-pst").bytes
    subtree = next((n.nid for n in nodes if n.parent == NID_ROOT_FOLDER != n.nid), NID_ROOT_FOLDER)
    store = {
        PID_RECORD_KEY: (PT_BINARY, store_uid),
        PID_DISPLAY_NAME: (PT_UNICODE, display_name),
        PID_IPM_SUBTREE_ENTRY_ID: (PT_BINARY, b"\0" * 4 + store_uid + struct.pack("<I", subtree)),
    }
    nodes.append(_pc_node(NID_MESSAGE_STORE, 0, store))
    nodes.append(_pc_node(NID_NAME_TO_ID_MAP, 0, _name_to_id_map()))
    return _Writer().finish(nodes)


def write_pst(path: Path, root: Folder, display_name: str = "Personal Folders") -> Path:
    """``build_pst`` into the file ``path``; returns ``path``."""
    with open(path, "wb") as handle:
        handle.write(build_pst(root, display_name))
    return path
