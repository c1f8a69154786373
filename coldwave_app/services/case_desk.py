"""What the case desk screens read: the paged case list, the due list with names
and triage scores, one case file's header and sections, the partners to refer to,
and a person picker for opening a case.

Reads only; every change goes through services.case_files, referrals,
case_follow_ups and people. Sensitive parts (an assessment's restricted detail, a
family contact) are withheld here, not in the screens, from roles that may not
read caseworker-only notes (law 09-08: only those who need them).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from coldwave_app.domain.case_rules import NoteVisibility, can_read
from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.domain.text_folding import query_keys
from coldwave_app.services.referrals import REFERRAL_CONSENT_PURPOSE
from coldwave_app.services.triage import due_list_by_triage, household_triage, person_triage
from coldwave_app.storage import case_desk_queries as q
from coldwave_app.storage.case_desk_queries import (
    CaseFilter,
    CaseListRow,
    ConsentRow,
    FollowUpRow,
    MediationRow,
    NamedPlace,
    PersonHit,
)
from coldwave_app.storage.local_store import LocalStore

__all__ = [
    "CASE_PAGE_SIZE",
    "AssessmentView",
    "CaseFilter",
    "CaseHeader",
    "CaseListRow",
    "ConsentRow",
    "DueLine",
    "FollowUpRow",
    "MediationRow",
    "NamedPlace",
    "PersonHit",
    "ReintegrationView",
    "assessments",
    "case_filter",
    "case_header",
    "case_page",
    "count_cases",
    "due_lines",
    "facilities",
    "find_people",
    "follow_ups",
    "partners",
    "referral_consent",
    "reintegrations",
    "user_names",
]

CASE_PAGE_SIZE = 200
STATUS_FILTERS = {
    "active": ("open", "in_follow_up"),
    "open": ("open",),
    "in_follow_up": ("in_follow_up",),
    "closed": ("closed",),
    "all": (),
}


def _campaign(store: LocalStore) -> str:
    if store.campaign_id is None:
        raise InvalidInput(N_("Choose a campaign first."))
    return store.campaign_id


def may_read_restricted(role: str) -> bool:
    """Whether `role` reads restricted case details (those of caseworker-only notes)."""
    return can_read(NoteVisibility.CASEWORKER_ONLY, role)


# -- the case list ----------------------------------------------------------------------


def case_filter(
    store: LocalStore, *, status: str = "active", mine: bool = False, text: str = ""
) -> CaseFilter:
    """The filter of the case list: `status` is a key of STATUS_FILTERS; `mine` keeps
    the cases whose caseworker is the logged-in user."""
    if status not in STATUS_FILTERS:
        raise InvalidInput(N_("Unknown value: {value}."), value=status)
    return CaseFilter(
        campaign_id=_campaign(store),
        statuses=STATUS_FILTERS[status],
        caseworker_id=store.user.id if mine else None,
        text=text,
    )


def count_cases(store: LocalStore, *, where: CaseFilter) -> int:
    return q.count_cases(store.db, where)


def case_page(
    store: LocalStore, *, where: CaseFilter, offset: int, limit: int = CASE_PAGE_SIZE
) -> list[CaseListRow]:
    """One page of cases: not closed first, then the newest opened."""
    if offset < 0 or limit <= 0:
        raise InvalidInput(N_("Unknown value: {value}."), value=f"{offset}/{limit}")
    return q.case_page(store.db, where, offset=offset, limit=limit)


# -- the due list -------------------------------------------------------------------------


@dataclass(frozen=True)
class DueLine:
    case: CaseListRow
    due_on: date
    kind: str  # FollowUpKind value: regular, check_30, check_90
    overdue_days: int
    score: int
    reasons: tuple[str, ...]  # msgids


def due_lines(store: LocalStore, *, today: date, mine: bool = False) -> list[DueLine]:
    """The due list (overdue first, then by triage score), with who each case is about.

    Scores every due case: run it off the UI thread when there are many cases.
    """
    items = due_list_by_triage(store, today=today, caseworker_id=store.user.id if mine else None)
    rows = q.case_names(store.db, [t.item.case_id for t in items])
    return [
        DueLine(
            case=rows[t.item.case_id],
            due_on=t.item.due_on,
            kind=t.item.kind.value,
            overdue_days=t.item.overdue_days,
            score=t.score,
            reasons=t.reasons,
        )
        for t in items
        if t.item.case_id in rows
    ]


# -- one case file --------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseHeader:
    row: CaseListRow
    place: NamedPlace | None  # the centre where it was opened, if any
    window_name: str | None
    closed_at: str | None
    closure_reason: str | None
    triage_score: int
    triage_reasons: tuple[str, ...]
    subject_person_id: str | None  # the person, or the household's head


def case_header(store: LocalStore, *, case_id: str, today: date) -> CaseHeader:
    row = q.case_row(store.db, case_id)
    if row is None:
        raise InvalidInput(N_("No case file {case}."), case=case_id)
    case = q.case_details(store.db, case_id)
    if row.person_id is not None:
        score = person_triage(store, person_id=row.person_id, on=today)
    elif row.household_id is not None:
        score = household_triage(store, household_id=row.household_id, on=today)
    else:  # pragma: no cover - open_case refuses a case without a subject
        raise InvalidInput(N_("No case file {case}."), case=case_id)
    places = {p.id: p for p in q.facilities(store.db, _campaign(store))}
    return CaseHeader(
        row=row,
        place=places.get(case.facility_id or ""),
        window_name=case.window_name,
        closed_at=case.closed_at,
        closure_reason=case.closure_reason,
        triage_score=score.score,
        triage_reasons=score.reasons,
        subject_person_id=case.subject_person_id,
    )


@dataclass(frozen=True)
class AssessmentView:
    id: str
    assessed_on: date
    needs: tuple[str, ...]
    priority: str | None
    summary: str | None
    restricted_detail: str | None  # None also when withheld: see detail_withheld
    detail_withheld: bool
    author: str | None


def assessments(store: LocalStore, *, case_id: str, role: str) -> list[AssessmentView]:
    """The case's assessments, newest first; restricted detail only for roles allowed."""
    allowed = may_read_restricted(role)
    out = []
    for a in q.assessments(store.db, case_id):
        hidden = a.restricted_detail is not None and not allowed
        out.append(
            AssessmentView(
                id=a.id,
                assessed_on=date.fromisoformat(a.assessed_on[:10]),
                needs=tuple(str(n) for n in json.loads(a.needs or "[]")),
                priority=a.priority,
                summary=a.summary,
                restricted_detail=None if hidden else a.restricted_detail,
                detail_withheld=hidden,
                author=a.author,
            )
        )
    return out


def follow_ups(store: LocalStore, *, case_id: str) -> list[FollowUpRow]:
    """Follow-ups and reintegration checks of the case, newest first."""
    return q.follow_ups(store.db, case_id)


@dataclass(frozen=True)
class ReintegrationView:
    id: str
    status: str
    contact_name: str | None
    contact_relation: str | None
    contact_phone: str | None
    contact_place: str | None
    contact_withheld: bool
    reintegrated_on: date | None
    items_given: str | None
    steps: list[MediationRow]
    # (kind, due date, date done or None) of the 30- and 90-day checks, once returned.
    checks: list[tuple[str, date, date | None]]


def reintegrations(store: LocalStore, *, case_id: str, role: str) -> list[ReintegrationView]:
    """Family reintegrations of the case with their steps and checks; the family
    contact is withheld from roles that may not read it."""
    allowed = may_read_restricted(role)
    done: dict[str, list[date]] = {}
    for f in q.follow_ups(store.db, case_id):
        if f.kind != "regular":
            done.setdefault(f.kind, []).append(date.fromisoformat(f.occurred_on[:10]))
    out = []
    for r in q.reintegrations(store.db, case_id):
        returned = None if r.reintegrated_on is None else date.fromisoformat(r.reintegrated_on)
        checks: list[tuple[str, date, date | None]] = []
        for kind, due in (("check_30", r.check_30_due), ("check_90", r.check_90_due)):
            if due is None:
                continue
            when = [d for d in done.get(kind, []) if returned is None or d >= returned]
            checks.append((kind, date.fromisoformat(due[:10]), min(when) if when else None))
        has_contact = any((r.contact_name, r.contact_relation, r.contact_phone, r.contact_place))
        out.append(
            ReintegrationView(
                id=r.id,
                status=r.status,
                contact_name=r.contact_name if allowed else None,
                contact_relation=r.contact_relation if allowed else None,
                contact_phone=r.contact_phone if allowed else None,
                contact_place=r.contact_place if allowed else None,
                contact_withheld=has_contact and not allowed,
                reintegrated_on=returned,
                items_given=r.items_given,
                steps=q.mediation_steps(store.db, r.id),
                checks=checks,
            )
        )
    return out


def referral_consent(store: LocalStore, *, case_id: str) -> tuple[str | None, ConsentRow | None]:
    """(person whose consent covers a referral, their latest referral-sharing consent).

    The consent stands only when given and not withdrawn (services.referrals.refer
    checks it again when referring).
    """
    details = q.case_details(store.db, case_id)
    if details.subject_person_id is None:
        return None, None
    return details.subject_person_id, q.latest_consent(
        store.db, details.subject_person_id, REFERRAL_CONSENT_PURPOSE
    )


def partners(store: LocalStore) -> list[NamedPlace]:
    """The campaign's partner organisations, to refer a case to."""
    return q.organisations(store.db, _campaign(store))


def facilities(store: LocalStore) -> list[NamedPlace]:
    """The campaign's centres and windows, where a case can be opened."""
    return q.facilities(store.db, _campaign(store))


def user_names(store: LocalStore) -> dict[str, str]:
    return q.user_names(store.db)


def find_people(store: LocalStore, *, text: str, limit: int = 30) -> list[PersonHit]:
    """Persons matching a typed name (Arabic or Latin), nickname or beneficiary code."""
    typed = text.strip()
    if len(typed) < 2:
        return []
    keys = tuple(k for k in query_keys(typed) if len(k) >= 2)
    return q.find_people(store.db, _campaign(store), text=typed, keys=keys, limit=limit)
