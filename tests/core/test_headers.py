"""Header block parsing: order, unfolding, RFC 2047, malformed lines as findings."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fopegui.core import headers
from fopegui.core.headers import decode_rfc2047, parse_header_block, split_header_block


def parse(text: bytes):
    block, _, _ = split_header_block(text)
    return parse_header_block(block)


def test_order_unfolding_and_raw_kept():
    result = parse(b"B: 1\nA: first\n  second\nb: 3\n\nbody\nX: not a header\n")
    assert [h.name for h in result.headers] == ["B", "A", "b"]
    assert result.headers[1].value == "first  second"
    assert result.headers[1].raw == "A: first\n  second"  # original line ends kept
    assert result.headers[2].key == "b"  # names are compared lower-cased
    assert result.findings == []


@pytest.mark.parametrize("ending", [b"\n", b"\r\n"])
def test_line_endings_and_body_offset(ending):
    data = ending.join([b"Subject: x", b"From: y", b"", b"body"])
    block, offset, had_from = split_header_block(data)
    assert data[offset:] == b"body"
    assert not had_from
    assert [h.value for h in parse_header_block(block).headers] == ["x", "y"]


def _split_plainly(data: bytes) -> tuple[bytes, int, bool]:
    """split_header_block as its docstring says it: the earliest blank line of any kind."""
    start = 0
    m = headers._MBOX_FROM.match(data) if data.startswith(b"From ") else None
    if m:
        start = m.end()
    found = [
        (pos, skip, len(sep))
        for sep, skip in ((b"\n\n", 1), (b"\n\r\n", 1), (b"\r\r", 0))
        if (pos := data.find(sep, start)) >= 0
    ]
    if not found:
        return data[start:].rstrip(b"\r\n"), len(data), bool(m)
    pos, skip, length = min(found)
    end = pos - 1 if skip and pos > start and data[pos - 1 : pos] == b"\r" else pos
    return data[start:end], pos + length, bool(m)


@settings(max_examples=3000)
@given(st.lists(st.sampled_from([b"\n", b"\r", b"\r\n", b"a", b": ", b"From x\n"]), max_size=16))
def test_the_block_ends_at_the_first_blank_line_of_any_kind(pieces: list[bytes]) -> None:
    data = b"".join(pieces)
    assert split_header_block(data) == _split_plainly(data)
    crlf_body = b"S: x\r\nT: y\r\n\r\n" + data
    assert split_header_block(crlf_body) == _split_plainly(crlf_body)


def test_mbox_from_line_skipped():
    block, _, had_from = split_header_block(b"From a@b Mon Jan 1 00:00:00 2026\nSubject: s\n\n")
    assert had_from
    assert [h.name for h in parse_header_block(block).headers] == ["Subject"]


@pytest.mark.parametrize(
    ("encoded", "text"),
    [
        ("=?ISO-2022-JP?B?GyRCOCtAUT1xJE43bxsoQg==?=", "見積書の件"),
        (
            "=?UTF-8?B?44CQ6KuL5rGC5pu444CR44GU56K66KqN44GP44Gg44GV44GE?=",
            "【請求書】ご確認ください",
        ),
        ("=?Shift_JIS?B?" + base64.b64encode("日本語".encode("cp932")).decode() + "?=", "日本語"),
        ("=?shift-jis?B?" + base64.b64encode("①髙".encode("cp932")).decode() + "?=", "①髙"),
        ("=?EUC-JP?B?" + base64.b64encode("鈴木".encode("euc_jp")).decode() + "?=", "鈴木"),
        ("=?UTF-8?Q?=E6=97=A5_=E6=9C=AC?=", "日 本"),
        ("=?utf-8*ja?Q?abc?=", "abc"),  # RFC 2231 language tag
        ("a =?UTF-8?Q?b?= =?UTF-8?Q?c?= d", "a bc d"),  # space between words dropped
        ("plain text", "plain text"),
    ],
)
def test_rfc2047(encoded, text):
    assert decode_rfc2047(encoded) == (text, [])


def test_multibyte_character_split_across_words():
    raw = "日本語".encode()
    words = [base64.b64encode(raw[:4]).decode(), base64.b64encode(raw[4:]).decode()]
    assert decode_rfc2047(f"=?UTF-8?B?{words[0]}?= =?UTF-8?B?{words[1]}?=") == ("日本語", [])


@pytest.mark.parametrize(
    ("encoded", "problem"),
    [
        ("=?x-klingon?B?SGVsbG8=?=", "unknown-charset"),
        ("=?UTF-8?B?!!!?=", "bad-encoding"),
        ("=?ISO-2022-JP?B?" + base64.b64encode(b"\x1b$B\xff\xff").decode() + "?=", "bad-bytes"),
    ],
)
def test_broken_encodings_warn_never_raise(encoded, problem):
    text, problems = decode_rfc2047(encoded)
    assert problems == [problem]
    assert isinstance(text, str)


@pytest.mark.parametrize(
    ("encoded", "text"),
    [
        # real phishing subjects (phishing_pot): too much padding, decoded as mail programs do
        ("=?UTF-8?B?UGxlYXNlIFVwZGF0ZSBZb3VyIEluZm9ybWF0aW9uIFBheW1lbnQ===?=",
         "Please Update Your Information Payment"),
        ("=?UTF-8?B?QWNjb3VudCBWZXJpZmllZA====?=", "Account Verified"),
        ("=?UTF-8?B?UXVpY2s====?= =?UTF-8?B?IGZveA==?=", "Quick fox"),
        # not only the padding is wrong: kept as written
        ("=?UTF-8?B?!!!?=", "=?UTF-8?B?!!!?="),
        ("=?UTF-8?B?QUJDR===?=", "=?UTF-8?B?QUJDR===?="),
    ],
)  # fmt: skip
def test_over_padded_base64_is_decoded_and_reported(encoded: str, text: str) -> None:
    assert decode_rfc2047(encoded) == (text, ["bad-encoding"])


def test_malformed_lines_become_findings(samples):
    data = (samples / "malformed-headers.eml").read_bytes()
    result = parse(data)
    ids = [f.id for f in result.findings]
    assert "header-space-before-colon" in ids
    assert "header-line-without-colon" in ids
    assert "header-raw-8bit" in ids
    assert "header-encoding-unknown-charset" in ids
    assert "header-bare-cr" in ids
    names = [h.name for h in result.headers]
    # Reading continues after the bad line, unlike the standard parser.
    assert names[-1] == "From"
    assert next(h for h in result.headers if h.name == "X-Raw-SJIS").value == "生の8ビット"


def test_headers_only_without_blank_line():
    result = parse(b"Subject: only headers\r\nFrom: a@example.org")
    assert [h.value for h in result.headers] == ["only headers", "a@example.org"]


def test_continuation_before_any_header():
    result = parse(b"  orphan\nSubject: s\n")
    assert [f.id for f in result.findings] == ["header-orphan-continuation"]


# The header split walks a block without a bare CR with a faster regex (headers._LINE_NO_BARE_CR)
# than the general one (headers._LINE); both must read such a block the same way.
_PIECES = st.sampled_from(
    ["Subject", "X-A", "x", ":", " :", ": ", " ", "\t", "\n", "\r\n", "\n ", "\r\n\t", "value",
     "=?utf-8?q?caf=C3=A9?=", "=?us-ascii?Q?ab?= =?us-ascii?Q?cd?=", "no colon here", "é", "\x00"]
)  # fmt: skip


def _read(block: bytes) -> tuple[list[tuple[int, str, str, str]], list[tuple[str, dict]]]:
    result = parse_header_block(block)
    headers = [(h.index, h.name, h.value, h.raw) for h in result.headers]
    return headers, [(f.id, f.params) for f in result.findings]


def _fields(pair: tuple[list, list]) -> tuple[list, list]:
    found, findings = pair
    return [(h.index, h.name, h.value, h.raw) for h in found], [(f.id, f.params) for f in findings]


@settings(deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_fast_split_reads_blocks_without_bare_cr_as_the_general_one(text: str) -> None:
    block = text.encode("utf-8")
    fast = _read(block)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(headers, "_LINE_NO_BARE_CR", headers._LINE)
        general = _read(block)
    assert fast == general


# Blocks of well-formed fields (most of them) are split at their field ends instead of being
# matched line by line (headers._well_formed_fields); the reading must be the same, and a
# block with any other line must go the line-by-line way.
_NAMES = st.sampled_from(["Subject", "X-A", "x", "a!#$%&'*+-.^_`|~9;<=>?@[]{}", "Received"])
_GAPS = st.sampled_from(["", "", " ", "\t", " \t "])
_VALUE_PIECES = st.sampled_from(
    ["value", " ", "\t", ":", "a:b", "\n ", "\n\t", "\n  \t", "=?utf-8?q?caf=C3=A9?=",
     "=?utf-8?B?Y2Fmw6k=?= =?utf-8?B?eA==?=", "é", "\x0c", "\x85", "\u2028", "=?", "\x00"]
)  # fmt: skip
_FIELDS = st.tuples(_NAMES, _GAPS, st.lists(_VALUE_PIECES, max_size=6).map("".join)).map(
    lambda f: f"{f[0]}{f[1]}:{f[2]}"
)
_ODD_LINES = st.sampled_from(
    ["no colon here", " orphan", "\tcontinued", "", ":empty name", "Two words: x", "é: x",
     "X\n : folded before the colon", "X-A", "Subject \t"]  # names alone: no colon
)  # fmt: skip


@settings(deadline=None)
@given(st.lists(_FIELDS, max_size=12), st.lists(st.tuples(st.integers(0, 12), _ODD_LINES),
                                                 max_size=2), st.booleans())  # fmt: skip
def test_well_formed_blocks_split_at_field_ends_read_as_line_by_line(
    fields: list[str], odd: list[tuple[int, str]], last_break: bool
) -> None:
    lines = list(fields)
    for at, line in odd:
        lines.insert(min(at, len(lines)), line)
    text = "\n".join(lines) + ("\n" if last_break else "")
    whole = headers._well_formed_fields(text)
    if whole is None:  # only where some line is not a field
        assert odd and any(line.strip() for _, line in odd)
    else:
        assert _fields(whole) == _fields(headers._any_fields(text, False))
    if not odd:
        assert whole is not None
    assert _read(text.encode()) == _fields(headers._any_fields(text, False))


def test_a_name_alone_on_its_line_is_no_field_though_the_name_is_known() -> None:
    headers.parse_header_block(b"X-Known: 1\nX-Known : 2")  # both texts before a colon seen
    text = "X-Known: 1\nX-Known\nX-Known \nB: 2"
    assert headers._well_formed_fields(text) is None
    block = headers.parse_header_block(text.encode())
    assert [(h.name, h.value) for h in block.headers] == [("X-Known", "1"), ("B", "2")]
    assert [f.id for f in block.findings] == ["header-line-without-colon"] * 2


def test_the_memory_of_names_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(headers, "_NAMES", {})
    monkeypatch.setattr(headers, "_NAMES_MAX", 2)
    text = "A: 1\nB : 2\nC: 3\nA: 4\nB : 5"
    for _ in range(2):  # names remembered the second time
        whole = headers._well_formed_fields(text)
        assert whole is not None
        assert _fields(whole) == _fields(headers._any_fields(text, False))
        assert len(headers._NAMES) <= 2


def test_malformed_lines_are_numbered_as_the_file_numbers_them() -> None:
    block = b"A: x\n y\nbad one\nB: c\nbad two\n\tcontinued\nC: d\nlast bad"
    for text in (block, block.replace(b"\n", b"\r\n"), block.replace(b"\n", b"\r")):
        found = [(f.id, f.params["line"]) for f in parse(text).findings if "line" in f.params]
        assert found == [
            ("header-line-without-colon", 3),
            ("header-line-without-colon", 5),
            ("header-orphan-continuation", 6),
            ("header-line-without-colon", 8),  # the block's last line (it has no line break)
        ]


# Exchange's anti-spam blobs: runs of encoded words of one spelling, decoded as one text
# (headers._exchange_words). Every run must read as the word-by-word loop reads it.
_B64_TEXT = st.binary(max_size=12).map(lambda b: base64.b64encode(b).decode())
_B_WORD_TEXT = st.one_of(
    _B64_TEXT, _B64_TEXT.map(lambda t: t.rstrip("=")), _B64_TEXT.map(lambda t: t + "A"),
    st.just("===="), _B64_TEXT.map(lambda t: t + "===="), _B64_TEXT.map(lambda t: t + "é"),
    _B64_TEXT.map(lambda t: t + "?"),
)  # fmt: skip
_Q_WORD_TEXT = st.lists(
    # (hex digits alone: an escape cut by the end of a word, "=3" "D", reads as one if joined)
    st.sampled_from([*"ab=_?:~ \té\x01", "=3D", "=3d", "=7E", "=C3", "=3", "=Z9", "3", "D"]),
    max_size=12,
).map("".join)
_BETWEEN = st.sampled_from([" ", "\t", "  ", " \n ", ""])  # what separates two words
_RUNS = st.one_of(
    st.lists(_B_WORD_TEXT, min_size=1, max_size=6).map(
        lambda words: " ".join(f"=?utf-8?B?{w}?=" for w in words)),
    st.tuples(st.lists(_Q_WORD_TEXT, min_size=1, max_size=6), _BETWEEN).map(
        lambda run: run[1].join(f"=?us-ascii?Q?{w}?=" for w in run[0])),
    # a base64 run ended by a Q word, as one Exchange blob in eight is
    st.tuples(st.lists(_B_WORD_TEXT, min_size=1, max_size=6), _Q_WORD_TEXT).map(
        lambda run: " ".join([*(f"=?utf-8?B?{w}?=" for w in run[0]), f"=?utf-8?Q?{run[1]}?="])),
)  # fmt: skip


@settings(deadline=None)
@given(_RUNS, st.sampled_from(["", " tail"]))
def test_exchange_word_runs_decode_as_word_by_word(run: str, tail: str) -> None:
    value = run + tail
    fast = decode_rfc2047(value)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(headers, "_LONG_RUN", 0)  # white space dropped as in long runs
        assert decode_rfc2047(value) == fast
        patch.setattr(headers, "_exchange_words", lambda value: None)
        assert fast == decode_rfc2047(value)


# Q words of ASCII escapes and hex digits, some ending in an escape cut short ("=", "=3"): the
# next word's first letters complete it if the words are joined, but not word by word.
_ESCAPED_Q_WORD = st.tuples(
    st.lists(st.sampled_from(["a", "3", "D", "+", "=3D", "=7e"]), max_size=5).map("".join),
    st.sampled_from(["", "", "=", "=3", "=7"]),
).map("".join)


@settings(deadline=None)
@given(st.lists(_ESCAPED_Q_WORD, min_size=2, max_size=5))
def test_an_escape_cut_by_the_end_of_its_word_is_read_word_by_word(words: list[str]) -> None:
    value = " ".join(f"=?us-ascii?Q?{w}?=" for w in words)
    fast = decode_rfc2047(value)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(headers, "_exchange_words", lambda value: None)
        assert fast == decode_rfc2047(value)


# Encoded words and what may lie between and around them, for the white space between words.
_AROUND_WORDS = st.lists(
    st.sampled_from(["=?a?Q?b?=", "?=", "=?", "?= =?", " ", "  ", "\t", "\n", "\r\n", "a", "?",
                     "="]), max_size=14,
).map("".join)  # fmt: skip


@settings(deadline=None)
@given(_AROUND_WORDS)
def test_white_space_between_words_is_dropped_as_the_pattern_drops_it(value: str) -> None:
    expected = headers._WS_BETWEEN_WORDS.sub("?=", value)
    assert headers._without_space_between_words(value) == expected
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(headers, "_LONG_RUN", 0)  # the way of long values: one replace first
        assert headers._without_space_between_words(value) == expected


def test_a_long_exchange_run_is_read_whole() -> None:
    words = [f"Ab+/{i:02d}xyz" for i in range(60)] + ["end=3D"]
    run = " ".join(f"=?us-ascii?Q?{w}?=" for w in words)
    assert len(run) > headers._LONG_RUN
    assert decode_rfc2047(run) == ("".join(words)[:-3] + "=", [])
    assert decode_rfc2047(run.replace("?= =?", "?=\t=?", 1)) == decode_rfc2047(run)


def test_exchange_word_runs() -> None:
    blob = base64.b64encode(b"Exchange anti-spam data \xe2\x80\x94 opaque").decode()
    words = [blob[i : i + 8] for i in range(0, len(blob), 8)]
    assert decode_rfc2047(" ".join(f"=?utf-8?B?{w}?=" for w in words)) == (
        "Exchange anti-spam data \u2014 opaque",
        [],
    )
    assert decode_rfc2047("=?us-ascii?Q?Abc+/9?= =?us-ascii?Q?xyz?=") == ("Abc+/9xyz", [])
    # a last word of padding alone is not base64, though "QUJD====" decodes whole
    assert decode_rfc2047("=?utf-8?B?QUJD?= =?utf-8?B?====?=") == (
        "ABC=?utf-8?B?====?=",
        ["bad-encoding"],
    )
    assert decode_rfc2047("=?us-ascii?Q?a=3Db?= =?us-ascii?Q?c_d?=") == ("a=bc d", [])


@pytest.mark.parametrize(
    ("run", "expected"),
    [
        # Exchange's blobs as real mail has them: "=3D" escapes in Q words, …
        ("=?us-ascii?Q?a=3Db?= =?us-ascii?Q?c=3d=7E?=", ("a=bc=~", [])),
        # … and a last base64 word left unpadded (2 or 3 letters read, 1 letter kept as written)
        ("=?utf-8?B?QUJD?= =?utf-8?B?REU?=", ("ABCDE", [])),
        ("=?utf-8?B?QUJD?= =?utf-8?B?RA?=", ("ABCD", [])),
        ("=?utf-8?B?QUJD?= =?utf-8?B?REVGR?=", ("ABC=?utf-8?B?REVGR?=", ["bad-encoding"])),
        (
            "=?utf-8?B?//8A?= =?utf-8?B?R?=",
            ("\ufffd\ufffd\x00=?utf-8?B?R?=", ["bad-encoding", "bad-bytes"]),
        ),
        # … and a base64 run ended by a Q word (its escapes, its bad bytes, a lone letter before)
        ("=?utf-8?B?QUJD?= =?utf-8?B?REU?= =?utf-8?Q?F=3D?=", ("ABCDEF=", [])),
        ("=?utf-8?B?QUJD?= =?utf-8?Q?=FF?=", ("ABC\ufffd", ["bad-bytes"])),
        (
            "=?utf-8?B?//8A?= =?utf-8?B?R?= =?utf-8?Q?x?=",
            ("\ufffd\ufffd\x00=?utf-8?B?R?=x", ["bad-encoding", "bad-bytes"]),
        ),
    ],
)
def test_exchange_runs_read_whole_as_word_by_word(run: str, expected: tuple) -> None:
    assert headers._exchange_words(headers._WS_BETWEEN_WORDS.sub("?=", run)) == expected
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(headers, "_exchange_words", lambda value: None)
        assert decode_rfc2047(run) == expected


@pytest.mark.parametrize(
    "run",
    [
        "=?us-ascii?Q?ab=3?= =?us-ascii?Q?Dcd?=",  # an escape cut by the end of its word
        "=?us-ascii?Q?ab=?= =?us-ascii?Q?3Dcd?=",
        "=?us-ascii?Q?caf=C3=A9?= =?us-ascii?Q?x?=",  # not ASCII: the charset's problem
        "=?utf-8?B?QUJD?= =?utf-8?B?R!?=",  # a letter base64 leniently skips
        "=?utf-8?B?QUJD?= =?utf-8?B?18cJs=3D?=",  # a Q escape in a base64 word
        "=?utf-8?B?QUJD?= =?utf-8?Q?a?b?=",  # not one Q word after the run
        "=?utf-8?B?QUJD?= =?utf-8?Q?a?= =?utf-8?B?QUJD?=",
    ],
)
def test_runs_the_whole_reading_leaves_to_the_word_by_word_one(run: str) -> None:
    assert headers._exchange_words(headers._WS_BETWEEN_WORDS.sub("?=", run)) is None


def test_crlf_and_lf_blocks_give_the_same_fields() -> None:
    lf = b"Subject: a\n b\nX-Bad line\nTo:  x@example.org \n\t(c)\n"
    crlf = lf.replace(b"\n", b"\r\n")
    lf_headers, lf_findings = _read(lf)
    crlf_headers, crlf_findings = _read(crlf)
    assert [h[:3] for h in lf_headers] == [h[:3] for h in crlf_headers]
    assert [h[3].replace("\r", "") for h in crlf_headers] == [h[3] for h in lf_headers]
    assert lf_findings == crlf_findings


def test_a_huge_block_is_read_match_by_match(monkeypatch: pytest.MonkeyPatch) -> None:
    def all_at_once(text: str) -> None:
        raise AssertionError("splitting would hold every field of a hostile block at once")

    monkeypatch.setattr(headers, "_well_formed_fields", all_at_once)
    line = b"no colon on this line\n"
    result = parse(b"Subject: s\n" + line * (headers._ALL_AT_ONCE_MAX // len(line) + 1))
    assert result.headers[0].value == "s"
    assert result.findings[0].params["line"] == 2
