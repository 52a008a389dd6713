"""Shared fixtures. Qt runs offscreen unless the caller chose a platform."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.dns_server import dns_server, loopback_only  # noqa: F401  (real unbound, guard)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SAMPLES = DATA / "samples"


@pytest.fixture
def samples() -> Path:
    """Folder of the project's sample messages (copies of ../shared/samples plus our own)."""
    return SAMPLES
