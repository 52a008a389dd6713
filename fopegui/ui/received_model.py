"""The Received chain as a table model: hop 1 (oldest) first, times in one zone.

Every reading comes from the core (``core.received``): the hop's state (slow hop, clock
skew, drift), its FOPE/EOP role, the outbound edge, the time normalised to UTC or to the
machine's zone. The model only words them and hands the delay bar its values
(:data:`fopegui.ui.delegates.BAR_ROLE`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QFont

from fopegui.core.model import Hop
from fopegui.core.received import DRIFT, SKEW, SLOW, hop_instant, hop_state, normalised_time
from fopegui.ui import severity as sev
from fopegui.ui.delegates import BAR_ROLE, BAR_SCALE_ROLE
from fopegui.ui.models import OBJECT_ROLE
from fopegui.ui.plain import clock_text, day_text, one_line, plain_tooltip

translate = QCoreApplication.translate
# Zones the times can be shown in: UTC, or the machine's own (Python's astimezone(None)).
UTC_ZONE = "utc"
LOCAL_ZONE = "local"


def format_delay(seconds: float | None) -> str:
    if seconds is None:
        return ""
    sign = "−" if seconds < 0 else ""
    total = abs(seconds)
    if total < 60:
        text = translate("Models", "{s:.0f} s").format(s=total)
    elif total < 3600:
        text = translate("Models", "{m} min {s} s").format(m=int(total // 60), s=int(total % 60))
    else:
        text = translate("Models", "{h} h {m} min").format(
            h=int(total // 3600), m=int(total % 3600 // 60)
        )
    return sign + text


def written_time(hop: Hop) -> str:
    """The hop's time as the server wrote it: ``2012-03-07 11:41:07 +0900``."""
    when = hop_instant(hop)
    if when is None:
        return one_line(hop.time)
    return f"{day_text(when)} {clock_text(when)}{when.strftime(' %z')}"


def zone_label(zone: str) -> str:
    if zone == LOCAL_ZONE:
        offset = datetime.now().astimezone().strftime("%z")
        return translate("Models", "local, {offset}").format(offset=offset)
    return "UTC"


def edge_text(hop: Hop) -> str:
    if hop.is_outbound_edge:
        return translate("Models", "outbound edge")
    roles = {
        "inbound": translate("Models", "inbound"),
        "outbound": translate("Models", "outbound"),
        "hub": translate("Models", "hub"),
        "internal": translate("Models", "internal"),
    }
    if hop.edge_role in roles:
        return roles[hop.edge_role]
    return translate("Models", "yes") if hop.fope_edge else ""


class ReceivedModel(QAbstractTableModel):
    """The Received chain, hop 1 (oldest) first, times in ``zone`` (UTC or local)."""

    # Most telling first, so a narrow pane still shows route, addresses, timing and edges.
    COLUMNS = ("hop", "from", "by", "ip", "time", "delay", "edge", "with")

    def __init__(self, hops: list[Hop] | None = None, parent: Any = None, zone: str = UTC_ZONE):
        super().__init__(parent)
        self._hops = list(hops or [])
        self._zone = zone
        self._times = [normalised_time(h, UTC if zone == UTC_ZONE else None) for h in self._hops]
        self._states = [hop_state(h) for h in self._hops]
        delays = [abs(h.delay_s) for h in self._hops if h.delay_s is not None]
        self._longest = max(delays, default=0.0)
        days = {day_text(t) for t in self._times if t is not None}
        # One day for every hop: the cells keep the clock (the tab names the day).
        self.day = days.pop() if len(days) == 1 else None
        time_title = translate("Models", "Time ({zone})").format(zone=zone_label(zone))
        titles = {
            "hop": translate("Models", "Hop"),
            "from": translate("Models", "From", "Received hop: the host that sent it"),
            "by": translate("Models", "By"),
            "with": translate("Models", "With"),
            "ip": translate("Models", "IP"),
            "time": time_title,
            "delay": translate("Models", "Delay"),
            "edge": translate("Models", "FOPE / EOP"),
        }
        self._headers = [titles[c] for c in self.COLUMNS]

    @property
    def zone(self) -> str:
        return self._zone

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hops)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def hop(self, row: int) -> Hop:
        return self._hops[row]

    def state(self, row: int) -> str | None:
        return self._states[row]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        hop, state = self._hops[row], self._states[row]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == OBJECT_ROLE:
            return hop
        if role == BAR_ROLE and column == "delay":
            return (hop.delay_s, state)
        if role == BAR_SCALE_ROLE and column == "delay":
            return self._longest
        if role == Qt.ItemDataRole.BackgroundRole:
            if state in (SLOW, SKEW):
                return sev.background("warning")
            if hop.is_outbound_edge:
                return sev.background("info")
            return None
        if role == Qt.ItemDataRole.DecorationRole:
            if column == "edge" and (hop.fope_edge or hop.is_outbound_edge):
                return sev.icon("info")
            return None
        if role == Qt.ItemDataRole.FontRole and hop.is_outbound_edge:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def _tooltip(self, row: int, column: str) -> str:
        hop, state = self._hops[row], self._states[row]
        if column == "delay" and state in (SKEW, DRIFT):
            return plain_tooltip(
                translate(
                    "Models", "Timed before the previous hop: the two servers' clocks disagree."
                )
            )
        if column == "delay" and state == SLOW:
            return plain_tooltip(
                translate("Models", "Slow hop: the message waited here for a while.")
            )
        if column == "time" and hop.time:
            lines = [translate("Models", "As written: {time}").format(time=written_time(hop))]
            when = hop_instant(hop)
            for zone, tz in ((UTC_ZONE, UTC), (LOCAL_ZONE, None)):
                moved = when.astimezone(tz) if when else None
                if moved is not None:
                    lines.append(f"{zone_label(zone)}: {day_text(moved)} {clock_text(moved)}")
            return plain_tooltip("\n".join(lines))
        if column == "edge" and hop.is_outbound_edge:
            return plain_tooltip(
                translate(
                    "Models",
                    "The FOPE/EOP outbound edge server: the host the recipient's server saw, "
                    "so the address a blacklist would list (KB2590562).",
                )
            )
        return plain_tooltip(hop.raw)

    def _text(self, row: int, column: str) -> str:
        hop = self._hops[row]
        if column == "hop":
            return str(hop.hop)
        if column == "from":
            name = hop.from_host or hop.from_helo or ""
            if hop.from_rdns and hop.from_rdns != name:
                name = f"{name} ({hop.from_rdns})" if name else hop.from_rdns
            return one_line(name)
        if column == "by":
            return one_line(hop.by_host)
        if column == "with":
            return one_line(hop.with_proto)
        if column == "ip":
            return one_line(hop.ip)
        if column == "time":
            when = self._times[row]
            if when is None:
                return one_line(hop.time) if hop.time else ""
            return clock_text(when) if self.day else f"{day_text(when)} {clock_text(when)}"
        if column == "delay":
            return self._delay_text(hop.delay_s, self._states[row])
        if column == "edge":
            return edge_text(hop)
        return ""

    @staticmethod
    def _delay_text(delay: float | None, state: str | None) -> str:
        text = format_delay(delay)
        if state == SKEW:
            text += " " + translate("Models", "(clock skew)")
        elif state == DRIFT:
            text += " " + translate("Models", "(clock drift)")
        elif state == SLOW:
            text += " " + translate("Models", "(slow)")
        return text
