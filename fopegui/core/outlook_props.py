"""The Outlook properties of a .msg as rows to show (msg.json "properties"): what the file
itself says about the message — sender, recipients, subject, times, class — which is all
there is to read when a .msg has no transport headers."""

from __future__ import annotations

from dataclasses import dataclass

from fopegui.core import catalogue
from fopegui.core.model import Source
from fopegui.core.texts import Localized


@dataclass(frozen=True, slots=True)
class OutlookProperty:
    key: str  # a msg.json "properties.rows" key: "sender", "to", …
    label: Localized
    value: str | None  # None: the .msg does not have it
    tags: str  # the MAPI properties it comes from
    description: Localized
    kind: str = "text"  # "time": ``value`` is ISO 8601 (UTC)


def title() -> Localized:
    """The name of the group these rows are shown under."""
    return catalogue.load("msg")["properties"]["title"]


def outlook_properties(source: Source | None) -> list[OutlookProperty]:
    """The rows for a .msg, in catalogue order ([] for anything else). Bcc only when set."""
    if source is None or source.kind != "msg":
        return []
    props = source.properties
    values = dict(props)
    sender = " ".join(
        filter(None, [props.get("sender_name"), _angle(props.get("sender_email"))])
    )
    values["sender"] = sender or None
    rows = catalogue.load("msg")["properties"]["rows"]
    return [
        OutlookProperty(
            key,
            row["label"],
            values.get(key),
            row["tags"],
            row["description"],
            row.get("kind", "text"),
        )
        for key, row in rows.items()
        if key != "bcc" or values.get(key)
    ]


def none_text() -> Localized:
    """What a row without a value shows."""
    return catalogue.load("msg")["none"]


def _angle(address: str | None) -> str | None:
    return f"<{address}>" if address else None
