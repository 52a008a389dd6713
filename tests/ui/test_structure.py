"""The layers and the views, read from the sources (issue 14): core imports neither net, ui nor
Qt; net imports neither ui nor Qt; a view never imports another view (only the main window
wires them); no module under fopegui/ is longer than 600 lines.

A *view* is every module of fopegui/ui except the shared modules and the window modules listed
below (a module that is neither is a view: a new module is a view until it is listed here). A
view may be made of several modules (``PARTS``): a part belongs to its view alone.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "fopegui"
UI = PACKAGE / "ui"
MAX_LINES = 600

# Shared by the views; they import no view and no window module.
SHARED = {
    "__init__": "the package",
    "widgets": "widgets the views share (labels, notices, the DNSBL result table)",
    "plain": "plain-text helpers for message data",
    "texts": "the text service: the core's texts in the UI's language",
    "models": "Qt item models over core objects",
    "severity": "colours and icons of the severities",
    "settings": "QSettings helpers",
    "tables": "read-only table set-up",
    "dns_worker": "the one asyncio loop thread the DNS views share",
    "dns_settings": "the DNS settings (resolver, lists) the DNS views read",
    "columns": "fitting table columns to their content",
    "delegates": "item delegates: full text of cut-off cells, delay bars",
    "mailboxes": "which files are named as messages or mailboxes, which are mailbox files",
    "pyside_hook": "a cheaper answer to PySide's import hook, installed by the package",
}
# Shared modules the package itself imports: every view has them loaded, none names them.
OF_THE_PACKAGE = {"__init__", "pyside_hook"}
# The main window and what it is made of: the only modules that import views.
WINDOW = {
    "app": "the application: starts the main window",
    "file_open": "the QApplication: the files the desktop sends it open in the window",
    "single_instance": "a later `fopegui FILE…` hands its files to the running window",
    "main_window": "the main window",
    "window_layout": "its panes and focus order",
    "window_actions": "its menus, shortcuts and Help",
    "window_loading": "its loading of files and text",
    "loader": "running the analysis for the window (threads, worker processes)",
    "language": "switching the language of the running app",
    "lazy_page": "a tab page the window builds when first shown",
}
# Modules that are part of one view (the view's own module is the value).
PARTS = {
    "detail_pane": "header_tree",
    "summary_block": "header_tree",
    "received_model": "received_tab",
    "kb2590562_pages": "kb2590562_wizard",
    "submission_pages": "submission_wizard",
    "submission_widgets": "submission_wizard",
    "triage_chart": "triage_view",
    "triage_model": "triage_view",
    "triage_worker": "triage_view",
    "triage_export": "triage_view",
    "triage_columns": "triage_view",
}


def imported_modules(source: str, package: str = "fopegui.ui") -> set[str]:
    """Every module a source file imports, anywhere in it (functions and TYPE_CHECKING
    blocks included), as dotted names; ``from pkg import mod`` counts as ``pkg.mod``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the file's own package
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def ui_imports(source: str) -> set[str]:
    """The fopegui.ui modules (by short name) that a source imports."""
    names = set()
    for module in imported_modules(source):
        if module.startswith("fopegui.ui."):
            short = module.split(".")[2]
            if (UI / f"{short}.py").is_file():
                names.add(short)
    return names


def ui_modules() -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(UI.glob("*.py"))}


def view_of(module: str) -> str | None:
    """The view ``module`` belongs to, or None for a shared or window module."""
    if module in SHARED or module in WINDOW:
        return None
    return PARTS.get(module, module)


def view_violations(sources: dict[str, str]) -> list[str]:
    """Imports that break the rules: a view importing another view or a window module, a
    shared module importing a view or window module, a window module importing a part."""
    wrong = []
    for module, source in sources.items():
        mine = view_of(module)
        for target in sorted(ui_imports(source) - {module}):
            theirs = view_of(target)
            if module in SHARED and target not in SHARED:
                wrong.append(f"shared module {module} imports {target}")
            elif mine is not None and target in WINDOW:
                wrong.append(f"view {module} imports the window module {target}")
            elif mine is not None and theirs is not None and theirs != mine:
                wrong.append(f"view {module} imports {target} (view {theirs})")
            elif module in WINDOW and target in PARTS:
                wrong.append(f"window module {module} imports {target}, a part of {PARTS[target]}")
    return wrong


def layer_violations(files: dict[str, str]) -> list[str]:
    """core → net / ui / Qt and net → ui / Qt imports; ``files`` maps a path under fopegui/
    (``core/x.py``) to its source."""
    forbidden = {
        "core": ("fopegui.net", "fopegui.ui", "PySide6", "shiboken6"),
        "net": ("fopegui.ui", "PySide6", "shiboken6"),
    }
    wrong = []
    for path, source in files.items():
        layer = path.split("/", 1)[0]
        for module in sorted(imported_modules(source, f"fopegui.{layer}")):
            if module.startswith(forbidden.get(layer, ())):
                wrong.append(f"{path} imports {module}")
    return wrong


def package_files(*layers: str) -> dict[str, str]:
    return {
        str(path.relative_to(PACKAGE)): path.read_text(encoding="utf-8")
        for layer in layers
        for path in sorted((PACKAGE / layer).rglob("*.py"))
    }


# -- the rules hold ---------------------------------------------------------------------------


def test_views_never_import_each_other() -> None:
    assert view_violations(ui_modules()) == []


def test_core_and_net_stay_below_the_ui() -> None:
    files = package_files("core", "net")
    assert len(files) > 40  # really read them
    assert layer_violations(files) == []


def test_no_module_is_longer_than_600_lines() -> None:
    long = {
        str(path.relative_to(PACKAGE)): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


# -- the lists above stay honest --------------------------------------------------------------


def test_the_lists_name_real_modules_and_real_views() -> None:
    modules = set(ui_modules())
    listed = set(SHARED) | set(WINDOW) | set(PARTS)
    assert listed <= modules, f"listed but missing: {sorted(listed - modules)}"
    assert not set(SHARED) & set(WINDOW)
    for part, view in PARTS.items():
        assert view in modules and view_of(view) == view, (part, view)
    views = {view_of(m) for m in modules} - {None}
    assert {"banner", "header_tree", "blacklist_tab", "reputation_view", "triage_view"} <= views


def test_each_shared_module_is_shared() -> None:
    """A module called shared is imported by at least two views (else it is a view's part)."""
    sources = ui_modules()
    for shared in set(SHARED) - OF_THE_PACKAGE:
        users = {view_of(m) for m, source in sources.items() if shared in ui_imports(source)}
        assert len(users - {None}) >= 2, f"{shared} is used by {users - {None}} only"


def test_only_window_modules_import_the_window() -> None:
    sources = ui_modules()
    for module, source in sources.items():
        if module not in WINDOW:
            assert not ui_imports(source) & set(WINDOW), module


# -- the checks catch what they are meant to catch ---------------------------------------------


@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        ({"reputation_view": "from fopegui.ui.submission_wizard import Notice\n"},
         "view reputation_view imports submission_wizard (view submission_wizard)"),
        ({"blacklist_tab": "def f():\n    from fopegui.ui import kb2590562_pages\n"},
         "view blacklist_tab imports kb2590562_pages (view kb2590562_wizard)"),
        ({"widgets": "from fopegui.ui.banner import DiagnosisBanner\n"},
         "shared module widgets imports banner"),
        ({"banner": "from fopegui.ui import main_window\n"},
         "view banner imports the window module main_window"),
        ({"main_window": "from fopegui.ui.triage_model import SHOWN\n"},
         "window module main_window imports triage_model, a part of triage_view"),
    ],
)  # fmt: skip
def test_view_check_finds_a_wrong_import(sources, expected) -> None:
    assert view_violations(sources) == [expected]


def test_view_check_allows_a_view_its_parts_and_the_shared_modules() -> None:
    sources = {
        "submission_wizard": "from fopegui.ui.submission_pages import LetterPage\n"
        "from fopegui.ui.widgets import Notice\nfrom fopegui.ui import texts\n",
        "main_window": "from fopegui.ui.banner import DiagnosisBanner\n",
    }
    assert view_violations(sources) == []


def test_layer_check_finds_wrong_imports() -> None:
    files = {
        "core/a.py": "import PySide6.QtCore\n",
        "core/b.py": "from fopegui.net import dnsbl\n",
        "core/c.py": "if False:\n    from ..ui import texts\n",
        "net/d.py": "from PySide6 import QtCore\n",
        "net/e.py": "from fopegui.core import addresses\n",
    }
    assert layer_violations(files) == [
        "core/a.py imports PySide6.QtCore",
        "core/b.py imports fopegui.net",
        "core/b.py imports fopegui.net.dnsbl",
        "core/c.py imports fopegui.ui",
        "core/c.py imports fopegui.ui.texts",
        "net/d.py imports PySide6",
        "net/d.py imports PySide6.QtCore",
    ]
