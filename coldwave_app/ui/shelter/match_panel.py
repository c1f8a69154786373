"""The duplicate check shown side by side: what was typed, then each likely match.

The worker decides; nothing is pre-chosen when there is a likely match, so a
reflex Enter neither creates a duplicate nor takes the wrong person. With no likely
match, "New person" is chosen already. Arrow keys move between the choices, Space
picks one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.i18n import _, current_language, isolate_auto, isolate_ltr
from coldwave_app.i18n.formatting import format_date, format_decimal
from coldwave_app.services.dedup import Match
from coldwave_app.services.shelter_desk import PersonFacts
from coldwave_app.ui.shelter.intake_identity import IdentityInput
from coldwave_app.ui.shelter.labels import SEX_LABELS, label
from coldwave_app.ui.widgets import Label

__all__ = ["MAX_SHOWN", "MatchPanel", "MatchView"]

MAX_SHOWN = 4
"""Likely matches shown side by side (the best ones); more would not fit a laptop."""

NEW_PERSON = ""  # the choice value of the typed column


@dataclass(frozen=True)
class MatchView:
    match: Match
    facts: PersonFacts


_ROWS = (
    "Name in Arabic",
    "Name in Latin letters",
    "Sex",
    "Age",
    "CIN",
    "Last stay",
    "Beneficiary code",
    "Why it may be the same person",
)


def _age(year: int | None) -> str:
    if year is None:
        return "—"
    return _("{age} (born in {year})").format(
        age=dt.date.today().year - year, year=isolate_ltr(str(year))
    )


def _last_stay(facts: PersonFacts) -> str:
    if facts.last_entry_at is None:
        return _("Never stayed")
    entry = format_date(dt.date.fromisoformat(facts.last_entry_at[:10]))
    arabic = current_language() == "ar" and facts.last_facility_ar
    where = isolate_auto((facts.last_facility_ar if arabic else facts.last_facility) or "")
    if facts.last_exit_at is None:
        return _("Staying now at {place} since {date}").format(place=where, date=entry)
    left = format_date(dt.date.fromisoformat(facts.last_exit_at[:10]))
    return _("{place}, {start} to {end}").format(place=where, start=entry, end=left)


class MatchPanel(QFrame):
    """Columns: the typed data (choice "New person"), then each likely match."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("matchPanel")
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.radios: list[QRadioButton] = []
        self._typed: IdentityInput | None = None
        self._views: list[MatchView] = []
        self.intro = Label(parent=self)
        self.intro.setWordWrap(True)
        self.table = QWidget(self)
        self.grid = QGridLayout(self.table)
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(6)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table)
        layout.addStretch(1)

    def show_matches(self, typed: IdentityInput, views: list[MatchView]) -> None:
        self._typed = typed
        self._views = views[:MAX_SHOWN]
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for radio in self.radios:
            self.group.removeButton(radio)
        self.radios = []
        self.row_names: list[Label] = []
        for row, msgid in enumerate(_ROWS, start=2):
            caption = Label(parent=self.table)
            caption.setObjectName("factName")
            caption.setProperty("msgid", msgid)
            self.grid.addWidget(caption, row, 0)
            self.row_names.append(caption)
        self.cells: list[list[Label]] = []
        for column in range(len(self._views) + 1):
            radio = QRadioButton(self.table)
            radio.setProperty(
                "personId", NEW_PERSON if column == 0 else self._views[column - 1].facts.person_id
            )
            self.group.addButton(radio, column)
            self.grid.addWidget(radio, 1, column + 1)
            self.radios.append(radio)
            cells = []
            for row in range(len(_ROWS)):
                cell = Label(parent=self.table)
                cell.setWordWrap(True)
                self.grid.addWidget(cell, row + 2, column + 1)
                cells.append(cell)
            self.cells.append(cells)
            self.grid.setColumnStretch(column + 1, 1)
        if not self._views:
            self.radios[0].setChecked(True)
        self.retranslate()

    def focus_first_choice(self) -> None:
        target = self.radios[1] if len(self.radios) > 1 else self.radios[0]
        target.setFocus()

    @property
    def shown_ids(self) -> list[str]:
        return [v.facts.person_id for v in self._views]

    def view(self, person_id: str) -> MatchView | None:
        return next((v for v in self._views if v.facts.person_id == person_id), None)

    def choice(self) -> str | None:
        """NEW_PERSON (""), a person id, or None when nothing is chosen yet."""
        checked = self.group.checkedButton()
        return None if checked is None else str(checked.property("personId"))

    def choose(self, person_id: str) -> None:
        for radio in self.radios:
            if radio.property("personId") == person_id:
                radio.setChecked(True)
                radio.setFocus()

    def retranslate(self) -> None:
        typed = self._typed
        if typed is None:
            return
        if self._views:
            self.intro.setText(
                _(
                    "This person may already be registered. Compare, then choose the same "
                    "person or New person (arrows, then Space; Enter goes on)."
                )
            )
        else:
            self.intro.setText(_("No likely match found: a new person will be registered."))
        for caption in self.row_names:
            caption.setText(_(str(caption.property("msgid"))))
        for column, radio in enumerate(self.radios):
            radio.setText(_("New person") if column == 0 else _("Same person: use this record"))
        names = typed.names
        name_ar = " ".join(n for n in (names["given_name_ar"], names["family_name_ar"]) if n)
        name_latn = " ".join(n for n in (names["given_name_latn"], names["family_name_latn"]) if n)
        values = [
            isolate_auto(name_ar) if name_ar else "—",
            isolate_auto(name_latn) if name_latn else "—",
            label(SEX_LABELS, typed.sex),
            _age(typed.year_for_matching),
            isolate_ltr(typed.cin) if typed.cin else "—",
            "—",
            _("given at registration"),
            _("What you typed"),
        ]
        self._fill(0, values)
        for column, view in enumerate(self._views, start=1):
            facts = view.facts
            reasons = ", ".join(_(r) for r in view.match.reasons)
            self._fill(
                column,
                [
                    isolate_auto(facts.name_ar) if facts.name_ar else "—",
                    isolate_auto(facts.name_latn or facts.known_as or "") or "—",
                    label(SEX_LABELS, facts.sex),
                    _age(facts.birth_year),
                    isolate_ltr(facts.cin_masked) if facts.cin_masked else "—",
                    _last_stay(facts),
                    isolate_ltr(facts.beneficiary_code),
                    _("{reasons} (score {score})").format(
                        reasons=reasons, score=format_decimal(view.match.score, places=0)
                    ),
                ],
            )

    def _fill(self, column: int, values: list[str]) -> None:
        for cell, value in zip(self.cells[column], values, strict=True):
            cell.setText(value)
