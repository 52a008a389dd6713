"""Finding and verdict sentences from catalogue/findings.json, in the report's language."""

from __future__ import annotations

from typing import Any

from fopegui.core import catalogue
from fopegui.core.model import Finding


class _Blank(dict):
    """Placeholders without a value read '?' instead of raising."""

    def __missing__(self, key: str) -> str:
        return "?"


class Texts:
    """Catalogue sentences in one language, with forgiving placeholder filling."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.data = catalogue.load("findings")

    def get(self, section: str, key: str, **values: Any) -> str:
        template = catalogue.text(self.data[section][key], self.lang) or ""
        return template.format_map(_Blank(values))

    def finding(
        self,
        fid: str,
        header: str | None = None,
        kb: str | None = None,
        severity: str | None = None,
        **values: Any,
    ) -> Finding:
        entry = self.data["finding"][fid]
        fill = _Blank(values)
        return Finding(
            id=fid,
            severity=severity or entry["severity"],
            title=(catalogue.text(entry["title"], self.lang) or "").format_map(fill),
            detail=(catalogue.text(entry["detail"], self.lang) or "").format_map(fill),
            header=header,
            kb=self.get("kb", kb) if kb else None,
        )
