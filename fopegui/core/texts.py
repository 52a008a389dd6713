"""Language-free text: what the engine says, rendered in a language only where it is shown.

The engine never picks a language. A meaning, a finding or a verdict sentence is kept as
a catalogue entry (``{"en": …, "ja": …}``), a template with parameters (:class:`Text`) or a
sequence of such parts (:class:`Joined`); :func:`render` turns any of them into a string in
one language. So a report can be shown in English, switched to Japanese and exported in
either, without parsing the message again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from fopegui.core import catalogue
from fopegui.core.model import Finding

# A catalogue text: plain (language-neutral, e.g. a value from the message) or bilingual.
Entry: TypeAlias = str | Mapping[str, str]


@dataclass(slots=True)
class Text:
    """A catalogue template and its parameters; parameters may be texts themselves."""

    template: Entry
    params: dict[str, Any] = field(default_factory=dict)
    # The last rendering and its language: a text is often shown twice in one report (a
    # verdict's summary in its finding and in the verdict; a shared decoder's finding in
    # every message with that header value). Texts are not changed once made.
    _shown: tuple[str, str] | None = field(default=None, init=False, repr=False, compare=False)

    def render(self, lang: str = "en") -> str:
        shown = self._shown
        if shown is not None and shown[0] == lang:
            return shown[1]
        text = template = catalogue.text(self.template, lang) or ""
        if self.params:
            values = _Lazy()  # (attributes set here: a dict subclass's __init__ costs more)
            values._params = self.params
            values._lang = lang
            try:
                text = template.format_map(values)
            except (ValueError, IndexError, AttributeError):  # a brace in a catalogue typo
                text = template
        self._shown = (lang, text)
        return text

    def __getstate__(self) -> tuple[Entry, dict[str, Any]]:
        return self.template, self.params  # not the rendering: pickles stay as small

    def __setstate__(self, state: tuple[Entry, dict[str, Any]]) -> None:
        self.template, self.params = state
        self._shown = None


@dataclass(slots=True)
class Joined:
    """Parts rendered one after the other (e.g. a meaning and a comment from the header).
    With ``clauses``, the parts are items of a list: the full stop that ends a part gives way
    to ``sep`` ("…Junk Email folder; BCL 0 — …", not "…folder.; BCL 0 — …")."""

    parts: tuple[Any, ...]
    sep: Entry = ""  # may differ by language (SENTENCE_GAP)
    clauses: bool = False
    # The last rendering and its language, as Text keeps it: a verdict's reasons are shown
    # in its finding and again in the verdict.
    _shown: tuple[str, str] | None = field(default=None, init=False, repr=False, compare=False)

    def render(self, lang: str = "en") -> str:
        shown = self._shown
        if shown is not None and shown[0] == lang:
            return shown[1]
        # Plain strings (half the parts of a verdict's reasons) without render()'s call.
        texts = [
            p if type(p) is str else render(p, lang) or "" for p in self.parts if p is not None
        ]
        if self.clauses:
            texts[:-1] = [_without_full_stop(t) for t in texts[:-1]]
        # (not render(): an empty separator is a language's own, not a missing translation)
        sep = self.sep if type(self.sep) is str else self.sep.get(lang, self.sep.get("en", ""))
        text = sep.join(texts)
        self._shown = (lang, text)
        return text

    def __getstate__(self) -> tuple[tuple[Any, ...], Entry, bool]:
        return self.parts, self.sep, self.clauses  # not the rendering, as for Text

    def __setstate__(self, state: tuple[tuple[Any, ...], Entry, bool]) -> None:
        self.parts, self.sep, self.clauses = state
        self._shown = None


# What comes between two sentences: a space in English, nothing in Japanese ("…か。(…)").
SENTENCE_GAP: Entry = {"en": " ", "ja": ""}


def _without_full_stop(text: str) -> str:
    text = text.rstrip()
    return text[:-1] if text.endswith((".", "。")) and not text.endswith("..") else text


Localized: TypeAlias = Entry | Text | Joined


class _Lazy(dict):
    """The parameters a template uses, each rendered when the template asks for it (a
    finding's parameters are often whole sentences its title does not use); a placeholder
    without a value reads '?' instead of raising."""

    __slots__ = ("_lang", "_params")
    _params: dict[str, Any]
    _lang: str

    def __missing__(self, key: str) -> Any:
        params = self._params
        if key not in params:
            return "?"
        value = params[key]
        kind = type(value)
        if kind is not str and kind is not int:  # most parameters are shown as they are
            value = _param(value, self._lang)
        self[key] = value
        return value


def _param(value: Any, lang: str) -> Any:
    kind = type(value)
    if kind is str or kind is int:  # most parameters: as they are
        return value
    if value is None:  # a fact the headers lack reads as a dash in a sentence, never "None"
        return "—"
    if kind is dict:  # a catalogue entry, or a mapping shown as it is (no ABC test)
        return render(value, lang) if "en" in value else value
    if hasattr(value, "render") or (isinstance(value, Mapping) and "en" in value):
        return render(value, lang)
    return value


def render(value: Localized | None, lang: str = "en") -> str | None:
    """The text in ``lang`` (English where the catalogue has no translation); None stays None.

    Besides catalogue entries, :class:`Text` and :class:`Joined`, anything with a
    ``render(lang)`` method is a text (e.g. a name that reads differently per language).
    """
    kind = type(value)
    if value is None or kind is str:
        return value
    if kind is dict:  # a catalogue entry (checked before the slower ABC test below)
        return value.get(lang) or value.get("en")
    if kind is Text or kind is Joined:  # the engine's own texts: no ABC test either
        return value.render(lang)
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        return catalogue.text(value, lang)
    return value.render(lang)


def same_text(a: Localized | None, b: Localized | None) -> bool:
    """Whether two texts read the same in every language (for de-duplication)."""
    return all(render(a, lang) == render(b, lang) for lang in catalogue.LANGUAGES)


# --- findings.json -------------------------------------------------------------------------

_FINDINGS: dict[str, Any] = catalogue.load("findings")


def phrase(section: str, key: str, **params: Any) -> Text:
    """A sentence of findings.json (``verdict``, ``next_step``, ``reason`` …) with parameters."""
    return Text(_FINDINGS[section][key], params)


def kb_label(code: str | None) -> Entry | None:
    """The display name of a KB reference code (``method1``, ``kb2590562`` …)."""
    if code is None:
        return None
    return _FINDINGS["kb"].get(code, code)


def code_label(kind: str, code: str | None) -> Entry:
    """The display name of a verdict code (``decided_by``, ``destination`` or ``remedy``);
    an unknown code is shown as itself, a missing one as a dash."""
    if code is None:
        return _FINDINGS["codes"]["unknown"]
    return _FINDINGS["codes"][kind].get(code, code)


def finding(
    fid: str,
    header: str | None = None,
    kb: str | None = None,
    severity: str | None = None,
    **params: Any,
) -> Finding:
    """A diagnosis finding of findings.json: its id, severity and texts, with parameters."""
    entry = _FINDINGS["finding"][fid]
    return Finding(
        id=fid,
        severity=severity or entry["severity"],
        title=Text(entry["title"], params),
        detail=Text(entry["detail"], params),
        header=header,
        kb=kb,
        params=params,
    )
