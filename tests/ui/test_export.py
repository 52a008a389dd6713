"""Report export (HTML / Markdown / JSON files) and printing (QPrinter to a PDF file)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QWidget

from fopegui.core import report as render
from fopegui.core.analyze import analyze_path
from fopegui.ui.export import (
    ReportExporter,
    default_name,
    print_reports,
    render_reports,
    report_document,
)


@pytest.fixture
def two(samples: Path):
    return [
        analyze_path(samples / "eop-spam-authfail.eml"),
        analyze_path(samples / "fope-spam-customspam.eml"),
    ]


def exporter_for(qtbot, settings, reports) -> tuple[ReportExporter, QWidget]:
    parent = QWidget()
    qtbot.addWidget(parent)
    return ReportExporter(parent, lambda: list(reports), settings), parent


def test_render_is_the_core_exporters_output(two) -> None:
    assert render_reports(two[:1], "html") == render.to_html(two[:1])
    assert render_reports(two[:1], "md") == render.to_markdown(two[0])
    assert json.loads(render_reports(two[:1], "json")) == render.to_dict(two[0])
    both = render_reports(two, "md")
    assert both.count("# fopegui report: ") == 2
    assert json.loads(render_reports(two, "json")) == [render.to_dict(r) for r in two]
    with pytest.raises(ValueError):
        render_reports(two, "pdf")
    with pytest.raises(ValueError):
        render_reports([], "html")


def test_export_is_in_the_language_the_reports_are_shown_in(qapp, two) -> None:
    from fopegui.ui import texts

    english = render_reports(two[:1], "md")
    texts.set_language("ja")
    japanese = render_reports(two[:1], "md")
    assert japanese == render.to_markdown(two[0], lang="ja") != english
    assert "次の手順" in japanese  # the core's label, in Japanese
    assert render_reports(two[:1], "md", lang="en") == english  # an explicit choice wins
    assert report_document(two[:1]).toPlainText() != report_document(two[:1], "en").toPlainText()


@pytest.mark.parametrize("fmt", ["html", "md", "json"])
def test_export_writes_utf8_file(qtbot, settings, two, tmp_path: Path, fmt: str) -> None:
    exporter, _ = exporter_for(qtbot, settings, two[:1])
    out = tmp_path / f"report.{fmt}"
    assert exporter.export_to(str(out), fmt)
    text = out.read_text(encoding="utf-8")
    assert text == render_reports(two[:1], fmt)
    assert "【請求書】ご確認ください" in text  # Japanese subject kept as UTF-8, not escaped
    assert not list(tmp_path.glob(".*.tmp"))


def test_export_of_several_messages(qtbot, settings, two, tmp_path: Path) -> None:
    exporter, _ = exporter_for(qtbot, settings, two)
    assert exporter.export_to(str(tmp_path / "all.json"), "json")
    data = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert [d["source"]["path"] for d in data] == [r.path for r in two]
    assert exporter.export_to(str(tmp_path / "all.html"), "html")
    page = (tmp_path / "all.html").read_text(encoding="utf-8")
    assert page.count("<section>") == 2


def test_export_dialog_uses_the_chosen_filter(qtbot, settings, two, tmp_path, monkeypatch):
    settings.setValue("last_folder", str(tmp_path))
    exporter, _ = exporter_for(qtbot, settings, two[:1])
    offered = {}

    def fake_dialog(parent, title, start, filters, selected):
        offered.update(start=start, selected=selected)
        return str(tmp_path / "ticket-1234"), exporter.filters()["md"]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_dialog))
    exporter.export()
    assert offered["start"] == str(tmp_path / "eop-spam-authfail-report.html")
    written = tmp_path / "ticket-1234.md"  # suffix added from the chosen filter
    assert written.read_text(encoding="utf-8") == render.to_markdown(two[0])
    assert settings.value("export/format") == "md"


def test_export_never_overwrites_a_message(qtbot, settings, samples: Path, tmp_path: Path):
    copy = tmp_path / "message.eml"
    shutil.copy(samples / "eop-spam-authfail.eml", copy)
    before = copy.read_bytes()
    reports = [analyze_path(copy)]
    exporter, _ = exporter_for(qtbot, settings, reports)
    assert not exporter.export_to(str(copy), "html")
    assert copy.read_bytes() == before
    assert "never overwritten" in (exporter.last_error or "")


def test_export_reports_a_write_error(qtbot, settings, two, tmp_path: Path) -> None:
    exporter, _ = exporter_for(qtbot, settings, two[:1])
    assert not exporter.export_to(str(tmp_path / "missing" / "r.html"), "html")
    assert "Cannot write" in (exporter.last_error or "")


def test_default_names(two) -> None:
    assert default_name(two[:1], "json") == "eop-spam-authfail-report.json"
    assert default_name(two, "html") == "fopegui-report.html"


def test_actions_follow_the_selection(qtbot, settings, two) -> None:
    selected: list = []
    parent = QWidget()
    qtbot.addWidget(parent)
    exporter = ReportExporter(parent, lambda: list(selected), settings)
    exporter.update_actions()
    assert not exporter.export_action.isEnabled()
    assert exporter.preview_dialog() is None
    selected.extend(two)
    exporter.update_actions()
    assert exporter.print_action.isEnabled()


def test_print_to_pdf(two, tmp_path: Path, qapp) -> None:
    from PySide6.QtPrintSupport import QPrinter

    pdf = tmp_path / "report.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(pdf))
    print_reports(two, printer)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    assert len(data) > 5000
    assert (
        data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type/Page") >= 2
    )  # two messages' headers do not fit on one page


def test_document_holds_the_report_text(two, qapp) -> None:
    text = report_document(two).toPlainText()
    assert "【請求書】ご確認ください" in text
    assert "Image links to remote sites" in text


def test_print_preview_renders_pages(qtbot, settings, two) -> None:
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    exporter, _ = exporter_for(qtbot, settings, two)
    dialog = exporter.preview_dialog()
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.show()
    preview = dialog.findChild(QPrintPreviewWidget)
    preview.updatePreview()
    qtbot.waitUntil(lambda: preview.pageCount() >= 2)
    dialog.close()


def test_window_exports_the_selected_messages(window, samples: Path, tmp_path: Path) -> None:
    assert not window.exporter.export_action.isEnabled()  # nothing loaded yet
    names = ["eop-spam-authfail.eml", "fope-spam-customspam.eml"]
    window.open_paths([str(samples / n) for n in names], background=False)
    assert window.exporter.export_action.isEnabled()
    file_actions = window.menuBar().actions()[0].menu().actions()
    for action in (window.exporter.export_action, window.exporter.print_action):
        assert action in file_actions
    assert [Path(r.path).name for r in window.selected_reports()] == [names[0]]
    window.message_list.selectAll()
    assert sorted(Path(r.path).name for r in window.selected_reports()) == sorted(names)
    assert window.exporter.export_to(str(tmp_path / "both.json"), "json")
    data = json.loads((tmp_path / "both.json").read_text(encoding="utf-8"))
    assert sorted(Path(d["source"]["path"]).name for d in data) == sorted(names)
