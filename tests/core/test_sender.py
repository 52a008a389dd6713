"""The sending server's facts: where the IP, HELO and PTR were read."""

from __future__ import annotations

from fopegui.core.analyze import analyze_path
from fopegui.core.sender import sender_facts


def test_from_antispam_report(samples):
    facts = sender_facts(analyze_path(samples / "fope-spam-customspam.eml"))
    assert (facts.ip.value, facts.ip.key) == ("198.51.100.77", "CIP")
    assert (facts.helo.value, facts.helo.key) == ("newsletter.shop.example", "H")
    assert (facts.ptr.value, facts.ptr.key) == ("none", "RD")
    assert facts.ip.source == "X-Forefront-Antispam-Report CIP"


def test_from_received_chain_without_antispam_report(samples):
    facts = sender_facts(analyze_path(samples / "spamassassin-spam.eml"))
    # No Microsoft host in the chain: nothing to call the connecting IP.
    assert facts.ip.value is None
    text = analyze_path(samples / "eop-ham-pass.eml")
    text.eop["cip"] = text.eop["h"] = text.eop["ptr"] = None
    facts = sender_facts(text)
    assert (facts.ip.value, facts.ip.hop) == ("198.51.100.20", 1)
    assert facts.helo.value == "mx2.partner.example" and facts.ip.source == "Received hop 1"
