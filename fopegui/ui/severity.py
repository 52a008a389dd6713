"""Severity icons and colours. Every coloured thing also gets an icon (colour-blind users)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette

from fopegui.core.model import SEVERITIES, Report, Severity
from fopegui.paths import resource

# Row tints: light enough that the default text colour stays readable on both palettes.
_LIGHT = {
    "ok": "#e6f4e7",
    "info": "#e4effb",
    "warning": "#fff1d6",
    "problem": "#fde3e1",
    "unknown": "#eeeeee",
}
translate = QCoreApplication.translate

_DARK = {
    "ok": "#1f3a23",
    "info": "#1b3050",
    "warning": "#4a3a14",
    "problem": "#4f2222",
    "unknown": "#3a3a3a",
}
# Strong colours for text and the banner stripe.
ACCENT = {
    "ok": "#2e7d32",
    "info": "#1565c0",
    "warning": "#b37400",
    "problem": "#c62828",
    "unknown": "#757575",
}


def label(severity: str) -> str:
    """The translated name of a severity (legend, tooltips, detail pane)."""
    names = {
        "ok": translate("Severity", "OK"),
        "info": translate("Severity", "Information"),
        "warning": translate("Severity", "Warning"),
        "problem": translate("Severity", "Problem"),
        "unknown": translate("Severity", "Unknown"),
    }
    return names.get(severity, severity)


@cache
def icon(severity: str) -> QIcon:
    """The SVG icon of a severity (an empty icon if the resource is missing)."""
    name = severity if severity in SEVERITIES else "unknown"
    path = resource("icons", f"severity-{name}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()


def is_dark() -> bool:
    """Whether the application palette is dark (system dark mode or a dark theme)."""
    hints = QGuiApplication.styleHints()
    if hints.colorScheme() == Qt.ColorScheme.Dark:
        return True
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return window.lightness() < 110


def background(severity: str) -> QColor:
    table = _DARK if is_dark() else _LIGHT
    return QColor(table.get(severity, table["unknown"]))


def accent(severity: str) -> QColor:
    colour = QColor(ACCENT.get(severity, ACCENT["unknown"]))
    return colour.lighter(150) if is_dark() else colour


def verdict_severity(report: Report) -> Severity:
    """One severity for a whole message: the message list icon and the banner colour. The
    core decides it (verdict v2 ``severity``); a report that failed to load is a problem."""
    if report.error:
        return "problem"
    severity = report.verdict.severity
    return severity if severity in SEVERITIES else "unknown"
