"""Rules of case work: who reads which note, referral answers, the due-list order and
the checks after a return to the family."""

from __future__ import annotations

from datetime import date

import pytest

from coldwave_app.domain.case_rules import (
    DueItem,
    FollowUpKind,
    Need,
    NoteVisibility,
    Priority,
    ReferralStatus,
    can_read,
    order_due_list,
    overdue_days,
    referral_transition_allowed,
    reintegration_checks,
    sorted_needs,
)
from coldwave_app.domain.vocabulary import Role


def test_team_notes_are_read_by_every_role_but_viewer() -> None:
    readers = {role for role in Role if can_read(NoteVisibility.TEAM, role)}
    assert readers == set(Role) - {Role.VIEWER}


@pytest.mark.parametrize(
    ("visibility", "readers"),
    [
        (NoteVisibility.CASEWORKER_ONLY, {Role.SOCIAL_WORKER, Role.ADMIN}),
        (NoteVisibility.HEALTH_ONLY, {Role.HEALTH_WORKER, Role.ADMIN}),
    ],
)
def test_restricted_notes_are_read_only_by_their_roles(
    visibility: NoteVisibility, readers: set[Role]
) -> None:
    assert {role for role in Role if can_read(visibility, role)} == readers


def test_unknown_visibility_or_role_reads_nothing() -> None:
    assert not can_read("family_only", Role.ADMIN)
    assert not can_read(NoteVisibility.TEAM, "volunteer")


@pytest.mark.parametrize(
    ("current", "new"),
    [
        (ReferralStatus.SENT, ReferralStatus.ACCEPTED),
        (ReferralStatus.SENT, ReferralStatus.REFUSED),
        (ReferralStatus.SENT, ReferralStatus.NO_ANSWER),
        (ReferralStatus.NO_ANSWER, ReferralStatus.ACCEPTED),
        (ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED),
    ],
)
def test_referral_answers_follow_the_partner(current: ReferralStatus, new: ReferralStatus) -> None:
    assert referral_transition_allowed(current, new)


@pytest.mark.parametrize(
    ("current", "new"),
    [
        (ReferralStatus.SENT, ReferralStatus.COMPLETED),
        (ReferralStatus.REFUSED, ReferralStatus.ACCEPTED),
        (ReferralStatus.COMPLETED, ReferralStatus.SENT),
        (ReferralStatus.ACCEPTED, ReferralStatus.SENT),
    ],
)
def test_referral_cannot_skip_or_reopen(current: ReferralStatus, new: ReferralStatus) -> None:
    assert not referral_transition_allowed(current, new)


def test_return_schedules_checks_at_30_and_90_days() -> None:
    assert reintegration_checks(date(2025, 12, 20)) == (date(2026, 1, 19), date(2026, 3, 20))


def test_needs_are_kept_once_in_grid_order() -> None:
    assert sorted_needs(["violence", Need.SHELTER, "violence"]) == [Need.SHELTER, Need.VIOLENCE]


def _item(case: str, due: date, priority: Priority | None, today: date) -> DueItem:
    return DueItem(case, None, due, FollowUpKind.REGULAR, overdue_days(due, today), priority)


def test_due_list_puts_overdue_first_then_priority_then_date() -> None:
    today = date(2026, 1, 10)
    items = [
        _item("later-high", date(2026, 1, 15), Priority.HIGH, today),
        _item("overdue-low", date(2026, 1, 2), Priority.LOW, today),
        _item("soon-low", date(2026, 1, 11), Priority.LOW, today),
        _item("today-high", date(2026, 1, 10), Priority.HIGH, today),
        _item("overdue-high", date(2026, 1, 8), Priority.HIGH, today),
        _item("unassessed", date(2026, 1, 10), None, today),
    ]
    assert [i.case_id for i in order_due_list(items)] == [
        "overdue-high",
        "overdue-low",
        "today-high",
        "later-high",
        "soon-low",
        "unassessed",
    ]


def test_due_today_is_not_overdue() -> None:
    assert overdue_days(date(2026, 1, 10), date(2026, 1, 10)) == 0
    assert overdue_days(date(2026, 1, 7), date(2026, 1, 10)) == 3
