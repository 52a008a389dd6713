"""Where bundled resources (icons, translations, themes) live, installed or from a checkout."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resource_dir() -> Path:
    """``resources/``: inside the package in a wheel or PyInstaller build, else the checkout's."""
    package = Path(__file__).resolve().parent
    candidates = [package / "resources", package.parent / "resources"]
    frozen = getattr(sys, "_MEIPASS", None)  # PyInstaller one-folder build
    if frozen:
        candidates.insert(0, Path(frozen) / "fopegui" / "resources")
    return next((c for c in candidates if c.is_dir()), candidates[-1])


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)
