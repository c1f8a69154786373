"""The blocking index of the likely-duplicate check: `person_block` (revision 0006).

Comparing each pushed person with every person of a similar age read the whole
campaign at every batch, so bulk pushes slowed as a campaign grew. Instead each
live person with a birth year has one row per name key (`name_keys`: the folded
full name per script, words sorted, so Arabic and Latin spellings and word order
meet) and birth year: `block_key` = "KEY|YEAR". A new person looks up only the
keys of its own names over its years ±YEAR_SPREAD: index seeks, whatever the size
of the campaign. The row carries what the check needs besides (sex, province,
device, keys), so candidates are never read back from `field_state`.

Trade-off, on purpose: two names only meet when their folded keys are equal (a
spelling variant folds away; a real typo that survives folding is left to the
laptop's own search at registration, DESIGN.md §5).

`refresh` rebuilds the rows of the persons a batch touched from the merged state,
in the push's transaction (server.checks runs it before the duplicate check).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from coldwave_app.domain.text_folding import phonetic_key
from coldwave_app.server.db import person_block

YEAR_SPREAD = 5
# One- or two-consonant keys ("Ali" -> "l") agree by chance too often.
MIN_KEY_CHARS = 3
# Fields whose change moves a person in the index (an update of another field does not).
BLOCKING_FIELDS = frozenset(
    {
        "given_name_ar", "family_name_ar", "given_name_latn", "family_name_latn",
        "birth_year", "dob", "sex", "province_code", "deleted",
    }
)  # fmt: skip
_CHUNK = 500


@dataclass(frozen=True)
class BlockedPerson:
    person_id: str
    birth_year: int
    sex: str
    province_code: str
    device_id: str
    keys: tuple[str, ...]


def birth_year(person: dict[str, Any]) -> int | None:
    value = person.get("birth_year")
    if value is None and isinstance(person.get("dob"), str):
        value = person["dob"][:4]
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def name_keys(person: dict[str, Any]) -> list[str]:
    """The phonetic key of each full name (given + family, per script), words sorted."""
    keys: list[str] = []
    for script in ("ar", "latn"):
        parts = [person.get(f"given_name_{script}"), person.get(f"family_name_{script}")]
        words = " ".join(str(p) for p in parts if isinstance(p, str)).split()
        word_keys = sorted(k for k in (phonetic_key(w) for w in words) if k and k != "a")
        key = " ".join(word_keys)
        if len(key.replace(" ", "")) >= MIN_KEY_CHARS and key not in keys:
            keys.append(key)
    return keys


def block_key(key: str, year: int) -> str:
    return f"{key}|{year}"


def blocked(person_id: str, person: dict[str, Any]) -> BlockedPerson | None:
    """The index entry of a merged person row; None when it cannot be blocked."""
    year = birth_year(person)
    keys = name_keys(person)
    if person.get("deleted") or year is None or not keys:
        return None
    sex = person.get("sex")
    province = person.get("province_code")
    device = person.get("device_id")
    return BlockedPerson(
        person_id=person_id,
        birth_year=year,
        sex=sex.lower() if isinstance(sex, str) else "",
        province_code=province if isinstance(province, str) else "",
        device_id=device if isinstance(device, str) else "",
        keys=tuple(keys),
    )


def refresh(
    *,
    conn: Connection,
    campaign_id: str,
    rows: dict[str, dict[str, Any]],
    created: frozenset[str] = frozenset(),
) -> None:
    """Rebuild the index rows of the persons `rows` (id -> merged row) from those rows.

    `created`: ids of persons the batch created, so they have no old rows to delete.
    Writes nothing when there is nothing to change (a bulk push of unblockable rows).
    """
    stale = sorted(set(rows) - created)
    for start in range(0, len(stale), _CHUNK):
        chunk = stale[start : start + _CHUNK]
        conn.execute(delete(person_block).where(person_block.c.person_id.in_(chunk)))
    entries: list[dict[str, object]] = []
    for person_id, person in rows.items():
        entry = blocked(person_id, person)
        if entry is None:
            continue
        entries.extend(
            {
                "campaign_id": campaign_id,
                "person_id": person_id,
                "block_key": block_key(key, entry.birth_year),
                "birth_year": entry.birth_year,
                "sex": entry.sex,
                "province_code": entry.province_code,
                "device_id": entry.device_id,
                "name_keys": "\t".join(entry.keys),
            }
            for key in entry.keys
        )
    if entries:
        conn.execute(insert(person_block), entries)


def needs_refresh(rows: dict[str, dict[str, Any]], created: frozenset[str]) -> bool:
    """Whether `refresh` would write anything."""
    return bool(set(rows) - created) or any(blocked(pid, row) for pid, row in rows.items())


def candidates(
    *, conn: Connection, campaign_id: str, people: Iterable[BlockedPerson]
) -> dict[str, list[BlockedPerson]]:
    """Block key -> the indexed persons under it, for every key one of `people` looks up
    (its name keys over its birth years ±YEAR_SPREAD)."""
    wanted = sorted({key for person in people for key in lookup_keys(person)})
    found: dict[str, list[BlockedPerson]] = {}
    for start in range(0, len(wanted), _CHUNK):
        query = select(
            person_block.c.block_key, person_block.c.person_id, person_block.c.birth_year,
            person_block.c.sex, person_block.c.province_code, person_block.c.device_id,
            person_block.c.name_keys,
        ).where(
            person_block.c.campaign_id == campaign_id,
            person_block.c.block_key.in_(wanted[start : start + _CHUNK]),
        )  # fmt: skip
        for row in conn.execute(query):
            found.setdefault(row.block_key, []).append(
                BlockedPerson(
                    person_id=row.person_id, birth_year=int(row.birth_year), sex=row.sex,
                    province_code=row.province_code, device_id=row.device_id,
                    keys=tuple(row.name_keys.split("\t")),
                )
            )  # fmt: skip
    return found


def lookup_keys(person: BlockedPerson) -> list[str]:
    """The block keys under which `person`'s namesakes within ±YEAR_SPREAD are indexed."""
    years = range(person.birth_year - YEAR_SPREAD, person.birth_year + YEAR_SPREAD + 1)
    return [block_key(key, year) for key in person.keys for year in years]
