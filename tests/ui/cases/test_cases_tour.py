"""The tour pictures of the Cases screen: every section of a case file, and the
referral dialog refusing a referral that has no consent behind it."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from coldwave_app.domain.errors import RuleViolation
from coldwave_app.i18n import translate_error
from coldwave_app.services import case_desk
from coldwave_app.services.people import withdraw_consent
from coldwave_app.services.referrals import referrals_of
from coldwave_app.ui.cases import SCREENS, CasesScreen
from coldwave_app.ui.cases.case_file_view import CaseFileView
from coldwave_app.ui.cases.referral_dialog import ReferralDialog
from coldwave_app.ui.session import Session


def test_tour_pictures_each_section_and_the_consent_refusal(
    app: QApplication, screen: CasesScreen, demo_session: Session
) -> None:
    (spec,) = SCREENS
    assert spec.tour is not None
    before = demo_session.read(
        lambda s: {
            r.case_id: len(referrals_of(s, case_id=r.case_id))
            for r in case_desk.case_page(s, where=case_desk.case_filter(s, status="all"), offset=0)
        }
    )
    shots = dict(spec.tour(screen))
    try:
        assert list(shots) == [
            "case-assessment",
            "case-referrals",
            "case-follow-ups",
            "case-reintegration",
            "case-notes",
            "referral-consent-refused",
        ]
        tabs = [w for w in shots.values() if isinstance(w, CaseFileView)]
        assert [v.tabs.currentIndex() for v in tabs] == [0, 1, 2, 3, 4]
        dialog = shots["referral-consent-refused"]
        assert isinstance(dialog, ReferralDialog)
        refusal = RuleViolation(
            "No consent to share this person's details with a partner: "
            "record their consent before referring."
        )
        assert dialog.message.text() == "⚠ " + translate_error(refusal)
        after = demo_session.read(
            lambda s: {case_id: len(referrals_of(s, case_id=case_id)) for case_id in before}
        )
        assert after == before  # the refusal wrote nothing
    finally:
        for widget in shots.values():
            widget.close()
            widget.deleteLater()


def test_tour_refusal_needs_a_case_without_consent(
    app: QApplication, screen: CasesScreen, demo_session: Session
) -> None:
    """With every consent withdrawn the tour still finds a case to refuse."""
    for row in demo_session.read(
        lambda s: case_desk.case_page(s, where=case_desk.case_filter(s), offset=0)
    ):
        _person, consent = demo_session.read(
            lambda s, row=row: case_desk.referral_consent(s, case_id=row.case_id)
        )
        if consent is not None and consent.given and consent.withdrawn_at is None:
            demo_session.write(
                lambda s, c=consent: withdraw_consent(s, consent_id=c.id, reason="Retrait")
            )
    shots = dict(SCREENS[0].tour(screen))  # type: ignore[misc]
    try:
        dialog = shots["referral-consent-refused"]
        assert isinstance(dialog, ReferralDialog) and dialog.message.isVisibleTo(dialog)
    finally:
        for widget in shots.values():
            widget.close()
            widget.deleteLater()
