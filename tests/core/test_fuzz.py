"""Random bytes and mutated real messages never raise and never hang."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fopegui.core.analyze import analyze_bytes, analyze_text
from fopegui.core.report import to_html, to_json, to_markdown, to_text

SAMPLES = sorted((Path(__file__).parent.parent / "data" / "samples").glob("*.eml"))
SEEDS = [p.read_bytes() for p in SAMPLES]
# A generous per-example deadline catches hangs (e.g. a catastrophic regex), not slowness.
FUZZ = settings(max_examples=300, deadline=5000, suppress_health_check=[HealthCheck.too_slow])


def _exercise(report) -> None:
    to_json(report)
    to_text(report)
    to_markdown(report)
    to_html(report)


@FUZZ
@given(st.binary(max_size=4096))
def test_random_bytes(data):
    _exercise(analyze_bytes(data))


@FUZZ
@given(st.text(max_size=2000))
def test_random_text(text):
    _exercise(analyze_text(text))


@st.composite
def mutated(draw):
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 20))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "dup"]))
        pos = draw(st.integers(0, max(0, len(data) - 1)))
        if op == "flip" and data:
            data[pos] = draw(st.integers(0, 255))
        elif op == "insert":
            data[pos:pos] = draw(
                st.sampled_from(
                    [
                        b":",
                        b";",
                        b"=?",
                        b"?=",
                        b"(",
                        b")",
                        b"[",
                        b"\r",
                        b"\n ",
                        b"\x00",
                        b"SFV:",
                        b"=?UTF-8?B?",
                        b"VPS-",
                        b"(zz",
                        b"reason=",
                        b"\xff\xfe",
                    ]
                )
            )
        elif op == "delete":
            del data[pos : pos + draw(st.integers(1, 50))]
        elif op == "dup":
            data[pos:pos] = data[pos : pos + draw(st.integers(1, 200))]
    return bytes(data)


@FUZZ
@given(mutated())
def test_mutated_real_messages(data):
    _exercise(analyze_bytes(data))


def test_pathological_inputs_finish():
    cases = [
        b"Received: " + b"(" * 50_000 + b"\n\n",
        b"Received: from " + b"[" * 20_000 + b"; " + b"x" * 10_000 + b"\n\n",
        b"X-Forefront-Antispam-Report: " + b"SFS:" + b"(1)" * 30_000 + b"\n\n",
        b"Subject: " + b"=?UTF-8?B?" * 10_000 + b"\n\n",
        b"A: b\n" * 20_000,
        b"X-BigFish: VPS" + b"-" * 50_000 + b"\n\n",
        b"Authentication-Results: " + b"spf=pass " * 10_000 + b"\n\n",
    ]
    for data in cases:
        _exercise(analyze_bytes(data))
