"""PySide6's import hook asks each newly imported module whether it uses PySide6; fopegui.ui
answers by searching the file's bytes (ui.pyside_hook). The answers must be PySide's own."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import fopegui.core.analyze
import fopegui.ui
import fopegui.ui.main_window
from fopegui.ui import pyside_hook


def _hook():
    return sys.modules["shibokensupport.feature"]._mod_uses_pyside


def _pysides_own(module: types.ModuleType) -> bool:
    # What PySide's function does: the source text through inspect, searched for "PySide6".
    import inspect

    try:
        return "PySide6" in inspect.getsource(module)
    except (TypeError, OSError):
        return False


def test_importing_the_ui_installs_the_byte_search() -> None:
    assert getattr(_hook(), "reads_bytes", False)
    assert pyside_hook.read_sources_faster()  # a second call keeps the one installed
    assert not getattr(_hook().__closure__[0].cell_contents, "reads_bytes", False)


def test_same_answers_as_pyside(tmp_path: Path) -> None:
    written = tmp_path / "mentions.py"
    written.write_text("# uses PySide6 through a helper\nVALUE = 1\n", encoding="utf-8")
    plain = tmp_path / "plain.py"
    plain.write_text("VALUE = 'ＰｙＳｉｄｅ６ is not the name'\n", encoding="utf-8")
    modules = [fopegui.ui.main_window, fopegui.core.analyze, fopegui.ui, sys, types]
    for path in (written, plain):
        module = types.ModuleType(path.stem)
        module.__file__ = str(path)
        modules.append(module)
    answers = [_hook()(m) for m in modules]
    assert answers == [_pysides_own(m) for m in modules]
    assert answers[:2] == [True, False]


def test_a_file_that_is_gone_is_asked_of_pyside(tmp_path: Path) -> None:
    asked = []
    search = pyside_hook._byte_search(lambda module: asked.append(module) or False)
    gone = types.ModuleType("gone")
    gone.__file__ = str(tmp_path / "gone.py")
    compiled = types.ModuleType("compiled")
    compiled.__file__ = str(tmp_path / "compiled.pyc")
    assert search(gone) is False and search(compiled) is False
    assert asked == [gone, compiled]
