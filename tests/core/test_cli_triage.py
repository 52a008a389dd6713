"""`fopegui-cli triage`: the contract's columns, formats, --out, exit statuses (CONTRACT.md)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from fopegui.cli import main
from fopegui.core import triage

DATA = Path(__file__).resolve().parent.parent / "data"


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(["triage", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_csv_has_the_contract_columns_first(capsys) -> None:
    status, out, err = run(capsys, "--jobs", "1", str(DATA / "samples"))
    assert status == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert tuple(rows[0][: len(triage.COLUMNS)]) == triage.COLUMNS
    assert len(rows) == 1 + len(list((DATA / "samples").glob("*.eml")))
    by_name = {Path(r[0]).name: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    custom = by_name["fope-spam-customspam.eml"]
    assert (custom["decided_by"], custom["remedy"], custom["kb_methods"]) == (
        "asf", "kb_method_1", "1")  # fmt: skip
    assert by_name["eop-bulk-bcl.eml"]["bcl"] and by_name["eop-bulk-bcl.eml"]["error"] == ""


def test_jsonl_rows_carry_every_column_and_null_for_missing(capsys) -> None:
    status, out, _ = run(capsys, "--format", "jsonl", "--jobs", "2", str(DATA / "samples"))
    assert status == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert all(list(line) == list(triage.ALL_COLUMNS) for line in lines)
    assert any(line["scl"] is None for line in lines)  # missing → null, never omitted
    assert all(isinstance(line["scl"], int) for line in lines if line["scl"] is not None)


def test_unreadable_messages_give_status_1_and_their_rows(capsys, tmp_path) -> None:
    (tmp_path / "bad.eml").write_bytes(b"\x00\x01\x02")
    (tmp_path / "good.eml").write_bytes((DATA / "samples" / "eop-ham-pass.eml").read_bytes())
    status, out, err = run(capsys, "--format", "jsonl", str(tmp_path))
    assert status == 1
    lines = {Path(line["source"]).name: line for line in map(json.loads, out.splitlines())}
    assert lines["bad.eml"]["error"] and lines["good.eml"]["error"] is None
    assert "bad.eml" in err


def test_out_writes_the_file_and_never_an_input(capsys, tmp_path) -> None:
    target = tmp_path / "rows.csv"
    status, out, _ = run(capsys, "--out", str(target), str(DATA / "samples"))
    assert status == 0 and out == ""
    assert target.read_text(encoding="utf-8").startswith("source,error,from,")
    message = tmp_path / "one.eml"
    message.write_bytes(b"Subject: x\n\nbody\n")
    status, _, err = run(capsys, "--out", str(message), str(message))
    assert status == 2 and "never overwritten" in err
    assert message.read_bytes() == b"Subject: x\n\nbody\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_usage_errors_exit_2() -> None:
    for args in (["triage"], ["triage", "--jobs", "0", "x"], ["triage", "--format", "xml", "x"]):
        proc = subprocess.run([sys.executable, "-m", "fopegui.cli", *args],
                              capture_output=True, text=True, timeout=60)  # fmt: skip
        assert proc.returncode == 2, (args, proc.stderr)


def test_a_row_agrees_with_analyze_of_its_source(capsys, tmp_path) -> None:
    box = tmp_path / "box.mbox"
    sample = (DATA / "samples" / "eop-spam-authfail.eml").read_bytes()
    box.write_bytes(b"From a@b Mon Jan  1 00:00:00 2024\n" + sample + b"\n")
    _, out, _ = run(capsys, "--format", "jsonl", str(box))
    (row,) = map(json.loads, out.splitlines())
    assert row["source"] == f"{box}#1"
    status = main(["analyze", "--format", "json", row["source"]])
    report = json.loads(capsys.readouterr().out)
    assert status == 0
    for key in ("decided_by", "destination", "remedy", "filter", "direction"):
        assert row[key] == report["verdict"][key], key
    assert row["sha256"] == report["source"]["sha256"]


def test_analyze_over_many_files_keeps_input_order_on_all_cores(capsys, tmp_path) -> None:
    from fopegui.commands import analyze

    samples = sorted((DATA / "samples").glob("*.eml"))
    names = []
    for i in range(analyze.PARALLEL_MIN_FILES + 5):  # enough to take the parallel path
        path = tmp_path / f"{i:03d}-{samples[i % len(samples)].name}"
        path.write_bytes(samples[i % len(samples)].read_bytes())
        names.append(str(path))
    (tmp_path / "999-broken.eml").write_bytes(b"\x00\x01")
    names.append(str(tmp_path / "999-broken.eml"))
    status = main(["analyze", "--format", "jsonl", str(tmp_path)])
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    assert status == 1 and "999-broken.eml" in err
    assert [line["source"]["path"] for line in lines] == names
    for line in lines[:3]:  # each the same report as analyzing the file alone
        main(["analyze", "--format", "json", line["source"]["path"]])
        alone = json.loads(capsys.readouterr().out)
        alone.pop("parse_ms"), line.pop("parse_ms")
        assert alone == line


def test_analyze_on_all_cores_writes_the_same_lines_to_a_stream_that_is_not_utf8(
    capsys, monkeypatch, tmp_path
) -> None:
    """Workers hand UTF-8 bytes to a UTF-8 standard output and text to any other (here
    UTF-16): the lines are the same, in Japanese too."""
    from fopegui.commands import analyze

    samples = sorted((DATA / "samples").glob("*.eml"))
    for i in range(analyze.PARALLEL_MIN_FILES + 1):
        sample = samples[i % len(samples)]
        (tmp_path / f"{i:03d}-{sample.name}").write_bytes(sample.read_bytes())
    args = ["analyze", "--format", "jsonl", "--lang", "ja", str(tmp_path)]
    assert main(args) == 0
    as_utf8 = capsys.readouterr().out
    utf16 = io.TextIOWrapper(io.BytesIO(), encoding="utf-16")
    monkeypatch.setattr(sys, "stdout", utf16)
    assert main(args) == 0
    utf16.flush()
    as_utf16 = utf16.buffer.getvalue().decode("utf-16")
    got = [json.loads(line) for line in as_utf16.splitlines()]
    for line in got:
        line.pop("parse_ms")
    expected = [json.loads(line) for line in as_utf8.splitlines()]
    for line in expected:
        line.pop("parse_ms")
    assert got == expected and len(got) == analyze.PARALLEL_MIN_FILES + 1
    assert "方法" in as_utf16


def test_progress_on_a_terminal_is_one_line_that_is_cleared() -> None:
    from fopegui.commands.triage import _Meter

    class Progress:
        messages, errors, fraction = 1234, 2, 0.5

    stream = io.StringIO()
    meter = _Meter(stream)
    meter.shown = -1.0  # the first update draws at once
    meter.update(Progress())
    meter.clear()
    text = stream.getvalue()
    assert text.startswith("\r1,234 messages") and "50%" in text and "2 unreadable" in text
    assert "\n" not in text and text.endswith("\r")
