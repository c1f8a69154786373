"""Everything this laptop stores about one person, table by table (for the data
subject's access request, services.subject_access).

The person's own rows are found through `person_id` (or the person's id), their
case work through their case files (or the households they belong to), and the
audit entries that name any of these rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlite_utils import Database

# Tables holding a person_id column (their rows about the person).
BY_PERSON = (
    "person_name_variant",
    "identity_document",
    "household_member",
    "consent",
    "stay",
    "bed_night",
    "encounter",
    "distribution_line",
    "service_delivery",
    "health_observation",
    "entitlement_override",
    "case_file",
)
# Case work hangs off the case file.
BY_CASE = ("case_note", "intake_assessment", "referral", "follow_up", "family_reintegration")


def _rows(db: Database, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    cursor = db.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _marks(ids: Sequence[str]) -> str:
    return ", ".join("?" for _ in ids)


def person_row(db: Database, person_id: str) -> dict[str, Any] | None:
    found = _rows(db, "SELECT * FROM person WHERE id = ?", [person_id])
    return found[0] if found else None


def person_data(db: Database, person_id: str) -> dict[str, list[dict[str, Any]]]:
    """table -> rows about the person (only tables with rows)."""
    data: dict[str, list[dict[str, Any]]] = {}
    for table in BY_PERSON:
        data[table] = _rows(db, f"SELECT * FROM {table} WHERE person_id = ?", [person_id])
    households = [r["household_id"] for r in data["household_member"]]
    data["household"] = _rows(
        db,
        f"SELECT * FROM household WHERE head_person_id = ? OR id IN ({_marks(households)})",
        [person_id, *households],
    )
    cases = [r["id"] for r in data["case_file"]]
    for table in BY_CASE:
        data[table] = _rows(db, f"SELECT * FROM {table} WHERE case_id IN ({_marks(cases)})", cases)
    reintegrations = [r["id"] for r in data["family_reintegration"]]
    data["mediation_step"] = _rows(
        db,
        f"SELECT * FROM mediation_step WHERE reintegration_id IN ({_marks(reintegrations)})",
        reintegrations,
    )
    data["person_link"] = _rows(
        db, "SELECT * FROM person_link WHERE person_a = ? OR person_b = ?", [person_id, person_id]
    )
    return {table: rows for table, rows in data.items() if rows}


def audit_entries(db: Database, row_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Audit entries naming any of `row_ids` (who saw, exported, changed them)."""
    found: list[dict[str, Any]] = []
    for start in range(0, len(row_ids), 500):
        chunk = list(row_ids[start : start + 500])
        found.extend(
            _rows(
                db,
                "SELECT at, actor_name, action, table_name, row_id, detail, device_id "
                f"FROM audit_entry WHERE row_id IN ({_marks(chunk)})",
                chunk,
            )
        )
    return sorted(found, key=lambda r: (str(r["at"]), str(r["row_id"])))
