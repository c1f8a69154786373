"""Read queries behind the case desk screens: a paged case list, a case's
assessments, follow-ups, reintegrations and mediation steps, the partners and
places a case can go to, staff names, and a person picker.

Read-only; writes go through the case services. Follow-ups, mediation steps and
notes are append-only events: only live rows count (not voided, not amended).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database


def _live(table: str, alias: str) -> str:
    """SQL condition: row `alias` of event table `table` is live (not voided or amended)."""
    return (
        f"COALESCE({alias}.correction_kind, '') <> 'void' AND NOT EXISTS "
        f"(SELECT 1 FROM {table} x WHERE x.corrects_id = {alias}.id)"
    )


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# Name of the case's subject: the person, or the household's head.
_NAME_COLUMNS = (
    "trim(COALESCE(p.given_name_latn, '') || ' ' || COALESCE(p.family_name_latn, '')), "
    "trim(COALESCE(p.given_name_ar, '') || ' ' || COALESCE(p.family_name_ar, '')), "
    "COALESCE(p.known_as, h.head_name), "
    "CASE WHEN c.person_id IS NOT NULL THEN p.beneficiary_code ELSE h.beneficiary_code END"
)

_CASE_FROM = (
    "FROM case_file c "
    "LEFT JOIN household h ON h.id = c.household_id "
    "LEFT JOIN person p ON p.id = COALESCE(c.person_id, h.head_person_id) "
    "LEFT JOIN app_user u ON u.id = c.caseworker_id "
)


@dataclass(frozen=True)
class CaseListRow:
    case_id: str
    person_id: str | None
    household_id: str | None
    name_latn: str
    name_ar: str
    known_as: str | None
    code: str | None
    caseworker_name: str | None
    status: str
    priority: str | None
    opened_at: str
    next_date: str | None  # of the latest regular follow-up


@dataclass(frozen=True)
class CaseFilter:
    """Which cases a list shows. `statuses` empty: every status."""

    campaign_id: str
    statuses: tuple[str, ...] = ()
    caseworker_id: str | None = None
    text: str = ""


def _where(f: CaseFilter) -> tuple[str, list[Any]]:
    sql = "WHERE c.deleted = 0 AND c.campaign_id = ?"
    params: list[Any] = [f.campaign_id]
    if f.statuses:
        sql += f" AND c.status IN ({', '.join('?' for _ in f.statuses)})"
        params += list(f.statuses)
    if f.caseworker_id is not None:
        sql += " AND c.caseworker_id = ?"
        params.append(f.caseworker_id)
    text = f.text.strip()
    if text:
        columns = (
            "p.given_name_latn",
            "p.family_name_latn",
            "p.given_name_ar",
            "p.family_name_ar",
            "p.known_as",
            "h.head_name",
            "p.beneficiary_code",
            "h.beneficiary_code",
        )
        sql += " AND (" + " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in columns) + ")"
        params += [_like(text)] * len(columns)
    return sql, params


def count_cases(db: Database, f: CaseFilter) -> int:
    where, params = _where(f)
    return int(db.execute(f"SELECT count(*) {_CASE_FROM}{where}", params).fetchone()[0])


def case_page(db: Database, f: CaseFilter, *, offset: int, limit: int) -> list[CaseListRow]:
    """One page of the case list: cases not closed first, then the newest."""
    where, params = _where(f)
    next_date = (
        "(SELECT f.next_date FROM follow_up f WHERE f.case_id = c.id AND f.kind = 'regular' "
        f"AND {_live('follow_up', 'f')} ORDER BY f.occurred_on DESC, f.hlc DESC LIMIT 1)"
    )
    rows = db.execute(
        f"SELECT c.id, c.person_id, c.household_id, {_NAME_COLUMNS}, u.display_name, "
        f"c.status, c.priority, c.opened_at, {next_date} {_CASE_FROM}{where} "
        "ORDER BY c.status = 'closed', c.opened_at DESC, c.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [CaseListRow(*r) for r in rows]


def case_row(db: Database, case_id: str) -> CaseListRow | None:
    """The list row of one case (whatever the campaign), for the case file's header."""
    rows = db.execute(
        f"SELECT c.id, c.person_id, c.household_id, {_NAME_COLUMNS}, u.display_name, "
        f"c.status, c.priority, c.opened_at, NULL {_CASE_FROM}WHERE c.id = ? AND c.deleted = 0",
        [case_id],
    ).fetchall()
    return CaseListRow(*rows[0]) if rows else None


def case_names(db: Database, case_ids: list[str]) -> dict[str, CaseListRow]:
    """List rows of the given cases (no next date), by case id."""
    if not case_ids:
        return {}
    marks = ", ".join("?" for _ in case_ids)
    rows = db.execute(
        f"SELECT c.id, c.person_id, c.household_id, {_NAME_COLUMNS}, u.display_name, "
        f"c.status, c.priority, c.opened_at, NULL {_CASE_FROM}WHERE c.id IN ({marks})",
        case_ids,
    ).fetchall()
    return {str(r[0]): CaseListRow(*r) for r in rows}


@dataclass(frozen=True)
class AssessmentRow:
    id: str
    assessed_on: str
    needs: str  # JSON list
    priority: str | None
    summary: str | None
    restricted_detail: str | None
    author: str | None


def assessments(db: Database, case_id: str) -> list[AssessmentRow]:
    """Assessments of a case, newest first."""
    rows = db.execute(
        "SELECT a.id, a.assessed_on, a.needs, a.priority, a.summary, a.restricted_detail, "
        "u.display_name FROM intake_assessment a LEFT JOIN app_user u ON u.id = a.created_by "
        "WHERE a.case_id = ? AND a.deleted = 0 ORDER BY a.assessed_on DESC, a.hlc DESC",
        [case_id],
    ).fetchall()
    return [AssessmentRow(*r) for r in rows]


@dataclass(frozen=True)
class FollowUpRow:
    id: str
    kind: str
    occurred_on: str
    mode: str
    outcome: str | None
    status_summary: str | None
    next_date: str | None
    author: str | None


def follow_ups(db: Database, case_id: str) -> list[FollowUpRow]:
    """Live follow-ups of a case (regular ones and reintegration checks), newest first."""
    rows = db.execute(
        "SELECT f.id, f.kind, f.occurred_on, f.mode, f.outcome, f.status_summary, f.next_date, "
        "u.display_name FROM follow_up f LEFT JOIN app_user u ON u.id = f.created_by "
        f"WHERE f.case_id = ? AND {_live('follow_up', 'f')} "
        "ORDER BY f.occurred_on DESC, f.hlc DESC",
        [case_id],
    ).fetchall()
    return [FollowUpRow(*r) for r in rows]


@dataclass(frozen=True)
class ReintegrationRow:
    id: str
    contact_name: str | None
    contact_relation: str | None
    contact_phone: str | None
    contact_place: str | None
    status: str
    reintegrated_on: str | None
    check_30_due: str | None
    check_90_due: str | None
    items_given: str | None


def reintegrations(db: Database, case_id: str) -> list[ReintegrationRow]:
    rows = db.execute(
        "SELECT id, contact_name, contact_relation, contact_phone, contact_place, status, "
        "reintegrated_on, check_30_due, check_90_due, items_given FROM family_reintegration "
        "WHERE case_id = ? AND deleted = 0 ORDER BY created_at, hlc",
        [case_id],
    ).fetchall()
    return [ReintegrationRow(*r) for r in rows]


@dataclass(frozen=True)
class MediationRow:
    id: str
    reintegration_id: str
    occurred_on: str
    step: str
    outcome: str | None
    note: str | None


def mediation_steps(db: Database, reintegration_id: str) -> list[MediationRow]:
    """Live mediation steps of a reintegration, oldest first."""
    rows = db.execute(
        "SELECT m.id, m.reintegration_id, m.occurred_on, m.step, m.outcome, m.note "
        f"FROM mediation_step m WHERE m.reintegration_id = ? AND {_live('mediation_step', 'm')} "
        "ORDER BY m.occurred_on, m.hlc",
        [reintegration_id],
    ).fetchall()
    return [MediationRow(*r) for r in rows]


@dataclass(frozen=True)
class NamedPlace:
    """An organisation or a facility: its id, names and kind."""

    id: str
    name_fr: str | None
    name_ar: str | None
    kind: str


def organisations(db: Database, campaign_id: str) -> list[NamedPlace]:
    rows = db.execute(
        "SELECT id, name_fr, name_ar, kind FROM organisation WHERE deleted = 0 "
        "AND campaign_id = ? ORDER BY COALESCE(name_fr, name_ar), id",
        [campaign_id],
    ).fetchall()
    return [NamedPlace(*r) for r in rows]


def facilities(db: Database, campaign_id: str) -> list[NamedPlace]:
    rows = db.execute(
        "SELECT id, name_fr, name_ar, kind FROM facility WHERE deleted = 0 "
        "AND campaign_id = ? ORDER BY COALESCE(name_fr, name_ar), id",
        [campaign_id],
    ).fetchall()
    return [NamedPlace(*r) for r in rows]


def user_names(db: Database) -> dict[str, str]:
    """Display name of every user of this laptop's data, by id."""
    rows = db.execute("SELECT id, display_name FROM app_user WHERE deleted = 0").fetchall()
    return {str(r[0]): str(r[1]) for r in rows}


@dataclass(frozen=True)
class ConsentRow:
    id: str
    given: int
    method: str
    given_on: str
    witness: str | None
    withdrawn_at: str | None


def latest_consent(db: Database, person_id: str, purpose: str) -> ConsentRow | None:
    """The latest consent record of a person for a purpose (it decides; see CaseRepo)."""
    row = db.execute(
        "SELECT id, given, method, given_on, witness, withdrawn_at FROM consent "
        "WHERE person_id = ? AND purpose = ? AND deleted = 0 "
        "ORDER BY given_on DESC, hlc DESC LIMIT 1",
        [person_id, purpose],
    ).fetchone()
    return None if row is None else ConsentRow(*row)


@dataclass(frozen=True)
class PersonHit:
    id: str
    name_latn: str
    name_ar: str
    known_as: str | None
    code: str
    birth_year: int | None
    sex: str
    open_case_id: str | None


def find_people(
    db: Database, campaign_id: str, *, text: str, keys: tuple[str, ...], limit: int
) -> list[PersonHit]:
    """Persons whose name, nickname or code contains `text`, or whose search keys start
    with one of `keys` (text_folding.query_keys: Arabic finds Latin and back)."""
    columns = (
        "p.given_name_latn",
        "p.family_name_latn",
        "p.given_name_ar",
        "p.family_name_ar",
        "p.known_as",
        "p.beneficiary_code",
    )
    match = " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in columns)
    params: list[Any] = [_like(text.strip())] * len(columns)
    if keys:
        match += " OR p.id IN (SELECT person_id FROM person_key WHERE " + " OR ".join(
            "key LIKE ? ESCAPE '\\'" for _ in keys
        )
        match += ")"
        params += [_like(k)[1:] for k in keys]  # prefix match
    rows = db.execute(
        "SELECT p.id, trim(COALESCE(p.given_name_latn, '') || ' ' || "
        "COALESCE(p.family_name_latn, '')), trim(COALESCE(p.given_name_ar, '') || ' ' || "
        "COALESCE(p.family_name_ar, '')), p.known_as, p.beneficiary_code, p.birth_year, p.sex, "
        "(SELECT c.id FROM case_file c WHERE c.person_id = p.id AND c.deleted = 0 "
        "AND c.status <> 'closed' LIMIT 1) "
        f"FROM person p WHERE p.deleted = 0 AND p.campaign_id = ? AND ({match}) "
        "ORDER BY p.beneficiary_code LIMIT ?",
        [campaign_id, *params, limit],
    ).fetchall()
    return [PersonHit(*r) for r in rows]


@dataclass(frozen=True)
class CaseDetails:
    facility_id: str | None
    window_name: str | None
    closed_at: str | None
    closure_reason: str | None
    subject_person_id: str | None  # the person, or the household's head


def case_details(db: Database, case_id: str) -> CaseDetails:
    """Where a case was opened, how it closed, and whose consent covers it.

    The case must exist (callers read its row first)."""
    row = db.execute(
        "SELECT c.facility_id, c.window_name, c.closed_at, c.closure_reason, "
        "COALESCE(c.person_id, h.head_person_id) FROM case_file c "
        "LEFT JOIN household h ON h.id = c.household_id WHERE c.id = ?",
        [case_id],
    ).fetchone()
    if row is None:
        return CaseDetails(None, None, None, None, None)
    return CaseDetails(*row)
