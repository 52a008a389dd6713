"""The first three pages of the KB2590562 wizard (kb2590562_wizard): the NDR or message, what
the recipient's blacklist saw (the addresses core.targets chooses), and the DNS lookup — only
as a labelled fallback when the message names no address. The pages show; the core decides.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWizardPage,
)

from fopegui.core import dnsbl_catalogue as cat
from fopegui.core import targets
from fopegui.core.analyze import analyze_path
from fopegui.core.model import Report
from fopegui.core.targets import TargetPlan
from fopegui.net.dnsbl_model import HostLookup
from fopegui.ui import severity as sev
from fopegui.ui import texts
from fopegui.ui.widgets import plain_label

if TYPE_CHECKING:
    from fopegui.ui.kb2590562_wizard import Kb2590562Wizard


def kb(key: str, lang: str | None = None, **values: Any) -> str:
    """A KB2590562 wizard text (catalogue ``kb2590562.json``) through the text service."""
    return texts.catalogue_text("kb2590562", "texts", key, lang=lang, **values)


def typed_plan(text: str) -> TargetPlan | None:
    try:
        return targets.plan_for_input(text) if text else None
    except ValueError:
        return None


class WizardPage(QWizardPage):
    """A page with the KB's explanation on top."""

    def __init__(self, wizard: Kb2590562Wizard, title_key: str, text_key: str) -> None:
        super().__init__()
        self.wiz = wizard
        self.setTitle(kb(title_key, wizard.lang))
        self.explain = plain_label(kb(text_key, wizard.lang))
        self.explain.setObjectName("explanation")
        self.box = QVBoxLayout(self)
        self.box.addWidget(self.explain)
        self.box.addSpacing(6)


class SourcePage(WizardPage):
    def __init__(self, wizard: Kb2590562Wizard) -> None:
        super().__init__(wizard, "step1_title", "step1")
        self.use_current = QRadioButton()
        self.use_current.setObjectName("useCurrent")
        self.use_file = QRadioButton(self.tr("A file:"))
        self.open_button = QPushButton(self.tr("Open NDR or message…"))
        self.open_button.clicked.connect(self._browse)
        self.file_label = plain_label()
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
        return report is not None or typed_plan(host) is not None


class EdgePage(WizardPage):
    """What the recipient's blacklist saw: the core's targets, with where each came from."""

    def __init__(self, wizard: Kb2590562Wizard) -> None:
        super().__init__(wizard, "step2_title", "step2")
        self.host_edit = QLineEdit()
        self.host_edit.setObjectName("edgeHost")
        self.host_edit.textChanged.connect(self.completeChanged)
        self.origin = plain_label()
        self.origin.setObjectName("edgeOrigin")
        self.targets = plain_label()
        self.targets.setObjectName("edgeTargets")
        self.ndr = plain_label()
        self.ndr.setObjectName("ndrEvidence")
        row = QHBoxLayout()
        row.addWidget(plain_label(self.tr("Outbound edge server:"), False, wrap=False))
        row.addWidget(self.host_edit, 1)
        self.box.addWidget(self.targets)
        self.box.addLayout(row)
        self.box.addWidget(self.origin)
        self.box.addWidget(self.ndr)
        self.box.addStretch(1)
        self.base = TargetPlan()
        self.initial_host = ""

    def initializePage(self) -> None:
        report, typed = self.wiz.source_page.chosen()
        lang = self.wiz.lang
        if typed:
            self.base = typed_plan(typed) or TargetPlan()
            host, origins = typed, [kb("origin_typed", lang)]
        else:
            self.base = targets.plan_for_report(report)
            host, origins = self._edge_of(report)
        self.initial_host = host
        self.host_edit.setText(host)
        lines = [f"{t.ip}: {texts.tr_core(cat.target_text(t), lang)}" for t in self.base.targets]
        if lines:
            lines.insert(0, self.tr("Addresses to check:"))
        elif not typed:
            lines.append(kb("no_edge", lang) if not host else kb("step3", lang))
        if self.base.excluded:
            lines.append(self.tr("Not checked:"))
            lines += [texts.tr_core(cat.excluded_text(t), lang) for t in self.base.excluded]
        self.targets.setText("\n".join(lines))
        self.origin.setText(
            "\n".join(self.tr("Found in: {o}").format(o=o) for o in origins) if host else ""
        )
        evidence = [t.evidence for t in self.base.targets if t.evidence]
        evidence += [x.evidence for x in getattr(report.ndr if report else None, "listings", [])
                     if x.evidence and not x.ip]  # fmt: skip
        self.ndr.setText("\n".join(kb("ndr_says", lang, evidence=e) for e in evidence))
        self.ndr.setVisible(bool(evidence))

    def _edge_of(self, report: Report | None) -> tuple[str, list[str]]:
        """The edge server's host name and where it was read (for the user to check)."""
        lang = self.wiz.lang
        edge = self.base.edge
        origins: list[str] = []
        host = edge.host if edge is not None and edge.host else ""
        if edge is not None and host:
            ndr = report is not None and report.ndr is not None
            of = kb("origin_received_of_ndr", lang) if ndr else ""
            origins.append(kb("origin_received", lang, hop=edge.hop, of=of))
        reporting = getattr(report.ndr if report else None, "reporting_mta", None)
        if reporting:
            host = host or reporting
            if reporting.lower() == host.lower():
                origins.append(kb("origin_ndr", lang))
        return host, origins

    def host(self) -> str:
        return self.host_edit.text().strip()

    def plan(self) -> TargetPlan:
        """The core's plan; a host name the user corrected is looked up (after the addresses
        the message recorded), in place of the fallback host."""
        host = self.host()
        if host == self.initial_host or not host:
            return self.base
        typed = typed_plan(host) or TargetPlan()
        known = set(self.base.ips)
        return replace(
            self.base,
            targets=self.base.targets + [t for t in typed.targets if t.ip not in known],
            resolve=typed.resolve,
            excluded=self.base.excluded + typed.excluded,
        )

    def isComplete(self) -> bool:
        return not self.plan().empty


class LookupPage(WizardPage):
    def __init__(self, wizard: Kb2590562Wizard) -> None:
        super().__init__(wizard, "step3_title", "step3")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.status_icon = QLabel()
        self.status = plain_label()
        self.status.setObjectName("lookupStatus")
        self.ips_label = plain_label()
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
        self.wiz.plan = plan = self.wiz.edge_page.plan()
        for label in (self.status, self.ips_label, self.status_icon):
            label.clear()
        if not plan.resolve:
            self._finish(plan, [])
            return
        self.progress.show()
        hosts = ", ".join(t.host or "" for t in plan.resolve)
        self.status.setText(self.tr("Looking up {host}…").format(host=hosts))
        config = self.wiz.resolver_config()
        if config is None:
            return
        lang = self.wiz.lang

        async def resolve_all() -> list[HostLookup]:
            from fopegui.net import dnsbl

            return [await dnsbl.resolve_host(t.host or "", config, lang) for t in plan.resolve]

        self.wiz.run(resolve_all, lambda lookups: self._finish(plan, lookups))

    def cleanupPage(self) -> None:
        self.wiz.cancel_job()

    def _finish(self, plan: TargetPlan, lookups: list[HostLookup]) -> None:
        lang = self.wiz.lang
        hosts = list(plan.resolve)
        for host, lookup in zip(hosts, lookups, strict=True):
            plan = targets.merged(plan, host, lookup.addresses)  # the core keeps what may be asked
        self.lookup = lookups[0] if lookups else None
        self.progress.hide()
        lines: list[str] = []
        if not lookups:
            severity = "ok" if plan.ips else "unknown"
            status = kb("no_lookup", lang, ips=", ".join(plan.ips))
        else:
            status = "\n".join(x.detail or "" for x in lookups)
            severity = "ok" if plan.ips else "warning"
            if any(x.status == "unknown" for x in lookups) and not plan.ips:
                severity = "unknown"
            for target in plan.targets:
                if target.source == "resolved":
                    key = "lookup_fallback" if target.fallback else "typed_edited"
                    lines.append(kb(key, lang, host=target.host, ips=target.ip))
        lines += [texts.tr_core(cat.excluded_text(t), lang) for t in plan.excluded]
        if not plan.ips:
            lines.append(kb("no_ip", lang))
        else:
            lines.insert(0, self.tr("Addresses to check: {ips}").format(ips=", ".join(plan.ips)))
        size = self.fontMetrics().height()
        self.status_icon.setPixmap(sev.icon(severity).pixmap(size, size))
        self.status.setText(status)
        self.ips_label.setText("\n".join(lines))
        self.wiz.plan = plan
        self.wiz.ips = plan.ips
        self.done = True
        self.completeChanged.emit()
        self.wiz.lookupDone.emit(self.lookup)

    def isComplete(self) -> bool:
        return self.done and bool(self.wiz.ips)
