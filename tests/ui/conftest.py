"""UI test fixtures: isolated settings and a main window built the way the app builds it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from fopegui.core.model import Field, Finding, Header, Hop, Report, Source, Verdict


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Never touch the user's real settings: everything goes to an INI file in tmp_path."""
    folder = tmp_path / "settings"
    folder.mkdir()
    monkeypatch.setenv("FOPEGUI_SETTINGS_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def english_texts():
    """Every test starts with the core's texts in English and leaves them so (the text
    service is one per process, like the app's)."""
    from fopegui.ui import texts

    texts.set_language("en")
    yield
    texts.set_language("en")


@pytest.fixture
def settings(isolated_settings: Path) -> QSettings:
    return QSettings(str(isolated_settings / "fopegui.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def worker(qtbot):
    """A DnsWorker (one asyncio loop in a thread), stopped after the test."""
    from fopegui.ui.dns_worker import DnsWorker

    w = DnsWorker()
    yield w
    w.shutdown()


@pytest.fixture
def window(qtbot, settings: QSettings):
    from fopegui.ui.main_window import MainWindow

    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    return win


def mbox_of(path: Path, messages: list[Path]) -> Path:
    """An mbox at ``path`` of the ``messages`` files, as the standard library writes one
    (body From lines quoted)."""
    import mailbox

    box = mailbox.mbox(path)
    for message in messages:
        box.add(message.read_bytes())
    box.flush()
    return path


def hand_report(subject: str = "Spring catalogue", path: str = "/tmp/hand.eml") -> Report:
    """A Report built by hand (independent of the core's parser) for model-level tests."""
    raw = (
        "X-CustomSpam: Image links to remote sites\r\n"
        f"Subject: {subject}\r\n"
        "X-Forefront-Antispam-Report: CIP:198.51.100.77;SFV:SPM;SCL:5\r\n\r\n"
    ).encode()
    source = Source(path=path, kind="eml", data=raw + b"body", sha256="ab" * 32, header_bytes=raw)
    headers = [
        Header(
            0,
            "X-CustomSpam",
            "Image links to remote sites",
            "X-CustomSpam: Image links to remote sites",
            family="fope",
            severity="problem",
            description="The ASF option that marked the message as spam.",
        ),
        Header(1, "Subject", subject, f"Subject: {subject}", family="other"),
        Header(
            2,
            "X-Forefront-Antispam-Report",
            "CIP:198.51.100.77;SFV:SPM;SCL:5",
            "X-Forefront-Antispam-Report: CIP:198.51.100.77;SFV:SPM;SCL:5",
            family="eop",
            severity="problem",
            description="Filtering results of FOPE / EOP.",
            fields=[
                Field("CIP", "198.51.100.77", "Connecting IP address", "info"),
                Field("SFV", "SPM", "Marked as spam by spam filtering", "problem", detail="See KB"),
                Field("SCL", "5", "Spam confidence level 5: spam", "warning"),
            ],
        ),
        Header(3, "Received", "from a by b", "Received: from a by b", family="routing"),
    ]
    hops = [
        Hop(
            1,
            3,
            from_host="newsletter.shop.example",
            by_host="mail88-tx2.bigfish.com",
            ip="198.51.100.77",
            time="2012-03-07T02:41:07+00:00",
            fope_edge=True,
            edge_role="inbound",
            raw="Received: from newsletter.shop.example",
        ),
        Hop(
            2,
            3,
            from_host="mail88-tx2",
            by_host="mail88-tx2-R.bigfish.com",
            time="2012-03-07T02:41:09+00:00",
            delay_s=2.0,
            fope_edge=True,
            edge_role="internal",
        ),
        Hop(
            3,
            3,
            from_host="TX2EHSOBE006.bigfish.com",
            by_host="mx.example.net",
            ip="65.55.88.14",
            time="2012-03-07T02:39:00+00:00",
            delay_s=-129.0,
            fope_edge=True,
            edge_role="outbound",
            is_outbound_edge=True,
        ),
        Hop(
            4,
            3,
            from_host="mx.example.net",
            by_host="store.example.net",
            time="2012-03-07T02:49:00+00:00",
            delay_s=600.0,
        ),
    ]
    return Report(
        source=source,
        summary={
            "from": "Shop <news@shop.example>",
            "to": "info@example.co.jp",
            "subject": subject,
            "date": "Wed, 7 Mar 2012 11:41:05 +0900",
            "message_id": "<1@x>",
        },
        headers=headers,
        received=hops,
        eop={"cip": "198.51.100.77", "h": "newsletter.shop.example"},
        verdict=Verdict(
            True,
            [1],
            ["X-CustomSpam"],
            summary="Filtered as spam by an ASF option: Image links to remote sites "
            "— KB2669119 Method 1",
            next_step="Turn off the ASF option.",
            filter="fope",
            direction="inbound",
            decided_by="asf",
            remedy="kb_method_1",
            stamp="reader",
            whose="This is your filter's verdict (X-Forefront-Antispam-Report DIR:INB).",
            rule="asf-option",
            source="KB2669119",
            severity="problem",
        ),
        findings=[
            Finding(
                "asf",
                "problem",
                "ASF option fired",
                "Turn it off.",
                "X-CustomSpam",
                "method1",
            ),
            Finding("rdns", "warning", "No reverse DNS", "Sender reputation.", None, None),
        ],
        parse_ms=1.25,
        path=path,
    )


@pytest.fixture
def report() -> Report:
    return hand_report()


@pytest.fixture
def make_report():
    """Factory for hand-built reports: ``make_report(subject=..., path=...)``."""
    return hand_report
