"""The data the engine produces. Plain dataclasses: the UI and CLI only render these."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # texts imports this module at run time
    from fopegui.core.texts import Localized

Severity = Literal["ok", "info", "warning", "problem", "unknown"]
Family = Literal["fope", "eop", "auth", "routing", "other"]
SourceKind = Literal["eml", "msg", "text"]

# Path suffixes that name a message inside another: FILE.msg#attachment-N, BOUNCE#returned-original
RETURNED_ORIGINAL = "#returned-original"  # the original a bounce (NDR) carries back

SEVERITIES: tuple[Severity, ...] = ("ok", "info", "warning", "problem", "unknown")
# "worst of" ordering used to roll field severities up to their header.
SEVERITY_RANK: dict[Severity, int] = {"ok": 0, "info": 1, "unknown": 2, "warning": 3, "problem": 4}


def worst(
    severities: list[Severity] | tuple[Severity, ...], default: Severity = "info"
) -> Severity:
    """The most serious of several severities (problem > warning > unknown > info > ok)."""
    return max(severities, key=SEVERITY_RANK.__getitem__, default=default)


@dataclass(slots=True)
class Field:
    """One decoded part of a header value (e.g. ``SFV:SPM`` of X-Forefront-Antispam-Report)."""

    key: str
    value: str
    meaning: Localized | None  # rendered in a language where shown (core.texts.render)
    severity: Severity = "info"
    # Longer explanation (why it matters / what to do) and provenance of the meaning.
    detail: Localized | None = None
    inferred: bool = False
    undocumented: bool = False  # Microsoft documents no meaning: shown raw, marked so


@dataclass(slots=True)
class Finding:
    """A diagnosis statement: what was seen, what it means, what to do.

    ``title`` and ``detail`` are language-free (core.texts); ``params`` are the values they
    were filled with, for scripts and for re-rendering. ``kb`` is a reference code
    (``method1`` … ``kb2590562``, see findings.json ``kb``).
    """

    id: str
    severity: Severity
    title: Localized
    detail: Localized
    header: str | None = None
    kb: str | None = None
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True, init=False)  # __init__ below: tens of thousands made per folder
class Header:
    """One header field of the message, in file order."""

    index: int  # 0-based position in the header block
    name: str  # as written in the file
    value: str  # unfolded and RFC 2047 decoded
    raw: str  # as in the file (folding kept), decoded as UTF-8 with replacement
    family: Family = "other"
    severity: Severity = "info"
    description: Localized | None = None  # what this header is, from the catalogue
    doc_url: str | None = None  # Microsoft's (or the RFC's) page about this header
    group: str | None = None  # its own display group (headers.json "group"), else by family
    fields: list[Field] = field(default_factory=list)
    key: str = ""  # lower-cased name: header names compare case-insensitively
    data: dict[str, Any] = field(default_factory=dict)  # the decoder's facts (decoders/)
    # The decoder's result the fields above were copied from (core.decoders.Decoded, shared
    # with every message that has this value; never changed): the JSON writer keeps its
    # encoded text there. Not pickled (a report sent between processes carries the copies).
    shared: Any = field(default=None, compare=False, repr=False)

    def __init__(
        self,
        index: int,
        name: str,
        value: str,
        raw: str,
        family: Family = "other",
        severity: Severity = "info",
        description: Localized | None = None,
        doc_url: str | None = None,
        group: str | None = None,
        fields: list[Field] | None = None,
        data: dict[str, Any] | None = None,
    ) -> None:
        # The generated one, without a __post_init__ call for the key: a sixth of the cost of
        # making a header, which the split does some sixty times a message.
        self.index = index
        self.name = name
        self.value = value
        self.raw = raw
        self.family = family
        self.severity = severity
        self.description = description
        self.doc_url = doc_url
        self.group = group
        self.fields = [] if fields is None else fields
        self.key = name.lower()
        self.data = {} if data is None else data
        self.shared = None

    def __getstate__(self) -> tuple[None, dict[str, Any]]:
        return None, {name: getattr(self, name) for name in _HEADER_STATE}

    def __setstate__(self, state: tuple[None, dict[str, Any]]) -> None:
        self.shared = None
        for name, value in state[1].items():
            setattr(self, name, value)


_HEADER_STATE = tuple(f for f in Header.__slots__ if f != "shared")

# Each header key (lower-case name) → its headers in file order. The readings after the split
# (summary, Received chain, stamps, authentication) look headers up by name a dozen times a
# message; one index instead of a scan of some sixty headers each time.
HeaderIndex = dict[str, list[Header]]


def index_headers(headers: list[Header]) -> HeaderIndex:
    index: HeaderIndex = {}
    for header in headers:
        group = index.get(header.key)
        if group is None:
            index[header.key] = [header]
        else:
            group.append(header)
    return index


def headers_of(headers: list[Header], index: HeaderIndex, *keys: str) -> list[Header]:
    """The headers of any of ``keys``, in file order (``index``: of ``headers``)."""
    groups = [index[key] for key in keys if key in index]
    if len(groups) > 1:  # interleaved in the file: only the list knows their order
        return [h for h in headers if h.key in keys]
    return groups[0] if groups else []


def first_of(index: HeaderIndex, key: str) -> Header | None:
    group = index.get(key)
    return group[0] if group else None


@dataclass(slots=True)
class Hop:
    """One Received header, numbered from the oldest (hop 1)."""

    hop: int
    header_index: int
    from_host: str | None = None
    from_helo: str | None = None  # name claimed in HELO when the Received shows it separately
    from_rdns: str | None = None  # reverse DNS name the receiving server recorded
    by_host: str | None = None
    with_proto: str | None = None
    id: str | None = None
    for_addr: str | None = None
    ip: str | None = None
    time: str | None = None  # ISO 8601 with offset
    raw: str = ""
    # Worked out over the whole chain (received.received_chain):
    delay_s: float | None = None
    fope_edge: bool = False  # any FOPE/EOP host involved in this hop
    edge_role: str | None = None  # "inbound" | "outbound" | "hub" | "internal" | None
    is_outbound_edge: bool = False  # the FOPE/EOP outbound edge that handed the message on


@dataclass(slots=True)
class Source:
    """A loaded message: the original bytes, untouched, and where they came from."""

    path: str | None
    kind: SourceKind
    data: bytes  # the file's bytes exactly as read
    sha256: str
    header_bytes: bytes  # the RFC 5322 header block to analyse (for .msg: transport headers)
    # .msg extras (filled by the .msg loader): property-derived facts and attachments.
    properties: dict[str, str | None] = field(default_factory=dict)
    attachments: list[Attachment] = field(default_factory=list)
    notes: list[Finding] = field(
        default_factory=list
    )  # loader findings (e.g. no transport headers)

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass(slots=True)
class Attachment:
    """An attachment of an Outlook .msg (its entry in the attachment table)."""

    name: str | None
    mime_type: str | None
    size: int
    is_message: bool = False  # an embedded message that can be analysed in turn
    index: int = 0


@dataclass(slots=True)
class Verdict:
    """The diagnosis as codes (CONTRACT.md, verdict v2); sentences are rendered from them.

    ``filter``/``direction`` say whose stamps were read; ``decided_by``, ``destination`` and
    ``remedy`` are codes; ``rule`` is the id of the catalogue rule that decided (rules.json)
    and ``source`` where that rule comes from (KB2669119, a Microsoft page, or inferred).
    """

    filtered_as_spam: bool | None
    kb_methods: list[int] = field(default_factory=list)
    reasons: list[Localized] = field(default_factory=list)
    summary: Localized = ""  # one sentence for the diagnosis banner
    next_step: Localized = ""
    filter: str | None = None  # "fope" | "eop"
    direction: str | None = None  # "inbound" | "outbound" | "internal"
    decided_by: str | None = None
    destination: str | None = None
    remedy: str | None = None
    stamp: str | None = None  # whose stamp: "reader" | "sender" (see core.stamps)
    whose: Localized | None = None  # that, in plain words, for the banner
    rule: str | None = None
    source: str | None = None
    inferred: bool = False
    severity: Severity = "unknown"


@dataclass(slots=True)
class Report:
    """Everything the analysis found in one message: what the UI and the CLI render."""

    source: Source | None
    error: Localized | None = None
    summary: dict[str, str | None] = field(default_factory=dict)
    headers: list[Header] = field(default_factory=list)
    received: list[Hop] = field(default_factory=list)
    fope: dict = field(default_factory=dict)
    eop: dict = field(default_factory=dict)
    auth: dict = field(default_factory=dict)
    verdict: Verdict = field(default_factory=lambda: Verdict(None))
    findings: list[Finding] = field(default_factory=list)
    parse_ms: float = 0.0
    path: str | None = None  # set even when loading failed
    ndr: Any = None  # core.ndr.NdrInfo when the message is a bounce (KB2590562)
    stamps: Any = None  # core.stamps.Reading: whose filtering stamps the verdict reads
    auth_reading: Any = None  # core.auth_reading.AuthReading: the reader's authentication

    @property
    def outbound_edge(self) -> Hop | None:
        return next((h for h in self.received if h.is_outbound_edge), None)


class LoadError(Exception):
    """The input could not be read as a message.

    ``err.text`` is the sentence for the user, language-free (core.texts); ``str(err)`` is
    its English rendering, for logs and tracebacks.
    """

    def __init__(self, text: Localized) -> None:
        from fopegui.core.texts import render

        super().__init__(render(text, "en"))
        self.text = text
