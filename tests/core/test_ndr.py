"""Reading bounces: the KB2590562 sample and other MTAs' wordings."""

from __future__ import annotations

import email
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from fopegui.core.ndr import read_ndr
from fopegui.core.texts import render

NDR = Path(__file__).resolve().parent.parent / "data" / "ndr"


def test_backscatterer_sample(samples: Path) -> None:
    info = read_ndr((samples / "ndr-backscatterer.eml").read_bytes())
    assert info is not None and info.is_dsn
    assert info.reporting_mta == "TX2EHSOBE006.bigfish.com"  # the outbound edge server
    assert info.ips == ["65.55.88.14"]
    assert info.zones == ["ips.backscatterer.org"]
    listing = info.listings[0]
    assert (listing.list_id, listing.list_name) == ("backscatterer", "Backscatterer")
    assert "blocked using ips.backscatterer.org" in listing.evidence
    assert info.status == "5.7.1" and info.smtp_code == "554"
    assert info.remote_mta == "mx.recipient.example"
    assert info.remote_ip == "198.51.100.25"
    rcpt = info.recipients[0]
    assert (rcpt.final_recipient, rcpt.action, rcpt.status) == (
        "yamada@recipient.example",
        "failed",
        "5.7.1",
    )
    assert "Listed by BACKSCATTERER" in rcpt.diagnostic_code
    summary = render(info.summary)
    assert "Backscatterer" in summary and "TX2EHSOBE006" in summary


def test_backscatterer_sample_returns_original_headers(samples: Path) -> None:
    data = (samples / "ndr-backscatterer.eml").read_bytes()
    info = read_ndr(data)
    assert info.original_type == "text/rfc822-headers"
    assert info.original.startswith(b"Received: from mail47-tx2 (localhost [127.0.0.1])")
    assert info.original in data  # the bytes as they are in the bounce
    original = email.message_from_bytes(info.original)
    assert original["X-BigFish"] == "VS-3(zzzz1202h1082kzz8275bh8275dhz2dh2a8h668h839h)"
    assert original["Subject"] == "Meeting on Friday"


def test_summary_in_japanese(samples: Path) -> None:
    info = read_ndr((samples / "ndr-backscatterer.eml").read_bytes())
    assert "ブラックリスト" in render(info.summary, "ja")
    assert "ブラックリスト" not in render(info.summary, "en")
    assert info.to_json("ja")["summary"] == render(info.summary, "ja")


def test_exchange_ndr_with_embedded_message() -> None:
    info = read_ndr((NDR / "exchange-571.eml").read_bytes())
    assert info.is_dsn
    assert info.reporting_mta == "BN8PR00MB0001.namprd00.prod.outlook.example"
    assert [(x.zone, x.ip, x.list_id) for x in info.listings] == [
        ("zen.spamhaus.org", "192.0.2.45", "spamhaus-zen")
    ]
    assert info.status == "5.7.1" and info.smtp_code == "550"
    assert info.original_type == "message/rfc822"
    assert b"Message-ID: <report-2024q2@example.co.jp>" in info.original


def test_postfix_plain_text_bounce() -> None:
    info = read_ndr((NDR / "postfix-plain.txt").read_bytes())
    assert not info.is_dsn
    assert info.reporting_mta == "relay.example.net"
    assert [(x.zone, x.ip, x.list_name) for x in info.listings] == [
        ("bl.spamcop.net", "203.0.113.25", "SpamCop")
    ]
    assert (info.remote_mta, info.remote_ip) == ("mx1.partner.example", "198.51.100.7")
    assert info.status == "5.7.1"


def test_exim_black_list_wording_and_inline_original() -> None:
    info = read_ndr((NDR / "exim-blacklist.eml").read_bytes())
    assert [(x.zone, x.ip, x.list_id) for x in info.listings] == [
        ("dnsbl-1.uceprotect.net", "192.0.2.77", "uceprotect-1")
    ]
    assert info.reporting_mta == "smtp.example.org"
    assert info.original.startswith(b"From: Ito Jiro <ito@example.co.jp>")


def test_plain_text_without_headers_several_lists() -> None:
    info = read_ndr((NDR / "plain-text-listed.txt").read_bytes())
    assert info.zones == ["psbl.surriel.com", "dnsbl.dronebl.org"]
    assert info.ips == ["198.51.100.200"]
    assert {x.list_id for x in info.listings} == {"psbl", "dronebl"}


def test_url_names_the_list_when_no_zone_is_given() -> None:
    text = (
        b"From: MAILER-DAEMON@mx.example.net\r\nSubject: Undeliverable\r\n\r\n"
        b"550 rejected, see http://www.backscatterer.org/?ip=192.0.2.9 for details\r\n"
    )
    info = read_ndr(text)
    assert [(x.zone, x.ip, x.list_id) for x in info.listings] == [
        ("ips.backscatterer.org", "192.0.2.9", "backscatterer")
    ]


def test_unknown_zone_is_kept_without_catalogue_entry() -> None:
    text = b"Subject: Undelivered Mail\n\nClient host [192.0.2.8] blocked using rbl.example.net\n"
    info = read_ndr(text)
    assert [(x.zone, x.ip, x.list_id) for x in info.listings] == [
        ("rbl.example.net", "192.0.2.8", None)
    ]


def test_not_a_bounce(samples: Path) -> None:
    assert read_ndr((NDR / "not-a-bounce.eml").read_bytes()) is None
    assert read_ndr((samples / "fope-ham-bigfish.eml").read_bytes()) is None


def test_bounce_without_blacklist() -> None:
    text = (
        b"From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\n"
        b"Subject: Undelivered Mail Returned to Sender\n\n"
        b"<nobody@example.org>: host mx.example.org[192.0.2.3] said: 550 5.1.1 User unknown\n"
    )
    info = read_ndr(text)
    assert info is not None and not info.blacklisted
    assert info.status == "5.1.1" and info.listings == []


def test_junk_never_raises() -> None:
    for data in (b"", b"\x00\xff\xfe" * 1000, b"Content-Type: multipart/report\n\n--", "text"):
        assert read_ndr(data) is None  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000))
def test_random_bytes_never_raise(data: bytes) -> None:
    read_ndr(data)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_random_text_inside_a_dsn_never_raises(text: str) -> None:
    body = (
        "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n"
        f"--b\nContent-Type: message/delivery-status\n\n{text}\n--b--\n"
    )
    info = read_ndr(body.encode("utf-8", "surrogatepass"))
    assert info is not None and info.is_dsn


def test_a_charset_python_cannot_decode_text_with_does_not_lose_the_bounce():
    # idna and punycode are codecs of Python's, but not for bodies: decoding with them
    # raised before, and read_ndr swallowed the error and returned no bounce at all.
    for charset in (b"idna", b"punycode", b"utf\x00-8"):
        data = (
            b"From: MAILER-DAEMON@example.org\r\nSubject: =?" + charset + b"?Q?Undelivered?=\r\n"
            b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=" + charset + b"\r\n\r\n"
            b"Client host [192.0.2.44] blocked using b.barracudacentral.org\r\n"
        )
        ndr = read_ndr(data)
        assert ndr is not None, charset
        assert [x.zone for x in ndr.listings] == ["b.barracudacentral.org"]
