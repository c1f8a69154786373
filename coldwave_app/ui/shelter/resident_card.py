"""A resident's card: who, which bed, since when, the last services, and the actions
of the stay (a service in one key, move bed, check-out).

The card owns its actions; the widget it sits in (the bed board, the resident
dialog) adds them to itself so their keys work wherever the focus is inside it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.i18n import _, isolate_auto, isolate_ltr, translate_error
from coldwave_app.i18n.formatting import format_date, format_datetime, format_number
from coldwave_app.services.shelter import record_service
from coldwave_app.services.shelter_desk import SERVICE_CATALOGUE, ResidentCard, resident_card
from coldwave_app.ui.session import Session
from coldwave_app.ui.shelter.bed_tile import nights_text
from coldwave_app.ui.shelter.labels import (
    EXIT_LABELS,
    ROUTE_LABELS,
    SERVICE_LABELS,
    SEX_LABELS,
    label,
)
from coldwave_app.ui.widgets import Label, set_action_text, set_button_text

__all__ = ["CHECK_OUT_KEY", "MOVE_KEY", "ResidentCardView", "service_key"]

MOVE_KEY = "Ctrl+M"
CHECK_OUT_KEY = "Ctrl+D"


def service_key(position: int) -> str:
    """Alt+1 ... Alt+9, in the order of the service catalogue."""
    return f"Alt+{position + 1}"


class ResidentCardView(QFrame):
    """Shows one stay; `stay_changed` is emitted after a write (service, move, exit).

    `move_requested` / `check_out_requested` carry the card so the container opens
    its dialogs (the bed board knows the free beds of the night).
    """

    move_requested = Signal(object)
    check_out_requested = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("residentCard")
        self._session = session
        self.card: ResidentCard | None = None
        self.now: Callable[[], dt.datetime] = dt.datetime.now
        self.service_actions: list[QAction] = []
        self._build()
        self.show_card(None)

    # --- building -----------------------------------------------------------------

    def _action(self, keys: str, slot: Callable[[], None]) -> QAction:
        action = QAction(self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        return action

    def _build(self) -> None:
        self.name_label = Label(parent=self)
        self.name_label.setObjectName("cardName")
        self.name_label.setWordWrap(True)
        self.identity_label = Label(parent=self)
        self.identity_label.setWordWrap(True)
        facts = QGridLayout()
        facts.setHorizontalSpacing(12)
        self.fact_names: list[Label] = []
        self.fact_values: list[Label] = []
        for row in range(4):
            name, value = Label(parent=self), Label(parent=self)
            name.setObjectName("factName")
            value.setWordWrap(True)
            facts.addWidget(name, row, 0)
            facts.addWidget(value, row, 1)
            self.fact_names.append(name)
            self.fact_values.append(value)
        facts.setColumnStretch(1, 1)
        self.services_heading = Label(parent=self)
        self.services_heading.setObjectName("sectionHeading")
        grid = QGridLayout()
        grid.setSpacing(6)
        self.service_buttons: list[QPushButton] = []
        for position, service in enumerate(SERVICE_CATALOGUE):
            action = self._action(service_key(position), self._recorder(service))
            action.setData(service.value)
            self.service_actions.append(action)
            button = QPushButton(self)
            button.clicked.connect(action.trigger)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            grid.addWidget(button, position // 2, position % 2)
            self.service_buttons.append(button)
        self.recent_heading = Label(parent=self)
        self.recent_heading.setObjectName("sectionHeading")
        self.recent_label = Label(parent=self)
        self.recent_label.setWordWrap(True)
        self.move_action = self._action(MOVE_KEY, lambda: self.move_requested.emit(self))
        self.check_out_action = self._action(
            CHECK_OUT_KEY, lambda: self.check_out_requested.emit(self)
        )
        self.move_button = QPushButton(self)
        self.move_button.clicked.connect(self.move_action.trigger)
        self.check_out_button = QPushButton(self)
        self.check_out_button.clicked.connect(self.check_out_action.trigger)
        for button in (self.move_button, self.check_out_button):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.move_button)
        buttons.addWidget(self.check_out_button)
        buttons.addStretch(1)
        self.message = Label(parent=self)
        self.message.setObjectName("formMessage")
        self.message.setWordWrap(True)
        self.empty_label = Label(parent=self)
        self.empty_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.name_label)
        layout.addWidget(self.identity_label)
        layout.addLayout(facts)
        layout.addWidget(self.services_heading)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addWidget(self.recent_heading)
        layout.addWidget(self.recent_label)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def _recorder(self, service: str) -> Callable[[], None]:
        return lambda: self.record(service)

    def all_actions(self) -> list[QAction]:
        return [*self.service_actions, self.move_action, self.check_out_action]

    # --- data ---------------------------------------------------------------------

    def load(self, stay_id: str | None) -> None:
        """Read the stay again (None: nothing selected)."""
        card = None
        if stay_id is not None:
            today = self.now().date()
            card = self._session.read(lambda s: resident_card(s, stay_id=stay_id, as_of=today))
        self.show_card(card)

    def show_card(self, card: ResidentCard | None) -> None:
        if card is None or self.card is None or card.stay.stay_id != self.card.stay.stay_id:
            self.message.clear()
        self.card = card
        for widget in self._detail_widgets():
            widget.setVisible(card is not None)
        self.empty_label.setVisible(card is None)
        open_stay = card is not None and card.is_open
        for action in self.all_actions():
            action.setEnabled(open_stay)
        for button in [*self.service_buttons, self.move_button, self.check_out_button]:
            button.setEnabled(open_stay)
        self.retranslate()

    def _detail_widgets(self) -> list[QWidget]:
        return [
            self.name_label,
            self.identity_label,
            *self.fact_names,
            *self.fact_values,
            self.services_heading,
            *self.service_buttons,
            self.move_button,
            self.check_out_button,
            self.recent_heading,
            self.recent_label,
        ]

    def record(self, service: str) -> None:
        """Record one service now for the shown resident; the message line says so."""
        if self.card is None or not self.card.is_open:
            return
        stay_id, name = self.card.stay.stay_id, self.card.stay.name
        try:
            self._session.write(
                lambda s: record_service(s, stay_id=stay_id, service_type=service, at=self.now())
            )
        except ColdwaveError as err:
            self.show_message(translate_error(err), error=True)
            return
        self.load(stay_id)
        self.show_message(
            _("{service} recorded for {person}.").format(
                service=label(SERVICE_LABELS, service), person=isolate_auto(name)
            )
        )

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setProperty("error", error)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(text)

    # --- texts --------------------------------------------------------------------

    def retranslate(self) -> None:
        self.empty_label.setText(_("Choose a bed to see who sleeps there."))
        self.services_heading.setText(_("Record a service (Alt + digit)"))
        self.recent_heading.setText(_("Last services"))
        for position, action in enumerate(self.service_actions):
            set_action_text(action, label(SERVICE_LABELS, str(action.data())))
            # The key's digit on the button itself: learnt at a glance, at 2 a.m.
            self.service_buttons[position].setText(
                f"{isolate_ltr(str(position + 1))} · {action.text()}"
            )
            self.service_buttons[position].setToolTip(action.toolTip())
        set_action_text(self.move_action, _("Move to another bed"))
        set_action_text(self.check_out_action, _("Check out"))
        set_button_text(self.move_button, _("Move to another bed"))
        self.move_button.setToolTip(self.move_action.toolTip())
        set_button_text(self.check_out_button, _("Check out"))
        self.check_out_button.setToolTip(self.check_out_action.toolTip())
        card = self.card
        if card is None:
            return
        stay = card.stay
        self.name_label.setText(isolate_auto(stay.name))
        other_names = [n for n in (stay.name_ar, stay.name_latn) if n and n != stay.name]
        parts = [isolate_auto(n) for n in other_names]
        parts.append(isolate_ltr(stay.beneficiary_code))
        parts.append(label(SEX_LABELS, stay.sex))
        if stay.birth_year:
            parts.append(_("born in {year}").format(year=isolate_ltr(str(stay.birth_year))))
        if stay.cin_masked:
            parts.append(_("CIN {cin}").format(cin=isolate_ltr(stay.cin_masked)))
        self.identity_label.setText(" · ".join(parts))
        entry = dt.datetime.fromisoformat(stay.entry_at)
        facts = [
            (_("Bed"), isolate_ltr(stay.bed_label or "—")),
            (_("Arrived on"), f"{format_datetime(entry)} · {nights_text(card.nights)}"),
            (_("Bed nights"), format_number(stay.bed_nights)),
            (_("Came through"), label(ROUTE_LABELS, stay.entry_route)),
        ]
        if stay.exit_at:
            facts[3] = (
                _("Left on"),
                f"{format_date(dt.date.fromisoformat(stay.exit_at[:10]))} · "
                f"{label(EXIT_LABELS, stay.exit_destination)}",
            )
        for (name, value), name_label, value_label in zip(
            facts, self.fact_names, self.fact_values, strict=True
        ):
            name_label.setText(name)
            value_label.setText(value)
        lines = [
            f"{label(SERVICE_LABELS, line.service_type)} · "
            f"{format_datetime(dt.datetime.fromisoformat(line.delivered_at))}"
            for line in card.services
        ]
        self.recent_label.setText("\n".join(lines) if lines else _("None yet"))
