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
LANGUAGE = "ui/language"  # "" = follow the system, "en", "ja" (View ▸ Language, Settings)
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


def _key(path: str) -> str:
    return os.path.normcase(path)


def _each_once(paths: list[str]) -> list[str]:
    """``paths`` in order, without later names of a file already named."""
    seen: set[str] = set()
    once: list[str] = []
    for path in paths:
        key = _key(path)
        if key not in seen:
            seen.add(key)
            once.append(path)
    return once


def _exists(path: str) -> bool:
    """The file is still there (for ``X.msg#attachment-0`` and ``X.eml#returned-original``:
    the file the message was read from)."""
    if os.path.exists(path):
        return True
    container, mark, _ = path.partition("#")
    return bool(mark) and os.path.isfile(container)


def recent_files(settings: QSettings) -> list[str]:
    """The recent files, newest first, each once; files that no longer exist are dropped
    from the list (and from the settings)."""
    stored = _string_list(settings.value("recent_files"))
    files = [path for path in _each_once(stored) if _exists(path)][:MAX_RECENT]
    if files != stored:
        settings.setValue("recent_files", files)
    return files


def add_recent_files(settings: QSettings, paths: list[str]) -> list[str]:
    """Put ``paths`` first in the recent-files list, the last one first (each once, at most
    MAX_RECENT); a batch of a thousand files costs one write."""
    if not paths:
        return recent_files(settings)
    newest = [str(Path(p).resolve()) for p in reversed(paths[-MAX_RECENT:])]
    files = _each_once(newest + _string_list(settings.value("recent_files")))[:MAX_RECENT]
    settings.setValue("recent_files", files)
    return files


def add_recent_file(settings: QSettings, path: str) -> list[str]:
    """Put ``path`` first in the recent-files list (no duplicates, at most MAX_RECENT)."""
    return add_recent_files(settings, [path])


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
