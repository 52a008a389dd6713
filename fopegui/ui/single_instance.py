"""One fopegui per user session for files opened from the desktop: a file double-clicked in
the file manager (or given to "Open with", or named to `fopegui`) while fopegui runs opens
in the running window, as macOS does by itself (ui.file_open), instead of in a second app.

The running app listens on a local socket (QLocalServer: a Unix socket only its user may
open, a named pipe on Windows). A new `fopegui FILE…` connects, sends the files' absolute
paths as one line of JSON and exits once the running app answers "ok"; when nothing listens
(or nothing answers in time) it starts as usual. A start without files is always a new
window, as is `fopegui --new-instance`; such a window takes the files over once the one that
listened has closed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket

# The running app answers within this time: its GUI thread never waits longer than 100 ms.
ANSWER_MS = 3000
_CONNECT_MS = 500
_OK = b"ok\n"
_MAX_REQUEST = 1 << 20  # bytes: a request is a list of paths
# While another fopegui listens, this one asks this often whether it still runs: when it has
# closed, this one listens instead (files opened later come here, not to a third window).
TAKE_OVER_MS = 2000


def instance_name() -> str:
    """The local server's name: one per user (FOPEGUI_INSTANCE overrides it, e.g. in tests)."""
    named = os.environ.get("FOPEGUI_INSTANCE")
    if named:
        return named
    user = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    return f"fopegui-{user}"


def hand_off(paths: list[str], name: str | None = None) -> bool:
    """Give ``paths`` to a running fopegui. True when it took them (this process may end);
    False when none runs or it did not answer (this process opens them itself)."""
    socket = QLocalSocket()
    socket.connectToServer(name or instance_name())
    if not socket.waitForConnected(_CONNECT_MS):
        return False
    request = {"open": [str(Path(p).absolute()) for p in paths]}
    socket.write(json.dumps(request).encode() + b"\n")
    answer = b""
    while socket.waitForReadyRead(ANSWER_MS) or socket.bytesAvailable():
        answer += bytes(socket.readAll().data())
        if answer.endswith(b"\n") or len(answer) > len(_OK):
            break
    socket.disconnectFromServer()
    return answer == _OK


class Listener(QObject):
    """Takes the files a new `fopegui FILE…` hands over and gives them to ``open_paths``."""

    def __init__(
        self, open_paths: Callable[[list[str]], None], parent: QObject | None = None,
        name: str | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self._open = open_paths
        self._buffers: dict[QLocalSocket, bytes] = {}
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self._name = name or instance_name()
        self._take_over = QTimer(self)
        self._take_over.setInterval(TAKE_OVER_MS)
        self._take_over.timeout.connect(self._try_again)
        if not self._listen():
            self._take_over.start()

    @property
    def listening(self) -> bool:
        """Whether this app takes the files new `fopegui FILE…` starts hand over."""
        return self.server.isListening()

    def close(self) -> None:
        """Stop listening, and stop waiting to (the app is quitting)."""
        self._take_over.stop()
        self.server.close()

    def _try_again(self) -> None:
        if self._listen():
            self._take_over.stop()

    def _listen(self) -> bool:
        name = self._name
        # Asked first: with UserAccessOption, Qt makes the socket apart and renames it into
        # place, so listen() would take the name from a running fopegui without a word.
        probe = QLocalSocket()
        probe.connectToServer(name)
        if probe.waitForConnected(_CONNECT_MS):  # another fopegui listens: it keeps the name
            probe.disconnectFromServer()
            return False
        # Nobody answers: any socket file there was left by a fopegui that did not end cleanly.
        QLocalServer.removeServer(name)
        return self.server.listen(name)

    # Slots are this object's methods, not lambdas: Qt drops a connection to a method of a
    # deleted receiver, while a lambda would outlive it and be called as the sockets go.
    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(self._read)
            socket.disconnected.connect(self._forget)

    def _forget(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._buffers.pop(socket, None)
            socket.deleteLater()

    def _read(self) -> None:
        socket = self.sender()
        if not isinstance(socket, QLocalSocket) or socket not in self._buffers:
            return
        data = self._buffers[socket] + bytes(socket.readAll().data())
        if b"\n" not in data:
            if len(data) > _MAX_REQUEST:
                socket.abort()
            else:
                self._buffers[socket] = data
            return
        del self._buffers[socket]
        paths = _paths_of(data.split(b"\n", 1)[0])
        if paths is None:
            socket.abort()
            return
        socket.write(_OK)
        socket.flush()
        if paths:
            self._open(paths)


def _paths_of(line: bytes) -> list[str] | None:
    """The paths of a request line, or None when it is not one."""
    try:
        request = json.loads(line)
    except ValueError:
        return None
    paths = request.get("open") if isinstance(request, dict) else None
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        return None
    return paths
