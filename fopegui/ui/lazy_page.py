"""A tab page built the first time it is shown or used.

The Blacklist and Reputation tabs pull in the DNS engine (dnspython, asyncio); building
them only when the admin opens them keeps start-up close to a bare window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

from fopegui.core.model import Report


class LazyPage(QWidget):
    def __init__(self, name: str, factory: Callable[[], QWidget]) -> None:
        super().__init__()
        self.setObjectName(name)
        self._factory = factory
        self._page: QWidget | None = None
        self._report: Report | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._page is not None

    def page(self) -> QWidget:
        """The real page, built now if it was not yet (with the latest report)."""
        if self._page is None:
            page = self._factory()
            page.setObjectName(self.objectName())
            self.layout().addWidget(page)
            self._page = page
            page.set_report(self._report)
        return self._page

    def set_report(self, report: Report | None) -> None:
        self._report = report
        if self._page is not None:
            self._page.set_report(report)

    def showEvent(self, event: QShowEvent) -> None:
        self.page()
        super().showEvent(event)
