"""Hostile input (issue 17): no crash, no hang, nothing unbounded, no lying exit status.

Each test reproduces one finding of the attack run on the parsers, the loader and the CLI
(items 4, 5, 6, 9, 11, 12, 13 of the issue). The CLI runs as a separate process where the
finding is about the process itself (its exit status, a full disk, a closed pipe).
"""

from __future__ import annotations

import gc
import io
import json
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from fopegui.cli import main
from fopegui.core import source
from fopegui.core.analyze import analyze_bytes
from fopegui.core.headers import decode_rfc2047, parse_header_block
from fopegui.core.model import LoadError
from fopegui.core.msg import source_from_msg
from fopegui.core.report import to_json, to_markdown
from tests.msgbuilder import Attachment, build_msg, simple_msg

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
GOOD = SAMPLES / "eop-ham-pass.eml"
POSIX = pytest.mark.skipif(os.name != "posix", reason="FIFOs, /dev/zero and rlimits are POSIX")


def cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    """``fopegui-cli ARGS`` in its own process, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "fopegui.cli", *args], capture_output=True, timeout=60
    )


def _capture_to(path: Path, *args: str, limit: int) -> subprocess.CompletedProcess[bytes]:
    """``fopegui-cli ARGS > path`` with at most ``limit`` bytes allowed in any file
    (RLIMIT_FSIZE with SIGXFSZ ignored: the writes fail as on a full disk, no mount needed)."""

    def cap() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    with path.open("wb") as out:
        return subprocess.run(
            [sys.executable, "-m", "fopegui.cli", *args],
            stdout=out,
            stderr=subprocess.PIPE,
            preexec_fn=cap,
            timeout=60,
        )


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The shortest of ``runs`` timings of ``work`` (the least disturbed by the machine), with
    the garbage collector off: its passes grow with what is allocated, not with the work."""
    times = []
    gc.collect()
    gc.disable()
    try:
        for _ in range(runs):
            start = time.perf_counter()
            work()
            times.append(time.perf_counter() - start)
    finally:
        gc.enable()
    return min(times)


def assert_linear(small: Callable[[], object], large: Callable[[], object]) -> None:
    """``large`` has 4× the input of ``small``: linear work takes about 4× the time,
    quadratic 16×. The ratio is compared, never a time."""
    small()  # warm caches (catalogue, codecs, regexes)
    ratio = best_of(5, large) / best_of(5, small)
    assert ratio < 8, f"4× the input took {ratio:.1f}× the time: not linear"


# -- item 4: encoded words naming codecs that are no charset ------------------------------

HOSTILE_CHARSETS = ["idna", "punycode", "undefined", "utf\x00-8", "unicode_escape",
                    "raw_unicode_escape", "charmap", "rot13", "zlib", "hex", "no-such"]  # fmt: skip


@pytest.mark.parametrize("charset", HOSTILE_CHARSETS)
@pytest.mark.parametrize("word", ["B?//8=", "Q?=FF=FEabc", "Q?\\N"])
def test_encoded_word_in_any_charset_decodes_without_raising(charset: str, word: str) -> None:
    text, problems = decode_rfc2047(f"=?{charset}?{word}?= tail")
    assert text.endswith(" tail")
    assert problems == ["unknown-charset"]


def _hostile_charset_files(folder: Path) -> list[Path]:
    pad = b"X-Pad: " + b"p" * 5000 + b"\n"  # a NUL after the first 4 KB: still header text
    bodies = {
        "idna.eml": b"Subject: =?idna?B?//8=?=\nFrom: a@example.com\n\n",
        "punycode.eml": b"Subject: =?punycode?Q?=FF?=\nFrom: a@example.com\n\n",
        "nul.eml": pad + b"Subject: =?utf\x00-8?Q?x?=\nFrom: a@example.com\n\n",
    }
    paths = []
    for name, data in bodies.items():
        (folder / name).write_bytes(data)
        paths.append(folder / name)
    return paths


def test_analyze_prints_every_file_beside_hostile_charsets(tmp_path: Path) -> None:
    files = [GOOD, *_hostile_charset_files(tmp_path), GOOD]
    done = cli("analyze", "--format", "jsonl", *map(str, files))
    assert b"Traceback" not in done.stderr
    assert done.returncode == 0
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["source"]["path"] for line in lines] == list(map(str, files))
    assert all(line["error"] is None for line in lines)
    assert not any(f["id"].startswith("decoder-error:") for line in lines for f in line["findings"])


# -- item 5: every read bounded by the bytes actually read --------------------------------


@POSIX
def test_dev_zero_is_refused_once_the_limit_is_read() -> None:
    def cap_memory() -> None:  # without the bound, the read would grow until this stops it
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))

    done = subprocess.run(
        [sys.executable, "-m", "fopegui.cli", "analyze", "/dev/zero"],
        capture_output=True,
        preexec_fn=cap_memory,
        timeout=120,
    )
    assert b"Traceback" not in done.stderr and b"MemoryError" not in done.stderr
    assert done.returncode == 1
    assert b"more than 200 MB" in done.stderr


def test_standard_input_stops_at_the_limit(monkeypatch, capsys) -> None:
    monkeypatch.setattr(source, "MAX_BYTES", 64 * 1024)
    endless = io.BytesIO(b"Subject: x\nFrom: a@example.com\n\n" + b"x" * 10_000_000)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(endless))
    status = main(["analyze", "--format", "jsonl", "-"])
    out, err = capsys.readouterr()
    assert status == 1
    assert json.loads(out)["error"] and "more than 0 MB" in err
    assert endless.tell() <= 2 * 1024 * 1024  # not the 10 MB: reading stopped at the limit


@POSIX
def test_fifo_nobody_writes_to_is_given_up(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.eml"
    os.mkfifo(fifo)
    result: dict[str, object] = {}

    def read() -> None:
        try:
            source.read_file(fifo, patience=0.3)
        except LoadError as err:
            result["error"] = str(err)
        except Exception as exc:
            result["error"] = repr(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(10)
    assert not reader.is_alive(), "the read of a FIFO without a writer hangs"
    assert "Nothing arrived from fifo.eml" in str(result.get("error"))


@POSIX
def test_fifo_is_read_when_someone_writes(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.eml"
    os.mkfifo(fifo)

    def write() -> None:
        time.sleep(0.3)  # the CLI waits for its writer, as cat would
        with fifo.open("wb") as out:
            out.write(GOOD.read_bytes())

    threading.Thread(target=write, daemon=True).start()
    done = cli("analyze", "--format", "jsonl", str(fifo))
    assert done.returncode == 0
    assert json.loads(done.stdout)["summary"]["subject"]


# -- item 6: linear time ------------------------------------------------------------------


@pytest.mark.parametrize("line_end", [b"\n", b"\r\n", b"\r"])
def test_header_lines_without_colon_parse_in_linear_time(line_end: bytes) -> None:
    def block(lines: int) -> bytes:
        return b"Subject: x" + line_end + (b"no colon on this line" + line_end) * lines

    small, large = block(5_000), block(20_000)
    assert_linear(lambda: parse_header_block(small), lambda: parse_header_block(large))


def test_bad_line_numbers_count_every_kind_of_line_break() -> None:
    block = parse_header_block(b"Subject: x\r\nbad one\rFrom: a\nbad two\r\n")
    assert [f.params["line"] for f in block.findings if f.id == "header-line-without-colon"] == [
        2,
        4,
    ]


def _msg_with_attachments(count: int) -> bytes:
    msg = simple_msg("Received: from a\r\nSubject: x\r\n\r\n")
    msg.attachments = [
        Attachment(props={0x3707001F: f"a{i}.bin"}, data=b"x" * 10) for i in range(count)
    ]
    return build_msg(msg)


def test_msg_attachment_tables_load_in_linear_time() -> None:
    small, large = _msg_with_attachments(1_000), _msg_with_attachments(4_000)
    assert len(source_from_msg(large, "x.msg").attachments) == 4_000
    assert_linear(lambda: source_from_msg(small, "x.msg"), lambda: source_from_msg(large, "x.msg"))


# -- item 9: terminal output escapes controls ---------------------------------------------


def test_analyze_errors_name_files_terminal_safe(tmp_path: Path) -> None:
    evil = tmp_path / "bad\x1b]0;owned\x07\u202e.eml"
    evil.write_bytes(b"not a message")
    done = cli("analyze", str(evil))
    assert done.returncode == 1
    for raw in (b"\x1b", b"\x07", "\u202e".encode()):
        assert raw not in done.stderr and raw not in done.stdout
    assert b"<U+001B>]0;owned<U+0007><U+202E>.eml" in done.stderr


def test_markdown_keeps_no_control_characters() -> None:
    report = analyze_bytes("Subject: a\x1b[2Jb\x07c\x85d\u202ee\n\n".encode())
    text = to_markdown(report)
    assert not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in text)
    assert "\u202e" not in text
    assert "a&lt;U+001B&gt;\\[2Jb&lt;U+0007&gt;c" in text


# -- item 11: exit statuses that tell the truth -------------------------------------------


@POSIX
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_analyze_to_a_full_device_fails_clearly() -> None:
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "fopegui.cli", "analyze", str(GOOD)],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    assert b"Traceback" not in done.stderr
    assert done.returncode == 1
    assert b"cannot write the output: No space left on device" in done.stderr


@POSIX
@pytest.mark.parametrize("fmt", ["json", "jsonl", "text"])
def test_analyze_output_cut_short_by_the_disk_is_an_error(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "out"
    done = _capture_to(out, "analyze", "--format", fmt, *map(str, sorted(SAMPLES.glob("*.eml"))),
                       limit=4096)  # fmt: skip
    assert out.stat().st_size <= 4096
    assert b"Traceback" not in done.stderr
    assert done.returncode == 1, "the output was cut at 4096 bytes and the status said 0"
    assert b"cannot write the output: File too large" in done.stderr


@POSIX
def test_submit_to_standard_output_cut_short_is_an_error(tmp_path: Path) -> None:
    out = tmp_path / "draft.eml"
    args = ("submit", str(SAMPLES / "eop-spam-authfail.eml"), "--to", "a@example.com")
    done = _capture_to(out, *args, "--out", "-", limit=2048)
    assert out.stat().st_size <= 2048
    assert b"Traceback" not in done.stderr
    assert done.returncode == 1


@POSIX
def test_closed_pipe_gives_the_sigpipe_status(tmp_path: Path) -> None:
    big = tmp_path / "big.eml"
    big.write_bytes(b"".join(b"Received: from h%d by m; Mon, 1 Jan 2024 10:00:00 +0000\n" % i
                             for i in range(3000)) + b"Subject: x\n\n")  # fmt: skip
    process = subprocess.Popen(
        [sys.executable, "-m", "fopegui.cli", "analyze", "--format", "jsonl", *[str(big)] * 5],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(100)  # `| head -c 100`
    process.stdout.close()
    err = process.stderr.read()
    status = process.wait(60)
    assert b"Traceback" not in err and b"Exception ignored" not in err
    assert status == 128 + signal.SIGPIPE  # as a shell reports `cat` stopped by SIGPIPE


def test_path_too_long_is_a_sentence_not_a_traceback(tmp_path: Path) -> None:
    name = str(tmp_path / ("a" * 300 + ".eml"))
    for fmt in ("text", "json"):
        done = cli("analyze", "--format", fmt, name)
        assert b"Traceback" not in done.stderr
        assert done.returncode == 1
        assert b"File name too long" in done.stderr or b"too long" in done.stderr


# -- item 12: a FAT chain that loops --------------------------------------------------------


def test_header_stream_looping_onto_itself_is_refused() -> None:
    from tests.msgbuilder import entry_info, patch_entry, patch_fat

    data = build_msg(simple_msg("Received: from a\r\n" * 400 + "\r\n"))
    _, first, size = entry_info(data, "__substg1.0_007D001F")
    assert size >= 4096  # a FAT stream
    looped = patch_fat(data, first, first)  # sector → itself, read again and again …
    size = (len(data) // 512 - 1) * 512  # … for as long as the file (no more: refused)
    looped = patch_entry(looped, "__substg1.0_007D001F", size=size)
    with pytest.raises(LoadError, match="loops back on itself"):
        source_from_msg(looped, "looped.msg")


def test_mini_stream_looping_onto_itself_is_refused() -> None:
    from tests.msgbuilder import SECTOR, entry_info, patch_entry

    data = build_msg(simple_msg("Received: from a\r\n" * 100 + "\r\n"))
    _, first, size = entry_info(data, "__substg1.0_007D001F")
    assert size < 4096  # in the mini stream
    minifat = int.from_bytes(data[0x3C:0x40], "little")
    at = SECTOR + SECTOR * minifat + 4 * first
    looped = bytearray(data)
    looped[at : at + 4] = first.to_bytes(4, "little")  # mini sector → itself
    looped = patch_entry(bytes(looped), "__substg1.0_007D001F", size=size)
    with pytest.raises(LoadError, match="loops back on itself"):
        source_from_msg(looped, "looped.msg")


def test_streams_sharing_sectors_are_refused() -> None:
    from tests.msgbuilder import entry_info, patch_entry

    data = build_msg(simple_msg("Received: from a\r\n" * 400 + "\r\n", subject="s" * 3000))
    _, headers_first, _ = entry_info(data, "__substg1.0_007D001F")
    _, _, subject_size = entry_info(data, "__substg1.0_0037001F")
    assert subject_size >= 4096
    fat = data[512 : 512 + 512]
    second = int.from_bytes(fat[4 * headers_first : 4 * headers_first + 4], "little")
    # The subject now starts in the middle of the headers' chain: both read the same sectors.
    shared = patch_entry(data, "__substg1.0_0037001F", start=second)
    with pytest.raises(LoadError, match="share a sector"):
        source_from_msg(shared, "shared.msg")


# -- item 13: bounded findings, jsonl line separators ---------------------------------------


def _received_chain(hops: int) -> bytes:
    """Received headers whose times alternate: every other hop is "earlier" (clock skew)."""
    lines = [
        b"Received: from h%d.example.com ([192.0.2.%d]) by mx%d.example.net; "
        b"Mon, 1 Jan 2024 10:%02d:00 +0000\n" % (i, i % 250, i, (i % 2) * 30)
        for i in range(hops)
    ]
    return b"".join(lines) + b"Subject: x\nFrom: a@example.com\n\n"


def test_findings_of_one_kind_are_bounded() -> None:
    report = analyze_bytes(_received_chain(2_000))
    skews = [f for f in report.findings if f.id == "clock-skew"]
    assert len(skews) == 10
    omitted = [f for f in report.findings if f.id == "findings-omitted"]
    assert {f.params["kind"] for f in omitted} >= {"clock-skew"}
    [skew_summary] = [f for f in omitted if f.params["kind"] == "clock-skew"]
    assert skew_summary.params["count"] + 10 == skew_summary.params["total"] == 1_000
    assert len(report.received) == 2_000  # every hop is still there
    assert len(report.findings) < 40


def test_jsonl_escapes_unicode_line_separators(tmp_path: Path) -> None:
    message = tmp_path / "sep.eml"
    message.write_bytes("Subject: a\u2028b\u2029c\x85d\nFrom: x@example.com\n\n".encode())
    done = cli("analyze", "--format", "jsonl", str(message), str(GOOD))
    assert done.returncode == 0
    lines = done.stdout.decode().split("\n")
    assert len(lines) == 3 and lines[2] == ""  # two reports, one line each
    assert json.loads(lines[0])["summary"]["subject"] == "a\u2028b\u2029c\x85d"
    text = to_json(analyze_bytes(message.read_bytes()), indent=None)
    assert "\u2028" not in text and "\x85" not in text and "\\u2028" in text
