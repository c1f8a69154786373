"""Likely duplicate persons registered on different devices (DESIGN.md §5).

Each newly accepted person is compared with the campaign's persons registered by
other devices, blocked on birth year ±5 (from `birth_year`, else the year of
`dob`), sex (the same, or either unknown) and province (the same, or either
unknown), and scored on folded names: each name word goes through
`text_folding.phonetic_key`, so Arabic and Latin spellings meet, and the keys
are compared with rapidfuzz `token_sort_ratio` (word order does not matter).
A pair scoring at least `MIN_SCORE` is a finding; nothing is merged, a person
decides on a laptop. A person without any birth year is not blocked, so not checked
here (the laptop's own search still shows matches at registration).
"""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import Connection

from coldwave_app.domain.text_folding import phonetic_key
from coldwave_app.server.checks.review import Finding
from coldwave_app.server.checks.state import find_row_ids, read_rows

KIND = "likely_duplicate"
MIN_SCORE = 85.0
YEAR_SPREAD = 5
# One- or two-consonant keys ("Ali" -> "l") agree by chance too often.
_MIN_KEY_CHARS = 3


def likely_duplicates(
    *, conn: Connection, campaign_id: str, person_ids: list[str]
) -> list[Finding]:
    new = read_rows(conn=conn, table="person", row_ids=person_ids)
    # Candidates of the whole batch are looked up and read once, their keys folded
    # once: a bulk push of N people no longer reads the campaign N times.
    wanted_years: set[int] = set()
    for person in new.values():
        year = birth_year(person)
        if year is not None:
            wanted_years.update(range(year - YEAR_SPREAD, year + YEAR_SPREAD + 1))
    candidate_years = find_row_ids(
        conn=conn, campaign_id=campaign_id, table="person", field="birth_year",
        values=sorted(wanted_years),
    ) if wanted_years else {}  # fmt: skip
    candidate_rows = read_rows(conn=conn, table="person", row_ids=candidate_years)
    candidate_keys: dict[str, list[str]] = {}
    findings: list[Finding] = []
    for person_id, person in sorted(new.items()):
        person = {**person, "id": person_id}
        year = birth_year(person)
        if person.get("deleted") or year is None:
            continue
        keys = name_keys(person)
        if not keys:
            continue
        years = set(range(year - YEAR_SPREAD, year + YEAR_SPREAD + 1))
        candidates = {
            other_id: candidate_rows[other_id]
            for other_id, value in candidate_years.items()
            if value in years and other_id != person_id and other_id in candidate_rows
        }
        for other_id, other in sorted(candidates.items()):
            other = {**other, "id": other_id}
            if not _same_block(person, other, year):
                continue
            if other_id not in candidate_keys:
                candidate_keys[other_id] = name_keys(other)
            score = _score(keys, candidate_keys[other_id])
            if score >= MIN_SCORE:
                findings.append(
                    Finding(
                        kind=KIND,
                        subject_table="person",
                        subject_id=person_id,
                        other_id=other_id,
                        detail={
                            "score": round(score, 1),
                            "person_id": person_id,
                            "device_id": person.get("device_id"),
                            "other_person_id": other_id,
                            "other_device_id": other.get("device_id"),
                            "birth_year": year,
                            "other_birth_year": birth_year(other),
                            "sex": person.get("sex"),
                            "province_code": person.get("province_code"),
                        },
                    )
                )
    return findings


def birth_year(person: dict[str, Any]) -> int | None:
    value = person.get("birth_year")
    if value is None and isinstance(person.get("dob"), str):
        value = person["dob"][:4]
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def name_keys(person: dict[str, Any]) -> list[str]:
    """The phonetic key of each full name (given + family, per script), word by word."""
    keys = []
    for script in ("ar", "latn"):
        parts = [person.get(f"given_name_{script}"), person.get(f"family_name_{script}")]
        words = " ".join(str(p) for p in parts if isinstance(p, str)).split()
        word_keys = [k for k in (phonetic_key(w) for w in words) if k and k != "a"]
        key = " ".join(word_keys)
        if len(key.replace(" ", "")) >= _MIN_KEY_CHARS:
            keys.append(key)
    return keys


def _same_block(person: dict[str, Any], other: dict[str, Any], year: int) -> bool:
    if other.get("deleted") or other.get("device_id") == person.get("device_id"):
        return False
    other_year = birth_year(other)
    if other_year is None or abs(other_year - year) > YEAR_SPREAD:
        return False
    sex, other_sex = _lower(person.get("sex")), _lower(other.get("sex"))
    if sex not in ("", "u") and other_sex not in ("", "u") and sex != other_sex:
        return False
    province, other_province = person.get("province_code"), other.get("province_code")
    return not province or not other_province or province == other_province


def _lower(value: Any) -> str:
    return value.lower() if isinstance(value, str) else ""


def _score(keys: list[str], other_keys: list[str]) -> float:
    return max((fuzz.token_sort_ratio(a, b) for a in keys for b in other_keys), default=0.0)
