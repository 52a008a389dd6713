"""Persistent settings (QSettings): window geometry, splitters, last folder, recent files,
the interface language.

Set ``FOPEGUI_SETTINGS_DIR`` to keep settings in an INI file in that folder instead of
the user's real settings (tests, benchmarks, portable use).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

ORGANISATION = "fopegui"
APPLICATION = "fopegui"
MAX_RECENT = 10
LANGUAGE = "ui/language"  # "" = follow the system, "en", "ja" (read at start-up)
LANGUAGES = ("en", "ja")


def open_settings() -> QSettings:
    folder = os.environ.get("FOPEGUI_SETTINGS_DIR")
    if folder:
        return QSettings(str(Path(folder) / "fopegui.ini"), QSettings.Format.IniFormat)
    return QSettings(ORGANISATION, APPLICATION)


def _string_list(value: object) -> list[str]:
    # QSettings returns a str for a one-item list in INI files and None when unset.
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value]  # type: ignore[union-attr]


def recent_files(settings: QSettings) -> list[str]:
    return _string_list(settings.value("recent_files"))


def add_recent_file(settings: QSettings, path: str) -> list[str]:
    """Put ``path`` first in the recent-files list (no duplicates, at most MAX_RECENT)."""
    path = str(Path(path).resolve())
    files = [path] + [p for p in recent_files(settings) if p != path]
    files = files[:MAX_RECENT]
    settings.setValue("recent_files", files)
    return files


def last_folder(settings: QSettings) -> str:
    value = settings.value("last_folder")
    return str(value) if value else str(Path.home())


def set_last_folder(settings: QSettings, folder: str) -> None:
    settings.setValue("last_folder", folder)


def language(settings: QSettings) -> str:
    """The interface language chosen in Settings: "en", "ja", or "" for the system's."""
    value = str(settings.value(LANGUAGE, "") or "")
    return value if value in LANGUAGES else ""


def set_language(settings: QSettings, lang: str) -> None:
    settings.setValue(LANGUAGE, lang if lang in LANGUAGES else "")
