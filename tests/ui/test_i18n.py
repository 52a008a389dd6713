"""Translations (issue 8): the committed .ts covers every UI string, the .qm matches it, the
app starts in Japanese (its own texts, the core's and Qt's), and the fonts have every glyph."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, QTranslator
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLabel, QWizard

from fopegui.ui import settings as store
from fopegui.ui.app import choose_language, create_app, main, system_language

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "resources" / "i18n" / "fopegui_ja.ts"
QM = REPO / "resources" / "i18n" / "fopegui_ja.qm"
UPDATE = "run scripts/update-translations and translate what it adds"

Key = tuple[str, str, str]  # (context, source, disambiguation comment)


def read_ts(path: Path) -> dict[Key, tuple[str, str]]:
    """(context, source, comment) → (translation, its type attribute) of every message."""
    messages = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            key = (name, message.findtext("source", ""), message.findtext("comment", ""))
            messages[key] = (translation.text or "", translation.get("type", ""))
    return messages


def run_lupdate(out: Path) -> None:
    """pyside6-lupdate over the UI sources (through PySide6's own wrapper, as the script)."""
    sources = sorted(str(p) for p in (REPO / "fopegui" / "ui").glob("*.py"))
    tool = "import sys; from PySide6.scripts.pyside_tool import lupdate; lupdate()"
    result = subprocess.run(
        [sys.executable, "-c", tool, "-locations", "none", *sources, "-ts", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def committed() -> dict[Key, tuple[str, str]]:
    return read_ts(TS)


@pytest.fixture
def japanese(qapp) -> Iterator[None]:
    """The app in Japanese for one test; English (no translators, plain font) afterwards."""
    create_app(lang="ja")
    yield
    create_app(lang="en")


# -- the .ts and the .qm ------------------------------------------------------------------


def test_every_ui_string_is_in_the_committed_ts(tmp_path, committed) -> None:
    fresh = tmp_path / "fresh.ts"
    run_lupdate(fresh)
    current = set(read_ts(fresh))
    assert len(current) > 300  # lupdate really read the sources
    missing = sorted(current - set(committed))
    assert not missing, f"UI strings missing from {TS.name} ({UPDATE}):\n" + "\n".join(
        f"  [{c}] {s!r}" for c, s, _ in missing
    )
    stale = sorted(set(committed) - current)
    assert not stale, f"{TS.name} has strings no longer in the UI ({UPDATE}): {stale}"


def test_every_japanese_translation_is_finished(committed) -> None:
    bad = [
        (key, kind or "empty")
        for key, (text, kind) in committed.items()
        if not text.strip() or kind in ("unfinished", "vanished", "obsolete")
    ]
    assert not bad, "untranslated or unfinished:\n" + "\n".join(f"  {k} {w}" for k, w in bad)
    assert 'type="unfinished"' not in TS.read_text(encoding="utf-8")


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"\{[^{}]*\}|%[0-9vm]", text))


def test_placeholders_and_accelerators_are_kept(committed) -> None:
    wrong = []
    for (context, source, _), (text, _kind) in committed.items():
        if _placeholders(source) != _placeholders(text):
            wrong.append(f"[{context}] {source!r}: placeholders {_placeholders(text)}")
        accelerator = re.search(r"&([^&\s])", source.replace("&&", ""))
        if accelerator and not re.search(r"\(&[A-Z]\)|^&", text):
            wrong.append(f"[{context}] {source!r}: no accelerator in {text!r}")
    assert not wrong, "\n".join(wrong)


def test_committed_qm_matches_the_ts(qapp, committed) -> None:
    translator = QTranslator()
    assert translator.load(str(QM)), f"cannot load {QM}"
    outdated = [
        key
        for key, (text, _kind) in committed.items()
        if translator.translate(key[0], key[1], key[2] or None) != text
    ]
    assert not outdated, f"{QM.name} is older than {TS.name} ({UPDATE}): {outdated[:10]}"


# -- the app in Japanese ------------------------------------------------------------------


def test_main_window_in_japanese(qtbot, settings, samples, japanese) -> None:
    from fopegui.ui.main_window import MainWindow

    window = MainWindow(settings=settings, lang="ja")
    qtbot.addWidget(window)
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles[0] == "ファイル(&F)"
    assert "ヘルプ(&H)" in titles
    assert window.tabs.tabText(0) == "ヘッダー"
    window.open_paths([str(samples / "fope-spam-customspam.eml")], background=False)
    # The verdict is the core's language-free text, rendered by the UI's text service in the
    # window's language; Qt's own translation says "Next step".
    assert "方法 1" in window.banner.summary.text()
    assert window.banner.whose.text().startswith("これは受信側 (あなた) のフィルターの判定です")
    assert window.banner.next_step.text().startswith("次の手順: ")
    assert window.banner.codes.text().startswith("判定要因: ASF オプション · ")
    # The reputation tab finds the core's reputation findings by their KB code.
    assert window.reputation_tab.findings.rowCount() >= 1


def test_qt_dialogs_are_translated(qtbot, japanese) -> None:
    wizard = QWizard()
    qtbot.addWidget(wizard)
    wizard.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "次へ(&N) >"
    assert wizard.buttonText(QWizard.WizardButton.CancelButton) == "キャンセル"
    dialog = QFileDialog()
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    texts = [b.text() for b in buttons.buttons()]
    assert "開く(&O)" in texts and "キャンセル" in texts, texts


def test_english_has_no_translators(qtbot, japanese) -> None:
    create_app(lang="en")
    wizard = QWizard()
    qtbot.addWidget(wizard)
    wizard.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
    assert wizard.buttonText(QWizard.WizardButton.NextButton) == "&Next >"


def test_japanese_text_has_glyphs_in_the_app_font(qtbot, committed, japanese) -> None:
    used = sorted({ch for text, _ in committed.values() for ch in text if ch.isprintable()})
    label = QLabel("".join(used))
    qtbot.addWidget(label)
    label.show()
    assert not label.grab().isNull()
    metrics = QFontMetrics(label.font())  # the app font with Qt's fallbacks, as drawn
    missing = [ch for ch in used if not ch.isspace() and not metrics.inFontUcs4(ord(ch))]
    assert not missing, (
        "no font has these characters (install a Japanese font, e.g. Debian fonts-noto-cjk; "
        f"docs/I18N.md): {''.join(missing)}"
    )


def test_screenshot_in_japanese(qapp, samples, tmp_path, japanese) -> None:
    out = tmp_path / "ja.png"
    file = str(samples / "fope-spam-customspam.eml")
    assert main(["--screenshot", str(out), "--lang", "ja", "--tab", "received", file]) == 0
    assert out.stat().st_size > 0


# -- which language -----------------------------------------------------------------------


def test_system_locale_decides_when_the_setting_is_system(settings: QSettings) -> None:
    store.set_language(settings, "")  # Settings ▸ General ▸ Language: System
    assert choose_language(None, settings, QLocale("ja_JP")) == "ja"
    assert choose_language(None, settings, QLocale("en_US")) == "en"
    assert choose_language(None, settings, QLocale("de_DE")) == "en"  # no German: English
    assert system_language(QLocale("ja_JP")) == "ja"


def test_setting_overrides_the_system_and_lang_overrides_the_setting(settings) -> None:
    store.set_language(settings, "en")
    assert choose_language(None, settings, QLocale("ja_JP")) == "en"
    store.set_language(settings, "ja")
    assert choose_language(None, settings, QLocale("en_US")) == "ja"
    assert choose_language("en", settings, QLocale("ja_JP")) == "en"
    store.set_language(settings, "en")
    assert choose_language("ja", settings, QLocale("en_US")) == "ja"


def test_settings_dialog_choice_is_what_start_up_reads(qtbot, settings) -> None:
    from fopegui.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("ja"))
    assert dialog.apply()
    assert choose_language(None, settings, QLocale("en_US")) == "ja"


def test_japanese_system_locale_from_the_environment(tmp_path) -> None:
    """A fresh process with LANG=ja_JP.UTF-8 (how a Japanese Linux desktop starts the app)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    code = "from fopegui.ui.app import system_language; print(system_language())"
    for lang, expected in (("ja_JP.UTF-8", "ja"), ("en_GB.UTF-8", "en"), ("C", "en")):
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=REPO,
            env={**env, "LANG": lang},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == expected, (lang, result.stdout)
