"""core.output_slots: workers' output handed over in shared memory, and `analyze` using it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from fopegui.cli import main
from fopegui.core import output_slots
from fopegui.core.output_slots import OutputSlots, SlotWriter
from fopegui.core.pool import default_start_method, parallel_map

DATA = Path(__file__).resolve().parent.parent / "data"
WHOLE = output_slots.SLOT_BYTES  # every chunk of the test's messages fits
forked = pytest.mark.skipif(default_start_method() != "fork", reason="workers are not forked")


def put(slot: int | None, pieces: list[bytes]) -> int | bytes:
    """``pieces`` written one after the other to ``slot`` as a worker writes a task's output:
    their size when they went there, else the pieces joined."""
    out = SlotWriter(slot)
    for piece in pieces:
        out.write(piece)
    return out.answer()


def _write(item: tuple[int | None, bytes], _lang: str) -> int | bytes:
    slot, output = item
    return put(slot, [output[:7], output[7:]])


def test_without_a_slot_or_a_mapping_the_output_itself_comes_back() -> None:
    assert put(None, [b"line", b"\n"]) == b"line\n"
    assert put(0, [b"line", b"\n"]) == b"line\n"  # no run has made a mapping in this process


def test_slots_are_lent_once_until_given_back() -> None:
    slots = OutputSlots(2)
    try:
        lent = {slots.lend(), slots.lend()}
        assert lent == {0, 1} and slots.lend() is None
        slots.give_back(1)
        assert slots.lend() == 1
    finally:
        slots.close()
    assert put(0, [b"x"]) == b"x"  # closed: nothing is written to it any more


def test_a_writer_fills_its_slot_piece_by_piece_and_spills_what_does_not_fit(
    monkeypatch,
) -> None:
    monkeypatch.setattr(output_slots, "SLOT_BYTES", 10)
    slots = OutputSlots(2)
    try:
        fits = SlotWriter(1)
        for piece in (b"abc", b"", b"defg", b"hij"):
            fits.write(piece)
        assert fits.answer() == 10
        with slots.output(1, 10) as view:
            assert bytes(view) == b"abcdefghij"
        spills = SlotWriter(0)
        for piece in (b"abc", b"defg", b"hijk", b"l"):
            spills.write(piece)
        assert spills.answer() == b"abcdefghijkl"  # what was in the slot comes back too
        with slots.output(1, 10) as view:
            assert bytes(view) == b"abcdefghij"  # the other slot untouched
    finally:
        slots.close()
    kept = SlotWriter(None)
    kept.write(b"line")
    kept.write(b"\n")
    assert kept.answer() == kept.joined() == b"line\n"


@forked
def test_forked_workers_leave_their_output_in_the_slot_and_send_its_size() -> None:
    slots = OutputSlots(3)
    outputs = [f"{i}:".encode() * (20_000 + i) for i in range(20)]

    def work():  # as analyze lends them: a slot for each item while one is free
        for i, output in enumerate(outputs):
            slot = slots.lend()
            yield (i, slot), (slot, output)

    try:
        answers = []
        for (_, slot), answer in parallel_map(_write, work(), 2, "en"):
            if slot is None:
                answers.append(answer)
            else:
                with slots.output(slot, answer) as view:
                    answers.append(bytes(view))
                slots.give_back(slot)
        assert answers == outputs
    finally:
        slots.close()


@forked
def test_an_output_larger_than_a_slot_takes_the_pipe(monkeypatch) -> None:
    monkeypatch.setattr(output_slots, "SLOT_BYTES", 1000)
    slots = OutputSlots(1)
    try:
        (small,), (large,) = (
            [a for _, a in parallel_map(_write, iter([(0, (0, data))]), 1, "en")]
            for data in (b"s" * 1000, b"L" * 1001)
        )
        assert small == 1000 and large == b"L" * 1001
    finally:
        slots.close()


def _folder_of_samples(folder: Path, count: int) -> None:
    samples = sorted((DATA / "samples").glob("*.eml"))
    for i in range(count):
        sample = samples[i % len(samples)]
        (folder / f"{i:03d}-{sample.name}").write_bytes(sample.read_bytes())


def _lines(out: str) -> list[dict]:
    lines = [json.loads(line) for line in out.splitlines()]
    for line in lines:
        line.pop("parse_ms")
    return lines


@forked
@pytest.mark.parametrize("fitting", ["all", "some", "none"])
def test_analyze_writes_the_lines_in_order_whichever_way_they_come(
    capsys, monkeypatch, tmp_path, fitting
) -> None:
    """Every chunk's output in its slot, some too large for one, every one through the pipe:
    the same lines as one process writes them."""
    from fopegui.commands import analyze

    step = analyze._FILES_PER_CHUNK
    _folder_of_samples(tmp_path, analyze.PARALLEL_MIN_FILES * 3 + step // 2)
    with monkeypatch.context() as serial:
        serial.setattr(analyze, "PARALLEL_MIN_FILES", sys.maxsize)
        assert main(["analyze", "--format", "jsonl", str(tmp_path)]) == 0
    alone = capsys.readouterr().out.encode()
    lines = alone.splitlines(keepends=True)
    sizes = sorted(len(b"".join(lines[i : i + step])) for i in range(0, len(lines), step))
    # The last chunk is half as long as the others (the sizes differ by a few bytes between
    # runs: each line says how long its analysis took).
    assert sizes[-1] < WHOLE and sizes[0] * 3 < sizes[1] * 2
    slot_bytes = {"all": WHOLE, "some": (sizes[0] + sizes[1]) // 2, "none": sizes[0] // 2}[fitting]
    read_from_slots = []
    real_output = OutputSlots.output
    monkeypatch.setattr(
        OutputSlots, "output", lambda self, *a: read_from_slots.append(a) or real_output(self, *a)
    )
    monkeypatch.setattr(output_slots, "SLOT_BYTES", slot_bytes)
    assert main(["analyze", "--format", "jsonl", str(tmp_path)]) == 0
    assert _lines(capsys.readouterr().out) == _lines(alone.decode())
    assert len(read_from_slots) == {"all": len(sizes), "some": 1, "none": 0}[fitting]


@forked
def test_text_on_all_cores_is_the_text_of_one_process(capsys, monkeypatch, tmp_path) -> None:
    from fopegui.commands import analyze

    _folder_of_samples(tmp_path, analyze.PARALLEL_MIN_FILES + 20)
    read_from_slots = []
    real_output = OutputSlots.output
    monkeypatch.setattr(
        OutputSlots, "output", lambda self, *a: read_from_slots.append(a) or real_output(self, *a)
    )
    assert main(["analyze", "--format", "text", "--lang", "ja", str(tmp_path)]) == 0
    parallel = capsys.readouterr().out
    monkeypatch.setattr(analyze, "PARALLEL_MIN_FILES", sys.maxsize)
    assert main(["analyze", "--format", "text", "--lang", "ja", str(tmp_path)]) == 0
    assert parallel == capsys.readouterr().out and read_from_slots


@forked
def test_without_room_for_the_mapping_the_output_takes_the_pipe(
    capsys, monkeypatch, tmp_path
) -> None:
    from fopegui.commands import analyze

    _folder_of_samples(tmp_path, analyze.PARALLEL_MIN_FILES + 20)
    assert main(["analyze", "--format", "jsonl", str(tmp_path)]) == 0
    with_slots = _lines(capsys.readouterr().out)

    def refused(*_args: object) -> None:
        raise OSError(12, "Cannot allocate memory")  # vm.overcommit_memory=2, ulimit -v

    monkeypatch.setattr(output_slots.mmap, "mmap", refused)
    assert output_slots.slots_for(8) is None
    assert main(["analyze", "--format", "jsonl", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert _lines(out) == with_slots and err == ""
