"""Case files: reception opens one, listening ends in an assessment (needs,
priority), a caseworker is assigned, the file is closed with a reason; and the case
notes, whose visibility limits who may read them.

Nothing here asks for an identifier: a person who refused to give a name or a CIN
gets a case file like anyone else. Case files and assessments are entities changed
field by field (their history is in the change log); notes are append-only events.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from coldwave_app.domain.case_rules import (
    CaseStatus,
    ClosureReason,
    Need,
    NoteVisibility,
    Priority,
    can_read,
    sorted_needs,
)
from coldwave_app.domain.errors import N_, InvalidInput, RuleViolation
from coldwave_app.domain.roles import Permission, may
from coldwave_app.domain.vocabulary import Role
from coldwave_app.services import history
from coldwave_app.services.access import audit, require, requires
from coldwave_app.services.case_common import _case, _code, _open, _repo, _stamp
from coldwave_app.storage.case_repo import CaseSummary, NoteRow
from coldwave_app.storage.history import FieldChange
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.storage.record_writer import utc_now

# -- reception and assessment ---------------------------------------------------------


@requires(Permission.MANAGE_CASES)
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


@requires(Permission.MANAGE_CASES)
def assign_caseworker(store: LocalStore, *, case_id: str, caseworker_id: str | None) -> None:
    repo = _repo(store)
    with store.db.atomic():
        _open(repo, case_id)
        store.writer().update("case_file", case_id, {"caseworker_id": caseworker_id})


@requires(Permission.MANAGE_CASES)
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


# The case records whose field history the case screen shows.
HISTORY_TABLES = frozenset({"case_file", "intake_assessment", "referral", "family_reintegration"})


def field_history(
    store: LocalStore, *, table: str, record_id: str, field: str
) -> list[FieldChange]:
    """Every value a field of a case file, assessment, referral or reintegration has
    held, oldest first, with who set it."""
    if table not in HISTORY_TABLES:
        raise InvalidInput(N_("No history for {table}.{field}."), table=table, field=field)
    return history.field_history(store, table=table, record_id=record_id, field=field)


@requires(Permission.MANAGE_CASES)
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


# -- case notes -----------------------------------------------------------------------


@dataclass(frozen=True)
class CaseNotes:
    """The notes a role may read, and how many others exist, so that the reader
    knows to ask a colleague rather than assume there is nothing."""

    notes: list[NoteRow]
    withheld: int


def add_note(
    store: LocalStore,
    *,
    case_id: str,
    visibility: NoteVisibility | str,
    text: str,
    written_at: datetime | None = None,
) -> str:
    """Add a note to a case; notes may be added to a closed case (what happened next).

    Case workers add any note; health workers add health-only notes."""
    seen_by = _code(NoteVisibility, visibility)
    health_note = seen_by is NoteVisibility.HEALTH_ONLY
    if not (health_note and may(store.user.role, Permission.RECORD_HEALTH)):
        require(store, Permission.MANAGE_CASES)
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
    restricted = [n for n in readable if n.visibility != NoteVisibility.TEAM]
    if restricted:
        audit(
            store,
            action="view_sensitive",
            table="case_note",
            record_id=case_id,
            detail={"notes": len(restricted)},
        )
    return CaseNotes(readable, withheld)
