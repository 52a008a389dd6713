"""`fopegui`: the desktop app. Also `fopegui --screenshot OUT.png [--tab NAME] FILE…`."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from fopegui import __version__
from fopegui.ui import settings as store
from fopegui.ui import texts
from fopegui.ui.file_open import Application
from fopegui.ui.language import LANGUAGES as LANGUAGES
from fopegui.ui.language import apply_language
from fopegui.ui.language import choose_language as choose_language
from fopegui.ui.language import install_translations as install_translations
from fopegui.ui.language import system_language as system_language
from fopegui.ui.main_window import TAB_NAMES, MainWindow

TABS = tuple(TAB_NAMES)
SCREENSHOT_SIZE = (1400, 900)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fopegui",
        description="Why was this message filtered? Microsoft FOPE / EOP header analysis.",
    )
    parser.add_argument(
        "files", nargs="*", metavar="FILE",
        help=".eml, .msg or header text; a folder gives the messages and mailboxes in it; an "
        "mbox or .pst opens in the triage window",
    )  # fmt: skip
    parser.add_argument("--screenshot", metavar="OUT.png", help="save a PNG of the window and exit")
    parser.add_argument("--tab", choices=TABS, default="headers", help="tab to show")
    parser.add_argument(
        "--lang", choices=LANGUAGES, help="language (default: Settings, else the system's)"
    )
    parser.add_argument(
        "--new-instance", action="store_true",
        help="open the files in a new window even when fopegui is running (by default a "
        "running fopegui opens them)",
    )  # fmt: skip
    parser.add_argument("--version", action="version", version=f"fopegui {__version__}")
    return parser


def create_app(argv: list[str] | None = None, lang: str = "en") -> QApplication:
    """The QApplication (reused if one exists; else fopegui's, which takes the files the
    desktop asks it to open), named so QSettings finds its place, with Qt's translations and
    the text service (the core's texts) in ``lang``."""
    app = QApplication.instance() or Application(argv or [sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setOrganizationName("fopegui")
    app.setApplicationName("fopegui")
    app.setApplicationVersion(__version__)
    apply_language(lang)
    return app


def _screenshot(window: MainWindow, files: list[str], tab: str, out: str) -> int:
    window.resize(*SCREENSHOT_SIZE)
    window.open_paths(files, background=False)
    window.select_tab(tab)
    window.show()
    shown = _triage_shown(window)
    for _ in range(3):  # let layouts and deferred resizes settle before grabbing
        QApplication.processEvents()
    image = shown.grab()
    saved = image.save(out, "PNG")
    from fopegui.core.visible import printable  # terminal-safe: names and errors are data

    for report in window.failures:
        name, error = printable(report.path or "-"), printable(texts.tr_core(report.error))
        print(f"fopegui: {name}: {error}", file=sys.stderr)
    if not saved:
        print(f"fopegui: cannot write {out}", file=sys.stderr)
    window.close()
    return 0 if saved and not window.failures else 1


def _triage_shown(window: MainWindow) -> QWidget:
    """The window to grab: the triage window, once its run is over, when the files were only
    mailboxes (they open there); else the main window."""
    triage = getattr(window, "triage_window", None)
    if triage is None or window.messages.rowCount():
        return window
    if triage.is_running():  # it ends through this thread's events: none run in between
        waiting = QEventLoop()
        triage.finished.connect(waiting.quit)
        waiting.exec()
    triage.resize(*SCREENSHOT_SIZE)
    return triage


def start(args: argparse.Namespace) -> tuple[QApplication, MainWindow]:
    """The app and its main window, shown, with the files named and those the desktop sends
    on their way: everything :func:`main` does before the event loop runs."""
    settings = store.open_settings()
    lang = choose_language(args.lang, settings)
    app = create_app(lang=lang)
    window = MainWindow(settings=settings, deferred=True)  # frame, then panes
    window.show()
    if args.files:
        window.open_paths(args.files)
    if isinstance(app, Application):  # macOS: double-clicked files come as events
        app.open_files_with(window, window.open_paths)
        # Linux, Windows: a later `fopegui FILE…` hands its files to this window.
        QTimer.singleShot(0, app.listen_for_files)
    return app, window


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        # A screenshot run must neither read nor change the user's window layout or recents,
        # and looks the same on every machine: --lang, else English (not the system's).
        lang = args.lang or "en"
        app = create_app(lang=lang)
        with tempfile.TemporaryDirectory(prefix="fopegui-shot-") as folder:
            settings = QSettings(str(Path(folder) / "fopegui.ini"), QSettings.Format.IniFormat)
            window = MainWindow(settings=settings)
            return _screenshot(window, args.files, args.tab, args.screenshot)

    if args.files and not args.new_instance:
        from fopegui.ui.single_instance import hand_off  # QtNetwork: only with files

        if hand_off(args.files):  # a running fopegui took them (no app or window needed)
            return 0
    app, window = start(args)
    status = app.exec()
    from fopegui.ui.loader import wait_for_loaders

    window.release_loading()  # a quit that bypassed the window's close event
    wait_for_loaders()  # a load thread must end before Qt is torn down
    return status


if __name__ == "__main__":
    sys.exit(main())
