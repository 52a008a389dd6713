"""A .msg's Outlook properties as rows (core.outlook_props) and the recipients the loader reads
from the recipient storages: what a .msg without transport headers still tells."""

from __future__ import annotations

from pathlib import Path

from fopegui.core.analyze import analyze_bytes, analyze_path
from fopegui.core.msg import source_from_msg
from fopegui.core.outlook_props import none_text, outlook_properties, title
from fopegui.core.texts import render
from tests.msgbuilder import _encode_props, build_msg, simple_msg

MSG = Path(__file__).resolve().parent.parent / "data" / "msg"


def _recipient(name: str, address: str | None, kind: int | None) -> dict:
    props: dict[int, object] = {0x3001001F: name}
    if address:
        props[0x39FE001F] = address
    if kind is not None:
        props[0x0C150003] = kind
    rows, streams = _encode_props(props, "cp1252")
    return {"__properties_version1.0": b"\0" * 8 + rows, **streams}


def _with_recipients(*recipients: dict, display_to: str | None = None) -> bytes:
    msg = simple_msg(None)
    if display_to:
        msg.props[0x0E04001F] = display_to
    for i, storage in enumerate(recipients):
        msg.extra[f"__recip_version1.0_#{i:08X}"] = storage
    return build_msg(msg)


def test_a_msg_without_transport_headers_still_has_its_properties() -> None:
    report = analyze_path(MSG / "RtfWithShortRussianString.msg")
    assert report.headers == []
    rows = outlook_properties(report.source)
    assert [r.key for r in rows] == [
        "sender", "to", "cc", "subject", "sent_time", "received_time", "message_class",
    ]  # fmt: skip
    values = {r.key: r.value for r in rows}
    assert values["message_class"] == "IPM.Note"
    assert values["received_time"] == "2023-10-04T13:28:39+00:00"
    assert values["sender"] is None and values["to"] is None  # a draft: nobody yet
    assert render(title(), "en") == "Outlook properties"
    assert render(title(), "ja") == "Outlook のプロパティ"
    assert render(none_text(), "en") == "(none)"
    for row in rows:
        assert row.tags.startswith("PR_")
        assert render(row.label, "ja") != render(row.label, "en") or row.key == "cc"


def test_recipients_by_kind_from_the_recipient_storages() -> None:
    data = _with_recipients(
        _recipient("Tanaka Taro", "tanaka@example.co.jp", 1),
        _recipient("Suzuki", "suzuki@example.co.jp", 2),
        _recipient("Hidden", "hidden@example.co.jp", 3),
        _recipient("Removed", "gone@example.co.jp", 0x10000001),  # deleted: flags on the kind
        _recipient("No Kind", None, None),  # no PR_RECIPIENT_TYPE: read as To
        display_to="ignored when recipients are stored",
    )
    props = source_from_msg(data, "r.msg").properties
    assert props["to"] == "Tanaka Taro <tanaka@example.co.jp>; No Kind"
    assert props["cc"] == "Suzuki <suzuki@example.co.jp>"
    assert props["bcc"] == "Hidden <hidden@example.co.jp>"
    rows = {r.key: r.value for r in outlook_properties(source_from_msg(data, "r.msg"))}
    assert rows["bcc"] == "Hidden <hidden@example.co.jp>"  # shown because it is set
    assert rows["sender"] == "Sender Name <sender@example.com>"
    report = analyze_bytes(data, "r.msg")
    assert report.summary["to"] == props["to"]  # the summary block has a To line too


def test_display_list_when_no_recipient_is_stored() -> None:
    props = source_from_msg(_with_recipients(display_to="Tanaka Taro; Suzuki"), "d.msg")
    assert props.properties["to"] == "Tanaka Taro; Suzuki"
    assert props.properties["cc"] is None


def test_thousands_of_recipients_are_listed_briefly() -> None:
    many = [_recipient(f"R{i}", f"r{i}@example.com", 1) for i in range(60)]
    to = source_from_msg(_with_recipients(*many), "m.msg").properties["to"]
    assert to.count(";") == 50 and to.endswith("; …(+10)")


def test_not_a_msg_has_no_outlook_rows(samples) -> None:
    assert outlook_properties(analyze_path(samples / "fope-spam-customspam.eml").source) == []
    assert outlook_properties(None) == []
