"""FOPE-era stamps: X-BigFish, X-SpamScore, X-CustomSpam (KB2669119).

``data`` keys:
- X-BigFish → ``{"bigfish": {"raw", "virus_scanned", "policy_scanned", "spam_scanned", "score"}}``
- X-SpamScore → ``{"spam_score": int | None}``
- X-CustomSpam → ``{"custom_spam": str, "asf_option": str | None}`` (id from antispam.json)
"""

from __future__ import annotations

import re
from typing import Any

from fopegui.core import catalogue
from fopegui.core.decoders import Decoded
from fopegui.core.decoders.common import (
    field_from,
    generic,
    parse_int,
    roll_up,
    unknown_field,
    unparseable_finding,
)
from fopegui.core.model import Field
from fopegui.core.texts import Joined

_CAT: dict[str, Any] = catalogue.load("antispam")
_BF: dict[str, Any] = _CAT["bigfish"]
_ASF: dict[str, Any] = _CAT["asf"]

# letters, optional signed score, then whatever follows (normally "(rule ids)").
# One greedy pass, no nested quantifiers: linear on any input.
_BIGFISH = re.compile(r"([A-Za-z]*)[ \t]*([+-]?[0-9]+)?(.*)", re.S)
_NON_WORD = re.compile(r"[^a-z0-9.]+")
# Option names are short; fuzzy matching longer text is pointless and slow.
_FUZZY_MAX = 120
_MATCH_MAX = 500


def _norm(name: str) -> str:
    return _NON_WORD.sub(" ", name.lower()).strip(" .")


# alias (normalised) → option id, built once.
_ALIASES: dict[str, str] = {
    _norm(alias): oid for oid, opt in _ASF["options"].items() for alias in opt["aliases"]
}
# Longest first so "sensitive word list" wins over "sensitive word" in substring matching.
_ALIAS_ORDER = sorted(_ALIASES, key=len, reverse=True)


def asf_option(value: str) -> str | None:
    """The catalogue id of the ASF option an X-CustomSpam value names, or None.

    Case-insensitive; tolerates punctuation, plural/singular and small spelling variations.
    """
    if len(value) > _MATCH_MAX:
        return None
    norm = _norm(value)
    if not norm:
        return None
    if norm in _ALIASES:
        return _ALIASES[norm]
    for alias in _ALIAS_ORDER:  # the option name inside a longer text, e.g. "…: Web bug"
        if len(alias) >= 7 and alias in norm:
            return _ALIASES[alias]
    if len(norm) <= _FUZZY_MAX:
        import difflib  # here: a misspelt option is rare, the module costs every start 1 ms

        close = difflib.get_close_matches(norm, _ALIAS_ORDER, n=1, cutoff=0.85)
        if close:
            return _ALIASES[close[0]]
    return None


def asf_entry(option_id: str) -> dict[str, Any] | None:
    """The antispam.json entry of an ASF option (ui_name, meaning, severity …)."""
    return _ASF["options"].get(option_id)


def asf_field(key: str, value: str) -> tuple[Field, str | None]:
    """A Field explaining an X-CustomSpam value (also used inside X-Forefront-Antispam-Report)."""
    oid = asf_option(value)
    if oid is None:
        entry = _ASF["unknown"]
        return field_from(key, value, entry), None
    opt = _ASF["options"][oid]
    action = _ASF["action"] if opt.get("test_mode", True) else _ASF["action_no_test"]
    if oid == "test_mode":
        detail = opt["ui_name"]
    else:
        detail = Joined((_ASF["label"], ": ", opt["ui_name"], ". ", action))
    return field_from(key, value, opt, detail), oid


def decode_customspam(value: str) -> Decoded:
    raw = value.strip()
    fld, oid = asf_field("X-CustomSpam", raw)
    return Decoded(
        family="fope",
        severity=fld.severity,
        fields=[fld],
        data={"custom_spam": raw, "asf_option": oid},
    )


def decode_spamscore(value: str) -> Decoded:
    raw = value.strip()
    score = parse_int(raw)
    findings = []
    if score is None:
        fields = [Field("score", raw, None, "unknown", generic("unparseable"))]
        findings.append(unparseable_finding("X-SpamScore"))
    else:
        fields = [field_from("score", raw, _CAT["spam_score"])]
    return Decoded(
        family="fope",
        severity=roll_up(fields),
        fields=fields,
        findings=findings,
        data={"spam_score": score},
    )


def decode_bigfish(value: str) -> Decoded:
    raw = value.strip()
    m = _BIGFISH.match(raw)
    letters = (m.group(1) if m else "").upper()
    score_text = m.group(2) if m else None
    rest = (m.group(3) if m else raw).strip()
    letters_ok = bool(letters) and set(letters) <= {"V", "P", "S"}
    score = parse_int(score_text) if score_text else None
    # A stamp is VPS letters, a score (seen omitted: "VP(…)"), then nothing or "(rule ids"
    # (closing paren may be cut). A sign or digits that do not make a number are damage.
    score_ok = score is not None or score_text is None
    parsed = letters_ok and score_ok and (not rest or rest.startswith("("))

    fields: list[Field] = []
    findings = []
    if letters_ok:
        # Stable keys (v/p/s/score/rules) so exports do not change with the UI language.
        for letter in "vps":
            present = letter.upper() in letters
            entry = _BF["scans"][letter.upper()]["present" if present else "absent"]
            fields.append(field_from(letter, "yes" if present else "no", entry))
        if score is not None:
            fields.append(field_from("score", score_text or "", _BF["score"]))
        else:
            fields.append(field_from("score", "", _BF["score_missing"]))
        if rest.startswith("("):
            rules = rest[1:-1] if rest.endswith(")") else rest[1:]
            fields.append(field_from("rules", rules, _BF["rules"]))
        elif rest:
            fields.append(unknown_field("…", rest, generic("unparseable")))
    else:
        fields.append(Field("X-BigFish", raw, None, "unknown", generic("unparseable")))
    if not parsed:
        findings.append(unparseable_finding("X-BigFish"))

    return Decoded(
        family="fope",
        severity=roll_up(fields),
        fields=fields,
        findings=findings,
        data={
            "bigfish": {
                "raw": value,
                "virus_scanned": letters_ok and "V" in letters,
                "policy_scanned": letters_ok and "P" in letters,
                "spam_scanned": letters_ok and "S" in letters,
                "score": score if parsed else None,
            }
        },
    )
