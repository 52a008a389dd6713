"""Workers' output handed to the parent through shared memory instead of the result pipe.

`analyze --format jsonl` over a folder sends about 45 KB per message back from its workers.
Through the pool's result pipe those bytes are copied five times (pickled in the worker,
written to the pipe, read out of it, gathered, unpickled) and the parent's share of that work
takes a core the workers need: about 45 ms of the parent's CPU for 1,337 messages, where
the whole run takes 600 ms on two cores. Here a worker copies its output once into a slot of
a shared mapping made before the workers are forked, and the parent writes it from there.

A slot is lent for one task and returned once its output has been written, so a slot is
never written while the parent may still read it. No slot free, an output larger than a
slot, or workers not forked from this process (they would not share the mapping): the
output goes through the pipe as before.
"""

from __future__ import annotations

import contextlib
import mmap

# A chunk of 16 report lines is ~0.7 MB; a larger one (messages with thousands of headers)
# takes the pipe. Pages of the mapping are only backed by memory once written.
SLOT_BYTES = 4 << 20

_mapping: mmap.mmap | None = None  # the current run's, inherited by its forked workers


class OutputSlots:
    """``count`` slots of ``SLOT_BYTES`` in one shared anonymous mapping (the run's)."""

    def __init__(self, count: int) -> None:
        global _mapping
        self._mapping = _mapping = mmap.mmap(-1, count * SLOT_BYTES)
        self._free = list(range(count))

    def lend(self) -> int | None:
        """A free slot for a task, or None (the task's output then takes the pipe)."""
        return self._free.pop() if self._free else None

    def output(self, slot: int, size: int) -> memoryview:
        """What a worker wrote in ``slot`` (valid until the slot is returned)."""
        start = slot * SLOT_BYTES
        return memoryview(self._mapping)[start : start + size]

    def give_back(self, slot: int | None) -> None:
        if slot is not None:
            self._free.append(slot)

    def close(self) -> None:
        global _mapping
        if _mapping is self._mapping:
            _mapping = None
        with contextlib.suppress(BufferError):  # a view is still held: it goes with that
            self._mapping.close()


def slots_for(count: int) -> OutputSlots | None:
    """``OutputSlots(count)``, or None where the system refuses the mapping (a strict
    overcommit policy, an address-space limit): the output then takes the pipe."""
    try:
        return OutputSlots(count)
    except (OSError, ValueError, OverflowError):
        return None


class SlotWriter:
    """In a worker: a task's output written to its slot as it is made, piece by piece: the
    pieces of a chunk (16 report lines, ~0.7 MB) are not held until the chunk ends, only to
    be freed together (the allocator gives that memory back and takes fresh pages for the
    next chunk). With no slot, or once the output outgrows it, the pieces are kept and
    joined instead."""

    def __init__(self, slot: int | None) -> None:
        self._mapping = _mapping if slot is not None else None  # None: the pieces are kept
        self._start = self._at = slot * SLOT_BYTES if self._mapping is not None else 0
        self._end = self._start + SLOT_BYTES
        self._kept: list[bytes] = []

    def write(self, piece: bytes) -> None:
        mapping = self._mapping
        if mapping is not None:
            end = self._at + len(piece)
            if end <= self._end:
                mapping[self._at : end] = piece
                self._at = end
                return
            # Larger than its slot: what is there and the rest go through the pipe.
            self._kept.append(bytes(mapping[self._start : self._at]))
            self._mapping = None
        self._kept.append(piece)

    def answer(self) -> int | bytes:
        """The size of the output left in the slot, or the output itself."""
        return self._at - self._start if self._mapping is not None else self.joined()

    def joined(self) -> bytes:
        """The output kept (all of it when the writer had no slot)."""
        return b"".join(self._kept)
