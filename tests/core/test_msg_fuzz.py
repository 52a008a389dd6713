"""Hostile .msg input: truncated and mutated files, FAT and directory cycles.

Whatever the bytes, the loader returns a Source or raises LoadError, and quickly.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fopegui.core.analyze import analyze_source
from fopegui.core.model import LoadError, Source
from fopegui.core.msg import embedded_source, source_from_msg
from tests.msgbuilder import (
    ENDOFCHAIN,
    Attachment,
    build_msg,
    entry_info,
    patch_entry,
    patch_fat,
    simple_msg,
)

MSG = Path(__file__).resolve().parent.parent / "data" / "msg"
REAL = {p.name: p.read_bytes() for p in sorted(MSG.glob("*.msg"))}
LIMIT_S = 1.0


def _built() -> bytes:
    msg = simple_msg("Received: from a\r\n" * 400 + "\r\n")  # > 4096 bytes: a FAT stream
    msg.attachments = [
        Attachment(props={0x3707001F: "a.bin"}, data=b"\1" * 6000),
        Attachment(message=simple_msg("Received: from inner\r\n\r\n")),
    ]
    return build_msg(msg)


BUILT = _built()


def attempt(data: bytes, embedded: int = 0) -> Source | None:
    """Load ``data`` (and attachment ``embedded`` as a message); only LoadError may escape."""
    start = time.perf_counter()
    try:
        source = source_from_msg(data, "fuzz.msg")
    except LoadError as err:
        assert str(err)
        source = None
    try:
        embedded_source(data, "fuzz.msg", embedded)
    except LoadError as err:
        assert str(err)
    assert time.perf_counter() - start < LIMIT_S
    if source is not None:  # what a damaged file yields is analysed without internal errors
        report = analyze_source(source)
        assert not [f.id for f in report.findings if f.id.startswith("decoder-error:")]
    return source


@pytest.mark.parametrize("name", [*REAL, "built"])
def test_truncated_at_many_offsets(name: str) -> None:
    data = BUILT if name == "built" else REAL[name]
    step = max(1, len(data) // 300)
    embedded = 1 if name == "built" else 0
    outcomes = {attempt(data[:cut], embedded) is None for cut in range(0, len(data), step)}
    # Cutting a file must fail cleanly at least somewhere (the test really truncates).
    assert True in outcomes


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from([*REAL, "built"]),
    edits=st.lists(
        st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=40
    ),
)
def test_mutated_files(name: str, edits: list[tuple[float, int]]) -> None:
    data = bytearray(BUILT if name == "built" else REAL[name])
    for where, value in edits:
        data[int(where * len(data))] = value
    attempt(bytes(data), 1 if name == "built" else 0)


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=0, max_size=3000))
def test_random_bytes_after_the_ole_signature(tail: bytes) -> None:
    with pytest.raises(LoadError):
        source_from_msg(bytes.fromhex("D0CF11E0A1B11AE1") + tail, "x.msg")


@pytest.mark.parametrize("claim_whole_file", [False, True])
def test_fat_cycle_does_not_hang(claim_whole_file: bool) -> None:
    _, first, size = entry_info(BUILT, "__substg1.0_007D001F")
    assert size >= 4096  # lives in the FAT, not the mini stream
    # The stream's first sector points back to itself (a loop olefile cannot see) …
    data = patch_fat(BUILT, first, first)
    if claim_whole_file:  # … and the stream may also claim to be as long as the file.
        data = patch_entry(data, "__substg1.0_007D001F", size=len(data))
    # Issue 17: the loop is seen and the file refused (it used to be read as valid, the
    # looped sector's headers repeated up to the declared size).
    assert attempt(data, 1) is None


def test_declared_size_beyond_the_file_is_refused() -> None:
    data = patch_entry(BUILT, "__substg1.0_007D001F", size=0xFFFFFFFF)
    with pytest.raises(LoadError, match="truncated or damaged"):
        source_from_msg(data, "x.msg")


def test_chain_ending_early_is_refused() -> None:
    _, first, _ = entry_info(BUILT, "__substg1.0_007D001F")
    data = patch_fat(BUILT, first, ENDOFCHAIN)
    with pytest.raises(LoadError, match="incomplete OLE stream"):
        source_from_msg(data, "x.msg")


def test_directory_cycle_is_refused() -> None:
    sid, _, _ = entry_info(BUILT, "__substg1.0_0037001F")
    data = patch_entry(BUILT, "__substg1.0_0037001F", left=sid)
    with pytest.raises(LoadError, match="truncated or damaged"):
        source_from_msg(data, "x.msg")
