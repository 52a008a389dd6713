"""Tools ▸ "NDR from a blacklist…": KB2590562 step by step, with real DNS answers, for
whichever list the NDR names.

1. the NDR or the original message (or a typed edge host name) → 2. what the recipient's
blacklist saw: the addresses core.targets chooses (the IP the NDR names as blocked, the edge IP
the external hop recorded; never a private one) → 3. DNS lookup, only as a labelled fallback
when the message names no address → 4. the check (``net.dnsbl.check``, test points included)
on the list the NDR names first — Backscatterer, the KB's example, when it names none → 5. the
verdict on that list, its fix in its own terms and a letter to the recipient's administrator
written for that list. Texts are catalogue texts (``kb2590562.json``, ``dnsbl.json``, en + ja)
in the wizard's language; DNS work runs on the app's DnsWorker and every answer belongs to
the job that asked (Back cancels it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QWidget,
    QWizard,
)

from fopegui.core import dnsbl_catalogue as cat
from fopegui.core.dnsbl_catalogue import DnsblList
from fopegui.core.model import Report
from fopegui.core.targets import TargetPlan
from fopegui.net.dnsbl_model import CheckPlan, DnsblReport, ListResult
from fopegui.ui import dns_settings, texts
from fopegui.ui import severity as sev
from fopegui.ui.dns_worker import DnsJob, DnsWorker, WorkerSource, submit_check
from fopegui.ui.kb2590562_pages import EdgePage, LookupPage, SourcePage, WizardPage, kb
from fopegui.ui.widgets import DnsblResultTable, plain_label, sanity_notes

BACKSCATTERER_ID = "backscatterer"
PAGE_SOURCE, PAGE_EDGE, PAGE_LOOKUP, PAGE_CHECK, PAGE_RESULT = range(5)


def letter(list_id: str, lang: str, **values: Any) -> str:
    """The message to the recipient's administrator, written for the list ``list_id``."""
    from fopegui.core import catalogue

    letters = catalogue.load("kb2590562")["letters"]
    key = list_id if list_id in letters else "default"
    return texts.catalogue_text("kb2590562", "letters", key, lang=lang, **values)


class CheckPage(WizardPage):
    def __init__(self, wizard: Kb2590562Wizard) -> None:
        super().__init__(wizard, "step4_title", "step4")
        self.others = QCheckBox(self.tr("Also check the other enabled lists (optional)"))
        self.others.setObjectName("checkOthers")
        self.again = QPushButton(self.tr("Check again"))
        self.again.clicked.connect(self.start)
        self.progress = QProgressBar()
        self.progress.setFormat(self.tr("%v of %m answered"))
        self.table = DnsblResultTable(wizard.lang)
        self.table.setObjectName("wizardResults")
        self.sanity = plain_label()
        self.sanity.setObjectName("wizardSanity")
        row = QHBoxLayout()
        row.addWidget(self.others)
        row.addStretch(1)
        row.addWidget(self.again)
        self.box.addLayout(row)
        self.box.addWidget(self.progress)
        self.box.addWidget(self.table, 1)
        self.box.addWidget(self.sanity)
        self.results: list[ListResult] = []
        self.report: DnsblReport | None = None
        self.done = False
        self.checked_at = ""

    def initializePage(self) -> None:
        self.start()

    def cleanupPage(self) -> None:
        self.wiz.cancel_job()

    def start(self) -> None:
        self.wiz.cancel_job()
        self.done, self.results, self.report = False, [], None
        self.table.clear_rows()
        self.sanity.clear()
        self.completeChanged.emit()
        config = self.wiz.resolver_config()
        if config is None:
            return
        self.wiz.lists = self.wiz.zones(self.others.isChecked())
        self.progress.setRange(0, 0)
        self.progress.show()
        self.again.setEnabled(False)
        self.checked_at = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        self.wiz.check(self.wiz.lists, config, self._event, self._finish)

    def _event(self, obj: object) -> None:
        if isinstance(obj, CheckPlan):
            self.table.plan(obj.pairs)
            self.progress.setRange(0, max(1, len(obj.pairs)))
            self.progress.setValue(0)
        elif isinstance(obj, ListResult):
            self.results.append(obj)
            self.table.show_result(obj)
            self.progress.setValue(min(self.progress.maximum(), len(self.results)))

    def _finish(self, report: DnsblReport) -> None:
        self.report = report
        self.results = list(report.results)
        self.table.mark_pending(self.tr("No answer"))
        notes = sanity_notes(report)
        if report.skipped:
            skipped = ", ".join(dict.fromkeys(s.ip for s in report.skipped))
            notes.append(
                self.tr("Not asked about {ips}: these lists publish no IPv6 data.").format(
                    ips=skipped
                )
            )
        self.sanity.setText("\n".join(notes))
        self.progress.hide()
        self.again.setEnabled(True)
        self.done = True
        self.completeChanged.emit()
        self.wiz.checkDone.emit(self.results)

    def isComplete(self) -> bool:
        return self.done


class ResultPage(WizardPage):
    def __init__(self, wizard: Kb2590562Wizard) -> None:
        super().__init__(wizard, "step5_title", "resolution")
        self.explain.setObjectName("resolution")
        self.verdict_icon = QLabel()
        self.verdict = plain_label()
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
        intro = self.tr("Message for the recipient's administrator, in")
        row.addWidget(plain_label(intro, False, wrap=False))
        row.addWidget(self.language)
        row.addStretch(1)
        row.addWidget(self.copy_button)
        self.box.addLayout(row)
        self.box.addWidget(self.message, 1)
        self.setFinalPage(True)
        self.outcome = "unknown"

    def initializePage(self) -> None:
        lang = self.wiz.lang
        primary = self.wiz.primary_list()
        self.outcome = self.wiz.primary_outcome()
        severity = {"listed": "problem", "not_listed": "ok"}.get(self.outcome, "unknown")
        size = self.fontMetrics().height() * 2
        self.verdict_icon.setPixmap(sev.icon(severity).pixmap(size, size))
        verdict = kb(f"verdict_{self.outcome}", lang, **self._values())
        reasons = [r.detail for r in self._mine() if r.status == "unknown" and r.detail]
        if self.outcome == "unknown" and reasons:
            verdict += "\n" + kb("verdict_reason", lang, reason=reasons[0])
        self.verdict.setText(verdict)
        font = self.verdict.font()
        font.setBold(True)
        self.verdict.setFont(font)
        self.verdict.setStyleSheet(f"color: {sev.accent(severity).name()};")
        name = f"{primary.name} ({primary.zone})"
        self.explain.setText(
            "\n".join(
                (
                    kb("resolution", lang, list=name),
                    texts.tr_core(cat.resolution(primary), lang),
                    kb("resolution_letter", lang),
                )
            )
        )
        self.language.setCurrentIndex(1 if lang == "ja" else 0)
        self._fill_message()

    def _mine(self) -> list[ListResult]:
        zone = self.wiz.primary_list().zone
        return [r for r in self.wiz.check_page.results if r.zone == zone]

    def _values(self) -> dict[str, str]:
        primary = self.wiz.primary_list()
        ips = ", ".join(dict.fromkeys([r.ip for r in self._mine()] or self.wiz.ips))
        # The outbound edge by name when the message (or the user) names it; an EOP NDR's
        # reporting server is a mailbox server, not the one the recipient saw.
        edge = self.wiz.plan.edge.host if self.wiz.plan.edge else None
        host = edge or (self.wiz.edge_page.host() if self.wiz.source_page.chosen()[1] else "")
        return {
            "server": f"{host} ({ips})" if host else ips,
            "ips": ips,
            "list": f"{primary.name} ({primary.zone})",
            "zone": primary.zone,
        }

    def message_text(self, lang: str) -> str:
        values = self._values()
        status = kb(f"status_{self.outcome}", lang, list=values["list"])
        checked_at = self.wiz.check_page.checked_at
        primary = self.wiz.primary_list()
        return letter(primary.id, lang, status=status, checked_at=checked_at, **values)

    def _fill_message(self) -> None:
        self.message.setPlainText(self.message_text(self.language.currentData()))

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.message.toPlainText())


class Kb2590562Wizard(QWizard):
    """KB2590562 in five steps; DNS work on the app's DnsWorker, resolver from settings."""

    lookupDone = Signal(object)  # HostLookup | None (no lookup needed)
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
        # The list checked when the NDR names none (KB2590562's example); tests and the
        # benchmark pass a local zone standing in for Backscatterer.
        self.backscatterer = backscatterer or cat.by_id(BACKSCATTERER_ID)
        self.plan = TargetPlan()
        self.ips: list[str] = []
        self.lists: list[DnsblList] = []
        self._job: DnsJob | None = None
        self.setWindowTitle(kb("title", lang))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.resize(900, 600)
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

    # -- lists ----------------------------------------------------------------------------

    def zones(self, others: bool) -> list[DnsblList]:
        """The lists the NDR names, first and always (the KB's Backscatterer when it names
        none), then — optionally — the lists enabled in Settings."""
        base = [] if self.plan.zones else [replace(self.backscatterer, enabled=True)]
        if others:
            base += dns_settings.zones_from_settings(self.settings)
        unique: dict[str, DnsblList] = {}
        for lst in base:
            unique.setdefault(lst.zone, lst)  # the KB's list (or its stand-in) wins
        return cat.lists_for_check(list(unique.values()), self.plan.zones)

    def primary_list(self) -> DnsblList:
        """The list the verdict and the letter are about: the first the NDR names."""
        return next((lst for lst in self.lists if lst.named), self.backscatterer)

    def primary_outcome(self) -> str:
        """The verdict on the primary list over all IPs: listed / not_listed / unknown."""
        mine = [r for r in self.check_page.results if r.zone == self.primary_list().zone]
        if any(r.status == "listed" for r in mine):
            return "listed"
        if mine and all(r.status == "not_listed" for r in mine):
            return "not_listed"
        return "unknown"

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

    def run(self, make: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """Run ``make()`` on the worker; ``done`` runs on the GUI thread while it is current."""
        self._start(self.worker().submit(make), done, None)

    def check(self, lists, config, event: Callable[[Any], None], done) -> None:
        """``net.dnsbl.check`` of the plan on ``lists``; ``event`` gets each plan/result."""
        report, typed = self.source_page.chosen()
        label = report.path if report is not None else typed
        job = submit_check(self.worker(), self.plan, lists, config, self.lang, label)
        self._start(job, done, event)

    def _start(self, job: DnsJob, done, event) -> None:
        self.cancel_job()
        self._job = job
        if event is not None:
            job.progress.connect(lambda obj: event(obj) if job is self._job else None)
        job.finished.connect(lambda result: done(result) if job is self._job else None)
        job.failed.connect(lambda message: self._failed(job, message))

    def _failed(self, job: DnsJob, message: str) -> None:
        if job is self._job:
            page = self.currentPage()
            label = getattr(page, "status", None) or page.explain
            label.setText(self.tr("The DNS check failed: {error}").format(error=message))

    def cancel_job(self) -> None:
        if self._job is not None:
            job, self._job = self._job, None
            job.cancel()
