"""fopegui.core.msg on the real Outlook files in tests/data/msg (MSGReader test files, MIT)."""

from __future__ import annotations

import hashlib
from email.parser import BytesHeaderParser
from email.policy import compat32
from pathlib import Path

import pytest

from fopegui.core.model import LoadError
from fopegui.core.msg import embedded_source, is_ole, source_from_msg
from fopegui.core.texts import render

MSG = Path(__file__).resolve().parent.parent / "data" / "msg"
PROPERTY_KEYS = {
    "subject",
    "sender_name",
    "sender_email",
    "sent_time",
    "received_time",
    "message_class",
    "codepage",
    "internet_cpid",
    "has_transport_headers",
    "to",  # recipients: "Name <address>; …" by kind
    "cc",
    "bcc",
}


def load(name: str):
    data = (MSG / name).read_bytes()
    return data, source_from_msg(data, str(MSG / name))


def header_names(header_bytes: bytes) -> list[str]:
    return BytesHeaderParser(policy=compat32).parsebytes(header_bytes).keys()


@pytest.mark.parametrize(
    "name",
    [
        "EmailWithMsgAttachment.msg",
        "EmailWithSpecialCharsInSubject.msg",
        "TxtSampleEmail.msg",
        "RtfWithShortRussianString.msg",
    ],
)
def test_every_real_file_loads_with_bytes_untouched(name: str) -> None:
    data, source = load(name)
    assert is_ole(data)
    assert source.kind == "msg"
    assert source.data is data
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    assert set(source.properties) == PROPERTY_KEYS
    assert b"\0" not in source.header_bytes
    assert not source.header_bytes.lower().startswith(b"microsoft mail internet headers")


def test_unicode_message_with_eop_headers() -> None:
    _, source = load("EmailWithMsgAttachment.msg")
    names = header_names(source.header_bytes)
    assert names[0] == "Received"
    assert "X-Forefront-Antispam-Report" in names
    assert "X-Microsoft-Antispam" in names
    assert source.properties == {
        "subject": "FW: Msg Attachment Test",
        "sender_name": "Daniel Triendl",
        # The SMTP address, not the Exchange X500 DN in PR_SENDER_EMAIL_ADDRESS.
        "sender_email": "d.triendl@cp-solutions.at",
        "sent_time": "2025-07-22T12:15:09+00:00",
        "received_time": "2025-07-22T12:15:10+00:00",
        "message_class": "IPM.Note",
        "codepage": "1252",
        "internet_cpid": "65001",
        "has_transport_headers": "yes",
        "to": "Daniel Triendl <d.triendl@cp-solutions.at>",
        "cc": None,
        "bcc": None,
    }
    assert source.notes == []
    [attachment] = source.attachments
    assert attachment.is_message
    assert attachment.index == 0
    assert attachment.name == "Msg Attachment Test"
    assert attachment.size > 0


def test_embedded_message_opens_and_has_its_own_headers() -> None:
    data, parent = load("EmailWithMsgAttachment.msg")
    inner = embedded_source(data, "mail.msg", 0)
    assert inner.kind == "msg"
    assert inner.path == "mail.msg#attachment-0"
    assert inner.data == inner.header_bytes
    assert inner.sha256 == hashlib.sha256(inner.header_bytes).hexdigest()
    assert inner.properties["subject"] == "Msg Attachment Test"
    assert inner.properties["sent_time"] == "2025-07-22T12:14:13+00:00"
    assert inner.properties["has_transport_headers"] == "yes"
    assert "X-Forefront-Antispam-Report" in header_names(inner.header_bytes)
    assert inner.header_bytes != parent.header_bytes
    assert inner.attachments == []


def test_ansi_subject_decoded_with_the_message_code_page() -> None:
    _, source = load("EmailWithSpecialCharsInSubject.msg")
    props = source.properties
    assert props["subject"] == (
        "Un sujet bien défini Àéroport mañana être ouïe électricité così próxima à Ô"
    )
    assert props["codepage"] == "1252"
    assert props["internet_cpid"] == "28591"
    assert props["sender_email"] == "Julie.Clarebots@qbere.com"
    assert header_names(source.header_bytes)[:2] == ["Received", "Authentication-Results"]
    assert source.notes == []


def test_on_premises_headers() -> None:
    _, source = load("TxtSampleEmail.msg")
    text = source.header_bytes.decode()
    assert text.startswith("Received: from PIFMBX04.Leeds.gov.uk")
    assert "X-Forefront-Antispam-Report" not in header_names(source.header_bytes)
    assert source.properties["sender_name"] == "Wilson, Chris"
    assert source.properties["sender_email"] == "Chris.Wilson@leeds.gov.uk"
    assert source.properties["subject"] == "TxtSampleEmail"


def test_message_without_transport_headers_says_so_and_invents_nothing() -> None:
    _, source = load("RtfWithShortRussianString.msg")
    assert source.header_bytes == b""
    assert source.properties["has_transport_headers"] == "no"
    assert source.properties["message_class"] == "IPM.Note"
    assert source.properties["received_time"] == "2023-10-04T13:28:39+00:00"
    assert source.properties["sender_email"] is None
    [note] = source.notes
    assert note.id == "msg-no-transport-headers"
    assert note.severity == "warning"
    assert "IPM.Note" in render(note.detail)
    assert "2023-10-04T13:28:39+00:00" in render(note.detail)


def test_notes_in_japanese() -> None:
    _, source = load("RtfWithShortRussianString.msg")
    [note] = source.notes
    assert "ヘッダー" in render(note.title, "ja")
    assert "（なし）" in render(note.detail, "ja")


def test_embedded_source_rejects_bad_indices() -> None:
    data, _ = load("EmailWithMsgAttachment.msg")
    with pytest.raises(LoadError, match="no attachment number 1"):
        embedded_source(data, "x.msg", 1)
    with pytest.raises(LoadError, match="no attachment number -1"):
        embedded_source(data, "x.msg", -1)
    plain = (MSG / "TxtSampleEmail.msg").read_bytes()
    with pytest.raises(LoadError, match="no attachment number 0"):
        embedded_source(plain, "x.msg", 0)


def test_is_ole() -> None:
    assert is_ole(bytes.fromhex("D0CF11E0A1B11AE1") + b"rest")
    assert not is_ole(b"")
    assert not is_ole(b"Received: from x\r\n")
    assert not is_ole(bytes.fromhex("D0CF11E0A1B11A"))
