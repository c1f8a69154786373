"""Likely duplicate persons registered on different devices (DESIGN.md §5).

Each newly accepted person is compared with the campaign's persons registered by
other devices that share one of its folded full names within birth year ±5 (the
blocking index, checks.person_blocks: index seeks, not a scan of the campaign),
then blocked on sex (the same, or either unknown) and province (the same, or either
unknown), and scored with rapidfuzz `token_sort_ratio` on the folded names (word
order does not matter). A pair scoring at least `MIN_SCORE` is a finding; nothing
is merged, a person decides on a laptop. A person without any birth year is not
blocked, so not checked here (the laptop's own search still shows matches at
registration).
"""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import Connection

from coldwave_app.server.checks.person_blocks import (
    YEAR_SPREAD,
    BlockedPerson,
    blocked,
    candidates,
    lookup_keys,
)
from coldwave_app.server.checks.review import Finding

KIND = "likely_duplicate"
MIN_SCORE = 85.0


def likely_duplicates(
    *, conn: Connection, campaign_id: str, rows: dict[str, dict[str, Any]]
) -> list[Finding]:
    """Findings for the new persons `rows` (id -> merged row), already in the blocking
    index (see checks.run_checks)."""
    new = {
        person_id: entry
        for person_id, person in rows.items()
        if (entry := blocked(person_id, {**person, "id": person_id})) is not None
    }
    if not new:
        return []
    blocks = candidates(conn=conn, campaign_id=campaign_id, people=new.values())
    findings: list[Finding] = []
    for person_id, person in sorted(new.items()):
        others = {o.person_id: o for key in lookup_keys(person) for o in blocks.get(key, ())}
        for other_id, other in sorted(others.items()):
            if other_id == person_id or not _same_block(person, other):
                continue
            score = _score(person.keys, other.keys)
            if score >= MIN_SCORE:
                findings.append(_finding(person, other, score))
    return findings


def _finding(person: BlockedPerson, other: BlockedPerson, score: float) -> Finding:
    return Finding(
        kind=KIND,
        subject_table="person",
        subject_id=person.person_id,
        other_id=other.person_id,
        detail={
            "score": round(score, 1),
            "person_id": person.person_id,
            "device_id": person.device_id or None,
            "other_person_id": other.person_id,
            "other_device_id": other.device_id or None,
            "birth_year": person.birth_year,
            "other_birth_year": other.birth_year,
            "sex": person.sex or None,
            "province_code": person.province_code or None,
        },
    )


def _same_block(person: BlockedPerson, other: BlockedPerson) -> bool:
    if other.device_id == person.device_id:
        return False
    if abs(other.birth_year - person.birth_year) > YEAR_SPREAD:
        return False
    if person.sex not in ("", "u") and other.sex not in ("", "u") and person.sex != other.sex:
        return False
    return (
        not person.province_code
        or not other.province_code
        or person.province_code == other.province_code
    )


def _score(keys: tuple[str, ...], other_keys: tuple[str, ...]) -> float:
    return max((fuzz.token_sort_ratio(a, b) for a in keys for b in other_keys), default=0.0)
