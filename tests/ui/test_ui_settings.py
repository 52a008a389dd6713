"""QSettings helpers: recent files and last folder (isolated from the user's settings)."""

from __future__ import annotations

import os
from pathlib import Path

from fopegui.ui import settings as store


def test_settings_file_is_isolated(isolated_settings) -> None:
    settings = store.open_settings()
    settings.setValue("probe", 1)
    settings.sync()
    assert os.path.dirname(settings.fileName()) == str(isolated_settings)


def test_recent_files_most_recent_first_without_duplicates(settings, tmp_path) -> None:
    assert store.recent_files(settings) == []
    paths = [str(tmp_path / f"m{i}.eml") for i in range(12)]
    for path in paths:
        Path(path).write_bytes(b"Subject: x\r\n\r\n")  # Recent shows files that exist
        store.add_recent_file(settings, path)
    store.add_recent_file(settings, paths[5])
    recent = store.recent_files(settings)
    assert recent[0] == paths[5]
    assert len(recent) == store.MAX_RECENT
    assert len(set(recent)) == len(recent)


def test_last_folder_defaults_to_home(settings, tmp_path) -> None:
    assert store.last_folder(settings) == os.path.expanduser("~")
    store.set_last_folder(settings, str(tmp_path))
    assert store.last_folder(settings) == str(tmp_path)
