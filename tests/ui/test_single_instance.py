"""A file opened from the desktop while fopegui runs opens in the running window
(ui.single_instance): a second `fopegui FILE…` hands its files over and exits."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalSocket

from fopegui.ui.app import build_parser, start
from fopegui.ui.single_instance import TAKE_OVER_MS, Listener, hand_off

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
HAM, SPAM = SAMPLES / "fope-ham-bigfish.eml", SAMPLES / "eop-spam-authfail.eml"


REPO = Path(__file__).resolve().parents[2]


def fopegui(*args: str, env: dict[str, str] | None = None, cwd: Path = REPO) -> subprocess.Popen:
    """`fopegui ARGS…` as the desktop starts it, with this test's settings and name."""
    return subprocess.Popen(
        [sys.executable, "-m", "fopegui.ui.app", *args],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO),
             **(env or {})},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
    )  # fmt: skip


def ask(qtbot, name: str, request: bytes) -> tuple[bytes, bool]:
    """Send ``request`` to the listener ``name`` from this thread (its events keep running):
    (the answer, whether the listener hung up)."""
    client = QLocalSocket()
    client.connectToServer(name)
    qtbot.waitUntil(lambda: client.state() == QLocalSocket.LocalSocketState.ConnectedState)
    client.write(request)
    answer = b""

    def answered() -> bool:
        nonlocal answer
        answer += bytes(client.readAll().data())
        return answer.endswith(b"\n") or client.state() != client.LocalSocketState.ConnectedState

    qtbot.waitUntil(answered)
    return answer, client.state() != QLocalSocket.LocalSocketState.ConnectedState


def test_a_second_fopegui_hands_its_files_to_the_running_window(qapp, qtbot) -> None:
    app, window = start(build_parser().parse_args(["--lang", "en"]))
    qtbot.addWidget(window)
    second = None
    try:
        qtbot.waitUntil(lambda: app._listener is not None and app._listener.listening)
        window.showMinimized()
        second = fopegui(str(HAM), SPAM.name, cwd=SAMPLES)  # a name relative to its folder
        # Without the hand-off it would open a window of its own and not end.
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=30_000)
        assert second.returncode == 0, second.stderr.read().decode()
        qtbot.waitUntil(lambda: window.messages.rowCount() == 2)
        assert [r.path for r in window.messages.reports()] == [str(HAM), str(SPAM)]
        assert not window.isMinimized()
    finally:
        if second is not None and second.poll() is None:
            second.kill()
        window.release_loading()
        qapp.open_files_with(None, None)


def test_with_nothing_listening_fopegui_opens_the_files_itself(tmp_path) -> None:
    assert hand_off([str(HAM)], str(tmp_path / "nobody")) is False


def test_a_socket_left_by_a_fopegui_that_crashed_is_taken_over(qapp, qtbot, tmp_path) -> None:
    name = str(tmp_path / "stale")
    left = socket.socket(socket.AF_UNIX)
    left.bind(name)  # bound, never listening, closed: the file stays, nobody answers
    left.close()
    opened: list[list[str]] = []
    listener = Listener(opened.append, name=name)
    assert listener.listening
    answer, _ = ask(qtbot, name, b'{"open": ["/tmp/a.eml"]}\n')
    assert answer == b"ok\n"
    assert opened == [["/tmp/a.eml"]]


def two_windows(name: str) -> tuple[Listener, list[list[str]], Listener, list[list[str]]]:
    """A running window's listener and a later one's, on ``name``, with what each opened."""
    first: list[list[str]] = []
    later: list[list[str]] = []
    running = Listener(first.append, name=name)
    waiting = Listener(later.append, name=name)
    assert running.listening and not waiting.listening
    return running, first, waiting, later


def test_a_second_listener_leaves_the_name_to_the_first(qapp, qtbot, tmp_path) -> None:
    name = str(tmp_path / "taken")
    _running, first, _late, second = two_windows(name)
    assert ask(qtbot, name, b'{"open": ["/x.msg", "/y.eml"]}\n')[0] == b"ok\n"
    assert first == [["/x.msg", "/y.eml"]] and second == []


def test_a_later_window_takes_the_files_over_when_the_first_closes(qapp, qtbot, tmp_path) -> None:
    name = str(tmp_path / "handed-on")
    running, first, waiting, later = two_windows(name)
    qtbot.wait(int(TAKE_OVER_MS * 1.5))  # asking again, it leaves the name to a running one
    assert not waiting.listening
    running.close()
    qtbot.waitUntil(lambda: waiting.listening, timeout=TAKE_OVER_MS * 3)
    assert ask(qtbot, name, b'{"open": ["/z.eml"]}\n')[0] == b"ok\n"
    assert later == [["/z.eml"]] and first == []
    waiting.close()
    assert not waiting.listening and not waiting._take_over.isActive()


@pytest.mark.parametrize(
    "request_line", [b"not json\n", b'{"open": "/x.eml"}\n', b'["/x.eml"]\n', b'{"open": [1]}\n']
)
def test_a_request_that_is_not_a_list_of_paths_is_refused(
    qapp, qtbot, tmp_path, request_line: bytes
) -> None:
    name = str(tmp_path / "strict")
    opened: list[list[str]] = []
    listener = Listener(opened.append, name=name)
    assert listener.listening
    answer, hung_up = ask(qtbot, name, request_line)
    assert answer == b"" and hung_up and opened == []


def test_a_screenshot_run_never_hands_off(qapp, qtbot, tmp_path) -> None:
    name = str(tmp_path / "running")
    opened: list[list[str]] = []
    listener = Listener(opened.append, name=name)
    assert listener.listening
    shot = tmp_path / "shot.png"
    run = fopegui("--screenshot", str(shot), str(HAM), env={"FOPEGUI_INSTANCE": name})
    try:
        qtbot.waitUntil(lambda: run.poll() is not None, timeout=60_000)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 0, run.stderr.read().decode()
    assert shot.stat().st_size > 10_000 and opened == []


def test_new_instance_is_an_option(qapp) -> None:
    assert build_parser().parse_args(["--new-instance", "a.eml"]).new_instance
