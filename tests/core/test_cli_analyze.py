"""`fopegui-cli analyze`: formats, batches with bad files, exit statuses (CONTRACT.md)."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from fopegui.cli import main


def run(capsys, *args):
    status = main(["analyze", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_json_one_file_is_an_object(capsys, samples):
    status, out, _ = run(capsys, "--format", "json", str(samples / "fope-spam-customspam.eml"))
    assert status == 0
    data = json.loads(out)
    assert data["verdict"]["kb_methods"] == [1]
    assert data["source"]["kind"] == "eml"


def test_jsonl_batch_with_bad_file(capsys, samples, tmp_path):
    bad = tmp_path / "bad.eml"
    bad.write_bytes(b"\x00\x01")
    files = [samples / "fope-ham-bigfish.eml", bad, samples / "eop-spam-authfail.eml"]
    status, out, err = run(capsys, "--format", "jsonl", *map(str, files))
    assert status == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["source"]["path"] for line in lines] == list(map(str, files))
    assert lines[1]["error"] and lines[0]["error"] is None and lines[2]["error"] is None
    assert "bad.eml" in err


def test_json_several_files_is_an_array(capsys, samples):
    status, out, _ = run(
        capsys,
        "--format",
        "json",
        str(samples / "fope-ham-bigfish.eml"),
        str(samples / "eop-ham-pass.eml"),
    )
    assert status == 0 and len(json.loads(out)) == 2


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_human_formats(capsys, samples, fmt):
    status, out, _ = run(capsys, "--format", fmt, str(samples / "fope-spam-customspam.eml"))
    assert status == 0
    assert "Image links to remote sites" in out


def test_stdin(monkeypatch, capsys, samples):
    data = (samples / "eop-spam-authfail.eml").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    status, out, _ = run(capsys, "--format", "json", "-")
    assert status == 0 and json.loads(out)["auth"]["dmarc"] == "fail"


def test_usage_error_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["analyze", "--format", "nope", "x"])
    assert exc.value.code == 2


def test_console_script_and_version():
    out = subprocess.run(
        [sys.executable, "-m", "fopegui.cli", "--version"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.startswith("fopegui ")


def test_japanese_output(capsys, samples):
    status, out, _ = run(
        capsys, "--format", "json", "--lang", "ja", str(samples / "fope-spam-customspam.eml")
    )
    assert status == 0
    assert "方法 1" in json.loads(out)["verdict"]["summary"]
