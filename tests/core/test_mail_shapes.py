"""Header blocks of the shapes real mail has → the verdict REALMAIL.md and Microsoft's
documentation give (golden.json).

The files are header blocks written here: invented messages that reproduce the header fields,
codes, orderings and Received layouts of real Microsoft 365 / FOPE mail and of Microsoft's
documented examples. A change to the diagnosis that moves one of these verdicts must change
the golden table on purpose, with the reason.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fopegui.core.analyze import analyze_path
from fopegui.core.report import to_dict
from fopegui.core.texts import render

SHAPES = Path(__file__).resolve().parent.parent / "data" / "shapes"
GOLDEN = json.loads((SHAPES / "golden.json").read_text(encoding="utf-8"))["messages"]
CODES = ("filter", "direction", "decided_by", "destination", "remedy", "kb_methods",
         "filtered_as_spam", "stamp", "rule")


def test_every_shape_file_has_a_golden_row_and_a_source():
    files = {p.name for p in SHAPES.glob("*.eml")}
    assert files == set(GOLDEN)
    assert all(row["source"] for row in GOLDEN.values())


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_verdict_codes(name):
    expected = GOLDEN[name]
    data = to_dict(analyze_path(SHAPES / name))
    got = {key: data["verdict"][key] for key in CODES}
    assert got == {key: expected[key] for key in CODES}
    edge = data["outbound_edge"]
    assert (edge["ip"] if edge else None) == expected["outbound_edge_ip"]
    assert data["summary"]["message_id"] == expected["message_id"]


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_required_and_forbidden_findings(name):
    expected = GOLDEN[name]
    ids = {f["id"] for f in to_dict(analyze_path(SHAPES / name))["findings"]}
    assert set(expected["required_findings"]) <= ids
    assert not set(expected["forbidden_findings"]) & ids


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_kb_methods_agree_with_remedy(name):
    verdict = analyze_path(SHAPES / name).verdict
    methods = {"kb_method_1": [1], "kb_method_2": [2], "kb_method_3": [3]}
    assert verdict.kb_methods == methods.get(verdict.remedy, [])


def test_outbound_stamps_are_never_the_readers_filter():
    outbound = [n for n, row in GOLDEN.items() if row["direction"] == "outbound"]
    assert len(outbound) >= 6
    for name in outbound:
        report = analyze_path(SHAPES / name)
        assert report.verdict.stamp == "sender"
        assert 2 not in report.verdict.kb_methods
        assert "sending organisation" in render(report.verdict.whose, "en")


def test_outbound_spam_is_the_sending_tenants_remedy():
    for name in ("list-outbound-spam-ospm-1.eml", "list-outbound-spam-ospm-2.eml"):
        verdict = analyze_path(SHAPES / name).verdict
        assert (verdict.decided_by, verdict.remedy, verdict.kb_methods) == (
            "outbound_spam", "sending_tenant", []
        )


def test_verdict_renders_in_both_languages_from_one_analysis():
    report = analyze_path(SHAPES / "documented-dmarc-spoof.eml")
    english = render(report.verdict.summary, "en")
    japanese = render(report.verdict.summary, "ja")
    assert english != japanese
    assert "{" not in english and "{" not in japanese
    assert to_dict(report, "ja")["verdict"]["summary"] == japanese
