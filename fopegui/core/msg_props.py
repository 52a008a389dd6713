"""MAPI property plumbing for .msg files ([MS-OXMSG] 2.4, [MS-OXCDATA] 2.11): pure bytes in,
plain values out. Kept apart from :mod:`fopegui.core.msg`, which walks the OLE storages.
"""

from __future__ import annotations

import codecs
import struct
from datetime import UTC, datetime, timedelta

# Property types.
PT_LONG = 0x0003
PT_OBJECT = 0x000D
PT_STRING8 = 0x001E
PT_UNICODE = 0x001F
PT_SYSTIME = 0x0040
PT_BINARY = 0x0102

# Property ids used by the loader.
PR_MESSAGE_CLASS = 0x001A
PR_SUBJECT = 0x0037
PR_CLIENT_SUBMIT_TIME = 0x0039
PR_SENT_REPRESENTING_NAME = 0x0042
PR_SENT_REPRESENTING_ADDRTYPE = 0x0064
PR_SENT_REPRESENTING_EMAIL_ADDRESS = 0x0065
PR_TRANSPORT_MESSAGE_HEADERS = 0x007D
PR_RECIPIENT_TYPE = 0x0C15  # on a recipient: 1 To, 2 Cc, 3 Bcc
PR_SENDER_NAME = 0x0C1A
PR_SENDER_ADDRTYPE = 0x0C1E
PR_SENDER_EMAIL_ADDRESS = 0x0C1F
PR_DISPLAY_BCC = 0x0E02
PR_DISPLAY_CC = 0x0E03
PR_DISPLAY_TO = 0x0E04
PR_MESSAGE_DELIVERY_TIME = 0x0E06
PR_ATTACH_SIZE = 0x0E20
PR_DISPLAY_NAME = 0x3001
PR_EMAIL_ADDRESS = 0x3003
PR_SMTP_ADDRESS = 0x39FE
PR_ATTACH_DATA = 0x3701
PR_ATTACH_FILENAME = 0x3704
PR_ATTACH_METHOD = 0x3705
PR_ATTACH_LONG_FILENAME = 0x3707
PR_ATTACH_MIME_TAG = 0x370E
PR_INTERNET_CPID = 0x3FDE
PR_MESSAGE_CODEPAGE = 0x3FFD
PR_SENDER_SMTP_ADDRESS = 0x5D01
PR_SENT_REPRESENTING_SMTP_ADDRESS = 0x5D02

ATTACH_EMBEDDED_MSG = 5

# Size of the header before the 16-byte entries of a __properties_version1.0 stream.
HEADER_TOP = 32
HEADER_EMBEDDED = 24
HEADER_ATTACHMENT = 8  # an attachment's or a recipient's storage

# Windows code pages whose Python codec is not simply "cp<number>".
_CODEPAGES = {
    1200: "utf-16-le",
    1201: "utf-16-be",
    10000: "mac_roman",
    10007: "mac_cyrillic",
    20127: "ascii",
    20866: "koi8_r",
    21866: "koi8_u",
    20932: "euc_jp",
    50220: "iso2022_jp",
    50221: "iso2022_jp",  # the variant with half-width katakana; Python's codec covers ESC ( I
    50222: "iso2022_jp",
    50225: "iso2022_kr",
    51932: "euc_jp",
    51936: "gb2312",
    51949: "euc_kr",
    52936: "hz",
    54936: "gb18030",
    65000: "utf-7",
    65001: "utf-8",
    936: "gbk",
}
# ISO 8859-n is code page 28590 + n.
_CODEPAGES.update({28590 + n: f"iso8859_{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 15)})


def codec_for(codepage: int | None) -> str | None:
    """The Python codec for a Windows code page number, or None when there is none."""
    if codepage is None:
        return None
    name = _CODEPAGES.get(codepage)
    if name is None:
        # cp932, cp1252, cp1251, cp949, cp950, cp874, cp437 … exist under their own name.
        name = f"cp{codepage}"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_unicode(raw: bytes) -> str:
    """A PT_UNICODE value (UTF-16-LE), trailing NULs and a stray odd byte dropped."""
    if len(raw) % 2:
        raw = raw[:-1]
    return raw.decode("utf-16-le", errors="replace").rstrip("\0")


def decode_ansi(raw: bytes, codec: str | None) -> str:
    """A PT_STRING8 value in ``codec`` (Windows-1252 when unknown); never raises."""
    raw = raw.rstrip(b"\0")
    try:
        return raw.decode(codec or "cp1252", errors="replace")
    except (LookupError, ValueError):
        # Stateful codecs (ISO-2022) can still choke on hostile bytes.
        return raw.decode("cp1252", errors="replace")


def parse_property_stream(data: bytes, header_size: int) -> dict[int, tuple[int, bytes]]:
    """Property id -> (type, 8-byte value field) from a ``__properties_version1.0`` stream.

    Fixed-size values (PT_LONG, PT_SYSTIME …) are inline in the 8 bytes; variable-size
    ones live in their own ``__substg1.0_`` stream and only their size is here. A short
    final entry (truncated stream) is ignored.
    """
    props: dict[int, tuple[int, bytes]] = {}
    for offset in range(header_size, len(data) - 15, 16):
        tag = struct.unpack_from("<I", data, offset)[0]
        props[tag >> 16] = (tag & 0xFFFF, data[offset + 8 : offset + 16])
    return props


def long_value(props: dict[int, tuple[int, bytes]], prop_id: int) -> int | None:
    """A PT_LONG property as an int, or None when absent (or of another type)."""
    entry = props.get(prop_id)
    if entry is None or entry[0] != PT_LONG:
        return None
    return struct.unpack_from("<i", entry[1])[0]


_EPOCH_1601 = datetime(1601, 1, 1, tzinfo=UTC)
# 4501-01-01: Outlook's "no date" (PT_SYSTIME has no null); nothing real is that late.
_NO_DATE = 0x0CB34557A3DD4000


def systime_value(props: dict[int, tuple[int, bytes]], prop_id: int) -> str | None:
    """A PT_SYSTIME property as ISO 8601 UTC with offset, or None when absent or unset."""
    entry = props.get(prop_id)
    if entry is None or entry[0] != PT_SYSTIME:
        return None
    ticks = struct.unpack_from("<Q", entry[1])[0]
    if ticks == 0 or ticks >= _NO_DATE:
        return None
    when = _EPOCH_1601 + timedelta(microseconds=ticks // 10)
    return when.isoformat(timespec="seconds")
