"""Diagnosis banner: the verdict in one sentence, the next step, and the findings."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fopegui.core.model import Finding, Report
from fopegui.ui import severity as sev
from fopegui.ui.models import OBJECT_ROLE, plain_tooltip

_MAX_VISIBLE_FINDINGS = 4
_ORDER = {"problem": 0, "warning": 1, "unknown": 2, "info": 3, "ok": 4}


class DiagnosisBanner(QFrame):
    findingSelected = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diagnosisBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.icon = QLabel()
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.summary = QLabel()
        self.summary.setObjectName("bannerSummary")
        self.next_step = QLabel()
        self.next_step.setObjectName("bannerNextStep")
        for label in (self.summary, self.next_step):
            label.setTextFormat(Qt.TextFormat.PlainText)  # message data: never rich text
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.summary.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.summary.setFont(font)

        self.findings = QListWidget()
        self.findings.setObjectName("bannerFindings")
        self.findings.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.findings.setFrameShape(QFrame.Shape.NoFrame)
        self.findings.currentItemChanged.connect(self._finding_changed)

        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.summary)
        text.addWidget(self.next_step)
        text.addWidget(self.findings)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.addWidget(self.icon)
        layout.addLayout(text, 1)
        self.set_report(None)

    def set_report(self, report: Report | None) -> None:
        self.findings.clear()
        if report is None:
            severity = "info"
            self.summary.setText(self.tr("Drop .eml or .msg files here, or paste headers."))
            self.next_step.setText(
                self.tr("File ▸ Open (Ctrl+O) or Ctrl+V with header text also work.")
            )
        elif report.error:
            severity = "problem"
            self.summary.setText(report.error)
            self.next_step.setText(
                self.tr("Check that the file is an e-mail message (.eml, .msg or header text).")
            )
        else:
            severity = sev.verdict_severity(report)
            summary = report.verdict.summary or self.tr(
                "The headers do not say how it was filtered."
            )
            self.summary.setText(summary)
            step = report.verdict.next_step
            self.next_step.setText(self.tr("Next step: {step}").format(step=step) if step else "")
            self._fill_findings(report.findings)
        self.next_step.setVisible(bool(self.next_step.text()))
        size = self.fontMetrics().height() * 2
        self.icon.setPixmap(sev.icon(severity).pixmap(size, size))
        self.setStyleSheet(
            "#diagnosisBanner { border: none; "
            f"border-left: 5px solid {sev.accent(severity).name()}; "
            f"background: {sev.background(severity).name()}; }}"
            "#bannerFindings { background: transparent; }"
        )

    def _fill_findings(self, findings: list[Finding]) -> None:
        ordered = sorted(findings, key=lambda f: _ORDER.get(f.severity, 5))
        for finding in ordered:
            item = QListWidgetItem(sev.icon(finding.severity), finding.title)
            item.setData(OBJECT_ROLE, finding)
            item.setToolTip(plain_tooltip(finding.detail))
            self.findings.addItem(item)
        rows = min(len(ordered), _MAX_VISIBLE_FINDINGS)
        row_height = self.findings.sizeHintForRow(0) if ordered else 0
        self.findings.setFixedHeight(rows * row_height + 4 if rows else 0)
        self.findings.setVisible(bool(ordered))

    def _finding_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.findingSelected.emit(current.data(OBJECT_ROLE))
