"""Tools ▸ Settings: the blacklists to check, the resolver, and the interface language.

"Blacklists": every catalogue list (dead ones marked and off by default) plus the user's own
zones, each with an on/off box — a built-in list is switched off (and shown so), never
removed; a zone must be a DNS name. The resolver (system or IP[:PORT]) and its timeouts; a
well-known public resolver is warned about when lists that refuse public resolvers are on
(Spamhaus, Barracuda), live and again on OK. "Test resolver" asks every checked list for its
documented test points through the resolver being edited and says per list whether its
answers can be trusted, and why not; every check does the same (net.sanity) and reuses this
session's verdicts. "General": the language. Stored through :mod:`fopegui.ui.dns_settings`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fopegui.core import dnsbl_catalogue as cat
from fopegui.core.dnsbl_catalogue import DnsblList
from fopegui.core.targets import is_zone_name
from fopegui.net import dnsbl
from fopegui.net.dnsbl import SanityResult
from fopegui.net.resolver import ResolverConfig, parse_nameserver
from fopegui.ui import dns_settings, texts
from fopegui.ui import severity as sev
from fopegui.ui.dns_worker import DnsJob, DnsWorker, WorkerSource
from fopegui.ui.models import plain_tooltip
from fopegui.ui.tables import setup_readonly_table
from fopegui.ui.widgets import plain_label

COL_ON, COL_NAME, COL_ZONE, COL_STATUS, COL_TEST, COL_NOTES = range(6)


def _message_label(name: str, severity: str) -> QLabel:
    """A hidden plain-text line in the colour of ``severity``."""
    label = plain_label(selectable=False)
    label.setObjectName(name)
    label.setStyleSheet(f"color: {sev.accent(severity).name()};")
    label.hide()
    return label
ZONE_ROLE = Qt.ItemDataRole.UserRole + 1


class SettingsDialog(QDialog):
    sanityDone = Signal(object)  # {zone: SanityResult}

    def __init__(
        self,
        settings: QSettings,
        worker: DnsWorker | Callable[[], DnsWorker] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.settings = settings
        self._workers = WorkerSource(self, worker)
        self._job: DnsJob | None = None
        self._lists: dict[str, DnsblList] = {}
        self._warned_spec: str | None = None  # the public resolver OK was pressed for once
        self.tabs = QTabWidget()
        self.tabs.addTab(self._blacklists_page(), self.tr("Blacklists"))
        self.tabs.addTab(self._general_page(), self.tr("General"))
        self.error = _message_label("settingsError", "problem")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(980, 640)
        self._load()

    # -- pages ----------------------------------------------------------------------------

    def _blacklists_page(self) -> QWidget:
        page = QWidget()
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("listsTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("On"),
                self.tr("Name"),
                self.tr("Zone"),
                self.tr("Status"),
                self.tr("Resolver test"),
                self.tr("Notes"),
            ]
        )
        setup_readonly_table(self.table, (40, 150, 190, 110, 200))
        self.table.itemChanged.connect(self._item_changed)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.zone_edit = QLineEdit()
        self.zone_edit.setObjectName("newZone")
        self.zone_edit.setPlaceholderText(self.tr("your.zone.example"))
        self.zone_edit.returnPressed.connect(lambda: self.add_zone(self.zone_edit.text()))
        add = QPushButton(self.tr("Add zone"))
        add.clicked.connect(lambda: self.add_zone(self.zone_edit.text()))
        self.remove_button = QPushButton(self.tr("Remove zone"))
        self.remove_button.clicked.connect(self.remove_selected_zone)
        zones = QHBoxLayout()
        zones.addWidget(QLabel(self.tr("Your own zone:")))
        zones.addWidget(self.zone_edit, 1)
        zones.addWidget(add)
        zones.addWidget(self.remove_button)

        self.system_radio = QRadioButton(self.tr("System default"))
        self.custom_radio = QRadioButton(self.tr("This server (IP or IP:PORT):"))
        self.server_edit = QLineEdit()
        self.server_edit.setObjectName("nameserver")
        self.server_edit.setPlaceholderText("127.0.0.1:53")
        self.server_edit.textEdited.connect(lambda _t: self.custom_radio.setChecked(True))
        self.server_edit.textChanged.connect(self._update_public_warning)
        self.custom_radio.toggled.connect(self._update_public_warning)
        self.public_warning = _message_label("publicResolverWarning", "warning")
        self.timeout_spin = self._seconds()
        self.deadline_spin = self._seconds()
        self.test_button = QPushButton(self.tr("Test resolver"))
        self.test_button.setObjectName("testResolver")
        self.test_button.clicked.connect(self.test_resolver)
        self.test_status = QLabel()
        self.test_status.setTextFormat(Qt.TextFormat.PlainText)
        self.test_status.setWordWrap(True)
        server = QHBoxLayout()
        server.addWidget(self.system_radio)
        server.addWidget(self.custom_radio)
        server.addWidget(self.server_edit, 1)
        form = QFormLayout()
        form.addRow(self.tr("Resolver:"), server)
        form.addRow("", self.public_warning)
        form.addRow(self.tr("Timeout per question:"), self.timeout_spin)
        form.addRow(self.tr("Deadline for a whole check:"), self.deadline_spin)
        test = QHBoxLayout()
        test.addWidget(self.test_button)
        test.addWidget(self.test_status, 1)
        note = QLabel(
            self.tr(
                "Many lists refuse public resolvers (Google, Cloudflare …) and answer them "
                "with error codes: use your own resolver, and run the test to see which lists "
                "you can trust from here."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.table, 1)
        layout.addLayout(zones)
        layout.addLayout(form)
        layout.addLayout(test)
        layout.addWidget(note)
        return page

    def _seconds(self) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(dns_settings.MIN_TIMEOUT_S, dns_settings.MAX_TIMEOUT_S)
        spin.setDecimals(1)
        spin.setSingleStep(0.5)
        spin.setSuffix(self.tr(" s"))
        return spin

    def _general_page(self) -> QWidget:
        page = QWidget()
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem(self.tr("System"), "")
        self.language.addItem("English", "en")
        self.language.addItem("日本語", "ja")
        note = QLabel(self.tr("The window switches when you press OK (also in View ▸ Language)."))
        form = QFormLayout(page)
        form.addRow(self.tr("Language:"), self.language)
        form.addRow("", note)
        return page

    # -- loading and saving ---------------------------------------------------------------

    def _load(self) -> None:
        s = self.settings
        self.table.setRowCount(0)
        for lst in dns_settings.all_lists_from_settings(s):
            self._add_row(lst)
        spec = dns_settings.nameserver(s)
        self.server_edit.setText(spec)
        (self.custom_radio if spec else self.system_radio).setChecked(True)
        self.timeout_spin.setValue(dns_settings.timeout_s(s))
        self.deadline_spin.setValue(dns_settings.deadline_s(s))
        index = self.language.findData(dns_settings.language(s))
        self.language.setCurrentIndex(max(0, index))
        self._update_public_warning()

    def _add_row(self, lst: DnsblList) -> None:
        self._lists[lst.zone] = lst
        row = self.table.rowCount()
        self.table.insertRow(row)
        on = QTableWidgetItem()
        on.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        on.setCheckState(Qt.CheckState.Checked if lst.enabled else Qt.CheckState.Unchecked)
        on.setData(ZONE_ROLE, lst.zone)
        on.setToolTip(self.tr("Check this list"))
        if lst.custom:
            status, severity = self.tr("your own zone"), "info"
        elif lst.dead:
            status, severity = self.tr("dead — off by default"), "warning"
        else:
            status, severity = self.tr("alive"), "ok"
        cells = [on, QTableWidgetItem(lst.name), QTableWidgetItem(lst.zone)]
        status_item = QTableWidgetItem(sev.icon(severity), status)
        note = texts.tr_core(lst.notes)  # the catalogue's note on the list
        cells += [status_item, QTableWidgetItem(""), QTableWidgetItem(note)]
        cells[COL_NOTES].setToolTip(plain_tooltip(note))
        self.table.blockSignals(True)
        for column, item in enumerate(cells):
            self.table.setItem(row, column, item)
        self.table.blockSignals(False)
        self._paint(row)

    def _paint(self, row: int) -> None:
        """Off (or dead) lists in grey, so that switching one off shows."""
        on = self.table.item(row, COL_ON).checkState() == Qt.CheckState.Checked
        dead = self._lists[self.zone_of(row)].dead
        colour = sev.accent("unknown") if dead or not on else None
        self.table.blockSignals(True)
        for column in range(COL_NAME, self.table.columnCount()):
            item = self.table.item(row, column)
            if colour is None:
                item.setData(Qt.ItemDataRole.ForegroundRole, None)
            else:
                item.setForeground(colour)
        self.table.blockSignals(False)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == COL_ON:
            self._paint(item.row())
            self._update_public_warning()

    def _selection_changed(self) -> None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        builtin = any(not self._lists[self.zone_of(r)].custom for r in rows)
        self.remove_button.setText(
            self.tr("Switch off list") if builtin else self.tr("Remove zone")
        )

    def zone_of(self, row: int) -> str:
        return self.table.item(row, COL_ON).data(ZONE_ROLE)

    def row_of(self, zone: str) -> int:
        zone = cat.normalise_zone(zone)
        return next((r for r in range(self.table.rowCount()) if self.zone_of(r) == zone), -1)

    def set_enabled(self, zone: str, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        self.table.item(self.row_of(zone), COL_ON).setCheckState(state)

    def enabled_zones(self) -> dict[str, bool]:
        return {
            self.zone_of(r): self.table.item(r, COL_ON).checkState() == Qt.CheckState.Checked
            for r in range(self.table.rowCount())
        }

    def add_zone(self, text: str) -> bool:
        zone = cat.normalise_zone(text)
        if not is_zone_name(zone):
            self._show_error(
                self.tr(
                    "“{zone}” is not a DNS zone name (such as bl.example.org): a blacklist is "
                    "asked by name, not by IP address."
                ).format(zone=text)
            )
            return False
        if zone in self._lists:
            self.set_enabled(zone, True)
        else:
            self._add_row(cat.custom_list(zone))
        self.zone_edit.clear()
        self.error.hide()
        return True

    def remove_selected_zone(self) -> None:
        """Remove the user's own zones; switch built-in lists off (they stay, shown off)."""
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        switched: list[str] = []
        for row in rows:
            zone = self.zone_of(row)
            if self._lists[zone].custom:
                del self._lists[zone]
                self.table.removeRow(row)
            else:
                self.set_enabled(zone, False)
                switched.append(self._lists[zone].name)
        if switched:
            self._show_error(
                self.tr(
                    "Built-in lists are switched off, not removed: {names} will not be asked. "
                    "Tick it again to switch it back on."
                ).format(names=", ".join(sorted(switched))),
                "info",
            )

    def custom_zones(self) -> list[str]:
        return [z for z, lst in self._lists.items() if lst.custom]

    def resolver_spec(self) -> str:
        return self.server_edit.text().strip() if self.custom_radio.isChecked() else ""

    def edited_config(self) -> ResolverConfig | None:
        """The resolver as edited (not yet saved); None and a message when it is invalid."""
        spec = self.resolver_spec()
        if self.custom_radio.isChecked() and not spec:
            self._show_error(self.tr("Type the resolver's IP address, or choose the system one."))
            return None
        try:
            if spec:
                parse_nameserver(spec)
            return ResolverConfig.from_spec(
                spec, self.timeout_spin.value(), self.deadline_spin.value()
            )
        except ValueError as exc:
            self._show_error(str(exc))
            return None

    def public_resolver_warning(self) -> str:
        """What to say when the resolver is a well-known public one that lists switched on
        refuse (Spamhaus answers it with error codes; Barracuda only registered resolvers)."""
        spec = self.resolver_spec()
        try:
            server = parse_nameserver(spec)[0] if spec else None
        except ValueError:
            return ""
        operator = cat.public_resolver(server)
        if not operator:
            return ""
        on = self.enabled_zones()
        refusing = cat.refusing_lists([lst for zone, lst in self._lists.items() if on.get(zone)])
        if not refusing:
            return ""
        return self.tr(
            "{server} is a public resolver ({operator}). {lists} refuse queries from public "
            "resolvers: through it their answers are errors or nothing, never a result. Use "
            "your own resolver for these lists."
        ).format(server=server, operator=operator, lists=", ".join(lst.name for lst in refusing))

    def _update_public_warning(self, *_args: object) -> None:
        text = self.public_resolver_warning()
        self.public_warning.setText(text)
        self.public_warning.setVisible(bool(text))

    def apply(self) -> bool:
        """Validate and store. False (and a message) when the resolver is invalid, or the
        first time OK is pressed with a public resolver that lists switched on refuse."""
        if self.edited_config() is None:
            return False
        warning = self.public_resolver_warning()
        if warning and self._warned_spec != self.resolver_spec():
            self._warned_spec = self.resolver_spec()
            self._show_error(
                warning + " " + self.tr("Press OK again to save it anyway."), "warning"
            )
            return False
        dns_settings.save_dns_settings(
            self.settings,
            nameserver_spec=self.resolver_spec(),
            timeout=self.timeout_spin.value(),
            deadline=max(self.deadline_spin.value(), self.timeout_spin.value()),
            enabled=self.enabled_zones(),
            zones=self.custom_zones(),
        )
        dns_settings.set_language(self.settings, self.language.currentData())
        self.settings.sync()
        self.error.hide()
        return True

    def accept(self) -> None:
        if self.apply():
            super().accept()

    def done(self, result: int) -> None:
        self._cancel()
        self._workers.shutdown_own()
        super().done(result)

    def _show_error(self, text: str, severity: str = "problem") -> None:
        self.error.setText(text)
        self.error.setStyleSheet(f"color: {sev.accent(severity).name()};")
        self.error.show()

    # -- resolver test --------------------------------------------------------------------

    def _worker(self) -> DnsWorker:
        return self._workers.get()

    def test_resolver(self) -> bool:
        """Ask the checked lists for their test points through the edited resolver."""
        config = self.edited_config()
        if config is None:
            return False
        on = self.enabled_zones()
        zones = [lst for zone, lst in self._lists.items() if on.get(zone)]
        if not zones:
            self.test_status.setText(self.tr("Turn on at least one list to test."))
            return False
        self._cancel()
        for row in range(self.table.rowCount()):
            self.table.item(row, COL_TEST).setText("")
            self.table.item(row, COL_TEST).setIcon(QIcon())
        self.test_status.setText(self.tr("Testing {n} lists…").format(n=len(zones)))
        self.test_button.setEnabled(False)
        lang = texts.language()
        # Asked afresh; the verdicts replace this session's, which every check reuses.
        job = self._worker().submit(lambda: dnsbl.sanity_check(zones, config, lang, refresh=True))
        job.finished.connect(self._show_sanity)
        job.failed.connect(self._sanity_failed)
        self._job = job
        return True

    def _cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job = None

    def _show_sanity(self, results: dict[str, SanityResult]) -> None:
        self._job = None
        self.test_button.setEnabled(True)
        counts = {True: 0, False: 0, None: 0}
        for zone, result in results.items():
            row = self.row_of(zone)
            if row < 0:
                continue
            counts[result.trustworthy] += 1
            text, severity = {
                True: (self.tr("trustworthy"), "ok"),
                False: (self.tr("untrustworthy"), "problem"),
                None: (self.tr("can't tell"), "unknown"),
            }[result.trustworthy]
            item = self.table.item(row, COL_TEST)
            item.setText(text)
            item.setIcon(sev.icon(severity))
            item.setForeground(sev.accent(severity))
            item.setToolTip(plain_tooltip(result.detail))
            if result.trustworthy is not True:
                item.setText(f"{text}: {self._reason(result.reason)}")
        self.test_status.setText(
            self.tr("{ok} trustworthy, {bad} untrustworthy, {unknown} can't tell.").format(
                ok=counts[True], bad=counts[False], unknown=counts[None]
            )
        )
        self.sanityDone.emit(results)

    def _reason(self, reason: str) -> str:
        return {
            "hides_listings": self.tr("test point not listed (hides listings)"),
            "wildcard": self.tr("lists everything"),
            "error_code": self.tr("refuses this resolver"),
            "unchecked": self.tr("no answer to the test points"),
        }.get(reason, reason)

    def _sanity_failed(self, message: str) -> None:
        self._job = None
        self.test_button.setEnabled(True)
        self.test_status.setText(self.tr("The test failed: {error}").format(error=message))
