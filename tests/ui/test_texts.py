"""The UI's text service: one language for the core's texts, rendered where shown, so an open
report can be shown in Japanese without being parsed again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from fopegui.core import catalogue
from fopegui.core.model import Field, Finding
from fopegui.core.texts import Text, render
from fopegui.ui import texts
from fopegui.ui.models import OBJECT_ROLE, build_header_model

BILINGUAL = {"en": "Marked as spam", "ja": "スパムとしてマーク"}


def test_the_service_owns_one_language_and_says_when_it_changes(qapp) -> None:
    changes: list[str] = []
    texts.service().language_changed.connect(changes.append)
    try:
        assert texts.language() == "en"
        texts.set_language("en")  # no change, no signal
        texts.set_language("ja")
        assert texts.language() == "ja"
        texts.set_language("de")  # a language the catalogue has no texts for: English
        assert texts.language() == "en"
    finally:
        texts.service().language_changed.disconnect(changes.append)
    assert changes == ["ja", "en"]
    assert texts.LANGUAGES == catalogue.LANGUAGES


def test_tr_core_renders_every_kind_of_core_text(qapp) -> None:
    assert texts.tr_core(None) == ""
    assert texts.tr_core("<b>as in the header</b>") == "<b>as in the header</b>"
    assert texts.tr_core(BILINGUAL) == "Marked as spam"
    assert texts.tr_core(BILINGUAL, "ja") == "スパムとしてマーク"
    template = Text({"en": "{what} by {who}", "ja": "{who} による{what}"}, {"what": BILINGUAL})
    texts.set_language("ja")
    assert texts.tr_core(template) == "? によるスパムとしてマーク"  # a missing value reads "?"
    assert texts.tr_core(template, "en") == "Marked as spam by ?"


def test_catalogue_texts_fill_placeholders_the_cores_way(qapp) -> None:
    entry = catalogue.load("reputation_ui")["warn_method1"]
    filled = texts.catalogue_text("reputation_ui", "warn_method1", option="ASF X")
    assert filled == entry["en"].format(option="ASF X")
    # A forgotten value never raises in a view: it reads "?" (the core's Text).
    assert "?" in texts.catalogue_text("reputation_ui", "warn_method1", other="x")
    texts.set_language("ja")
    title = texts.catalogue_text("kb2590562", "texts", "title")
    assert title == catalogue.load("kb2590562")["texts"]["title"]["ja"]
    assert texts.dnsbl_message("status_listed", lang="en") == "listed"


def test_kb_codes_and_rule_sources_are_rendered(qapp) -> None:
    assert texts.kb_label("method2") == "KB2669119 Method 2"
    assert texts.kb_label(None) == ""
    texts.set_language("ja")
    assert texts.kb_label("method2") == "KB2669119 方法 2"
    title, url = texts.rule_source("ms-headers")
    assert title.startswith("Microsoft Learn: ") and "ヘッダー" in title
    assert url.startswith("https://learn.microsoft.com/")
    assert texts.rule_source(None) is None
    assert texts.report_label("inferred") == "推定"


def test_header_tree_renders_meanings_when_asked(qapp, report) -> None:
    forefront = report.headers[2]
    forefront.fields[1] = Field("SFV", "SPM", BILINGUAL, "problem")
    forefront.fields.append(Field("XYZ", "1", None, "info", undocumented=True))
    model = build_header_model(report, grouped=False)
    sfv = model.index(1, 2, model.index(2, 0))
    unknown = model.index(3, 2, model.index(2, 0))
    assert sfv.data() == "Marked as spam"
    assert unknown.data() == "(not documented)"
    texts.set_language("ja")
    assert sfv.data() == "スパムとしてマーク"  # the same item, asked again
    assert model.index(2, 0).data(OBJECT_ROLE) is forefront


def test_the_open_report_is_shown_in_japanese_without_parsing_again(window, samples: Path) -> None:
    window.open_paths([str(samples / "eop-spam-authfail.eml")], background=False)
    report = window.current_report()
    verdict = report.verdict
    banner = window.banner
    assert banner.summary.text() == render(verdict.summary, "en")
    tab = window.headers_tab
    forefront = next(h for h in report.headers if h.key == "x-forefront-antispam-report")
    assert tab.select_header(forefront.name)
    sfv_row = [f.key for f in forefront.fields].index("SFV")
    sfv = tab.proxy.index(sfv_row, 2, tab.tree.currentIndex())
    assert sfv.data() == render(forefront.fields[sfv_row].meaning, "en")
    assert render(forefront.description, "en") in tab.detail.toPlainText()
    reputation = window.reputation_tab
    english_findings = reputation.finding_titles()
    listed = window.sorted_messages.index(0, 0)

    texts.set_language("ja")

    assert window.current_report() is report  # the same Report object: nothing re-parsed
    assert banner.summary.text() == render(verdict.summary, "ja")
    assert banner.whose.text() == render(verdict.whose, "ja")
    assert banner.next_step.text().endswith(render(verdict.next_step, "ja"))
    assert banner.findings.item(0).text() in {render(f.title, "ja") for f in report.findings}
    assert sfv.data() == render(forefront.fields[sfv_row].meaning, "ja")
    assert render(forefront.description, "ja") in tab.detail.toPlainText()
    assert tab.tree.currentIndex().data(OBJECT_ROLE) is forefront  # selection kept
    japanese_findings = reputation.finding_titles()
    assert len(japanese_findings) == len(english_findings)
    assert japanese_findings != english_findings
    assert any(any(ord(c) > 0x3000 for c in t) for t in japanese_findings)
    tooltip = listed.data(Qt.ItemDataRole.ToolTipRole)
    assert render(verdict.summary, "ja")[:20] in tooltip

    texts.set_language("en")
    assert banner.summary.text() == render(verdict.summary, "en")
    assert reputation.finding_titles() == english_findings


def test_a_finding_shown_in_the_detail_pane_follows_the_language(window, report) -> None:
    finding = Finding("asf", "problem", BILINGUAL, {"en": "Why", "ja": "理由"}, None, "method1")
    window.headers_tab.detail.show_finding(finding)
    assert window.headers_tab.detail.toPlainText().startswith("Marked as spam")
    assert "KB2669119 Method 1" in window.headers_tab.detail.toPlainText()
    texts.set_language("ja")
    text = window.headers_tab.detail.toPlainText()
    assert text.startswith("スパムとしてマーク") and "理由" in text and "方法 1" in text
