"""The header catalogue files are well-formed data: bilingual texts, valid severities,
provenance on every meaning, inferred meanings saying so."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fopegui.core import catalogue
from fopegui.core.decoders.registry import catalogue_entry, catalogued_names, decoder_names
from fopegui.core.model import SEVERITIES

OWN = ("headers", "forefront", "antispam", "auth", "other")
# "undocumented": Microsoft documents no meaning; the field is shown raw and marked so
# (Field.undocumented).
SOURCES = {"microsoft-docs", "KB2669119", "rfc", "observed", "inferred", "undocumented"}
FAMILIES = {"fope", "eop", "auth", "routing", "other"}
PROSE = ("meaning", "description", "action", "action_no_test")


def _walk(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    yield path, node
    if isinstance(node, dict):
        for key, child in node.items():
            yield from _walk(child, f"{path}/{key}")
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from _walk(child, f"{path}[{i}]")


def _all(name: str) -> list[tuple[str, Any]]:
    return list(_walk(catalogue.load(name), name))


def _texts(name: str) -> list[tuple[str, dict]]:
    return [(p, n) for p, n in _all(name) if isinstance(n, dict) and ("en" in n or "ja" in n)]


@pytest.mark.parametrize("name", OWN)
def test_every_text_has_english_and_japanese(name: str) -> None:
    texts = _texts(name)
    assert texts, f"{name}.json has no texts"
    for path, entry in texts:
        assert set(entry) == {"en", "ja"}, path
        assert isinstance(entry["en"], str) and entry["en"].strip(), path
        assert isinstance(entry["ja"], str) and entry["ja"].strip(), path


@pytest.mark.parametrize("name", OWN)
def test_japanese_prose_is_not_a_copy_of_the_english(name: str) -> None:
    for path, entry in _texts(name):
        if path.rsplit("/", 1)[-1] in PROSE:
            assert entry["ja"] != entry["en"], path
            assert any(ord(c) > 0x3000 for c in entry["ja"]), path


@pytest.mark.parametrize("name", OWN)
def test_every_meaning_has_a_valid_source_and_severity(name: str) -> None:
    checked = 0
    for path, node in _all(name):
        if not isinstance(node, dict):
            continue
        if ("meaning" in node or "description" in node) and "/" in path:
            assert node.get("source") in SOURCES, f"{path}: source {node.get('source')!r}"
            checked += 1
        if "severity" in node:
            assert node["severity"] in SEVERITIES, path
    assert checked > 0


@pytest.mark.parametrize("name", OWN)
def test_inferred_meanings_say_so(name: str) -> None:
    for path, node in _all(name):
        if isinstance(node, dict) and node.get("source") == "inferred":
            for key in ("meaning", "description"):
                if key in node:
                    assert node[key]["en"].startswith("Inferred:"), f"{path}/{key}"
                    assert node[key]["ja"].startswith("推定:"), f"{path}/{key}"


def test_header_entries_have_family_and_description() -> None:
    data = catalogue.load("headers")
    for name, entry in data["headers"].items():
        assert name == name.lower(), name
        assert entry["family"] in FAMILIES, name
    for pattern in data["prefixes"]:
        assert pattern["prefix"] == pattern["prefix"].lower()
        assert pattern["prefix"].endswith("-")
        assert pattern["family"] in FAMILIES


@pytest.mark.parametrize("name", decoder_names())
def test_every_decoded_header_has_a_catalogue_entry(name: str) -> None:
    assert catalogue_entry(name) is not None


def test_prefixes_cover_the_families_the_brief_names() -> None:
    for name, family in [
        ("x-ms-exchange-organization-recordreviewcfmtype", "eop"),
        ("x-ms-exchange-crosstenant-mailboxtype", "eop"),
        ("list-help", "other"),
        ("x-fb-ss", "fope"),
        ("arc-anything", "auth"),
    ]:
        entry = catalogue_entry(name)
        assert entry is not None and entry["family"] == family, name


def test_catalogued_names_include_addressing_and_routing_headers() -> None:
    names = set(catalogued_names())
    for name in ("from", "to", "subject", "date", "message-id", "mime-version"):
        assert catalogue_entry(name)["family"] == "other"
        assert name in names
    for name in ("received", "return-path", "delivered-to", "x-originating-ip"):
        assert catalogue_entry(name)["family"] == "routing"


def test_the_catalogue_is_read_through_the_package_loader_also_from_a_zip(
    tmp_path: Path,
) -> None:
    """The files are read by the package's loader: a zipped package (zipimport) reads them
    as a folder does, and a file that is not there is an OSError (as from a folder)."""
    package = Path(catalogue.__file__).parent.parent.parent  # the fopegui folder
    archive = tmp_path / "fopegui.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in ("__init__.py", "core/__init__.py", "core/catalogue/__init__.py"):
            zf.write(package / path, f"fopegui/{path}")
        zf.write(package / "core/catalogue/triage.json", "fopegui/core/catalogue/triage.json")
    script = (
        "import json, sys\n"
        "from fopegui.core import catalogue\n"
        "assert 'fopegui.zip' in catalogue.__file__, catalogue.__file__\n"
        "print(json.dumps(catalogue.load('triage')))\n"
        "try:\n"
        "    catalogue.load('headers')\n"
        "except OSError:\n"
        "    print('missing: OSError')\n"
    )
    done = subprocess.run(
        [sys.executable, "-S", "-c", script],  # -S: not the installed copy
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(archive)},
        cwd=tmp_path,  # "-c" looks in the current folder first
        check=False,
    )
    assert done.returncode == 0, done.stderr
    loaded, missing = done.stdout.splitlines()
    assert json.loads(loaded) == catalogue.load("triage")
    assert missing == "missing: OSError"
