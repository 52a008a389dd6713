"""The triage window's CSV export: the rows shown, in the CLI's columns (core.triage)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from fopegui.core.files import atomic_output, same_file
from fopegui.core.triage import Row, csv_writer

translate = QCoreApplication.translate


def write_csv(path: str, rows: Iterable[Row], inputs: Iterable[str]) -> str | None:
    """Write ``rows`` to ``path`` (never over one of ``inputs``); the reason if it failed."""
    if any(same_file(path, source) for source in inputs):
        return translate("TriageExport", "Not exported: {file} is one of the inputs.").format(
            file=path)
    try:
        with atomic_output(path, "w", encoding="utf-8", newline="") as handle:
            write = csv_writer(handle)
            for row in rows:
                write(row)
    except OSError as err:
        return translate("TriageExport", "Could not export to {file}: {reason}").format(
            file=path, reason=err.strerror or err)
    return None
