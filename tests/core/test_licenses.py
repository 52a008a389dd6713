"""fopegui.licenses: the About dialog's list of shipped components and their licences."""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

import fopegui
from fopegui import licenses
from fopegui.licenses import third_party_licences

REPO = Path(__file__).resolve().parents[2]


def by_name() -> dict[str, licenses.Licence]:
    return {entry["name"]: entry for entry in third_party_licences()}


def test_lists_every_shipped_component_with_its_licence() -> None:
    entries = by_name()
    assert {name: e["spdx"] for name, e in entries.items()} == {
        "fopegui": "MIT",
        "Qt": "LGPL-3.0-only",
        "Qt for Python (PySide6)": "LGPL-3.0-only",
        "Shiboken6": "LGPL-3.0-only",
        "dnspython": "ISC",
        "olefile": "BSD-2-Clause",
        "orjson": "MPL-2.0 AND (Apache-2.0 OR MIT)",
    }
    for entry in entries.values():
        assert entry["licence"]
        assert entry["licence_url"].startswith("https://")
        assert entry["url"] is None or entry["url"].startswith("https://")


def test_versions_come_from_installed_metadata() -> None:
    entries = by_name()
    assert entries["dnspython"]["version"] == metadata.version("dnspython")
    assert entries["olefile"]["version"] == metadata.version("olefile")
    assert entries["orjson"]["version"] == metadata.version("orjson")
    assert entries["Shiboken6"]["version"] == metadata.version("shiboken6")
    assert entries["Qt for Python (PySide6)"]["version"] == metadata.version("PySide6-Essentials")
    assert entries["fopegui"]["version"] == fopegui.__version__


@pytest.mark.parametrize(
    ("name", "dist"),
    [
        ("Qt for Python (PySide6)", "PySide6-Essentials"),
        ("Shiboken6", "shiboken6"),
        ("dnspython", "dnspython"),
        ("orjson", "orjson"),
    ],
)
def test_spdx_agrees_with_what_the_distribution_declares(name: str, dist: str) -> None:
    meta = metadata.metadata(dist)
    declared = meta.get("License-Expression") or meta.get("License") or ""
    assert by_name()[name]["spdx"] in declared


def test_olefile_is_declared_bsd() -> None:
    classifiers = metadata.metadata("olefile").get_all("Classifier") or []
    assert "License :: OSI Approved :: BSD License" in classifiers
    text = Path(by_name()["olefile"]["licence_file"] or "").read_text(encoding="utf-8")
    assert "Redistribution and use in source and binary forms" in text


def test_licence_files_exist_when_given() -> None:
    entries = by_name()
    assert entries["fopegui"]["licence_file"] is not None
    assert "MIT License" in Path(entries["fopegui"]["licence_file"]).read_text(encoding="utf-8")
    for entry in entries.values():
        if entry["licence_file"] is not None:
            assert Path(entry["licence_file"]).is_file()


def test_missing_distribution_gives_none(monkeypatch: pytest.MonkeyPatch) -> None:
    real = metadata.distribution

    def without_olefile(name: str) -> metadata.Distribution:
        if name == "olefile":
            raise metadata.PackageNotFoundError(name)
        return real(name)

    monkeypatch.setattr(licenses.metadata, "distribution", without_olefile)
    entry = by_name()["olefile"]
    assert entry["version"] is None
    assert entry["licence_file"] is None
    assert entry["spdx"] == "BSD-2-Clause"  # the terms are still listed
    assert by_name()["dnspython"]["version"] == metadata.version("dnspython")


def test_does_not_import_qt() -> None:
    # In a fresh interpreter: pytest-qt has already imported Qt into this one.
    code = (
        "import sys; from fopegui.licenses import third_party_licences; "
        "third_party_licences(); "
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
