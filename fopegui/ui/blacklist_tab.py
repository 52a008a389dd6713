"""Blacklist tab (object name ``blacklist``): live DNSBL check of a message's addresses.

Targets come from the selected message (the IP a recipient's blacklist rejected in an NDR, the
outbound edge server, the connecting IP) or are typed. A host name is resolved first (the
KB2590562 "DNS Lookup" step, shown as its own row). The check runs on the app's DnsWorker;
each list's answer fills its row as it arrives, so the window stays responsive. Every result
is tied to the check that asked for it: Cancel or a new message drops late answers.
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fopegui.core import dnsbl_catalogue as cat
from fopegui.core.dnsbl_catalogue import DnsblList
from fopegui.core.model import Report
from fopegui.core.received import connecting_hop, outbound_edge_host, outbound_edge_ip
from fopegui.net import dnsbl
from fopegui.net.dnsbl import DnsblReport, HostLookup, ListResult
from fopegui.net.resolver import ResolverConfig
from fopegui.ui import dns_settings, texts
from fopegui.ui import settings as store
from fopegui.ui import severity as sev
from fopegui.ui.dns_worker import DnsJob, DnsWorker, WorkerSource
from fopegui.ui.tables import setup_readonly_table

translate = QCoreApplication.translate

# DNSBL outcome → severity (colour + icon; the text always says it too).
STATUS_SEVERITY = {
    "listed": "problem",
    "not_listed": "ok",
    "error": "warning",
    "unknown": "unknown",
}
LOOKUP_SEVERITY = {"resolved": "ok", "not_found": "warning", "no_address": "warning"}
COLUMNS = ("list", "ip", "status", "codes", "meaning", "txt", "time", "link")


@dataclass(frozen=True, slots=True)
class Target:
    role: str  # translated: what this address is
    host: str | None
    ip: str | None
    origin: str  # translated: which header, hop or NDR text it was read from
    kind: str = ""  # "ndr" | "edge" | "cip" | "inbound"

    @property
    def value(self) -> str | None:
        """What the check looks up. The outbound edge by its host name (resolved first, as
        KB2590562 does); any other target by the IP the headers recorded: a sender's HELO
        name is only its claim and may resolve to another address."""
        public_ip = self.ip if self.ip and not is_private(self.ip) else None
        named = self.host and dnsbl.valid_hostname(self.host) and not dnsbl.is_ip(self.host)
        if self.kind == "edge" and named:
            return self.host
        return public_ip or (self.host if named else None)


# Inside addresses no public blacklist can list. Deliberately not ``not is_global``: the
# documentation nets (192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32) stand in for
# public servers in samples and tests, and checking them does no harm.
_INSIDE = [
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
        "172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/4", "240.0.0.0/4",
        "::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8",
    )
]  # fmt: skip


def is_private(ip: str) -> bool:
    """Addresses no public blacklist can list: private, shared, loopback, link-local, multicast."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    if mapped is not None:
        address = mapped
    return any(address in net for net in _INSIDE if net.version == address.version)


def private_reason(ip: str) -> str:
    return translate(
        "Blacklist",
        "{ip} is a private or reserved address: servers on the Internet never saw it and no "
        "public blacklist lists it, so it is not checked.",
    ).format(ip=ip)


def _origin_of_hop(hop: int, ip: str | None) -> str:
    origin = translate("Blacklist", "Received header, hop {hop}").format(hop=hop)
    if ip and is_private(ip):
        # A relay's inside address: no public blacklist lists it, so say it is not the target.
        origin += translate("Blacklist", " (private address: not what other servers saw)")
    return origin


def blacklist_targets(report: Report | None) -> list[Target]:
    """The hosts and IPs a blacklist check of this message is about, with their provenance.

    Order: the outbound edge server (KB2590562 starts there), the IP an NDR says a blacklist
    rejected, the sender's connecting IP, the server that handed the message to FOPE/EOP.
    """
    if report is None:
        return []
    targets: list[Target] = []
    ndr = report.ndr
    edge = report.outbound_edge
    if edge is not None:
        edge_ip = outbound_edge_ip(edge)
        targets.append(
            Target(
                translate("Blacklist", "Outbound edge server"),
                outbound_edge_host(edge),
                edge_ip,
                _origin_of_hop(edge.hop, edge_ip),
                "edge",
            )
        )
    elif ndr is not None and getattr(ndr, "reporting_mta", None):
        targets.append(
            Target(
                translate("Blacklist", "Server that wrote the NDR (outbound edge)"),
                ndr.reporting_mta,
                None,
                translate("Blacklist", "NDR: Reporting-MTA / “mail system at host”"),
                "edge",
            )
        )
    for listing in getattr(ndr, "listings", None) or []:
        if listing.ip and all(t.ip != listing.ip for t in targets[1:]):
            where = listing.zone or translate("Blacklist", "a blacklist")
            targets.append(
                Target(
                    translate("Blacklist", "IP rejected by {zone}").format(zone=where),
                    None,
                    listing.ip,
                    translate("Blacklist", "NDR text: {evidence}").format(
                        evidence=listing.evidence
                    ),
                    "ndr",
                )
            )
    cip = report.eop.get("cip") if report.eop else None
    if cip:
        targets.append(
            Target(
                translate("Blacklist", "Connecting IP of the sender"),
                report.eop.get("h"),
                cip,
                translate("Blacklist", "X-Forefront-Antispam-Report CIP (host: H)"),
                "cip",
            )
        )
    inbound = connecting_hop(report.received)  # the core's reading of the first hop in
    if inbound is not None and inbound.ip != cip:
        targets.append(
            Target(
                translate("Blacklist", "Server that handed the message to FOPE/EOP"),
                inbound.from_host,
                inbound.ip,
                _origin_of_hop(inbound.hop, inbound.ip),
                "inbound",
            )
        )
    return targets


def order_zones(zones: list[DnsblList], first: list[str]) -> list[DnsblList]:
    """``zones`` with those matching ``first`` (zones named in an NDR) moved to the front."""

    def rank(lst: DnsblList) -> int:
        for i, name in enumerate(first):
            name = cat.normalise_zone(name)
            if name == lst.zone or name.endswith("." + lst.zone):
                return i
        return len(first)

    return sorted(zones, key=rank)  # stable: catalogue order (Backscatterer first) otherwise


def planned_pairs(zones: list[DnsblList], ips: list[str]) -> list[tuple[DnsblList, str]]:
    """The (list, ip) questions a check asks: lists without IPv6 data skip IPv6 addresses."""
    return [
        (lst, ip)
        for ip in ips
        for lst in zones
        if ipaddress.ip_address(ip).version == 4 or lst.ipv6
    ]


@dataclass(slots=True)
class CheckOutcome:
    """Everything one tab check found (the tab's ``checkFinished`` value)."""

    target: str
    lookup: HostLookup | None = None
    ips: list[str] = field(default_factory=list)
    private: list[str] = field(default_factory=list)
    reports: list[DnsblReport] = field(default_factory=list)
    elapsed_ms: float = 0.0

    @property
    def results(self) -> list[ListResult]:
        return [r for rep in self.reports for r in rep.results]

    @property
    def summary(self) -> dict[str, int]:
        counts = dict.fromkeys(dnsbl.STATUSES, 0)
        for r in self.results:
            counts[r.status] += 1
        return counts


async def check_target(
    target: str,
    zones: list[DnsblList],
    config: ResolverConfig,
    lang: str,
    emit: Callable[[str, object], None],
) -> CheckOutcome:
    """Resolve ``target`` if it is a host, then check its public IPs, all within the deadline.

    ``emit(kind, obj)`` reports ``("lookup", HostLookup)``, ``("ips", (public, private))``
    and ``("result", ListResult)`` as they happen.
    """
    loop = asyncio.get_running_loop()
    start = loop.time()
    outcome = CheckOutcome(target)
    if dnsbl.is_ip(target):
        ips = [str(ipaddress.ip_address(target))]
    else:
        try:
            async with asyncio.timeout(config.deadline_s):
                outcome.lookup = await dnsbl.resolve_host(target, config, lang)
        except TimeoutError:
            deadline = texts.dnsbl_message("deadline", lang=lang)
            detail = texts.dnsbl_message("lookup_unknown", lang=lang, name=target, detail=deadline)
            ms = (loop.time() - start) * 1000.0
            outcome.lookup = HostLookup(target, "unknown", [], "timeout", "timeout", detail, ms)
        emit("lookup", outcome.lookup)
        ips = list(outcome.lookup.addresses)
    outcome.ips = [ip for ip in ips if not is_private(ip)]
    outcome.private = [ip for ip in ips if is_private(ip)]
    emit("ips", (outcome.ips, outcome.private))
    # One deadline for the whole check: what the lookup used is taken off the list queries.
    remaining = max(0.2, config.deadline_s - (loop.time() - start))
    sub = replace(config, deadline_s=remaining)

    def on_result(result: ListResult) -> None:
        emit("result", result)

    outcome.reports = list(
        await asyncio.gather(
            *(dnsbl.check(ip, zones, sub, on_result=on_result, lang=lang) for ip in outcome.ips)
        )
    )
    outcome.elapsed_ms = round((loop.time() - start) * 1000.0, 3)
    return outcome


def status_label(status: str, lang: str | None = None) -> str:
    """The status word for a table cell: Listed / Not listed / Error / Unknown (en + ja)."""
    text = texts.dnsbl_message(f"status_{status}", lang=lang)
    return text[:1].upper() + text[1:]


def summary_text(counts: dict[str, int], total: int, addresses: int = 1) -> tuple[str, str]:
    """(severity, sentence) for the summary line; unknown and error are never called clean."""
    listed, errors, unknown = counts["listed"], counts["error"], counts["unknown"]
    noun = (
        translate("Blacklist", "lists")
        if addresses <= 1
        else translate("Blacklist", "list lookups ({n} addresses)").format(n=addresses)
    )
    extra = []
    if errors:
        extra.append(translate("Blacklist", "{n} error").format(n=errors))
    if unknown:
        extra.append(translate("Blacklist", "{n} unknown").format(n=unknown))
    tail = ""
    if extra:
        tail = "; " + ", ".join(extra) + translate("Blacklist", " — unknown is not clean")
    if listed:
        head = translate("Blacklist", "LISTED on {n} of {total} {noun}")
        return "problem", head.format(n=listed, total=total, noun=noun) + tail
    if extra:
        head = translate("Blacklist", "Not listed on {n} of {total} {noun}")
        return "warning", head.format(n=counts["not_listed"], total=total, noun=noun) + tail
    if total == 0:
        return "unknown", translate("Blacklist", "Nothing was checked.")
    head = translate("Blacklist", "Not listed on any of the {total} {noun}")
    return "ok", head.format(total=total, noun=noun)


class BlacklistTab(QWidget):
    """Target, Check/Cancel, progress, and the live result table."""

    checkFinished = Signal(object)  # CheckOutcome (not emitted for a cancelled check)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
        worker: Callable[[], DnsWorker] | DnsWorker | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("blacklist")
        self.settings = settings if settings is not None else store.open_settings()
        self._workers = WorkerSource(self, worker)
        self._zones: list[DnsblList] | None = None  # test/benchmark seam: exact zones
        self._report: Report | None = None
        self._targets: list[Target] = []
        self._job: DnsJob | None = None
        self._token = 0
        self._rows: dict[tuple[str, str], int] = {}
        self._results: list[ListResult] = []
        self._rejected: list[str] = []
        self._zones_running: list[DnsblList] = []
        self._planned = 0
        self.summary_severity: str | None = None
        self._build()
        self.set_report(None)

    # -- construction ---------------------------------------------------------------------

    def _build(self) -> None:
        self.notice = QLabel(
            self.tr(
                "Checks an address against DNS blacklists (Backscatterer first). A host name is "
                "resolved first (KB2590562: DNS lookup). Listed = a blacklist names this IP; "
                "unknown = the list did not answer, which is not the same as clean."
            )
        )
        self.notice.setWordWrap(True)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)

        self.target_combo = QComboBox()
        self.target_combo.setObjectName("blacklistTarget")
        self.target_combo.setEditable(True)
        self.target_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.target_combo.setMinimumContentsLength(28)
        self.target_combo.lineEdit().setPlaceholderText(self.tr("IP address or host name"))
        self.target_combo.lineEdit().returnPressed.connect(self.check)
        self.target_combo.currentIndexChanged.connect(self._target_changed)
        self.target_combo.editTextChanged.connect(self._target_changed)
        self.check_button = QPushButton(self.tr("&Check"))
        self.check_button.setObjectName("blacklistCheck")
        self.check_button.clicked.connect(self.check)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("blacklistCancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.origin = QLabel()
        self.origin.setObjectName("blacklistOrigin")
        self.origin.setTextFormat(Qt.TextFormat.PlainText)
        self.origin.setWordWrap(True)

        self.progress = QProgressBar()
        self.progress.setObjectName("blacklistProgress")
        self.progress.setFormat(self.tr("%v of %m answered"))
        self.progress.hide()

        self.summary_icon = QLabel()
        self.summary = QLabel()
        self.summary.setObjectName("blacklistSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes = QLabel()
        self.notes.setObjectName("blacklistNotes")
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = QTableWidget(0, 4)
        self.table.setObjectName("blacklistTargets")
        self.table.setHorizontalHeaderLabels(
            [self.tr("What"), self.tr("Host"), self.tr("IP address"), self.tr("Where it came from")]
        )
        self._setup_table(self.table)
        for column, width in enumerate((290, 220, 120)):
            self.table.setColumnWidth(column, width)
        self.table.itemSelectionChanged.connect(self._target_row_selected)
        self.table.cellDoubleClicked.connect(lambda *_: self.check())

        self.result_table = QTableWidget(0, len(COLUMNS))
        self.result_table.setObjectName("blacklistResults")
        self.result_table.setHorizontalHeaderLabels(
            [
                self.tr("List"),
                self.tr("IP address"),
                self.tr("Status"),
                self.tr("Codes"),
                self.tr("Meaning"),
                self.tr("TXT"),
                self.tr("Time"),
                self.tr("Lookup / delisting"),
            ]
        )
        self._setup_table(self.result_table)
        for column, width in enumerate((190, 150, 120, 90, 330, 220, 70)):
            self.result_table.setColumnWidth(column, width)
        self.result_table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.result_table.customContextMenuRequested.connect(self._context_menu)
        copy = QAction(self.tr("Copy"), self.result_table)
        copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copy_selection)
        self.result_table.addAction(copy)

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Target:")))
        row.addWidget(self.target_combo, 1)
        row.addWidget(self.check_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.progress)
        summary = QHBoxLayout()
        self.summary_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        summary.addWidget(self.summary_icon)
        summary.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.notice)
        layout.addWidget(self.table)
        layout.addLayout(row)
        layout.addWidget(self.origin)
        layout.addLayout(summary)
        layout.addWidget(self.result_table, 1)
        layout.addWidget(self.notes)

    def _setup_table(self, table: QTableWidget) -> None:
        setup_readonly_table(table)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)

    def _fit_targets_table(self) -> None:
        # Room for the rows there are (at most five), so the results get the rest.
        rows = min(5, max(1, self.table.rowCount()))
        height = self.table.horizontalHeader().sizeHint().height()
        height += rows * self.table.verticalHeader().defaultSectionSize() + 4
        self.table.setFixedHeight(height)

    # -- public ---------------------------------------------------------------------------

    def set_zones(self, zones: list[DnsblList] | None) -> None:
        """Check exactly ``zones`` (tests, benchmark); None = the lists enabled in settings."""
        self._zones = list(zones) if zones is not None else None

    def set_report(self, report: Report | None) -> None:
        """Show the targets of ``report``; a running check of another message is cancelled."""
        if report is self._report and report is not None:
            return  # a repaint of the same message (theme change): keep the results
        self.cancel()
        self._report = report
        every = blacklist_targets(report)
        self._targets = [t for t in every if t.value]
        self.table.blockSignals(True)
        self.table.setRowCount(len(every))
        for row, target in enumerate(every):
            values = (target.role, target.host or "", target.ip or "", target.origin)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self.table.setVisible(bool(every))
        self._fit_targets_table()
        self._rejected = list(getattr(report.ndr, "zones", None) or []) if report else []
        self.target_combo.blockSignals(True)
        self.target_combo.clear()
        for target in self._targets:
            self.target_combo.addItem(target.value or "")
        self.target_combo.blockSignals(False)
        self._clear_results()
        notes = [f"{t.role}: {private_reason(t.ip)}" for t in every if not t.value and t.ip]
        if report is not None and not self._targets:
            notes.insert(
                0,
                self.tr(
                    "This message names no outbound edge server and no connecting IP, "
                    "so there is nothing to check against a blacklist. Type an address to "
                    "check one."
                ),
            )
        self._set_notes(notes)
        self._target_changed()

    def current_target(self) -> str:
        return self.target_combo.currentText().strip()

    def is_running(self) -> bool:
        return self._job is not None

    def results(self) -> list[ListResult]:
        """The answers shown so far (in arrival order)."""
        return list(self._results)

    def row_of(self, zone: str, ip: str) -> int | None:
        return self._rows.get((cat.normalise_zone(zone), ip))

    def check(self, target: str | None = None) -> bool:
        """Start a check of ``target`` (default: the field). False when nothing was started."""
        if target is not None:
            self.target_combo.setEditText(target)
        text = self.current_target()
        self.cancel()
        self._clear_results()
        if not text:
            self._set_summary("unknown", self.tr("Type an IP address or a host name to check."))
            return False
        if not (dnsbl.is_ip(text) or dnsbl.valid_hostname(text)):
            self._set_summary(
                "warning",
                self.tr("“{text}” is neither an IP address nor a host name.").format(text=text),
            )
            return False
        if dnsbl.is_ip(text) and is_private(text):
            self._set_summary("info", private_reason(text))
            return False
        try:
            config = dns_settings.resolver_config_from_settings(self.settings)
        except ValueError as exc:
            self._set_summary(
                "warning",
                self.tr("The resolver in Settings is not valid: {error}").format(error=exc),
            )
            return False
        zones = self._zones_for_check()
        if not zones:
            self._set_summary(
                "warning", self.tr("No blacklist is enabled: turn some on in Tools ▸ Settings.")
            )
            return False
        self._token += 1
        token, lang = self._token, texts.language()  # the results' language (net words them)
        worker = self._worker()

        def emit(kind: str, obj: object) -> None:  # worker thread → GUI thread, tagged
            worker.call_in_gui(self._on_event, token, kind, obj)

        self._zones_running = zones
        self._job = worker.submit(lambda: check_target(text, zones, config, lang, emit))
        self._job.finished.connect(lambda outcome, t=token: self._on_finished(t, outcome))
        self._job.failed.connect(lambda message, t=token: self._on_failed(t, message))
        self.progress.setRange(0, 0)  # busy until the addresses are known
        self.progress.show()
        self.check_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        via = ", ".join(config.describe()["nameservers"]) or self.tr("system resolver")
        self._set_summary(
            "info",
            self.tr("Checking {target} on {n} lists via {via}…").format(
                target=text, n=len(zones), via=f"{via}:{config.port}"
            ),
        )
        return True

    def cancel(self) -> None:
        if self._job is None:
            return
        job, self._job = self._job, None
        self._token += 1  # answers already queued for the GUI are dropped
        job.cancel()
        self._mark_pending(self.tr("Not checked (cancelled)"))
        answered = len(self._results)
        self._set_summary(
            "unknown",
            self.tr("Cancelled: {n} of {total} lists had answered.").format(
                n=answered, total=self._planned
            ),
        )
        self._idle()

    # -- check plumbing -------------------------------------------------------------------

    def _worker(self) -> DnsWorker:
        return self._workers.get()

    def shutdown(self) -> None:
        """Stop a worker this tab made itself (standalone use)."""
        self.cancel()
        self._workers.shutdown_own()

    def _zones_for_check(self) -> list[DnsblList]:
        if self._zones is not None:
            return order_zones(self._zones, self._rejected)
        zones = dns_settings.zones_from_settings(self.settings)
        known = {lst.zone for lst in zones}
        # The list that rejected the mail (from the NDR) is checked even when switched off.
        for name in self._rejected:
            lst = cat.find_zone(name)
            lst = replace(lst, enabled=True) if lst else cat.custom_list(name)
            if lst.zone not in known:
                zones.append(lst)
                known.add(lst.zone)
        return order_zones(zones, self._rejected)

    def _on_event(self, token: int, kind: str, obj: object) -> None:
        if token != self._token:
            return  # a cancelled or replaced check
        if kind == "lookup":
            self._show_lookup(obj)  # type: ignore[arg-type]
        elif kind == "ips":
            public, private = obj  # type: ignore[misc]
            self._plan(public, private)
        elif kind == "result":
            self._show_result(obj)  # type: ignore[arg-type]

    def _on_finished(self, token: int, outcome: CheckOutcome) -> None:
        if token != self._token:
            return
        self._job = None
        self._mark_pending(self.tr("No answer"))
        total = len(outcome.results)
        severity, text = summary_text(outcome.summary, total, len(outcome.ips))
        if outcome.lookup is not None and not outcome.ips and not outcome.private:
            severity, text = (
                LOOKUP_SEVERITY.get(outcome.lookup.status, "unknown"),
                (outcome.lookup.detail or ""),
            )
        elif not outcome.ips and outcome.private:
            severity, text = "info", " ".join(private_reason(ip) for ip in outcome.private)
        elapsed = outcome.elapsed_ms / 1000.0
        text += self.tr(" (in {s:.1f} s)").format(s=elapsed)
        self._set_summary(severity, text)
        self._idle()
        self.checkFinished.emit(outcome)

    def _on_failed(self, token: int, message: str) -> None:
        if token != self._token:
            return
        self._job = None
        self._mark_pending(self.tr("Not checked"))
        self._set_summary("warning", self.tr("The check failed: {error}").format(error=message))
        self._idle()

    def _idle(self) -> None:
        self.progress.hide()
        self.check_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    # -- table ----------------------------------------------------------------------------

    def _clear_results(self) -> None:
        self.result_table.setRowCount(0)
        self._rows.clear()
        self._results = []
        self._planned = 0
        self._set_summary(None, "")

    def _add_row(self, values: list[str], severity: str | None) -> int:
        row = self.result_table.rowCount()
        self.result_table.insertRow(row)
        for column, value in enumerate(values):
            self.result_table.setItem(row, column, QTableWidgetItem(value))
        self._paint_row(row, severity)
        return row

    def _paint_row(self, row: int, severity: str | None) -> None:
        for column in range(self.result_table.columnCount()):
            item = self.result_table.item(row, column)
            if item is None:
                item = QTableWidgetItem("")
                self.result_table.setItem(row, column, item)
            if severity is None:
                item.setData(Qt.ItemDataRole.BackgroundRole, None)
                continue
            item.setBackground(sev.background(severity))
        status = self.result_table.item(row, COLUMNS.index("status"))
        if severity is not None:
            status.setIcon(sev.icon(severity))
            status.setForeground(sev.accent(severity))

    def _show_lookup(self, lookup: HostLookup) -> None:
        severity = LOOKUP_SEVERITY.get(lookup.status, "unknown")
        status = {
            "resolved": self.tr("Resolved"),
            "not_found": self.tr("Not found"),
            "no_address": self.tr("No address"),
        }.get(lookup.status, self.tr("Unknown"))
        values = [
            self.tr("DNS lookup of {name}").format(name=lookup.name),
            ", ".join(lookup.addresses) or "—",
            status,
            "",
            lookup.detail or "",
            "",
            self._ms(lookup.elapsed_ms),
            "",
        ]
        self._add_row(values, severity)

    def _plan(self, public: list[str], private: list[str]) -> None:
        pairs = planned_pairs(self._zones_running, public)
        first = {cat.normalise_zone(z) for z in self._rejected}
        for lst, ip in pairs:
            name = lst.name
            if lst.zone in first or any(z.endswith("." + lst.zone) for z in first):
                name = self.tr("{name} — rejected your mail (NDR)").format(name=name)
            row = self._add_row(
                [name, ip, self.tr("Waiting…"), "", "", "", "", lst.lookup_link(ip) or ""], None
            )
            self.result_table.item(row, 0).setToolTip(lst.zone)
            if lst.zone in first:
                for column in range(self.result_table.columnCount()):
                    font = self.result_table.item(row, column).font()
                    font.setBold(True)
                    self.result_table.item(row, column).setFont(font)
            self._rows[(lst.zone, ip)] = row
        self._planned = len(pairs)
        self.progress.setRange(0, max(1, len(pairs)))
        self.progress.setValue(0)
        notes = [private_reason(ip) for ip in private]
        skipped = len(public) * len(self._zones_running) - len(pairs)
        if skipped:
            notes.append(
                self.tr("{n} lists publish no IPv6 entries and were not asked about IPv6.").format(
                    n=skipped
                )
            )
        if notes:
            self._set_notes(notes)

    def _show_result(self, result: ListResult) -> None:
        self._results.append(result)
        key = (cat.normalise_zone(result.zone), result.ip)
        row = self._rows.get(key)
        if row is None:  # not planned (should not happen): still show it
            row = self._add_row([result.name or result.zone, result.ip], None)
            self._rows[key] = row
        link = result.lookup_url or result.delist_url or ""
        values = {
            "status": status_label(result.status),
            "codes": ", ".join(result.codes),
            "meaning": result.detail or "",
            "txt": result.txt or "",
            "time": self._ms(result.elapsed_ms),
            "link": link,
        }
        for name, value in values.items():
            item = self.result_table.item(row, COLUMNS.index(name))
            item.setText(value)
            item.setToolTip(value)
        links = [u for u in (result.lookup_url, result.delist_url) if u]
        self.result_table.item(row, COLUMNS.index("link")).setToolTip("\n".join(links))
        self._paint_row(row, STATUS_SEVERITY[result.status])
        self.progress.setValue(min(self.progress.maximum(), len(self._results)))

    def _mark_pending(self, text: str) -> None:
        waiting = self.tr("Waiting…")
        for row in self._rows.values():
            item = self.result_table.item(row, COLUMNS.index("status"))
            if item is not None and item.text() == waiting:
                item.setText(text)
                self._paint_row(row, "unknown")

    def _ms(self, ms: float) -> str:
        return self.tr("{ms:.0f} ms").format(ms=ms)

    def status_of(self, row: int) -> str:
        return self.result_table.item(row, COLUMNS.index("status")).text()

    # -- labels, copying ------------------------------------------------------------------

    def _set_summary(self, severity: str | None, text: str) -> None:
        self.summary.setText(text)
        self.summary_severity = severity
        size = self.fontMetrics().height()
        if severity is None:
            self.summary_icon.clear()
            self.summary.setStyleSheet("")
        else:
            self.summary_icon.setPixmap(sev.icon(severity).pixmap(size, size))
            weight = "font-weight: bold;" if severity == "problem" else ""
            self.summary.setStyleSheet(f"color: {sev.accent(severity).name()}; {weight}")

    def _set_notes(self, notes: list[str]) -> None:
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))

    def _target_changed(self, *_args: object) -> None:
        text = self.current_target()
        match = next((t for t in self._targets if t.value == text), None)
        if match is not None:
            address = f" — {match.ip}" if match.ip and match.ip != text else ""
            self.origin.setText(f"{match.role}{address} · {match.origin}")
        elif text:
            self.origin.setText(self.tr("Typed by you"))
        else:
            self.origin.clear()

    def _target_row_selected(self) -> None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        every = blacklist_targets(self._report)
        if len(rows) == 1 and (row := rows.pop()) < len(every):
            value = every[row].value
            if value:
                self.target_combo.setEditText(value)
            else:
                self.origin.setText(private_reason(every[row].ip or ""))

    def _context_menu(self, pos) -> None:
        row = self.result_table.rowAt(pos.y())
        if row < 0:
            return
        menu = QMenu(self)
        link = self.result_table.item(row, COLUMNS.index("link"))
        for url in link.toolTip().splitlines() if link else []:
            menu.addAction(self.tr("Copy {url}").format(url=url), lambda u=url: _copy(u))
        menu.addAction(self.tr("Copy row"), lambda: _copy(self.row_text(row)))
        menu.exec(self.result_table.viewport().mapToGlobal(pos))

    def row_text(self, row: int) -> str:
        cells = [self.result_table.item(row, c) for c in range(self.result_table.columnCount())]
        return "\t".join(c.text() if c else "" for c in cells)

    def copy_selection(self) -> None:
        rows = sorted({i.row() for i in self.result_table.selectedIndexes()})
        _copy("\n".join(self.row_text(r) for r in rows))


def _copy(text: str) -> None:
    QGuiApplication.clipboard().setText(text)
