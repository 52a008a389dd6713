"""Catalogue data: meanings of header values, findings, DNS blacklists — in English and Japanese.

Each ``*.json`` file beside this module is data, not code. Texts are objects
``{"en": ..., "ja": ...}``; :func:`text` picks the language, falling back to English.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES = ("en", "ja")


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed catalogue file ``name`` (without ``.json``); cached, treat as read-only."""
    data = resources.files(__package__).joinpath(f"{name}.json").read_text(encoding="utf-8")
    return json.loads(data)


def text(entry: Any, lang: str = "en") -> str | None:
    """The ``lang`` text of a bilingual entry (``{"en": .., "ja": ..}``), English when missing."""
    if entry is None:
        return None
    if isinstance(entry, str):
        return entry
    return entry.get(lang) or entry.get("en")
