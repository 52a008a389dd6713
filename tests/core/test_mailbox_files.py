"""A mailbox file where one message is expected: an mbox of several messages is read as its
first message and says so (with the way to read them all); a .pst is refused with that way;
:func:`containers.mailbox_file` tells the desktop app which files to open as mailboxes."""

from __future__ import annotations

import mailbox
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fopegui.core import containers, mbox
from fopegui.core.analyze import analyze_path, analyze_text
from fopegui.core.model import LoadError
from fopegui.core.source import load_bytes
from fopegui.core.texts import render
from tests import pstbuilder

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
FROM_LINE = b"From sender@example.org Mon Jan  1 00:00:00 2024\n"


def _message(subject: str) -> bytes:
    return f"From: a@example.org\nSubject: {subject}\n\nbody\n".encode()


def _mbox(*subjects: str) -> bytes:
    return b"".join(FROM_LINE + _message(s) + b"\n" for s in subjects)


@pytest.mark.parametrize("count", [1, 2, 3, 17])
def test_message_count_is_what_the_standard_library_reads(tmp_path: Path, count: int) -> None:
    data = _mbox(*(f"message {n}" for n in range(count)))
    path = tmp_path / "box.mbox"
    path.write_bytes(data)
    assert mbox.message_count(data) == count == len(mailbox.mbox(path, create=False))
    assert mbox.holds_several(path) is (count > 1)


def test_message_count_of_a_message_without_a_from_line_is_zero() -> None:
    assert mbox.message_count(_message("plain")) == 0
    assert mbox.message_count(b"") == 0


@pytest.mark.parametrize("block", [1, 2, 5, 6, 7, 11, 64, 1 << 20])
def test_holds_several_finds_a_from_line_across_read_blocks(tmp_path: Path, block: int) -> None:
    two = tmp_path / "two.mbox"
    two.write_bytes(_mbox("first", "second"))
    one = tmp_path / "one.eml"
    one.write_bytes(FROM_LINE + _message("From: only a header") + b">From quoted\n")
    plain = tmp_path / "plain.eml"
    plain.write_bytes(_message("From here"))
    assert mbox.holds_several(two, block=block)
    assert not mbox.holds_several(one, block=block)
    assert not mbox.holds_several(plain, block=block)


def test_mailbox_file_by_content_not_by_name(tmp_path: Path) -> None:
    several = tmp_path / "saved.eml"  # an mbox, whatever its name says
    several.write_bytes(_mbox("first", "second"))
    single = tmp_path / "export.mbox"  # one message saved with its From line: a message
    single.write_bytes(_mbox("only"))
    plain = tmp_path / "message.mbox"
    plain.write_bytes(_message("plain"))
    pst = pstbuilder.write_pst(tmp_path / "mail.bin", pstbuilder.personal_folders())
    assert containers.mailbox_file(several) == "mbox"
    assert containers.mailbox_file(pst) == "pst"
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # nobody writes to it: opening it would wait for ever
    for path in (single, plain, tmp_path, tmp_path / "missing.mbox", f"{several}#2", fifo):
        assert containers.mailbox_file(path) is None


def test_an_mbox_is_read_as_its_first_message_and_says_how_many(tmp_path: Path) -> None:
    path = tmp_path / "inbox.mbox"
    path.write_bytes(_mbox("first one", "second", "third"))
    report = analyze_path(str(path))
    assert report.error is None and report.summary["subject"] == "first one"
    note = next(f for f in report.findings if f.id == "mbox-several-messages")
    assert note.severity == "warning"
    assert render(note.title, "en") == "An mbox of 3 messages: only the first is analysed"
    assert "fopegui-cli triage FILE" in render(note.detail, "en")
    ja = "3 通のメッセージを含む mbox: 解析したのは最初の 1 通だけです"
    assert render(note.title, "ja") == ja
    assert "fopegui-cli triage FILE" in render(note.detail, "ja")
    pasted = analyze_text(path.read_text())  # pasted: the same note, no file name needed
    assert [f.params for f in pasted.findings if f.id == note.id] == [{"count": 3}]


def test_a_message_with_its_own_from_line_has_no_such_note(tmp_path: Path) -> None:
    sample = (SAMPLES / "eop-spam-authfail.eml").read_bytes()
    src = load_bytes(FROM_LINE + sample, str(tmp_path / "saved.eml"))
    assert src.notes == []
    assert load_bytes(sample, "plain.eml").notes == []


def test_a_pst_is_refused_with_the_way_to_read_it(tmp_path: Path) -> None:
    pst = pstbuilder.write_pst(tmp_path / "archive.pst", pstbuilder.personal_folders())
    with pytest.raises(LoadError) as caught:
        load_bytes(pst.read_bytes(), str(pst))
    assert render(caught.value.text, "en") == (
        "archive.pst is an Outlook .pst/.ost mailbox, not one message. fopegui-cli triage (in "
        "the app: File ▸ Open folder / mailbox…) reads the messages inside it."
    )
    assert "fopegui-cli triage" in render(caught.value.text, "ja")
    done = subprocess.run(
        [sys.executable, "-m", "fopegui.cli", "analyze", str(pst)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert "archive.pst is an Outlook .pst/.ost mailbox" in done.stderr


def test_holds_several_within_a_limit_says_when_it_cannot_tell(tmp_path: Path) -> None:
    long_first = tmp_path / "long.mbox"
    long_first.write_bytes(FROM_LINE + _message("big") + b"x" * 10_000 + b"\n\n" + _mbox("2nd"))
    short_first = tmp_path / "short.mbox"
    short_first.write_bytes(_mbox("first", "second"))
    single = tmp_path / "single.mbox"
    single.write_bytes(_mbox("only"))
    assert mbox.holds_several(long_first, block=1024, within=4096) is None
    assert mbox.holds_several(long_first, block=1024) is True  # no limit: read to the 2nd
    assert mbox.holds_several(short_first, block=1024, within=4096) is True
    assert mbox.holds_several(single, block=1024, within=4096) is False


def test_the_window_reads_only_the_start_of_a_first_message(tmp_path: Path, monkeypatch) -> None:
    """A dropped file is classified on the GUI thread: past a few MB of a first message it is
    opened as a mailbox without reading on (triage shows a single message as one row)."""
    monkeypatch.setattr(containers, "_LOOK_MAX", 8192)
    huge_single = tmp_path / "saved"
    huge_single.write_bytes(FROM_LINE + _message("attachment") + b"A" * 100_000 + b"\n")
    small_single = tmp_path / "small"
    small_single.write_bytes(_mbox("only"))
    assert containers.mailbox_file(huge_single) == "mbox"
    assert containers.mailbox_file(small_single) is None
