"""Read queries of case work: case files, consents, referrals, follow-ups, family
reintegration and case notes.

Writes go through `RecordWriter`; this module only reads. Follow-ups, mediation
steps and case notes are append-only events: a row is live unless a later row
corrects it (void or amend) or it is itself a void row, and an amend row is the
live version of its original.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database


def _live(table: str, alias: str) -> str:
    """SQL condition: row `alias` of event table `table` counts (see module doc)."""
    return (
        f"COALESCE({alias}.correction_kind, '') <> 'void' AND NOT EXISTS "
        f"(SELECT 1 FROM {table} x WHERE x.corrects_id = {alias}.id)"
    )


# Tables whose field history may be read; the name is put into SQL, hence the list.

CASE_COLUMNS = (
    "id, person_id, household_id, opened_at, facility_id, window_name, caseworker_id, "
    "status, priority, closed_at, closure_reason"
)


@dataclass(frozen=True)
class CaseFile:
    id: str
    person_id: str | None
    household_id: str | None
    opened_at: str
    facility_id: str | None
    window_name: str | None
    caseworker_id: str | None
    status: str
    priority: str | None
    closed_at: str | None
    closure_reason: str | None


@dataclass(frozen=True)
class CaseSummary:
    case: CaseFile
    subject_name: str | None  # person's name, or the household head's
    needs: list[str]  # of the latest assessment
    last_follow_up_on: str | None
    next_date: str | None  # of the latest regular follow-up
    open_referrals: int  # sent, accepted or without answer
    notes: int


@dataclass(frozen=True)
class Referral:
    id: str
    case_id: str
    from_org_id: str | None
    to_org_id: str | None
    to_facility_id: str | None
    service_type: str
    sent_on: str
    consent_id: str | None
    status: str
    feedback_on: str | None
    outcome: str | None


@dataclass(frozen=True)
class Reintegration:
    id: str
    case_id: str
    status: str
    reintegrated_on: str | None
    check_30_due: str | None
    check_90_due: str | None


@dataclass(frozen=True)
class NoteRow:
    id: str
    case_id: str
    visibility: str
    text: str
    written_at: str
    author_id: str


@dataclass(frozen=True)
class DueRow:
    case_id: str
    person_id: str | None
    household_id: str | None
    caseworker_id: str | None
    priority: str | None
    due_on: str
    kind: str


class CaseRepo:
    """Queries of one campaign's case work (all campaigns when `campaign_id` is None)."""

    def __init__(self, db: Database, campaign_id: str | None) -> None:
        self.db = db
        self.campaign_id = campaign_id

    def _campaign(self, alias: str) -> tuple[str, list[Any]]:
        if self.campaign_id is None:
            return "", []
        return f" AND {alias}.campaign_id = ?", [self.campaign_id]

    # -- subjects and places ---------------------------------------------------

    def person_exists(self, person_id: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM person WHERE id = ? AND deleted = 0", [person_id]
        ).fetchone()
        return row is not None

    def household(self, household_id: str) -> tuple[str, str | None] | None:
        """(id, head person id) of a live household, or None."""
        row = self.db.execute(
            "SELECT id, head_person_id FROM household WHERE id = ? AND deleted = 0",
            [household_id],
        ).fetchone()
        return None if row is None else (str(row[0]), row[1])

    def facility_exists(self, facility_id: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM facility WHERE id = ? AND deleted = 0", [facility_id]
        ).fetchone()
        return row is not None

    def organisation_exists(self, org_id: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM organisation WHERE id = ? AND deleted = 0", [org_id]
        ).fetchone()
        return row is not None

    # -- case files --------------------------------------------------------------

    def case(self, case_id: str) -> CaseFile | None:
        row = self.db.execute(
            f"SELECT {CASE_COLUMNS} FROM case_file WHERE id = ? AND deleted = 0", [case_id]
        ).fetchone()
        return None if row is None else CaseFile(*row)

    def open_case_of(self, *, person_id: str | None, household_id: str | None) -> str | None:
        """Id of a case not closed for this person or household, if any."""
        scope, params = self._campaign("c")
        row = self.db.execute(
            "SELECT c.id FROM case_file c WHERE c.deleted = 0 AND c.status <> 'closed' "
            "AND (c.person_id = ? OR c.household_id = ?)" + scope + " ORDER BY c.opened_at",
            [person_id, household_id, *params],
        ).fetchone()
        return None if row is None else str(row[0])

    def summary(self, case_id: str) -> CaseSummary | None:
        case = self.case(case_id)
        if case is None:
            return None
        name = self.db.execute(
            "SELECT trim(COALESCE(p.given_name_latn, p.given_name_ar, '') || ' ' || "
            "COALESCE(p.family_name_latn, p.family_name_ar, '')), p.known_as "
            "FROM person p WHERE p.id = COALESCE(?, "
            "(SELECT head_person_id FROM household WHERE id = ?))",
            [case.person_id, case.household_id],
        ).fetchone()
        subject = None if name is None else (name[0] or name[1] or None)
        needs_row = self.db.execute(
            "SELECT needs FROM intake_assessment WHERE case_id = ? AND deleted = 0 "
            "ORDER BY assessed_on DESC, hlc DESC LIMIT 1",
            [case_id],
        ).fetchone()
        needs = [] if needs_row is None else [str(n) for n in json.loads(needs_row[0])]
        last = self.db.execute(
            "SELECT f.occurred_on, f.next_date FROM follow_up f "
            f"WHERE f.case_id = ? AND f.kind = 'regular' AND {_live('follow_up', 'f')} "
            "ORDER BY f.occurred_on DESC, f.hlc DESC LIMIT 1",
            [case_id],
        ).fetchone()
        referrals = self.db.execute(
            "SELECT count(*) FROM referral WHERE case_id = ? AND deleted = 0 "
            "AND status IN ('sent', 'accepted', 'no_answer')",
            [case_id],
        ).fetchone()[0]
        notes = self.db.execute(
            f"SELECT count(*) FROM case_note n WHERE n.case_id = ? AND {_live('case_note', 'n')}",
            [case_id],
        ).fetchone()[0]
        return CaseSummary(
            case=case,
            subject_name=subject,
            needs=needs,
            last_follow_up_on=None if last is None else last[0],
            next_date=None if last is None else last[1],
            open_referrals=int(referrals),
            notes=int(notes),
        )

    # -- consent and referrals -----------------------------------------------------

    def live_consent(self, person_id: str, purpose: str) -> str | None:
        """Id of the person's consent for `purpose` if it stands, else None.

        The latest record for the purpose decides: a refusal recorded after an
        earlier "yes" wins, and so does a withdrawal.
        """
        row = self.db.execute(
            "SELECT id, given, withdrawn_at FROM consent "
            "WHERE person_id = ? AND purpose = ? AND deleted = 0 "
            "ORDER BY given_on DESC, hlc DESC LIMIT 1",
            [person_id, purpose],
        ).fetchone()
        if row is None or row[1] != 1 or row[2] is not None:
            return None
        return str(row[0])

    def referral(self, referral_id: str) -> Referral | None:
        row = self.db.execute(
            "SELECT id, case_id, from_org_id, to_org_id, to_facility_id, service_type, "
            "sent_on, consent_id, status, feedback_on, outcome FROM referral "
            "WHERE id = ? AND deleted = 0",
            [referral_id],
        ).fetchone()
        return None if row is None else Referral(*row)

    def referrals_of(self, case_id: str) -> list[Referral]:
        rows = self.db.execute(
            "SELECT id, case_id, from_org_id, to_org_id, to_facility_id, service_type, "
            "sent_on, consent_id, status, feedback_on, outcome FROM referral "
            "WHERE case_id = ? AND deleted = 0 ORDER BY sent_on, hlc",
            [case_id],
        ).fetchall()
        return [Referral(*r) for r in rows]

    # -- follow-ups and reintegration --------------------------------------------------

    def reintegration(self, reintegration_id: str) -> Reintegration | None:
        row = self.db.execute(
            "SELECT id, case_id, status, reintegrated_on, check_30_due, check_90_due "
            "FROM family_reintegration WHERE id = ? AND deleted = 0",
            [reintegration_id],
        ).fetchone()
        return None if row is None else Reintegration(*row)

    def check_done(self, case_id: str, kind: str, *, since: str) -> bool:
        """Whether a live follow-up of `kind` was recorded on or after `since`."""
        row = self.db.execute(
            "SELECT 1 FROM follow_up f WHERE f.case_id = ? AND f.kind = ? "
            f"AND f.occurred_on >= ? AND {_live('follow_up', 'f')}",
            [case_id, kind, since],
        ).fetchone()
        return row is not None

    def due_rows(self, *, caseworker_id: str | None = None) -> list[DueRow]:
        """What is scheduled on cases not closed: the next date of each case's latest
        regular follow-up, and reintegration checks not yet recorded. Unordered."""
        scope, params = self._campaign("c")
        if caseworker_id is not None:
            scope += " AND c.caseworker_id = ?"
            params = [*params, caseworker_id]
        case_cols = "c.id, c.person_id, c.household_id, c.caseworker_id, c.priority"
        live_cases = "c.deleted = 0 AND c.status <> 'closed'" + scope

        def check(kind: str) -> str:
            due = f"r.{kind}_due"
            return (
                f"SELECT {case_cols}, {due}, '{kind}' FROM family_reintegration r "
                f"JOIN case_file c ON c.id = r.case_id "
                f"WHERE r.deleted = 0 AND {due} IS NOT NULL AND {live_cases} "
                "AND NOT EXISTS (SELECT 1 FROM follow_up f WHERE f.case_id = r.case_id "
                f"AND f.kind = '{kind}' AND f.occurred_on >= r.reintegrated_on "
                f"AND {_live('follow_up', 'f')})"
            )

        sql = (
            "WITH latest AS (SELECT f.case_id, f.next_date, ROW_NUMBER() OVER "
            "(PARTITION BY f.case_id ORDER BY f.occurred_on DESC, f.hlc DESC) AS rn "
            f"FROM follow_up f WHERE f.kind = 'regular' AND {_live('follow_up', 'f')}) "
            f"SELECT {case_cols}, l.next_date, 'regular' FROM case_file c "
            "JOIN latest l ON l.case_id = c.id AND l.rn = 1 "
            f"WHERE l.next_date IS NOT NULL AND {live_cases} "
            f"UNION ALL {check('check_30')} UNION ALL {check('check_90')}"
        )
        rows = self.db.execute(sql, params * 3).fetchall()
        return [DueRow(*r) for r in rows]

    # -- notes ---------------------------------------------------------------------

    def notes(self, case_id: str) -> list[NoteRow]:
        """Live notes of a case, oldest first, whoever may read them."""
        rows = self.db.execute(
            "SELECT n.id, n.case_id, n.visibility, n.text, n.written_at, n.created_by "
            f"FROM case_note n WHERE n.case_id = ? AND {_live('case_note', 'n')} "
            "ORDER BY n.written_at, n.hlc",
            [case_id],
        ).fetchall()
        return [NoteRow(*r) for r in rows]
