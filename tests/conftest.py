"""Shared fixtures. Qt runs offscreen unless the caller chose a platform."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.dns_server import dns_server, loopback_only  # noqa: F401  (real unbound, guard)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The app started by a test listens for files under a name of this run's own: never the
# user's running fopegui (ui.single_instance), never another test run's.
os.environ["FOPEGUI_INSTANCE"] = f"fopegui-tests-{os.getpid()}"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """The test app never quits through its event loop: remove the socket it listened on."""
    socket_file = Path(tempfile.gettempdir()) / os.environ["FOPEGUI_INSTANCE"]
    if socket_file.is_socket():
        socket_file.unlink()

# Property tests. "ci" (CI is set, and ./run-tests by default): the same examples on every
# run, so a red run is reproducible and never depends on luck; a bounded number of them; no
# example database written into the tree; no per-example deadline (machines differ: the fuzz
# tests set their own, generous one to catch hangs). "dev": random examples, to find new
# failures while working. HYPOTHESIS_PROFILE chooses explicitly.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    max_examples=300,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=300, deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SAMPLES = DATA / "samples"


@pytest.fixture(scope="session")
def qapp_cls():
    """pytest-qt's application, for every test that uses Qt, is the app's own (it takes the
    files the desktop opens). Imported here: tests without Qt do not load it."""
    from fopegui.ui.file_open import Application

    return Application


@pytest.fixture
def samples() -> Path:
    """Folder of the project's sample messages (copies of ../shared/samples plus our own)."""
    return SAMPLES
