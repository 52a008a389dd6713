"""Text from a message made safe to look at: invisible controls become visible markers.

Header values, file names and DNS answers are written by strangers. A C0/C1 control can drive
a terminal (ESC sequences, BEL), and a bidirectional control reorders what any display shows:
``…moc.kooltuo.noitcetorp.liam`` behind U+202E reads as ``mail.protection.outlook.com``.
Every place that shows such text — the terminal renderers, the exports and the Qt views —
marks them the same way, as their code point (``<U+202E>``), so the reader sees what is there.
"""

from __future__ import annotations

import re
from typing import Any

# C0 controls, DEL, C1 controls, and the Unicode bidirectional formatting characters
# (ALM, LRM, RLM, LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI).
CONTROLS = "\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[{CONTROLS}]")


def marker(char: str) -> str:
    """The visible form of one control character: ``<U+202E>``."""
    return f"<U+{ord(char):04X}>"


def show_controls(text: str, keep: str = "") -> str:
    """``text`` with every control character except those in ``keep`` (e.g. ``"\\n\\t"`` for
    multi-line text) replaced by its marker. Text without controls is returned as is."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else marker(m.group()), text)


def has_controls(text: str, keep: str = "") -> bool:
    """Whether ``text`` holds a control character other than those in ``keep``."""
    return any(m.group() not in keep for m in _CONTROL.finditer(text))


def printable(text: Any) -> str:
    """Terminal-safe, on one line: control characters and bidi overrides from headers must not
    drive the terminal or reorder what it shows; each is shown as its code point
    (``<U+202E>``); line breaks and tabs become spaces, None a dash."""
    if text is None:
        return "-"
    text = str(text).replace("\t", " ").replace("\r\n", " ").replace("\n", " ")
    return show_controls(text)
