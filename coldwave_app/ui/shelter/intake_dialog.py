"""Intake and check-in, in three steps on one dialog, all with Tab and Enter:

1. who (IntakeDialog.form): names, sex, age or birth year, CIN, origin douar;
2. the duplicate check BEFORE anyone is created: likely matches side by side;
3. the bed and how the person came; Enter registers the new person (if chosen)
   and checks them in.

A failure keeps everything typed and says why on the message line. A person
registered before a failed check-in is reused on the next try, never registered twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.domain.shelter_rules import EntryRoute
from coldwave_app.i18n import _, isolate_auto, isolate_ltr, translate_error
from coldwave_app.services.dedup import likely_matches
from coldwave_app.services.people import register_person
from coldwave_app.services.shelter import check_in
from coldwave_app.services.shelter_desk import (
    bed_board_for_night,
    desk_province,
    match_facts,
)
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.ui.session import BackgroundJob, Session
from coldwave_app.ui.shelter.desk_dialog import DeskDialog
from coldwave_app.ui.shelter.intake_identity import FormProblem, IdentityForm, IdentityInput
from coldwave_app.ui.shelter.labels import RESERVED_FOR, ROUTE_LABELS, TILE_LABELS, label
from coldwave_app.ui.shelter.match_panel import MatchPanel, MatchView
from coldwave_app.ui.widgets import Label, set_button_text

__all__ = ["IntakeDialog"]

IDENTITY, MATCHES, BED = range(3)


def _find_matches(store: LocalStore, typed: IdentityInput, province: str | None) -> list[MatchView]:
    names = typed.names
    found = likely_matches(
        store,
        sex=typed.sex,
        given_name_ar=names["given_name_ar"],
        family_name_ar=names["family_name_ar"],
        given_name_latn=names["given_name_latn"],
        family_name_latn=names["family_name_latn"],
        birth_year=typed.year_for_matching,
        province_code=province,
        cin=typed.cin,
    )
    facts = {f.person_id: f for f in match_facts(store, person_ids=[m.person_id for m in found])}
    return [MatchView(m, facts[m.person_id]) for m in found if m.person_id in facts]


class IntakeDialog(DeskDialog):
    """Register (or find) a person and check them in to a bed of `facility_id`.

    `bed_id` preselects a bed (the tile the desk chose). After accept(), `stay_id`
    and `person_id` name what was stored.
    """

    def __init__(
        self,
        session: Session,
        facility_id: str,
        parent: QWidget | None = None,
        *,
        bed_id: str | None = None,
        now: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._facility_id = facility_id
        self._wanted_bed = bed_id
        self._now = now
        self._typed: IdentityInput | None = None
        self._province: str | None = session.read(desk_province)
        self._registered: tuple[IdentityInput, str] | None = None
        self.job: BackgroundJob | None = None
        self.person_id: str | None = None
        self.stay_id: str | None = None

        self.title = Label(parent=self)
        self.title.setObjectName("dialogTitle")
        self.step_label = Label(parent=self)
        self.form = IdentityForm(session, self)
        self.matches = MatchPanel(self)
        self.bed_page = QWidget(self)
        self.chosen_label = Label(parent=self.bed_page)
        self.chosen_label.setObjectName("sectionHeading")
        self.chosen_label.setWordWrap(True)
        self.bed = QComboBox(self.bed_page)
        self.route = QComboBox(self.bed_page)
        for code in EntryRoute:
            self.route.addItem("", code.value)
        self.route.setCurrentIndex(self.route.findData(EntryRoute.SELF.value))
        self.bed_label, self.route_label = Label(parent=self), Label(parent=self)
        bed_form = QFormLayout(self.bed_page)
        bed_form.addRow(self.chosen_label)
        bed_form.addRow(self.bed_label, self.bed)
        bed_form.addRow(self.route_label, self.route)
        self.pages = QStackedWidget(self)
        self.matches_scroll = QScrollArea(self)
        self.matches_scroll.setWidgetResizable(True)
        self.matches_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.matches_scroll.setWidget(self.matches)
        for page in (self.form, self.matches_scroll, self.bed_page):
            self.pages.addWidget(page)
        self.back_button = QPushButton(self)
        self.back_button.setAutoDefault(False)
        self.back_button.setShortcut("Alt+Left")
        self.back_button.clicked.connect(self.back)
        buttons = self.button_row()
        buttons.insertWidget(0, self.back_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.step_label)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.setMinimumSize(980, 660)
        self._show_page(IDENTITY)

    @property
    def page(self) -> int:
        return self.pages.currentIndex()

    def _show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.back_button.setVisible(page != IDENTITY)
        self.retranslate()
        if page == IDENTITY:
            self.form.first_field.setFocus()
        elif page == MATCHES:
            self.matches.focus_first_choice()
        else:
            self.bed.setFocus()

    def back(self) -> None:
        if self.page > IDENTITY:
            self.message.clear()
            self._show_page(self.page - 1)

    # --- step by step -------------------------------------------------------------

    def submit(self) -> None:
        if self.job is not None and not self.job.finished:
            return  # the duplicate check is still running
        self.message.clear()
        if self.page == IDENTITY:
            self.check_duplicates()
        elif self.page == MATCHES:
            self._confirm_choice()
        else:
            self._check_in()

    def check_duplicates(self, *, wait: bool = False) -> None:
        """Read the form, then look for likely matches off the UI thread.

        `wait=True` runs the search on this thread (the tour's pictures).
        """
        try:
            typed = self.form.read()
        except FormProblem as problem:
            self.show_message(problem.text, error=True)
            problem.widget.setFocus()
            return
        self._typed = typed
        province = self._province
        if wait:
            views = self._session.read(lambda s: _find_matches(s, typed, province))
            self._show_matches(views)
            return
        self.show_message(_("Looking for people already registered…"))
        self.job = self._session.run(
            lambda s, _job: _find_matches(s, typed, province),
            on_done=self._show_matches,
            on_error=self._job_failed,
        )

    def _job_failed(self, err: Any) -> None:
        self.job = None
        text = translate_error(err) if isinstance(err, ColdwaveError) else str(err)
        self.show_message(text, error=True)

    def _show_matches(self, views: list[MatchView]) -> None:
        assert self._typed is not None
        self.job = None  # done: its other queued signals may still be on their way
        self.message.clear()
        self.matches.show_matches(self._typed, views)
        self._show_page(MATCHES)

    def _confirm_choice(self) -> None:
        choice = self.matches.choice()
        if choice is None:
            self.show_message(_("Choose the same person or New person."), error=True)
            self.matches.focus_first_choice()
            return
        self.person_id = choice or None
        self._load_beds()
        self._show_page(BED)

    def _load_beds(self) -> None:
        facility, night = self._facility_id, self._now().date()
        board = self._session.read(
            lambda s: bed_board_for_night(s, facility_id=facility, night=night)
        )
        wanted = self._wanted_bed if self.bed.currentData() is None else self.bed.currentData()
        self.bed.clear()
        for tile in board.tiles:
            if tile.takes_check_in:
                parts = [isolate_ltr(tile.label), label(TILE_LABELS, tile.state)]
                restriction = RESERVED_FOR.get(tile.sex_restriction or "")
                if restriction:
                    parts.append(_(restriction))
                self.bed.addItem(" · ".join(parts), tile.bed_id)
        self.bed.setCurrentIndex(max(self.bed.findData(wanted), 0) if wanted else 0)

    def _check_in(self) -> None:
        typed, bed_id = self._typed, self.bed.currentData()
        if typed is None:
            return
        if bed_id is None:
            self.show_message(_("No free bed tonight in this shelter."), error=True)
            return
        try:
            person_id = self.person_id or self._register(typed)
            facility, route, at = self._facility_id, str(self.route.currentData()), self._now()
            self.stay_id = self._session.write(
                lambda s: check_in(
                    s,
                    person_id=person_id,
                    facility_id=facility,
                    bed_id=str(bed_id),
                    entry_route=route,
                    at=at,
                )
            )
        except ColdwaveError as err:
            self.show_error(err)
            return
        self.person_id = person_id
        self.accept()

    def _register(self, typed: IdentityInput) -> str:
        """Register the typed person once; a retry after a failed check-in reuses them."""
        if self._registered is not None and self._registered[0] == typed:
            return self._registered[1]
        names, shown, province = typed.names, self.matches.shown_ids, self._province
        person = self._session.write(
            lambda s: register_person(
                s,
                sex=typed.sex,
                given_name_ar=names["given_name_ar"],
                family_name_ar=names["family_name_ar"],
                given_name_latn=names["given_name_latn"],
                family_name_latn=names["family_name_latn"],
                birth_year=typed.birth_year,
                estimated_age=typed.estimated_age,
                cin=typed.cin,
                origin_geo_code=typed.origin_geo_code,
                province_code=province,
                created_anyway_of=shown,
            )
        )
        self._registered = (typed, person.id)
        return person.id

    # --- texts --------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(_("Intake and check-in"))
        self.title.setText(_("Intake and check-in"))
        steps = {
            IDENTITY: _("Step 1 of 3: who is it? Enter checks for people already registered."),
            MATCHES: _("Step 2 of 3: already registered?"),
            BED: _("Step 3 of 3: bed. Enter checks the person in."),
        }
        self.step_label.setText(steps[self.page])
        self.form.retranslate()
        self.matches.retranslate()
        self.bed_label.setText(_("Bed"))
        self.route_label.setText(_("Came through"))
        for index in range(self.route.count()):
            self.route.setItemText(index, label(ROUTE_LABELS, str(self.route.itemData(index))))
        if self._typed is not None:
            who = self._typed_name()
            if self.person_id:
                self.chosen_label.setText(_("Existing person: {name}").format(name=who))
            else:
                self.chosen_label.setText(_("New person: {name}").format(name=who))
        set_button_text(self.back_button, _("Back"))
        ok = {IDENTITY: _("Check for duplicates"), MATCHES: _("Continue"), BED: _("Check in")}
        self.set_button_texts(ok[self.page])

    def _typed_name(self) -> str:
        view = self.matches.view(self.person_id) if self.person_id else None
        if view is not None:
            facts = view.facts
            name = facts.name_latn or facts.name_ar or facts.known_as or ""
            return f"{isolate_auto(name)} ({isolate_ltr(facts.beneficiary_code)})"
        names = self._typed.names if self._typed else {}
        text = " ".join(n for n in names.values() if n)
        return isolate_auto(text or "—")
