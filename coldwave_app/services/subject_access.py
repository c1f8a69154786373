"""A person's right of access and rectification (law 09-08): export everything stored
about them, and correct a field of their record.

`export_person` gathers the person's record and every row about them (stays, bed
nights, items received, encounters, services, health observations, consents, case
files with notes, referrals, follow-ups and family mediation, duplicate links) plus
the audit entries naming any of these rows, as plain JSON-ready data. It is an
administrator's task (the one role that reads every field) and is itself audited.

`correct_person` changes one field of the person record through the record writer
(so the correction syncs), for the fields a person may ask to rectify; other records
are corrected with their own services (events by void/amend).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coldwave_app.domain.cin import mask_cin, normalise_cin
from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.domain.people_rules import check_choice
from coldwave_app.domain.roles import Permission
from coldwave_app.domain.vocabulary import DataQuality, Sex
from coldwave_app.services.access import audit, require
from coldwave_app.storage import subject_access_queries as q
from coldwave_app.storage.local_store import LocalStore

SEXES = tuple(sex.value for sex in Sex)
# Fields of the person record a data subject may have corrected here.
CORRECTABLE = frozenset(
    {
        "given_name_ar",
        "family_name_ar",
        "given_name_latn",
        "family_name_latn",
        "known_as",
        "sex",
        "dob",
        "birth_year",
        "nationality",
        "languages",
        "phone",
        "cin",
    }
)


def export_person(store: LocalStore, *, person_id: str) -> dict[str, Any]:
    """Everything stored about `person_id` (see the module); audited as an export."""
    require(store, Permission.MANAGE_USERS)
    person = q.person_row(store.db, person_id)
    if person is None:
        raise InvalidInput(N_("No person {person}."), person=person_id)
    records = q.person_data(store.db, person_id)
    row_ids = [person_id] + [str(r["id"]) for rows in records.values() for r in rows if "id" in r]
    export = {
        "format": "coldwave-subject-access/1",
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "exported_by": store.user.username,
        "person": person,
        "records": records,
        "audit": q.audit_entries(store.db, row_ids),
    }
    audit(
        store,
        action="subject_access_export",
        table="person",
        record_id=person_id,
        detail={"tables": sorted(records), "rows": sum(len(r) for r in records.values())},
    )
    return export


def write_person_export(store: LocalStore, *, person_id: str, out: Path) -> int:
    """Write `export_person` as readable JSON to `out`; returns the number of rows."""
    export = export_person(store, person_id=person_id)
    text = json.dumps(export, ensure_ascii=False, indent=2, sort_keys=True, default=str)
    try:
        out.write_text(text + "\n", encoding="utf-8")
    except OSError as err:
        raise InvalidInput(
            N_("Cannot write {path}: {reason}."), path=str(out), reason=err.strerror or str(err)
        ) from None
    return 1 + sum(len(rows) for rows in export["records"].values())


def correct_person(store: LocalStore, *, person_id: str, field: str, value: str) -> None:
    """Rectify one field of a person's record (an empty value clears it); audited."""
    require(store, Permission.REGISTER_PEOPLE)
    if field not in CORRECTABLE:
        raise InvalidInput(
            N_("The field {field} cannot be corrected here; fields: {fields}."),
            field=field,
            fields=", ".join(sorted(CORRECTABLE)),
        )
    if q.person_row(store.db, person_id) is None:
        raise InvalidInput(N_("No person {person}."), person=person_id)
    text = value.strip()
    changes: dict[str, Any]
    if field == "cin":
        changes = _cin_changes(store, text)
    elif field == "birth_year":
        changes = {"birth_year": _year(text)}
    elif field == "sex":
        changes = {"sex": check_choice(text, SEXES, N_("Unknown sex code: {value}."))}
    else:
        changes = {field: text or None}
    with store.db.atomic():
        store.writer().update("person", person_id, changes)
        audit(
            store,
            action="subject_correction",
            table="person",
            record_id=person_id,
            detail={"field": field},
        )


def _year(text: str) -> int | None:
    if not text:
        return None
    if not text.isdigit() or not 1900 <= int(text) <= datetime.now(UTC).year:
        raise InvalidInput(N_("A birth year is a year such as 1975."))
    return int(text)


def _cin_changes(store: LocalStore, text: str) -> dict[str, Any]:
    from coldwave_app.services.people import cin_hash

    if not text:
        return {"cin_hash": None, "cin_masked": None, "cin_quality": DataQuality.UNKNOWN.value}
    normalised, warnings = normalise_cin(text)
    return {
        "cin_hash": cin_hash(store, normalised),
        "cin_masked": mask_cin(normalised),
        "cin_quality": DataQuality.PARTIAL.value if warnings else DataQuality.FULL.value,
    }
