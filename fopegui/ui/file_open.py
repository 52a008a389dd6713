"""Files the desktop asks the running app to open (macOS Finder's double-click, "Open With",
a file dropped on the Dock icon): Qt delivers them to the application object as
QFileOpenEvent, never in argv. They open like files named on the command line.

Finder sends one event per file when several are opened at once; the events of one turn of
the event loop open together, as one drop would (one batch, one triage run). An event can
come before the window exists (macOS sends it as the event loop starts): it waits for
:meth:`Application.open_files_with`.

On Linux and Windows the desktop starts `fopegui FILE…` instead; that start hands the files
to the running app (ui.single_instance), and they open here the same way.

This is a QApplication subclass, not an event filter on the application: such a filter
would run Python for every event of every widget.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QWidget


class Application(QApplication):
    """fopegui's QApplication: hands QFileOpenEvent files to the window's ``open_paths``."""

    def __init__(self, argv: list[str]) -> None:
        super().__init__(argv)
        self._pending: list[str] = []
        self._open: Callable[[list[str]], None] | None = None
        self._window: QWidget | None = None
        self._listener: QObject | None = None
        self._deliver_soon = QTimer(self, singleShot=True, interval=0)
        self._deliver_soon.timeout.connect(self._deliver)

    def open_files_with(
        self, window: QWidget | None, open_paths: Callable[[list[str]], None] | None
    ) -> None:
        """Open the desktop's files with ``open_paths`` from now on, ``window`` brought to the
        front; files that came earlier open next. None: keep them until this is called."""
        self._window, self._open = window, open_paths
        if self._pending:
            self._deliver_soon.start()

    def open_later(self, paths: list[str]) -> None:
        """Open ``paths`` as the desktop's files are opened: with the next turn of the event
        loop, together with any that came in the same turn, the window brought to the front
        (e.g. files a second `fopegui FILE…` handed over: ui.single_instance)."""
        self._pending.extend(paths)
        if self._open is not None and self._pending:
            self._deliver_soon.start()

    def listen_for_files(self) -> None:
        """Take the files later `fopegui FILE…` starts hand over (ui.single_instance), unless
        another fopegui already does."""
        from fopegui.ui.single_instance import Listener

        if self._listener is None:
            listener = self._listener = Listener(self.open_later, self)
            self.aboutToQuit.connect(listener.close)  # its socket file goes with it

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file()
            if path:  # empty for a URL that is no local file: nothing this app reads
                self.open_later([path])
                return True
        return super().event(event)

    def _deliver(self) -> None:
        if self._open is None or not self._pending:
            return
        paths, self._pending = self._pending, []
        window = self._window
        if window is not None:
            if window.isMinimized():
                window.showNormal()
            window.raise_()
            window.activateWindow()
        self._open(paths)
