"""Diagnosis banner: the verdict (v2) in one sentence, whose verdict it is, the next step, the
verdict codes with the rule's source, and the findings.

Every sentence is a core text rendered by the text service when the banner is filled, and
again when the language changes (the banner keeps the Report, never the strings).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fopegui.core.model import Finding, Report, Verdict
from fopegui.core.texts import code_label
from fopegui.ui import severity as sev
from fopegui.ui import texts
from fopegui.ui.models import OBJECT_ROLE
from fopegui.ui.plain import link, plain_tooltip, shown

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

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.current_before_press = self.currentItem()  # a click on it acts again
        super().mousePressEvent(event)

    current_before_press: QListWidgetItem | None = None


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
        self.whose = QLabel()  # whose verdict: the reader's filter or the sender's outbound one
        self.whose.setObjectName("bannerWhose")
        self.next_step = QLabel()
        self.next_step.setObjectName("bannerNextStep")
        self.codes = QLabel()  # decided_by · destination · remedy (· inferred)
        self.codes.setObjectName("bannerCodes")
        for label in (self.summary, self.whose, self.next_step, self.codes):
            label.setTextFormat(Qt.TextFormat.PlainText)  # message data: never rich text
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.summary.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.summary.setFont(font)
        font = self.whose.font()
        font.setItalic(True)
        self.whose.setFont(font)
        font = self.codes.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.codes.setFont(font)
        # Where the deciding rule comes from (catalogue data, never message data): a link to
        # Microsoft's page where there is one.
        self.source = QLabel()
        self.source.setObjectName("bannerSource")
        self.source.setFont(font)
        self.source.setTextFormat(Qt.TextFormat.RichText)
        self.source.setWordWrap(True)
        self.source.setOpenExternalLinks(True)
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)

        self.findings = FindingChips()
        self.findings.setObjectName("bannerFindings")
        self.findings.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.findings.setFrameShape(QFrame.Shape.NoFrame)
        self.findings.currentItemChanged.connect(self._finding_changed)
        self.findings.itemClicked.connect(self._finding_clicked)

        text = QVBoxLayout()
        text.setSpacing(2)
        text.addWidget(self.summary)
        text.addWidget(self.whose)
        text.addWidget(self.next_step)
        # The codes, then the rule's source under them: side by side, a narrow window squeezed
        # the source into a column of one word per line.
        text.addWidget(self.codes)
        text.addWidget(self.source)
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
        self._report: Report | None = None
        self.set_report(None)
        texts.service().language_changed.connect(self._language_changed)

    def set_report(self, report: Report | None) -> None:
        self._report = report
        self.findings.clear()
        self.whose.clear()
        self.codes.clear()
        self.codes.setToolTip("")
        self.source.clear()
        self.source.setToolTip("")
        if report is None:
            severity = "info"
            self.summary.setText(self.tr("Drop .eml or .msg files here, or paste headers."))
            self.next_step.setText(
                self.tr("File ▸ Open (Ctrl+O) or Ctrl+V with header text also work.")
            )
        elif report.error:
            severity = "problem"
            self.summary.setText(shown(texts.tr_core(report.error)))
            self.next_step.setText(
                self.tr("Check that the file is an e-mail message (.eml, .msg or header text).")
            )
        else:
            verdict = report.verdict
            severity = sev.verdict_severity(report)
            summary = texts.tr_core(verdict.summary) or self.tr(
                "The headers do not say how it was filtered."
            )
            self.summary.setText(shown(summary))
            self.whose.setText(shown(texts.tr_core(verdict.whose)))
            step = shown(texts.tr_core(verdict.next_step))
            self.next_step.setText(self.tr("Next step: {step}").format(step=step) if step else "")
            self._show_codes(verdict)
            self._fill_findings(report.findings)
        for label in (self.whose, self.next_step, self.codes, self.source):
            label.setVisible(bool(label.text()))
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

    def _show_codes(self, verdict: Verdict) -> None:
        """The verdict's codes in one short line, and the rule's source (tooltip and link)."""
        dash = "—"
        line = self.tr("Decided by: {decided_by} · Destination: {destination} · Remedy: {remedy}")
        line = line.format(
            decided_by=texts.tr_core(code_label("decided_by", verdict.decided_by)),
            destination=texts.tr_core(code_label("destination", verdict.destination)),
            remedy=texts.tr_core(code_label("remedy", verdict.remedy)),
        )
        if verdict.inferred:
            line += " · " + texts.report_label("inferred")
        self.codes.setText(line)
        source = texts.rule_source(verdict.source)
        codes = ", ".join(
            f"{key}={getattr(verdict, key) or dash}"
            for key in ("decided_by", "destination", "remedy")
        )
        about = [f"{texts.report_label('rule')}: {verdict.rule or dash}", codes]
        if source is not None:
            title, url = source
            named = self.tr("Source: {title}").format(title=title)
            cited = [named, url] if url else [named]
            about += cited
            self.source.setText(link(url, named) if url else html.escape(named))
            self.source.setToolTip(plain_tooltip("\n".join(cited)))
        self.codes.setToolTip(plain_tooltip("\n".join(about)))

    def _language_changed(self, _lang: str) -> None:
        self.set_report(self._report)  # the same Report, rendered again

    def _fill_findings(self, findings: list[Finding]) -> None:
        ordered = sorted(findings, key=lambda f: _ORDER.get(f.severity, 5))
        for finding in ordered:
            item = QListWidgetItem(sev.icon(finding.severity), shown(texts.tr_core(finding.title)))
            item.setData(OBJECT_ROLE, finding)
            item.setToolTip(plain_tooltip(texts.tr_core(finding.detail)))
            self.findings.addItem(item)
        self.findings.setVisible(bool(ordered))
        self.findings.fit_height()

    def _finding_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.findingSelected.emit(current.data(OBJECT_ROLE))

    def _finding_clicked(self, item: QListWidgetItem) -> None:
        if item is self.findings.current_before_press:  # already selected: show it again
            self.findingSelected.emit(item.data(OBJECT_ROLE))


class BannerArea(QScrollArea):
    """The banner above the tabs in a vertical splitter, as tall as its text but never more
    than :attr:`MAX_SHARE` of the splitter: on a short window (1024×640, Japanese) the rest
    of the banner scrolls inside it instead of pushing the tabs' content down to a few rows.
    Once the admin drags the splitter's handle, that height stands."""

    MAX_SHARE = 0.4

    def __init__(self, banner: DiagnosisBanner, splitter: QSplitter) -> None:
        super().__init__()
        self.setObjectName("bannerArea")
        self.setWidget(banner)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the banner's own widgets take the focus
        self.user_sized = False
        self._splitter = splitter
        splitter.addWidget(self)
        splitter.splitterMoved.connect(self._dragged)  # the admin's drag (not setSizes)
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.fit)
        banner.installEventFilter(self)  # its text changed: its height did too
        splitter.installEventFilter(self)  # the window changed height

    def minimumSizeHint(self) -> QSize:
        return QSize(0, 3 * self.fontMetrics().height())  # the admin may make it that small

    def wanted_height(self) -> int:
        """The banner's height at the area's width, at most MAX_SHARE of the splitter."""
        banner = self.widget()
        needed = banner.heightForWidth(self.viewport().width())
        if needed < 0:
            needed = banner.sizeHint().height()
        total = sum(self._splitter.sizes())
        return max(min(needed, int(total * self.MAX_SHARE)), 1)

    def fit(self) -> None:
        total = sum(self._splitter.sizes())
        if self.user_sized or total <= 0:
            return
        height = self.wanted_height()
        if self._splitter.sizes()[0] != height:
            self._splitter.setSizes([height, total - height])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._timer.start()  # a new width wraps the text to a new height

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.LayoutRequest or (
            kind == QEvent.Type.Resize and watched is self._splitter
        ):
            self._timer.start()  # the banner's text or the splitter's height changed
        return False

    def _dragged(self, _pos: int, _index: int) -> None:
        self.user_sized = True
