"""SQL for people: the local search index, candidate lookup, summaries and links.

`person_key` and `person_block` (migration m0002) are derived from synced person
rows and never sync themselves; `index_person` rewrites a person's entries and
is called in the same transaction as the write that changed the names.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from coldwave_app.domain.people_rules import person_names
from coldwave_app.domain.text_folding import search_keys

# Above this many people in one block, only those sharing a name key are scored:
# scoring a whole province's age group would make the registration form lag.
MAX_SCORED_CANDIDATES = 200
# A name key held by more people than this is too common to narrow a search.
COMMON_KEY_AT = 3000
SCORE_WHOLE_BLOCK_UP_TO = 400

# The covering indexes of migration 0004, named because without ANALYZE statistics
# SQLite prefers the primary-key indexes and then reads a table row per candidate
# (or ORs three index scans of the sex column and sorts them), 10x slower at 100,000.
_BLOCK = "person_block b INDEXED BY ix_person_block_blocking"
_LIVE_PERSON = "person p INDEXED BY ix_person_live"
_KEYS = "person_key k INDEXED BY ix_person_key_key"


@dataclass(frozen=True)
class PersonSummary:
    id: str
    given_name_ar: str | None
    family_name_ar: str | None
    given_name_latn: str | None
    family_name_latn: str | None
    known_as: str | None
    sex: str
    birth_year: int | None
    province_code: str | None
    cin_hash: str | None
    beneficiary_code: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class PersonLinkRow:
    id: str
    person_a: str
    person_b: str
    decision: str
    undone_at: str | None


_SUMMARY_COLUMNS = (
    "id, given_name_ar, family_name_ar, given_name_latn, family_name_latn, known_as, "
    "sex, birth_year, province_code, cin_hash, beneficiary_code"
)


def name_keys(names: Iterable[str | None]) -> list[str]:
    """Every search key of every name, deduplicated (full names and single parts)."""
    keys: dict[str, None] = {}
    for name in names:
        if name and name.strip():
            for key in _cached_search_keys(name):
                keys[key] = None
    return list(keys)


@functools.lru_cache(maxsize=65536)
def _cached_search_keys(name: str) -> tuple[str, ...]:
    # Names repeat a lot within a province: a pull or a reindex folds each one once.
    return tuple(search_keys(name))


def index_person(
    db: Database,
    person_id: str,
    *,
    names: Sequence[str | None],
    sex: str,
    birth_year: int | None,
    province_code: str | None,
) -> None:
    """Replace the person's search keys and blocking fields."""
    with db.atomic():
        db.execute("DELETE FROM person_key WHERE person_id = ?", [person_id])
        db.conn.executemany(
            "INSERT INTO person_key (person_id, key) VALUES (?, ?)",
            [(person_id, key) for key in name_keys(names)],
        )
        db.execute(_BLOCK_UPSERT, [person_id, sex, birth_year, province_code])


_BLOCK_UPSERT = (
    "INSERT INTO person_block (person_id, sex, birth_year, province_code) "
    "VALUES (?, ?, ?, ?) ON CONFLICT (person_id) DO UPDATE SET sex = excluded.sex, "
    "birth_year = excluded.birth_year, province_code = excluded.province_code"
)


def _block_where(
    sex: str, birth_year: int | None, province_code: str | None, spread: int
) -> tuple[str, list[object]]:
    # Unknown sex, birth year or province on either side never excludes anyone:
    # partial identity is the norm, and a missed duplicate costs more than a look.
    clauses = ["p.deleted = 0"]
    params: list[object] = []
    if sex != "u":
        clauses.append("(b.sex = ? OR b.sex = 'u' OR b.sex IS NULL)")
        params.append(sex)
    if birth_year is not None:
        clauses.append("(b.birth_year IS NULL OR b.birth_year BETWEEN ? AND ?)")
        params += [birth_year - spread, birth_year + spread]
    if province_code:
        clauses.append("(b.province_code IS NULL OR b.province_code = ?)")
        params.append(province_code)
    return " AND ".join(clauses), params


def candidate_ids(
    db: Database,
    *,
    keys: Sequence[str],
    sex: str,
    birth_year: int | None,
    province_code: str | None,
    cin_hash: str | None = None,
    spread: int = 5,
) -> list[str]:
    """People in the block (sex, birth year ± spread, province) worth scoring.

    A small block is returned whole so that typos the keys miss are still scored;
    a large one only where a name key is shared. A person with the same CIN hash
    is always a candidate, whatever the block says.
    """
    where, params = _block_where(sex, birth_year, province_code, spread)
    base = f"FROM {_BLOCK} JOIN {_LIVE_PERSON} ON p.id = b.person_id WHERE {where}"
    found: dict[str, None] = {}
    # Read one row past the limit instead of counting: a big block stops early.
    rows = db.execute(
        f"SELECT b.person_id {base} LIMIT ?", [*params, SCORE_WHOLE_BLOCK_UP_TO + 1]
    ).fetchall()
    if len(rows) > SCORE_WHOLE_BLOCK_UP_TO:
        rows = _sharing_keys(db, keys=_selective_keys(db, keys), where=where, params=params)
    found.update((r[0], None) for r in rows)
    if cin_hash:
        rows = db.execute(
            "SELECT id FROM person WHERE cin_hash = ? AND deleted = 0", [cin_hash]
        ).fetchall()
        found.update((r[0], None) for r in rows)
    return list(found)


def _selective_keys(db: Database, keys: Sequence[str]) -> list[str]:
    """The name keys worth looking up: a key shared by thousands ("mhmd") finds
    everyone and tells nothing, so only the rarer keys are used (at least one)."""
    counted = []
    for key in keys:
        row = db.execute(
            "SELECT count(*) FROM (SELECT 1 FROM person_key WHERE key = ? LIMIT ?)",
            [key, COMMON_KEY_AT + 1],
        ).fetchone()
        counted.append((int(row[0]), key))
    counted.sort()
    chosen = [key for count, key in counted if 0 < count <= COMMON_KEY_AT]
    if not chosen:
        chosen = [key for count, key in counted[:1] if count]
    return chosen


def _sharing_keys(
    db: Database, *, keys: Sequence[str], where: str, params: list[object]
) -> list[tuple[str]]:
    """People of the block sharing the most of `keys`, best first, at most a few hundred."""
    if not keys:
        return []
    if len(keys) == 1:
        # Every count is 1, so the order is by person id: the order of the (key,
        # person_id) index, read only until the limit (a common key holds thousands).
        return db.execute(
            f"SELECT k.person_id FROM {_KEYS} JOIN {_BLOCK} ON b.person_id = k.person_id "
            f"JOIN {_LIVE_PERSON} ON p.id = k.person_id "
            f"WHERE k.key = ? AND {where} ORDER BY k.person_id LIMIT ?",
            [keys[0], *params, MAX_SCORED_CANDIDATES],
        ).fetchall()
    marks = ", ".join("?" for _ in keys)
    return db.execute(
        f"SELECT k.person_id FROM {_KEYS} JOIN {_BLOCK} ON b.person_id = k.person_id "
        f"JOIN {_LIVE_PERSON} ON p.id = k.person_id WHERE k.key IN ({marks}) AND {where} "
        f"GROUP BY k.person_id ORDER BY count(*) DESC, k.person_id LIMIT ?",
        [*keys, *params, MAX_SCORED_CANDIDATES],
    ).fetchall()


def person_summaries(db: Database, ids: Sequence[str]) -> list[PersonSummary]:
    """Names and blocking fields of the given people, in the order of `ids`."""
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    rows = db.execute(
        f"SELECT {_SUMMARY_COLUMNS} FROM person WHERE id IN ({marks})", list(ids)
    ).fetchall()
    aliases: dict[str, list[str]] = {}
    for person_id, value in db.execute(
        f"SELECT person_id, value FROM person_name_variant "
        f"WHERE deleted = 0 AND person_id IN ({marks})",
        list(ids),
    ).fetchall():
        aliases.setdefault(person_id, []).append(value)
    by_id: dict[str, PersonSummary] = {}
    for r in rows:
        by_id[r[0]] = PersonSummary(
            id=r[0],
            given_name_ar=r[1],
            family_name_ar=r[2],
            given_name_latn=r[3],
            family_name_latn=r[4],
            known_as=r[5],
            sex=r[6],
            birth_year=r[7],
            province_code=r[8],
            cin_hash=r[9],
            beneficiary_code=r[10],
            aliases=tuple(aliases.get(r[0], ())),
        )
    return [by_id[i] for i in ids if i in by_id]


def existing_person_ids(db: Database, ids: Iterable[str]) -> set[str]:
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return set()
    marks = ", ".join("?" for _ in wanted)
    rows = db.execute(
        f"SELECT id FROM person WHERE deleted = 0 AND id IN ({marks})", wanted
    ).fetchall()
    return {r[0] for r in rows}


def live_person_ids(db: Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT id FROM person WHERE deleted = 0").fetchall()]


def household_members(db: Database, household_id: str) -> list[tuple[str, str]]:
    """(person_id, relationship) of the household's current members."""
    rows = db.execute(
        "SELECT person_id, relationship FROM household_member "
        "WHERE household_id = ? AND deleted = 0 ORDER BY created_at, id",
        [household_id],
    ).fetchall()
    return [(r[0], r[1]) for r in rows]


def consent_state(db: Database, consent_id: str) -> tuple[str, str | None] | None:
    """(person_id, withdrawn_at) of a consent, or None when there is no such consent."""
    row = db.execute(
        "SELECT person_id, withdrawn_at FROM consent WHERE id = ? AND deleted = 0", [consent_id]
    ).fetchone()
    return None if row is None else (row[0], row[1])


def live_links(db: Database, decision: str = "same") -> list[PersonLinkRow]:
    """Links with `decision` that have not been undone or deleted."""
    rows = db.execute(
        "SELECT id, person_a, person_b, decision, undone_at FROM person_link "
        "WHERE decision = ? AND undone_at IS NULL AND deleted = 0 ORDER BY created_at, id",
        [decision],
    ).fetchall()
    return [PersonLinkRow(*r) for r in rows]


def get_link(db: Database, link_id: str) -> PersonLinkRow | None:
    row = db.execute(
        "SELECT id, person_a, person_b, decision, undone_at FROM person_link "
        "WHERE id = ? AND deleted = 0",
        [link_id],
    ).fetchone()
    return None if row is None else PersonLinkRow(*row)


def reindex_persons(db: Database, ids: Iterable[str]) -> None:
    """Refresh the search keys and blocking fields of these people from their records
    (after a pull brought new people or new names from another laptop)."""
    wanted = list(dict.fromkeys(ids))
    # What index_person does person by person, in three statements per page.
    summaries = person_summaries(db, wanted)
    if not summaries:
        return
    keys = [(s.id, key) for s in summaries for key in name_keys(person_names(vars(s), s.aliases))]
    blocks = [(s.id, s.sex, s.birth_year, s.province_code) for s in summaries]
    with db.atomic():
        for start in range(0, len(summaries), 500):
            chunk = [s.id for s in summaries[start : start + 500]]
            db.execute(
                f"DELETE FROM person_key WHERE person_id IN ({', '.join('?' for _ in chunk)})",
                chunk,
            )
        db.conn.executemany("INSERT INTO person_key (person_id, key) VALUES (?, ?)", keys)
        db.conn.executemany(_BLOCK_UPSERT, blocks)
