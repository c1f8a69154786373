"""People and households: registration with partial identity, consent, beneficiary codes.

Identity is often partial (DESIGN.md §5): every identifier carries a data-quality
value, a refused or odd CIN never blocks registration, and a person may have no
name at all when the name is refused or unknown. The CIN is kept only as a keyed
hash (for exact duplicate matching) and a masked form (for screens).
"""

from __future__ import annotations

import hmac
import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from coldwave_app.domain.cin import mask_cin, normalise_cin
from coldwave_app.domain.errors import N_, InvalidInput, RuleViolation
from coldwave_app.domain.ids import new_id, short_code
from coldwave_app.domain.people_rules import (
    CONSENT_METHODS,
    CONSENT_PURPOSES,
    MAX_AGE,
    RELATIONSHIPS,
    check_choice,
    check_counts,
    check_flags,
    person_names,
)
from coldwave_app.domain.roles import Permission
from coldwave_app.domain.text_folding import is_arabic
from coldwave_app.domain.vocabulary import DataQuality, Sex
from coldwave_app.services.access import audit, requires
from coldwave_app.storage import people_repo
from coldwave_app.storage.geography import GeoRepository
from coldwave_app.storage.local_store import LocalStore

# app_meta key of the per-installation HMAC key for CIN hashes. It lives in the
# encrypted database, so a copied hash cannot be brute-forced over the small CIN
# space without the database key.
CIN_SECRET_KEY = "cin_hmac_key"

_QUALITIES = tuple(q.value for q in DataQuality)
_SEXES = tuple(s.value for s in Sex)
_NO_VALUE = (DataQuality.REFUSED.value, DataQuality.UNKNOWN.value)


@dataclass(frozen=True)
class Person:
    id: str
    beneficiary_code: str
    sex: str
    birth_year: int | None
    dob_quality: str
    name_quality: str
    cin_masked: str | None
    cin_quality: str
    created_anyway_of: tuple[str, ...] = ()
    # Warning msgids for the form (an odd-looking CIN...): shown, never blocking.
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Household:
    id: str
    beneficiary_code: str
    members: tuple[tuple[str, str], ...]
    vulnerability_flags: tuple[str, ...]
    counts_by_sex_age: Mapping[str, int] | None


def _clean(text: str | None) -> str | None:
    value = " ".join((text or "").split())
    return value or None


def _need_campaign(store: LocalStore) -> None:
    if not store.campaign_id:
        raise InvalidInput(N_("Choose or create a campaign first."))


def cin_hash(store: LocalStore, normalised_cin: str) -> str:
    """Keyed hash of a normalised CIN; the key is made on first use on this laptop."""
    secret = store.meta(CIN_SECRET_KEY)
    if secret is None:
        secret = secrets.token_hex(32)
        store.set_meta(CIN_SECRET_KEY, secret)
    digest = hmac.new(bytes.fromhex(secret), normalised_cin.encode("ascii", "replace"), "sha256")
    return digest.hexdigest()


def _check_quality(value: str) -> str:
    return check_choice(value, _QUALITIES, N_("Unknown data quality: {value}."))


def _birth(
    *, dob: date | None, birth_year: int | None, estimated_age: int | None, today: date
) -> tuple[int | None, str | None, str | None, str]:
    """(birth_year, dob text, age_estimated_on, default quality) from what is known."""
    if dob is not None:
        if dob > today:
            raise InvalidInput(N_("The date of birth is in the future."))
        return dob.year, dob.isoformat(), None, DataQuality.FULL.value
    if birth_year is not None:
        if not today.year - MAX_AGE <= birth_year <= today.year:
            raise InvalidInput(N_("Implausible birth year: {value}."), value=birth_year)
        return birth_year, None, None, DataQuality.PARTIAL.value
    if estimated_age is not None:
        if not 0 <= estimated_age <= MAX_AGE:
            raise InvalidInput(N_("Implausible age: {value}."), value=estimated_age)
        return today.year - estimated_age, None, today.isoformat(), DataQuality.PARTIAL.value
    return None, None, None, DataQuality.UNKNOWN.value


@requires(Permission.REGISTER_PEOPLE)
def register_person(
    store: LocalStore,
    *,
    sex: str,
    given_name_ar: str | None = None,
    family_name_ar: str | None = None,
    given_name_latn: str | None = None,
    family_name_latn: str | None = None,
    known_as: str | None = None,
    aliases: Sequence[str] = (),
    name_quality: str | None = None,
    dob: date | None = None,
    birth_year: int | None = None,
    estimated_age: int | None = None,
    dob_quality: str | None = None,
    cin: str | None = None,
    cin_quality: str | None = None,
    province_code: str | None = None,
    origin_geo_code: str | None = None,
    phone: str | None = None,
    created_anyway_of: Sequence[str] = (),
    today: date | None = None,
) -> Person:
    """Register a person with whatever identity they give; returns the stored person.

    `created_anyway_of` lists the likely matches the worker was shown and judged
    to be other people; it is recorded so a reviewer can revisit the decision.
    """
    _need_campaign(store)
    check_choice(sex, _SEXES, N_("Unknown sex code: {value}."))
    today = today or datetime.now(UTC).date()
    names = {
        "given_name_ar": _clean(given_name_ar),
        "family_name_ar": _clean(family_name_ar),
        "given_name_latn": _clean(given_name_latn),
        "family_name_latn": _clean(family_name_latn),
        "known_as": _clean(known_as),
    }
    alias_list = [a for a in (_clean(x) for x in aliases) if a]
    has_name = any(names.values()) or bool(alias_list)
    if name_quality is None:
        name_quality = DataQuality.FULL.value if has_name else DataQuality.UNKNOWN.value
    _check_quality(name_quality)
    if not has_name and name_quality not in _NO_VALUE:
        raise InvalidInput(N_("Give a name or nickname, or mark the name as refused or unknown."))

    year, dob_text, estimated_on, default_quality = _birth(
        dob=dob, birth_year=birth_year, estimated_age=estimated_age, today=today
    )
    dob_quality = _check_quality(dob_quality or default_quality)

    warnings: list[str] = []
    hashed = masked = None
    cin_text = _clean(cin)
    if cin_text and cin_quality != DataQuality.REFUSED.value:
        normalised, warnings = normalise_cin(cin_text)
        masked = mask_cin(normalised)
        default_cin_quality = DataQuality.PARTIAL.value if warnings else DataQuality.FULL.value
        cin_quality = cin_quality or default_cin_quality
    else:
        # A refused CIN is recorded as refused, and nothing of it is kept.
        cin_quality = cin_quality or DataQuality.UNKNOWN.value
    _check_quality(cin_quality)

    anyway = list(dict.fromkeys(created_anyway_of))
    missing = set(anyway) - people_repo.existing_person_ids(store.db, anyway)
    if missing:
        raise InvalidInput(N_("No person {id} to compare with."), id=sorted(missing)[0])

    person_id = new_id()
    with store.db.atomic():
        if cin_text and masked is not None:
            hashed = cin_hash(store, normalise_cin(cin_text)[0])
        writer = store.writer()
        row = writer.insert(
            "person",
            {
                "id": person_id,
                **names,
                "name_quality": name_quality,
                "sex": sex,
                "dob": dob_text,
                "birth_year": year,
                "dob_quality": dob_quality,
                "age_estimated_on": estimated_on,
                "province_code": province_code,
                "origin_geo_code": origin_geo_code,
                "cin_hash": hashed,
                "cin_masked": masked,
                "cin_quality": cin_quality,
                "phone": _clean(phone),
                "beneficiary_code": short_code(person_id, "P"),
                "created_anyway_of": json.dumps(anyway) if anyway else None,
            },
        )
        for alias in alias_list:
            writer.insert(
                "person_name_variant",
                {
                    "person_id": person_id,
                    "script": "ar" if is_arabic(alias) else "latn",
                    "value": alias,
                    "kind": "alias",
                },
            )
        people_repo.index_person(
            store.db,
            person_id,
            names=person_names(names, alias_list),
            sex=sex,
            birth_year=year,
            province_code=province_code,
        )
    return Person(
        id=person_id,
        beneficiary_code=str(row["beneficiary_code"]),
        sex=sex,
        birth_year=year,
        dob_quality=dob_quality,
        name_quality=name_quality,
        cin_masked=masked,
        cin_quality=cin_quality,
        created_anyway_of=tuple(anyway),
        warnings=tuple(warnings),
    )


def reindex_people(store: LocalStore) -> int:
    """Rebuild the local search index of every person (after a restore, say)."""
    ids = people_repo.live_person_ids(store.db)
    people_repo.reindex_persons(store.db, ids)
    return len(ids)


@requires(Permission.REGISTER_PEOPLE)
def register_household(
    store: LocalStore,
    *,
    head_person_id: str | None = None,
    head_name: str | None = None,
    geo_code: str | None = None,
    local_place_id: str | None = None,
    size_declared: int | None = None,
    counts_by_sex_age: Mapping[str, int] | None = None,
    vulnerability_flags: Sequence[str] = (),
    housing_type: str | None = None,
    members: Sequence[tuple[str, str]] = (),
) -> Household:
    """Register a household, its registered members and counts of the others.

    `members` are (person_id, relationship to the head). When members are not
    registered one by one, `size_declared` and `counts_by_sex_age` carry them.
    """
    _need_campaign(store)
    flags = check_flags(vulnerability_flags)
    counts = check_counts(counts_by_sex_age) if counts_by_sex_age is not None else None
    if size_declared is not None and size_declared < 0:
        raise InvalidInput(N_("A count must be a whole number, zero or more."))
    if geo_code is not None and GeoRepository(store.db).get(geo_code) is None:
        raise InvalidInput(N_("Unknown place code {code}."), code=geo_code)
    member_list = [(pid, rel) for pid, rel in members]
    if head_person_id and head_person_id not in [pid for pid, _ in member_list]:
        member_list.insert(0, (head_person_id, "head"))
    for _, relationship in member_list:
        check_choice(relationship, RELATIONSHIPS, N_("Unknown relationship: {value}."))
    ids = [pid for pid, _ in member_list]
    if len(set(ids)) != len(ids):
        raise InvalidInput(N_("A person is listed twice in the household."))
    missing = set(ids) - people_repo.existing_person_ids(store.db, ids)
    if missing:
        raise InvalidInput(N_("No person {id} to add."), id=sorted(missing)[0])
    if not _clean(head_name) and not head_person_id and not member_list and not counts:
        raise InvalidInput(N_("A household needs a head, members or counts."))

    household_id = new_id()
    with store.db.atomic():
        writer = store.writer()
        writer.insert(
            "household",
            {
                "id": household_id,
                "head_person_id": head_person_id,
                "head_name": _clean(head_name),
                "geo_code": geo_code,
                "local_place_id": local_place_id,
                "size_declared": size_declared,
                "counts_by_sex_age": json.dumps(counts, sort_keys=True) if counts else None,
                "vulnerability_flags": json.dumps(flags),
                "housing_type": housing_type,
                "beneficiary_code": short_code(household_id, "H"),
            },
        )
        for person_id, relationship in member_list:
            writer.insert(
                "household_member",
                {
                    "household_id": household_id,
                    "person_id": person_id,
                    "relationship": relationship,
                },
            )
    return Household(
        id=household_id,
        beneficiary_code=short_code(household_id, "H"),
        members=tuple(people_repo.household_members(store.db, household_id)),
        vulnerability_flags=tuple(flags),
        counts_by_sex_age=counts,
    )


@requires(Permission.REGISTER_PEOPLE)
def record_consent(
    store: LocalStore,
    *,
    person_id: str,
    purpose: str,
    method: str,
    given: bool = True,
    language: str | None = None,
    witness: str | None = None,
    given_on: date | None = None,
) -> str:
    """Record consent (or its refusal) for one purpose; returns the consent id."""
    _need_campaign(store)
    check_choice(purpose, CONSENT_PURPOSES, N_("Unknown consent purpose: {value}."))
    check_choice(method, CONSENT_METHODS, N_("Unknown consent method: {value}."))
    if method == "verbal_witnessed" and not _clean(witness):
        raise InvalidInput(N_("Verbal consent needs the name of a witness."))
    if not people_repo.existing_person_ids(store.db, [person_id]):
        raise InvalidInput(N_("No person {id} to add."), id=person_id)
    with store.db.atomic():
        row = store.writer().insert(
            "consent",
            {
                "person_id": person_id,
                "purpose": purpose,
                "given": 1 if given else 0,
                "method": method,
                "language": language,
                "recorded_by": store.user.id,
                "witness": _clean(witness),
                "given_on": (given_on or datetime.now(UTC).date()).isoformat(),
            },
        )
    return str(row["id"])


@requires(Permission.REGISTER_PEOPLE)
def withdraw_consent(
    store: LocalStore, *, consent_id: str, reason: str, at: datetime | None = None
) -> None:
    """Withdraw a consent: the record stays, stamped with who withdrew it and why."""
    state = people_repo.consent_state(store.db, consent_id)
    if state is None:
        raise InvalidInput(N_("No record {id} to change."), id=consent_id)
    if state[1] is not None:
        raise RuleViolation(N_("This consent was already withdrawn."))
    with store.db.atomic():
        store.writer().update(
            "consent",
            consent_id,
            {
                "withdrawn_at": (at or datetime.now(UTC)).isoformat(timespec="seconds"),
                "withdrawn_by": store.user.id,
                "withdrawal_reason": _clean(reason),
            },
        )
        # Withdrawal stops every later use (services.consent_gate) and is accountable.
        audit(store, action="consent_withdrawn", table="consent", record_id=consent_id)
