"""`fopegui-cli analyze`: formats, batches with bad files, exit statuses (CONTRACT.md)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

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


_IMPORTED_AT_EXIT = """
import atexit, sys
atexit.register(lambda: print(sorted(m for m in sys.modules
                                     if m.startswith(("fopegui.commands.", "dns", "asyncio")))))
from fopegui.cli import main
sys.exit(main())
"""


@pytest.mark.parametrize("words", [["--version"], ["--help"], ["-h"], []])
def test_version_help_and_usage_import_no_command(words):
    """The commands are listed from their summaries: dnsbl alone costs ~110 ms to import."""
    done = subprocess.run([sys.executable, "-c", _IMPORTED_AT_EXIT, *words],
                          capture_output=True, text=True)  # fmt: skip
    assert done.returncode == (2 if not words else 0)
    assert done.stdout.splitlines()[-1] == "[]"


def test_the_listed_summaries_are_the_commands_own():
    from fopegui import cli

    whole = cli.build_parser().format_help()
    assert cli.build_parser(summaries_only=True).format_help() == whole
    assert all(name in whole for name in cli.COMMANDS)


def test_japanese_output(capsys, samples):
    status, out, _ = run(
        capsys, "--format", "json", "--lang", "ja", str(samples / "fope-spam-customspam.eml")
    )
    assert status == 0
    assert "方法 1" in json.loads(out)["verdict"]["summary"]


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links and FIFOs")
def test_a_folder_gives_the_files_pathlib_finds_named_as_it_names_them(tmp_path, monkeypatch):
    import os
    from pathlib import Path

    from fopegui.commands.analyze import files_under

    tree = tmp_path / "tree"
    for name in ("a/b/deep.eml", "a/x.msg", ".hidden/z", "top", "c/w"):
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_bytes(b"Subject: x\n\n")
    (tree / "a" / "to-a-file").symlink_to(tree / "top")  # a link to a file counts
    (tree / "to-a-folder").symlink_to(tree / "a")  # a link to a folder is not entered
    (tree / "broken").symlink_to(tree / "nowhere")
    os.mkfifo(tree / "fifo")
    monkeypatch.chdir(tmp_path)
    for folder in (str(tree), f"{tree}/", f"{tree}//.", "tree", "./tree/", "tree/../tree/c"):
        expected = sorted(str(p) for p in Path(folder).rglob("*") if p.is_file())
        assert sorted(files_under(folder)) == expected, folder
        assert len(expected) in (6, 1)
    monkeypatch.chdir(tree)
    assert (
        sorted(files_under("."))
        == sorted(str(p) for p in Path(".").rglob("*") if p.is_file())
        == [".hidden/z", "a/b/deep.eml", "a/to-a-file", "a/x.msg", "c/w", "top"]
    )


@pytest.mark.parametrize("many", [False, True], ids=["here", "on-the-workers"])
def test_an_empty_folder_is_an_error_line_in_its_place(capsys, monkeypatch, samples, tmp_path,
                                                       many):  # fmt: skip
    from fopegui.commands import analyze

    monkeypatch.setattr(analyze, "_many_cores", lambda: True)
    (tmp_path / "empty" / "only-a-folder").mkdir(parents=True)
    full = tmp_path / "full"
    full.mkdir()
    count = analyze.PARALLEL_MIN_FILES + 2 if many else 1
    for i in range(count):
        (full / f"{i:03d}.eml").write_bytes((samples / "eop-ham-pass.eml").read_bytes())
    empty = str(tmp_path / "empty")
    status, out, err = run(capsys, "--format", "jsonl", "--lang", "ja", str(full), empty)
    assert status == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == count + 1 and all(line["error"] is None for line in lines[:-1])
    assert lines[-1]["source"]["path"] == empty and lines[-1]["verdict"] is None
    assert lines[-1]["error"] == f"{empty} には解析するファイルがありません。"
    assert err == f"fopegui-cli: {empty}: {empty} には解析するファイルがありません。\n"


def test_a_folder_is_listed_once(capsys, monkeypatch, samples, tmp_path):
    from fopegui.commands import analyze

    good = samples / "eop-ham-pass.eml"
    listed = []
    monkeypatch.setattr(analyze, "files_under", lambda f: listed.append(f) or [str(good)] * 2)
    status, out, _ = run(capsys, "--format", "jsonl", str(tmp_path))
    assert status == 0 and len(out.splitlines()) == 2
    assert listed == [str(tmp_path)]  # a second listing may see another folder


def test_an_empty_folder_alone_is_an_array_with_its_error(capsys, tmp_path):
    status, out, _ = run(capsys, "--format", "json", str(tmp_path))
    data = json.loads(out)
    assert status == 1
    assert [item["error"] for item in data] == [f"{tmp_path} holds no file to analyse."]


def _dies(item, lang):  # a worker the system kills (out of memory, `kill -9`)
    import os

    os._exit(9)


@pytest.mark.parametrize("command", ["analyze", "triage"])
def test_a_worker_that_dies_is_a_sentence_and_a_failure(capsys, monkeypatch, samples, tmp_path,
                                                        command):  # fmt: skip
    from fopegui.commands import analyze
    from fopegui.core import triage

    for i in range(analyze.PARALLEL_MIN_FILES + 5):  # enough for the worker processes
        (tmp_path / f"{i:03d}.eml").write_bytes((samples / "eop-ham-pass.eml").read_bytes())
    monkeypatch.setattr(analyze, "render_chunk", _dies)
    monkeypatch.setattr(triage, "run_task", _dies)
    args = ["--format", "jsonl", str(tmp_path)] if command == "analyze" else [str(tmp_path)]
    assert main([command, *args]) == 1
    err = capsys.readouterr().err
    assert "a worker process ended abruptly" in err and "Traceback" not in err


_QUICK_EXIT_RUN = """
import atexit, sys
atexit.register(lambda: print("exit handlers ran", file=sys.stderr))
from fopegui.cli import entry
sys.exit(entry())
"""


def test_analyze_ends_its_process_at_once_with_everything_written(samples, tmp_path):
    """After analyze the process skips the interpreter's teardown: every line still arrives
    through a pipe, the status is the command's, and exit handlers run."""
    repo = Path(__file__).resolve().parents[2]
    good = samples / "eop-ham-pass.eml"
    names = [str(good)] * 60 + [str(tmp_path / "missing.eml")]
    done = subprocess.run(
        [sys.executable, "-c", _QUICK_EXIT_RUN, "analyze", "--format", "jsonl", *names],
        cwd=repo, capture_output=True, env={**os.environ, "PYTHONPATH": str(repo)},
    )  # fmt: skip
    lines = done.stdout.splitlines()
    assert len(lines) == 61 and all(json.loads(line)["source"] for line in lines)
    assert done.returncode == 1  # the missing file
    assert done.stderr.decode().rstrip().endswith("exit handlers ran")


_ENGINE_IN_PARENT_RUN = """
import atexit, sys
engine = ("fopegui.core.analyze", "fopegui.core.report", "fopegui.core.model", "orjson")
atexit.register(lambda: print("engine here:", [m for m in engine if m in sys.modules],
                              file=sys.stderr))
from fopegui.cli import entry
sys.exit(entry())
"""


def test_over_many_files_only_the_workers_import_the_engine(samples, tmp_path):
    """The workers are forked before the engine is imported and import it each on its own
    core: this process lists the files, hands them out and writes what comes back, error
    lines included, without importing the engine itself."""
    from fopegui.core.pool import default_jobs

    repo = Path(__file__).resolve().parents[2]
    names = [str(samples / "eop-ham-pass.eml")] * 60 + [str(tmp_path / "missing\x1b.eml")]
    done = subprocess.run(
        [sys.executable, "-c", _ENGINE_IN_PARENT_RUN, "analyze", "--format", "jsonl", *names],
        cwd=repo, capture_output=True, env={**os.environ, "PYTHONPATH": str(repo)},
    )  # fmt: skip
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(lines) == 61 and lines[0]["verdict"] == lines[59]["verdict"]
    assert lines[60]["error"] and done.returncode == 1
    err = done.stderr.decode()
    assert "missing<U+001B>.eml" in err  # the error line, terminal-safe
    imported = err.rstrip().rsplit("engine here: ", 1)[1]
    assert imported == ("[]" if default_jobs() > 1 else str(list(
        ("fopegui.core.analyze", "fopegui.core.report", "fopegui.core.model", "orjson"))))


@pytest.mark.parametrize("command", ["analyze", "dnsbl"])
def test_ctrl_c_while_a_command_is_being_set_up_ends_quietly_with_130(
    capsys, monkeypatch, command
):
    """Ctrl+C that lands while the command's modules are imported (the first tens of
    milliseconds) ends the process with 130 and no traceback, as it does later."""
    import fopegui.cli as cli

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    ended: list[int] = []
    monkeypatch.setattr(cli, "build_parser", interrupted)
    monkeypatch.setattr(cli, "_end_now", ended.append)  # analyze ends its process at once
    monkeypatch.setattr(sys, "argv", ["fopegui-cli", command, "x"])
    assert cli.entry() == 130
    assert ended == ([130] if command in cli.QUICK_EXIT else [])
    assert capsys.readouterr().err == ""
