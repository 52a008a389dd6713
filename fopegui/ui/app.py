"""`fopegui`: the desktop app. Also `fopegui --screenshot OUT.png [--tab NAME] FILE…`."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from fopegui import __version__

TABS = ("headers", "received", "blacklist", "raw")
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


def _install_translations(app: object, lang: str) -> None:
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    from fopegui.paths import resource

    if lang == "en":
        return
    locale = QLocale(lang)
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)  # type: ignore[attr-defined]
    ours = QTranslator(app)
    if ours.load(str(resource("i18n", f"fopegui_{lang}.qm"))):
        app.installTranslator(ours)  # type: ignore[attr-defined]


def create_app(argv: list[str] | None = None, lang: str = "en"):  # noqa: ANN201 (QApplication)
    """The QApplication (reused if one exists), named so QSettings finds its place."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setOrganizationName("fopegui")
    app.setApplicationName("fopegui")
    app.setApplicationVersion(__version__)
    _install_translations(app, lang)
    return app


def _screenshot(window: object, files: list[str], tab: str, out: str) -> int:
    from PySide6.QtWidgets import QApplication

    window.resize(*SCREENSHOT_SIZE)  # type: ignore[attr-defined]
    window.open_paths(files, background=False)  # type: ignore[attr-defined]
    window.select_tab(tab)  # type: ignore[attr-defined]
    window.show()  # type: ignore[attr-defined]
    for _ in range(3):  # let layouts and deferred resizes settle before grabbing
        QApplication.processEvents()
    image = window.grab()  # type: ignore[attr-defined]
    saved = image.save(out, "PNG")
    for report in window.failures:  # type: ignore[attr-defined]
        print(f"fopegui: {report.path or '-'}: {report.error}", file=sys.stderr)
    if not saved:
        print(f"fopegui: cannot write {out}", file=sys.stderr)
    window.close()  # type: ignore[attr-defined]
    return 0 if saved and not window.failures else 1  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = create_app(lang=args.lang)

    from fopegui.ui import settings as store
    from fopegui.ui.main_window import MainWindow

    if args.screenshot:
        # A screenshot run must neither read nor change the user's window layout or recents.
        with tempfile.TemporaryDirectory(prefix="fopegui-shot-") as folder:
            settings = store.QSettings(
                str(Path(folder) / "fopegui.ini"), store.QSettings.Format.IniFormat
            )
            window = MainWindow(settings=settings, lang=args.lang)
            return _screenshot(window, args.files, args.tab, args.screenshot)

    window = MainWindow(lang=args.lang)
    window.show()
    if args.files:
        window.open_paths(args.files)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
