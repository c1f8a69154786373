"""Case work at the centres and the social-assistance windows: the closed lists and
the small rules behind referrals, follow-ups, family reintegration and case notes.

A case file is opened at reception, assessed after listening (needs and a
priority), then followed: referrals to partners, follow-up contacts each naming the
next date, and for people going back to their family a mediation that ends in a
return, checked again 30 and 90 days later. These rules are pure: the services
apply them, storage only records the outcome.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from coldwave_app.domain.vocabulary import Role


class CaseStatus(StrEnum):
    OPEN = "open"  # received, maybe assessed, no follow-up yet
    IN_FOLLOW_UP = "in_follow_up"
    CLOSED = "closed"


class Need(StrEnum):
    """Presenting needs noted at assessment (the windows' listening grid)."""

    SHELTER = "shelter"
    FOOD = "food"
    HEALTH = "health"
    DOCUMENTS = "documents"
    INCOME = "income"
    FAMILY_CONFLICT = "family_conflict"
    VIOLENCE = "violence"
    DISABILITY = "disability"


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


# Lower sorts first; a case never assessed has no priority and comes after low.
PRIORITY_RANK = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2}
UNRANKED = len(PRIORITY_RANK)


class ReferralStatus(StrEnum):
    SENT = "sent"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    COMPLETED = "completed"
    NO_ANSWER = "no_answer"


# Partners often answer late: a referral marked "no answer" may still be accepted or
# refused. Refused and completed are final; a new need is a new referral.
REFERRAL_TRANSITIONS: dict[ReferralStatus, frozenset[ReferralStatus]] = {
    ReferralStatus.SENT: frozenset(
        {ReferralStatus.ACCEPTED, ReferralStatus.REFUSED, ReferralStatus.NO_ANSWER}
    ),
    ReferralStatus.NO_ANSWER: frozenset({ReferralStatus.ACCEPTED, ReferralStatus.REFUSED}),
    ReferralStatus.ACCEPTED: frozenset({ReferralStatus.COMPLETED}),
    ReferralStatus.REFUSED: frozenset(),
    ReferralStatus.COMPLETED: frozenset(),
}


def referral_transition_allowed(current: ReferralStatus, new: ReferralStatus) -> bool:
    return new in REFERRAL_TRANSITIONS[current]


class FollowUpMode(StrEnum):
    HOME_VISIT = "home_visit"
    PHONE = "phone"
    AT_CENTRE = "at_centre"  # the person came to the centre or the window


class FollowUpKind(StrEnum):
    """A regular follow-up, or one of the two checks after a return to the family."""

    REGULAR = "regular"
    CHECK_30 = "check_30"
    CHECK_90 = "check_90"


class ReintegrationStatus(StrEnum):
    MEDIATION = "mediation"
    RETURNED = "returned"


class MediationStep(StrEnum):
    FIRST_CONTACT = "first_contact"  # the family is found and called
    FAMILY_VISIT = "family_visit"
    JOINT_MEETING = "joint_meeting"  # the person and the family together
    AGREEMENT = "agreement"
    FAMILY_REFUSED = "family_refused"


class ClosureReason(StrEnum):
    GOALS_MET = "goals_met"
    REINTEGRATED = "reintegrated"
    REFERRED_ON = "referred_on"  # taken over by a partner service
    LOST_CONTACT = "lost_contact"
    MOVED_AWAY = "moved_away"
    DECLINED = "declined"  # the person no longer wants the follow-up
    DECEASED = "deceased"
    OTHER = "other"


class NoteVisibility(StrEnum):
    TEAM = "team"
    CASEWORKER_ONLY = "caseworker_only"
    HEALTH_ONLY = "health_only"


# Law 09-08: social and health details go only to those who need them. Admins read
# everything because they answer a person's request for their own data.
_READERS: dict[NoteVisibility, frozenset[Role]] = {
    NoteVisibility.TEAM: frozenset(Role) - {Role.VIEWER},
    NoteVisibility.CASEWORKER_ONLY: frozenset({Role.SOCIAL_WORKER, Role.ADMIN}),
    NoteVisibility.HEALTH_ONLY: frozenset({Role.HEALTH_WORKER, Role.ADMIN}),
}


def can_read(visibility: NoteVisibility | str, role: Role | str) -> bool:
    """Whether a user with `role` may read a note of `visibility`.

    Unknown values read as "no": a note written by a newer release with a
    visibility this one does not know stays hidden rather than leaking.
    """
    try:
        return Role(role) in _READERS[NoteVisibility(visibility)]
    except ValueError:
        return False


RECHECK_DAYS = {FollowUpKind.CHECK_30: 30, FollowUpKind.CHECK_90: 90}


def reintegration_checks(returned_on: date) -> tuple[date, date]:
    """Due dates of the 30- and 90-day checks after a return to the family."""
    return (
        returned_on + timedelta(days=RECHECK_DAYS[FollowUpKind.CHECK_30]),
        returned_on + timedelta(days=RECHECK_DAYS[FollowUpKind.CHECK_90]),
    )


def sorted_needs(needs: Iterable[Need | str]) -> list[Need]:
    """Needs without repeats, in the order of the listening grid; ValueError if unknown."""
    chosen = {Need(n) for n in needs}
    return [n for n in Need if n in chosen]


@dataclass(frozen=True)
class DueItem:
    """Something a caseworker must do on a case by `due_on`."""

    case_id: str
    person_id: str | None
    due_on: date
    kind: FollowUpKind  # regular: the next date of the last follow-up
    overdue_days: int  # 0 when due today or later
    priority: Priority | None
    household_id: str | None = None
    caseworker_id: str | None = None


def overdue_days(due_on: date, today: date) -> int:
    return max(0, (today - due_on).days)


def due_order(item: DueItem) -> tuple[bool, int, date, str]:
    """Sort key of the due list: overdue first, then high > medium > low, then date."""
    rank = UNRANKED if item.priority is None else PRIORITY_RANK[item.priority]
    return (item.overdue_days == 0, rank, item.due_on, item.case_id)


def order_due_list(items: Iterable[DueItem]) -> list[DueItem]:
    return sorted(items, key=due_order)
