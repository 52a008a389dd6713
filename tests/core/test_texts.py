"""Language-free texts (core.texts): one text rendered in each language in turn, nested texts,
and a text that travels between processes."""

from __future__ import annotations

import pickle

import pytest

from fopegui.core.texts import Joined, Text, finding, render

GREETING = {"en": "Hello {name}", "ja": "{name}さん、こんにちは"}
NAME = {"en": "admin", "ja": "管理者"}


def test_a_text_reads_in_whichever_language_is_asked_each_time() -> None:
    text = Text(GREETING, {"name": NAME})
    assert [render(text, lang) for lang in ("en", "ja", "ja", "en")] == [
        "Hello admin", "管理者さん、こんにちは", "管理者さん、こんにちは", "Hello admin"
    ]


def test_a_text_inside_another_follows_the_outer_texts_language() -> None:
    inner = Text(GREETING, {"name": NAME})
    outer = Joined((Text({"en": "Said: {said}", "ja": "発言: {said}"}, {"said": inner}),))
    assert render(inner, "en") == "Hello admin"  # the inner text read once on its own first
    assert render(outer, "ja") == "発言: 管理者さん、こんにちは"
    assert render(outer, "en") == "Said: Hello admin"


def test_a_finding_shown_twice_reads_the_same() -> None:
    f = finding("slow-hop", hop=3, delay="2 h")
    first = (render(f.title, "ja"), render(f.detail, "ja"))
    assert first == (render(f.title, "ja"), render(f.detail, "ja"))
    assert render(f.title, "en") != first[0]


@pytest.mark.parametrize(
    ("text", "en", "ja"),
    [
        (Text(GREETING, {"name": NAME}), "Hello admin", "管理者さん、こんにちは"),
        (Joined((Text(GREETING, {"name": NAME}), "!")), "Hello admin!", "管理者さん、こんにちは!"),
    ],
)
def test_a_pickled_text_carries_no_rendering_and_reads_in_any_language(text, en, ja) -> None:
    before = pickle.dumps(text)
    assert render(text, "ja") == ja
    assert pickle.dumps(text) == before
    copy = pickle.loads(pickle.dumps(text))
    assert (render(copy, "en"), render(copy, "ja")) == (en, ja)
    assert copy == text


def test_joined_parts_read_in_whichever_language_is_asked_each_time() -> None:
    # The separator differs by language too: a cached English joint must not reach Japanese.
    from fopegui.core.texts import SENTENCE_GAP

    joined = Joined((Text(GREETING, {"name": NAME}), {"en": "Bye.", "ja": "さようなら。"}),
                    SENTENCE_GAP)
    assert [render(joined, lang) for lang in ("en", "ja", "ja", "en")] == [
        "Hello admin Bye.", "管理者さん、こんにちはさようなら。",
        "管理者さん、こんにちはさようなら。", "Hello admin Bye.",
    ]


def test_clauses_read_the_same_when_shown_twice() -> None:
    reasons = Joined(({"en": "Spam.", "ja": "スパム。"}, {"en": "Junk.", "ja": "迷惑。"}), "; ",
                     clauses=True)
    assert render(reasons, "en") == render(reasons, "en") == "Spam; Junk."
    assert render(reasons, "ja") == "スパム; 迷惑。"
