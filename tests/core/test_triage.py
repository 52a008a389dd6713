"""Mailbox triage (core.triage, core.mbox, core.pst): the rows are analyze's verdict, an mbox
splits as the standard library splits it, damaged messages become error rows, the process
pool gives the same rows as one process, and .pst files are read through libpff."""

from __future__ import annotations

import mailbox
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fopegui.core import mbox, pst, triage
from fopegui.core.analyze import analyze_bytes, analyze_path
from fopegui.core.report import to_dict

DATA = Path(__file__).resolve().parent.parent / "data"
SAMPLES = sorted((DATA / "samples").glob("*.eml"))
SHAPES = sorted((DATA / "shapes").glob("*.eml"))
MSGS = sorted((DATA / "msg").glob("*.msg"))
PST = DATA / "pst" / "dist-list.pst"


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
        if method in triage.multiprocessing.get_all_start_methods():
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


# --- PST ----------------------------------------------------------------------------------------


def test_pst_items_that_are_not_mail_are_skipped() -> None:
    assert pst.available()  # the test extra installs libpff-python
    assert triage.container_kind(PST) == "pst"
    walked = list(pst._folders(_open_pst(), ()))
    names = ["/".join(p) for p, _ in walked]
    assert "Top of Personal Folders/Contacts" in names
    assert "Top of Personal Folders/Junk E-mail" in names
    assert list(pst.messages(PST)) == []  # a distribution list, a contact, an appointment
    assert list(triage.triage([PST], jobs=1)) == []
    missing = analyze_path(f"{PST}#Top of Personal Folders/Inbox/1")
    assert missing.error is not None and "Inbox/1" in str(missing.error.render("en"))


def _open_pst():
    import pypff

    handle = pypff.file()
    handle.open(str(PST))
    return handle.root_folder


def test_without_libpff_a_pst_is_a_row_that_says_how_to_install_it() -> None:
    code = (
        "import sys; sys.modules['pypff'] = None\n"  # what Python does for a missing package
        "from fopegui.core import triage\n"
        f"rows = list(triage.triage([{str(PST)!r}], jobs=1))\n"
        "print(rows[0][1])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONPATH": str(DATA.parent.parent)})
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
