"""Writers never touch the input's real file and keep permissions (issue 17, items 3 and 13).

File ▸ Export and `fopegui-cli submit --out` write through the shared safe writer,
``fopegui.core.files`` (``same_file``, ``write_atomic``), which the issue-13 change owns. These
tests state what that writer must do for the export and CLI sides (each failed on the writer
before these fixes):

- ``same_file`` compares real files: a report's virtual path (``X.msg#attachment-N``,
  ``B.eml#returned-original``) names its parent file ``X.msg`` / ``B.eml``.
- ``write_atomic`` gives the new file the mode an ordinary ``open(…, "w")`` would (0666 less
  the umask) and, over an existing file, that file's mode; ``mkstemp`` makes it 0600.
- ``write_atomic``'s temporary name must fit where the target's name fits: ``.{name}.XXXXXXXX.tmp``
  is 14 characters longer, so names of 242–255 characters fail with ENAMETOOLONG.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from fopegui.core.analyze import analyze_path
from fopegui.ui.export import ReportExporter

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def exporter(qtbot, settings, reports) -> ReportExporter:
    parent = QWidget()
    qtbot.addWidget(parent)
    return ReportExporter(parent, lambda: list(reports), settings)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(
    ("original", "virtual"),
    [
        (DATA / "msg" / "EmailWithMsgAttachment.msg", "#attachment-0"),
        (DATA / "ndr" / "exchange-571.eml", "#returned-original"),
    ],
)
def test_export_never_replaces_the_file_a_virtual_path_lives_in(
    qtbot, settings, tmp_path: Path, original: Path, virtual: str
) -> None:
    parent = tmp_path / original.name
    shutil.copyfile(original, parent)
    report = analyze_path(f"{parent}{virtual}")
    assert report.error is None
    before = parent.read_bytes()
    assert not exporter(qtbot, settings, [report]).export_to(str(parent), "html")
    assert parent.read_bytes() == before


def test_export_creates_files_with_the_umask_mode(qtbot, settings, tmp_path, umask_022):
    report = analyze_path(DATA / "samples" / "eop-ham-pass.eml")
    out = tmp_path / "report.html"
    assert exporter(qtbot, settings, [report]).export_to(str(out), "html")
    assert mode(out) == 0o644


@pytest.mark.parametrize("existing", [0o644, 0o640])
def test_export_over_a_file_keeps_its_mode(qtbot, settings, tmp_path, umask_022, existing):
    report = analyze_path(DATA / "samples" / "eop-ham-pass.eml")
    out = tmp_path / "report.html"
    out.write_text("old")
    out.chmod(existing)
    assert exporter(qtbot, settings, [report]).export_to(str(out), "html")
    assert mode(out) == existing and out.read_text() != "old"


def test_export_to_a_long_file_name(qtbot, settings, tmp_path) -> None:
    report = analyze_path(DATA / "samples" / "eop-ham-pass.eml")
    out = tmp_path / ("r" * 245 + ".html")  # 250 characters: the system allows 255
    assert exporter(qtbot, settings, [report]).export_to(str(out), "html")
    assert out.stat().st_size > 0


def submit(out: Path) -> subprocess.CompletedProcess[bytes]:
    message = DATA / "samples" / "eop-spam-authfail.eml"
    command = [sys.executable, "-m", "fopegui.cli", "submit", str(message)]
    command += ["--to", "a@example.com", "--out", str(out)]
    return subprocess.run(command, capture_output=True, timeout=60)


def test_submit_draft_gets_the_umask_mode(tmp_path: Path, umask_022) -> None:
    out = tmp_path / "draft.eml"
    assert submit(out).returncode == 0
    assert mode(out) == 0o644


def test_submit_over_a_draft_keeps_its_mode(tmp_path: Path, umask_022) -> None:
    out = tmp_path / "draft.eml"
    out.write_text("old")
    out.chmod(0o644)
    assert submit(out).returncode == 0
    assert mode(out) == 0o644


def test_submit_to_a_long_file_name(tmp_path: Path) -> None:
    out = tmp_path / ("d" * 246 + ".eml")
    done = submit(out)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 0
