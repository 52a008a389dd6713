"""The interface language: which one to show (command line, View ▸ Language / Settings, the
system's), and switching to it while the app runs — Qt's translators (qtbase for dialog
buttons, fopegui's own), the font's Japanese fallbacks, and the text service that renders
the core's texts (ui/texts.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QGuiApplication

from fopegui.paths import resource
from fopegui.ui import settings as store
from fopegui.ui import texts

LANGUAGES = store.LANGUAGES  # the translations we ship (resources/i18n) plus English
# Japanese fonts tried after the UI font, so kanji get Japanese (not Chinese) glyph shapes
# wherever a fallback would otherwise pick any CJK font (docs/I18N.md).
JAPANESE_FONTS = ("Noto Sans CJK JP", "Source Han Sans JP", "Yu Gothic UI", "Meiryo UI",
                  "Hiragino Sans", "IPAexGothic", "IPAGothic", "TakaoPGothic")  # fmt: skip
_translators: list[QTranslator] = []  # installed by install_translations (replaced on a rerun)
_applied: list[str] = []  # the language apply_language last installed


def system_language(locale: QLocale | None = None) -> str:
    """Japanese ("ja") when the system's first UI language is Japanese, else "en"."""
    locale = locale if locale is not None else QLocale.system()
    first = next(iter(locale.uiLanguages()), "") or locale.name()
    return "ja" if first.lower().startswith("ja") else "en"


def choose_language(
    requested: str | None, settings: QSettings | None = None, locale: QLocale | None = None
) -> str:
    """``--lang`` if given, else the choice of View ▸ Language (or Settings ▸ General) unless
    it is "System", else the system's language."""
    if requested in LANGUAGES:
        return requested
    chosen = store.language(settings) if settings is not None else ""
    if chosen in LANGUAGES:
        return chosen
    return system_language(locale)


def install_translations(app: QCoreApplication, lang: str) -> list[QTranslator]:
    """Install Qt's own (qtbase: dialog buttons) and fopegui's translations for ``lang``,
    replacing any installed before; "en" (the source language) needs none."""
    while _translators:
        old = _translators.pop()
        app.removeTranslator(old)
        old.deleteLater()
    if lang == "en":
        return []
    qt = QTranslator(app)
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(QLocale(lang), "qtbase", "_", qt_folder):  # PySide6 wheels ship qtbase_ja.qm
        _translators.append(qt)
    ours = QTranslator(app)
    if ours.load(str(resource("i18n", f"fopegui_{lang}.qm"))):
        _translators.append(ours)
    for translator in _translators:
        app.installTranslator(translator)
    return list(_translators)


def set_font(app: QGuiApplication, lang: str) -> None:
    font = app.font()
    families = [f for f in font.families() if f not in JAPANESE_FONTS] or [font.family()]
    if lang == "ja":
        families += JAPANESE_FONTS
    if families != font.families():  # only touch the font when the language needs it
        font.setFamilies(families)
        app.setFont(font)


def apply_language(lang: str) -> None:
    """Everything the app shows from now on in ``lang``: Qt's translations, the font, and the
    core's texts (views that render them re-render on ``texts.language_changed``)."""
    app = QCoreApplication.instance()
    if app is not None:
        install_translations(app, lang)
        if isinstance(app, QGuiApplication):
            set_font(app, lang)
    texts.set_language(lang)
    _applied[:] = [lang]


def applied() -> str | None:
    """The language :func:`apply_language` last applied (None: never in this process)."""
    return _applied[0] if _applied else None
