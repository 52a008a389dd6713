"""fopegui.core.msg on .msg files built by tests/msgbuilder.py: code pages, missing and
huge headers, senders, attachments, embedded messages, non-message OLE files."""

from __future__ import annotations

import io
import os
import struct
import time
from datetime import UTC, datetime

import olefile
import pytest

from fopegui.core.model import LoadError
from fopegui.core.msg import embedded_source, source_from_msg
from fopegui.core.texts import render
from tests.msgbuilder import (
    Attachment,
    Msg,
    build_cfb,
    build_msg,
    patch_entry,
    simple_msg,
)

HEADERS = (
    "Received: from mail.example.com (203.0.113.25) by edge.example.net;"
    " Wed, 27 Mar 2024 09:14:49 +0000\r\n"
    "X-Forefront-Antispam-Report: CIP:203.0.113.25;CTRY:JP;LANG:ja;SCL:5;SFV:SPM;\r\n"
    "Subject: =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?=\r\n"
    "\r\n"
)
JA_SUBJECT = "迷惑メールの判定について"
JA_HEADERS = "Received: from mail.example.jp\r\nX-Note: 日本語のヘッダー値\r\n\r\n"


def load(msg: Msg):
    data = build_msg(msg)
    return source_from_msg(data, "built.msg")


# --- the writer itself -------------------------------------------------------


def test_builder_output_is_valid_cfb_for_olefile() -> None:
    small = {f"s{i}": bytes([i]) * i for i in range(1, 120)}
    tree = {"big": os.urandom(70_000), "sub": {"inner": b"hello", "empty": b""}, **small}
    data = build_cfb(tree)
    ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
    assert ole.openstream("big").read() == tree["big"]
    assert ole.openstream("sub/inner").read() == b"hello"
    assert ole.openstream("sub/empty").read() == b""
    for name, value in small.items():
        assert ole.openstream(name).read() == value
    assert ole.get_type("sub") == olefile.STGTY_STORAGE


def test_builder_writes_difat_for_large_files() -> None:
    # 8 MB needs more than the 109 FAT sectors the header can list.
    payload = b"x" * (8 * 1024 * 1024)
    data = build_cfb({"h": payload})
    assert int.from_bytes(data[0x48:0x4C], "little") > 0  # number of DIFAT sectors
    ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
    assert ole.openstream("h").read() == payload


def test_built_msg_readable_by_olefile() -> None:
    data = build_msg(simple_msg(HEADERS))
    ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
    raw = ole.openstream("__substg1.0_007D001F").read()
    assert raw.decode("utf-16-le") == HEADERS


# --- strings and code pages --------------------------------------------------


def test_unicode_japanese_subject_and_headers() -> None:
    source = load(simple_msg(JA_HEADERS, subject=JA_SUBJECT))
    assert source.properties["subject"] == JA_SUBJECT
    assert source.header_bytes == JA_HEADERS.encode("utf-8")
    assert source.notes == []


@pytest.mark.parametrize(
    ("codepage_prop", "codepage"),
    [(0x3FFD0003, 932), (0x3FDE0003, 932), (0x3FFD0003, 50220)],
)
def test_ansi_japanese_with_code_page(codepage_prop: int, codepage: int) -> None:
    codec = "iso2022_jp" if codepage == 50220 else "cp932"
    msg = simple_msg(
        JA_HEADERS,
        unicode=False,
        ansi_codec=codec,
        subject=JA_SUBJECT,
        extra_props=[(codepage_prop, codepage)],
    )
    source = load(msg)
    assert source.properties["subject"] == JA_SUBJECT
    assert source.header_bytes.decode("utf-8") == JA_HEADERS
    key = "codepage" if codepage_prop == 0x3FFD0003 else "internet_cpid"
    assert source.properties[key] == str(codepage)
    assert source.notes == []


def test_message_code_page_wins_over_internet_cpid() -> None:
    msg = simple_msg(
        None,
        unicode=False,
        ansi_codec="cp932",
        subject=JA_SUBJECT,
        extra_props=[(0x3FFD0003, 932), (0x3FDE0003, 65001)],
    )
    assert load(msg).properties["subject"] == JA_SUBJECT


def test_ansi_cp1252() -> None:
    subject = "Réunion à Zürich – coût €"
    msg = simple_msg(HEADERS, unicode=False, codepage=1252, subject=subject)
    source = load(msg)
    assert source.properties["subject"] == subject
    assert source.header_bytes == HEADERS.encode()


def test_ansi_without_code_page_falls_back_to_cp1252_with_a_note() -> None:
    msg = simple_msg(HEADERS, unicode=False, subject="café")
    source = load(msg)
    assert source.properties["subject"] == "café"
    assert [n.id for n in source.notes] == ["msg-codepage-missing"]


def test_unknown_code_page_never_raises() -> None:
    msg = simple_msg(HEADERS, unicode=False, subject="caf\xe9", extra_props=[(0x3FFD0003, 12345)])
    source = load(msg)
    assert source.properties["subject"] == "café"
    assert source.properties["codepage"] == "12345"
    [note] = source.notes
    assert note.id == "msg-codepage-unknown"
    assert "12345" in render(note.title)


def test_undecodable_bytes_are_replaced_not_raised() -> None:
    # Half a Shift_JIS character at the end, and raw bytes in a stateful codec.
    msg = simple_msg(None, unicode=False, subject=b"\x83e\x83", codepage=932)
    assert load(msg).properties["subject"] == "テ\ufffd"
    msg = simple_msg(None, unicode=False, subject=b"\x1b$B\xff\xfe", codepage=50220)
    assert load(msg).properties["subject"] is not None


def test_ansi_ascii_without_code_page_needs_no_note() -> None:
    source = load(simple_msg(HEADERS, unicode=False))
    assert source.notes == []
    assert source.properties["subject"] == "Test message"


# --- header clean-up ---------------------------------------------------------


@pytest.mark.parametrize("unicode", [True, False])
def test_microsoft_headers_line_and_trailing_nuls_removed(unicode: bool) -> None:
    raw = "Microsoft Mail Internet Headers Version 2.0\r\n" + HEADERS + "\0\0"
    source = load(simple_msg(raw, unicode=unicode, codepage=1252))
    assert source.header_bytes == HEADERS.encode()


def test_lf_line_ends_kept() -> None:
    headers = HEADERS.replace("\r\n", "\n")
    assert load(simple_msg(headers)).header_bytes == headers.encode()


@pytest.mark.parametrize("headers", [None, "", "\0\0", "\r\n  \r\n"])
def test_missing_or_blank_headers_reported_not_invented(headers: str | None) -> None:
    source = load(simple_msg(headers, subject="Draft"))
    assert source.header_bytes == b""
    assert source.properties["has_transport_headers"] == "no"
    assert source.properties["subject"] == "Draft"
    assert source.properties["sent_time"] == "2024-03-27T09:14:48+00:00"
    assert source.notes[0].id == "msg-no-transport-headers"
    assert "Draft" in render(source.notes[0].detail)
    assert "Sender Name <sender@example.com>" in render(source.notes[0].detail)


def test_truncated_streams_inside_a_valid_file() -> None:
    msg = simple_msg(None, extra_props=[(0x3FFD0003, 932)])
    full = build_msg(msg)
    props = bytes(olefile.OleFileIO(io.BytesIO(full)).openstream("__properties_version1.0").read())
    # The property stream cut inside an entry, and a UTF-16 header stream cut mid-character.
    msg.extra["__properties_version1.0"] = props[:-21]
    msg.extra["__substg1.0_007D001F"] = HEADERS.encode("utf-16-le")[:-3]
    source = load(msg)
    assert source.header_bytes == HEADERS[:-2].encode()
    assert source.properties["subject"] == "Test message"
    assert source.properties["codepage"] is None  # its entry was in the cut-off part


def test_huge_headers_5_mb() -> None:
    line = "X-Filler: " + "a" * 88 + "\r\n"
    headers = line * (5 * 1024 * 1024 // len(line)) + "\r\n"
    for unicode in (True, False):
        data = build_msg(simple_msg(headers, unicode=unicode, codepage=1252))
        start = time.perf_counter()
        source = source_from_msg(data, "huge.msg")
        elapsed = time.perf_counter() - start
        assert len(source.header_bytes) == len(headers)
        assert source.header_bytes.endswith(b"\r\n\r\n")
        assert elapsed < 2.0


# --- properties --------------------------------------------------------------


def test_sender_prefers_smtp_over_x500() -> None:
    x500 = "/O=EXCHANGELABS/OU=EXCHANGE ADMINISTRATIVE GROUP/CN=RECIPIENTS/CN=ABC-USER"
    msg = simple_msg(HEADERS, extra_props=[(0x0C1F001F, x500), (0x5D01001F, "user@example.org")])
    assert load(msg).properties["sender_email"] == "user@example.org"
    only_x500 = simple_msg(HEADERS, extra_props=[(0x0C1F001F, x500)])
    assert load(only_x500).properties["sender_email"] == x500


def test_sent_representing_fallback() -> None:
    msg = Msg(
        props={
            0x001A001F: "IPM.Note",
            0x0042001F: "On Behalf",
            0x0065001F: "/O=ORG/CN=X",
            0x5D02001F: "behalf@example.org",
        }
    )
    props = load(msg).properties
    assert props["sender_name"] == "On Behalf"
    assert props["sender_email"] == "behalf@example.org"
    assert props["subject"] is None
    assert props["sent_time"] is None
    assert props["codepage"] is None


def test_zero_filetime_is_no_time() -> None:
    msg = simple_msg(HEADERS, extra_props=[(0x00390040, datetime(1601, 1, 1, tzinfo=UTC))])
    assert load(msg).properties["sent_time"] is None


# --- attachments and embedded messages ---------------------------------------


def _with_attachments() -> Msg:
    inner_inner = simple_msg("Received: from deepest\r\n\r\n", subject="Level 2")
    inner = simple_msg(
        None,
        unicode=False,
        ansi_codec="cp932",
        subject=JA_SUBJECT,
        extra_props=[(0x3FFD0003, 932)],
    )
    inner.attachments.append(Attachment(props={0x3001001F: "deep"}, message=inner_inner))
    outer = simple_msg(HEADERS)
    outer.attachments = [
        Attachment(
            props={
                0x3707001F: "報告書.pdf",
                0x3704001F: "REPORT~1.PDF",
                0x370E001F: "application/pdf",
            },
            data=b"%PDF-1.4\n" + b"0" * 5000,
        ),
        Attachment(props={0x3001001F: "Forwarded"}, message=inner),
        Attachment(props={0x3704001F: "short.txt", 0x0E200003: 1234}, data=b"hi"),
    ]
    return outer


def test_attachment_list() -> None:
    source = load(_with_attachments())
    pdf, forwarded, short = source.attachments
    assert (pdf.name, pdf.mime_type, pdf.size, pdf.is_message, pdf.index) == (
        "報告書.pdf",
        "application/pdf",
        5009,
        False,
        0,
    )
    assert (forwarded.name, forwarded.is_message, forwarded.index) == ("Forwarded", True, 1)
    assert forwarded.size > 0
    # PR_ATTACH_SIZE when present (it counts more than the data stream).
    assert (short.name, short.size, short.is_message) == ("short.txt", 1234, False)


def test_ole_object_attachment_is_not_a_message() -> None:
    msg = simple_msg(HEADERS)
    rows = struct.pack("<IIi4x", 0x37050003, 6, 6)  # PR_ATTACH_METHOD = ATTACH_OLE
    msg.extra["__attach_version1.0_#00000000"] = {
        "__properties_version1.0": b"\0" * 8 + rows,
        "__substg1.0_3001001F": "Bitmap Image".encode("utf-16-le"),
        "__substg1.0_3701000D": {"\x01Ole": b"\1" * 20, "CONTENTS": b"\2" * 300},
    }
    [attachment] = load(msg).attachments
    assert (attachment.name, attachment.is_message, attachment.size) == ("Bitmap Image", False, 320)
    with pytest.raises(LoadError, match="is a file, not an attached message"):
        embedded_source(build_msg(msg), "x.msg", 0)


def test_embedded_message_without_headers_and_nested_levels() -> None:
    data = build_msg(_with_attachments())
    inner = embedded_source(data, "outer.msg", 1)
    assert inner.path == "outer.msg#attachment-1"
    assert inner.properties["subject"] == JA_SUBJECT
    assert inner.header_bytes == b"" == inner.data
    assert inner.notes[0].id == "msg-no-transport-headers"
    assert [a.is_message for a in inner.attachments] == [True]
    deepest = embedded_source(data, "outer.msg", 0, within=[1])
    assert deepest.path == "outer.msg#attachment-1#attachment-0"
    assert deepest.header_bytes == b"Received: from deepest\r\n\r\n"
    assert deepest.properties["subject"] == "Level 2"


def test_embedded_message_inherits_parent_code_page() -> None:
    inner = Msg(props={0x0037001E: JA_SUBJECT.encode("cp932")})
    outer = simple_msg(HEADERS, codepage=932)
    outer.attachments.append(Attachment(message=inner))
    assert embedded_source(build_msg(outer), None, 0).properties["subject"] == JA_SUBJECT


def test_embedded_source_on_a_file_attachment_is_refused() -> None:
    data = build_msg(_with_attachments())
    with pytest.raises(LoadError, match=r"Attachment 0 \(報告書.pdf\) is a file"):
        embedded_source(data, "outer.msg", 0)
    with pytest.raises(LoadError) as err:
        embedded_source(data, "outer.msg", 0)
    assert "添付" in render(err.value.text, "ja")


@pytest.mark.parametrize(
    ("start", "size", "reason"),
    [
        (0x7FFFFFF0, None, "sector index out of range"),
        (None, 6000, "incomplete OLE stream"),
        (None, 0x7FFFFFF0, "larger than the file"),
    ],
)
def test_damaged_attachment_does_not_hide_the_headers(
    start: int | None, size: int | None, reason: str
) -> None:
    data = build_msg(_with_attachments())
    # The long file name stream exists once in the file: only attachment 0 is damaged.
    data = patch_entry(data, "__substg1.0_3707001F", start=start, size=size)
    source = source_from_msg(data, "damaged.msg")
    assert source.header_bytes == HEADERS.encode()
    assert [a.index for a in source.attachments] == [0, 1, 2]
    assert source.attachments[0].name is None
    assert source.attachments[1].is_message
    [note] = source.notes
    assert note.id == "msg-attachment-unreadable"
    assert reason in render(note.detail)


def test_damaged_header_stream_is_a_load_error() -> None:
    data = patch_entry(build_msg(simple_msg(HEADERS)), "__substg1.0_007D001F", start=0x7FFFFFF0)
    with pytest.raises(LoadError, match="truncated or damaged"):
        source_from_msg(data, "damaged.msg")


# --- not a message -----------------------------------------------------------


def test_word_document_is_named() -> None:
    data = build_cfb({"WordDocument": b"\xec\xa5" + b"\0" * 600, "1Table": b"\0" * 100})
    with pytest.raises(LoadError, match=r"OLE file but not an Outlook message \(looks like a Word"):
        source_from_msg(data, "letter.doc")
    with pytest.raises(LoadError) as err:
        source_from_msg(data, "letter.doc")
    assert "Word 文書" in render(err.value.text, "ja")


def test_other_ole_file_is_not_a_message() -> None:
    data = build_cfb({"SomethingElse": b"data"})
    with pytest.raises(LoadError, match="not an Outlook message"):
        source_from_msg(data, "x.bin")


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (b"", "empty"),
        (os.urandom(4096), "not an Outlook .msg"),
        (b"Received: from x\r\n\r\n", "not an Outlook .msg"),
        (bytes.fromhex("D0CF11E0A1B11AE1"), "truncated or damaged"),
        (bytes.fromhex("D0CF11E0A1B11AE1") + os.urandom(5000), "truncated or damaged"),
    ],
)
def test_junk_gives_a_clear_error(data: bytes, match: str) -> None:
    with pytest.raises(LoadError, match=match):
        source_from_msg(data, "junk.msg")
    with pytest.raises(LoadError):
        embedded_source(data, "junk.msg", 0)


def test_errors_in_japanese() -> None:
    with pytest.raises(LoadError) as empty:
        source_from_msg(b"", None)
    assert "空" in render(empty.value.text, "ja")
    with pytest.raises(LoadError) as not_ole:
        source_from_msg(b"not ole", None)
    assert "OLE" in render(not_ole.value.text, "ja")
    # the same error reads in English too, without loading again
    assert render(empty.value.text, "en") == str(empty.value)
    assert render(empty.value.text, "ja") != str(empty.value)
