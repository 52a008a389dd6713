"""Blacklist tab (object name ``blacklist``): live DNSBL check of a message's addresses.

What is checked comes from the core (core.targets): the IPs an NDR names as blocked, the
outbound edge IP the external hop recorded, a host name only as a labelled fallback, the
sender's connecting IP for other mail — and, when asked, every public hop. The lists an NDR
names are checked first, always. Anything typed is checked instead. The check is
``net.dnsbl.check`` on the app's DnsWorker (test points included); each answer fills its row
as it arrives. A check belongs to its job: Cancel or another message drops late answers.
The tab only shows: it decides no target, no list, no address class.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
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
from fopegui.core.targets import TargetPlan, plan_for_input, plan_for_report
from fopegui.net.dnsbl_model import CheckPlan, DnsblReport, HostLookup, ListResult
from fopegui.ui import dns_settings, texts
from fopegui.ui import settings as store
from fopegui.ui import severity as sev
from fopegui.ui.dns_worker import DnsJob, DnsWorker, WorkerSource, submit_check
from fopegui.ui.tables import setup_readonly_table
from fopegui.ui.widgets import (
    LOOKUP_SEVERITY,
    DnsblResultTable,
    plain_label,
    sanity_notes,
    set_plain_tooltip,
)

translate = QCoreApplication.translate


def _shown_tooltip(tooltip: str) -> str:
    """The text a plain tooltip (widgets.set_plain_tooltip) shows."""
    document = QTextDocument()
    document.setHtml(tooltip)
    return document.toPlainText()


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
    if extra and not counts["not_listed"]:
        head = translate("Blacklist", "No usable answer from any of the {total} {noun}")
        return "warning", head.format(total=total, noun=noun) + tail
    if extra:
        head = translate("Blacklist", "Not listed on {n} of {total} {noun}")
        return "warning", head.format(n=counts["not_listed"], total=total, noun=noun) + tail
    if total == 0:
        return "unknown", translate("Blacklist", "Nothing was checked.")
    head = translate("Blacklist", "Not listed on any of the {total} {noun}")
    return "ok", head.format(total=total, noun=noun)


class BlacklistTab(QWidget):
    """Targets, Check/Cancel, progress, the live result table and what to do."""

    checkFinished = Signal(object)  # DnsblReport (not emitted for a cancelled check)

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
        self._plan = TargetPlan()
        self._job: DnsJob | None = None
        self._lists: list[DnsblList] = []
        self._results: list[ListResult] = []
        self._planned = 0
        self.summary_severity: str | None = None
        self._build()
        self.set_report(None)

    # -- construction ---------------------------------------------------------------------

    def _build(self) -> None:
        self.notice = plain_label(
            self.tr(
                "Checks the address a recipient's blacklist saw: the IP an NDR names as blocked, "
                "else the outbound edge IP the next server recorded; a host name is looked up "
                "only as a fallback. The list the NDR names is asked first. Listed = the list "
                "names this IP; unknown = no usable answer, which is not the same as clean."
            ),
            selectable=False,
        )
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("blacklistTargets")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Address"), self.tr("Host"), self.tr("Where it came from"), self.tr("Checked")]
        )
        setup_readonly_table(self.table, (130, 220, 400, 190))
        # Fits the pane (the rows' full texts are in the tooltips): no scroll bar eats a row.
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.itemSelectionChanged.connect(self._target_row_selected)
        self.table.cellDoubleClicked.connect(lambda *_: self.check())
        self.hops = QCheckBox(self.tr("Also check every public hop of the Received chain"))
        self.hops.setObjectName("blacklistHops")
        self.hops.toggled.connect(lambda _on: self._show_plan())

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
        self.origin = plain_label(selectable=False)
        self.origin.setObjectName("blacklistOrigin")
        self.progress = QProgressBar()
        self.progress.setObjectName("blacklistProgress")
        self.progress.setFormat(self.tr("%v of %m answered"))
        self.progress.hide()

        self.summary_icon = QLabel()
        self.summary_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.summary = plain_label()
        self.summary.setObjectName("blacklistSummary")
        self.sanity = plain_label()
        self.sanity.setObjectName("blacklistSanity")
        self.result_table = DnsblResultTable()
        self.result_table.setObjectName("blacklistResults")
        self.resolution = plain_label()
        self.resolution.setObjectName("blacklistResolution")
        self.notes = plain_label()
        self.notes.setObjectName("blacklistNotes")

        row = QHBoxLayout()
        row.addWidget(plain_label(self.tr("Target:"), False, wrap=False))
        row.addWidget(self.target_combo, 1)
        row.addWidget(self.check_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.progress)
        summary = QHBoxLayout()
        summary.addWidget(self.summary_icon)
        summary.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.notice)
        layout.addWidget(self.table)
        layout.addWidget(self.hops)
        layout.addLayout(row)
        layout.addWidget(self.origin)
        layout.addLayout(summary)
        layout.addWidget(self.sanity)
        layout.addWidget(self.result_table, 1)
        layout.addWidget(self.resolution)
        layout.addWidget(self.notes)

    # -- public ---------------------------------------------------------------------------

    def set_zones(self, zones: list[DnsblList] | None) -> None:
        """Check exactly ``zones`` (plus those an NDR names; tests, benchmark); None = the
        lists enabled in settings."""
        self._zones = list(zones) if zones is not None else None

    def set_report(self, report: Report | None) -> None:
        """Show the targets of ``report``; a running check of another message is cancelled."""
        if report is self._report and report is not None:
            return  # a repaint of the same message (theme change): keep the results
        self.cancel()
        self._report = report
        self._show_plan()

    def plan(self) -> TargetPlan:
        """What the core chose to check for the shown message."""
        return self._plan

    def current_target(self) -> str:
        return self.target_combo.currentText().strip()

    def is_running(self) -> bool:
        return self._job is not None

    def results(self) -> list[ListResult]:
        """The answers shown so far (in arrival order)."""
        return list(self._results)

    def row_of(self, zone: str, ip: str) -> int | None:
        return self.result_table.row_of(zone, ip)

    def status_of(self, row: int) -> str:
        return self.result_table.status_of(row)

    def row_text(self, row: int) -> str:
        return self.result_table.row_text(row)

    def copy_selection(self) -> None:
        self.result_table.copy_selection()

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
        plan, label = self._chosen_plan(text)
        if plan is None:
            self._set_summary(
                "warning",
                self.tr("“{text}” is neither an IP address nor a host name.").format(text=text),
            )
            return False
        if plan.empty:
            reasons = [texts.tr_core(cat.excluded_text(t)) for t in plan.excluded]
            self._set_summary("info", " ".join(reasons) or self.tr("Nothing to check."))
            return False
        try:
            config = dns_settings.resolver_config_from_settings(self.settings)
        except ValueError as exc:
            self._set_summary(
                "warning",
                self.tr("The resolver in Settings is not valid: {error}").format(error=exc),
            )
            return False
        configured = self._zones if self._zones is not None else (
            dns_settings.zones_from_settings(self.settings)
        )
        self._lists = cat.lists_for_check(configured, self._plan.zones)
        if not self._lists:
            self._set_summary(
                "warning", self.tr("No blacklist is enabled: turn some on in Tools ▸ Settings.")
            )
            return False
        job = submit_check(self._worker(), plan, self._lists, config, texts.language(), label)
        job.progress.connect(lambda obj, j=job: self._on_progress(j, obj))
        job.finished.connect(lambda report, j=job: self._on_finished(j, report))
        job.failed.connect(lambda message, j=job: self._on_failed(j, message))
        self._job = job
        self.progress.setRange(0, 0)  # busy until the questions are known
        self.progress.show()
        self.check_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        via = ", ".join(config.describe()["nameservers"]) or self.tr("system resolver")
        self._set_summary(
            "info",
            self.tr("Checking {target} on {n} lists via {via}…").format(
                target=text, n=len(self._lists), via=f"{via}:{config.port}"
            ),
        )
        return True

    def cancel(self) -> None:
        if self._job is None:
            return
        job, self._job = self._job, None
        job.cancel()  # nothing of this job reaches the tab any more
        self.result_table.mark_pending(self.tr("Not checked (cancelled)"))
        self._set_summary(
            "unknown",
            self.tr("Cancelled: {n} of {total} lists had answered.").format(
                n=len(self._results), total=self._planned
            ),
        )
        self._idle()

    def shutdown(self) -> None:
        """Stop a worker this tab made itself (standalone use)."""
        self.cancel()
        self._workers.shutdown_own()

    # -- targets --------------------------------------------------------------------------

    def _show_plan(self) -> None:
        self.cancel()
        report = self._report
        self._plan = plan_for_report(report, hops=self.hops.isChecked())
        rows = [(t, True) for t in self._plan.targets + self._plan.resolve]
        rows += [(t, False) for t in self._plan.excluded]
        self.table.setRowCount(len(rows))
        for row, (target, checked) in enumerate(rows):
            where = texts.tr_core(cat.target_text(target))
            if target.ip is None:
                where = self.tr("looked up now, as a fallback: {where}").format(
                    where=texts.tr_core(cat.target_text(target))
                )
            if target.evidence:
                where += " — " + self.tr("NDR text: {evidence}").format(evidence=target.evidence)
            state = self.tr("yes")
            why = state
            if not checked:
                kind = texts.tr_core(cat.address_class_text(target.address_class))
                state = self.tr("no — {kind} address").format(kind=kind)
                why = texts.tr_core(cat.excluded_text(target))
            cells = (target.ip or "", target.host or "", where, state)
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                set_plain_tooltip(item, why if column == 3 else value)
                if not checked:
                    item.setForeground(sev.accent("unknown"))
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(rows))
        visible = min(5, max(1, len(rows)))
        self.table.setFixedHeight(
            self.table.horizontalHeader().sizeHint().height()
            + visible * self.table.verticalHeader().defaultSectionSize()
            + 4
        )
        self.hops.setVisible(report is not None and not report.error)
        self.target_combo.blockSignals(True)
        self.target_combo.clear()
        values = [self._message_label()] if not self._plan.empty else []
        values += [t.ip or "" for t in self._plan.targets]
        values += [t.host or "" for t in self._plan.resolve]
        for value in dict.fromkeys(v for v in values if v):
            self.target_combo.addItem(value)
        self.target_combo.blockSignals(False)
        self._clear_results()
        notes = []
        if report is not None and self._plan.empty:
            notes.append(
                self.tr(
                    "This message names no blocked address, no outbound edge server and no "
                    "connecting IP a blacklist could list. Type an address to check one."
                )
            )
        self._set_notes(notes)
        self._target_changed()

    def _message_label(self) -> str:
        """The combo entry that stands for the message's own targets."""
        return ", ".join(self._plan.ips + [t.host or "" for t in self._plan.resolve])

    def _chosen_plan(self, text: str) -> tuple[TargetPlan | None, str | None]:
        if not self._plan.empty and text == self._message_label():
            label = self._report.path if self._report is not None else None
            return self._plan, label or text
        try:
            return plan_for_input(text), None
        except ValueError:
            return None, None

    def _target_changed(self, *_args: object) -> None:
        text = self.current_target()
        if not self._plan.empty and text == self._message_label():
            parts = [
                f"{t.ip or t.host}: {texts.tr_core(cat.target_text(t))}"
                for t in self._plan.targets + self._plan.resolve
            ]
            origin = self.tr("From this message — {parts}").format(parts="; ".join(parts))
            self.origin.setText(origin)
        elif text:
            match = next((t for t in self._plan.targets if t.ip == text), None)
            origin = texts.tr_core(cat.target_text(match)) if match else self.tr("Typed by you")
            self.origin.setText(origin)
        else:
            self.origin.clear()

    def _target_row_selected(self) -> None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if len(rows) != 1:
            return
        row = rows.pop()
        address, host, state = (self.table.item(row, c).text() for c in (0, 1, 3))
        if state == self.tr("yes"):
            self.target_combo.setEditText(address or host)
        else:  # the reason it is not checked
            self.origin.setText(_shown_tooltip(self.table.item(row, 3).toolTip()))

    # -- check plumbing -------------------------------------------------------------------

    def _worker(self) -> DnsWorker:
        return self._workers.get()

    def _on_progress(self, job: DnsJob, obj: object) -> None:
        if job is not self._job:
            return  # a cancelled or replaced check
        if isinstance(obj, HostLookup):
            self.result_table.add_lookup(obj)
        elif isinstance(obj, CheckPlan):
            self._show_questions(obj)
        elif isinstance(obj, ListResult):
            self._results.append(obj)
            self.result_table.show_result(obj)
            self.progress.setValue(min(self.progress.maximum(), len(self._results)))

    def _show_questions(self, plan: CheckPlan) -> None:
        self.result_table.plan(plan.pairs)
        self._planned = len(plan.pairs)
        self.progress.setRange(0, max(1, len(plan.pairs)))
        self.progress.setValue(0)
        # Addresses a host name resolved to that are not checked (the message's own excluded
        # addresses are in the targets table already).
        notes = [
            texts.tr_core(cat.excluded_text(t))
            for t in plan.targets.excluded
            if t.source in ("resolved", "typed")
        ]
        if plan.skipped:
            notes.append(
                self.tr("{n} lists publish no IPv6 entries and were not asked about IPv6.").format(
                    n=len(plan.skipped)
                )
            )
        self._set_notes(notes)

    def _on_finished(self, job: DnsJob, report: DnsblReport) -> None:
        if job is not self._job:
            return
        self._job = None
        self.result_table.mark_pending(self.tr("No answer"))
        severity, text = summary_text(report.summary, len(report.results), len(report.ips))
        if not report.results and report.lookup is not None and not report.excluded:
            severity = LOOKUP_SEVERITY.get(report.lookup.status, "unknown")
            text = report.lookup.detail or ""
        elif not report.results and report.excluded:
            severity, text = "info", " ".join(why for _t, why in report.excluded)
        text += self.tr(" (in {s:.1f} s)").format(s=report.elapsed_ms / 1000.0)
        self._set_summary(severity, text)
        self.sanity.setText("\n".join(sanity_notes(report)))
        self.sanity.setVisible(bool(self.sanity.text()))
        self._show_resolution(report)
        self._idle()
        self.checkFinished.emit(report)

    def _show_resolution(self, report: DnsblReport) -> None:
        listed = {r.zone for r in report.results if r.status == "listed"}
        lines = [
            self.tr("What to do — {name}: {text}").format(
                name=lst.name, text=texts.tr_core(cat.resolution(lst))
            )
            for lst in self._lists
            if lst.named or lst.zone in listed
        ]
        self.resolution.setText("\n".join(lines))
        self.resolution.setVisible(bool(lines))

    def _on_failed(self, job: DnsJob, message: str) -> None:
        if job is not self._job:
            return
        self._job = None
        self.result_table.mark_pending(self.tr("Not checked"))
        self._set_summary("warning", self.tr("The check failed: {error}").format(error=message))
        self._idle()

    def _idle(self) -> None:
        self.progress.hide()
        self.check_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _clear_results(self) -> None:
        self.result_table.clear_rows()
        self._results = []
        self._planned = 0
        self._set_summary(None, "")
        self.sanity.clear()
        self.sanity.hide()
        self.resolution.clear()
        self.resolution.hide()

    # -- labels ---------------------------------------------------------------------------

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
