"""The first step of intake: who the person says they are, typed fast.

Names in the UI's own script come first (Arabic fields first in Arabic, Latin
first in French); one box takes an age ("45") or a birth year ("1980"); the origin
douar is searched as you type in either script and chosen from the list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QGridLayout, QLineEdit, QWidget

from coldwave_app.domain.vocabulary import Sex
from coldwave_app.i18n import _, current_language, isolate_ltr
from coldwave_app.i18n.formatting import parse_digits
from coldwave_app.services.places import find_places
from coldwave_app.storage.geography import Place
from coldwave_app.ui.session import Session
from coldwave_app.ui.shelter.labels import SEX_LABELS, label
from coldwave_app.ui.widgets import Label

__all__ = ["AGE_LIMIT", "FormProblem", "IdentityForm", "IdentityInput"]

AGE_LIMIT = 130
"""A number up to this is an age; above it, a birth year."""


class FormProblem(Exception):
    """A field the form itself cannot read; carries the translated text and the field."""

    def __init__(self, text: str, widget: QWidget) -> None:
        super().__init__(text)
        self.text = text
        self.widget = widget


@dataclass(frozen=True)
class IdentityInput:
    """What was typed, ready for likely_matches() and register_person()."""

    sex: str
    names: dict[str, str | None] = field(default_factory=dict)
    birth_year: int | None = None
    estimated_age: int | None = None
    cin: str | None = None
    origin_geo_code: str | None = None
    origin_name: str | None = None

    @property
    def year_for_matching(self) -> int | None:
        if self.birth_year is not None:
            return self.birth_year
        if self.estimated_age is not None:
            return dt.date.today().year - self.estimated_age
        return None


def _place_text(place: Place) -> str:
    names = [n for n in (place.name_ar, place.name_fr) if n]
    return f"{' / '.join(names)} ({isolate_ltr(place.code)})"


class IdentityForm(QWidget):
    """The intake fields. `read()` returns an IdentityInput or raises FormProblem."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._places: dict[str, Place] = {}
        self.chosen_place: Place | None = None
        self.given_ar, self.family_ar = QLineEdit(self), QLineEdit(self)
        self.given_latn, self.family_latn = QLineEdit(self), QLineEdit(self)
        for edit in (self.given_ar, self.family_ar):
            edit.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.sex = QComboBox(self)
        for code in (Sex.MALE, Sex.FEMALE, Sex.UNKNOWN):
            self.sex.addItem("", code.value)
        self.sex.setCurrentIndex(-1)
        self.age = QLineEdit(self)
        self.cin = QLineEdit(self)
        self.origin = QLineEdit(self)
        self._place_model = QStringListModel(self)
        self.completer = QCompleter(self._place_model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.origin.setCompleter(self.completer)
        self.origin.textEdited.connect(self._search_places)
        self.completer.activated.connect(self._choose_place)

        self.ar_label, self.latn_label = Label(parent=self), Label(parent=self)
        self.sex_label, self.age_label = Label(parent=self), Label(parent=self)
        self.cin_label, self.origin_label = Label(parent=self), Label(parent=self)
        arabic_first = current_language() == "ar"
        name_rows = [
            (self.ar_label, self.given_ar, self.family_ar),
            (self.latn_label, self.given_latn, self.family_latn),
        ]
        if not arabic_first:
            name_rows.reverse()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(10)
        for row, (caption, given, family) in enumerate(name_rows):
            grid.addWidget(caption, row, 0)
            grid.addWidget(given, row, 1)
            grid.addWidget(family, row, 2)
        rows = [
            (self.sex_label, self.sex),
            (self.age_label, self.age),
            (self.cin_label, self.cin),
            (self.origin_label, self.origin),
        ]
        for offset, (caption, widget) in enumerate(rows, start=len(name_rows)):
            grid.addWidget(caption, offset, 0)
            grid.addWidget(widget, offset, 1, 1, 2)
            caption.setBuddy(widget)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        # Tab goes through the fields in reading order, the name fields first.
        self.fields: list[QWidget] = [
            name_rows[0][1],
            name_rows[0][2],
            name_rows[1][1],
            name_rows[1][2],
            self.sex,
            self.age,
            self.cin,
            self.origin,
        ]
        for before, after in zip(self.fields, self.fields[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self.retranslate()

    @property
    def first_field(self) -> QWidget:
        return self.fields[0]

    # --- origin douar -------------------------------------------------------------

    def _search_places(self, text: str) -> None:
        self.chosen_place = None
        query = text.strip()
        if len(query) < 2:
            self._place_model.setStringList([])
            return
        places = self._session.read(lambda s: find_places(s, text=query, level="douar", limit=15))
        self._places = {_place_text(p): p for p in places}
        self._place_model.setStringList(list(self._places))

    def _choose_place(self, text: str) -> None:
        self.chosen_place = self._places.get(text)

    # --- reading ------------------------------------------------------------------

    def read(self) -> IdentityInput:
        sex = self.sex.currentData()
        if sex is None:
            raise FormProblem(_("Choose the sex."), self.sex)
        names = {
            "given_name_ar": self.given_ar.text().strip() or None,
            "family_name_ar": self.family_ar.text().strip() or None,
            "given_name_latn": self.given_latn.text().strip() or None,
            "family_name_latn": self.family_latn.text().strip() or None,
        }
        age_text = parse_digits(self.age.text().strip())
        birth_year = estimated_age = None
        if age_text:
            if not age_text.isdigit():
                raise FormProblem(
                    _("Type an age (45) or a birth year (1980), in digits."), self.age
                )
            number = int(age_text)
            if number <= AGE_LIMIT:
                estimated_age = number
            else:
                birth_year = number
        if self.origin.text().strip() and self.chosen_place is None:
            raise FormProblem(
                _("Choose the douar from the list, or leave the box empty."), self.origin
            )
        place = self.chosen_place
        return IdentityInput(
            sex=str(sex),
            names=names,
            birth_year=birth_year,
            estimated_age=estimated_age,
            cin=self.cin.text().strip() or None,
            origin_geo_code=place.code if place else None,
            origin_name=(place.name_ar or place.name_fr) if place else None,
        )

    def retranslate(self) -> None:
        self.ar_label.setText(_("Name in Arabic"))
        self.latn_label.setText(_("Name in Latin letters"))
        for given, family in ((self.given_ar, self.family_ar), (self.given_latn, self.family_latn)):
            given.setPlaceholderText(_("Given name"))
            family.setPlaceholderText(_("Family name"))
        self.sex_label.setText(_("Sex"))
        self.sex.setPlaceholderText(_("Choose…"))
        for index in range(self.sex.count()):
            self.sex.setItemText(index, label(SEX_LABELS, str(self.sex.itemData(index))))
        self.age_label.setText(_("Age or birth year"))
        self.age.setPlaceholderText(_("45 or 1980"))
        self.cin_label.setText(_("CIN (optional)"))
        self.origin_label.setText(_("Origin douar (optional)"))
        self.origin.setPlaceholderText(_("Type a few letters, Arabic or Latin"))
