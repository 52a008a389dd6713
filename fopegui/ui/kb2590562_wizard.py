"""Tools ▸ "NDR from a blacklist…": KB2590562 step by step, with real DNS answers.

1. the NDR or the original message (or a typed edge host name) → 2. the outbound edge server
and where it was found → 3. DNS lookup → 4. blacklist check, Backscatterer first → 5. LISTED
or not, the KB's resolution and a copyable message for the recipient's administrator.
Explanations are catalogue texts (``catalogue/kb2590562.json``, en + ja) rendered by the text
service in the wizard's language (by default the UI's, fixed while the wizard is open); DNS
work runs on the app's DnsWorker and every answer is tied to the step that asked (Back
cancels it).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from fopegui.core import dnsbl_catalogue as cat
from fopegui.core.analyze import analyze_path
from fopegui.core.dnsbl_catalogue import DnsblList
from fopegui.core.model import Report
from fopegui.core.received import outbound_edge_host
from fopegui.net import dnsbl
from fopegui.net.dnsbl import HostLookup, ListResult
from fopegui.ui import dns_settings, texts
from fopegui.ui import severity as sev
from fopegui.ui.blacklist_tab import STATUS_SEVERITY, is_private, status_label
from fopegui.ui.dns_worker import DnsJob, DnsWorker, WorkerSource
from fopegui.ui.tables import setup_readonly_table

BACKSCATTERER_ID = "backscatterer"
PAGE_SOURCE, PAGE_EDGE, PAGE_LOOKUP, PAGE_CHECK, PAGE_RESULT = range(5)


def kb(key: str, lang: str | None = None, **values: Any) -> str:
    """A KB2590562 wizard text (catalogue ``kb2590562.json``) through the text service."""
    return texts.catalogue_text("kb2590562", "texts", key, lang=lang, **values)


@dataclass(slots=True)
class EdgeFacts:
    """The outbound edge server as found in a message, with where each fact came from."""

    host: str = ""
    origins: list[str] = field(default_factory=list)
    rejected_ips: list[str] = field(default_factory=list)
    rejected_zones: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)


def edge_facts(report: Report | None, lang: str | None = None) -> EdgeFacts:
    """Host name and provenance of the outbound edge server, plus what an NDR says."""
    facts = EdgeFacts()
    if report is None:
        return facts
    ndr = report.ndr
    edge = report.outbound_edge
    if edge is not None and outbound_edge_host(edge):
        facts.host = outbound_edge_host(edge)
        of = kb("origin_received_of_ndr", lang) if ndr is not None else ""
        facts.origins.append(kb("origin_received", lang, hop=edge.hop, of=of))
    reporting = getattr(ndr, "reporting_mta", None)
    if reporting:
        if not facts.host:
            facts.host = reporting
        if reporting.lower() == facts.host.lower():
            facts.origins.append(kb("origin_ndr", lang))
    for listing in getattr(ndr, "listings", None) or []:
        if listing.ip and listing.ip not in facts.rejected_ips:
            facts.rejected_ips.append(listing.ip)
        if listing.zone and listing.zone not in facts.rejected_zones:
            facts.rejected_zones.append(listing.zone)
        if listing.evidence and listing.evidence not in facts.evidence:
            facts.evidence.append(listing.evidence)
    return facts


def _plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class _Page(QWizardPage):
    """A page with the KB's explanation on top."""

    def __init__(self, wizard: Kb2590562Wizard, title_key: str, text_key: str) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(kb(title_key, wizard.lang))
        self.explain = _plain(QLabel(kb(text_key, wizard.lang)))
        self.explain.setObjectName("explanation")
        self.box = QVBoxLayout(self)
        self.box.addWidget(self.explain)
        self.box.addSpacing(6)


class SourcePage(_Page):
    def __init__(self, wizard: Kb2590562Wizard) -> None:
        super().__init__(wizard, "step1_title", "step1")
        self.use_current = QRadioButton()
        self.use_current.setObjectName("useCurrent")
        self.use_file = QRadioButton(self.tr("A file:"))
        self.open_button = QPushButton(self.tr("Open NDR or message…"))
        self.open_button.clicked.connect(self._browse)
        self.file_label = _plain(QLabel())
        self.use_host = QRadioButton(self.tr("The edge server's host name (message trace):"))
        self.host_edit = QLineEdit()
        self.host_edit.setObjectName("typedHost")
        self.host_edit.setPlaceholderText("TX2EHSOBE006.bigfish.com")
        self.host_edit.textChanged.connect(self._typed)
        for button in (self.use_current, self.use_file, self.use_host):
            button.toggled.connect(self.completeChanged)
        self.box.addWidget(self.use_current)
        row = QHBoxLayout()
        row.addWidget(self.use_file)
        row.addWidget(self.open_button)
        row.addWidget(self.file_label, 1)
        self.box.addLayout(row)
        self.box.addWidget(self.use_host)
        self.box.addWidget(self.host_edit)
        self.box.addStretch(1)
        self.file_report: Report | None = None

    def initializePage(self) -> None:
        current = self.wiz.initial_report
        self.use_current.setVisible(current is not None)
        if current is not None:
            name = current.path or current.summary.get("subject") or ""
            self.use_current.setText(self.tr("The selected message: {name}").format(name=name))
            self.use_current.setChecked(True)
        else:
            self.use_file.setChecked(True)

    def load_file(self, path: str) -> bool:
        """Analyse ``path`` (the NDR or the original message) and select it."""
        report = analyze_path(path)
        self.use_file.setChecked(True)
        if report.error:
            self.file_report = None
            self.file_label.setText(texts.tr_core(report.error, self.wiz.lang))
        else:
            self.file_report = report
            self.file_label.setText(path)
        self.completeChanged.emit()
        return report.error is None

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open NDR or message"), "", self.tr("Messages (*.eml *.msg *.txt)")
        )
        if path:
            self.load_file(path)

    def _typed(self, text: str) -> None:
        if text.strip():
            self.use_host.setChecked(True)
        self.completeChanged.emit()

    def chosen(self) -> tuple[Report | None, str]:
        """(report, typed host) of the current choice."""
        if self.use_host.isChecked():
            return None, self.host_edit.text().strip()
        if self.use_file.isChecked():
            return self.file_report, ""
        return self.wiz.initial_report, ""

    def isComplete(self) -> bool:
        report, host = self.chosen()
        return report is not None or dnsbl.valid_hostname(host) or dnsbl.is_ip(host)


class EdgePage(_Page):
    def __init__(self, wizard: Kb2590562Wizard) -> None:
        super().__init__(wizard, "step2_title", "step2")
        self.host_edit = QLineEdit()
        self.host_edit.setObjectName("edgeHost")
        self.host_edit.textChanged.connect(self.completeChanged)
        self.origin = _plain(QLabel())
        self.origin.setObjectName("edgeOrigin")
        self.ndr = _plain(QLabel())
        self.ndr.setObjectName("ndrEvidence")
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Outbound edge server:")))
        row.addWidget(self.host_edit, 1)
        self.box.addLayout(row)
        self.box.addWidget(self.origin)
        self.box.addWidget(self.ndr)
        self.box.addStretch(1)

    def initializePage(self) -> None:
        report, typed = self.wiz.source_page.chosen()
        lang = self.wiz.lang
        facts = edge_facts(report, lang) if report is not None else EdgeFacts()
        if typed:
            facts.host = typed
            facts.origins = [kb("origin_typed", lang)]
        self.wiz.facts = facts
        self.host_edit.setText(facts.host)
        origins = facts.origins or [kb("no_edge", lang)]
        self.origin.setText("\n".join(self.tr("Found in: {o}").format(o=o) for o in origins))
        self.ndr.setText("\n".join(kb("ndr_says", lang, evidence=e) for e in facts.evidence))
        self.ndr.setVisible(bool(facts.evidence))

    def host(self) -> str:
        return self.host_edit.text().strip()

    def isComplete(self) -> bool:
        host = self.host()
        return dnsbl.valid_hostname(host) or dnsbl.is_ip(host)


class LookupPage(_Page):
    def __init__(self, wizard: Kb2590562Wizard) -> None:
        super().__init__(wizard, "step3_title", "step3")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.status_icon = QLabel()
        self.status = _plain(QLabel())
        self.status.setObjectName("lookupStatus")
        self.ips_label = _plain(QLabel())
        self.ips_label.setObjectName("lookupIps")
        row = QHBoxLayout()
        row.addWidget(self.status_icon)
        row.addWidget(self.status, 1)
        self.box.addWidget(self.progress)
        self.box.addLayout(row)
        self.box.addWidget(self.ips_label)
        self.box.addStretch(1)
        self.lookup: HostLookup | None = None
        self.done = False

    def initializePage(self) -> None:
        self.done, self.lookup = False, None
        self.wiz.ips = []
        self.status.clear()
        self.status_icon.clear()
        self.ips_label.clear()
        host = self.wiz.edge_page.host()
        if dnsbl.is_ip(host):
            self._finish(None, [host], kb("ip_given", self.wiz.lang, host=host))
            return
        self.progress.show()
        self.status.setText(self.tr("Looking up {host}…").format(host=host))
        config = self.wiz.resolver_config()
        if config is None:
            return
        lang = self.wiz.lang
        self.wiz.run(
            lambda: dnsbl.resolve_host(host, config, lang),
            lambda lookup: self._finish(lookup, list(lookup.addresses), lookup.detail or ""),
        )

    def cleanupPage(self) -> None:
        self.wiz.cancel_job()

    def _finish(self, lookup: HostLookup | None, addresses: list[str], text: str) -> None:
        lang = self.wiz.lang
        self.lookup = lookup
        self.progress.hide()
        severity = "ok" if addresses else ("warning" if lookup else "unknown")
        if lookup is not None and lookup.status == "unknown":
            severity = "unknown"
        size = self.fontMetrics().height()
        self.status_icon.setPixmap(sev.icon(severity).pixmap(size, size))
        self.status.setText(text)
        ips = [ip for ip in addresses if not is_private(ip)]
        notes = [kb("private_skipped", lang, ip=ip) for ip in addresses if is_private(ip)]
        for ip in self.wiz.facts.rejected_ips:
            if ip not in ips and not is_private(ip):
                ips.append(ip)
                notes.append(kb("ndr_ip_added", lang, ip=ip))
        if not ips:
            notes.append(kb("no_ip", lang))
        lines = [self.tr("Addresses to check: {ips}").format(ips=", ".join(ips))] if ips else []
        self.ips_label.setText("\n".join(lines + notes))
        self.wiz.ips = ips
        self.done = True
        self.completeChanged.emit()
        self.wiz.lookupDone.emit(lookup)

    def isComplete(self) -> bool:
        return self.done and bool(self.wiz.ips)


class CheckPage(_Page):
    def __init__(self, wizard: Kb2590562Wizard) -> None:
        super().__init__(wizard, "step4_title", "step4")
        self.others = QCheckBox(self.tr("Also check the other enabled lists (optional)"))
        self.others.setObjectName("checkOthers")
        self.again = QPushButton(self.tr("Check again"))
        self.again.clicked.connect(self.start)
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("%v of %m answered"))
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("wizardResults")
        self.table.setHorizontalHeaderLabels(
            [self.tr("List"), self.tr("IP address"), self.tr("Status"), self.tr("Meaning"), "TXT"]
        )
        setup_readonly_table(self.table, (170, 110, 100, 260))
        row = QHBoxLayout()
        row.addWidget(self.others)
        row.addStretch(1)
        row.addWidget(self.again)
        self.box.addLayout(row)
        self.box.addWidget(self.progress)
        self.box.addWidget(self.table, 1)
        self.results: list[ListResult] = []
        self.done = False
        self.checked_at = ""

    def initializePage(self) -> None:
        self.start()

    def cleanupPage(self) -> None:
        self.wiz.cancel_job()

    def start(self) -> None:
        self.wiz.cancel_job()
        self.done, self.results = False, []
        self.table.setRowCount(0)
        self.completeChanged.emit()
        config = self.wiz.resolver_config()
        if config is None:
            return
        zones = self.wiz.zones(self.others.isChecked())
        ips, lang = list(self.wiz.ips), self.wiz.lang
        pairs = [(lst, ip) for ip in ips for lst in zones if ":" not in ip or lst.ipv6]
        self._rows = {}
        for lst, ip in pairs:
            self._rows[(lst.zone, ip)] = self._add_row(lst.name, ip)
        self.progress.setRange(0, max(1, len(pairs)))
        self.progress.setValue(0)
        self.progress.show()
        self.again.setEnabled(False)
        self.checked_at = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")

        async def check_all(emit: Callable[[ListResult], None]) -> list[ListResult]:
            reports = await asyncio.gather(
                *(dnsbl.check(ip, zones, config, on_result=emit, lang=lang) for ip in ips)
            )
            return [r for rep in reports for r in rep.results]

        self.wiz.run_with_events(check_all, self._finish, self._result)

    def _add_row(self, name: str, ip: str) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, value in enumerate((name, ip, self.tr("Waiting…"), "", "")):
            self.table.setItem(row, column, QTableWidgetItem(value))
        return row

    def _result(self, result: ListResult) -> None:
        self.results.append(result)
        row = self._rows.get((result.zone, result.ip))
        if row is None:
            row = self._add_row(result.name or result.zone, result.ip)
        severity = STATUS_SEVERITY[result.status]
        cells = (status_label(result.status, self.wiz.lang), result.detail or "", result.txt or "")
        for column, value in zip((2, 3, 4), cells, strict=True):
            item = self.table.item(row, column)
            item.setText(value)
            item.setToolTip(value)
        for column in range(self.table.columnCount()):
            self.table.item(row, column).setBackground(sev.background(severity))
        status = self.table.item(row, 2)
        status.setIcon(sev.icon(severity))
        status.setForeground(sev.accent(severity))
        self.progress.setValue(min(self.progress.maximum(), len(self.results)))

    def _finish(self, results: list[ListResult]) -> None:
        self.results = results
        for result in results:
            row = self._rows.get((result.zone, result.ip))
            if row is not None and self.table.item(row, 2).text() == self.tr("Waiting…"):
                self._result(result)
        self.progress.hide()
        self.again.setEnabled(True)
        self.done = True
        self.completeChanged.emit()
        self.wiz.checkDone.emit(results)

    def isComplete(self) -> bool:
        return self.done


class ResultPage(_Page):
    def __init__(self, wizard: Kb2590562Wizard) -> None:
        super().__init__(wizard, "step5_title", "resolution")
        self.explain.setObjectName("resolution")
        self.verdict_icon = QLabel()
        self.verdict = _plain(QLabel())
        self.verdict.setObjectName("verdict")
        self.language = QComboBox()
        self.language.addItem("English", "en")
        self.language.addItem("日本語", "ja")
        self.language.currentIndexChanged.connect(self._fill_message)
        self.message = QPlainTextEdit()
        self.message.setObjectName("adminMessage")
        self.message.setReadOnly(True)
        self.copy_button = QPushButton(self.tr("Copy message"))
        self.copy_button.clicked.connect(self.copy)
        top = QHBoxLayout()
        top.addWidget(self.verdict_icon)
        top.addWidget(self.verdict, 1)
        self.box.insertLayout(0, top)
        self.box.insertSpacing(1, 6)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Message for the recipient's administrator, in")))
        row.addWidget(self.language)
        row.addStretch(1)
        row.addWidget(self.copy_button)
        self.box.addLayout(row)
        self.box.addWidget(self.message, 1)
        self.setFinalPage(True)
        self.outcome = "unknown"

    def initializePage(self) -> None:
        lang = self.wiz.lang
        self.outcome = self.wiz.primary_outcome()
        severity = {"listed": "problem", "not_listed": "ok"}.get(self.outcome, "unknown")
        size = self.fontMetrics().height() * 2
        self.verdict_icon.setPixmap(sev.icon(severity).pixmap(size, size))
        self.verdict.setText(kb(f"verdict_{self.outcome}", lang, **self._values(lang)))
        font = self.verdict.font()
        font.setBold(True)
        self.verdict.setFont(font)
        self.verdict.setStyleSheet(f"color: {sev.accent(severity).name()};")
        self.language.setCurrentIndex(1 if lang == "ja" else 0)
        self._fill_message()

    def _values(self, _lang: str) -> dict[str, str]:
        primary = self.wiz.backscatterer
        return {
            "host": self.wiz.edge_page.host(),
            "ips": ", ".join(self.wiz.ips),
            "list": f"{primary.name} ({primary.zone})",
        }

    def message_text(self, lang: str) -> str:
        values = self._values(lang)
        status = kb(f"status_{self.outcome}", lang, list=values["list"])
        checked_at = self.wiz.check_page.checked_at
        return kb(
            "admin_message", lang, host=values["host"], ips=values["ips"], status=status,
            checked_at=checked_at,
        )  # fmt: skip

    def _fill_message(self) -> None:
        self.message.setPlainText(self.message_text(self.language.currentData()))

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.message.toPlainText())


class Kb2590562Wizard(QWizard):
    """KB2590562 in five steps; DNS work on the app's DnsWorker, resolver from settings."""

    lookupDone = Signal(object)  # HostLookup | None (an IP needs no lookup)
    checkDone = Signal(object)  # list[ListResult]

    def __init__(
        self,
        settings: QSettings,
        worker: DnsWorker | Callable[[], DnsWorker],
        report: Report | None = None,
        lang: str | None = None,
        parent: QWidget | None = None,
        *,
        backscatterer: DnsblList | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kb2590562Wizard")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.settings = settings
        self.lang = lang = lang or texts.language()
        self.initial_report = report
        self._workers = WorkerSource(self, worker)
        # Tests and the benchmark pass a local zone standing in for Backscatterer.
        self.backscatterer = backscatterer or cat.by_id(BACKSCATTERER_ID)
        self.facts = EdgeFacts()
        self.ips: list[str] = []
        self._job: DnsJob | None = None
        self._token = 0
        self.setWindowTitle(kb("title", lang))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.resize(760, 560)
        self.source_page = SourcePage(self)
        self.edge_page = EdgePage(self)
        self.lookup_page = LookupPage(self)
        self.check_page = CheckPage(self)
        self.result_page = ResultPage(self)
        for page_id, page in enumerate(
            (self.source_page, self.edge_page, self.lookup_page, self.check_page, self.result_page)
        ):
            self.setPage(page_id, page)
        self.finished.connect(lambda _result: self.cancel_job())

    # -- DNS plumbing ---------------------------------------------------------------------

    def worker(self) -> DnsWorker:
        return self._workers.get()

    def resolver_config(self):
        """The resolver from settings; on a bad setting the current page says so (None)."""
        try:
            return dns_settings.resolver_config_from_settings(self.settings)
        except ValueError as exc:
            page = self.currentPage()
            label = getattr(page, "status", None) or getattr(page, "explain", None)
            if label is not None:
                label.setText(self.tr("The resolver in Settings is not valid: {e}").format(e=exc))
            return None

    def zones(self, others: bool) -> list[DnsblList]:
        """Backscatterer first, then the list(s) the NDR names, then (optionally) the rest."""
        primary = replace(self.backscatterer, enabled=True)
        zones = [primary]
        for name in self.facts.rejected_zones:
            lst = cat.find_zone(name)
            if lst is None or lst.id != BACKSCATTERER_ID:
                zones.append(replace(lst, enabled=True) if lst else cat.custom_list(name))
        if others:
            zones += dns_settings.zones_from_settings(self.settings)
        unique: dict[str, DnsblList] = {}
        for lst in zones:
            if lst.id != BACKSCATTERER_ID or lst is primary:
                unique.setdefault(lst.zone, lst)
        return list(unique.values())

    def run(self, make: Callable[[], Coroutine[Any, Any, Any]], done: Callable) -> None:
        self.run_with_events(lambda _emit: make(), done, lambda _obj: None)

    def run_with_events(
        self,
        make: Callable[[Callable[[Any], None]], Coroutine[Any, Any, Any]],
        done: Callable[[Any], None],
        event: Callable[[Any], None],
    ) -> None:
        """Run ``make(emit)`` on the worker; ``event``/``done`` run on the GUI thread, and
        only while this run is the current one (Back, Cancel or a rerun drop it)."""
        self.cancel_job()
        self._token += 1
        token, worker = self._token, self.worker()

        def emit(obj: Any) -> None:
            worker.call_in_gui(lambda: event(obj) if token == self._token else None)

        job = worker.submit(lambda: make(emit))
        job.finished.connect(lambda result: done(result) if token == self._token else None)
        job.failed.connect(lambda message: self._failed(token, message))
        self._job = job

    def _failed(self, token: int, message: str) -> None:
        if token == self._token:
            page = self.currentPage()
            label = getattr(page, "status", None) or page.explain
            label.setText(self.tr("The DNS check failed: {error}").format(error=message))

    def cancel_job(self) -> None:
        self._token += 1
        if self._job is not None:
            self._job.cancel()
            self._job = None

    def primary_outcome(self) -> str:
        """The verdict on Backscatterer (or its stand-in) over all IPs: listed / not_listed /
        unknown."""
        mine = [r for r in self.check_page.results if r.zone == self.backscatterer.zone]
        if any(r.status == "listed" for r in mine):
            return "listed"
        if mine and all(r.status == "not_listed" for r in mine):
            return "not_listed"
        return "unknown"
