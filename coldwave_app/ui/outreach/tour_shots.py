"""Extra pictures of the outreach screens for `coldwave tour`: the douar picker with
results, a douar's households, the entitlement warning, a round's reconciliation and
a filled street encounter. Nothing is written: the warning comes from a preview
against an earlier distribution event, the reconciliation from the last ended round."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

from coldwave_app.services.outreach_desk import catalogue, last_event_at, last_round
from coldwave_app.services.outreach_rounds import round_reconciliation
from coldwave_app.ui.outreach.end_round import ReconciliationTable

if TYPE_CHECKING:
    from coldwave_app.ui.outreach.round_screen import OutreachRoundScreen
    from coldwave_app.ui.outreach.street_screen import StreetEncounterScreen

TOUR_SIZE = QSize(1280, 800)


def _opened(screen: OutreachRoundScreen) -> OutreachRoundScreen:
    twin = type(screen)(screen.session)
    twin.resize(TOUR_SIZE)
    for choice in twin.picker.choices:
        twin.open_douar(choice)
        if twin.model.rowCount():
            break
    return twin


def round_tour(screen: OutreachRoundScreen) -> Sequence[tuple[str, QWidget]]:
    session = screen.session
    shots: list[tuple[str, QWidget]] = []
    search = type(screen)(session)
    search.resize(TOUR_SIZE)
    search.picker.search.setText("ait")
    search.picker.flush()
    shots.append(("douar-search", search))
    shots.append(("households", _opened(screen)))
    warned = _opened(screen)
    form = warned.form
    event = session.read(
        lambda s: last_event_at(s, geo_code=warned.douar.code) if warned.douar else None
    )
    blanket = next((n for n, e in enumerate(form.entries) if e.code == "BLANKET"), None)
    if event is not None and blanket is not None and form.recipient.count() > 1:
        form.recipient.setCurrentIndex(1)
        form.thing.setCurrentIndex(blanket)
        form.check_at(event, record_if_clear=False)
    shots.append(("entitlement-warning", warned))
    round_id = session.read(lambda s: last_round(s, kind="rural"))
    if round_id is not None:
        table = ReconciliationTable(session.read(catalogue))
        table.show_reconciliation(
            session.read(lambda s: round_reconciliation(s, round_id=round_id))
        )
        table.resize(QSize(900, 420))
        shots.append(("reconciliation", table))
    return shots


def street_tour(screen: StreetEncounterScreen) -> Sequence[tuple[str, QWidget]]:
    filled = type(screen)(screen.session)
    filled.resize(TOUR_SIZE)
    filled.outcome.setCurrentIndex(0)
    filled.place.setEditText("Gare routière")
    filled.note.setText("Homme âgé, seul, refuse de quitter son abri")
    if filled.grid.entries:
        filled.grid.spins[filled.grid.entries[0].id].setValue(1)
    return [("street-filled", filled)]
