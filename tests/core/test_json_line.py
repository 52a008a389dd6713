"""JSON Lines writer (core.json_line): compact, one line, the same form from either encoder."""

from __future__ import annotations

import json

import pytest

from fopegui.core.json_line import line_bytes, line_text, one_line

COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


@pytest.mark.parametrize(
    "data",
    [
        {"a": 1, "b": [True, None, 2.5], "c": {"d": "é — 日本語"}},
        # Bytes A8, A9 and 85 inside other characters (è, 試, ą): nothing to escape.
        {"text": "è 試験 ą …"},
        {"control": "\x01\x1f\t\n\"\\", "bidi": "\u202e"},
    ],
)
def test_a_line_is_the_compact_json_of_the_value(data: object) -> None:
    assert line_bytes(data) == COMPACT(data).encode()
    assert line_text(data) == COMPACT(data)
    assert json.loads(line_bytes(data)) == data


def test_raw_line_separators_are_escaped_so_the_line_stays_one_line() -> None:
    data = {"s": "a\u2028b\u2029c\u0085d", "t": ["\u2028"], "ja": "試験\u2028"}
    line = line_text(data)
    assert "\u2028" not in line and "\u2029" not in line and "\u0085" not in line
    assert line.count("\\u2028") == 3 and "\\u2029" in line and "\\u0085" in line
    assert json.loads(line) == data
    assert line.splitlines() == [line]


@pytest.mark.parametrize(
    "data",
    [
        {"n": 2**70, "s": "x\u2028"},  # orjson writes integers of 64 bits at most
        {"s": "\udc80 é"},  # a lone surrogate (undecodable bytes kept by surrogateescape)
    ],
)
def test_values_orjson_refuses_are_written_by_the_standard_library(data: dict) -> None:
    line = line_bytes(data)
    assert json.loads(line) == data
    assert line.startswith(b'{"') and b", " not in line and b'": ' not in line
    line.decode("utf-8")  # valid UTF-8: the surrogate is an escape, not a raw byte
    assert b"\n" not in line and "\u2028" not in line.decode()


def test_one_line_leaves_bytes_without_separators_as_they_are() -> None:
    encoded = '{"a":"試 ą è"}'.encode()
    assert one_line(encoded) is encoded
