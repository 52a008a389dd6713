"""Which Authentication-Results speak for the reader (core.auth_reading)."""

from __future__ import annotations

from fopegui.core.analyze import analyze_text

OUT = (
    "X-Forefront-Antispam-Report: CIP:255.255.255.255;CTRY:;LANG:en;SCL:1;SRV:;IPV:NLI;"
    "SFV:NSPM;H:AB1PR01MB0001.eurprd01.prod.outlook.com;PTR:;CAT:NONE;DIR:OUT;\n"
)


def test_presigning_record_of_the_sending_tenant_tells_nobody_to_sign():
    report = analyze_text(
        "ARC-Authentication-Results: i=1; mx.microsoft.com 1; spf=pass smtp.mailfrom=x.example;"
        " dmarc=pass action=none header.from=x.example; dkim=pass header.d=x.example; arc=none\n"
        "DKIM-Signature: v=1; a=rsa-sha256; d=x.example; s=selector2; bh=abc=; b=def=\n"
        "Authentication-Results: dkim=none (message not signed) header.d=none;dmarc=none "
        "action=none header.from=x.example;\n" + OUT + "From: a@x.example\n"
    )
    assert report.auth_reading.scope == "sending_tenant"
    ids = {f.id for f in report.findings}
    assert "auth-sending-tenant" in ids
    assert "dkim-failed" not in ids


def test_one_server_writing_one_header_per_method_is_read_together():
    report = analyze_text(
        "Authentication-Results: smtp.subspace.kernel.org; dkim=pass header.d=example.com\n"
        "Authentication-Results: smtp.subspace.kernel.org; arc=fail smtp.client-ip=192.0.2.1\n"
        "Authentication-Results: smtp.subspace.kernel.org; dmarc=pass header.from=example.com\n"
        "Authentication-Results: smtp.subspace.kernel.org; spf=pass smtp.mailfrom=example.com\n"
        "From: a@example.com\n"
    )
    auth = report.auth_reading
    assert (auth.spf, auth.dkim, auth.dmarc, auth.scope) == ("pass", "pass", "pass", "reader")


def test_the_aligned_dkim_result_decides():
    report = analyze_text(
        "Authentication-Results: mx.example.net; dkim=pass header.d=esp.example; "
        "dkim=fail header.d=shop.example; spf=pass smtp.mailfrom=esp.example; dmarc=fail "
        "action=none header.from=shop.example\nFrom: offers@shop.example\n"
    )
    auth = report.auth_reading
    assert (auth.dkim, auth.header_d, auth.dkim_aligned) == ("fail", "shop.example", True)
    ids = {f.id for f in report.findings}
    assert "auth-passed" not in ids
    assert "dkim-unaligned-pass" in ids


def test_permerror_and_temperror_are_explained_differently():
    def detail(result):
        report = analyze_text(
            f"Authentication-Results: spf={result} (sender IP is 192.0.2.1) "
            f"smtp.mailfrom=x.example\nFrom: a@x.example\n"
        )
        (f,) = [f for f in report.findings if f.id == "spf-failed"]
        from fopegui.core.texts import render

        return render(f.detail, "en")

    assert "broken" in detail("permerror")
    assert "temporary" in detail("temperror")
    assert detail("permerror") != detail("temperror")
