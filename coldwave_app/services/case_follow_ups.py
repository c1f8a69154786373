"""Follow-up of a case and the family reintegration: contacts (each names the next
date), the caseworker's due list, mediation of a return to the family, the return,
and the checks on it 30 and 90 days later.

Reintegrations are entities changed field by field (their history is in the change
log); follow-ups and mediation steps are append-only events.
"""

from __future__ import annotations

from datetime import date

from coldwave_app.domain.case_rules import (
    CaseStatus,
    DueItem,
    FollowUpKind,
    FollowUpMode,
    MediationStep,
    Priority,
    ReintegrationStatus,
    order_due_list,
    overdue_days,
    reintegration_checks,
)
from coldwave_app.domain.errors import N_, InvalidInput, RuleViolation
from coldwave_app.domain.roles import Permission
from coldwave_app.services.access import requires
from coldwave_app.services.case_common import _code, _open, _repo
from coldwave_app.services.consent_gate import (
    FAMILY_CONTACT,
    require_case_consent,
    require_reintegration_consent,
)
from coldwave_app.storage.case_repo import CaseRepo, Reintegration
from coldwave_app.storage.local_store import LocalStore

# -- follow-up and the due list ------------------------------------------------------


@requires(Permission.MANAGE_CASES)
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


def _reintegration(repo: CaseRepo, reintegration_id: str) -> Reintegration:
    found = repo.reintegration(reintegration_id)
    if found is None:
        raise InvalidInput(
            N_("No family reintegration {reintegration}."), reintegration=reintegration_id
        )
    return found


@requires(Permission.MANAGE_CASES)
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
        if any((v or "").strip() for v in (contact_name, contact_phone, contact_place)):
            require_case_consent(store, case_id=case_id, purpose=FAMILY_CONTACT)
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


@requires(Permission.MANAGE_CASES)
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
        require_reintegration_consent(store, reintegration_id=reintegration_id)
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


@requires(Permission.MANAGE_CASES)
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


@requires(Permission.MANAGE_CASES)
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
