"""What a submission attaches for a message read from inside another file (issue 17 item 8):
the embedded message of a .msg as a .msg of its own, a bounce's returned original as the
exact bytes the bounce carries. Also the byte-exact MIME walker and the CFB writer below them.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import io
from pathlib import Path

import olefile
import pytest

from fopegui.core.analyze import analyze_path
from fopegui.core.cfb_writer import Node, compound_file, name_key
from fopegui.core.mime_bytes import first_body, leaf_parts
from fopegui.core.model import LoadError
from fopegui.core.msg import embedded_source, is_ole, source_from_msg
from fopegui.core.msg_extract import embedded_msg_file
from fopegui.core.ndr import read_ndr
from fopegui.core.submission import extract_attachment
from fopegui.core.submission_original import draft_for, original_of

DATA = Path(__file__).resolve().parents[1] / "data"
PARENT = DATA / "msg" / "EmailWithMsgAttachment.msg"
BOUNCE = DATA / "submission" / "bounce-rfc822-crlf.eml"
TO = "reports@example.org"


def returned_bytes() -> bytes:
    """The returned original of the fixture, cut out by hand: between the message/rfc822
    part's blank line and the CRLF that belongs to the close delimiter."""
    data = BOUNCE.read_bytes()
    start = data.index(b"Content-Transfer-Encoding: 8bit\r\n\r\n") + len(
        b"Content-Transfer-Encoding: 8bit\r\n\r\n"
    )
    end = data.index(b"\r\n--=_bounce_0001--")
    return data[start:end]


# --- the bounce's returned original ---------------------------------------------------------


def test_fixture_really_is_crlf_folded_and_8bit() -> None:
    original = returned_bytes()
    assert b"\r\n\t" in original and b"\r\n    with four spaces   and trailing blanks   \r\n" in (
        original
    )
    assert not original.isascii() and b"\n" not in original.replace(b"\r\n", b"")


def test_ndr_keeps_the_returned_original_byte_for_byte() -> None:
    info = read_ndr(BOUNCE.read_bytes())
    assert info is not None and info.original_type == "message/rfc822"
    assert info.original == returned_bytes()  # was re-serialised: LF line ends, refolded


def test_draft_of_a_returned_original_attaches_what_the_bounce_carries() -> None:
    report = analyze_path(f"{BOUNCE}#returned-original")
    assert report.error is None
    original = original_of(report)
    assert original.data == returned_bytes() and original.kind == "eml"
    draft = draft_for(report, original, TO)
    assert extract_attachment(draft) == returned_bytes()
    body = email.message_from_bytes(draft, policy=email.policy.default).get_payload()[0]
    text = body.get_content()
    assert hashlib.sha256(returned_bytes()).hexdigest() in text
    assert "bounce-rfc822-crlf.eml returned" in text


def test_headers_only_bounce_says_so() -> None:
    report = analyze_path(f"{DATA / 'samples' / 'ndr-backscatterer.eml'}#returned-original")
    original = original_of(report)
    assert original.headers_only
    text = draft_for(report, original, TO).decode("ascii", "replace")
    assert extract_attachment(draft_for(report, original, TO)) == report.source.data
    assert (
        "headers only"
        in email.message_from_string(text).get_payload()[0].get_payload(decode=True).decode()
    )


# --- the message inside a .msg ---------------------------------------------------------------


def test_embedded_message_becomes_a_msg_of_its_own() -> None:
    parent = PARENT.read_bytes()
    extracted = embedded_msg_file(parent, [0])
    assert is_ole(extracted)
    # Strict olefile: every structural defect raises.
    olefile.OleFileIO(io.BytesIO(extracted), raise_defects=olefile.DEFECT_POTENTIAL).close()
    alone = source_from_msg(extracted, "x.msg")
    inside = embedded_source(parent, str(PARENT), 0)
    assert alone.header_bytes == inside.header_bytes and alone.header_bytes
    assert alone.properties == inside.properties
    assert alone.attachments == inside.attachments
    assert alone.notes == inside.notes == []


def test_draft_of_an_embedded_message_attaches_the_message(tmp_path: Path) -> None:
    report = analyze_path(f"{PARENT}#attachment-0")
    assert report.error is None and len(report.source.data) < 5000  # only header text
    original = original_of(report)
    assert original.kind == "msg" and original.filename == "Msg Attachment Test.msg"
    draft = draft_for(report, original, TO)
    attached = extract_attachment(draft)
    assert attached == original.data and is_ole(attached)  # was the header text
    assert source_from_msg(attached, None).properties["subject"] == "Msg Attachment Test"
    message = email.message_from_bytes(draft, policy=email.policy.default)
    text = message.get_payload()[0].get_content()
    # The size and SHA-256 the letter quotes are those of what is attached.
    assert f"({len(attached)} bytes, SHA-256 {hashlib.sha256(attached).hexdigest()})" in text
    assert "EmailWithMsgAttachment.msg (attachment 1)" in text
    assert message.get_payload()[1].get_content_type() == "application/vnd.ms-outlook"


@pytest.mark.parametrize(("chain", "key"), [([5], "no_attachment"), ([0, 0], "no_attachment")])
def test_missing_attachment_is_a_load_error(chain: list[int], key: str) -> None:
    with pytest.raises(LoadError):
        embedded_msg_file(PARENT.read_bytes(), chain)


def test_a_file_attachment_is_not_a_message() -> None:
    with pytest.raises(LoadError):
        embedded_msg_file((DATA / "msg" / "TxtSampleEmail.msg").read_bytes(), [0])
    with pytest.raises(LoadError):
        embedded_msg_file(b"not ole at all", [0])


# --- the CFB writer ----------------------------------------------------------------------------


def test_compound_file_round_trip_big_small_empty_and_deep() -> None:
    big = bytes(range(256)) * 40  # over the 4096-byte mini-stream cutoff
    root = Node(
        "Root Entry",
        children=[
            Node("small", b"abc"),
            Node("empty", b""),
            Node("big", big),
            Node("sub", children=[Node("inner", b"x" * 5000), Node("deeper", children=[])]),
            *(Node(f"n{i:03d}", bytes([i]) * i) for i in range(60)),
        ],
    )
    data = compound_file(root)
    ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_POTENTIAL)
    assert ole.openstream("small").read() == b"abc"
    assert ole.openstream("empty").read() == b""
    assert ole.openstream("big").read() == big
    assert ole.openstream("sub/inner").read() == b"x" * 5000
    assert all(ole.openstream(f"n{i:03d}").read() == bytes([i]) * i for i in range(60))
    # Every storage's sibling tree is a search tree in [MS-CFB] order.
    for entry in [ole.root, *(e for e in ole.direntries if e and e.kids)]:
        _check_tree(ole, entry.sid_child, None, None)
    ole.close()


def test_compound_file_with_a_difat_sector() -> None:
    """Over 109 FAT sectors (about 7 MB) the FAT's locations continue in DIFAT sectors."""
    payload = b"\x5a" * (8 * 2**20)
    data = compound_file(Node("Root Entry", children=[Node("large", payload)]))
    ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_POTENTIAL)
    assert ole.openstream("large").read() == payload
    ole.close()


def _check_tree(ole, sid, low, high) -> None:
    if sid == olefile.NOSTREAM:
        return
    entry = ole.direntries[sid]
    key = name_key(entry.name)
    assert (low is None or low < key) and (high is None or key < high)
    _check_tree(ole, entry.sid_left, low, key)
    _check_tree(ole, entry.sid_right, key, high)


# --- the MIME walker -----------------------------------------------------------------------------


def test_leaf_parts_are_exact_slices() -> None:
    data = (
        b'Content-Type: multipart/mixed; boundary="o"\r\n\r\npreamble\r\n--o\r\n'
        b'Content-Type: multipart/alternative; boundary="i"\r\n\r\n--i\r\n'
        b"Content-Type: text/plain\r\n\r\nline 1\nline 2\r\n\r\n--i--\r\n--o\r\n"
        b"Content-Type: message/rfc822\r\n\r\nSubject: x\n\n8bit \xe2\x82\xac\r\n--o--\r\nepilogue"
    )
    parts = list(leaf_parts(data))
    assert [p.content_type for p in parts] == ["text/plain", "message/rfc822"]
    assert parts[0].body == b"line 1\nline 2\r\n"
    assert first_body(data, "message/rfc822") == b"Subject: x\n\n8bit \xe2\x82\xac"
    assert first_body(data, "image/png") is None


def test_leaf_parts_of_a_plain_message_and_a_truncated_multipart() -> None:
    assert [p.body for p in leaf_parts(b"Subject: x\r\n\r\nbody")] == [b"body"]
    truncated = b'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: a/b\n\nrest'
    assert [p.body for p in leaf_parts(truncated)] == [b"rest"]


def test_leaf_parts_decode_base64() -> None:
    data = (
        b'Content-Type: multipart/report; boundary="b"\r\n\r\n--b\r\n'
        b"Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        b"U3ViamVjdDogeA0KDQp5\r\n--b--\r\n"
    )
    assert first_body(data, "message/rfc822") == b"Subject: x\r\n\r\ny"


def test_free_directory_entries_point_nowhere() -> None:
    """[MS-CFB] §2.6.3: unused entries carry NOSTREAM pointers (zero would name the root;
    the compoundfiles reader warns about exactly that)."""
    import struct

    data = compound_file(Node("Root Entry", children=[Node("a", b"1"), Node("b", b"2")]))
    first_dir = struct.unpack_from("<I", data, 48)[0]
    sector = data[512 + first_dir * 512 : 512 + (first_dir + 1) * 512]
    entries = [sector[i : i + 128] for i in range(0, 512, 128)]
    assert [e[66] for e in entries] == [5, 2, 2, 0]  # root, two streams, one free
    assert struct.unpack_from("<III", entries[3], 68) == (olefile.NOSTREAM,) * 3
