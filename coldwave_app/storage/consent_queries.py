"""Consent lookups for the consent gate: the standing consent of a person, and whose
consent covers a case (the person, or for a household case its head)."""

from __future__ import annotations

from sqlite_utils import Database


def standing_consent(db: Database, person_id: str, purpose: str) -> str | None:
    """Id of the person's consent for `purpose` if it stands, else None.

    The latest record for the purpose decides (the rule of CaseRepo.live_consent):
    a refusal recorded after an earlier "yes" wins, and so does a withdrawal.
    """
    row = db.execute(
        "SELECT id, given, withdrawn_at FROM consent "
        "WHERE person_id = ? AND purpose = ? AND deleted = 0 "
        "ORDER BY given_on DESC, hlc DESC LIMIT 1",
        [person_id, purpose],
    ).fetchone()
    if row is None or row[1] != 1 or row[2] is not None:
        return None
    return str(row[0])


def case_subject(db: Database, case_id: str) -> str | None:
    """The person whose consent covers case `case_id`: its person, else its household's head."""
    row = db.execute(
        "SELECT c.person_id, h.head_person_id FROM case_file c "
        "LEFT JOIN household h ON h.id = c.household_id AND h.deleted = 0 "
        "WHERE c.id = ? AND c.deleted = 0",
        [case_id],
    ).fetchone()
    if row is None:
        return None
    return str(row[0] or row[1]) if (row[0] or row[1]) else None


def reintegration_case(db: Database, reintegration_id: str) -> str | None:
    row = db.execute(
        "SELECT case_id FROM family_reintegration WHERE id = ? AND deleted = 0",
        [reintegration_id],
    ).fetchone()
    return None if row is None else str(row[0])
