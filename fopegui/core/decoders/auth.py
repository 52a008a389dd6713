"""Sender authentication headers: Authentication-Results, ARC-*, Received-SPF, DKIM-Signature.

``data`` keys:
- Authentication-Results → ``{"spf", "dkim", "dmarc", "compauth", "compauth_reason",
  "smtp_mailfrom", "smtp_helo", "header_d", "header_from", "dmarc_action"}`` (lower-case
  results, None when absent; the first occurrence of a method wins; ``smtp_helo``: the HELO
  name SPF checked when the envelope sender was empty)
- X-MS-Exchange-Authentication-Results (Exchange Online's own copy, recorded at a Microsoft 365
  hop) and Authentication-Results-Original (the sending tenant's record, carried along) →
  the same keys as Authentication-Results: same syntax, same decoder. Consumers tell them
  apart by the header name; neither is the reader's verdict by itself. The sender-side
  Authentication-Results-Original is never shown above info (like the -Untrusted stamps).
- ARC-Authentication-Results → ``{"arc_authentication_results": {same keys…, "i": int | None}}``
  (an intermediary's record, not this receiver's verdict)
- Received-SPF → ``{"received_spf": str | None, "envelope_from": str | None,
  "helo": str | None}`` (the identities it names, as written)
- DKIM-Signature → ``{"dkim_signature": {"d", "s", "a"}}``
- ARC-Seal → ``{"arc_seal": {"i", "a", "d", "s", "cv"}}``;
  ARC-Message-Signature → ``{"arc_message_signature": {"i", "a", "d", "s"}}``

Signatures are shown as structure only; nothing is verified (no network in core).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fopegui.core import catalogue
from fopegui.core.decoders import Decoded
from fopegui.core.decoders.common import (
    MAX_FIELDS,
    cap,
    description,
    field_from,
    generic,
    parse_int,
    roll_up,
    split_pairs,
    truncated_field,
    unknown_field,
    unparseable_finding,
)
from fopegui.core.model import Field, Finding
from fopegui.core.texts import SENTENCE_GAP, Joined

_CAT: dict[str, Any] = catalogue.load("auth")
_RESULTS: dict[str, Any] = _CAT["results"]
_METHODS: dict[str, Any] = _CAT["methods"]
_PROPS: dict[str, Any] = _CAT["properties"]
_TAGS: dict[str, Any] = _CAT["tags"]
# Real Authentication-Results are a few hundred bytes; the char-level tokenizer below
# looks at no more than this, the rest is kept raw.
_MAX_PARSE = 65_536
_COMMON_METHODS = ("spf", "dkim", "dmarc", "compauth")

Item = tuple[str, str]  # ("word" | "comment", text)


# Fast path for the usual shape: comments not nested, quoted strings closed. As in the slow
# path below, a quote inside a comment is an ordinary character, and a quoted string (which
# may hold ';', spaces and parentheses) is part of the word around it, without its quotes:
# smtp.mailfrom="list+bounces@example.org", arc=pass ("example.org:s=arc-1:i=1").
# Possessive quantifiers (Python 3.11+) so a failed match never backtracks.
_FLAT = re.compile(r"(?:[^()\"]++|\([^()]*+\)|\"[^\"]*+\")*+")
_TOKEN = re.compile(r"\(([^()]*)\)|(;)|((?:[^\s;()\"]++|\"[^\"]*+\")++)")


def _tokenize(value: str) -> list[list[Item]]:
    """Split on ';' outside comments/quotes; each segment is its words and (comments)."""
    if _FLAT.fullmatch(value):
        segment: list[Item] = []
        segments = [segment]
        # findall: plain tuples, "" for the groups that did not take part (a word is never
        # empty; a comment "()" is, and is kept as the slow path keeps it).
        for comment, semi, word in _TOKEN.findall(value):
            if semi:
                segment = []
                segments.append(segment)
            elif word:
                if '"' in word:
                    word = word.replace('"', "")
                    if not word:
                        continue  # "" adds nothing, as in the slow path
                segment.append(("word", word))
            else:
                segment.append(("comment", comment.strip()))
        return [s for s in segments if s]
    return _tokenize_slow(value)


def _tokenize_slow(value: str) -> list[list[Item]]:
    """Character by character: nested comments and quoted strings."""
    segments: list[list[Item]] = [[]]
    word: list[str] = []
    comment: list[str] = []
    depth = 0
    quoted = False

    def flush_word() -> None:
        if word:
            segments[-1].append(("word", "".join(word)))
            word.clear()

    for ch in value:
        if depth:
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    segments[-1].append(("comment", "".join(comment).strip()))
                    comment.clear()
                    continue
            comment.append(ch)
        elif quoted:
            if ch == '"':
                quoted = False
            else:
                word.append(ch)
        elif ch == "(":
            flush_word()
            depth = 1
        elif ch == '"':
            quoted = True
        elif ch == ";":
            flush_word()
            segments.append([])
        elif ch.isspace():  # what the fast path's \s is: any Unicode white space
            flush_word()
        else:
            word.append(ch)
    flush_word()
    if depth and comment:  # unclosed comment: keep what was there
        segments[-1].append(("comment", "".join(comment).strip()))
    return [s for s in segments if s]


def _result_entry(method: str, result: str) -> dict[str, Any] | None:
    return _RESULTS.get(method, {}).get(result) or _RESULTS["generic"].get(result)


def _compauth_reason(code: str) -> dict[str, Any]:
    reasons = _CAT["compauth_reasons"]
    if code in reasons["exact"]:
        return reasons["exact"][code]
    if len(code) == 3 and code.isdigit() and code[0] in reasons["families"]:
        return reasons["families"][code[0]]
    return reasons["unknown"]


def _prop_field(method: str | None, name: str, val: str) -> Field:
    low = name.lower()
    if method == "compauth" and low == "reason":
        return field_from(name, val, _compauth_reason(val))
    if method == "dmarc" and low == "action":
        entry = _CAT["dmarc_action"].get(val.lower())
        return field_from(name, val, entry)
    entry = _PROPS.get(low)
    if entry is None:
        return field_from(name, val, _CAT["unknown_property"])
    return field_from(name, val, entry)


def _parse_results(value: str, arc: bool) -> tuple[list[Field], dict[str, Any], bool]:
    """Fields, facts and whether anything looked like RFC 8601 results."""
    fields: list[Field] = []
    facts: dict[str, Any] = {k: None for k in _COMMON_METHODS}
    facts.update(
        compauth_reason=None, smtp_mailfrom=None, smtp_helo=None, header_d=None,
        header_from=None, dmarc_action=None,
    )
    facts["authserv_id"] = None
    facts["dkim_results"] = []  # every dkim= result with its header.d: the aligned one matters
    if arc:
        facts["i"] = None
    method: str | None = None
    method_field: Field | None = None
    seen_any = False
    authserv_done = False
    for seg_no, segment in enumerate(_tokenize(value[:_MAX_PARSE])):
        method = None
        method_field = None
        for kind, tok in segment:
            if kind == "comment":
                target = method_field or (fields[-1] if fields else None)
                if target is not None:
                    note = f"({tok})"
                    target.detail = (
                        Joined((target.detail, note), SENTENCE_GAP) if target.detail else note
                    )
                continue
            name, eq, val = tok.partition("=")
            low = name.lower()
            if arc and seg_no == 0 and low == "i" and eq:
                facts["i"] = parse_int(val)
                fields.append(field_from("i", val, _CAT["arc_instance"]))
                continue
            if not eq:
                if not authserv_done and not seen_any and method is None:
                    authserv_done = True  # authserv-id (a version number may follow)
                    facts["authserv_id"] = tok.lower()
                    fields.append(field_from("authserv-id", tok, _CAT["authserv_id"]))
                elif fields and fields[-1].key == "authserv-id" and tok.isdigit():
                    fields[-1].value += f" {tok}"
                elif low == "none":
                    seen_any = True
                    fields.append(field_from("none", tok, _RESULTS["generic"]["none"]))
                elif low == facts["authserv_id"]:  # Microsoft: "header.d=none;contoso.com;"
                    fields.append(field_from(tok, "", _CAT["authserv_id_again"]))
                else:
                    fields.append(unknown_field(tok, ""))
                continue
            is_method = low in _METHODS or (method is None and "." not in low)
            if is_method and low not in ("reason", "action"):
                seen_any = True
                authserv_done = True
                method = low
                result = val.lower()
                spec = _METHODS.get(low)
                entry = _result_entry(low, result) if spec else _CAT["unknown_method"]
                if spec and entry is None:
                    entry = _CAT["unknown_result"]
                desc = description(spec) if spec else None
                method_field = field_from(name, val, entry, desc)
                fields.append(method_field)
                if low in facts and facts[low] is None and low in _COMMON_METHODS:
                    facts[low] = result
                if low == "dkim" and len(facts["dkim_results"]) < MAX_FIELDS:
                    facts["dkim_results"].append({"result": result, "d": None})
                continue
            fields.append(_prop_field(method, name, val))
            _remember(facts, method, low, val)
            if method == "dkim" and low == "header.d" and facts["dkim_results"]:
                facts["dkim_results"][-1]["d"] = val.lower()
    return _capped(fields, value), facts, seen_any


def _capped(fields: list[Field], value: str) -> list[Field]:
    """At most MAX_FIELDS fields; past that (or past _MAX_PARSE) the raw header says the rest."""
    if len(fields) > MAX_FIELDS or len(value) > _MAX_PARSE:
        fields = fields[:MAX_FIELDS]
        fields.append(truncated_field(value[_MAX_PARSE:] or "…"))
    return fields


_FACT_FOR = {
    ("spf", "smtp.mailfrom"): "smtp_mailfrom",
    ("spf", "smtp.helo"): "smtp_helo",
    ("dkim", "header.d"): "header_d",
    ("dmarc", "header.from"): "header_from",
    ("compauth", "header.from"): "header_from",
    ("dmarc", "action"): "dmarc_action",
    ("compauth", "reason"): "compauth_reason",
}


def _remember(facts: dict[str, Any], method: str | None, prop: str, val: str) -> None:
    key = _FACT_FOR.get((method or "", prop))
    if key and facts.get(key) is None:
        facts[key] = val.lower() if key == "dmarc_action" else val


def _results_decoder(header: str, sender_side: bool = False) -> Callable[[str], Decoded]:
    """An RFC 8601 results decoder whose unparseable finding names ``header``.

    ``sender_side``: the sending tenant's own record, carried along — informative, never the
    receiving verdict, so no field is shown above info.
    """

    def decode(value: str) -> Decoded:
        fields, facts, ok = _parse_results(value, arc=False)
        findings: list[Finding] = []
        if not ok and value.strip():
            findings.append(unparseable_finding(header))
        if sender_side:
            for f in fields:
                if f.severity != "unknown":
                    f.severity = cap(f.severity, "info")
        return Decoded(
            family="auth", severity=roll_up(fields), fields=fields, findings=findings, data=facts
        )

    return decode


decode_authentication_results = _results_decoder("Authentication-Results")
decode_exchange_authentication_results = _results_decoder("X-MS-Exchange-Authentication-Results")
decode_authentication_results_original = _results_decoder(
    "Authentication-Results-Original", sender_side=True
)


def decode_arc_authentication_results(value: str) -> Decoded:
    fields, facts, ok = _parse_results(value, arc=True)
    findings: list[Finding] = []
    if not ok and value.strip():
        findings.append(unparseable_finding("ARC-Authentication-Results"))
    return Decoded(
        family="auth",
        severity=roll_up(fields),
        fields=fields,
        findings=findings,
        data={"arc_authentication_results": facts},
    )


def decode_received_spf(value: str) -> Decoded:
    segments = _tokenize(value[:_MAX_PARSE])
    fields: list[Field] = []
    result: str | None = None
    identities: dict[str, str | None] = {"envelope-from": None, "helo": None}
    keys = _CAT["received_spf"]["keys"]
    for segment in segments:
        for kind, tok in segment:
            if kind == "comment":
                fields.append(field_from("comment", tok, _CAT["comment"]))
                continue
            name, eq, val = tok.partition("=")
            if eq and identities.get(name.lower(), "") is None:
                identities[name.lower()] = val.strip().strip('"') or None
            if result is None and not eq:
                result = tok.lower()
                entry = _result_entry("spf", result) or _CAT["unknown_result"]
                label = _CAT["received_spf"]["result_label"]
                fields.append(field_from("result", tok, entry, label))
            elif eq:
                entry = keys.get(name.lower()) or _CAT["unknown_property"]
                fields.append(field_from(name, val, entry))
            else:
                fields.append(unknown_field(tok, ""))
    fields = _capped(fields, value)
    findings: list[Finding] = []
    if result is None and value.strip():
        findings.append(unparseable_finding("Received-SPF"))
    known = result is not None and _result_entry("spf", result) is not None
    return Decoded(
        family="auth",
        severity=roll_up(fields),
        fields=fields,
        findings=findings,
        data={
            "received_spf": result if known else None,
            "envelope_from": identities["envelope-from"],
            "helo": identities["helo"],
        },
    )


def _explained(entry: dict[str, Any]) -> tuple[Any, ...]:
    """(meaning, severity, detail, inferred, undocumented) that field_from gives ``entry``."""
    f = field_from("", "", entry)
    return f.meaning, f.severity, f.detail, f.inferred, f.undocumented


# A signature tag's field is explained the same for every value (cv excepted: by its value);
# worked out once here rather than for each of the dozen tags of thousands of signatures.
_TAG_EXPLAINED = {low: _explained(spec) for low, spec in _TAGS.items() if spec["kind"] != "cv"}
_UNKNOWN_TAG = _explained(_CAT["unknown_tag"])


def _tag_list_decoder(data_key: str, keep: tuple[str, ...]) -> Callable[[str], Decoded]:
    """DKIM-Signature / ARC-Seal / ARC-Message-Signature: ``tag=value;`` lists."""

    def decode(value: str) -> Decoded:
        pairs, rest = split_pairs(value, ";", "=")
        fields: list[Field] = []
        tags: dict[str, str] = {}
        for tag, val in pairs:
            low = tag.lower()
            tags.setdefault(low, val)
            explained = _TAG_EXPLAINED.get(low)
            if explained is not None:
                fields.append(Field(tag, val, *explained))
            elif low in _TAGS:  # cv: the meaning is the value's
                entry = _CAT["cv_values"].get(val.lower())
                fields.append(field_from(tag, val, entry, _TAGS[low]["meaning"]))
            else:
                fields.append(Field(tag, val, *_UNKNOWN_TAG))
        if rest:
            fields.append(truncated_field(rest))
        findings = []
        if value.strip() and not ("d" in tags or "b" in tags or "i" in tags):
            findings.append(unparseable_finding(data_key.replace("_", "-")))
            fields.append(Field("…", value.strip(), None, "unknown", generic("unparseable")))
        return Decoded(
            family="auth",
            severity=roll_up(fields),
            fields=fields,
            findings=findings,
            data={data_key: {k: tags.get(k) for k in keep}},
        )

    return decode


decode_dkim_signature = _tag_list_decoder("dkim_signature", ("d", "s", "a"))
decode_arc_seal = _tag_list_decoder("arc_seal", ("i", "a", "d", "s", "cv"))
decode_arc_message_signature = _tag_list_decoder("arc_message_signature", ("i", "a", "d", "s"))

DECODERS: dict[str, Callable[[str], Decoded]] = {
    "authentication-results": decode_authentication_results,
    "x-ms-exchange-authentication-results": decode_exchange_authentication_results,
    "authentication-results-original": decode_authentication_results_original,
    "arc-authentication-results": decode_arc_authentication_results,
    "received-spf": decode_received_spf,
    "dkim-signature": decode_dkim_signature,
    "arc-seal": decode_arc_seal,
    "arc-message-signature": decode_arc_message_signature,
}
