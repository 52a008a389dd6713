"""Catalogue data: meanings of header values, findings, DNS blacklists — in English and Japanese.

Each ``*.json`` file beside this module is data, not code. Texts are objects
``{"en": ..., "ja": ...}``; :func:`text` picks the language, falling back to English.
"""

from __future__ import annotations

import json
import os
from functools import cache
from typing import Any

LANGUAGES = ("en", "ja")


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed catalogue file ``name`` (without ``.json``); cached, treat as read-only."""
    # The package's own loader reads it (also from a zip), as pkgutil.get_data would, without
    # the imports of pkgutil (1 ms) or importlib.resources (tempfile, random…: 4 ms).
    get_data = getattr(__spec__.loader, "get_data", None)
    if get_data is None:  # a loader that cannot read data: nothing to fall back on
        raise FileNotFoundError(f"catalogue {name}.json")
    data = get_data(os.path.join(os.path.dirname(__file__), f"{name}.json"))
    return json.loads(data.decode("utf-8"))


def text(entry: Any, lang: str = "en") -> str | None:
    """The ``lang`` text of a bilingual entry (``{"en": .., "ja": ..}``), English when missing."""
    if entry is None:
        return None
    if isinstance(entry, str):
        return entry
    return entry.get(lang) or entry.get("en")
