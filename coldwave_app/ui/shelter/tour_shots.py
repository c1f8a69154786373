"""Extra pictures for `coldwave tour`: the intake dialog filled with a likely
duplicate shown side by side, and the check-out dialog of an occupied bed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from coldwave_app.services.shelter_desk import match_facts
from coldwave_app.ui.shelter.bed_board import BedBoardScreen
from coldwave_app.ui.shelter.intake_dialog import IntakeDialog
from coldwave_app.ui.shelter.stay_dialogs import CheckOutDialog

__all__ = ["bed_board_shots"]


def _fill_with_resident(screen: BedBoardScreen, dialog: IntakeDialog) -> None:
    """Type the name of someone already in a bed, as a desk would by mistake."""
    occupied = next((t for t in (screen.board.tiles if screen.board else []) if t.person_id), None)
    if occupied is None or occupied.person_id is None:
        return
    person = occupied.person_id
    [facts] = screen.session.read(lambda s: match_facts(s, person_ids=[person]))
    form = dialog.form
    if facts.name_latn:
        given, _sep, family = facts.name_latn.partition(" ")
        form.given_latn.setText(given)
        form.family_latn.setText(family)
    if facts.name_ar:
        given, _sep, family = facts.name_ar.partition(" ")
        form.given_ar.setText(given)
        form.family_ar.setText(family)
    form.sex.setCurrentIndex(form.sex.findData(facts.sex))
    if facts.birth_year:
        form.age.setText(str(facts.birth_year))
    dialog.check_duplicates(wait=True)


def bed_board_shots(widget: QWidget) -> Sequence[tuple[str, QWidget]]:
    """[("shelter-intake", dialog), ("shelter-checkout", dialog)] from an opened board."""
    if not isinstance(widget, BedBoardScreen):
        return []
    shots: list[tuple[str, QWidget]] = []
    facility = widget.context.facility_id
    if facility is None:
        return shots
    intake = IntakeDialog(widget.session, facility, widget)
    _fill_with_resident(widget, intake)
    shots.append(("shelter-intake", intake))
    occupied = next((b for b in widget.tiles.values() if b.tile.stay_id), None)
    if occupied is not None:
        widget.focus_bed(occupied.tile.label)
        card = widget.card.card
        if card is not None:
            shots.append(("shelter-checkout", CheckOutDialog(widget.session, card, widget)))
    return shots
