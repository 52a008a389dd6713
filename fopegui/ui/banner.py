"""Diagnosis banner: the verdict in one sentence, the next step, and the findings."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fopegui.core.model import Finding, Report
from fopegui.ui import severity as sev
from fopegui.ui.models import OBJECT_ROLE, plain_tooltip

_ORDER = {"problem": 0, "warning": 1, "unknown": 2, "info": 3, "ok": 4}


class FindingChips(QListWidget):
    """Findings as wrapping icon + title chips, as tall as their rows (at most a few)."""

    MAX_ROWS = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSpacing(2)
        size = self.fontMetrics().height()
        self.setIconSize(QSize(size, size))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def fit_height(self) -> None:
        if self.count() == 0:
            self.setFixedHeight(0)
            return
        self.doItemsLayout()
        row = self.sizeHintForRow(0) + 2 * self.spacing()
        bottom = max(self.visualItemRect(self.item(i)).bottom() for i in range(self.count()))
        bottom += self.verticalOffset()  # rects are relative to the scrolled viewport
        height = min(bottom + 2 * self.spacing(), row * self.MAX_ROWS) + 2 * self.frameWidth()
        if height != self.height():
            self.setFixedHeight(max(height, row))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_height()


class DiagnosisBanner(QFrame):
    findingSelected = Signal(object)
    submitRequested = Signal()  # issue 7: "Report a false positive…" when Method 2 applies

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

        self.findings = FindingChips()
        self.findings.setObjectName("bannerFindings")
        self.findings.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.findings.setFrameShape(QFrame.Shape.NoFrame)
        self.findings.currentItemChanged.connect(self._finding_changed)

        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.summary)
        text.addWidget(self.next_step)
        # -- issue 7: submission button (shown only when KB2669119 Method 2 applies) --
        self.submit_button = QPushButton(self.tr("Report a false positive…"))
        self.submit_button.setObjectName("bannerSubmit")
        self.submit_button.clicked.connect(self.submitRequested)
        text.addWidget(self.submit_button, 0, Qt.AlignmentFlag.AlignLeft)
        # -- end issue 7 --
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
        method2 = report is not None and not report.error and 2 in report.verdict.kb_methods
        self.submit_button.setVisible(method2)  # issue 7
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
        self.findings.setVisible(bool(ordered))
        self.findings.fit_height()

    def _finding_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.findingSelected.emit(current.data(OBJECT_ROLE))
