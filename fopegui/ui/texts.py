"""The UI's one text service: which language the reports are shown in, and the only way a
view turns the core's texts into strings.

The core is language-free: a meaning, a finding, a verdict sentence is a *Localized* value
(``core.texts``), and catalogue files hold ``{"en": …, "ja": …}`` entries. Views never
render those themselves and never keep the rendered strings: they ask this module when
they paint (item models call :func:`tr_core` in ``data()``) or rebuild their texts when
:attr:`TextService.language_changed` fires. Switching the language therefore re-renders the
open reports without parsing anything again.

Qt's own translations (``self.tr()``, the ``.ts``/``.qm`` files) are a different thing and
stay where they are: they translate the UI's chrome, installed at start-up (``app.py``).
"""

from __future__ import annotations

from functools import reduce
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from fopegui.ui.settings import LANGUAGES  # ("en", "ja"): the catalogue's languages too

if TYPE_CHECKING:
    from fopegui.core.texts import Localized


class TextService(QObject):
    """Holds the UI's current language; ``language_changed(lang)`` when it changes."""

    language_changed = Signal(str)

    def __init__(self, lang: str = "en") -> None:
        super().__init__()
        self._lang = lang if lang in LANGUAGES else "en"

    def language(self) -> str:
        return self._lang

    def set_language(self, lang: str) -> None:
        """Switch the language of core texts; views re-render on ``language_changed``."""
        lang = lang if lang in LANGUAGES else "en"
        if lang != self._lang:
            self._lang = lang
            self.language_changed.emit(lang)


_service: TextService | None = None


def service() -> TextService:
    """The app's one text service (made on first use; needs no QApplication)."""
    global _service
    if _service is None:
        _service = TextService()
    return _service


def language() -> str:
    """The language core texts are shown in now ("en" or "ja")."""
    return service().language()


def set_language(lang: str) -> None:
    service().set_language(lang)


# -- rendering -----------------------------------------------------------------------------


def tr_core(value: Localized | None, lang: str | None = None) -> str:
    """A core text (catalogue entry, ``Text``, ``Joined``, plain str) in the UI's language
    (or ``lang``); "" for None. Header values inside it stay as they are: show the result as
    plain text."""
    # Imported here: the empty window (start-up) needs the language, not the renderer.
    from fopegui.core.texts import render

    return render(value, lang or language()) or ""


def catalogue_text(name: str, *keys: str, lang: str | None = None, **params: Any) -> str:
    """The entry ``keys`` of catalogue file ``name`` (e.g. ``"kb2590562", "texts", "title"``)
    in the UI's language (or ``lang``), ``{placeholders}`` filled from ``params``.

    Filled the core's way (``core.texts.Text``): a placeholder without a value reads "?",
    so a catalogue typo shows up on screen instead of raising in a view.
    """
    from fopegui.core import catalogue
    from fopegui.core.texts import Text

    entry = reduce(lambda node, key: node[key], keys, catalogue.load(name))
    return tr_core(Text(entry, params), lang)


def kb_label(code: str | None) -> str:
    """The display name of a finding's KB reference code (``method2``, ``reputation`` …)."""
    from fopegui.core.texts import kb_label as label

    return tr_core(label(code))


def report_label(key: str) -> str:
    """A label the exports use too (``inferred``, ``rule``, ``verdict_codes`` …), so the
    window and a saved report say the same thing."""
    from fopegui.core.report import label  # not at start-up: only with a report

    return label(key, language())


def rule_source(ref: str | None) -> tuple[str, str | None] | None:
    """(title, url or None) of the source a diagnosis rule cites (``core.rules.source``)."""
    from fopegui.core import rules

    source = rules.source(ref)
    if source is None:
        return None
    return tr_core(source.get("title")) or (ref or ""), source.get("url")


def dnsbl_message(key: str, lang: str | None = None, **params: Any) -> str:
    """A message of the DNSBL catalogue (``dnsbl.json`` ``messages``), e.g. ``status_listed``."""
    return catalogue_text("dnsbl", "messages", key, lang=lang, **params)


def reputation_message(key: str, lang: str | None = None, **params: Any) -> str:
    """A sender-reputation text of the DNSBL catalogue (``dnsbl.json`` ``reputation``)."""
    return catalogue_text("dnsbl", "reputation", key, lang=lang, **params)
