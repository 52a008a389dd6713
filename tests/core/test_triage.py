"""Mailbox triage (core.triage, core.mbox, core.pst): the rows are analyze's verdict, an mbox
splits as the standard library splits it, damaged messages become error rows, the process
pool gives the same rows as one process, and .pst files (built by tests/pstbuilder.py) are
read through libpff."""

from __future__ import annotations

import mailbox
import multiprocessing
import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from fopegui.core import containers, mbox, pst, triage
from fopegui.core.analyze import analyze_bytes, analyze_path
from fopegui.core.report import to_dict
from tests import pstbuilder

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLES = sorted((DATA / "samples").glob("*.eml"))
SHAPES = sorted((DATA / "shapes").glob("*.eml"))
MSGS = sorted((DATA / "msg").glob("*.msg"))


def _without_from_line(data: bytes) -> bytes:
    """A message as an mbox stores it: its own From line (if any) becomes the separator."""
    return data.split(b"\n", 1)[1] if data.startswith(b"From ") else data


def _mbox_bytes(messages: list[bytes]) -> bytes:
    """An mbox as mailbox.mbox writes one: From lines, body From lines quoted, blank line."""
    out = []
    for data in messages:
        body = data.replace(b"\nFrom ", b"\n>From ")
        out.append(b"From sender@example.org Mon Jan  1 00:00:00 2024\n" + body)
        out.append(b"\n" if body.endswith(b"\n") else b"\n\n")
    return b"".join(out)


@pytest.fixture
def sample_mbox(tmp_path: Path) -> tuple[Path, list[bytes]]:
    messages = [_without_from_line(p.read_bytes()) for p in SAMPLES + SHAPES]
    messages.append(b"Subject: a body line\n\nFrom here on the body\nFrom: not a header\n")
    path = tmp_path / "inbox.mbox"
    path.write_bytes(_mbox_bytes(messages))
    return path, messages


# --- mbox -------------------------------------------------------------------------------------


@pytest.mark.parametrize("block", [5, 7, 64, 4096, 1 << 20])
def test_mbox_splits_as_the_standard_library_does(sample_mbox, block: int) -> None:
    path, _ = sample_mbox
    box = mailbox.mbox(path, create=False)
    expected = [box.get_bytes(key) for key in box.iterkeys()]
    with open(path, "rb") as handle:
        spans = list(mbox._scan(handle, block))
        ours = [mbox.read_span(handle, span) for span in spans]
    assert len(ours) == len(expected) > len(SAMPLES)
    assert ours == expected


def test_mbox_edge_cases_match_the_standard_library(tmp_path: Path) -> None:
    cases = {
        "no-final-newline": b"From a\nSubject: x\n\nbody",
        "crlf": b"From a\r\nSubject: x\r\n\r\nbody\r\n\r\nFrom b\r\nSubject: y\r\n\r\n",
        "empty-message": b"From a\nFrom b\nSubject: y\n\n",
        "blank-lines": b"From a\nSubject: x\n\n\n\n\nFrom b\nSubject: y\n\n\n",
        "from-line-last": b"From a\nSubject: x\n\nFrom b",
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        box = mailbox.mbox(path, create=False)
        expected = [box.get_bytes(key) for key in box.iterkeys()]
        for block in (3, 6, 1 << 20):
            with open(path, "rb") as handle:
                spans = list(mbox._scan(handle, block))
                ours = [mbox.read_span(handle, s) for s in spans]
            assert ours == expected, (name, block)


def test_mbox_message_by_number(sample_mbox) -> None:
    path, messages = sample_mbox
    assert mbox.read_message(path, 3) == messages[2]
    assert mbox.read_message(path, len(messages) + 1) is None
    assert mbox.read_message(path, 0) is None


# --- rows are analyze's verdict -----------------------------------------------------------------


def _expected_verdict(report) -> dict:
    data = to_dict(report)
    verdict, eop, auth = data["verdict"], data["eop"], data["auth"]
    return {
        "from": data["summary"]["from"],
        "subject": data["summary"]["subject"],
        "date": data["summary"]["date"],
        "message_id": data["summary"]["message_id"],
        **{k: verdict[k] for k in ("filter", "direction", "decided_by", "destination", "remedy")},
        "kb_methods": " ".join(map(str, verdict["kb_methods"])),
        **{k: eop[k] for k in ("sfv", "scl", "bcl", "cat", "cip")},
        "country": eop["ctry"],
        **{k: auth[k] for k in ("spf", "dkim", "dmarc", "compauth")},
        "stamp": verdict["stamp"],
        "rule": verdict["rule"],
        "sha256": data["source"]["sha256"],
    }


def test_contract_columns_in_order() -> None:
    assert triage.COLUMNS == (
        "source", "error", "from", "subject", "date", "message_id", "filter", "direction",
        "decided_by", "destination", "remedy", "kb_methods", "sfv", "scl", "bcl", "cat", "cip",
        "country", "spf", "dkim", "dmarc", "compauth",
    )  # fmt: skip
    assert triage.ALL_COLUMNS[: len(triage.COLUMNS)] == triage.COLUMNS


def test_folder_rows_agree_with_analyze(tmp_path: Path) -> None:
    folder = tmp_path / "mail"
    (folder / "sub").mkdir(parents=True)
    for path in SAMPLES + SHAPES:
        (folder / path.name).write_bytes(path.read_bytes())
    for path in MSGS:
        (folder / "sub" / path.name).write_bytes(path.read_bytes())
    (folder / "notes.txt").write_text("not a message")  # not .eml/.msg: not read
    rows = list(triage.triage([folder], jobs=1))
    files = triage.message_files(folder)
    assert [r[0] for r in rows] == files
    assert len(files) == len(SAMPLES) + len(SHAPES) + len(MSGS)
    for row in rows:
        got = triage.as_dict(row)
        expected = _expected_verdict(analyze_path(row[0]))
        assert {k: got[k] for k in expected} == expected, row[0]
        assert got["error"] is None


def test_golden_shape_rows_carry_the_golden_verdict() -> None:
    import json

    golden = json.loads((DATA / "shapes" / "golden.json").read_text(encoding="utf-8"))
    rows = {Path(r[0]).name: triage.as_dict(r) for r in triage.triage([DATA / "shapes"], jobs=1)}
    checked = 0
    for name, want in golden["messages"].items():
        for key in ("filter", "decided_by", "destination", "remedy"):
            if key in want:
                assert rows[name][key] == want[key], (name, key)
                checked += 1
    assert checked > 10


def test_mbox_rows_agree_with_analyze_of_the_same_message(sample_mbox) -> None:
    path, messages = sample_mbox
    rows = list(triage.triage([path], jobs=1))
    assert [r[0] for r in rows] == [f"{path}#{n}" for n in range(1, len(messages) + 1)]
    box = mailbox.mbox(path, create=False)  # the message as stored (body From lines quoted)
    stored = [box.get_bytes(key) for key in box.iterkeys()]
    for row, data in zip(rows, stored, strict=True):
        got = triage.as_dict(row)
        alone = _expected_verdict(analyze_bytes(data, "alone.eml"))
        assert {k: got[k] for k in alone} == alone, row[0]
        # analyze_path reads the same reference: `fopegui-cli analyze inbox.mbox#N`.
        by_reference = analyze_path(row[0])
        assert by_reference.error is None and by_reference.path == row[0]
        assert _expected_verdict(by_reference) == alone


def test_the_process_pool_gives_the_same_rows_in_the_same_order(sample_mbox, tmp_path) -> None:
    path, _ = sample_mbox
    inputs = [DATA / "samples", path, DATA / "msg"]
    one = list(triage.triage(inputs, jobs=1))
    for method in ("fork", "spawn"):
        if method in multiprocessing.get_all_start_methods():
            assert list(triage.triage(inputs, jobs=2, start_method=method)) == one, method


def test_damaged_messages_become_error_rows_and_the_run_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a-good.eml").write_bytes(SAMPLES[0].read_bytes())
    (folder / "b-empty.eml").write_bytes(b"")
    (folder / "c-binary.msg").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (folder / "d-pdf.eml").write_bytes(b"%PDF-1.7\n...")
    (folder / "e-good.eml").write_bytes(SAMPLES[1].read_bytes())
    box = tmp_path / "box.mbox"
    box.write_bytes(b"From a\n\x00\x01binary\n\nFrom b\n" + SAMPLES[2].read_bytes())
    seen = []
    rows = list(triage.triage([folder, tmp_path / "missing", box], jobs=2, progress=seen.append))
    errors = {Path(r[0]).name: r[1] for r in rows if r[1]}
    assert set(errors) == {"b-empty.eml", "c-binary.msg", "d-pdf.eml", "missing", "box.mbox#1"}
    assert all(isinstance(text, str) and text for text in errors.values())
    good = [r for r in rows if not r[1]]
    assert [Path(r[0]).name for r in good] == ["a-good.eml", "e-good.eml", "box.mbox#2"]
    assert all(r[triage.INDEX["rule"]] for r in good)
    assert seen and seen[-1].messages == len(rows) and seen[-1].errors == len(errors)


def test_progress_reaches_the_whole_input_and_cancel_stops(sample_mbox) -> None:
    path, messages = sample_mbox
    seen = []
    rows = list(triage.triage([path], jobs=1, progress=lambda p: seen.append(p.fraction)))
    assert len(rows) == len(messages) and seen[-1] == pytest.approx(1.0)
    assert seen == sorted(seen)
    stopped = list(triage.triage([DATA / "samples"] * 3, jobs=2, cancelled=lambda: True))
    assert 0 < len(stopped) < 3 * len(SAMPLES)


def test_an_empty_folder_says_so(tmp_path: Path) -> None:
    (rows,) = [list(triage.triage([tmp_path], jobs=1))]
    assert len(rows) == 1 and rows[0][0] == str(tmp_path) and ".eml" in rows[0][1]


def test_mbox_is_streamed_not_read_whole(tmp_path: Path) -> None:
    # Linear and bounded: a scan reads block by block; 4× the messages, 4× the spans.
    one = _mbox_bytes([_without_from_line(s.read_bytes()) for s in SAMPLES])
    for times in (1, 4):
        path = tmp_path / f"x{times}.mbox"
        path.write_bytes(one * times)
        spans = list(mbox._scan(open(path, "rb"), 4096))  # noqa: SIM115
        assert len(spans) == times * len(SAMPLES)


def test_csv_cells_never_start_a_formula() -> None:
    row = triage.error_row("a.eml", "x", subject="=HYPERLINK(\"http://x\")", sender="@evil")
    cells = triage.csv_values(row)
    assert cells[triage.INDEX["subject"]].startswith("'=")
    assert cells[triage.INDEX["from"]] == "'@evil"
    assert cells[triage.INDEX["scl"]] == ""


def test_json_line_is_one_line_with_the_column_names() -> None:
    row = triage.error_row("a.eml", "x", subject="one\u2028two")
    line = triage.json_line(row)
    assert "\n" not in line and "\u2028" not in line
    import json

    assert list(json.loads(line)) == list(triage.ALL_COLUMNS)


# --- PST (files built by tests/pstbuilder.py) --------------------------------------------------

TOP = pstbuilder.TOP_OF_PERSONAL_FOLDERS


def _header_text(path: Path) -> str:
    """The header part of a sample (up to and with the blank line) as a PST keeps it: text."""
    data = _without_from_line(path.read_bytes())
    end = re.search(rb"\r?\n\r?\n", data)
    return data[: end.end() if end else len(data)].decode("utf-8", "replace")


def _big_headers() -> str:
    """Transport headers of ~12 KB, as real mail has: more than a heap allocation or a block
    holds, so the builder writes them as a subnode whose data is a tree of blocks."""
    head = _header_text(DATA / "samples" / "eop-ham-pass.eml").rstrip("\r\n") + "\r\n"
    padding = "".join(f"X-Padding-{i:03}: {'abcdefghij' * 7}\r\n" for i in range(120))
    return head + padding + "\r\n"


def _mail(headers: str | None, subject: str = "mail", **kw) -> pstbuilder.Message:
    return pstbuilder.Message(subject=subject, sender_name="Sender Name",
                              sender_email="sender@example.org", headers=headers, **kw)  # fmt: skip


def _contact() -> pstbuilder.Message:
    return pstbuilder.Message("IPM.Contact", subject="A contact", sender_name="Someone")


@pytest.fixture
def mailbox_pst(tmp_path: Path) -> Path:
    """A PST as Outlook lays one out: Inbox with sub folders (one with '/' and '%' in its
    name, one Japanese), Junk E-mail, Contacts, Sent Items with a draft, an NDR."""
    junk, ham = _header_text(SAMPLES[0]), _header_text(DATA / "samples" / "eop-ham-pass.eml")
    ndr = _header_text(DATA / "samples" / "ndr-exchange-spamhaus.eml")
    root = pstbuilder.personal_folders(
        pstbuilder.Folder(
            "Inbox",
            [
                pstbuilder.Folder("Projects/2024 50%", [], [_mail(ham, "in a sub folder")]),
                pstbuilder.Folder(
                    "受信トレイ", [pstbuilder.Folder("深い")], [_mail(ham, "日本語")]
                ),
            ],
            [_mail(ham, "first"), _contact(), _mail(_big_headers(), "big"),
             _mail(ndr, "Undeliverable", message_class="REPORT.IPM.Note.NDR")],
        ),
        pstbuilder.Folder("Junk E-mail", [], [_mail(junk, "junk")]),
        pstbuilder.Folder("Contacts", [], [_contact(), pstbuilder.Message("IPM.DistList")],
                          container_class="IPF.Contact"),
        pstbuilder.Folder("Sent Items", [], [_mail(None, "a sent item"), _mail(" \r\n", "draft")]),
    )
    return pstbuilder.write_pst(tmp_path / "mailbox.pst", root)


def test_pst_builder_writes_what_the_specification_says(mailbox_pst: Path) -> None:
    """libpff checks the header's CRC and the B-tree pages; the rest is checked here: every
    block of the block B-tree has its trailer (size, signature, CRC, BID), the AMap marks
    exactly the blocks and pages written."""
    data = mailbox_pst.read_bytes()
    crc = pstbuilder.crc32
    assert data[:4] == b"!BDN" and data[8:12] == b"SM\x17\x00" and data[513] == 0  # no crypt
    assert struct.unpack_from("<I", data, 4)[0] == crc(data[8:479])
    assert struct.unpack_from("<I", data, 524)[0] == crc(data[8:524])
    eof, amap, free, _, _nbt_bid, nbt_ib, _bbt_bid, bbt_ib = struct.unpack_from("<8Q", data, 184)
    assert eof == len(data) and amap == pstbuilder.FIRST_AMAP

    used = {amap // 64 + i for i in range(16)}  # the AMap and PMap pages

    def page(ib: int, ptype: int) -> list[bytes]:
        assert data[ib + 496] == data[ib + 497] == ptype
        assert struct.unpack_from("<I", data, ib + 500)[0] == crc(data[ib : ib + 496])
        used.update(range(ib // 64, ib // 64 + 8))
        count, _, size, level = data[ib + 488 : ib + 492]
        entries = [data[ib + i * size : ib + (i + 1) * size] for i in range(count)]
        if level == 0:
            return entries
        return [leaf for e in entries for leaf in page(struct.unpack_from("<Q", e, 16)[0], ptype)]

    blocks = page(bbt_ib, 0x80)
    nodes = page(nbt_ib, 0x81)
    assert len(nodes) > 15 and len(blocks) > 20  # both trees have an intermediate level
    internal = set()  # XBLOCK (data tree) and SLBLOCK (subnodes) by their btype
    for entry in blocks:
        bid, ib, cb = struct.unpack_from("<QQH", entry)
        if bid & 2:
            internal.add(data[ib])
        size = -(-(cb + 16) // 64) * 64
        tcb, sig, tcrc, tbid = struct.unpack_from("<HHIQ", data, ib + size - 16)
        assert (tcb, tbid, tcrc) == (cb, bid, crc(data[ib : ib + cb]))
        assert sig == pstbuilder.signature(ib, bid)
        used.update(range(ib // 64, (ib + size) // 64))
    assert internal == {0x01, 0x02}  # the 12 KB headers: a subnode whose data is a tree
    bits = data[amap : amap + 496]
    marked = {amap // 64 + i for i in range(496 * 8) if bits[i // 8] & (0x80 >> i % 8)}
    assert marked == used and free == (496 * 8 - len(marked)) * 64
    nids = {struct.unpack_from("<I", e)[0] for e in nodes}
    assert {0x21, 0x61, 0x122, 0x12D, 0x12E, 0x12F} <= nids


def test_pst_folder_walk_and_references(mailbox_pst: Path) -> None:
    assert pst.available()  # the test extra installs libpff-python
    assert containers.container_kind(mailbox_pst) == "pst"
    import pypff

    handle = pypff.file()
    handle.open(str(mailbox_pst))
    try:
        names = ["/".join(p) for p, _ in pst._folders(handle.root_folder, ())]
    finally:
        handle.close()
    assert names == [
        "", TOP, f"{TOP}/Inbox", f"{TOP}/Inbox/Projects%2F2024 50%25",
        f"{TOP}/Inbox/受信トレイ", f"{TOP}/Inbox/受信トレイ/深い",
        f"{TOP}/Junk E-mail", f"{TOP}/Contacts", f"{TOP}/Sent Items",
    ]  # fmt: skip
    found = list(pst.messages(mailbox_pst))
    assert [(m.ref, m.subject) for m in found] == [
        (f"{TOP}/Inbox/1", "first"),
        (f"{TOP}/Inbox/2", "big"),  # the contact before it is not counted
        (f"{TOP}/Inbox/3", "Undeliverable"),
        (f"{TOP}/Inbox/Projects%2F2024 50%25/1", "in a sub folder"),
        (f"{TOP}/Inbox/受信トレイ/1", "日本語"),
        (f"{TOP}/Junk E-mail/1", "junk"),
        (f"{TOP}/Sent Items/1", "a sent item"),
        (f"{TOP}/Sent Items/2", "draft"),  # headers of white space only: none
    ]
    assert all(m.sender == "Sender Name" for m in found)
    assert found[1].headers == _big_headers().encode() and len(found[1].headers) > 12_000
    assert found[-2].headers is None and found[-1].headers is None
    ham = _header_text(DATA / "samples" / "eop-ham-pass.eml").encode()
    assert pst.read_message(mailbox_pst, f"{TOP}/Inbox/受信トレイ/1").headers == ham
    assert pst.read_message(mailbox_pst, f"{TOP}/Inbox/Projects%2F2024 50%25/1").headers == ham
    assert pst.read_message(mailbox_pst, f"{TOP}/Contacts/1") is None


def test_pst_rows_agree_with_analyze_of_the_same_headers(tmp_path: Path) -> None:
    texts = [_header_text(p) for p in SAMPLES] + [_big_headers()]
    inbox = [_mail(t, f"sample {i}") for i, t in enumerate(texts)]
    inbox.insert(3, _contact())
    path = pstbuilder.write_pst(
        tmp_path / "samples.pst", pstbuilder.personal_folders(pstbuilder.Folder("Inbox", [], inbox))
    )
    rows = list(triage.triage([path], jobs=1))
    assert [r[0] for r in rows] == [f"{path}#{TOP}/Inbox/{n}" for n in range(1, len(texts) + 1)]
    for n, (row, text) in enumerate(zip(rows, texts, strict=True)):
        eml = tmp_path / f"alone-{n}.eml"  # the same headers as a file of their own
        eml.write_bytes(text.encode())
        alone = _expected_verdict(analyze_path(eml))
        got = triage.as_dict(row)
        assert got["error"] is None and {k: got[k] for k in alone} == alone, row[0]
        assert got["kind"] == "text" and got["rule"]
        # `fopegui-cli analyze FILE.pst#Top of Personal Folders/Inbox/N` reads the same item.
        by_reference = analyze_path(row[0])
        assert by_reference.error is None and by_reference.path == row[0]
        assert _expected_verdict(by_reference) == alone
    assert len({r[triage.INDEX["filter"]] for r in rows}) > 2  # the samples differ
    assert list(triage.triage([path], jobs=2)) == rows


def test_pst_items_that_are_not_mail_are_skipped_and_a_draft_is_a_row_that_says_so(
    mailbox_pst: Path,
) -> None:
    rows = [triage.as_dict(r) for r in triage.triage([mailbox_pst], jobs=1)]
    refs = [m.ref for m in pst.messages(mailbox_pst)]
    assert [r["source"] for r in rows] == [f"{mailbox_pst}#{ref}" for ref in refs]
    assert "Contacts" not in " ".join(r["source"] for r in rows)
    *mail, sent, draft = rows
    assert all(r["error"] is None and r["rule"] for r in mail)
    (ndr,) = [r for r in mail if r["source"].endswith(f"{TOP}/Inbox/3")]  # a report is mail
    assert ndr["subject"] == "Undeliverable: Quarterly figures"  # the headers' subject
    assert sent["source"].endswith(f"{TOP}/Sent Items/1")
    assert "no transport headers" in sent["error"] and "Sent Items/1" in sent["error"]
    assert (sent["subject"], sent["from"]) == ("a sent item", "Sender Name")
    assert "no transport headers" in draft["error"] and draft["source"].endswith("Items/2")
    report = analyze_path(sent["source"])
    assert report.error is not None and "no transport headers" in report.error.render("en")
    missing = analyze_path(f"{mailbox_pst}#{TOP}/Contacts/1")  # a contact is no message
    assert missing.error is not None and "Contacts/1" in str(missing.error.render("en"))


def _damage_item(data: bytes, subject: str) -> bytes:
    """The item whose subject is ``subject`` with its heap's signature (0xEC) broken."""
    out = bytearray(data)
    at = data.index(subject.encode("utf-16-le"))
    at -= at % 64
    while data[at + 2 : at + 4] != bytes([0xEC, pstbuilder.HN_TYPE_PC]):
        at -= 64  # back to the start of the block: blocks start on 64-byte boundaries
    out[at + 2] = 0
    return bytes(out)


def test_a_damaged_pst_is_an_error_row_and_the_run_goes_on(tmp_path: Path) -> None:
    texts = [_header_text(p) for p in SAMPLES[:3]]
    inbox = pstbuilder.Folder("Inbox", [], [_mail(t, f"item {i}") for i, t in enumerate(texts)])
    data = pstbuilder.build_pst(pstbuilder.personal_folders(inbox))
    cut, header, item, good = (tmp_path / f"{n}.pst" for n in ("cut", "header", "item", "good"))
    cut.write_bytes(data[: len(data) // 2])  # the B-tree pages are at the end: gone
    header.write_bytes(data[:100] + bytes([data[100] ^ 0xFF]) + data[101:])  # CRC mismatch
    item.write_bytes(_damage_item(data, "item 1"))
    good.write_bytes(data)
    seen = []
    rows = list(triage.triage([cut, header, item, good], jobs=2, progress=seen.append))
    sources = [r[0] for r in rows]
    inbox_refs = [f"{TOP}/Inbox/{n}" for n in (1, 2, 3)]
    assert sources == [
        str(cut), str(header), f"{item}#{inbox_refs[0]}", str(item),  # the item read before
        *(f"{good}#{ref}" for ref in inbox_refs),
    ]  # fmt: skip
    errors = [r[1] for r in rows]
    assert all("cannot be read as an Outlook data file" in e for e in errors[:2] + errors[3:4])
    assert errors[2] is None and errors[4:] == [None] * 3
    assert seen[-1].fraction == pytest.approx(1.0)
    report = analyze_path(f"{item}#{inbox_refs[1]}")
    assert report.error is not None and "Outlook data file" in report.error.render("en")


def test_without_libpff_a_pst_is_a_row_that_says_how_to_install_it(mailbox_pst: Path) -> None:
    code = (
        "import sys; sys.modules['pypff'] = None\n"  # what Python does for a missing package
        "from fopegui.core import triage\n"
        f"rows = list(triage.triage([{str(mailbox_pst)!r}], jobs=1))\n"
        "print(len(rows), rows[0][0] == " f"{str(mailbox_pst)!r}" ", rows[0][1])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONPATH": str(DATA.parent.parent)})
    assert out.stdout.startswith("1 True ")
    assert "libpff-python" in out.stdout and "fopegui[pst]" in out.stdout


def test_pst_folder_names_split_back_exactly() -> None:
    assert pst._escape("a/b%c") == "a%2Fb%25c"


def test_an_mbox_that_goes_away_during_the_run_becomes_error_rows(sample_mbox) -> None:
    path, _ = sample_mbox
    the_plan = triage.plan([path])
    spans = tuple(mbox.spans(path))[:3]
    path.unlink()  # after the plan: the scan and the workers find it gone
    (task,) = list(triage.tasks(the_plan))
    assert task.kind == "rows" and task.items[0][1]
    rows = triage.run_task(triage.Task("mbox", spans, 0, str(path)))
    assert [r[0] for r in rows] == [f"{path}#{s.number}" for s in spans]
    assert all(r[1] for r in rows)
