"""Likely duplicates before registering a person, and reviewed, reversible merges.

Candidates are blocked by sex, birth year ±5 and province (storage.people_repo),
then scored with rapidfuzz on folded names of the same script and on the
cross-script phonetic key (domain.text_folding). The app never auto-merges
(DESIGN.md §5): a merge is a `person_link` decided by a person, both records
stay, and undoing it only stamps the link. Figures count linked people once.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from rapidfuzz import fuzz

from coldwave_app.domain.cin import normalise_cin
from coldwave_app.domain.errors import N_, InvalidInput, RuleViolation
from coldwave_app.domain.people_rules import person_names
from coldwave_app.domain.roles import Permission
from coldwave_app.domain.text_folding import fold_arabic, fold_latin, is_arabic, phonetic_key
from coldwave_app.services.access import audit, requires
from coldwave_app.services.people import cin_hash
from coldwave_app.storage import people_repo
from coldwave_app.storage.local_store import LocalStore

REASON_CIN = N_("Same CIN")
REASON_SPELLING = N_("Names spelled alike")
REASON_SOUND = N_("Names sound alike across Arabic and Latin spellings")
REASON_NICKNAME = N_("Same nickname or alias")
REASON_SAME_YEAR = N_("Same birth year")
REASON_NEAR_YEAR = N_("Birth year within five years")
REASON_PROVINCE = N_("Same province")

# Below this name score a candidate is not worth a worker's attention, unless the
# CIN matches. Tuned on the transliteration examples of research/domain.md §5.3.
MIN_NAME_SCORE = 75.0


@dataclass(frozen=True)
class Match:
    person_id: str
    score: float
    reasons: list[str]


# Names repeat a lot within a province: each is folded and keyed once, not once per
# candidate pair (the scoring was half of a duplicate check at 100,000 people).
@functools.lru_cache(maxsize=65536)
def _fold(name: str) -> str:
    return fold_arabic(name) if is_arabic(name) else fold_latin(name)


@functools.lru_cache(maxsize=65536)
def _sound_key(name: str) -> str:
    return phonetic_key(name)


def _full_names(fields: Mapping[str, object]) -> list[str]:
    """Given + family name in each script that has any."""
    out = []
    for script in ("ar", "latn"):
        parts = [fields.get(f"given_name_{script}"), fields.get(f"family_name_{script}")]
        text = " ".join(str(p).strip() for p in parts if p and str(p).strip())
        if text:
            out.append(text)
    return out


def _name_score(query: Sequence[str], candidate: Sequence[str]) -> tuple[float, list[str]]:
    """Best similarity over name pairs, and which kind of likeness produced it."""
    best_spelling = best_sound = 0.0
    for q in query:
        for c in candidate:
            if is_arabic(q) == is_arabic(c):
                best_spelling = max(best_spelling, fuzz.token_sort_ratio(_fold(q), _fold(c)))
            qk, ck = _sound_key(q), _sound_key(c)
            # One- or two-consonant keys ("Ali" -> "l") agree by chance too often.
            if len(qk) >= 3 and len(ck) >= 3:
                best_sound = max(best_sound, fuzz.ratio(qk, ck))
    reasons: list[str] = []
    if best_spelling >= MIN_NAME_SCORE:
        reasons.append(REASON_SPELLING)
    # The phonetic key merges letters, so its likeness weighs a little less.
    sound = best_sound * 0.95
    if sound >= MIN_NAME_SCORE and sound > best_spelling:
        reasons.append(REASON_SOUND)
    return max(best_spelling, sound), reasons


def likely_matches(
    store: LocalStore,
    *,
    sex: str,
    given_name_ar: str | None = None,
    family_name_ar: str | None = None,
    given_name_latn: str | None = None,
    family_name_latn: str | None = None,
    known_as: str | None = None,
    aliases: Sequence[str] = (),
    birth_year: int | None = None,
    province_code: str | None = None,
    cin: str | None = None,
    limit: int = 10,
) -> list[Match]:
    """People who may already be registered as this one, best first, with reasons."""
    fields = {
        "given_name_ar": given_name_ar,
        "family_name_ar": family_name_ar,
        "given_name_latn": given_name_latn,
        "family_name_latn": family_name_latn,
        "known_as": known_as,
    }
    names = person_names({k: (v or "").strip() or None for k, v in fields.items()}, aliases)
    # Compare full names only, so that a shared first name alone ("Mohamed") does not
    # look like a match; parts still find candidates through the key index.
    full = _full_names(fields) or names
    hashed = cin_hash(store, normalise_cin(cin)[0]) if cin and cin.strip() else None
    ids = people_repo.candidate_ids(
        store.db,
        keys=people_repo.name_keys(names),
        sex=sex,
        birth_year=birth_year,
        province_code=province_code,
        cin_hash=hashed,
    )
    nicknames = {_fold(n) for n in [known_as or "", *aliases] if n.strip()}
    matches: list[Match] = []
    for person in people_repo.person_summaries(store.db, ids):
        mine = person_names(vars(person), person.aliases)
        their_full = _full_names(vars(person)) or mine
        score, reasons = _name_score(full, their_full) if full and their_full else (0.0, [])
        their_nicks = {_fold(n) for n in [person.known_as or "", *person.aliases] if n.strip()}
        if nicknames & their_nicks:
            reasons.append(REASON_NICKNAME)
            score = max(score, 80.0)
        same_cin = hashed is not None and person.cin_hash == hashed
        if same_cin:
            reasons.insert(0, REASON_CIN)
            score = 100.0
        elif score < MIN_NAME_SCORE:
            continue
        if birth_year is not None and person.birth_year is not None:
            if birth_year == person.birth_year:
                reasons.append(REASON_SAME_YEAR)
                score += 5
            else:
                reasons.append(REASON_NEAR_YEAR)
        if province_code and person.province_code == province_code:
            reasons.append(REASON_PROVINCE)
        matches.append(Match(person.id, round(min(score, 100.0), 1), reasons))
    matches.sort(key=lambda m: (-m.score, m.person_id))
    return matches[:limit]


@requires(Permission.MERGE_PEOPLE)
def merge_persons(
    store: LocalStore,
    *,
    a: str,
    b: str,
    reason: str,
    score: float | None = None,
) -> str:
    """Record a reviewed decision that `a` and `b` are the same person; returns the link id.

    Both records stay as they are; the link is what reports follow to count once.
    """
    if a == b:
        raise InvalidInput(N_("A person cannot be merged with themselves."))
    if people_repo.existing_person_ids(store.db, [a, b]) != {a, b}:
        missing = {a, b} - people_repo.existing_person_ids(store.db, [a, b])
        raise InvalidInput(N_("No person {id} to compare with."), id=sorted(missing)[0])
    if not reason.strip():
        raise InvalidInput(N_("A merge needs a reason."))
    for link in people_repo.live_links(store.db):
        if {link.person_a, link.person_b} == {a, b}:
            raise RuleViolation(N_("These two records are already merged."))
    with store.db.atomic():
        row = store.writer().insert(
            "person_link",
            {
                "person_a": a,
                "person_b": b,
                "score": score,
                "rule": "reviewed",
                "reasons": json.dumps([reason.strip()], ensure_ascii=False),
                "decision": "same",
                "decided_by": store.user.id,
                "decided_at": datetime.now(UTC).isoformat(timespec="seconds"),
            },
        )
        audit(store, action="merge", table="person_link", record_id=str(row["id"]))
    return str(row["id"])


@requires(Permission.MERGE_PEOPLE)
def unmerge(store: LocalStore, *, link_id: str) -> None:
    """Undo a merge: the link is kept, stamped as undone, so the history stays."""
    link = people_repo.get_link(store.db, link_id)
    if link is None:
        raise InvalidInput(N_("No record {id} to change."), id=link_id)
    if link.undone_at is not None:
        raise RuleViolation(N_("This merge was already undone."))
    with store.db.atomic():
        store.writer().update(
            "person_link",
            link_id,
            {
                "undone_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "undone_by": store.user.id,
            },
        )
        audit(store, action="unmerge", table="person_link", record_id=link_id)


def canonical_person_ids(store: LocalStore) -> dict[str, str]:
    """Map every live person id to one representative of its merged group.

    Union-find over live 'same' links; the representative is the smallest id,
    so every device picks the same one (UUIDv7 ids: the earliest registered).
    """
    parent = {pid: pid for pid in people_repo.live_person_ids(store.db)}

    def find(pid: str) -> str:
        while parent[pid] != pid:
            parent[pid] = parent[parent[pid]]
            pid = parent[pid]
        return pid

    for link in people_repo.live_links(store.db):
        if link.person_a not in parent or link.person_b not in parent:
            continue  # a deleted record no longer counts anyway
        ra, rb = find(link.person_a), find(link.person_b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {pid: find(pid) for pid in parent}


def count_distinct_persons(store: LocalStore) -> int:
    """Number of people, counting a merged group once."""
    return len(set(canonical_person_ids(store).values()))
