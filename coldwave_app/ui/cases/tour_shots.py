"""The extra pictures of the Cases screen for `coldwave tour`: each section of a
case file, and the referral dialog refusing a referral whose consent is missing.

The refusal is real (the service is asked and says no); a refused referral writes
nothing, so the tour leaves the data as it was.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

from coldwave_app.services import case_desk
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.ui.cases.case_file_view import CaseFileView
from coldwave_app.ui.cases.cases_screen import CasesScreen
from coldwave_app.ui.cases.consent_dialogs import consent_stands
from coldwave_app.ui.session import Session

__all__ = ["TOUR_SIZE", "case_tour"]

TOUR_SIZE = QSize(1280, 800)
_SECTION_KEYS = ("assessment", "referrals", "follow-ups", "reintegration", "notes")


def _pick_cases(session: Session) -> tuple[str | None, str | None]:
    """(an open case with a family reintegration, an open case without consent to share)."""

    def pick(store: LocalStore) -> tuple[str | None, str | None]:
        where = case_desk.case_filter(store, status="active")
        rows = case_desk.case_page(store, where=where, offset=0)
        full = no_consent = None
        for row in rows:
            if full is None and case_desk.reintegrations(store, case_id=row.case_id, role="admin"):
                full = row.case_id
            _person, consent = case_desk.referral_consent(store, case_id=row.case_id)
            if no_consent is None and not consent_stands(consent):
                no_consent = row.case_id
        first = rows[0].case_id if rows else None
        return full or first, no_consent

    return session.read(pick)


def case_tour(widget: QWidget) -> Sequence[tuple[str, QWidget]]:
    if not isinstance(widget, CasesScreen):
        return []
    session = widget.session
    full, no_consent = _pick_cases(session)
    shots: list[tuple[str, QWidget]] = []
    if full is not None:
        for n, key in enumerate(_SECTION_KEYS):
            view = CaseFileView(session)
            view.setStyleSheet(widget.styleSheet())
            view.resize(TOUR_SIZE)
            view.show_case(full)
            view.go_to(n)
            shots.append((f"case-{key}", view))
    target = no_consent or full
    if target is not None:
        view = CaseFileView(session)
        view.show_case(target)
        dialog = view.referrals.new_referral()
        if dialog is not None:
            dialog.setParent(None)
            dialog.service_edit.setText("Hébergement")
            dialog.accept()  # refused when consent is missing: the message shows
            shots.append(("referral-consent-refused", dialog))
        view.deleteLater()
    return shots
