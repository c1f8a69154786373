"""Case work at the centres and the social-assistance windows.

Reception opens a case file, listening ends in an assessment (needs, priority),
then the caseworker refers the person to partners, follows up (each contact names
the next date), mediates a return to the family and checks on it 30 and 90 days
later, and writes case notes whose visibility limits who may read them.

Nothing here asks for an identifier: a person who refused to give a name or a CIN
gets a case file like anyone else. Sharing with a partner is another matter: a
referral needs the person's standing consent to referral sharing (law 09-08), and
the consent it relied on is kept on the referral.

Each check and its writes run in one transaction, so a sync applied in between
cannot slip a withdrawal of consent between the check and the referral. Case files,
assessments, referrals and reintegrations are entities changed field by field
(their history is in the change log); follow-ups, mediation steps and notes are
append-only events.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import TypeVar

from coldwave_app.domain.case_rules import (
    CaseStatus,
    ClosureReason,
    DueItem,
    FollowUpKind,
    FollowUpMode,
    MediationStep,
    Need,
    NoteVisibility,
    Priority,
    ReferralStatus,
    ReintegrationStatus,
    can_read,
    order_due_list,
    overdue_days,
    referral_transition_allowed,
    reintegration_checks,
    sorted_needs,
)
from coldwave_app.domain.errors import N_, InvalidInput, RuleViolation
from coldwave_app.domain.vocabulary import Role
from coldwave_app.storage.case_repo import (
    CaseFile,
    CaseRepo,
    CaseSummary,
    NoteRow,
    Referral,
    Reintegration,
)
from coldwave_app.storage.history import FieldChange
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.storage.record_writer import utc_now

REFERRAL_CONSENT_PURPOSE = "referral_sharing"

E = TypeVar("E", bound=StrEnum)


@dataclass(frozen=True)
class CaseNotes:
    """The notes a role may read, and how many others exist, so that the reader
    knows to ask a colleague rather than assume there is nothing."""

    notes: list[NoteRow]
    withheld: int


def _repo(store: LocalStore) -> CaseRepo:
    return CaseRepo(store.db, store.campaign_id)


def _code(kind: type[E], value: E | str) -> E:
    """Parse a closed-list value coming from a form, a file or the command line."""
    try:
        return kind(value)
    except ValueError:
        raise InvalidInput(N_("Unknown value: {value}."), value=str(value)) from None


def _stamp(moment: datetime | date) -> str:
    if isinstance(moment, datetime):
        return moment.isoformat(timespec="seconds")
    return moment.isoformat()


def _case(repo: CaseRepo, case_id: str) -> CaseFile:
    case = repo.case(case_id)
    if case is None:
        raise InvalidInput(N_("No case file {case}."), case=case_id)
    return case


def _open(repo: CaseRepo, case_id: str) -> CaseFile:
    """The case, refused once closed: a closed file takes no new work."""
    case = _case(repo, case_id)
    if case.status == CaseStatus.CLOSED:
        raise RuleViolation(N_("This case file is closed."), case=case_id)
    return case


def _reintegration(repo: CaseRepo, reintegration_id: str) -> Reintegration:
    found = repo.reintegration(reintegration_id)
    if found is None:
        raise InvalidInput(
            N_("No family reintegration {reintegration}."), reintegration=reintegration_id
        )
    return found


# -- reception and assessment ---------------------------------------------------------


def open_case(
    store: LocalStore,
    *,
    opened_at: datetime | date,
    person_id: str | None = None,
    household_id: str | None = None,
    facility_id: str | None = None,
    window_name: str | None = None,
    caseworker_id: str | None = None,
) -> str:
    """Open a case file for a person or a household, at a centre or a window."""
    if (person_id is None) == (household_id is None):
        raise InvalidInput(N_("A case file is opened for one person or one household."))
    window = (window_name or "").strip() or None
    if facility_id is None and window is None:
        raise InvalidInput(N_("Say where the case is opened: a centre or a window."))
    repo = _repo(store)
    with store.db.atomic():
        if person_id is not None and not repo.person_exists(person_id):
            raise InvalidInput(N_("No person {person}."), person=person_id)
        if household_id is not None and repo.household(household_id) is None:
            raise InvalidInput(N_("No household {household}."), household=household_id)
        if facility_id is not None and not repo.facility_exists(facility_id):
            raise InvalidInput(N_("No facility {facility}."), facility=facility_id)
        # One live file per person: a second one would split the follow-up history.
        existing = repo.open_case_of(person_id=person_id, household_id=household_id)
        if existing is not None:
            raise RuleViolation(N_("They already have an open case file."), case=existing)
        row = store.writer().insert(
            "case_file",
            {
                "person_id": person_id,
                "household_id": household_id,
                "opened_at": _stamp(opened_at),
                "facility_id": facility_id,
                "window_name": window,
                "caseworker_id": caseworker_id,
                "status": CaseStatus.OPEN.value,
            },
        )
    return str(row["id"])


def assign_caseworker(store: LocalStore, *, case_id: str, caseworker_id: str | None) -> None:
    repo = _repo(store)
    with store.db.atomic():
        _open(repo, case_id)
        store.writer().update("case_file", case_id, {"caseworker_id": caseworker_id})


def record_assessment(
    store: LocalStore,
    *,
    case_id: str,
    assessed_on: date,
    needs: Iterable[Need | str],
    priority: Priority | str,
    summary: str | None = None,
    restricted_detail: str | None = None,
) -> str:
    """Record the assessment that follows listening; the case takes its priority."""
    chosen = sorted_needs(_code(Need, n) for n in needs)
    if not chosen:
        raise InvalidInput(N_("Tick at least one need."))
    level = _code(Priority, priority)
    repo = _repo(store)
    with store.db.atomic():
        case = _open(repo, case_id)
        writer = store.writer()
        row = writer.insert(
            "intake_assessment",
            {
                "case_id": case_id,
                "assessed_on": assessed_on.isoformat(),
                "needs": json.dumps([n.value for n in chosen]),
                "priority": level.value,
                "summary": (summary or "").strip() or None,
                "restricted_detail": (restricted_detail or "").strip() or None,
            },
        )
        if case.priority != level.value:
            writer.update("case_file", case_id, {"priority": level.value})
    return str(row["id"])


def case_summary(store: LocalStore, *, case_id: str) -> CaseSummary:
    found = _repo(store).summary(case_id)
    if found is None:
        raise InvalidInput(N_("No case file {case}."), case=case_id)
    return found


def field_history(
    store: LocalStore, *, table: str, record_id: str, field: str
) -> list[FieldChange]:
    """Every value a field of a case file, assessment, referral or reintegration has
    held, oldest first, with who set it."""
    return _repo(store).field_history(table, record_id, field)


def close_case(
    store: LocalStore,
    *,
    case_id: str,
    closed_at: datetime | date,
    reason: ClosureReason | str,
) -> None:
    """Close a case file; what was still due on it leaves the due list."""
    why = _code(ClosureReason, reason)
    repo = _repo(store)
    with store.db.atomic():
        _open(repo, case_id)
        store.writer().update(
            "case_file",
            case_id,
            {
                "status": CaseStatus.CLOSED.value,
                "closed_at": _stamp(closed_at),
                "closure_reason": why.value,
            },
        )


# -- referrals ---------------------------------------------------------------------


def refer(
    store: LocalStore,
    *,
    case_id: str,
    service_type: str,
    sent_on: date,
    to_org_id: str | None = None,
    to_facility_id: str | None = None,
    from_org_id: str | None = None,
) -> str:
    """Refer the case to a partner organisation or facility.

    Refused unless the person (for a household, its head) has a standing consent
    to referral sharing; the referral keeps the id of that consent.
    """
    if to_org_id is None and to_facility_id is None:
        raise InvalidInput(N_("A referral goes to an organisation or a facility."))
    service = service_type.strip()
    if not service:
        raise InvalidInput(N_("Say which service the referral is for."))
    repo = _repo(store)
    with store.db.atomic():
        case = _open(repo, case_id)
        for org in (to_org_id, from_org_id):
            if org is not None and not repo.organisation_exists(org):
                raise InvalidInput(N_("No organisation {org}."), org=org)
        if to_facility_id is not None and not repo.facility_exists(to_facility_id):
            raise InvalidInput(N_("No facility {facility}."), facility=to_facility_id)
        subject = case.person_id
        if subject is None and case.household_id is not None:
            household = repo.household(case.household_id)
            subject = None if household is None else household[1]
        if subject is None:
            raise RuleViolation(
                N_("The household has no head recorded whose consent would cover a referral.")
            )
        consent_id = repo.live_consent(subject, REFERRAL_CONSENT_PURPOSE)
        if consent_id is None:
            raise RuleViolation(
                N_(
                    "No consent to share this person's details with a partner: "
                    "record their consent before referring."
                ),
                person=subject,
            )
        row = store.writer().insert(
            "referral",
            {
                "case_id": case_id,
                "from_org_id": from_org_id,
                "to_org_id": to_org_id,
                "to_facility_id": to_facility_id,
                "service_type": service,
                "sent_on": sent_on.isoformat(),
                "consent_id": consent_id,
                "status": ReferralStatus.SENT.value,
            },
        )
    return str(row["id"])


def update_referral_status(
    store: LocalStore,
    *,
    referral_id: str,
    status: ReferralStatus | str,
    feedback_on: date,
    outcome: str | None = None,
) -> None:
    """Record the partner's answer (or its absence) on the date it came."""
    new = _code(ReferralStatus, status)
    repo = _repo(store)
    with store.db.atomic():
        referral = repo.referral(referral_id)
        if referral is None:
            raise InvalidInput(N_("No referral {referral}."), referral=referral_id)
        current = _code(ReferralStatus, referral.status)
        if not referral_transition_allowed(current, new):
            raise RuleViolation(
                N_("The referral's current status does not allow this change."),
                current=current.value,
                new=new.value,
            )
        if feedback_on < date.fromisoformat(referral.sent_on):
            raise InvalidInput(N_("The answer cannot come before the referral was sent."))
        changes: dict[str, str] = {"status": new.value, "feedback_on": feedback_on.isoformat()}
        if (outcome or "").strip():
            changes["outcome"] = (outcome or "").strip()
        store.writer().update("referral", referral_id, changes)


def referrals_of(store: LocalStore, *, case_id: str) -> list[Referral]:
    return _repo(store).referrals_of(case_id)


# -- follow-up and the due list ------------------------------------------------------


def record_follow_up(
    store: LocalStore,
    *,
    case_id: str,
    occurred_on: date,
    mode: FollowUpMode | str,
    outcome: str | None = None,
    status_summary: str | None = None,
    next_date: date | None = None,
) -> str:
    """Record a follow-up contact; `next_date` puts the case on the due list then."""
    how = _code(FollowUpMode, mode)
    if next_date is not None and next_date < occurred_on:
        raise InvalidInput(N_("The next date cannot be before the follow-up itself."))
    repo = _repo(store)
    with store.db.atomic():
        case = _open(repo, case_id)
        writer = store.writer()
        row = writer.insert(
            "follow_up",
            {
                "case_id": case_id,
                "kind": FollowUpKind.REGULAR.value,
                "occurred_on": occurred_on.isoformat(),
                "mode": how.value,
                "outcome": (outcome or "").strip() or None,
                "status_summary": (status_summary or "").strip() or None,
                "next_date": None if next_date is None else next_date.isoformat(),
            },
        )
        if case.status == CaseStatus.OPEN:
            writer.update("case_file", case_id, {"status": CaseStatus.IN_FOLLOW_UP.value})
    return str(row["id"])


def due_list(
    store: LocalStore,
    *,
    today: date,
    caseworker_id: str | None = None,
    until: date | None = None,
) -> list[DueItem]:
    """What is due on open cases, overdue first, then by priority, then by date.

    `until` leaves out what is due after that date (a week's view, say).
    """
    items: list[DueItem] = []
    for row in _repo(store).due_rows(caseworker_id=caseworker_id):
        due_on = date.fromisoformat(row.due_on[:10])
        if until is not None and due_on > until:
            continue
        try:
            priority: Priority | None = None if row.priority is None else Priority(row.priority)
        except ValueError:
            # A priority from a newer release: still list the case, just unranked.
            priority = None
        items.append(
            DueItem(
                case_id=row.case_id,
                person_id=row.person_id,
                due_on=due_on,
                kind=FollowUpKind(row.kind),
                overdue_days=overdue_days(due_on, today),
                priority=priority,
                household_id=row.household_id,
                caseworker_id=row.caseworker_id,
            )
        )
    return order_due_list(items)


# -- family reintegration -------------------------------------------------------------


def start_reintegration(
    store: LocalStore,
    *,
    case_id: str,
    contact_name: str | None = None,
    contact_relation: str | None = None,
    contact_phone: str | None = None,
    contact_place: str | None = None,
) -> str:
    """Begin a family mediation for the case, with the family contact if known."""
    repo = _repo(store)
    with store.db.atomic():
        _open(repo, case_id)
        row = store.writer().insert(
            "family_reintegration",
            {
                "case_id": case_id,
                "contact_name": (contact_name or "").strip() or None,
                "contact_relation": (contact_relation or "").strip() or None,
                "contact_phone": (contact_phone or "").strip() or None,
                "contact_place": (contact_place or "").strip() or None,
                "status": ReintegrationStatus.MEDIATION.value,
            },
        )
    return str(row["id"])


def record_mediation_step(
    store: LocalStore,
    *,
    reintegration_id: str,
    occurred_on: date,
    step: MediationStep | str,
    outcome: str | None = None,
    note: str | None = None,
) -> str:
    kind = _code(MediationStep, step)
    repo = _repo(store)
    with store.db.atomic():
        _open(repo, _reintegration(repo, reintegration_id).case_id)
        row = store.writer().insert(
            "mediation_step",
            {
                "reintegration_id": reintegration_id,
                "occurred_on": occurred_on.isoformat(),
                "step": kind.value,
                "outcome": (outcome or "").strip() or None,
                "note": (note or "").strip() or None,
            },
        )
    return str(row["id"])


def record_return(
    store: LocalStore,
    *,
    reintegration_id: str,
    returned_on: date,
    items_given: str | None = None,
) -> tuple[date, date]:
    """Record the return to the family; schedules the 30- and 90-day checks and
    returns their dates."""
    repo = _repo(store)
    with store.db.atomic():
        found = _reintegration(repo, reintegration_id)
        _open(repo, found.case_id)
        if found.reintegrated_on is not None:
            raise RuleViolation(N_("The return to the family is already recorded."))
        check_30, check_90 = reintegration_checks(returned_on)
        changes = {
            "status": ReintegrationStatus.RETURNED.value,
            "reintegrated_on": returned_on.isoformat(),
            "check_30_due": check_30.isoformat(),
            "check_90_due": check_90.isoformat(),
        }
        if (items_given or "").strip():
            changes["items_given"] = (items_given or "").strip()
        store.writer().update("family_reintegration", reintegration_id, changes)
    return check_30, check_90


def record_reintegration_check(
    store: LocalStore,
    *,
    reintegration_id: str,
    check: FollowUpKind | str,
    occurred_on: date,
    mode: FollowUpMode | str,
    outcome: str | None = None,
    status_summary: str | None = None,
) -> str:
    """Record the 30- or 90-day check after a return; it leaves the due list."""
    kind = _code(FollowUpKind, check)
    if kind is FollowUpKind.REGULAR:
        raise InvalidInput(N_("Unknown value: {value}."), value=kind.value)
    how = _code(FollowUpMode, mode)
    repo = _repo(store)
    with store.db.atomic():
        found = _reintegration(repo, reintegration_id)
        _open(repo, found.case_id)
        if found.reintegrated_on is None:
            raise RuleViolation(N_("Record the return to the family before its checks."))
        if occurred_on < date.fromisoformat(found.reintegrated_on):
            raise InvalidInput(N_("A check cannot come before the return to the family."))
        if repo.check_done(found.case_id, kind.value, since=found.reintegrated_on):
            raise RuleViolation(N_("This check is already recorded."))
        row = store.writer().insert(
            "follow_up",
            {
                "case_id": found.case_id,
                "kind": kind.value,
                "occurred_on": occurred_on.isoformat(),
                "mode": how.value,
                "outcome": (outcome or "").strip() or None,
                "status_summary": (status_summary or "").strip() or None,
            },
        )
    return str(row["id"])


# -- case notes -----------------------------------------------------------------------


def add_note(
    store: LocalStore,
    *,
    case_id: str,
    visibility: NoteVisibility | str,
    text: str,
    written_at: datetime | None = None,
) -> str:
    """Add a note to a case; notes may be added to a closed case (what happened next)."""
    seen_by = _code(NoteVisibility, visibility)
    body = text.strip()
    if not body:
        raise InvalidInput(N_("A note cannot be empty."))
    repo = _repo(store)
    with store.db.atomic():
        _case(repo, case_id)
        row = store.writer().insert(
            "case_note",
            {
                "case_id": case_id,
                "visibility": seen_by.value,
                "text": body,
                "written_at": _stamp(written_at or utc_now()),
            },
        )
    return str(row["id"])


def notes_for(store: LocalStore, *, case_id: str, role: Role | str) -> CaseNotes:
    """The notes of a case that `role` may read, and the count of the others."""
    repo = _repo(store)
    _case(repo, case_id)
    readable: list[NoteRow] = []
    withheld = 0
    for note in repo.notes(case_id):
        if can_read(note.visibility, role):
            readable.append(note)
        else:
            withheld += 1
    return CaseNotes(readable, withheld)
