"""The diagnosis rules as data (catalogue/rules.json) and the engine that applies them."""

from __future__ import annotations

import re
import string

import pytest

from fopegui.core import rules

DECIDED_BY = {"spam_filter", "asf", "policy_rule", "block_list", "allow_list", "safe_senders",
              "spoof", "bulk", "phish", "malware", "outbound_spam", "bypassed", "not_spam",
              "junk_settings", None}
REMEDIES = {"kb_method_1", "kb_method_2", "kb_method_3", "sender_authentication",
            "bcl_threshold", "sending_tenant", "junk_settings", "none", None}
DESTINATIONS = {"inbox", "junk", "quarantine", "deleted", "rejected", "folder", None}
# Placeholders core/diagnosis.py fills (diagnosis._params).
PARAMS = {"sfv", "cat", "srv", "scl", "bcl", "dest", "compauth", "compauth_reason", "dmarc",
          "dmarc_action", "threshold", "spam_score", "ofr", "why", "stamp", "scl_note",
          "auth_note", "bypass_note", "asf", "bigfish", "scans"}
RULES = rules.RULES["rules"]


@pytest.mark.parametrize("rule", RULES, ids=[r["id"] for r in RULES])
def test_rule_is_complete(rule):
    assert rule["decided_by"] in DECIDED_BY
    assert rule["remedy"] in REMEDIES
    assert rule.get("destination") in DESTINATIONS
    assert rule["filtered_as_spam"] in (True, False, None)
    assert rule["severity"] in ("ok", "info", "warning", "problem", "unknown")
    assert rule["source"] in rules.RULES["sources"]
    for key in ("summary", "next_step"):
        for lang in ("en", "ja"):
            text = rule[key][lang]
            assert text.strip()
            fields = {f for _, f, _, _ in string.Formatter().parse(text) if f}
            assert fields <= PARAMS, (rule["id"], key, lang, fields - PARAMS)
    # A KB method is named in the text exactly when the remedy is one.
    methods = rules.kb_methods(rule["remedy"])
    if methods:
        assert re.search(rf"KB2669119 (Method|方法) {methods[0]}", rule["summary"]["en"]
                         + rule["summary"]["ja"] + rule["next_step"]["en"]
                         + rule["next_step"]["ja"])


def test_rule_ids_are_unique_and_the_last_matches_anything():
    ids = [r["id"] for r in RULES]
    assert len(ids) == len(set(ids))
    assert RULES[-1]["when"] == {}
    assert rules.first_match({})["id"] == RULES[-1]["id"]


def test_every_source_has_a_title_in_both_languages():
    for ref, source in rules.RULES["sources"].items():
        assert source["title"]["en"] and source["title"]["ja"], ref
        assert source["url"] is None or source["url"].startswith("https://learn.microsoft.com/")


@pytest.mark.parametrize(
    ("when", "facts", "expected"),
    [
        ({"sfv": "SPM"}, {"sfv": "spm"}, True),  # codes compare case-insensitively
        ({"sfv": ["SKB", "BLK"]}, {"sfv": "BLK"}, True),
        ({"sfv": ["SKB", "BLK"]}, {"sfv": "SPM"}, False),
        ({"scl": {"min": 5}}, {"scl": 5}, True),
        ({"scl": {"min": 5}}, {"scl": 4}, False),
        ({"scl": {"min": 5}}, {"scl": None}, False),  # absent is not a number
        ({"scl": {"max": -1}}, {"scl": -1}, True),
        ({"cat": None}, {}, True),  # null: absent
        ({"cat": None}, {"cat": "SPM"}, False),
        ({"whose": {"not": "sender"}}, {"whose": None}, True),
        ({"whose": {"not": "sender"}}, {"whose": "sender"}, False),
        ({"asf_test": False}, {"asf_test": False}, True),
        ({"asf_test": False}, {"asf_test": 0}, False),  # booleans are not numbers
        ({"any": [{"sfv": "SPM"}, {"cat": "OSPM"}]}, {"cat": "OSPM"}, True),
        ({"any": [{"sfv": "SPM"}, {"cat": "OSPM"}]}, {"cat": "SPM"}, False),
        ({"all": [{"any": [{"scl": {"min": 5}}]}], "dest": "I"}, {"scl": 6, "dest": "I"}, True),
    ],
)
def test_conditions(when, facts, expected):
    assert rules.matches(when, facts) is expected
    assert rules._compile_when(when)(facts) is expected  # what first_match runs


def test_kb_methods_follow_the_remedy():
    assert rules.kb_methods("kb_method_2") == [2]
    assert rules.kb_methods("bcl_threshold") == []
    assert rules.kb_methods(None) == []


def test_destination_codes():
    assert [rules.destination(d) for d in ("I", "j", "C", "X", None)] == [
        "inbox", "junk", "folder", None, None
    ]
