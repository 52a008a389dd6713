"""Header decoders: one module per family, each maps header names to a decode function.

A decoder takes the unfolded, RFC 2047-decoded value and returns a
:class:`Decoded`. It never raises on malformed input: it returns fields with severity
``unknown`` and, where useful, a finding.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fopegui.core.model import Family, Field, Finding, Severity
from fopegui.core.texts import Localized


@dataclass(slots=True)
class Decoded:
    """What a decoder read in one header value (see the package docstring)."""

    family: Family
    severity: Severity
    fields: list[Field] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    description: Localized | None = None  # what the header is (catalogue text)
    # Structured facts for the report sections (see each module's docstring for keys).
    data: dict[str, Any] = field(default_factory=dict)
    # From the header's catalogue entry (headers.json "doc", "group"), set by the registry.
    doc_url: str | None = None  # Microsoft's (or the RFC's) page about the header
    group: str | None = None  # a display group of its own (e.g. "exchange"), else None
    # The JSON of the parts above that a report's header entry holds, by language, written
    # once by core.report_headers for a result shared by many messages (not part of it).
    encoded: dict[str, bytes] | None = field(default=None, compare=False, repr=False)


Decoder = Callable[[str], Decoded]  # value -> Decoded
