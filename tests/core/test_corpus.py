"""Every message we have analyses without an exception, and its file is left unchanged."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from fopegui.core.analyze import analyze_path
from fopegui.core.report import to_html, to_json
from fopegui.core.texts import render

DATA = Path(__file__).parent.parent / "data"
CORPUS = sorted(
    p
    for p in DATA.rglob("*")
    if p.is_file() and p.suffix.lower() in {".eml", ".msg", ".txt"} and "LICENSE" not in p.name
)


def test_corpus_is_not_empty():
    assert len(CORPUS) >= 15


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(DATA)))
def test_analyses_and_leaves_file_unchanged(path):
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), os.stat(path).st_mtime_ns)
    report = analyze_path(path)
    for lang in ("en", "ja"):  # one analysis, rendered in each language
        to_json(report, lang=lang)
        to_html(report, lang=lang)
        assert report.error is None or isinstance(render(report.error, lang), str)
    after = (hashlib.sha256(path.read_bytes()).hexdigest(), os.stat(path).st_mtime_ns)
    assert before == after
