"""Random bytes and mutated real messages never raise, never hang, and no decoder fails inside
(the registry turns a decoder's exception into a ``decoder-error:`` finding: a hidden bug).

How many examples, and whether they are random, is the Hypothesis profile's choice
(tests/conftest.py: derandomised in CI)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fopegui.core.analyze import analyze_bytes, analyze_text
from fopegui.core.headers import decode_rfc2047
from fopegui.core.report import to_html, to_json, to_markdown, to_text

SAMPLES = sorted((Path(__file__).parent.parent / "data" / "samples").glob("*.eml"))
SEEDS = [p.read_bytes() for p in SAMPLES]
# A generous per-example deadline catches hangs (e.g. a catastrophic regex), not slowness.
FUZZ = settings(deadline=5000, suppress_health_check=[HealthCheck.too_slow])


def _exercise(report) -> None:
    internal = [f.id for f in report.findings if f.id.startswith("decoder-error:")]
    assert not internal, f"a decoder failed inside: {internal}"
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
                        b"=?idna?B?//8=?=",
                        b"=?punycode?Q?=FF?=",
                        b"=?utf\x00-8?Q?x?=",
                        b"\x1b[2J",
                        "\u202e".encode(),
                        b"Date: 0001-01-01\n",
                        b"no colon\n",
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


# Charset labels: Python's codec names and aliases (text codecs, bytes transforms, the
# Python-only ones) and anything else a header can say.
_CODECS = sorted(
    {"idna", "punycode", "undefined", "unicode_escape", "raw_unicode_escape", "charmap",
     "rot13", "zlib", "base64", "hex", "uu", "bz2", "quopri", "utf-7", "utf-16", "utf-32",
     "iso-2022-jp", "shift_jis", "euc-jp", "gb2312", "big5", "koi8-r", "utf-8"}
)  # fmt: skip


@FUZZ
@given(
    charset=st.one_of(st.sampled_from(_CODECS), st.text(min_size=1, max_size=12)),
    encoding=st.sampled_from("BbQq"),
    payload=st.binary(max_size=40),
)
def test_encoded_words_in_any_charset(charset: str, encoding: str, payload: bytes) -> None:
    import base64

    if encoding in "Bb":
        text = base64.b64encode(payload).decode()
    else:
        text = "".join(f"={b:02X}" for b in payload)
    decoded, problems = decode_rfc2047(f"a =?{charset}?{encoding}?{text}?= b")
    assert isinstance(decoded, str) and decoded.startswith("a ") and decoded.endswith(" b")
    assert set(problems) <= {"unknown-charset", "bad-bytes", "bad-encoding"}


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
