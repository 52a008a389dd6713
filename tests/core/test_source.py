"""Loading: kinds from content, original bytes and sha256 kept, clear errors."""

from __future__ import annotations

import hashlib
import os

import pytest

from fopegui.core.model import LoadError
from fopegui.core.source import load_bytes, load_path, load_text


def test_eml_bytes_kept(samples):
    path = samples / "fope-ham-bigfish.eml"
    data = path.read_bytes()
    src = load_path(path)
    assert src.kind == "eml"
    assert src.data == data
    assert src.sha256 == hashlib.sha256(data).hexdigest()
    assert src.size == len(data)
    assert (
        src.header_bytes.startswith(b"Received:") and b"Sample message body" not in src.header_bytes
    )


def test_kind_from_content_not_extension(tmp_path, samples):
    disguised = tmp_path / "really-an-eml.msg"
    disguised.write_bytes((samples / "fope-ham-bigfish.eml").read_bytes())
    assert load_path(disguised).kind == "eml"
    text = tmp_path / "headers.txt"
    text.write_bytes(b"Subject: pasted\n")
    assert load_path(text).kind == "text"


def test_pasted_text_and_utf16(tmp_path):
    assert load_text("\n\nReceived: from a by b; Mon, 1 Jan 2026 00:00:00 +0000\n").kind == "text"
    notepad = tmp_path / "h.txt"
    notepad.write_bytes("Subject: 件名\r\n".encode("utf-16"))
    src = load_path(notepad)
    assert src.header_bytes == "Subject: 件名".encode()
    assert src.data == notepad.read_bytes()  # the file's own bytes stay untouched


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"PK\x03\x04rest", "ZIP"),
        (b"\x00\x01\x02binary", "binary"),
        (b"Dear friend,\nthis is just prose.\n", "does not start with e-mail headers"),
    ],
)
def test_not_a_message(data, message):
    with pytest.raises(LoadError, match=message):
        load_bytes(data, "/x/input.eml")


def test_missing_and_folder(tmp_path):
    with pytest.raises(LoadError, match="does not exist"):
        load_path(tmp_path / "nope.eml")
    with pytest.raises(LoadError, match="folder"):
        load_path(tmp_path)


def test_mbox_from_line(tmp_path):
    path = tmp_path / "m.eml"
    path.write_bytes(b"From someone@example.org Mon Jan  1 00:00:00 2026\nSubject: s\n\nb\n")
    assert load_path(path).header_bytes == b"Subject: s"


def test_a_regular_file_that_grew_since_its_size_was_taken_is_read_to_its_end(
    tmp_path, monkeypatch
) -> None:
    from fopegui.core import source

    grown = tmp_path / "grown.eml"
    grown.write_bytes(b"Subject: s\n\n" + b"x" * 300_000)
    fd = os.open(grown, os.O_RDONLY)
    try:  # the size as it was before the file grew: the first read is not its end
        assert source._read_regular(fd, 100, grown) == grown.read_bytes()
    finally:
        os.close(fd)
    monkeypatch.setattr(source, "MAX_BYTES", 200_000)
    fd = os.open(grown, os.O_RDONLY)
    try:  # grown past the limit since: refused as a stream past it is
        with pytest.raises(LoadError, match="more than"):
            source._read_regular(fd, 100, grown)
    finally:
        os.close(fd)
