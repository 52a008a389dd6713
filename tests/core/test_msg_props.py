"""fopegui.core.msg_props: code pages, string decoding, property streams, FILETIME."""

from __future__ import annotations

import codecs
import struct

import pytest

from fopegui.core import msg_props as mp


@pytest.mark.parametrize(
    ("codepage", "codec"),
    [
        (932, "cp932"),
        (1252, "cp1252"),
        (1251, "cp1251"),
        (1250, "cp1250"),
        (936, "gbk"),
        (949, "cp949"),
        (950, "cp950"),
        (65001, "utf-8"),
        (50220, "iso2022_jp"),
        (50221, "iso2022_jp"),
        (50222, "iso2022_jp"),
        (51932, "euc_jp"),
        (28591, "latin-1"),
        (28605, "iso8859-15"),
        (20127, "ascii"),
    ],
)
def test_codec_for_known_code_pages(codepage: int, codec: str) -> None:
    assert mp.codec_for(codepage) == codecs.lookup(codec).name


@pytest.mark.parametrize("codepage", [None, 0, -1, 12345, 1200000])
def test_codec_for_unknown(codepage: int | None) -> None:
    assert mp.codec_for(codepage) is None


def test_decode_ansi_never_raises() -> None:
    assert mp.decode_ansi("件名".encode("cp932") + b"\0\0", "cp932") == "件名"
    assert mp.decode_ansi(b"caf\xe9", None) == "café"
    assert mp.decode_ansi(b"\x81", "cp932") == "\ufffd"
    assert mp.decode_ansi(b"\x1b$B\x80\x80", "iso2022_jp")  # replaced, not raised


def test_decode_unicode_odd_length_and_nuls() -> None:
    raw = "ヘッダー".encode("utf-16-le") + b"\0\0\0"
    assert mp.decode_unicode(raw) == "ヘッダー"


def _row(tag: int, value: bytes) -> bytes:
    return struct.pack("<II", tag, 6) + value.ljust(8, b"\0")


def test_parse_property_stream_skips_the_header_and_a_short_tail() -> None:
    stream = b"H" * mp.HEADER_TOP
    stream += _row(0x3FFD0003, struct.pack("<i", 932))
    # The FILETIME of PR_CLIENT_SUBMIT_TIME in EmailWithSpecialCharsInSubject.msg.
    stream += _row(0x00390040, struct.pack("<Q", 0x01DA80273741F400))
    stream += b"\x1f\x00\x37\x00trunc"  # a truncated final entry
    props = mp.parse_property_stream(stream, mp.HEADER_TOP)
    assert set(props) == {0x3FFD, 0x0039}
    assert mp.long_value(props, mp.PR_MESSAGE_CODEPAGE) == 932
    assert mp.long_value(props, mp.PR_CLIENT_SUBMIT_TIME) is None  # wrong type
    assert mp.systime_value(props, mp.PR_CLIENT_SUBMIT_TIME) == "2024-03-27T09:14:48+00:00"
    assert mp.systime_value(props, mp.PR_MESSAGE_DELIVERY_TIME) is None


# 0x0CB34557A3DD4000 is 4501-01-01, Outlook's "no date"; 0x24C85A5ED1C03FFF is 9999-12-31.
@pytest.mark.parametrize(
    "ticks", [0, 0xFFFFFFFFFFFFFFFF, 0x7FFFFFFFFFFFFFFF, 0x0CB34557A3DD4000, 0x24C85A5ED1C03FFF]
)
def test_systime_junk_is_none(ticks: int) -> None:
    props = mp.parse_property_stream(_row(0x0E060040, struct.pack("<Q", ticks)), 0)
    assert mp.systime_value(props, mp.PR_MESSAGE_DELIVERY_TIME) is None
