"""Packaging: wheel contents, Linux desktop integration, installer scripts and metadata.

The install tests run scripts/install-linux-user.sh for real against a fake HOME (a venv
that reuses this interpreter's site-packages, so nothing is downloaded: PIP_NO_INDEX=1).
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import plistlib
import re
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
from packaging.requirements import Requirement

import fopegui
from fopegui import paths
from fopegui.core import pst

REPO = Path(__file__).resolve().parent.parent
LINUX = REPO / "resources" / "linux"
DESKTOP = LINUX / "fopegui.desktop"
MIME_XML = LINUX / "fopegui-mime.xml"
ICON = REPO / "resources" / "icons" / "fopegui.svg"
INSTALL = REPO / "scripts" / "install-linux-user.sh"
SCRIPTS = [
    INSTALL,
    REPO / "scripts" / "build-pyinstaller.sh",
    REPO / "scripts" / "smoke-pyinstaller.sh",
]
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
DEFAULT_TYPES = {"message/rfc822", "application/vnd.ms-outlook"}  # what --default takes
MAILBOX_TYPES = {"application/mbox", "application/vnd.ms-outlook-pst"}  # "Open with" only
MIME_TYPES = DEFAULT_TYPES | MAILBOX_TYPES


def desktop_entry(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def tool(name: str, package: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} missing: apt-get install {package}"
    return path


# ---------------------------------------------------------------- wheel


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # Offline with the build backend at hand; otherwise pip fetches hatchling from PyPI.
    offline = (
        ["--no-build-isolation", "--no-index"] if importlib.util.find_spec("hatchling") else []
    )
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    proc = subprocess.run(
        [*pip, "wheel", str(REPO), "--no-deps", *offline, "-w", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    (built,) = out.glob("fopegui-*.whl")
    return built


@pytest.mark.slow
def test_wheel_carries_resources_and_catalogue(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "fopegui/resources/icons/fopegui.svg" in names
    assert "fopegui/resources/linux/fopegui.desktop" in names
    assert "fopegui/resources/linux/fopegui-mime.xml" in names
    catalogue = sorted((REPO / "fopegui" / "core" / "catalogue").glob("*.json"))
    assert catalogue, "no catalogue data in the checkout"
    for path in catalogue:
        assert f"fopegui/core/catalogue/{path.name}" in names
    # Everything under resources/ goes in (icons, .qm, desktop files ...), except editor leftovers.
    for path in (REPO / "resources").rglob("*"):
        if path.is_file() and not path.name.endswith((".ts", "~", ".pyc")):
            assert f"fopegui/resources/{path.relative_to(REPO / 'resources').as_posix()}" in names
    assert "fopegui/licenses.py" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)


@pytest.mark.slow
def test_wheel_declares_both_entry_points(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        (ep_name,) = [n for n in zf.namelist() if n.endswith(".dist-info/entry_points.txt")]
        parser = configparser.ConfigParser()
        parser.read_string(zf.read(ep_name).decode())
    assert parser["console_scripts"]["fopegui-cli"] == "fopegui.cli:entry"
    assert parser["gui_scripts"]["fopegui"] == "fopegui.ui.app:main"


@pytest.mark.slow
def test_wheel_metadata_is_complete(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        (name,) = [n for n in zf.namelist() if n.endswith(".dist-info/METADATA")]
        meta = Parser().parsestr(zf.read(name).decode())
    assert meta["Version"] == fopegui.__version__  # read from fopegui/__init__.py
    assert meta["License-Expression"] == "MIT"
    assert meta["Author"] and meta["Requires-Python"] == ">=3.11"
    assert "Topic :: Communications :: Email :: Filters" in meta.get_all("Classifier")
    assert meta.get_all("Project-URL")


PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_version_is_written_once() -> None:
    project = PYPROJECT["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert PYPROJECT["tool"]["hatch"]["version"]["path"] == "fopegui/__init__.py"
    assert re.search(
        r'^__version__ = "[^"]+"$', (REPO / "fopegui" / "__init__.py").read_text(), re.M
    )


def _bounded_above(requirement: Requirement) -> bool:
    return any(s.operator in ("<", "<=", "==", "~=") for s in requirement.specifier)


def test_build_backend_range_excludes_what_cannot_read_this_pyproject() -> None:
    (hatchling,) = [Requirement(r) for r in PYPROJECT["build-system"]["requires"]]
    assert hatchling.name == "hatchling"
    # 1.25 stops on the PEP 639 `license-files` list ("must be a table"); 1.26.3 builds it.
    assert not hatchling.specifier.contains("1.25.0") and hatchling.specifier.contains("1.26.3")
    assert _bounded_above(hatchling)


def test_dev_tools_are_bounded() -> None:
    # ./run-tests fails on any ruff finding: a new ruff must be taken on purpose.
    test_extra = [Requirement(r) for r in PYPROJECT["project"]["optional-dependencies"]["test"]]
    (ruff,) = [r for r in test_extra if r.name == "ruff"]
    assert _bounded_above(ruff)
    pyside = next(Requirement(r) for r in PYPROJECT["project"]["dependencies"] if "PySide6" in r)
    assert not pyside.specifier.contains("6.12.0")  # aborts on Python 3.11


# ---------------------------------------------------------------- .desktop / MIME / icon


def test_desktop_file_passes_desktop_file_validate() -> None:
    validate = tool("desktop-file-validate", "desktop-file-utils")
    proc = subprocess.run([validate, str(DESKTOP)], capture_output=True, text=True)
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr


def test_desktop_entry_opens_messages() -> None:
    entry = desktop_entry(DESKTOP)
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "fopegui %F"  # several files at once, like `fopegui FILE...`
    assert entry["Icon"] == "fopegui"
    assert set(filter(None, entry["MimeType"].split(";"))) == MIME_TYPES
    assert entry["Comment[ja]"] and entry["GenericName[ja]"]
    assert "Email" in entry["Categories"].split(";")


def mime_globs(path: Path) -> dict[str, set[str]]:
    root = ET.parse(path).getroot()
    assert root.tag == f"{MIME_NS}mime-info"
    return {
        t.get("type", ""): {g.get("pattern", "") for g in t.iter(f"{MIME_NS}glob")}
        for t in root.iter(f"{MIME_NS}mime-type")
    }


def test_mime_xml_maps_messages_and_mailboxes() -> None:
    globs = mime_globs(MIME_XML)
    assert globs == {
        "message/rfc822": {"*.eml"},
        "application/vnd.ms-outlook": {"*.msg"},
        "application/mbox": {"*.mbox"},
        "application/vnd.ms-outlook-pst": {"*.pst", "*.ost"},
    }
    root = ET.parse(MIME_XML).getroot()
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for mime_type in root.iter(f"{MIME_NS}mime-type"):
        comments = {c.get(lang, "en") for c in mime_type.iter(f"{MIME_NS}comment")}
        assert comments == {"en", "ja"}


def test_mime_xml_compiles_with_update_mime_database(tmp_path: Path) -> None:
    update = tool("update-mime-database", "shared-mime-info")
    (tmp_path / "packages").mkdir()
    shutil.copy(MIME_XML, tmp_path / "packages")
    subprocess.run([update, str(tmp_path)], check=True, capture_output=True)
    globs2 = (tmp_path / "globs2").read_text()
    assert re.search(r"^\d+:application/vnd\.ms-outlook:\*\.msg$", globs2, re.M)
    assert re.search(r"^\d+:message/rfc822:\*\.eml$", globs2, re.M)
    assert re.search(r"^\d+:application/vnd\.ms-outlook-pst:\*\.ost$", globs2, re.M)
    # A PST saved without its extension is still known by its first bytes (core/pst.MAGIC).
    magic = (tmp_path / "magic").read_bytes()
    section = magic.index(b"application/vnd.ms-outlook-pst]")
    assert b">0=\x00\x04" + pst.MAGIC in magic[section : section + 60]


def test_desktop_and_mime_xml_agree() -> None:
    entry = desktop_entry(DESKTOP)
    assert set(filter(None, entry["MimeType"].split(";"))) == set(mime_globs(MIME_XML))


def test_icon_is_square_svg() -> None:
    root = ET.parse(ICON).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    x, y, w, h = (float(v) for v in root.get("viewBox", "").split())
    assert (x, y) == (0, 0) and w == h


@pytest.mark.parametrize("size", [16, 32, 256])
def test_icon_renders_with_qtsvg(qapp: object, size: int) -> None:
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(ICON))
    assert renderer.isValid()
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    pixels = [QColor(image.pixel(x, y)) for x in range(size) for y in range(size)]
    opaque = [c for c in pixels if c.alpha() > 200]
    # Fills most of its square, and both motifs survive: blue envelope, green shield.
    assert len(opaque) > 0.5 * size * size
    assert any(c.blue() > 150 and c.red() < 80 for c in opaque)
    assert any(c.green() > 120 and c.red() < 80 and c.blue() < 120 for c in opaque)


def test_make_icons_writes_ico_and_icns(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(REPO / "packaging" / "make_icons.py"), str(tmp_path)],
        check=True,
        capture_output=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    png = b"\x89PNG\r\n\x1a\n"
    ico = (tmp_path / "fopegui.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind) == (0, 1) and count >= 5
    sides = set()
    for i in range(count):
        side, _, _, _, _, _, length, offset = struct.unpack_from("<BBBBHHII", ico, 6 + 16 * i)
        assert ico[offset : offset + 8] == png and offset + length <= len(ico)
        sides.add(side or 256)
    assert {16, 32, 48, 256} <= sides
    icns = (tmp_path / "fopegui.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack_from(">I", icns, 4)[0] == len(icns)
    pos, kinds = 8, set()
    while pos < len(icns):
        kind4, length = icns[pos : pos + 4], struct.unpack_from(">I", icns, pos + 4)[0]
        assert icns[pos + 8 : pos + 16] == png
        kinds.add(kind4)
        pos += length
    assert pos == len(icns) and {b"icp4", b"ic07", b"ic08", b"ic10"} <= kinds
    assert (tmp_path / "fopegui-256.png").read_bytes()[:8] == png


# ---------------------------------------------------------------- installers' metadata


def test_macos_info_plist_declares_document_types() -> None:
    info = plistlib.loads((REPO / "packaging" / "macos" / "Info.plist").read_bytes())
    assert info["CFBundleIdentifier"] == "org.fopegui.fopegui"
    assert info["CFBundleShortVersionString"] == info["CFBundleVersion"] == fopegui.__version__
    assert info["CFBundleExecutable"] == "fopegui"  # the spec's EXE name
    content_types = {
        uti: doc["CFBundleTypeRole"]
        for doc in info["CFBundleDocumentTypes"]
        for uti in doc.get("LSItemContentTypes", ())
    }
    assert content_types == {
        "com.apple.mail.email": "Viewer",
        "public.email-message": "Viewer",
        "com.microsoft.outlook.msg": "Viewer",
    }
    # Mailboxes (no system type for them): by extension, offered but never the default.
    (mailboxes,) = [d for d in info["CFBundleDocumentTypes"] if "CFBundleTypeExtensions" in d]
    assert mailboxes["CFBundleTypeExtensions"] == ["mbox", "pst", "ost"]
    assert (mailboxes["CFBundleTypeRole"], mailboxes["LSHandlerRank"]) == ("Viewer", "Alternate")
    (msg,) = info["UTImportedTypeDeclarations"]
    assert msg["UTTypeIdentifier"] == "com.microsoft.outlook.msg"
    assert msg["UTTypeTagSpecification"]["public.filename-extension"] == ["msg"]
    assert msg["UTTypeTagSpecification"]["public.mime-type"] == ["application/vnd.ms-outlook"]


def inno_sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(";"):
            continue
        if re.fullmatch(r"\[\w+\]", line):
            current = line[1:-1]
            sections[current] = []
        elif current:
            sections[current].append(line)
    return sections


def test_inno_setup_script_associates_messages_and_offers_mailboxes() -> None:
    text = (REPO / "packaging" / "windows" / "fopegui.iss").read_text(encoding="utf-8")
    assert re.search(r'#define AppVersion "([^"]+)"', text).group(1) == fopegui.__version__
    sections = inno_sections(text)
    registry = "\n".join(sections["Registry"])
    for ext in ("eml", "msg"):
        assert f'Subkey: "Software\\Classes\\.{ext}\\OpenWithProgids"' in registry
        assert f'ValueName: "fopegui.{ext}"' in registry
        assert f'Software\\Classes\\fopegui.{ext}\\shell\\open\\command"' in registry
    for ext in ("mbox", "pst", "ost"):  # "Open with" only: no task makes them ours
        offered = f'Subkey: "Software\\Classes\\.{ext}\\OpenWithProgids"; ValueType: string; '
        assert offered + 'ValueName: "fopegui.mailbox"' in registry
        assert f'Subkey: "Software\\Classes\\.{ext}"; ValueType' not in registry
    assert 'Software\\Classes\\fopegui.mailbox\\shell\\open\\command"' in registry
    assert registry.count('""%1""') >= 4  # file name quoted in every open command
    assert any(line.startswith('Name: "{autoprograms}') for line in sections["Icons"])
    assert any(
        "{autodesktop}" in line and "Tasks: desktopicon" in line for line in sections["Icons"]
    )
    assert "ChangesAssociations=yes" in sections["Setup"]
    assert any("dist\\fopegui\\*" in line for line in sections["Files"])
    # Every custom message used exists in both languages.
    defined = {line.split("=", 1)[0] for line in sections["CustomMessages"]}
    builtin = {"CreateDesktopIcon", "AdditionalIcons", "LaunchProgram"}
    for name in set(re.findall(r"\{cm:(\w+)", text)) - builtin:
        assert {f"en.{name}", f"ja.{name}"} <= defined, name


def test_pyinstaller_spec_puts_resources_where_paths_looks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = (REPO / "packaging" / "fopegui.spec").read_text(encoding="utf-8")
    compile(spec, "fopegui.spec", "exec")
    assert '(str(ROOT / "resources"), "fopegui/resources")' in spec
    assert '"*.json"), "fopegui/core/catalogue")' in spec
    assert "console=False" in spec and "exclude_binaries=True" in spec  # windowed, one-folder
    # The frozen layout the spec produces is the one fopegui.paths finds.
    (tmp_path / "fopegui" / "resources").mkdir(parents=True)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    paths.resource_dir.cache_clear()
    try:
        assert paths.resource_dir() == tmp_path / "fopegui" / "resources"
    finally:
        monkeypatch.undo()
        paths.resource_dir.cache_clear()


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_scripts_parse_and_are_executable(script: Path) -> None:
    subprocess.run(["bash", "-n", str(script)], check=True)
    assert os.access(script, os.X_OK)


def test_install_script_help_and_bad_option() -> None:
    ok = subprocess.run([str(INSTALL), "--help"], capture_output=True, text=True)
    assert ok.returncode == 0 and "--uninstall" in ok.stdout
    bad = subprocess.run([str(INSTALL), "--bogus"], capture_output=True, text=True)
    assert bad.returncode != 0 and "unknown option" in bad.stderr


# ---------------------------------------------------------------- install into a fake HOME


def run_install(home: Path, *args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "PIP_", "VIRTUAL_"))}
    env.update(
        HOME=str(home),
        PYTHON=sys.executable,
        PIP_NO_INDEX="1",  # everything needed is already installed: no network
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        **extra_env,
    )
    env.pop("PYTHONNOUSERSITE", None)
    proc = subprocess.run(
        [str(INSTALL), *args], env=env, capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc


def assert_desktop_integration(data: Path, exe: Path) -> None:
    desktop = data / "applications" / "fopegui.desktop"
    entry = desktop_entry(desktop)
    exec_path = f'"{exe}"' if " " in str(exe) else str(exe)
    assert entry["Exec"] == f"{exec_path} %F"
    assert entry["TryExec"] == str(exe)
    validate = tool("desktop-file-validate", "desktop-file-utils")
    subprocess.run([validate, str(desktop)], check=True)
    assert os.access(exe, os.X_OK)
    icon = data / "icons" / "hicolor" / "scalable" / "apps" / "fopegui.svg"
    assert icon.read_bytes() == ICON.read_bytes()
    assert mime_globs(data / "mime" / "packages" / "fopegui-mime.xml") == mime_globs(MIME_XML)
    globs2 = (data / "mime" / "globs2").read_text()
    assert "application/vnd.ms-outlook:*.msg" in globs2
    assert "message/rfc822:*.eml" in globs2
    cache = (data / "applications" / "mimeinfo.cache").read_text()
    for mime_type in MIME_TYPES:
        assert re.search(rf"^{re.escape(mime_type)}=.*fopegui\.desktop;", cache, re.M)


def assert_removed(data: Path) -> None:
    assert not (data / "applications" / "fopegui.desktop").exists()
    assert not (data / "icons" / "hicolor" / "scalable" / "apps" / "fopegui.svg").exists()
    assert not (data / "mime" / "packages" / "fopegui-mime.xml").exists()
    assert not (data / "fopegui").exists()
    assert "*.msg" not in (data / "mime" / "globs2").read_text()
    assert "fopegui" not in (data / "applications" / "mimeinfo.cache").read_text()


def assert_no_stray_files(tmp_path: Path, home: Path) -> None:
    # Nothing written beside the fake HOME (xdg-mime 1.1.3 does that for paths with spaces).
    assert [p.name for p in tmp_path.iterdir()] == [home.name]


@pytest.mark.slow
def test_install_into_venv_without_xdg_and_uninstall(tmp_path: Path, wheel: Path) -> None:
    home = tmp_path / "home with space"  # Exec= must quote it
    home.mkdir()
    data = home / ".local" / "share"
    args = ("--from", str(wheel), "--system-site-packages", "--default")
    proc = run_install(home, *args, FOPEGUI_NO_XDG="1")
    bin_dir = data / "fopegui" / "venv" / "bin"
    assert_desktop_integration(data, bin_dir / "fopegui")
    assert "--default needs xdg-mime" in proc.stdout
    assert not (home / ".config" / "mimeapps.list").exists()

    # The installed package finds its resources inside itself, and both commands work.
    where = subprocess.run(
        [str(bin_dir / "python"), "-c", "from fopegui.paths import resource_dir as r; print(r())"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    ).stdout.strip()
    assert where.startswith(str(data / "fopegui" / "venv" / "lib"))
    assert (Path(where) / "icons" / "fopegui.svg").is_file()
    version = subprocess.run(
        [str(bin_dir / "fopegui-cli"), "--version"], capture_output=True, text=True, cwd=tmp_path
    )
    assert version.stdout.strip() == f"fopegui {fopegui.__version__}", version.stderr
    assert "fopegui.ui.app" in (bin_dir / "fopegui").read_text()
    # The GUI entry point runs from the installed wheel (resources and catalogue inside it).
    png = tmp_path / "shot.png"
    sample = REPO / "tests" / "data" / "samples" / "fope-spam-customspam.eml"
    env = {**os.environ, "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    shot = subprocess.run(
        [str(bin_dir / "fopegui"), "--screenshot", str(png), str(sample)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert shot.returncode == 0, shot.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    png.unlink()

    run_install(home, "--uninstall", FOPEGUI_NO_XDG="1")
    assert_removed(data)
    assert_no_stray_files(tmp_path, home)


MIMEAPPS_BEFORE = """[Default Applications]
message/rfc822=thunderbird.desktop
text/html=firefox.desktop
"""


@pytest.mark.slow
def test_install_with_xdg_tools_then_desktop_only_and_uninstall(
    tmp_path: Path, wheel: Path
) -> None:
    # xdg-mime (xdg-utils, installed by `scripts/setup-env test`) sets the defaults.
    tool("xdg-mime", "xdg-utils")
    home = tmp_path / "home"
    data = home / ".local" / "share"
    mimeapps = home / ".config" / "mimeapps.list"
    mimeapps.parent.mkdir(parents=True)
    mimeapps.write_text(MIMEAPPS_BEFORE)  # the user's mail program was the default for .eml
    run_install(home, "--from", str(wheel), "--system-site-packages", "--default")
    venv_exe = data / "fopegui" / "venv" / "bin" / "fopegui"
    assert_desktop_integration(data, venv_exe)
    for mime_type in DEFAULT_TYPES:
        assert f"{mime_type}=fopegui.desktop" in mimeapps.read_text()
    for mime_type in MAILBOX_TYPES:  # offered under "Open with", never taken over
        assert mime_type not in mimeapps.read_text()

    # --desktop-only points the menu entry at the fopegui found on PATH (pipx, uv tool ...).
    other = tmp_path / "home" / "tools" / "bin"
    other.mkdir(parents=True)
    (other / "fopegui").symlink_to(venv_exe)
    run_install(home, "--desktop-only", PATH=f"{other}{os.pathsep}{os.environ['PATH']}")
    assert_desktop_integration(data, other / "fopegui")
    (other / "fopegui").unlink()

    # The second run found fopegui as the default, yet uninstall brings back the first one's.
    run_install(home, "--uninstall")
    assert_removed(data)
    assert mimeapps.read_text() == MIMEAPPS_BEFORE
    assert_no_stray_files(tmp_path, home)


def test_uninstall_takes_fopegui_out_of_mimeapps_list(tmp_path: Path) -> None:
    # What GNOME or KDE wrote when the user chose fopegui themselves, next to what an install
    # with --default recorded: our entries go or give way to the recorded default; the rest stays.
    home = tmp_path / "home"
    (home / ".config").mkdir(parents=True)
    (home / ".local" / "share" / "fopegui").mkdir(parents=True)
    (home / ".local" / "share" / "fopegui" / "install.conf").write_text(
        "mode=venv\nexec=/nowhere/fopegui\n"
        "default.message/rfc822=thunderbird.desktop\ndefault.application/vnd.ms-outlook=\n"
    )
    mimeapps = home / ".config" / "mimeapps.list"
    mimeapps.write_text(
        "[Default Applications]\n"
        "message/rfc822=fopegui.desktop\n"
        "text/html=firefox.desktop\n"
        "application/vnd.ms-outlook=fopegui.desktop\n"
        "application/vnd.ms-outlook-pst=fopegui.desktop\n"
        "\n"
        "[Added Associations]\n"
        "message/rfc822=fopegui.desktop;thunderbird.desktop;\n"
        "application/vnd.ms-outlook=fopegui.desktop;\n"
        "application/mbox=fopegui.desktop;evolution.desktop;\n"
        "text/plain=fopegui.desktop;\n"
    )
    proc = run_install(home, "--uninstall", FOPEGUI_NO_XDG="1")
    assert "restored the default applications" in proc.stdout
    assert mimeapps.read_text() == (
        "[Default Applications]\n"
        "message/rfc822=thunderbird.desktop\n"
        "text/html=firefox.desktop\n"
        "\n"
        "[Added Associations]\n"
        "message/rfc822=thunderbird.desktop;\n"
        "application/mbox=evolution.desktop;\n"
        "text/plain=fopegui.desktop;\n"  # not a type fopegui registers: not ours to touch
    )
    assert not (home / ".local" / "share" / "fopegui").exists()
