"""Reads of the people screens: one search over people, households and douars, and
the person and household pages with their whole history.

Search as you type: a query with a digit is a beneficiary code (prefix, dashes and
the look-alike letters O/I/L forgiven) or a CIN, matched only by its keyed hash
(people.cin_hash) so that a full CIN is never read back; any other query matches
name keys by prefix (storage.people_pages_queries). Full CINs never leave this
module: hits and pages carry `cin_masked` only.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from coldwave_app.domain.cin import normalise_cin
from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.domain.text_folding import query_keys
from coldwave_app.services.dedup import REASON_CIN, likely_matches
from coldwave_app.services.history import field_history
from coldwave_app.services.people import CIN_SECRET_KEY, cin_hash
from coldwave_app.storage import people_pages_queries as q
from coldwave_app.storage.geography import GeoRepository
from coldwave_app.storage.local_store import LocalStore

PAGE_SIZE = 200
"""People per page of search results (the list fetches more as it scrolls)."""

FIRST_PAGE = 60
"""People in the first page: a screenful and more, so the first keystroke answers fast."""

SIDE_RESULTS = 10
"""At most this many households and douars above the people."""

# Person fields whose changes the person page lists, in display order.
TRACKED_FIELDS = (
    "given_name_ar", "family_name_ar", "given_name_latn", "family_name_latn", "known_as",
    "sex", "birth_year", "dob", "cin_masked", "phone", "origin_geo_code", "province_code",
)  # fmt: skip

_CROCKFORD_FIXES = str.maketrans({"O": "0", "I": "1", "L": "1"})
# Crockford base32 and the five extra check symbols of domain.ids.short_code.
_CODE_SHAPE = re.compile(r"^[0-9A-Z*~$=]+$")


@dataclass(frozen=True)
class PersonHit:
    id: str
    code: str
    name_ar: str
    name_latn: str
    known_as: str | None
    sex: str
    birth_year: int | None
    cin_masked: str | None
    household_code: str | None


@dataclass(frozen=True)
class HouseholdHit:
    id: str
    code: str
    head_ar: str
    head_latn: str
    geo_code: str | None
    douar_ar: str | None
    douar_fr: str | None
    members: int
    size_declared: int | None


@dataclass(frozen=True)
class DouarHit:
    code: str
    name_ar: str
    name_fr: str | None
    households: int


@dataclass(frozen=True)
class SearchResults:
    text: str
    people: tuple[PersonHit, ...]
    more_people: bool
    households: tuple[HouseholdHit, ...]
    douars: tuple[DouarHit, ...]


def _joined(*parts: object) -> str:
    return " ".join(str(p) for p in parts if p)


def person_hit(row: dict[str, Any]) -> PersonHit:
    return PersonHit(
        id=row["id"],
        code=row["beneficiary_code"],
        name_ar=_joined(row["given_name_ar"], row["family_name_ar"]),
        name_latn=_joined(row["given_name_latn"], row["family_name_latn"]),
        known_as=row["known_as"],
        sex=row["sex"],
        birth_year=row["birth_year"],
        cin_masked=row["cin_masked"],
        household_code=row.get("household_code"),
    )


def household_hit(row: dict[str, Any]) -> HouseholdHit:
    return HouseholdHit(
        id=row["id"],
        code=row["beneficiary_code"],
        head_ar=(row["head_ar"] or "").strip(),
        head_latn=(row["head_latn"] or "").strip(),
        geo_code=row["geo_code"],
        douar_ar=row["douar_ar"],
        douar_fr=row["douar_fr"],
        members=int(row["members"] or 0),
        size_declared=row["size_declared"],
    )


def _code_prefixes(text: str) -> list[str]:
    """Beneficiary-code prefixes a typed code may stand for ("prrj3b" -> "P-RRJ3-B")."""
    body = re.sub(r"[\s\-]+", "", text.upper())
    if not body or not _CODE_SHAPE.match(body):
        return []

    def dashed(rest: str) -> str:
        rest = rest.translate(_CROCKFORD_FIXES)
        return "-".join(rest[i : i + 4] for i in range(0, min(len(rest), 8), 4)) + (
            f"-{rest[8:]}" if len(rest) > 8 else ""
        )

    # P and H are also Crockford letters: "H7KQ" may be a household code or a body.
    found = [f"{body[0]}-{dashed(body[1:])}"] if body[0] in "PH" else []
    found += [f"P-{dashed(body)}", f"H-{dashed(body)}"]
    return list(dict.fromkeys(found))


def _looks_like_code(text: str) -> bool:
    stripped = text.strip().upper()
    return any(c.isdigit() for c in stripped) or bool(re.match(r"^[PH]-", stripped))


def _might_be_code(text: str) -> bool:
    """A code typed without dashes and digits ("pxwjgkx") reads like a name too: it is
    tried as a code first, and as a name when no code starts that way."""
    body = re.sub(r"[\s\-]+", "", text.upper())
    return len(body) >= _LOOSE_CODE_MIN and body[0] in "PH" and bool(_CODE_SHAPE.match(body))


_LOOSE_CODE_MIN = 6


def _code_person_ids(store: LocalStore, text: str, limit: int) -> list[str]:
    found: dict[str, None] = {}
    for prefix in _code_prefixes(text):
        if prefix.startswith("P-"):
            found.update(dict.fromkeys(q.person_ids_by_code_prefix(store.db, prefix, limit)))
    return list(found)


def _person_ids(store: LocalStore, text: str, *, skip: int, limit: int) -> tuple[list[str], bool]:
    if not _looks_like_code(text) and _might_be_code(text):
        by_code = _code_person_ids(store, text, skip + limit + 1)
        if by_code:
            return by_code[skip : skip + limit], len(by_code) > skip + limit
    if _looks_like_code(text):
        found = dict.fromkeys(_code_person_ids(store, text, skip + limit + 1))
        normalised, warnings = normalise_cin(text)
        # No hash key yet means no CIN was ever stored here; do not create one in a read.
        if not warnings and store.meta(CIN_SECRET_KEY) is not None:
            hashed = cin_hash(store, normalised)
            found.update(dict.fromkeys(q.person_ids_by_cin_hash(store.db, hashed)))
        ids = list(found)
        return ids[skip : skip + limit], len(ids) > skip + limit
    keys = list(query_keys(text))
    # A one-consonant phonetic key ("m") matches a third of a province: folded text only.
    prefixes = [k for n, k in enumerate(keys) if n == 0 or len(k) >= 2]
    return q.person_ids_by_key_prefix(store.db, prefixes, skip=skip, limit=limit)


def search_people(
    store: LocalStore, *, text: str, skip: int = 0, limit: int = PAGE_SIZE
) -> tuple[list[PersonHit], bool]:
    """One page of people matching `text` (name in either script, code or CIN), and
    whether more follow. Empty text finds nobody."""
    if skip < 0 or limit <= 0:
        raise InvalidInput(N_("A count must be a whole number, zero or more."))
    if not text.strip():
        return [], False
    ids, more = _person_ids(store, text, skip=skip, limit=limit)
    return [person_hit(r) for r in q.person_lines(store.db, ids)], more


def _douars(store: LocalStore, text: str) -> list[DouarHit]:
    if _looks_like_code(text) and not text.replace(".", "").strip().isdigit():
        return []
    if len(text.strip()) < 3:
        return []  # one or two letters name half the douars of the province
    province = q.campaign_province(store.db, store.campaign_id)
    places = q.douars_matching(
        store.db, query_keys(text), province_code=province, limit=5 * SIDE_RESULTS
    )
    counts = q.household_counts(store.db, [code for code, _ar, _fr in places])
    hits = [DouarHit(code, ar, fr, counts.get(code, 0)) for code, ar, fr in places]
    # Douars where households are registered are the ones a worker is looking for.
    hits.sort(key=lambda d: d.households == 0)
    return hits[:SIDE_RESULTS]


def search_everything(store: LocalStore, *, text: str, limit: int = FIRST_PAGE) -> SearchResults:
    """People (first page), households and douars matching `text`, for the search box."""
    people, more = search_people(store, text=text, limit=limit)
    if not people and not text.strip():
        return SearchResults(text, (), False, (), ())
    code_prefixes = [p for p in _code_prefixes(text) if p.startswith("H-")]
    household_ids = q.household_ids_matching(
        store.db,
        code_prefix=code_prefixes[0] if code_prefixes and _looks_like_code(text) else None,
        member_ids=[p.id for p in people[:50]],
        limit=SIDE_RESULTS,
    )
    households = [household_hit(r) for r in q.household_lines(store.db, household_ids)]
    return SearchResults(text, tuple(people), more, tuple(households), tuple(_douars(store, text)))


# --------------------------------------------------------------------------- pages


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: Any
    after: Any
    at: str
    by: str


@dataclass(frozen=True)
class PersonPage:
    person: PersonHit
    record: dict[str, Any]  # every column of the person row (cin_hash removed)
    aliases: tuple[str, ...]
    households: tuple[tuple[str, HouseholdHit], ...]  # (relationship, household)
    stays: tuple[dict[str, Any], ...]
    items: tuple[dict[str, Any], ...]
    encounters: tuple[dict[str, Any], ...]
    cases: tuple[dict[str, Any], ...]
    consents: tuple[dict[str, Any], ...]
    services: tuple[tuple[str, int, str], ...]
    changes: tuple[FieldChange, ...]
    links: tuple[dict[str, Any], ...]  # with 'other' (a PersonHit) added
    places: dict[str, tuple[str, str | None]]  # names of the douar of origin and province


def _no_person(person_id: str) -> InvalidInput:
    return InvalidInput(N_("No person {id} to compare with."), id=person_id)


def _changes(store: LocalStore, person_id: str) -> list[FieldChange]:
    changes: list[FieldChange] = []
    for name in TRACKED_FIELDS:
        history = field_history(store, table="person", record_id=person_id, field=name)
        for before, after in pairwise(history):
            if before.value != after.value:
                changes.append(
                    FieldChange(name, before.value, after.value, after.recorded_at, after.user_id)
                )
    users = q.user_names(store.db, [c.by for c in changes])
    changes = [
        FieldChange(c.field, c.before, c.after, c.at, users.get(c.by, c.by)) for c in changes
    ]
    return sorted(changes, key=lambda c: c.at, reverse=True)


def _link_rows(store: LocalStore, person_ids: list[str]) -> list[dict[str, Any]]:
    links = q.links_of(store.db, person_ids)
    others = {link["person_a"] for link in links} | {link["person_b"] for link in links}
    hits = {h.id: h for h in _hits(store, sorted(others))}
    users = q.user_names(store.db, [link["decided_by"] for link in links])
    out = []
    for link in links:
        other = link["person_b"] if link["person_a"] in person_ids else link["person_a"]
        out.append({**link, "other": hits.get(other), "decided_by": users.get(
            link["decided_by"], link["decided_by"])})  # fmt: skip
    return out


def _hits(store: LocalStore, ids: list[str]) -> list[PersonHit]:
    return [person_hit(r) for r in q.person_lines(store.db, ids)]


def person_page(store: LocalStore, *, person_id: str) -> PersonPage:
    """Everything recorded about a person, newest first in each section."""
    record = q.person_record(store.db, person_id)
    if record is None:
        raise _no_person(person_id)
    record.pop("cin_hash", None)
    member_of = q.memberships(store.db, [person_id])
    household_ids = [m["household_id"] for m in member_of]
    hh = {h.id: h for h in (household_hit(r) for r in q.household_lines(store.db, household_ids))}
    return PersonPage(
        person=_hits(store, [person_id])[0],
        record=record,
        aliases=tuple(q.aliases(store.db, [person_id]).get(person_id, [])),
        households=tuple(
            (m["relationship"], hh[m["household_id"]]) for m in member_of if m["household_id"] in hh
        ),
        stays=tuple(q.stays(store.db, person_id)),
        items=tuple(
            q.items_received(store.db, person_ids=[person_id], household_ids=household_ids)
        ),
        encounters=tuple(q.encounters(store.db, person_id)),
        cases=tuple(q.cases(store.db, person_ids=[person_id], household_ids=household_ids)),
        consents=tuple(q.consents(store.db, person_id)),
        services=tuple(q.services_by_type(store.db, person_id)),
        changes=tuple(_changes(store, person_id)),
        links=tuple(_link_rows(store, [person_id])),
        places=q.place_names(store.db, [record["origin_geo_code"], record["province_code"]]),
    )


@dataclass(frozen=True)
class HouseholdPage:
    household: HouseholdHit
    record: dict[str, Any]
    members: tuple[tuple[str, PersonHit], ...]  # (relationship, person)
    items: tuple[dict[str, Any], ...]
    visits: tuple[dict[str, Any], ...]  # one per distribution that reached the household
    cases: tuple[dict[str, Any], ...]


def household_page(store: LocalStore, *, household_id: str) -> HouseholdPage:
    """A household: members, douar, items received (by it or a member), visits, cases."""
    record = q.household_record(store.db, household_id)
    if record is None:
        raise InvalidInput(N_("No record {id} to change."), id=household_id)
    members = q.household_member_rows(store.db, household_id)
    member_ids = [m["id"] for m in members]
    items = q.items_received(store.db, person_ids=member_ids, household_ids=[household_id])
    visits: dict[str, dict[str, Any]] = {}
    for line in items:
        visit = visits.setdefault(line["event_id"], {**line, "lines": 0})
        visit["lines"] += 1
    return HouseholdPage(
        household=household_hit(q.household_lines(store.db, [household_id])[0]),
        record=record,
        members=tuple((m["relationship"], person_hit(m)) for m in members),
        items=tuple(items),
        visits=tuple(visits.values()),
        cases=tuple(q.cases(store.db, person_ids=member_ids, household_ids=[household_id])),
    )


@dataclass(frozen=True)
class DouarPage:
    douar: DouarHit
    households: tuple[HouseholdHit, ...]


def douar_page(store: LocalStore, *, geo_code: str, limit: int = 500) -> DouarPage:
    """A douar and the households registered in it (up to `limit`)."""
    place = GeoRepository(store.db).get(geo_code)
    if place is None:
        raise InvalidInput(N_("Unknown place code {code}."), code=geo_code)
    households = [household_hit(r) for r in q.households_in_place(store.db, geo_code, limit)]
    count = q.household_counts(store.db, [geo_code]).get(geo_code, 0)
    return DouarPage(DouarHit(place.code, place.name_ar, place.name_fr, count), tuple(households))


# --------------------------------------------------------------------------- merge review


@dataclass(frozen=True)
class Candidate:
    """A record that may be the same person as the one under review."""

    person: PersonHit
    score: float | None
    reasons: tuple[str, ...]  # msgids (dedup.REASON_*) or reviewers' free text
    link_id: str | None  # a live merge of the two, which can be undone


@dataclass(frozen=True)
class Comparison:
    a: PersonHit
    b: PersonHit
    rows: tuple[tuple[str, Any, Any], ...]  # (field, value of a, value of b)
    link_id: str | None

    def differs(self, field: str) -> bool:
        found = [r for r in self.rows if r[0] == field]
        return bool(found) and found[0][1] != found[0][2]


# Fields of both records shown side by side, in display order (cin_hash never).
COMPARED_FIELDS = (
    "beneficiary_code", "given_name_ar", "family_name_ar", "given_name_latn",
    "family_name_latn", "known_as", "aliases", "name_quality", "sex", "dob", "birth_year",
    "dob_quality", "age_estimated_on", "nationality", "languages", "origin_geo_code",
    "province_code", "cin_masked", "cin_quality", "phone", "household", "created_at",
    "created_anyway_of", "stays", "items", "cases",
)  # fmt: skip


def _live_link(store: LocalStore, a: str, b: str) -> str | None:
    for link in q.links_of(store.db, [a]):
        if {link["person_a"], link["person_b"]} == {a, b} and link["undone_at"] is None:
            return str(link["id"])
    return None


def duplicate_candidates(store: LocalStore, *, person_id: str) -> list[Candidate]:
    """Who may be this person: live merges, the server's open review items, records
    with the same CIN hash and the likely matches of dedup, best first."""
    record = q.person_record(store.db, person_id)
    if record is None:
        raise _no_person(person_id)
    found: dict[str, tuple[float | None, list[str]]] = {}
    for link in _link_rows(store, [person_id]):
        if link["undone_at"] is None and link["other"] is not None:
            found[link["other"].id] = (link["score"], _reasons(link["reasons"]))
    for item in q.open_duplicate_reviews(store.db, person_id=person_id, limit=50):
        other = item["other_id"] if item["subject_id"] == person_id else item["subject_id"]
        found.setdefault(other, (None, [N_("Found by the server's checks")]))
    if record["cin_hash"]:
        for other in q.person_ids_by_cin_hash(store.db, record["cin_hash"]):
            found.setdefault(other, (100.0, [REASON_CIN]))
    names = {k: record[k] for k in ("given_name_ar", "family_name_ar", "given_name_latn",
                                    "family_name_latn", "known_as")}  # fmt: skip
    for match in likely_matches(
        store, sex=record["sex"], birth_year=record["birth_year"],
        province_code=record["province_code"],
        aliases=q.aliases(store.db, [person_id]).get(person_id, []), **names,
    ):  # fmt: skip
        found.setdefault(match.person_id, (match.score, list(match.reasons)))
    found.pop(person_id, None)
    hits = {h.id: h for h in _hits(store, list(found))}
    out = [
        Candidate(hits[pid], score, tuple(reasons), _live_link(store, person_id, pid))
        for pid, (score, reasons) in found.items()
        if pid in hits
    ]
    return sorted(out, key=lambda c: (c.link_id is None, -(c.score or 0.0), c.person.id))


def _reasons(text: str | None) -> list[str]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return [text or ""]
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def duplicate_queue(store: LocalStore, *, limit: int = 200) -> list[tuple[PersonHit, Candidate]]:
    """Pairs to review: the server's open review items whose pair is not merged yet,
    then the live merges (which can be undone), newest first."""
    pairs: list[tuple[str, str, float | None, list[str], str | None]] = []
    for link in q.live_link_rows(store.db, limit):
        pairs.append((link["person_a"], link["person_b"], link["score"],
                      _reasons(link["reasons"]), link["id"]))  # fmt: skip
    merged = {frozenset(p[:2]) for p in pairs}
    for item in q.open_duplicate_reviews(store.db, person_id=None, limit=limit):
        if item["other_id"] and frozenset((item["subject_id"], item["other_id"])) not in merged:
            pairs.insert(0, (item["subject_id"], item["other_id"], None,
                             [N_("Found by the server's checks")], None))  # fmt: skip
    hits = {h.id: h for h in _hits(store, [pid for p in pairs for pid in p[:2]])}
    return [
        (hits[a], Candidate(hits[b], score, tuple(reasons), link_id))
        for a, b, score, reasons, link_id in pairs[:limit]
        if a in hits and b in hits
    ]


def compare_persons(store: LocalStore, *, a: str, b: str) -> Comparison:
    """Every field of two person records side by side (the CIN masked, never hashed)."""
    records = q.person_records(store.db, [a, b])
    for pid in (a, b):
        if pid not in records:
            raise _no_person(pid)
    aliases = q.aliases(store.db, [a, b])
    households: dict[str, list[str]] = {}
    member_of = q.memberships(store.db, [a, b])
    codes = {h.id: h.code for h in (household_hit(r) for r in q.household_lines(
        store.db, [m["household_id"] for m in member_of]))}  # fmt: skip
    for m in member_of:
        households.setdefault(m["person_id"], []).append(codes.get(m["household_id"], "?"))
    extra: dict[str, dict[str, Any]] = {}
    for pid in (a, b):
        extra[pid] = {
            "aliases": ", ".join(aliases.get(pid, [])) or None,
            "household": ", ".join(households.get(pid, [])) or None,
            "stays": len(q.stays(store.db, pid)),
            "items": len(q.items_received(store.db, person_ids=[pid], household_ids=[])),
            "cases": len(q.cases(store.db, person_ids=[pid], household_ids=[])),
        }
    rows = tuple(
        (name, {**records[a], **extra[a]}.get(name), {**records[b], **extra[b]}.get(name))
        for name in COMPARED_FIELDS
    )
    hits = {h.id: h for h in _hits(store, [a, b])}
    return Comparison(hits[a], hits[b], rows, _live_link(store, a, b))
