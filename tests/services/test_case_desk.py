"""The case desk's reads: the paged case list and its filters, the due list with
names, a case file's sections, withheld details, and the person picker."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coldwave_app.domain.errors import InvalidInput
from coldwave_app.services import case_desk
from coldwave_app.services.cases import (
    assign_caseworker,
    record_assessment,
    record_follow_up,
)
from coldwave_app.storage.local_store import LocalStore

TODAY = date(2026, 11, 25)


def _all(store: LocalStore, status: str = "all", **kw: object) -> list[case_desk.CaseListRow]:
    where = case_desk.case_filter(store, status=status, **kw)  # type: ignore[arg-type]
    return case_desk.case_page(store, where=where, offset=0, limit=1000)


def test_case_pages_cover_every_case_once_with_open_cases_first(demo_store: LocalStore) -> None:
    where = case_desk.case_filter(demo_store, status="all")
    total = case_desk.count_cases(demo_store, where=where)
    pages = [
        case_desk.case_page(demo_store, where=where, offset=o, limit=7) for o in range(0, 35, 7)
    ]
    rows = [r for page in pages for r in page]
    assert total == 30 == len(rows) == len({r.case_id for r in rows})
    statuses = [r.status == "closed" for r in rows]
    assert statuses == sorted(statuses)  # closed ones last
    assert all(r.code for r in rows)


def test_status_filter_and_text_filter_narrow_the_list(demo_store: LocalStore) -> None:
    closed = _all(demo_store, "closed")
    active = _all(demo_store, "active")
    assert closed and active
    assert {r.status for r in closed} == {"closed"}
    assert len(closed) + len(active) == 30
    someone = active[0]
    found = _all(demo_store, text=someone.code or "")
    assert [r.case_id for r in found] == [someone.case_id]


def test_mine_keeps_the_cases_of_the_logged_in_caseworker(demo_store: LocalStore) -> None:
    assert _all(demo_store, mine=True) == []
    case_id = _all(demo_store, "active")[0].case_id
    assign_caseworker(demo_store, case_id=case_id, caseworker_id=demo_store.user.id)
    mine = _all(demo_store, mine=True)
    assert [r.case_id for r in mine] == [case_id]
    assert mine[0].caseworker_name == demo_store.user.display_name


def test_unknown_status_filter_is_refused(demo_store: LocalStore) -> None:
    with pytest.raises(InvalidInput):
        case_desk.case_filter(demo_store, status="lost")


def test_due_lines_put_overdue_first_and_name_each_case(demo_store: LocalStore) -> None:
    case_id = _all(demo_store, "active")[0].case_id
    record_follow_up(
        demo_store,
        case_id=case_id,
        occurred_on=TODAY,
        mode="phone",
        next_date=TODAY + timedelta(days=5),
    )
    lines = case_desk.due_lines(demo_store, today=TODAY)
    overdue = [line.overdue_days > 0 for line in lines]
    assert overdue == sorted(overdue, reverse=True)
    assert lines[-1].case.case_id == case_id and lines[-1].overdue_days == 0
    assert all(line.case.code for line in lines)


def test_header_and_sections_of_a_case(demo_store: LocalStore) -> None:
    case_id = _all(demo_store, "active")[0].case_id
    record_assessment(
        demo_store,
        case_id=case_id,
        assessed_on=TODAY,
        needs=["food"],
        priority="high",
        restricted_detail="Secret",
    )
    header = case_desk.case_header(demo_store, case_id=case_id, today=TODAY)
    assert header.row.priority == "high"
    assert 0 <= header.triage_score <= 100
    assert header.subject_person_id is not None
    admin = case_desk.assessments(demo_store, case_id=case_id, role="admin")
    assert admin[0].needs == ("food",) and admin[0].restricted_detail == "Secret"
    viewer = case_desk.assessments(demo_store, case_id=case_id, role="viewer")
    assert viewer[0].restricted_detail is None and viewer[0].detail_withheld


def test_reintegration_contact_is_withheld_from_other_roles(demo_store: LocalStore) -> None:
    returned = [
        r
        for r in _all(demo_store)
        if case_desk.reintegrations(demo_store, case_id=r.case_id, role="admin")
    ]
    assert returned
    case_id = returned[0].case_id
    seen = case_desk.reintegrations(demo_store, case_id=case_id, role="social_worker")[0]
    hidden = case_desk.reintegrations(demo_store, case_id=case_id, role="shelter_staff")[0]
    assert seen.contact_name and not seen.contact_withheld
    assert hidden.contact_name is None and hidden.contact_withheld
    assert [kind for kind, _, _ in seen.checks] == ["check_30", "check_90"]
    assert len(seen.steps) == 4


def test_referral_consent_names_the_subject_and_latest_consent(demo_store: LocalStore) -> None:
    case_id = _all(demo_store, "active")[0].case_id
    person, consent = case_desk.referral_consent(demo_store, case_id=case_id)
    assert person is not None and consent is not None


def test_find_people_by_code_and_partial_name(demo_store: LocalStore) -> None:
    row = _all(demo_store)[0]
    hits = case_desk.find_people(demo_store, text=row.code or "")
    assert row.person_id is None or row.person_id in [h.id for h in hits]
    assert case_desk.find_people(demo_store, text="a") == []
    some = case_desk.find_people(demo_store, text="Moha")
    assert some and all(
        "moha" in (h.name_latn + " " + (h.known_as or "")).lower() or h.name_ar for h in some
    )
    assert case_desk.partners(demo_store) and case_desk.facilities(demo_store)
