"""Reputation tab (object name ``reputation``): the sending server, at delivery time and now.

Top: what the filter recorded (connecting IP, HELO, reverse DNS) and the core's offline
findings. Bottom: live checks (``net.reputation.check_reputation``) run on the shared
DnsWorker only when the user clicks "Check now", with the resolver and lists of the settings;
each row is marked with the time it was checked. Switching messages cancels and clears.
The core's texts (findings, notices) are rendered by the text service and again when the
language changes; live results come from the net layer already worded (in the language of
the moment the check ran).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QBrush, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fopegui.core import addresses
from fopegui.core.dnsbl_catalogue import address_class_text, covers_open_proxies
from fopegui.core.model import Report
from fopegui.core.sender import sender_facts
from fopegui.net.reputation import CheckItem, ReputationResult, check_reputation
from fopegui.ui import dns_settings, texts
from fopegui.ui import severity as sev
from fopegui.ui.dns_worker import DnsJob, DnsWorker, WorkerSource, current_job
from fopegui.ui.plain import plain_tooltip, shown
from fopegui.ui.widgets import STATUS_SEVERITY, Notice, plain_label, sanity_notes

translate = QCoreApplication.translate
# The KB code the core gives its offline sender-reputation findings (Finding.kb).
REPUTATION_KB = "reputation"
_UI_TEXTS = "reputation_ui"  # the catalogue file of this tab's long texts
CHECK_ORDER = ("ptr", "fcrdns", "helo", "helo_ptr", "dnsbl", "open_proxy")
_CFAM = "X-Forefront-Antispam-Report"


@dataclass(frozen=True, slots=True)
class Fact:
    value: str | None
    origin: str | None  # which header or hop it was read from


@dataclass(frozen=True, slots=True)
class ReputationInputs:
    ip: Fact
    helo: Fact
    ptr: Fact  # reverse DNS as recorded by the filter (RD / PTR / the Received hop)


def reputation_inputs(report: Report | None) -> ReputationInputs:
    """The connecting IP, HELO and recorded reverse DNS, as the core's diagnosis reads them."""
    none = Fact(None, None)
    if report is None or report.error:
        return ReputationInputs(none, none, none)
    facts = sender_facts(report)
    hop_origin = translate("Reputation", "Received header, hop {hop}")

    def fact(core_fact) -> Fact:
        if core_fact.key:
            return Fact(core_fact.value, f"{_CFAM} {core_fact.key}")
        if core_fact.hop is not None:
            return Fact(core_fact.value, hop_origin.format(hop=core_fact.hop))
        return none

    if facts.ip.value is None:
        return ReputationInputs(none, none, none)
    return ReputationInputs(fact(facts.ip), fact(facts.helo), fact(facts.ptr))


class StatusTable(QTableWidget):
    """Read-only rows whose long texts wrap (QTableView re-measures rows on a resize, which a
    tree does not); a status column shows icon + text + colour; each row keeps an id. Cells
    and tooltips go through the plain-text path: they hold header values and DNS answers."""

    def __init__(self, titles: list[str], stretch: int, status_column: int | None) -> None:
        super().__init__(0, len(titles))
        self.status_column = status_column
        self.setHorizontalHeaderLabels(titles)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setShowGrid(False)
        self.verticalHeader().hide()
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.horizontalHeader()
        for column in range(len(titles)):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column == stretch
                else (QHeaderView.ResizeMode.ResizeToContents)
            )
            header.setSectionResizeMode(column, mode)
        header.sectionResized.connect(lambda *_: self.resizeRowsToContents())

    def add_row(self, key: object, cells: list[str], status: str | None) -> int:
        row = self.rowCount()
        self.insertRow(row)
        self.set_row(row, key, cells, status)
        return row

    def row_of(self, key: object) -> int | None:
        return next((r for r in range(self.rowCount()) if self.key(r) == key), None)

    def set_row(self, row: int, key: object, cells: list[str], status: str | None) -> None:
        for column, text in enumerate(cells):
            item = QTableWidgetItem(shown(text))
            item.setToolTip(plain_tooltip(text))
            if status is not None:
                item.setBackground(QBrush(sev.background(status)))
            self.setItem(row, column, item)
        self.item(row, 0).setData(Qt.ItemDataRole.UserRole, key)
        if status is not None and self.status_column is not None:
            # Icon + text + colour: the status never rests on colour alone.
            cell = self.item(row, self.status_column)
            cell.setIcon(sev.icon(status))
            cell.setForeground(QBrush(sev.accent(status)))
        self.resizeRowToContents(row)

    def clear_rows(self) -> None:
        self.setRowCount(0)

    def key(self, row: int) -> object:
        return self.item(row, 0).data(Qt.ItemDataRole.UserRole)

    def texts(self, row: int) -> list[str]:
        return [self.item(row, c).text() for c in range(self.columnCount())]

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resizeRowsToContents()


def local_time(iso: str) -> str:
    """``2026-01-02T03:04:05+00:00`` → ``HH:MM:SS`` in local time (the admin's clock)."""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%H:%M:%S")
    except ValueError:
        return iso


class ReputationView(QWidget):
    """The ``reputation`` tab. ``worker`` returns the app's shared DnsWorker (made lazily)."""

    def __init__(
        self,
        settings: QSettings | None = None,
        worker: Callable[[], DnsWorker] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reputation")
        self._settings = settings
        self._workers = WorkerSource(self, worker)
        self.report: Report | None = None
        self.inputs = reputation_inputs(None)
        self.job: DnsJob | None = None
        self.result: ReputationResult | None = None

        self.intro = plain_label()
        self.intro.setObjectName("reputationIntro")

        # -- at delivery time
        self.ip_label = plain_label()
        self.helo_label = plain_label()
        self.ptr_label = plain_label()
        facts = QFormLayout()
        facts.addRow(self.tr("Connecting IP:"), self.ip_label)
        facts.addRow(self.tr("HELO / EHLO name:"), self.helo_label)
        facts.addRow(self.tr("Reverse DNS recorded:"), self.ptr_label)
        self.no_ip = Notice("info", "")
        self.findings = StatusTable([self.tr("Finding"), self.tr("Detail")], 1, None)
        self.findings.setObjectName("reputationFindings")
        delivery = QGroupBox(self.tr("At delivery time (recorded in the headers)"))
        delivery_layout = QVBoxLayout(delivery)
        delivery_layout.addLayout(facts)
        delivery_layout.addWidget(self.no_ip)
        delivery_layout.addWidget(self.findings)

        # -- checked now
        self.check_button = QPushButton(self.tr("Check &now"))
        self.check_button.setObjectName("checkNow")
        self.check_button.clicked.connect(self.check_now)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelCheck")
        self.cancel_button.clicked.connect(self.cancel)
        self.status = plain_label()
        self.status.setObjectName("reputationStatus")
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.status, 1)
        self.live = StatusTable(
            [self.tr("Check"), self.tr("Status"), self.tr("Result"), self.tr("When")], 2, 1
        )
        self.live.setObjectName("reputationLive")
        self.live_note = plain_label()
        self.live_note.setObjectName("reputationLiveNote")
        now = QGroupBox(self.tr("Checked now (live DNS)"))
        now_layout = QVBoxLayout(now)
        now_layout.addLayout(buttons)
        now_layout.addWidget(self.live, 1)
        now_layout.addWidget(self.live_note)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.intro)
        layout.addWidget(delivery)
        layout.addWidget(now, 1)
        # Scrolls only in a small window: the tab must not raise the window's minimum size.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._show_texts()
        self.set_report(None)
        texts.service().language_changed.connect(self._language_changed)

    def _show_texts(self) -> None:
        self.intro.setText(texts.catalogue_text(_UI_TEXTS, "reputation_intro"))
        self.live_note.setText(texts.catalogue_text(_UI_TEXTS, "reputation_unknown_note"))

    def _language_changed(self, _lang: str) -> None:
        """Render the core's texts of the same report again (the live rows stay as checked)."""
        self._show_texts()
        self._fill_findings(self.report)
        self._show_notice()

    # -- the message ----------------------------------------------------------------------

    def set_report(self, report: Report | None) -> None:
        """Show ``report``'s facts; cancel and clear any live check (no network here)."""
        self.cancel()
        self.report = report
        self.inputs = reputation_inputs(report)
        self.result = None
        self.live.clear_rows()
        dash = "—"
        ip, helo, ptr = self.inputs.ip, self.inputs.helo, self.inputs.ptr
        for label, fact in ((self.ip_label, ip), (self.helo_label, helo), (self.ptr_label, ptr)):
            if fact.value is None:
                label.setText(dash)
            else:
                label.setText(
                    self.tr("{value}   (from {origin})").format(
                        value=shown(fact.value) or dash, origin=shown(fact.origin)
                    )
                )
        self._fill_findings(report)
        self._show_notice()
        self.status.setText(
            self.tr("Not checked yet: nothing is sent over the network until you click Check now.")
            if ip.value
            else ""
        )
        self._update_buttons()

    def _show_notice(self) -> None:
        ip = self.inputs.ip.value
        if self.report is None:
            self.no_ip.hide()
        elif ip is None:
            self.no_ip.set("info", texts.catalogue_text(_UI_TEXTS, "reputation_no_ip"))
        elif not addresses.is_checkable(ip):  # the one address rule (core.addresses)
            kind = texts.tr_core(address_class_text(addresses.classify(ip)))
            notice = texts.catalogue_text(
                _UI_TEXTS, "reputation_private_ip", ip=ip, address_class=kind
            )
            self.no_ip.set("warning", shown(notice))
        else:
            self.no_ip.hide()

    def _fill_findings(self, report: Report | None) -> None:
        self.findings.clear_rows()
        for finding in report.findings if report is not None else []:
            if finding.kb != REPUTATION_KB:
                continue
            cells = [texts.tr_core(finding.title), texts.tr_core(finding.detail)]
            row = self.findings.add_row(finding, cells, None)
            self.findings.item(row, 0).setIcon(sev.icon(finding.severity))
        # As tall as its rows (up to a point): the live checks below get the rest.
        rows = sum(self.findings.rowHeight(r) for r in range(self.findings.rowCount()))
        header = self.findings.horizontalHeader().sizeHint().height()
        line = self.fontMetrics().lineSpacing()
        height = min(max(rows, 2 * line), 10 * line) + header + 2 * self.findings.frameWidth()
        self.findings.setFixedHeight(height + 2)

    def finding_titles(self) -> list[str]:
        return [self.findings.item(r, 0).text() for r in range(self.findings.rowCount())]

    def live_rows(self) -> dict[str, tuple[str, str, str]]:
        """Check id → (status, result, when) of the live table (DNSBL per-list rows left out)."""
        out = {}
        for row in range(self.live.rowCount()):
            key = self.live.key(row)
            if isinstance(key, str):
                out[key] = tuple(self.live.texts(row)[1:])
        return out

    # -- live checks ----------------------------------------------------------------------

    def worker(self) -> DnsWorker:
        return self._workers.get()

    def is_checking(self) -> bool:
        return self.job is not None and not self.job.is_done()

    def check_now(self) -> DnsJob | None:
        """Start the live checks of the current message's sender (the user asked for them)."""
        ip = self.inputs.ip.value
        if ip is None or self.is_checking():
            return None
        settings = self._settings
        if settings is None:
            from fopegui.ui.settings import open_settings

            settings = open_settings()
        try:
            config = dns_settings.resolver_config_from_settings(settings)
        except ValueError as err:
            self.status.setText(
                self.tr("Check the resolver in Settings: {reason}").format(reason=err)
            )
            return None
        zones = dns_settings.zones_from_settings(settings)
        helo, ptr, lang = self.inputs.helo.value, self.inputs.ptr.value, texts.language()
        self._show_pending()
        where = ", ".join(config.nameservers) or self.tr("the system resolver")
        if config.nameservers and config.port != 53:
            where = self.tr("{servers} (port {port})").format(servers=where, port=config.port)
        self.status.setText(
            self.tr("Checking {ip} with {resolver}…").format(ip=shown(ip), resolver=where)
        )
        # The coroutine runs on the worker thread: it gets plain values, never this widget.
        # Each item is shown as soon as its check finishes (the job's progress signal).
        job = self.worker().submit(
            lambda: check_reputation(
                ip, helo, ptr, config, lang, zones, on_item=lambda it: current_job().report(it)
            )
        )
        self.job = job
        job.progress.connect(lambda check, j=job: self._arrived(j, check))
        job.finished.connect(lambda result, j=job: self._finished(j, result))
        job.failed.connect(lambda message, j=job: self._failed(j, message))
        job.cancelled.connect(lambda j=job: self._cancelled(j))
        self._update_buttons()
        return job

    def cancel(self) -> None:
        if self.is_checking():
            assert self.job is not None
            self.job.cancel()

    def _show_pending(self) -> None:
        self.live.clear_rows()
        self.result = None
        waiting = self.tr("checking…")
        for check_id in CHECK_ORDER:
            title = texts.reputation_message(f"{check_id}_title")
            self.live.add_row(check_id, [title, waiting, "", ""], None)

    def _arrived(self, job: DnsJob, check: CheckItem) -> None:
        row = self.live.row_of(check.id) if job is self.job else None
        if row is None:
            return  # a check of a message no longer shown
        when = self.tr("checked now ({time})").format(time=local_time(check.checked_at))
        if check.id == "open_proxy":
            when = self.tr("not tested")
        cells = [check.title, sev.label(check.status), check.detail, when]
        self.live.set_row(row, check.id, cells, check.status)

    def _finished(self, job: DnsJob, result: ReputationResult) -> None:
        if job is not self.job:
            return  # a check of a message no longer shown
        self.result = result
        self.live.clear_rows()
        for check in result.items:
            self._add_live_row(check, result)
        status = self.tr("Checked at {time}. {note}").format(
            time=local_time(result.checked_at), note=shown(result.note)
        )
        if result.dnsbl is not None:  # lists whose test points failed: why they say unknown
            status = "\n".join([status, *sanity_notes(result.dnsbl)])
        self.status.setText(status)
        self._update_buttons()

    def _add_live_row(self, check: CheckItem, result: ReputationResult) -> None:
        when = self.tr("checked now ({time})").format(time=local_time(check.checked_at))
        if check.id == "open_proxy":
            when = self.tr("not tested")
        detail = check.detail
        if check.id == "open_proxy":
            checked = {r.zone for r in result.dnsbl.results} if result.dnsbl else set()
            if not covers_open_proxies(checked):  # the core's note says they were checked above
                detail += " " + self.tr(
                    "Neither of them was among the lists checked now: enable them in Settings "
                    "to cover open proxies."
                )
        cells = [check.title, sev.label(check.status), detail, when]
        self.live.add_row(check.id, cells, check.status)
        if check.id != "dnsbl" or result.dnsbl is None:
            return
        for entry in result.dnsbl.results:  # one row a list, indented under the summary
            status = STATUS_SEVERITY.get(entry.status, "unknown")
            detail = entry.detail or ", ".join(entry.codes) or ""
            name = f"    {entry.name or entry.zone}"
            self.live.add_row(entry, [name, self._dnsbl_label(entry.status), detail, ""], status)

    def _dnsbl_label(self, status: str) -> str:
        labels = {
            "listed": self.tr("Listed"),
            "not_listed": self.tr("Not listed"),
            "error": self.tr("Error"),
            "unknown": self.tr("Unknown"),
        }
        return labels.get(status, status)

    def _failed(self, job: DnsJob, message: str) -> None:
        if job is not self.job:
            return
        self.live.clear_rows()
        self.status.setText(self.tr("The check failed: {reason}").format(reason=shown(message)))
        self._update_buttons()

    def _cancelled(self, job: DnsJob) -> None:
        if job is not self.job:
            return
        self.live.clear_rows()
        self.status.setText(self.tr("Cancelled: nothing was checked."))
        self._update_buttons()

    def _update_buttons(self) -> None:
        checking = self.is_checking()
        self.check_button.setEnabled(self.inputs.ip.value is not None and not checking)
        self.cancel_button.setEnabled(checking)
