"""The one way the UI shows text that came from a message, a file name or a DNS answer.

Such text is shown as plain text — never interpreted as rich text, and with its invisible
controls made visible (``core.visible``): a U+202E in a host name shows as ``<U+202E>``
instead of reversing what follows it. Item cells and plain-text labels take :func:`shown` or
:func:`one_line`; tooltips, which Qt renders as rich text whenever the text looks like a tag,
take :func:`plain_tooltip`; a rich-text label's link takes :func:`link`.
"""

from __future__ import annotations

import html
from datetime import datetime

from fopegui.core.visible import show_controls

# Line structure survives in multi-line widgets; every other control becomes a marker.
_MULTILINE = "\t\n"


def shown(text: str | None) -> str:
    """``text`` for a plain-text widget that may span lines (label, text edit, table cell
    that wraps): tabs and line breaks (LF, CRLF) kept, every other control — a bare CR too —
    shown as ``<U+XXXX>``."""
    if not text:
        return ""
    if "\r\n" in text:
        return "\r\n".join(show_controls(part, keep=_MULTILINE) for part in text.split("\r\n"))
    return show_controls(text, keep=_MULTILINE)


def one_line(text: str | None) -> str:
    """Text for a one-line cell: folding whitespace collapsed to single spaces, every other
    control shown as ``<U+XXXX>``."""
    if not text:
        return ""
    return show_controls(" ".join(text.split()))


def plain_tooltip(text: str | None) -> str:
    """A tooltip that shows ``text`` literally (Qt would render ``<b>`` or load ``<img>`` in a
    tooltip), with its controls made visible."""
    text = shown(text)
    if not text:
        return ""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


def day_text(when: datetime) -> str:
    """``2012-03-07`` (four-digit year always: strftime writes year 1 as ``1``)."""
    return f"{when.year:04d}-{when.month:02d}-{when.day:02d}"


def clock_text(when: datetime) -> str:
    """``11:41:07``."""
    return f"{when.hour:02d}:{when.minute:02d}:{when.second:02d}"


def link(url: str, text: str) -> str:
    """A rich-text link to ``url`` labelled ``text``, both escaped."""
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(text)}</a>'
