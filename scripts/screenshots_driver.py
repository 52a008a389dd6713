"""Make the pictures in docs/screenshots from the current code: every tab, wizard page and
settings page, in English and Japanese. Run it through ``scripts/screenshots``, which sets
up .venv and runs Qt offscreen.

    scripts/screenshots [--out DIR] [--list] [NAME...]     (NAME: shell patterns, e.g. 'ja-*')

Each picture is one row of SHOTS: its file name, its language, and how to reach it (a recipe
and the recipe's arguments). When the UI changes, change a row or a recipe. Plain tabs go
through the app's own ``fopegui --screenshot``; wizards, dialogs and live DNS checks are
driven here through the widgets' public methods, against the tests' local unbound
(tests/dns_server.py): the pictures show the same results on every machine, and a guard
stops anything from being sent beyond 127.0.0.1.
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # tests.dns_server, and fopegui itself without an install

OUT = REPO / "docs" / "screenshots"
# Relative to the repository (the scripts run there), so no local path shows in a picture.
CUSTOMSPAM = "tests/data/samples/fope-spam-customspam.eml"
AUTHFAIL = "tests/data/samples/eop-spam-authfail.eml"
NDR = "tests/data/samples/ndr-backscatterer.eml"
NDR_BARRACUDA = "tests/data/ndr/fope-barracuda.eml"
NDR_SPAMHAUS = "tests/data/ndr/eop-spamhaus.eml"
LISTED_SENDER = "tests/data/reputation/listed-sender.eml"
EDGE_HOST = "TX2EHSOBE006.bigfish.com"
SKEW = "tests/data/shapes/list-inbound-custom-folder.eml"
MSG_NO_HEADERS = "tests/data/msg/RtfWithShortRussianString.msg"
LARGE = (1400, 900)  # the size of `fopegui --screenshot`
SMALL = (1024, 640)  # a small laptop screen: every tab must still read
# The fixture's zones the pictures check: one of each outcome.
CHECK_ZONES = ("listed.test", "clean.test", "error.test", "timeout.test", "servfail.test",
               "refused.test")  # fmt: skip
WAIT_MS = 15_000


@dataclass(frozen=True)
class Shot:
    name: str  # docs/screenshots/NAME.png
    lang: str
    recipe: str  # a function of this module, see RECIPES
    args: dict[str, Any] = field(default_factory=dict)


def _both(name: str, recipe: str, en_name: str | None = None, **args: Any) -> list[Shot]:
    """The same picture in English (``en_name``, default ``name``) and Japanese (ja-NAME)."""
    return [Shot(en_name or name, "en", recipe, args), Shot(f"ja-{name}", "ja", recipe, args)]


SHOTS: list[Shot] = [
    # Main window, one per tab (the app's own --screenshot).
    *(
        shot
        for tab in ("headers", "received", "raw", "blacklist", "reputation")
        for shot in _both(
            tab, "app_tab", f"fope-spam-customspam-{tab}", tab=tab, files=[CUSTOMSPAM]
        )
    ),
    # The Headers and Received tabs in a small window (issue 14: readable at 1024×640); the
    # Received tab on a chain shaped like real mail, whose servers wrote four zones, with skew.
    *(
        shot
        for tab, file in (("headers", CUSTOMSPAM), ("received", SKEW))
        for shot in _both(f"{tab}-1024x640", "window_tab", tab=tab, files=[file], size=SMALL)
    ),
    *_both("received-skew", "window_tab", tab="received", files=[SKEW], size=LARGE),
    Shot("msg-without-headers", "en", "window_tab",
         {"tab": "headers", "files": [MSG_NO_HEADERS], "size": SMALL}),
    Shot(
        "reputation-before-check", "en", "app_tab", {"tab": "reputation", "files": [LISTED_SENDER]}
    ),
    *_both("reputation-checked", "reputation_check", files=[LISTED_SENDER]),
    # The Blacklist tab: an NDR's blocked IP on one zone of each outcome; the issue 12
    # walk-through (NDRs naming Barracuda and Spamhaus, a typed host name, a resolver that
    # hides listings) on the catalogue's lists — the lab's copies of their zones.
    Shot("blacklist-check", "en", "blacklist_check", {"files": [NDR], "zones": CHECK_ZONES}),
    *_both("blacklist-ndr-barracuda", "blacklist_check", files=[NDR_BARRACUDA]),
    *_both("blacklist-ndr-spamhaus", "blacklist_check", files=[NDR_SPAMHAUS]),
    Shot("blacklist-typed-host", "en", "blacklist_check", {"files": [], "target": EDGE_HOST}),
    Shot("blacklist-hiding-resolver", "en", "blacklist_check",
         {"files": [NDR_BARRACUDA], "resolver": "hiding"}),
    *_both("help", "help_box"),
    # View ▸ Language: the window built in the other language, then switched (issue 14).
    *_both("language-switched", "language_switch", files=[CUSTOMSPAM, AUTHFAIL, NDR]),
    # Tools ▸ Settings.
    Shot("blacklist-settings", "en", "settings", {"tab": 0}),
    *_both("settings-blacklists-tested", "settings", tab=0, test_resolver=True),
    Shot("settings-public-resolver", "en", "settings",
         {"tab": 0, "server": "8.8.8.8", "catalogue": True}),
    *_both("settings-general", "settings", tab=1),
    # Tools ▸ NDR from a blacklist… (KB2590562), page by page.
    *(
        shot
        for page, step in enumerate(("source", "edge", "lookup", "check", "result"))
        for shot in _both(
            f"kb2590562-{page + 1}-{step}", "kb2590562", page=page, file=NDR, others=True
        )
    ),
    *_both("kb2590562-barracuda-5-result", "kb2590562", page=4, file=NDR_BARRACUDA),
    *_both("kb2590562-spamhaus-5-result", "kb2590562", page=4, file=NDR_SPAMHAUS),
    Shot("kb2590562-typed-3-lookup", "en", "kb2590562", {"page": 2, "typed": EDGE_HOST}),
    Shot("kb2590562-hiding-5-result", "en", "kb2590562",
         {"page": 4, "file": NDR_BARRACUDA, "resolver": "hiding"}),
    # Tools ▸ Report a false positive…
    *_both("submission-1-confirm", "submission", page=0, file=AUTHFAIL),
    *_both("submission-1-method1-warning", "submission", page=0, file=CUSTOMSPAM),
    *_both("submission-2-destination", "submission", page=1, file=AUTHFAIL),
    *_both("submission-3-letter", "submission", page=2, file=AUTHFAIL),
    *_both("submission-4-saved", "submission", page=3, file=AUTHFAIL),
    # File ▸ Open folder / mailbox… (issue 16): the test messages, grouped by sending IP.
    *_both("triage", "triage", paths=["tests/data/samples", "tests/data/shapes"],
           group="sending_ip"),
]


# ---------------------------------------------------------------- the running pieces


class Studio:
    """What the in-process recipes share: the app, a local DNS server, a DNS worker."""

    def __init__(self) -> None:
        import pytest

        from tests.dns_server import UnboundProcess, guard_loopback

        self._monkeypatch = pytest.MonkeyPatch()
        guard_loopback(self._monkeypatch)
        self._unbound = UnboundProcess()
        self.dns = self._unbound.start()
        self._folder = Path(tempfile.mkdtemp(prefix="fopegui-screenshots-"))
        os.environ["FOPEGUI_SETTINGS_DIR"] = str(self._folder)  # never the user's settings
        self._worker: Any = None
        self._count = 0

    def app(self, lang: str) -> Any:
        from fopegui.ui.app import create_app

        return create_app(lang=lang)

    def worker(self) -> Any:
        from fopegui.ui.dns_worker import DnsWorker

        if self._worker is None:
            self._worker = DnsWorker()
        return self._worker

    def settings(
        self,
        zones: tuple[str, ...] = ("listed.test", "clean.test"),
        catalogue: bool = False,
        resolver: str = "main",
    ) -> Any:
        """Fresh settings: the local DNS server (``resolver``: its "main" or "hiding" face),
        the catalogue's lists as shipped (``catalogue``: the lab has copies of their zones) or
        none of them, and ``zones``."""
        from PySide6.QtCore import QSettings

        from fopegui.core.dnsbl_catalogue import lists
        from fopegui.ui import dns_settings

        self._count += 1
        settings = QSettings(
            str(self._folder / f"shot{self._count}.ini"), QSettings.Format.IniFormat
        )
        spec = self.dns.hiding_spec if resolver == "hiding" else self.dns.spec
        dns_settings.save_dns_settings(
            settings,
            nameserver_spec=spec,
            timeout=0.5,
            deadline=1.5,
            enabled={} if catalogue else {lst.zone: False for lst in lists()},
            zones=list(zones),
        )
        return settings

    def scratch(self) -> Path:
        """A folder whose name is the same on every run (it shows in the "saved" picture)."""
        path = Path(tempfile.gettempdir()) / "fopegui-screenshots"
        path.mkdir(exist_ok=True)
        return path

    def close(self) -> None:
        if self._worker is not None:
            self._worker.shutdown()
        self._unbound.stop()
        self._monkeypatch.undo()
        shutil.rmtree(self._folder, ignore_errors=True)
        shutil.rmtree(self.scratch(), ignore_errors=True)


def settle() -> None:
    """Let layouts, deferred resizes and queued signals finish before a grab."""
    from PySide6.QtWidgets import QApplication

    for _ in range(5):
        QApplication.processEvents()


def wait(signal: Any, start: Callable[[], object] = lambda: None, timeout_ms: int = WAIT_MS):
    """Call ``start`` and wait until ``signal`` fires (it may fire inside ``start``)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    fired: list[tuple] = []

    def done(*args: object) -> None:
        fired.append(args)
        loop.quit()

    signal.connect(done)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(timeout_ms)
    try:
        start()
        if not fired:
            loop.exec()
    finally:
        timer.stop()
        signal.disconnect(done)
    if not fired:
        raise TimeoutError(f"no {signal} within {timeout_ms} ms")
    return fired[0]


@contextmanager
def shown(widget: Any, size: tuple[int, int] | None = None) -> Iterator[Any]:
    if size:
        widget.resize(*size)
    widget.show()
    settle()
    try:
        yield widget
    finally:
        widget.close()
        widget.deleteLater()
        settle()


# ---------------------------------------------------------------- recipes


def app_tab(studio: Studio | None, shot: Shot) -> Any:
    """The app's own --screenshot: the main window with FILES loaded, on TAB."""
    from PySide6.QtGui import QImage

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory(prefix="fopegui-shot-") as folder:
        png = Path(folder) / f"{shot.name}.png"
        proc = subprocess.run(
            [sys.executable, "-m", "fopegui", "--screenshot", str(png), "--tab", shot.args["tab"],
             "--lang", shot.lang, *shot.args["files"]],
            cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        if proc.returncode != 0:
            raise RuntimeError(f"fopegui --screenshot failed ({proc.returncode}): {proc.stderr}")
        return QImage(str(png))


def window_tab(_studio: Studio | None, shot: Shot) -> Any:
    """The main window at SIZE with FILES loaded, on TAB: what `fopegui --screenshot` does,
    at any window size (its settings in a scratch folder)."""
    from PySide6.QtCore import QSettings

    from fopegui.ui.app import create_app
    from fopegui.ui.main_window import MainWindow

    create_app(lang=shot.lang)
    with tempfile.TemporaryDirectory(prefix="fopegui-shot-") as folder:
        before = os.environ.get("FOPEGUI_SETTINGS_DIR")
        os.environ["FOPEGUI_SETTINGS_DIR"] = folder  # never the user's settings
        try:
            ini = QSettings(str(Path(folder) / "shot.ini"), QSettings.Format.IniFormat)
            window = MainWindow(settings=ini, lang=shot.lang)
            window.resize(*shot.args["size"])
            window.open_paths(shot.args["files"], background=False)
            window.select_tab(shot.args["tab"])
            with shown(window, shot.args["size"]):
                return window.grab()
        finally:
            if before is None:
                os.environ.pop("FOPEGUI_SETTINGS_DIR", None)
            else:
                os.environ["FOPEGUI_SETTINGS_DIR"] = before


def _window(studio: Studio, shot: Shot) -> Any:
    from fopegui.ui.main_window import MainWindow

    window = MainWindow(settings=studio.settings(), lang=shot.lang)
    window.resize(*LARGE)
    window.open_paths(shot.args.get("files", [CUSTOMSPAM]), background=False)
    return window


def reputation_check(studio: Studio, shot: Shot) -> Any:
    """The main window on the Reputation tab after "Check now" against the local DNS."""
    window = _window(studio, shot)
    with shown(window):
        window.select_tab("reputation")
        settle()
        job = window.reputation_tab.check_now()
        wait(job.finished)
        settle()
        return window.grab()


def blacklist_check(studio: Studio, shot: Shot) -> Any:
    """The Blacklist tab on its own with FILES (or none), after a check of TARGET (default:
    the message's own targets) on ZONES of the lab (default: the catalogue's lists as
    shipped), through RESOLVER ("main" or "hiding")."""
    from fopegui.core.analyze import analyze_path
    from fopegui.ui.blacklist_tab import BlacklistTab

    zones = shot.args.get("zones")
    resolver = shot.args.get("resolver", "main")
    settings_ = studio.settings((), catalogue=zones is None, resolver=resolver)
    tab = BlacklistTab(settings=settings_, worker=studio.worker())
    if zones is not None:
        tab.set_zones([studio.dns.zone_list(zone) for zone in zones])
    files = shot.args["files"]
    tab.set_report(analyze_path(files[0]) if files else None)
    with shown(tab, (1300, 720)):
        wait(tab.checkFinished, lambda: tab.check(shot.args.get("target")))
        settle()
        return tab.grab()


def language_switch(studio: Studio, shot: Shot) -> Any:
    """The main window built in the other language with FILES, the second one selected, then
    switched to the picture's language through View ▸ Language (no restart)."""
    from fopegui.ui.language import apply_language

    apply_language("en" if shot.lang == "ja" else "ja")
    window = _window(studio, replace(shot, lang="en" if shot.lang == "ja" else "ja"))
    with shown(window):
        window.message_list.selectRow(1)
        wait(window.languageSwitched, window.language_actions[shot.lang].trigger)
        settle()
        return window.grab()


def help_box(studio: Studio, shot: Shot) -> Any:
    """Help ▸ Help (F1): a dialog over the main window."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    window = _window(studio, shot)
    grabbed: list[Any] = []

    def grab_box(tries: int = 100) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QDialog):
            settle()
            grabbed.append(box.grab())
            box.done(0)
        elif tries:
            QTimer.singleShot(20, lambda: grab_box(tries - 1))

    with shown(window):
        QTimer.singleShot(0, grab_box)
        window.show_help()  # returns when grab_box has closed the box
    if not grabbed:
        raise RuntimeError("the help box did not open")
    return grabbed[0]


def settings(studio: Studio, shot: Shot) -> Any:
    """Tools ▸ Settings on page TAB (the catalogue's lists on when CATALOGUE); SERVER typed
    as the resolver; the resolver test run first when TEST_RESOLVER."""
    from fopegui.ui.settings_dialog import SettingsDialog

    zones = ("listed.test", "clean.test", "refused.test")
    catalogue = shot.args.get("catalogue", False)  # the catalogue's lists as shipped
    dialog = SettingsDialog(studio.settings(zones, catalogue=catalogue), studio.worker())
    with shown(dialog, (980, 640)):
        dialog.tabs.setCurrentIndex(shot.args["tab"])
        if shot.args.get("server"):  # typed only: nothing is asked of it
            dialog.custom_radio.setChecked(True)
            dialog.server_edit.setText(shot.args["server"])
        if shot.args.get("test_resolver"):
            wait(dialog.sanityDone, dialog.test_resolver)
            dialog.table.scrollToBottom()  # the user's zones, with the test's verdicts
        settle()
        return dialog.grab()


def kb2590562(studio: Studio, shot: Shot) -> Any:
    """Tools ▸ NDR from a blacklist…, walked with FILE (or a TYPED host name) to PAGE (0 = the
    first) through RESOLVER; OTHERS ticks "Also check the other enabled lists" (the user's
    zones: one of each outcome). The lab's listing zone stands in for Backscatterer, the
    KB's list when the NDR names none."""
    from fopegui.ui.kb2590562_wizard import Kb2590562Wizard

    settings_ = studio.settings(
        ("clean.test", "refused.test"), resolver=shot.args.get("resolver", "main")
    )
    backscatterer = replace(studio.dns.zone_list("listed.test"), name="Backscatterer (test)")
    wizard = Kb2590562Wizard(
        settings_, studio.worker(), lang=shot.lang, backscatterer=backscatterer
    )
    # The DNS pages work as they open: wait for that work, not just for the page.
    waits = {2: wizard.lookupDone, 3: wizard.checkDone}
    wizard.check_page.others.setChecked(shot.args.get("others", False))
    with shown(wizard):
        if shot.args.get("typed"):
            wizard.source_page.host_edit.setText(shot.args["typed"])
        elif not wizard.source_page.load_file(shot.args["file"]):
            raise RuntimeError(f"the wizard cannot read {shot.args['file']}")
        for page in range(1, shot.args["page"] + 1):
            if page in waits:
                wait(waits[page], wizard.next)
            else:
                wizard.next()
            if wizard.currentId() != page:
                raise RuntimeError(f"the wizard stayed on page {wizard.currentId()}")
        settle()
        return wizard.grab()


def submission(studio: Studio, shot: Shot) -> Any:
    """Tools ▸ Report a false positive… for FILE, on PAGE; the draft saved on the last page."""
    from fopegui.core.analyze import analyze_path
    from fopegui.ui.submission_wizard import SubmissionWizard

    report = analyze_path(shot.args["file"])
    wizard = SubmissionWizard(report, studio.settings(), shot.lang)
    with shown(wizard):
        for _ in range(shot.args["page"]):
            wizard.next()
        if wizard.currentId() != shot.args["page"]:
            raise RuntimeError(f"the wizard stayed on page {wizard.currentId()}")
        if wizard.currentPage() is wizard.output:
            stem = f"false-positive-{Path(shot.args['file']).stem}"
            draft = studio.scratch() / f"{stem}.eml"
            if not wizard.save_to(draft):
                raise RuntimeError(f"the draft was not saved to {draft}")
            if not wizard.save_graph_to(studio.scratch() / f"{stem}.json"):
                raise RuntimeError("the Graph request was not saved")
        settle()
        return wizard.grab()


def triage(studio: Studio, shot: Shot) -> Any:
    """File ▸ Open folder / mailbox… on PATHS, grouped by GROUP, with the first group chosen."""
    window = _window(studio, shot)
    view = window.show_triage()
    view.resize(1300, 800)
    with shown(view):
        view.group_combo.setCurrentIndex(view.group_combo.findData(shot.args.get("group", "")))
        wait(view.finished, lambda: view.start(shot.args["paths"], jobs=1))
        settle()
        return view.grab()


# Recipes that need no DNS server (the others share a Studio).
NO_STUDIO = ("app_tab", "window_tab")
RECIPES: dict[str, Callable[..., Any]] = {
    f.__name__: f
    for f in (app_tab, window_tab, reputation_check, blacklist_check, language_switch,
              help_box, settings,
              kb2590562, submission, triage)
}


# ---------------------------------------------------------------- main


def same_pixels(path: Path, image: Any) -> bool:
    """Whether the PNG at ``path`` already shows exactly ``image``."""
    from PySide6.QtGui import QImage

    if not path.is_file():
        return False
    argb = QImage.Format.Format_ARGB32
    return QImage(str(path)).convertToFormat(argb) == image.convertToFormat(argb)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="scripts/screenshots", description=__doc__.split("\n")[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help="only these (shell patterns)")
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder (default {OUT})")
    parser.add_argument("--list", action="store_true", help="list the pictures and exit")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    chosen = [
        s for s in SHOTS if not args.names or any(fnmatch.fnmatch(s.name, n) for n in args.names)
    ]
    if args.list:
        for s in chosen:
            print(f"{s.name:38} {s.lang}  {s.recipe} {s.args}")
        return 0
    if not chosen:
        print(f"scripts/screenshots: no picture matches {args.names}", file=sys.stderr)
        return 2
    args.out = args.out.resolve()
    os.chdir(REPO)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    args.out.mkdir(parents=True, exist_ok=True)
    studio: Studio | None = None
    failed = unchanged = 0
    try:
        for s in chosen:
            out = args.out / f"{s.name}.png"
            try:
                if s.recipe not in NO_STUDIO and studio is None:
                    studio = Studio()
                if studio is not None:
                    studio.app(s.lang)  # the language of this picture's widgets
                image = RECIPES[s.recipe](studio, s)
                if hasattr(image, "toImage"):  # QWidget.grab() gives a QPixmap
                    image = image.toImage()
                if same_pixels(out, image):
                    unchanged += 1  # rewriting it would change the PNG's bytes, not the picture
                    continue
                if not image.save(str(out), "PNG"):
                    raise RuntimeError(f"cannot write {out}")
                print(f"{out.relative_to(REPO) if out.is_relative_to(REPO) else out}")
            except Exception as exc:  # one broken recipe must not hide the others' results
                failed += 1
                print(f"scripts/screenshots: {s.name}: {exc}", file=sys.stderr)
    finally:
        if studio is not None:
            studio.close()
    print(f"scripts/screenshots: {len(chosen) - failed - unchanged} written, {unchanged} unchanged,"
          f" {failed} failed")  # fmt: skip
    if not args.names and args.out == OUT:
        made = {f"{s.name}.png" for s in SHOTS}
        for stale in sorted(p.name for p in OUT.glob("*.png") if p.name not in made):
            print(f"scripts/screenshots: {stale} is not made by this script", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
