"""The desktop app (PySide6). Every module here renders what fopegui.core produced."""

import PySide6.QtCore  # noqa: F401  (loads PySide's import hook, made cheaper just below)

from fopegui.ui.pyside_hook import read_sources_faster

read_sources_faster()
