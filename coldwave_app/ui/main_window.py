"""The home screen: which campaign this laptop holds, its headline figures, sync state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QMainWindow,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.domain.errors import N_, ColdwaveError
from coldwave_app.i18n import (
    SUPPORTED_LANGUAGES,
    _,
    current_language,
    isolate_auto,
    isolate_ltr,
    translate_error,
)
from coldwave_app.i18n.formatting import format_datetime, format_number
from coldwave_app.services.overview import CampaignOverview
from coldwave_app.ui.about import AboutDialog
from coldwave_app.ui.application import set_ui_language
from coldwave_app.ui.background_sync import BackgroundSync, SyncOutcome
from coldwave_app.ui.widgets import Label

__all__ = [
    "COUNT_TILES",
    "DEFAULT_SIZE",
    "LANGUAGE_NAMES",
    "MainWindow",
    "OverviewProvider",
    "last_sync_text",
    "sync_outcome_text",
]

OverviewProvider = Callable[[], CampaignOverview]
"""Returns the figures to show; called at start and on every refresh (F5)."""

DEFAULT_SIZE: Final = QSize(960, 600)

COUNT_TILES: Final[tuple[tuple[str, str], ...]] = (
    ("person", N_("Persons")),
    ("household", N_("Households")),
    ("stay", N_("Shelter stays")),
    ("bed_night", N_("Bed nights")),
    ("distribution_line", N_("Distribution lines")),
    ("encounter", N_("Outreach encounters")),
    ("case_file", N_("Cases")),
)
"""The headline counts: table name in CampaignOverview.counts, then its label."""

LANGUAGE_NAMES: Final = {"ar": "العربية", "fr": "Français"}
"""Each language named in itself, so that anyone can find their own in the menu."""

_TILE_COLUMNS: Final = 4

_STYLE: Final = """
QFrame#countTile {
    background: palette(base);
    border: 1px solid palette(midlight);
    border-radius: 8px;
}
QLabel#tileValue { font-size: 22pt; font-weight: bold; color: #1f4e79; }
QLabel#tileCaption { color: #4a5560; }
QLabel#campaignTitle { font-size: 20pt; font-weight: bold; }
QLabel#provinceLabel { color: #4a5560; font-size: 13pt; }
QLabel#sectionHeading { font-size: 13pt; font-weight: bold; }
QLabel#openConflicts[alert="true"] { color: #9a3412; font-weight: bold; }
QStatusBar QLabel { padding: 0 8px; }
"""


def last_sync_text(last_sync_at: str | None) -> str:
    """The sync line: never, or the local date and time, in the current language."""
    if not last_sync_at:
        return _("Last sync: never")
    try:
        when = dt.datetime.fromisoformat(last_sync_at)
    except ValueError:  # not a timestamp we know: show it as it is, left to right
        return _("Last sync: {when}").format(when=isolate_ltr(last_sync_at))
    if when.tzinfo is not None:
        when = when.astimezone()
    # Not isolated: the Arabic pattern "date، time" is meant to be laid out right to left.
    return _("Last sync: {when}").format(when=format_datetime(when))


def sync_outcome_text(outcome: SyncOutcome) -> str:
    """The status-bar line after a background sync: its figures, or calmly why not."""
    if outcome.summary is not None:
        summary = outcome.summary
        return _("Synced: {sent} sent, {received} received, {conflicts} conflicts").format(
            sent=format_number(summary.accepted + summary.duplicates),
            received=format_number(summary.applied),
            conflicts=format_number(summary.conflicts),
        )
    if outcome.unreachable or outcome.error is None:
        return _("Server unreachable — everything is kept, will retry")
    return _("Sync did not finish: {reason} Will retry.").format(
        reason=translate_error(outcome.error)
    )


class CountTile(QFrame):
    """One headline figure: the number, large, above its label."""

    def __init__(self, key: str, caption_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.caption_id = caption_id
        self.setObjectName("countTile")
        self.value_label = Label("0", self)
        self.value_label.setObjectName("tileValue")
        self.caption_label = Label(parent=self)
        self.caption_label.setObjectName("tileCaption")
        self.caption_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(2)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)
        layout.addStretch(1)

    def show_value(self, value: int) -> None:
        self.value_label.setText(format_number(value))
        self.caption_label.setText(_(self.caption_id))


class MainWindow(QMainWindow):
    """Home screen. Keys: F5 refresh, Ctrl+Shift+S sync now, Ctrl+L switch language, Ctrl+Q quit.

    `background_sync` (only for a laptop enrolled with a server) syncs on its own
    schedule; the window starts it, shows how each attempt ended and refreshes the
    figures after it. While an attempt holds the store, a refresh waits for its end.
    """

    def __init__(
        self,
        overview_provider: OverviewProvider,
        parent: QWidget | None = None,
        *,
        background_sync: BackgroundSync | None = None,
    ) -> None:
        super().__init__(parent)
        self._provider = overview_provider
        self.background_sync = background_sync
        self._refresh_after_sync = False
        self._overview = CampaignOverview(None, None, None, None, None)
        self._about: AboutDialog | None = None
        self.setObjectName("mainWindow")
        self.setStyleSheet(_STYLE)
        self.resize(DEFAULT_SIZE)

        self._build_actions()
        self._build_menus()
        self._build_central()
        self._build_status_bar()

        self.refresh(announce=False)
        self.retranslate()
        if background_sync is not None:
            background_sync.started.connect(self._sync_started)
            background_sync.done.connect(self._sync_done)

    # -- construction -------------------------------------------------------------

    def _build_actions(self) -> None:
        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_action.triggered.connect(lambda: self.refresh())

        self.sync_action = QAction(self)
        self.sync_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.sync_action.setEnabled(self.background_sync is not None)
        self.sync_action.triggered.connect(self.sync_now)

        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)

        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code in SUPPORTED_LANGUAGES:
            action = QAction(LANGUAGE_NAMES.get(code, code), self)
            action.setCheckable(True)
            action.setData(code)
            action.triggered.connect(lambda _checked=False, c=code: self.switch_language(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action

        self.toggle_language_action = QAction(self)
        self.toggle_language_action.setShortcut(QKeySequence("Ctrl+L"))
        self.toggle_language_action.triggered.connect(self.toggle_language)

        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)

        # Also on the window itself, so the shortcuts work with the menu bar hidden
        # or native (macOS).
        self.addActions(
            [
                self.refresh_action,
                self.sync_action,
                self.quit_action,
                self.toggle_language_action,
                *self.language_actions.values(),
                self.about_action,
            ]
        )

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = QMenu(self)
        self.file_menu.addAction(self.refresh_action)
        self.file_menu.addAction(self.sync_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.language_menu = QMenu(self)
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        self.language_menu.addSeparator()
        self.language_menu.addAction(self.toggle_language_action)

        self.help_menu = QMenu(self)
        self.help_menu.addAction(self.about_action)

        bar.addMenu(self.file_menu)
        bar.addMenu(self.language_menu)
        bar.addMenu(self.help_menu)

    def _build_central(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(8)

        self.campaign_label = Label(parent=central)
        self.campaign_label.setObjectName("campaignTitle")
        self.campaign_label.setWordWrap(True)
        self.province_label = Label(parent=central)
        self.province_label.setObjectName("provinceLabel")
        self.section_label = Label(parent=central)
        self.section_label.setObjectName("sectionHeading")

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(16)
        self.tiles: dict[str, CountTile] = {}
        for index, (key, caption_id) in enumerate(COUNT_TILES):
            tile = CountTile(key, caption_id, central)
            self.tiles[key] = tile
            grid.addWidget(tile, index // _TILE_COLUMNS, index % _TILE_COLUMNS)
        for column in range(_TILE_COLUMNS):
            grid.setColumnStretch(column, 1)

        layout.addWidget(self.campaign_label)
        layout.addWidget(self.province_label)
        layout.addSpacing(20)
        layout.addWidget(self.section_label)
        layout.addSpacing(4)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.setCentralWidget(central)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.pending_label = Label(parent=status)
        self.pending_label.setObjectName("pendingChanges")
        self.conflicts_label = Label(parent=status)
        self.conflicts_label.setObjectName("openConflicts")
        self.last_sync_label = Label(parent=status)
        self.last_sync_label.setObjectName("lastSync")
        # Permanent widgets stay visible while a temporary message is shown.
        status.addPermanentWidget(self.pending_label)
        status.addPermanentWidget(self.conflicts_label)
        status.addPermanentWidget(self.last_sync_label)

    # -- behaviour ----------------------------------------------------------------

    @property
    def overview(self) -> CampaignOverview:
        """The figures on screen."""
        return self._overview

    def refresh(self, *, announce: bool = True) -> None:
        """Ask the provider for fresh figures and show them (F5).

        During a background sync the store is busy: the refresh happens when it ends.
        """
        if self.background_sync is not None and self.background_sync.busy:
            self._refresh_after_sync = True
            return
        try:
            self._overview = self._provider()
        except ColdwaveError as err:
            # Said in the status bar, not in a modal box: the last figures stay on screen.
            self.statusBar().showMessage(translate_error(err))
            return
        self._show_overview()
        if announce:
            self.statusBar().showMessage(_("Figures refreshed"), 3000)

    def sync_now(self) -> None:
        """File → Sync now (Ctrl+Shift+S): an attempt at once, in the background."""
        if self.background_sync is not None:
            self.background_sync.sync_now()

    def _sync_started(self) -> None:
        self.statusBar().showMessage(_("Syncing with the server…"))

    def _sync_done(self, outcome: SyncOutcome) -> None:
        self._refresh_after_sync = False
        self.refresh(announce=False)
        self.statusBar().showMessage(sync_outcome_text(outcome))

    def switch_language(self, code: str) -> None:
        """Switch the whole app to `code` ("ar" or "fr") without a restart."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            set_ui_language(app, code)
        else:  # no application (cannot happen once a window exists): still update this one
            self.retranslate()

    def toggle_language(self) -> None:
        """Ctrl+L: go to the other language."""
        languages = list(SUPPORTED_LANGUAGES)
        current = current_language()
        index = languages.index(current) if current in languages else -1
        self.switch_language(languages[(index + 1) % len(languages)])

    def show_about(self) -> AboutDialog:
        """Help → About coldwave (window-modal, does not block the event loop)."""
        if self._about is None:
            self._about = AboutDialog(self)
        self._about.retranslate()
        self._about.open()
        return self._about

    def retranslate(self) -> None:
        """Set every text again in the current language."""
        self.file_menu.setTitle(_("&File"))
        self.refresh_action.setText(_("&Refresh"))
        self.sync_action.setText(_("&Sync now"))
        self.quit_action.setText(_("&Quit"))
        self.language_menu.setTitle(_("&Language"))
        self.toggle_language_action.setText(_("&Switch language"))
        self.help_menu.setTitle(_("&Help"))
        self.about_action.setText(_("&About coldwave"))
        current = current_language()
        for code, action in self.language_actions.items():
            action.setChecked(code == current)
        self.section_label.setText(_("Records on this laptop"))
        self._show_overview()

    def _show_overview(self) -> None:
        overview = self._overview
        lang = current_language()
        if overview.campaign_name:
            self.campaign_label.setText(isolate_auto(overview.campaign_name))
            self.setWindowTitle(f"{overview.campaign_name} — coldwave")
        else:
            self.campaign_label.setText(_("No campaign on this laptop yet"))
            self.setWindowTitle("coldwave")

        province = _province_name(overview, lang)
        self.province_label.setText(
            _("Province: {name}").format(name=isolate_auto(province)) if province else ""
        )
        self.province_label.setVisible(bool(province))

        for key, tile in self.tiles.items():
            tile.show_value(overview.counts.get(key, 0))

        self.pending_label.setText(
            _("Pending changes: {n}").format(n=format_number(overview.pending_changes))
        )
        self.conflicts_label.setText(
            _("Open conflicts: {n}").format(n=format_number(overview.open_conflicts))
        )
        alert = overview.open_conflicts > 0
        if self.conflicts_label.property("alert") != alert:
            self.conflicts_label.setProperty("alert", alert)
            self.conflicts_label.style().unpolish(self.conflicts_label)
            self.conflicts_label.style().polish(self.conflicts_label)
        self.last_sync_label.setText(last_sync_text(overview.last_sync_at))


def _province_name(overview: CampaignOverview, lang: str) -> str:
    """The province in the UI language, else in the other one, else its code."""
    first, second = (
        (overview.province_name_ar, overview.province_name_fr)
        if lang == "ar"
        else (overview.province_name_fr, overview.province_name_ar)
    )
    return first or second or overview.province_code or ""
