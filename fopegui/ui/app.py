"""`fopegui`: the desktop app. Also `fopegui --screenshot OUT.png [--tab NAME] FILE…`."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication

from fopegui import __version__
from fopegui.paths import resource
from fopegui.ui.main_window import TAB_NAMES, MainWindow

TABS = tuple(TAB_NAMES)
SCREENSHOT_SIZE = (1400, 900)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="fopegui",
        description="Why was this message filtered? Microsoft FOPE / EOP header analysis.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help=".eml, .msg or header text")
    parser.add_argument("--screenshot", metavar="OUT.png", help="save a PNG of the window and exit")
    parser.add_argument("--tab", choices=TABS, default="headers", help="tab to show")
    parser.add_argument("--lang", choices=("en", "ja"), default="en", help="language")
    parser.add_argument("--version", action="version", version=f"fopegui {__version__}")
    return parser


def _install_translations(app: QApplication, lang: str) -> None:
    if lang == "en":
        return
    locale = QLocale(lang)
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
    ours = QTranslator(app)
    if ours.load(str(resource("i18n", f"fopegui_{lang}.qm"))):
        app.installTranslator(ours)


def create_app(argv: list[str] | None = None, lang: str = "en") -> QApplication:
    """The QApplication (reused if one exists), named so QSettings finds its place."""
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setOrganizationName("fopegui")
    app.setApplicationName("fopegui")
    app.setApplicationVersion(__version__)
    _install_translations(app, lang)
    return app


def _screenshot(window: MainWindow, files: list[str], tab: str, out: str) -> int:
    window.resize(*SCREENSHOT_SIZE)
    window.open_paths(files, background=False)
    window.select_tab(tab)
    window.show()
    for _ in range(3):  # let layouts and deferred resizes settle before grabbing
        QApplication.processEvents()
    image = window.grab()
    saved = image.save(out, "PNG")
    for report in window.failures:
        print(f"fopegui: {report.path or '-'}: {report.error}", file=sys.stderr)
    if not saved:
        print(f"fopegui: cannot write {out}", file=sys.stderr)
    window.close()
    return 0 if saved and not window.failures else 1


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = create_app(lang=args.lang)

    if args.screenshot:
        # A screenshot run must neither read nor change the user's window layout or recents.
        with tempfile.TemporaryDirectory(prefix="fopegui-shot-") as folder:
            settings = QSettings(str(Path(folder) / "fopegui.ini"), QSettings.Format.IniFormat)
            window = MainWindow(settings=settings, lang=args.lang)
            return _screenshot(window, args.files, args.tab, args.screenshot)

    window = MainWindow(lang=args.lang, deferred=True)  # frame first, panes right after
    window.show()
    if args.files:
        window.open_paths(args.files)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
