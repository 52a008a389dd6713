"""Third-party licences for the About dialog: what we ship and under which terms.

No Qt import here, so the CLI (and tests) can list licences without a display.
Versions come from the installed distributions' metadata; a missing one is ``None``
(e.g. running from a checkout without ``pip install``).
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path
from typing import TypedDict

from fopegui import __version__


class Licence(TypedDict):
    name: str  # what the user reads
    distribution: str  # the PyPI distribution the version was read from
    version: str | None
    licence: str  # licence name as we show it
    spdx: str  # SPDX expression of the terms we use it under
    url: str | None  # project home page (None: not published yet)
    licence_url: str  # full licence text online
    licence_file: str | None  # licence text shipped with the installed distribution, if any


# PySide6 may be installed as the full "PySide6" or as "PySide6-Essentials" (our dependency);
# the first one found gives the version.
_PYSIDE_DISTS = ("PySide6-Essentials", "PySide6")

_LGPL3 = "https://www.gnu.org/licenses/lgpl-3.0.html"

# (name, distributions to try, licence, spdx, url, licence_url)
_ENTRIES: tuple[tuple[str, tuple[str, ...], str, str, str | None, str], ...] = (
    (
        "fopegui",
        ("fopegui",),
        "MIT License",
        "MIT",
        None,
        "https://opensource.org/license/mit",
    ),
    (
        "Qt",
        # The PySide6 wheels bundle the Qt libraries of the same version.
        _PYSIDE_DISTS,
        "GNU LGPL v3",
        "LGPL-3.0-only",
        "https://www.qt.io/",
        "https://doc.qt.io/qt-6/lgpl.html",
    ),
    (
        "Qt for Python (PySide6)",
        _PYSIDE_DISTS,
        "GNU LGPL v3",
        "LGPL-3.0-only",
        "https://doc.qt.io/qtforpython-6/",
        "https://doc.qt.io/qtforpython-6/licenses.html",
    ),
    (
        "Shiboken6",
        ("shiboken6",),
        "GNU LGPL v3",
        "LGPL-3.0-only",
        "https://doc.qt.io/qtforpython-6/shiboken6/",
        _LGPL3,
    ),
    (
        "dnspython",
        ("dnspython",),
        "ISC License",
        "ISC",
        "https://www.dnspython.org/",
        "https://github.com/rthalley/dnspython/blob/main/LICENSE",
    ),
    (
        "olefile",
        ("olefile",),
        "BSD 2-Clause License",
        "BSD-2-Clause",
        "https://www.decalage.info/python/olefileio",
        "https://github.com/decalage2/olefile/blob/master/LICENSE.txt",
    ),
    (
        "orjson",
        ("orjson",),
        "Apache License 2.0 or MIT License; parts MPL 2.0",
        "MPL-2.0 AND (Apache-2.0 OR MIT)",
        "https://github.com/ijl/orjson",
        "https://github.com/ijl/orjson#license",
    ),
)


def _distribution(names: tuple[str, ...]) -> metadata.Distribution | None:
    for name in names:
        try:
            return metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
    return None


def _licence_file(dist: metadata.Distribution) -> str | None:
    """The first licence text file listed in the distribution's RECORD, if it ships one."""
    for file in dist.files or ():
        if file.name.upper().startswith(("LICENSE", "LICENCE", "COPYING")):
            path = Path(str(file.locate()))
            if path.is_file():
                return str(path)
    return None


def _checkout_licence() -> str | None:
    path = Path(__file__).resolve().parent.parent / "LICENSE"
    return str(path) if path.is_file() else None


def third_party_licences() -> list[Licence]:
    """fopegui and the components it ships, with installed version and licence terms."""
    result: list[Licence] = []
    for name, dists, licence, spdx, url, licence_url in _ENTRIES:
        dist = _distribution(dists)
        version = dist.version if dist else None
        licence_file = _licence_file(dist) if dist else None
        if name == "fopegui":
            # Running from a checkout (not installed): the package itself knows its version,
            # and the checkout holds the licence text.
            version = version or __version__
            licence_file = licence_file or _checkout_licence()
        result.append(
            Licence(
                name=name,
                distribution=dist.metadata["Name"] if dist else dists[0],
                version=version,
                licence=licence,
                spdx=spdx,
                url=url,
                licence_url=licence_url,
                licence_file=licence_file,
            )
        )
    return result
