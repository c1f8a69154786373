"""Case work: referrals need consent, the due list drives the caseworker's day, checks
follow a return to the family, and notes stay with those allowed to read them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from coldwave_app.domain.case_rules import FollowUpKind, Priority
from coldwave_app.domain.errors import InvalidInput, RuleViolation
from coldwave_app.domain.vocabulary import Role
from coldwave_app.services.campaign_setup import create_campaign
from coldwave_app.services.cases import (
    add_note,
    case_summary,
    close_case,
    due_list,
    field_history,
    notes_for,
    open_case,
    record_assessment,
    record_follow_up,
    record_mediation_step,
    record_reintegration_check,
    record_return,
    refer,
    start_reintegration,
    update_referral_status,
)
from coldwave_app.services.people import record_consent
from coldwave_app.storage.local_store import LocalStore

TODAY = date(2026, 1, 10)


@pytest.fixture
def campaign_store(store: LocalStore) -> LocalStore:
    create_campaign(store, name="Hiver", province_code="05.301", period_start=date(2025, 11, 17))
    return store


def _person(store: LocalStore, code: str = "P-0001") -> str:
    # Someone who refused to give a name or a CIN: case work must still be open to them.
    row = store.writer().insert(
        "person",
        {
            "known_as": "Bouchaib",
            "name_quality": "refused",
            "sex": "m",
            "dob_quality": "unknown",
            "cin_quality": "refused",
            "beneficiary_code": code,
        },
    )
    return str(row["id"])


def _consent(store: LocalStore, person_id: str, *, given: int = 1) -> str:
    row = store.writer().insert(
        "consent",
        {
            "person_id": person_id,
            "purpose": "referral_sharing",
            "given": given,
            "method": "verbal_witnessed",
            "language": "ary",
            "recorded_by": store.user.id,
            "given_on": "2026-01-05",
        },
    )
    return str(row["id"])


def _org(store: LocalStore) -> str:
    row = store.writer().insert(
        "organisation", {"name_fr": "Hôpital provincial de Khénifra", "kind": "hospital"}
    )
    return str(row["id"])


def _case(store: LocalStore, person_id: str | None = None, **kwargs: str) -> str:
    return open_case(
        store,
        person_id=person_id or _person(store),
        opened_at=datetime(2026, 1, 5, 10, 30),
        window_name="Guichet social Khénifra",
        **kwargs,
    )


def _outbox(store: LocalStore) -> int:
    return int(store.db.execute("SELECT count(*) FROM outbox").fetchone()[0])


def test_person_who_refused_identifiers_gets_a_case_file(campaign_store: LocalStore) -> None:
    case_id = _case(campaign_store)
    record_assessment(
        campaign_store,
        case_id=case_id,
        assessed_on=date(2026, 1, 5),
        needs=["health", "shelter"],
        priority="high",
    )
    summary = case_summary(campaign_store, case_id=case_id)
    assert summary.case.status == "open"
    assert summary.case.priority == "high"
    assert summary.needs == ["shelter", "health"]
    assert summary.subject_name == "Bouchaib"


def test_second_open_case_for_the_same_person_is_refused(campaign_store: LocalStore) -> None:
    person_id = _person(campaign_store)
    _case(campaign_store, person_id)
    with pytest.raises(RuleViolation):
        _case(campaign_store, person_id)


def test_assessment_with_an_unknown_need_is_refused(campaign_store: LocalStore) -> None:
    case_id = _case(campaign_store)
    with pytest.raises(InvalidInput) as caught:
        record_assessment(
            campaign_store,
            case_id=case_id,
            assessed_on=date(2026, 1, 5),
            needs=["luck"],
            priority="low",
        )
    assert caught.value.params == {"value": "luck"}


def test_referral_without_consent_is_refused(campaign_store: LocalStore) -> None:
    case_id = _case(campaign_store)
    with pytest.raises(RuleViolation):
        refer(
            campaign_store,
            case_id=case_id,
            to_org_id=_org(campaign_store),
            service_type="health",
            sent_on=TODAY,
        )
    assert campaign_store.db.execute("SELECT count(*) FROM referral").fetchone()[0] == 0


def test_referral_after_consent_withdrawal_is_refused(campaign_store: LocalStore) -> None:
    person_id = _person(campaign_store)
    consent_id = _consent(campaign_store, person_id)
    campaign_store.writer().update(
        "consent",
        consent_id,
        {"withdrawn_at": "2026-01-08", "withdrawn_by": campaign_store.user.id},
    )
    case_id = _case(campaign_store, person_id)
    with pytest.raises(RuleViolation):
        refer(
            campaign_store,
            case_id=case_id,
            to_org_id=_org(campaign_store),
            service_type="health",
            sent_on=TODAY,
        )


def test_later_refusal_of_consent_outweighs_an_earlier_yes(campaign_store: LocalStore) -> None:
    person_id = _person(campaign_store)
    _consent(campaign_store, person_id)
    _consent(campaign_store, person_id, given=0)
    case_id = _case(campaign_store, person_id)
    with pytest.raises(RuleViolation):
        refer(
            campaign_store,
            case_id=case_id,
            to_org_id=_org(campaign_store),
            service_type="health",
            sent_on=TODAY,
        )


def test_referral_with_consent_is_recorded_with_its_consent_id(
    campaign_store: LocalStore,
) -> None:
    person_id = _person(campaign_store)
    consent_id = _consent(campaign_store, person_id)
    case_id = _case(campaign_store, person_id)
    referral_id = refer(
        campaign_store,
        case_id=case_id,
        to_org_id=_org(campaign_store),
        service_type="health",
        sent_on=TODAY,
    )
    row = campaign_store.db.execute(
        "SELECT consent_id, status, sent_on FROM referral WHERE id = ?", [referral_id]
    ).fetchone()
    assert row == (consent_id, "sent", "2026-01-10")


def _referral(store: LocalStore) -> str:
    person_id = _person(store)
    _consent(store, person_id)
    return refer(
        store,
        case_id=_case(store, person_id),
        to_org_id=_org(store),
        service_type="health",
        sent_on=TODAY,
    )


def test_illegal_referral_status_transition_is_refused(campaign_store: LocalStore) -> None:
    referral_id = _referral(campaign_store)
    with pytest.raises(RuleViolation) as caught:
        update_referral_status(
            campaign_store, referral_id=referral_id, status="completed", feedback_on=TODAY
        )
    assert caught.value.params == {"current": "sent", "new": "completed"}


def test_referral_answers_keep_their_field_history(campaign_store: LocalStore) -> None:
    referral_id = _referral(campaign_store)
    update_referral_status(
        campaign_store, referral_id=referral_id, status="accepted", feedback_on=date(2026, 1, 12)
    )
    update_referral_status(
        campaign_store,
        referral_id=referral_id,
        status="completed",
        feedback_on=date(2026, 1, 20),
        outcome="Consultation done",
    )
    history = field_history(campaign_store, table="referral", record_id=referral_id, field="status")
    assert [h.value for h in history] == ["sent", "accepted", "completed"]
    row = campaign_store.db.execute(
        "SELECT feedback_on, outcome FROM referral WHERE id = ?", [referral_id]
    ).fetchone()
    assert row == ("2026-01-20", "Consultation done")


def test_referral_answer_before_it_was_sent_is_refused(campaign_store: LocalStore) -> None:
    referral_id = _referral(campaign_store)
    with pytest.raises(InvalidInput):
        update_referral_status(
            campaign_store, referral_id=referral_id, status="accepted", feedback_on=date(2026, 1, 1)
        )


def test_follow_up_with_next_date_in_the_past_is_refused(campaign_store: LocalStore) -> None:
    case_id = _case(campaign_store)
    with pytest.raises(InvalidInput):
        record_follow_up(
            campaign_store,
            case_id=case_id,
            occurred_on=TODAY,
            mode="phone",
            next_date=date(2026, 1, 9),
        )


def test_first_follow_up_puts_the_case_in_follow_up(campaign_store: LocalStore) -> None:
    case_id = _case(campaign_store)
    record_follow_up(
        campaign_store,
        case_id=case_id,
        occurred_on=TODAY,
        mode="home_visit",
        next_date=date(2026, 1, 17),
    )
    summary = case_summary(campaign_store, case_id=case_id)
    assert summary.case.status == "in_follow_up"
    assert summary.next_date == "2026-01-17"


def _followed(store: LocalStore, priority: str, next_date: date) -> str:
    case_id = _case(store, _person(store, f"P-{priority}-{next_date}"))
    record_assessment(
        store, case_id=case_id, assessed_on=date(2026, 1, 5), needs=["food"], priority=priority
    )
    record_follow_up(
        store, case_id=case_id, occurred_on=date(2026, 1, 5), mode="phone", next_date=next_date
    )
    return case_id


def test_due_list_puts_overdue_first_then_priority(campaign_store: LocalStore) -> None:
    later_high = _followed(campaign_store, "high", date(2026, 1, 20))
    overdue_low = _followed(campaign_store, "low", date(2026, 1, 6))
    today_medium = _followed(campaign_store, "medium", TODAY)
    overdue_high = _followed(campaign_store, "high", date(2026, 1, 8))
    items = due_list(campaign_store, today=TODAY)
    assert [i.case_id for i in items] == [overdue_high, overdue_low, later_high, today_medium]
    assert [i.overdue_days for i in items] == [2, 4, 0, 0]
    assert items[0].priority is Priority.HIGH
    assert items[0].kind is FollowUpKind.REGULAR


def test_due_list_follows_only_the_latest_follow_up(campaign_store: LocalStore) -> None:
    case_id = _followed(campaign_store, "medium", date(2026, 1, 8))
    record_follow_up(campaign_store, case_id=case_id, occurred_on=date(2026, 1, 9), mode="phone")
    assert due_list(campaign_store, today=TODAY) == []


def test_due_list_of_one_caseworker(campaign_store: LocalStore) -> None:
    mine = open_case(
        campaign_store,
        person_id=_person(campaign_store, "P-mine"),
        opened_at=date(2026, 1, 5),
        window_name="Guichet",
        caseworker_id="worker-1",
    )
    record_follow_up(campaign_store, case_id=mine, occurred_on=TODAY, mode="phone", next_date=TODAY)
    _followed(campaign_store, "high", TODAY)
    assert [i.case_id for i in due_list(campaign_store, today=TODAY, caseworker_id="worker-1")] == [
        mine
    ]


def test_closing_a_case_removes_it_from_the_due_list(campaign_store: LocalStore) -> None:
    case_id = _followed(campaign_store, "high", date(2026, 1, 8))
    close_case(campaign_store, case_id=case_id, closed_at=TODAY, reason="goals_met")
    assert due_list(campaign_store, today=TODAY) == []
    with pytest.raises(RuleViolation):
        record_follow_up(campaign_store, case_id=case_id, occurred_on=TODAY, mode="phone")


def test_return_creates_30_and_90_day_checks_that_leave_once_done(
    campaign_store: LocalStore,
) -> None:
    person_id = _person(campaign_store)
    case_id = _case(campaign_store, person_id)
    record_consent(campaign_store, person_id=person_id, purpose="family_contact", method="signed")
    reintegration_id = start_reintegration(
        campaign_store, case_id=case_id, contact_name="Fatima", contact_relation="sister"
    )
    record_mediation_step(
        campaign_store,
        reintegration_id=reintegration_id,
        occurred_on=date(2026, 1, 6),
        step="first_contact",
        outcome="Family willing to meet",
    )
    # Before the return nothing is scheduled.
    assert due_list(campaign_store, today=TODAY) == []
    checks = record_return(
        campaign_store, reintegration_id=reintegration_id, returned_on=date(2026, 1, 12)
    )
    assert checks == (date(2026, 2, 11), date(2026, 4, 12))

    a_week_on = date(2026, 1, 19)
    assert due_list(campaign_store, today=a_week_on, until=a_week_on) == []
    due = due_list(campaign_store, today=date(2026, 2, 13))
    assert [(i.kind, i.due_on, i.overdue_days) for i in due] == [
        (FollowUpKind.CHECK_30, date(2026, 2, 11), 2),
        (FollowUpKind.CHECK_90, date(2026, 4, 12), 0),
    ]

    record_reintegration_check(
        campaign_store,
        reintegration_id=reintegration_id,
        check="check_30",
        occurred_on=date(2026, 2, 13),
        mode="home_visit",
        outcome="Still living with his sister",
    )
    assert [i.kind for i in due_list(campaign_store, today=date(2026, 2, 13))] == [
        FollowUpKind.CHECK_90
    ]
    record_reintegration_check(
        campaign_store,
        reintegration_id=reintegration_id,
        check="check_90",
        occurred_on=date(2026, 4, 12),
        mode="phone",
    )
    assert due_list(campaign_store, today=date(2026, 4, 12)) == []


def test_reintegration_check_before_the_return_is_refused(campaign_store: LocalStore) -> None:
    reintegration_id = start_reintegration(campaign_store, case_id=_case(campaign_store))
    with pytest.raises(RuleViolation):
        record_reintegration_check(
            campaign_store,
            reintegration_id=reintegration_id,
            check="check_30",
            occurred_on=TODAY,
            mode="phone",
        )


def test_voided_check_comes_back_on_the_due_list(campaign_store: LocalStore) -> None:
    reintegration_id = start_reintegration(campaign_store, case_id=_case(campaign_store))
    record_return(campaign_store, reintegration_id=reintegration_id, returned_on=date(2026, 1, 1))
    check_id = record_reintegration_check(
        campaign_store,
        reintegration_id=reintegration_id,
        check="check_30",
        occurred_on=date(2026, 1, 31),
        mode="phone",
    )
    campaign_store.writer().correct("follow_up", check_id, kind="void", reason="wrong case")
    kinds = [i.kind for i in due_list(campaign_store, today=date(2026, 2, 1))]
    assert kinds == [FollowUpKind.CHECK_30, FollowUpKind.CHECK_90]


def test_notes_are_hidden_from_roles_that_may_not_read_them(campaign_store: LocalStore) -> None:
    case_id = _case(campaign_store)
    add_note(campaign_store, case_id=case_id, visibility="team", text="Came in the evening.")
    add_note(
        campaign_store, case_id=case_id, visibility="caseworker_only", text="Conflict with father."
    )
    add_note(campaign_store, case_id=case_id, visibility="health_only", text="Diabetic.")

    social = notes_for(campaign_store, case_id=case_id, role=Role.SOCIAL_WORKER)
    assert [n.text for n in social.notes] == ["Came in the evening.", "Conflict with father."]
    assert social.withheld == 1
    health = notes_for(campaign_store, case_id=case_id, role="health_worker")
    assert [n.text for n in health.notes] == ["Came in the evening.", "Diabetic."]
    assert health.withheld == 1
    viewer = notes_for(campaign_store, case_id=case_id, role=Role.VIEWER)
    assert (viewer.notes, viewer.withheld) == ([], 3)
    assert len(notes_for(campaign_store, case_id=case_id, role=Role.ADMIN).notes) == 3


def test_empty_note_is_refused(campaign_store: LocalStore) -> None:
    with pytest.raises(InvalidInput):
        add_note(campaign_store, case_id=_case(campaign_store), visibility="team", text="  ")


def test_every_write_adds_outbox_rows(campaign_store: LocalStore) -> None:
    person_id = _person(campaign_store)
    _consent(campaign_store, person_id)
    record_consent(campaign_store, person_id=person_id, purpose="family_contact", method="signed")
    org_id = _org(campaign_store)
    before = _outbox(campaign_store)

    def grew() -> bool:
        nonlocal before
        now = _outbox(campaign_store)
        grown, before = now > before, now
        return grown

    case_id = _case(campaign_store, person_id)
    assert grew()
    record_assessment(
        campaign_store, case_id=case_id, assessed_on=TODAY, needs=["documents"], priority="low"
    )
    assert grew()
    referral_id = refer(
        campaign_store, case_id=case_id, to_org_id=org_id, service_type="cin", sent_on=TODAY
    )
    assert grew()
    update_referral_status(
        campaign_store, referral_id=referral_id, status="no_answer", feedback_on=TODAY
    )
    assert grew()
    record_follow_up(campaign_store, case_id=case_id, occurred_on=TODAY, mode="at_centre")
    assert grew()
    reintegration_id = start_reintegration(campaign_store, case_id=case_id)
    assert grew()
    record_mediation_step(
        campaign_store, reintegration_id=reintegration_id, occurred_on=TODAY, step="family_visit"
    )
    assert grew()
    record_return(campaign_store, reintegration_id=reintegration_id, returned_on=TODAY)
    assert grew()
    record_reintegration_check(
        campaign_store,
        reintegration_id=reintegration_id,
        check="check_30",
        occurred_on=date(2026, 2, 9),
        mode="phone",
    )
    assert grew()
    add_note(campaign_store, case_id=case_id, visibility="team", text="Doing well.")
    assert grew()
    close_case(campaign_store, case_id=case_id, closed_at=TODAY, reason="reintegrated")
    assert grew()
    tables = {
        r[0] for r in campaign_store.db.execute("SELECT DISTINCT table_name FROM outbox").fetchall()
    }
    assert {
        "case_file",
        "intake_assessment",
        "referral",
        "follow_up",
        "family_reintegration",
        "mediation_step",
        "case_note",
    } <= tables
