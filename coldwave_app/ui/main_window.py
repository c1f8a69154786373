"""The main window: navigation, the screens, sync indicators, language, lock and user switch.

Screens come from `areas.all_screens()` (ScreenSpec lists) and are built the first
time they are opened. The window also owns what is shared by every screen: the
status bar's sync indicators, the background sync of an enrolled laptop, and the
lock (after idle time, or Ctrl+Shift+L to let another user of the laptop log in).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QWidget,
)

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.i18n import (
    SUPPORTED_LANGUAGES,
    _,
    current_language,
    isolate_auto,
    translate_error,
)
from coldwave_app.services.backup_service import backup_if_due
from coldwave_app.services.sync_service import SyncWorker
from coldwave_app.services.sync_status import SyncStatus, campaign_name, sync_status
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.ui.about import AboutDialog
from coldwave_app.ui.application import set_ui_language
from coldwave_app.ui.areas import all_screens
from coldwave_app.ui.background_sync import DEFAULT_INTERVAL_S, BackgroundSync, SyncOutcome
from coldwave_app.ui.help_actions import DiagnosticsCopier
from coldwave_app.ui.idle_lock import IdleWatcher, idle_timeout_seconds
from coldwave_app.ui.lock_screen import LockScreen
from coldwave_app.ui.navigation_panel import NavigationPanel
from coldwave_app.ui.screen_spec import Screen, ScreenSpec
from coldwave_app.ui.session import Session
from coldwave_app.ui.sync_view.link import attach_background_sync
from coldwave_app.ui.sync_view.status_bar import STYLE as STATUS_STYLE
from coldwave_app.ui.sync_view.status_bar import SyncIndicators
from coldwave_app.ui.sync_view.status_texts import sync_outcome_text
from coldwave_app.ui.widgets import set_action_text

__all__ = ["DEFAULT_SIZE", "LANGUAGE_NAMES", "MainWindow"]

BACKUP_CHECK_MS: Final = 30 * 60 * 1000
"""How often an open window checks whether the scheduled backup is due."""

DEFAULT_SIZE: Final = QSize(1280, 800)

LANGUAGE_NAMES: Final = {"ar": "العربية", "fr": "Français"}
"""Each language named in itself, so that anyone can find their own in the menu."""

_STYLE: Final = (
    """
QTreeWidget#navigation { font-size: 12pt; border: none; background: palette(window); }
QTreeWidget#navigation::item { padding: 4px 2px; }
"""
    + STATUS_STYLE
)


class MainWindow(QMainWindow):
    """Keys: Ctrl+1..9 / Ctrl+0 screens, F5 refresh, Ctrl+Shift+S sync now,
    Ctrl+L language, Ctrl+Shift+L switch user (locks), Ctrl+Q quit.

    `background_sync` (only for a laptop enrolled with a server) syncs on its own
    schedule; the window shows each attempt and refreshes after it. `screens`
    defaults to every area's; `idle_timeout_s` to the campaign's auto-lock delay.
    """

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        background_sync: BackgroundSync | None = None,
        screens: Sequence[ScreenSpec] | None = None,
        idle_timeout_s: float | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.background_sync: BackgroundSync | None = None
        self.status: SyncStatus | None = None
        self._refresh_after_sync = False
        self._about: AboutDialog | None = None
        self._hidden_dialogs: list[QDialog] = []
        self.locked = False
        self.setObjectName("mainWindow")
        self.setStyleSheet(_STYLE)
        self.resize(DEFAULT_SIZE)
        specs = all_screens() if screens is None else tuple(screens)
        self.specs = [s for s in specs if _allowed(s, session.role)]
        self.screens: dict[str, QWidget] = {}

        self._build_actions()
        self._build_menus()
        self._build_central()
        self.indicators = SyncIndicators(self.statusBar())
        for label in self.indicators.links:
            label.activated.connect(self.show_screen)

        timeout = idle_timeout_seconds(session) if idle_timeout_s is None else idle_timeout_s
        self.idle = IdleWatcher(round(timeout * 1000), self)
        self.idle.idle.connect(self.lock)

        self.set_background_sync(background_sync)
        session.changed.connect(self.refresh_status)
        session.user_switched.connect(self._user_switched)
        if self.specs:
            self.show_screen(self.specs[0].key)
        self.refresh_status()
        self.retranslate()
        self.idle.start()
        # A shift can last all night: the scheduled backup is also checked while open.
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(BACKUP_CHECK_MS)
        self.backup_timer.timeout.connect(self.backup_if_due)
        self.backup_timer.start()

    # -- construction -------------------------------------------------------------

    def _action(self, keys: str | None, slot: object) -> QAction:
        action = QAction(self)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        # On the window itself, so the keys work with the menu bar hidden or native.
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.refresh_action = self._action("F5", lambda: self.refresh())
        self.sync_action = self._action("Ctrl+Shift+S", self.sync_now)
        self.switch_user_action = self._action("Ctrl+Shift+L", self.switch_user)
        self.lock_action = self._action(None, self.lock)
        self.quit_action = self._action("Ctrl+Q", self.close)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.toggle_language_action = self._action("Ctrl+L", self.toggle_language)
        self.about_action = self._action(None, self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.diagnostics = DiagnosticsCopier(self.session)
        self.diagnostics_action = (
            self._action(None, self._copy_diagnostics) if self.diagnostics.available else None
        )

        self.language_group = QActionGroup(self)
        self.language_group.setExclusive(True)
        self.language_actions: dict[str, QAction] = {}
        for code in SUPPORTED_LANGUAGES:
            action = QAction(LANGUAGE_NAMES.get(code, code), self)
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, c=code: self.switch_language(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action
            self.addAction(action)

        self.find_action = self._action("Ctrl+F", self.find_anything)
        self.screen_actions: dict[str, QAction] = {}
        for spec in self.specs:
            self.screen_actions[spec.key] = self._action(
                spec.shortcut, lambda _checked=False, k=spec.key: self.show_screen(k)
            )

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = QMenu(self)
        for action in (self.refresh_action, self.sync_action):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.lock_action)
        self.file_menu.addAction(self.switch_user_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.go_menu = QMenu(self)
        self.go_menu.addAction(self.find_action)
        self.go_menu.addSeparator()
        for action in self.screen_actions.values():
            self.go_menu.addAction(action)

        self.language_menu = QMenu(self)
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        self.language_menu.addSeparator()
        self.language_menu.addAction(self.toggle_language_action)

        self.help_menu = QMenu(self)
        if self.diagnostics_action is not None:
            self.help_menu.addAction(self.diagnostics_action)
        self.help_menu.addAction(self.about_action)

        for menu in (self.file_menu, self.go_menu, self.language_menu, self.help_menu):
            bar.addMenu(menu)

    def _build_central(self) -> None:
        self.outer = QStackedWidget(self)
        self.workspace = QWidget(self.outer)
        self.navigation = NavigationPanel(self.specs, self.workspace)
        self.navigation.chosen.connect(self.show_screen)
        self.stack = QStackedWidget(self.workspace)
        row = QHBoxLayout(self.workspace)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        # First in the row = the leading side: left in French, right in Arabic.
        row.addWidget(self.navigation)
        row.addWidget(self.stack, 1)
        self.lock_screen = LockScreen(self.session.store.data_dir, self.outer)
        self.lock_screen.unlocked.connect(self._unlocked)
        self.outer.addWidget(self.workspace)
        self.outer.addWidget(self.lock_screen)
        self.setCentralWidget(self.outer)

    # -- screens ------------------------------------------------------------------

    @property
    def current_key(self) -> str | None:
        current = self.stack.currentWidget()
        return next((k for k, w in self.screens.items() if w is current), None)

    def screen_widget(self, key: str) -> QWidget:
        """The screen `key`, built now if it was never opened (not shown)."""
        widget = self.screens.get(key)
        if widget is None:
            spec = next((s for s in self.specs if s.key == key), None)
            if spec is None:
                raise KeyError(key)
            widget = spec.factory(self.session)
            widget.setParent(self.stack)
            self.stack.addWidget(widget)
            self.screens[key] = widget
        return widget

    def show_screen(self, key: str) -> QWidget | None:
        """Open screen `key` (its shortcut, the navigation, a status-bar link)."""
        if self.locked or not any(s.key == key for s in self.specs):
            return None
        fresh = key not in self.screens
        widget = self.screen_widget(key)
        self.stack.setCurrentWidget(widget)
        self.navigation.mark_current(key)
        if not fresh and isinstance(widget, Screen):
            widget.refresh()  # it may have missed changes while hidden (a sync, say)
        target = widget.focusProxy() or widget
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return widget

    def backup_if_due(self) -> None:
        """The encrypted scheduled backup, off the UI thread, when one is due."""
        if not self.locked:
            self.session.run(lambda store, _job: backup_if_due(store))

    def find_anything(self) -> QWidget | None:
        """Ctrl+F from anywhere: the People screen with the cursor in its search box."""
        widget = self.show_screen("people")
        focus = getattr(widget, "focus_search", None)
        if callable(focus):
            focus()
        return widget

    # -- behaviour ----------------------------------------------------------------

    def refresh(self, *, announce: bool = True) -> None:
        """F5: the current screen and the status bar read their data again.

        During a background sync the store is busy: the refresh happens at its end.
        """
        if self.background_sync is not None and self.background_sync.busy:
            self._refresh_after_sync = True
            return
        current = self.stack.currentWidget()
        if isinstance(current, Screen):
            current.refresh()
        self.refresh_status()
        if announce:
            self.statusBar().showMessage(_("Figures refreshed"), 3000)

    def refresh_status(self) -> None:
        """Re-read the sync indicators and the campaign in the title."""
        if self.background_sync is not None and self.background_sync.busy:
            self._refresh_after_sync = True
            return
        try:
            self.status = self.session.read(sync_status)
            name = self.session.read(campaign_name)
        except ColdwaveError as err:
            # Said in the status bar, not in a modal box: the last figures stay.
            self.statusBar().showMessage(translate_error(err))
            return
        self._campaign = name
        if self.background_sync is None and self.status.enrolled:
            self._start_background_sync()
        self._show_status()

    def _show_status(self) -> None:
        name = getattr(self, "_campaign", None)
        self.setWindowTitle(f"{name} — coldwave" if name else "coldwave")
        if self.status is not None:
            self.indicators.show(
                self.status, user=isolate_auto(self.session.store.user.display_name)
            )

    def set_background_sync(self, background: BackgroundSync | None) -> None:
        """Use `background` (an enrolled laptop's) from now on; it shares the session lock."""
        self.background_sync = background
        attach_background_sync(self.session, background)
        self.sync_action.setEnabled(background is not None)
        if background is None:
            return
        background.worker.lock = self.session.lock  # one lock for screens and sync
        background.started.connect(self._sync_started)
        background.done.connect(self._sync_done)

    def _start_background_sync(self) -> None:
        """A laptop enrolled from the first-run panel starts syncing without a restart."""
        background = BackgroundSync(
            SyncWorker(self.session.store), interval_s=DEFAULT_INTERVAL_S, parent=self
        )
        self.set_background_sync(background)  # shares the session lock from now on
        background.start()

    def sync_now(self) -> None:
        """File → Sync now (Ctrl+Shift+S): an attempt at once, in the background."""
        if self.background_sync is not None and not self.locked:
            self.background_sync.sync_now()

    def _sync_started(self) -> None:
        self.statusBar().showMessage(_("Syncing with the server…"))

    def _sync_done(self, outcome: SyncOutcome) -> None:
        self._refresh_after_sync = False
        self.refresh_status()
        if outcome.summary is not None and outcome.summary.applied:
            self.session.changed.emit()  # the screens show what was received
        self.statusBar().showMessage(sync_outcome_text(outcome))

    # -- lock and users -------------------------------------------------------------

    def lock(self, *, switching: bool = False) -> None:
        """Hide every screen (and open dialog) behind the lock; the password is needed."""
        if self.locked:
            if switching:
                self.lock_screen.prepare(self.session.username, switching=True)
            return
        self.locked = True
        self.idle.stop()
        self._hidden_dialogs = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and w.isVisible() and self.isAncestorOf(w)
        ]
        for dialog in self._hidden_dialogs:
            dialog.hide()
        self.lock_screen.prepare(self.session.username, switching=switching)
        self.outer.setCurrentWidget(self.lock_screen)
        self._set_unlocked_actions(False)
        self.lock_screen.focus_form()

    def switch_user(self) -> None:
        """Ctrl+Shift+L: lock, and let any user of this laptop log in."""
        self.lock(switching=True)

    def _unlocked(self, store: object) -> None:
        if not isinstance(store, LocalStore):
            return
        if store.user.id == self.session.store.user.id:
            store.close()  # the same user: the password was the point
        else:
            if self.background_sync is not None:
                with self.session.lock:
                    self.background_sync.worker.store = store
            self.session.replace_store(store)
        self.locked = False
        self.outer.setCurrentWidget(self.workspace)
        self._set_unlocked_actions(True)
        for dialog in self._hidden_dialogs:
            dialog.show()
        self._hidden_dialogs = []
        self.idle.start()
        current = self.stack.currentWidget()
        if current is not None:
            current.setFocus()

    def _user_switched(self) -> None:
        self.refresh(announce=False)
        self.statusBar().showMessage(
            _("Logged in as {name}").format(
                name=isolate_auto(self.session.store.user.display_name)
            ),
            5000,
        )

    def _set_unlocked_actions(self, enabled: bool) -> None:
        actions = [
            self.refresh_action,
            self.switch_user_action,
            self.lock_action,
            *self.screen_actions.values(),
        ]
        if self.diagnostics_action is not None:
            actions.append(self.diagnostics_action)
        for action in actions:
            action.setEnabled(enabled)
        self.sync_action.setEnabled(enabled and self.background_sync is not None)
        self.go_menu.setEnabled(enabled)

    # -- language, help -------------------------------------------------------------

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

    def _copy_diagnostics(self) -> None:
        message = self.diagnostics.copy_to_clipboard()
        self.statusBar().showMessage(message, 5000)

    def retranslate(self) -> None:
        """Set every text again in the current language, on every screen built so far."""
        self.file_menu.setTitle(_("&File"))
        set_action_text(self.refresh_action, _("&Refresh"))
        set_action_text(self.sync_action, _("&Sync now"))
        set_action_text(self.lock_action, _("&Lock now"))
        set_action_text(self.switch_user_action, _("S&witch user"))
        set_action_text(self.quit_action, _("&Quit"))
        self.go_menu.setTitle(_("&Go"))
        set_action_text(self.find_action, _("&Find a person, household or douar…"))
        for spec in self.specs:
            set_action_text(self.screen_actions[spec.key], _(spec.title))
        self.language_menu.setTitle(_("&Language"))
        set_action_text(self.toggle_language_action, _("&Switch language"))
        self.help_menu.setTitle(_("&Help"))
        set_action_text(self.about_action, _("&About coldwave"))
        if self.diagnostics_action is not None:
            set_action_text(self.diagnostics_action, _("&Copy diagnostics"))
        current = current_language()
        for code, action in self.language_actions.items():
            action.setChecked(code == current)
        self.navigation.retranslate()
        for widget in self.screens.values():
            if isinstance(widget, Screen):
                widget.retranslate()
        self.lock_screen.retranslate()
        self._show_status()

    def closeEvent(self, event: object) -> None:
        self.idle.stop()
        if self.background_sync is not None and self.background_sync.parent() is self:
            self.background_sync.stop()  # the one this window started after an enrolment
        super().closeEvent(event)  # type: ignore[arg-type]


def _allowed(spec: ScreenSpec, role: str) -> bool:
    return not spec.roles or role == "admin" or role in spec.roles
