"""SQL behind the people screens: search as you type, person and household pages.

Search reads the local name index (`person_key`, migration m0002) by key *prefix*:
the keys are folded names, each name part and the cross-script phonetic key, so
a range scan on `ix_person_key_key` finds "moha" in "Mohamed Alaoui" and «محمد»
alike. Ids are streamed and deduplicated in index order, and the scan stops as
soon as a page is full, so a one-letter query over a season costs one page.

Every page read is a handful of set queries (never one per row): the person page
must open in under 100 ms on a province season (issue 9).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlite_utils import Database

from coldwave_app.storage.shelter_repo import LIVE_BED_NIGHT

# Above every code point: a prefix range [p, p + TOP) holds every key starting with p.
_TOP = "\U0010ffff"
_SCAN_CHUNK = 400


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


def _dicts(db: Database, sql: str, params: Sequence[object]) -> list[dict[str, Any]]:
    cursor = db.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def person_ids_by_key_prefix(
    db: Database, prefixes: Sequence[str], *, skip: int, limit: int
) -> tuple[list[str], bool]:
    """People with a search key starting with one of `prefixes`, in the order of the
    prefixes then of the index; returns (page of ids, whether more follow)."""
    wanted = skip + limit + 1
    found: dict[str, None] = {}
    for prefix in dict.fromkeys(p for p in prefixes if p):
        # Only the key index is read here; deleted people are left out by person_lines.
        cursor = db.execute(
            "SELECT person_id FROM person_key WHERE key >= ? AND key < ?",
            [prefix, prefix + _TOP],
        )
        while len(found) < wanted:
            rows = cursor.fetchmany(_SCAN_CHUNK)
            if not rows:
                break
            found.update((r[0], None) for r in rows)
        cursor.close()
        if len(found) >= wanted:
            break
    ids = list(found)
    return ids[skip : skip + limit], len(ids) > skip + limit


def person_ids_by_code_prefix(db: Database, prefix: str, limit: int) -> list[str]:
    rows = db.execute(
        "SELECT id FROM person WHERE beneficiary_code >= ? AND beneficiary_code < ? "
        "AND deleted = 0 ORDER BY beneficiary_code LIMIT ?",
        [prefix, prefix + _TOP, limit],
    ).fetchall()
    return [r[0] for r in rows]


def person_ids_by_cin_hash(db: Database, hashed: str) -> list[str]:
    rows = db.execute(
        "SELECT id FROM person WHERE cin_hash = ? AND deleted = 0 ORDER BY id", [hashed]
    ).fetchall()
    return [r[0] for r in rows]


_PERSON_LINE = (
    "SELECT p.id, p.beneficiary_code, p.given_name_ar, p.family_name_ar, p.given_name_latn, "
    "p.family_name_latn, p.known_as, p.sex, p.birth_year, p.cin_masked FROM person p"
)


def person_lines(db: Database, ids: Sequence[str]) -> list[dict[str, Any]]:
    """Search-list fields of the given live people (with a household code), in the order
    of `ids`."""
    if not ids:
        return []
    rows = _dicts(db, f"{_PERSON_LINE} WHERE p.id IN ({_marks(ids)}) AND p.deleted = 0", ids)
    households: dict[str, str] = {}
    for person_id, code in db.execute(
        f"SELECT m.person_id, h.beneficiary_code FROM household_member m JOIN household h "
        f"ON h.id = m.household_id WHERE m.person_id IN ({_marks(ids)}) AND m.deleted = 0 "
        f"AND h.deleted = 0 ORDER BY m.created_at DESC",
        list(ids),
    ).fetchall():
        households[person_id] = code  # the earliest membership wins: rows come newest first
    by_id = {r["id"]: {**r, "household_code": households.get(r["id"])} for r in rows}
    return [by_id[i] for i in ids if i in by_id]


_HOUSEHOLD_LINE = (
    "SELECT h.id, h.beneficiary_code, h.geo_code, h.size_declared, "
    "COALESCE(h.head_name, trim(COALESCE(p.given_name_ar, '') || ' ' || "
    " COALESCE(p.family_name_ar, ''))) AS head_ar, "
    "trim(COALESCE(p.given_name_latn, '') || ' ' || COALESCE(p.family_name_latn, '')) "
    " AS head_latn, g.name_ar AS douar_ar, g.name_fr AS douar_fr, "
    "(SELECT count(*) FROM household_member m WHERE m.household_id = h.id "
    " AND m.deleted = 0) AS members "
    "FROM household h LEFT JOIN person p ON p.id = h.head_person_id "
    "LEFT JOIN geo_unit g ON g.code = h.geo_code"
)


def household_ids_matching(
    db: Database,
    *,
    code_prefix: str | None,
    member_ids: Sequence[str],
    limit: int,
) -> list[str]:
    """Households by code prefix, or having one of `member_ids` (the head is a member).

    A household known only by a written head name is not searched by it: that column
    has no index, and scanning a season's households costs more than a keystroke.
    """
    found: dict[str, None] = {}
    if code_prefix:
        rows = db.execute(
            "SELECT id FROM household WHERE beneficiary_code >= ? AND beneficiary_code < ? "
            "AND deleted = 0 ORDER BY beneficiary_code LIMIT ?",
            [code_prefix, code_prefix + _TOP, limit],
        ).fetchall()
        found.update((r[0], None) for r in rows)
    if member_ids:
        rows = db.execute(
            f"SELECT m.household_id FROM household_member m JOIN household h "
            f"ON h.id = m.household_id WHERE m.person_id IN ({_marks(member_ids)}) "
            f"AND m.deleted = 0 AND h.deleted = 0 LIMIT ?",
            [*member_ids, limit],
        ).fetchall()
        found.update((r[0], None) for r in rows)
    return list(found)[:limit]


def household_lines(db: Database, ids: Sequence[str]) -> list[dict[str, Any]]:
    if not ids:
        return []
    rows = _dicts(db, f"{_HOUSEHOLD_LINE} WHERE h.id IN ({_marks(ids)})", ids)
    by_id = {r["id"]: r for r in rows}
    return [by_id[i] for i in ids if i in by_id]


def households_in_place(db: Database, geo_code: str, limit: int) -> list[dict[str, Any]]:
    return _dicts(
        db,
        f"{_HOUSEHOLD_LINE} WHERE h.geo_code = ? AND h.deleted = 0 "
        f"ORDER BY h.beneficiary_code LIMIT ?",
        [geo_code, limit],
    )


def douars_matching(
    db: Database, keys: Sequence[str], *, province_code: str | None, limit: int
) -> list[tuple[str, str, str | None]]:
    """(code, name_ar, name_fr) of douars whose folded or phonetic name contains a key.

    Only keys of three characters or more are used: the trigram index cannot help a
    shorter one, and a full scan of the country's places is too slow for a keystroke.
    """
    usable = [k for k in keys if len(k) >= 3]
    if not usable:
        return []
    clause = " OR ".join("keys LIKE ?" for _ in usable)
    sql = (
        f"SELECT code, name_ar, name_fr FROM geo_unit WHERE level = 'douar' AND code IN "
        f"(SELECT code FROM geo_search WHERE kind = 'official' AND ({clause}))"
    )
    params: list[object] = [f"%{k}%" for k in usable]
    if province_code:
        sql += " AND province_code = ?"
        params.append(province_code)
    rows = db.execute(sql + " LIMIT ?", [*params, limit]).fetchall()
    return [(r[0], r[1], r[2]) for r in rows]


def household_counts(db: Database, geo_codes: Sequence[str]) -> dict[str, int]:
    if not geo_codes:
        return {}
    rows = db.execute(
        f"SELECT geo_code, count(*) FROM household WHERE deleted = 0 "
        f"AND geo_code IN ({_marks(geo_codes)}) GROUP BY geo_code",
        list(geo_codes),
    ).fetchall()
    return {r[0]: int(r[1]) for r in rows}


def campaign_province(db: Database, campaign_id: str | None) -> str | None:
    if not campaign_id:
        return None
    row = db.execute("SELECT province_code FROM campaign WHERE id = ?", [campaign_id]).fetchone()
    return None if row is None else row[0]


def person_record(db: Database, person_id: str) -> dict[str, Any] | None:
    rows = _dicts(db, "SELECT * FROM person WHERE id = ? AND deleted = 0", [person_id])
    return rows[0] if rows else None


def person_records(db: Database, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    rows = _dicts(db, f"SELECT * FROM person WHERE id IN ({_marks(ids)})", ids)
    return {r["id"]: r for r in rows}


def aliases(db: Database, person_ids: Sequence[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if not person_ids:
        return out
    for person_id, value in db.execute(
        f"SELECT person_id, value FROM person_name_variant WHERE deleted = 0 "
        f"AND person_id IN ({_marks(person_ids)}) ORDER BY created_at",
        list(person_ids),
    ).fetchall():
        out.setdefault(person_id, []).append(value)
    return out


def memberships(db: Database, person_ids: Sequence[str]) -> list[dict[str, Any]]:
    """(person_id, household_id, relationship) of the given people's households."""
    if not person_ids:
        return []
    return _dicts(
        db,
        f"SELECT m.person_id, m.household_id, m.relationship FROM household_member m "
        f"JOIN household h ON h.id = m.household_id WHERE m.deleted = 0 AND h.deleted = 0 "
        f"AND m.person_id IN ({_marks(person_ids)}) ORDER BY m.created_at",
        person_ids,
    )


def household_record(db: Database, household_id: str) -> dict[str, Any] | None:
    rows = _dicts(
        db,
        "SELECT h.*, g.name_ar AS douar_ar, g.name_fr AS douar_fr FROM household h "
        "LEFT JOIN geo_unit g ON g.code = h.geo_code WHERE h.id = ? AND h.deleted = 0",
        [household_id],
    )
    return rows[0] if rows else None


def household_member_rows(db: Database, household_id: str) -> list[dict[str, Any]]:
    return _dicts(
        db,
        "SELECT m.relationship, p.id, p.beneficiary_code, p.given_name_ar, p.family_name_ar, "
        "p.given_name_latn, p.family_name_latn, p.known_as, p.sex, p.birth_year, p.cin_masked "
        "FROM household_member m JOIN person p ON p.id = m.person_id "
        "WHERE m.household_id = ? AND m.deleted = 0 AND p.deleted = 0 ORDER BY m.created_at",
        [household_id],
    )


def stays(db: Database, person_id: str) -> list[dict[str, Any]]:
    """The person's stays, newest first, with the centre, the bed and the nights counted."""
    return _dicts(
        db,
        "SELECT s.id, s.entry_at, s.exit_at, s.exit_destination, s.entry_route, "
        "f.name_ar AS facility_ar, f.name_fr AS facility_fr, b.label AS bed, "
        f"(SELECT count(*) FROM bed_night bn WHERE bn.stay_id = s.id AND {LIVE_BED_NIGHT}) "
        "AS nights "
        "FROM stay s LEFT JOIN facility f ON f.id = s.facility_id "
        "LEFT JOIN bed b ON b.id = s.bed_id WHERE s.person_id = ? AND s.deleted = 0 "
        "ORDER BY s.entry_at DESC",
        [person_id],
    )


def _live(table: str, alias: str) -> str:
    """An event row counts unless it is a void or a later row corrects it."""
    return (
        f"COALESCE({alias}.correction_kind, '') <> 'void' AND NOT EXISTS "
        f"(SELECT 1 FROM {table} c WHERE c.corrects_id = {alias}.id)"
    )


_LIVE_LINE = _live("distribution_line", "l")


def items_received(
    db: Database, *, person_ids: Sequence[str], household_ids: Sequence[str]
) -> list[dict[str, Any]]:
    """Distribution lines given to these people or households, newest first."""
    clauses, params = [], []
    if person_ids:
        clauses.append(f"l.person_id IN ({_marks(person_ids)})")
        params += list(person_ids)
    if household_ids:
        clauses.append(f"l.household_id IN ({_marks(household_ids)})")
        params += list(household_ids)
    if not clauses:
        return []
    return _dicts(
        db,
        f"SELECT l.id, l.person_id, l.household_id, l.qty, l.received_by, e.id AS event_id, "
        f"e.occurred_on, e.distribution_point, e.geo_code, g.name_ar AS place_ar, "
        f"g.name_fr AS place_fr, COALESCE(i.name_ar, k.name_ar) AS item_ar, "
        f"COALESCE(i.name_fr, k.name_fr) AS item_fr, COALESCE(i.unit, '') AS unit, "
        f"r.team_name "
        f"FROM distribution_line l JOIN distribution_event e ON e.id = l.event_id "
        f"LEFT JOIN item i ON i.id = l.item_id LEFT JOIN kit_type k ON k.id = l.kit_type_id "
        f"LEFT JOIN geo_unit g ON g.code = e.geo_code "
        f"LEFT JOIN outreach_round r ON r.id = e.round_id "
        f"WHERE ({' OR '.join(clauses)}) AND {_LIVE_LINE} "
        f"ORDER BY e.occurred_on DESC, l.id",
        params,
    )


def encounters(db: Database, person_id: str) -> list[dict[str, Any]]:
    return _dicts(
        db,
        f"SELECT e.id, e.occurred_at, e.living_situation, e.shelter_offered, e.outcome, "
        "e.condition_flags, g.name_ar AS place_ar, g.name_fr AS place_fr, r.team_name "
        "FROM encounter e LEFT JOIN geo_unit g ON g.code = e.geo_code "
        "LEFT JOIN outreach_round r ON r.id = e.round_id "
        f"WHERE e.person_id = ? AND {_live('encounter', 'e')} ORDER BY e.occurred_at DESC",
        [person_id],
    )


def cases(
    db: Database, *, person_ids: Sequence[str], household_ids: Sequence[str]
) -> list[dict[str, Any]]:
    ids = [*person_ids, *household_ids]
    if not ids:
        return []
    return _dicts(
        db,
        f"SELECT c.id, c.opened_at, c.status, c.priority, c.closed_at, c.closure_reason, "
        f"c.window_name, (SELECT count(*) FROM follow_up f WHERE f.case_id = c.id) "
        f"AS follow_ups FROM case_file c WHERE c.deleted = 0 AND "
        f"(c.person_id IN ({_marks(person_ids or [''])}) "
        f"OR c.household_id IN ({_marks(household_ids or [''])})) ORDER BY c.opened_at DESC",
        [*(person_ids or [""]), *(household_ids or [""])],
    )


def consents(db: Database, person_id: str) -> list[dict[str, Any]]:
    return _dicts(
        db,
        "SELECT id, purpose, given, method, given_on, witness, withdrawn_at, withdrawal_reason "
        "FROM consent WHERE person_id = ? AND deleted = 0 ORDER BY given_on DESC",
        [person_id],
    )


def services_by_type(db: Database, person_id: str) -> list[tuple[str, int, str]]:
    """(service type, times, last date) of the services the person received."""
    rows = db.execute(
        "SELECT service_type, count(*), max(delivered_at) "
        f"FROM service_delivery sd WHERE sd.person_id = ? AND {_live('service_delivery', 'sd')} "
        "GROUP BY service_type ORDER BY 2 DESC",
        [person_id],
    ).fetchall()
    return [(r[0], int(r[1]), r[2]) for r in rows]


def links_of(db: Database, person_ids: Iterable[str]) -> list[dict[str, Any]]:
    """'same' links touching these people, live or undone, newest first."""
    ids = list(dict.fromkeys(person_ids))
    if not ids:
        return []
    marks = _marks(ids)
    return _dicts(
        db,
        f"SELECT id, person_a, person_b, score, reasons, decided_by, decided_at, undone_at "
        f"FROM person_link WHERE deleted = 0 AND decision = 'same' "
        f"AND (person_a IN ({marks}) OR person_b IN ({marks})) ORDER BY created_at DESC",
        [*ids, *ids],
    )


def live_link_rows(db: Database, limit: int) -> list[dict[str, Any]]:
    return _dicts(
        db,
        "SELECT id, person_a, person_b, score, reasons, decided_by, decided_at, undone_at "
        "FROM person_link WHERE deleted = 0 AND decision = 'same' AND undone_at IS NULL "
        "ORDER BY created_at DESC LIMIT ?",
        [limit],
    )


def open_duplicate_reviews(
    db: Database, *, person_id: str | None, limit: int
) -> list[dict[str, Any]]:
    """Open 'likely_duplicate' review items from the server's checks."""
    sql = (
        "SELECT id, subject_id, other_id, detail, created_at FROM review_item "
        "WHERE deleted = 0 AND status = 'open' AND kind = 'likely_duplicate' "
        "AND subject_table = 'person'"
    )
    params: list[object] = []
    if person_id:
        sql += " AND (subject_id = ? OR other_id = ?)"
        params += [person_id, person_id]
    return _dicts(db, sql + " ORDER BY created_at DESC LIMIT ?", [*params, limit])


def user_names(db: Database, ids: Iterable[str]) -> dict[str, str]:
    wanted = [i for i in dict.fromkeys(ids) if i]
    if not wanted:
        return {}
    rows = db.execute(
        f"SELECT id, display_name FROM app_user WHERE id IN ({_marks(wanted)})", wanted
    ).fetchall()
    return {r[0]: r[1] for r in rows}


def place_names(db: Database, codes: Iterable[str]) -> dict[str, tuple[str, str | None]]:
    wanted = [c for c in dict.fromkeys(codes) if c]
    if not wanted:
        return {}
    rows = db.execute(
        f"SELECT code, name_ar, name_fr FROM geo_unit WHERE code IN ({_marks(wanted)})", wanted
    ).fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}
