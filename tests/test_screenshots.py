"""scripts/screenshots: it makes every picture the docs show, and each of its recipes works.

The whole set takes about ten seconds and rewrites docs/screenshots, so the suite runs one
picture per recipe (in both languages where the table has both) into a scratch folder.
"""

from __future__ import annotations

import importlib.util
import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DRIVER = REPO / "scripts" / "screenshots_driver.py"
FOLDER = REPO / "docs" / "screenshots"


def _driver():
    spec = importlib.util.spec_from_file_location("screenshots_driver", DRIVER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_wrapper_parses_and_is_executable() -> None:
    wrapper = REPO / "scripts" / "screenshots"
    subprocess.run(["bash", "-n", str(wrapper)], check=True)
    assert os.access(wrapper, os.X_OK)


def test_every_picture_in_the_docs_is_made_by_the_script() -> None:
    shots = _driver().SHOTS
    names = [f"{s.name}.png" for s in shots]
    assert len(names) == len(set(names)), "two rows make the same file"
    made = set(names)
    committed = {p.name for p in FOLDER.glob("*.png")}
    assert committed - made == set(), "pictures no row of SHOTS makes (stale, or made by hand)"
    assert made - committed == set(), "run scripts/screenshots and commit what it made"
    shown = {
        name
        for doc in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
        for name in re.findall(r"screenshots/([\w.-]+\.png)", doc.read_text(encoding="utf-8"))
    }
    assert shown and shown <= made
    for shot in shots:
        assert shot.lang in ("en", "ja")
        assert shot.name.startswith("ja-") == (shot.lang == "ja")


@pytest.mark.slow
def test_each_recipe_makes_a_picture(tmp_path: Path) -> None:
    first: dict[tuple[str, str], str] = {}
    for shot in _driver().SHOTS:  # the first row of each recipe in each language
        first.setdefault((shot.recipe, shot.lang), shot.name)
    chosen = list(first.values())
    proc = subprocess.run(
        [sys.executable, str(DRIVER), "--out", str(tmp_path), *chosen],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    for name in chosen:
        width, height = _png_size(tmp_path / f"{name}.png")
        assert width >= 300 and height >= 300, name
        assert (tmp_path / f"{name}.png").stat().st_size > 10_000, f"{name} looks empty"
