"""`fopegui --screenshot OUT.png [--tab NAME] FILE…` (CONTRACT.md) and argument handling."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from fopegui.ui.app import main
from tests.ui.conftest import mbox_of

REPO = Path(__file__).resolve().parents[2]


def test_screenshot_of_each_tab(qapp, samples, tmp_path) -> None:
    for tab in ("headers", "received", "blacklist", "raw"):
        out = tmp_path / f"{tab}.png"
        code = main(
            ["--screenshot", str(out), "--tab", tab, str(samples / "fope-spam-customspam.eml")]
        )
        assert code == 0
        image = QImage(str(out))
        assert (image.width(), image.height()) == (1400, 900)


def test_screenshot_exit_1_for_a_bad_file_but_png_written(qapp, samples, tmp_path) -> None:
    out = tmp_path / "bad.png"
    code = main(
        [
            "--screenshot",
            str(out),
            str(tmp_path / "nope.eml"),
            str(samples / "fope-ham-bigfish.eml"),
        ]
    )
    assert code == 1
    assert out.is_file()


def test_screenshot_exit_1_when_png_cannot_be_written(qapp, samples, tmp_path) -> None:
    out = tmp_path / "no-such-dir" / "x.png"
    assert main(["--screenshot", str(out), str(samples / "fope-ham-bigfish.eml")]) == 1


def test_usage_errors_exit_2(qapp) -> None:
    assert main(["--tab", "nonsense", "--screenshot", "x.png"]) == 2


def test_screenshot_as_a_fresh_process_sets_offscreen_itself(samples, tmp_path) -> None:
    out = tmp_path / "cli.png"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["FOPEGUI_SETTINGS_DIR"] = str(tmp_path)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "fopegui",
            "--screenshot",
            str(out),
            "--tab",
            "received",
            str(samples / "eop-spam-authfail.eml"),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert QImage(str(out)).width() == 1400
    assert not (tmp_path / "fopegui.ini").exists()  # a screenshot run leaves no settings


def test_screenshot_of_a_mailbox_shows_the_triage_window(qapp, samples, tmp_path) -> None:
    box = mbox_of(tmp_path / "inbox.mbox", sorted(samples.glob("*.eml")))
    out = tmp_path / "triage.png"
    assert main(["--screenshot", str(out), str(box)]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1400, 900)
    from PySide6.QtWidgets import QApplication

    shown = [w for w in QApplication.topLevelWidgets() if w.objectName() == "triageWindow"]
    assert shown and shown[-1].model.rowCount() == len(list(samples.glob("*.eml")))
