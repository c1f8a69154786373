"""Deterministic synthetic seasons at province scale, for benchmarks and sync tests.

`generate_season(store, persons=N, events=M, edits=K, seed=S)` fills the current
campaign with N persons (and their households, stays and cases) and M events
spread like a real winter (distribution lines, bed nights, services, street
encounters, follow-ups), then K random field edits. The same seed gives the same
records (same ids and values: compare with `content_digest`); only the sync
bookkeeping (stamps, device, times) differs between runs. Everything goes
through RecordWriter, so the outbox is as a real season would leave it.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.domain.ids import id_from_seed, short_code
from coldwave_app.domain.vocabulary import FacilityKind
from coldwave_app.services.campaign_setup import (
    add_shelter,
    add_standard_catalogue,
    create_campaign,
)
from coldwave_app.storage import lookups
from coldwave_app.storage.bulk_load import large_page_cache
from coldwave_app.storage.geography import GeoRepository
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.storage.record_writer import RecordWriter

BATCH = 5_000
SEASON_START = date(2025, 11, 17)
SEASON_NIGHTS = 105

GIVEN_M = [
    ("محمد", "Mohamed"),
    ("أحمد", "Ahmed"),
    ("لحسن", "Lahcen"),
    ("يوسف", "Youssef"),
    ("عبد الله", "Abdellah"),
    ("إبراهيم", "Brahim"),
    ("حسن", "Hassan"),
    ("موحى", "Moha"),
    ("سعيد", "Said"),
    ("مصطفى", "Mustapha"),
    ("عمر", "Omar"),
    ("رشيد", "Rachid"),
]
GIVEN_F = [
    ("فاطمة", "Fatima"),
    ("خديجة", "Khadija"),
    ("عائشة", "Aicha"),
    ("زينب", "Zineb"),
    ("مريم", "Meryem"),
    ("حادة", "Hadda"),
    ("يطو", "Itto"),
    ("نعيمة", "Naima"),
    ("رقية", "Rkia"),
    ("سعيدة", "Saida"),
    ("ميمونة", "Mimouna"),
    ("حليمة", "Halima"),
]
FAMILY = [
    ("أوحمو", "Ouhammou"),
    ("الزياني", "Zayani"),
    ("أمزيان", "Amezziane"),
    ("العلوي", "El Alaoui"),
    ("بنعلي", "Benali"),
    ("أيت علي", "Ait Ali"),
    ("أوعلي", "Ouali"),
    ("الإدريسي", "Idrissi"),
    ("أقشار", "Akchar"),
    ("بوحسوس", "Bouhssous"),
    ("المرابط", "Mrabet"),
    ("أوبلا", "Oubella"),
]
SERVICES = ("meal", "shower", "clothes", "health_check", "psychological_support", "activity")
LIVING = ("street", "squat", "station", "vehicle")
OUTCOMES = ("accepted", "refused", "referred_hospital", "already_housed", "not_found")
MODES = ("visit", "phone", "at_centre")


@dataclass(frozen=True)
class SeasonSize:
    persons: int
    events: int
    edits: int


@dataclass
class _Ids:
    seed: int
    counter: int = 0

    def next(self) -> str:
        self.counter += 1
        return id_from_seed(self.seed, self.counter)


def _batches(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def generate_season(
    store: LocalStore,
    *,
    persons: int,
    events: int,
    edits: int = 0,
    seed: int = 1,
    province_code: str = "05.301",
    progress: Callable[[str, int], None] | None = None,
) -> SeasonSize:
    """Fill the current campaign (made if missing) with a synthetic season."""
    for label, value in (("--persons", persons), ("--events", events), ("--edits", edits)):
        if value < 0:
            raise InvalidInput(N_("{what} must be a positive whole number."), what=label)
    if persons == 0 and events > 0:
        raise InvalidInput(N_("Events need persons: give --persons as well."))
    with large_page_cache(store.db):
        _generate(store, persons, events, edits, seed, province_code, progress)
    return SeasonSize(persons, events, edits)


def _generate(
    store: LocalStore,
    persons: int,
    events: int,
    edits: int,
    seed: int,
    province_code: str,
    progress: Callable[[str, int], None] | None,
) -> None:
    report = progress or (lambda _stage, _n: None)
    rng = random.Random(seed)
    ids = _Ids(seed)
    if store.campaign_id is None:
        create_campaign(
            store,
            name=f"Synthetic season {seed}",
            province_code=province_code,
            period_start=SEASON_START,
            season="2025-2026",
            record_id=ids.next(),
        )
    campaign_id = store.campaign_id or ""
    catalogue = lookups.catalogue_ids(store.db, campaign_id)
    if "KIT_GRAND_FROID" not in catalogue:
        catalogue = add_standard_catalogue(store, new_record_id=ids.next)
    writer = store.writer()
    douars = [p.code for p in GeoRepository(store.db).in_province(province_code, level="douar")]
    if not douars:
        raise InvalidInput(N_("Unknown province code {code}."), code=province_code)

    person_ids = [ids.next() for _ in range(persons)]
    _insert(writer, "person", (_person(rng, pid) for pid in person_ids), report)
    households = _households(rng, ids, writer, person_ids, douars, report)
    shelters = lookups.facility_ids(store.db, campaign_id, kind=FacilityKind.SHELTER) or [
        add_shelter(
            store,
            name_ar=f"مركز الإسعاف الاجتماعي {n + 1}",
            name_fr=f"Centre d'urgence sociale {n + 1}",
            geo_code=province_code,
            rooms={"A": 20, "B": 14},
            new_record_id=ids.next,
        )
        for n in range(max(1, persons // 3000))
    ]
    stays = _stays(rng, ids, writer, person_ids, shelters, report)
    cases = _cases(rng, ids, writer, person_ids, report)
    _events(
        rng, ids, writer, events, person_ids, households, stays, cases, catalogue, douars, report
    )
    _edits(rng, writer, edits, person_ids, households)
    report("done", persons + events)


def _insert(
    writer: RecordWriter,
    table: str,
    rows: Iterator[dict[str, Any]],
    report: Callable[[str, int], None],
) -> int:
    total = 0
    for batch in _batches(rows):
        writer.insert_many(table, batch)
        total += len(batch)
        report(table, total)
    return total


def _person(rng: random.Random, pid: str) -> dict[str, Any]:
    sex = rng.choice("mf")
    given = rng.choice(GIVEN_M if sex == "m" else GIVEN_F)
    family = rng.choice(FAMILY)
    quality = rng.choices(("full", "partial", "alias", "unknown"), (70, 15, 10, 5))[0]
    return {
        "id": pid,
        "given_name_ar": given[0],
        "family_name_ar": family[0] if quality != "alias" else None,
        "given_name_latn": given[1],
        "family_name_latn": family[1] if quality != "alias" else None,
        "known_as": given[1] if quality == "alias" else None,
        "name_quality": quality,
        "sex": sex,
        "birth_year": rng.randint(1940, 2020),
        "dob_quality": rng.choice(("approx", "exact", "unknown")),
        "province_code": "05.301",
        "beneficiary_code": short_code(pid, "P"),
    }


def _households(
    rng: random.Random,
    ids: _Ids,
    writer: RecordWriter,
    person_ids: list[str],
    douars: list[str],
    report: Callable[[str, int], None],
) -> list[str]:
    heads = person_ids[: len(person_ids) // 4]
    household_ids = [ids.next() for _ in heads]
    _insert(
        writer,
        "household",
        (
            {
                "id": hid,
                "head_person_id": head,
                "geo_code": rng.choice(douars),
                "size_declared": rng.randint(1, 9),
                "beneficiary_code": short_code(hid, "H"),
            }
            for hid, head in zip(household_ids, heads, strict=True)
        ),
        report,
    )
    _insert(
        writer,
        "household_member",
        (
            {"id": ids.next(), "household_id": hid, "person_id": head, "relationship": "head"}
            for hid, head in zip(household_ids, heads, strict=True)
        ),
        report,
    )
    return household_ids


def _stays(
    rng: random.Random,
    ids: _Ids,
    writer: RecordWriter,
    person_ids: list[str],
    shelters: list[str],
    report: Callable[[str, int], None],
) -> list[tuple[str, str, str]]:
    chosen = rng.sample(person_ids, k=min(len(person_ids), max(1, len(person_ids) // 10)))
    stays = [(ids.next(), pid, rng.choice(shelters)) for pid in chosen]
    _insert(
        writer,
        "stay",
        (
            {
                "id": sid,
                "person_id": pid,
                "facility_id": fid,
                "entry_at": (SEASON_START + timedelta(days=rng.randrange(60))).isoformat(),
                "entry_route": rng.choice(("outreach_team", "self", "authority", "hospital")),
            }
            for sid, pid, fid in stays
        ),
        report,
    )
    return stays


def _cases(
    rng: random.Random,
    ids: _Ids,
    writer: RecordWriter,
    person_ids: list[str],
    report: Callable[[str, int], None],
) -> list[str]:
    chosen = rng.sample(person_ids, k=min(len(person_ids), max(1, len(person_ids) // 20)))
    case_ids = [ids.next() for _ in chosen]
    _insert(
        writer,
        "case_file",
        (
            {
                "id": cid,
                "person_id": pid,
                "opened_at": (SEASON_START + timedelta(days=rng.randrange(90))).isoformat(),
                "status": "open",
                "priority": rng.choice(("high", "medium", "low")),
            }
            for cid, pid in zip(case_ids, chosen, strict=True)
        ),
        report,
    )
    return case_ids


def _events(
    rng: random.Random,
    ids: _Ids,
    writer: RecordWriter,
    events: int,
    person_ids: list[str],
    households: list[str],
    stays: list[tuple[str, str, str]],
    cases: list[str],
    catalogue: dict[str, str],
    douars: list[str],
    report: Callable[[str, int], None],
) -> None:
    def day() -> date:
        return SEASON_START + timedelta(days=rng.randrange(SEASON_NIGHTS))

    n_lines = events * 40 // 100
    n_headers = max(1, n_lines // 50) if n_lines else 0
    n_nights = events * 25 // 100
    n_services = events * 20 // 100
    n_encounters = events * 10 // 100
    n_follow = events - n_lines - n_headers - n_nights - n_services - n_encounters
    headers = [ids.next() for _ in range(n_headers)]
    _insert(
        writer,
        "distribution_event",
        (
            {
                "id": eid,
                "geo_code": rng.choice(douars),
                "occurred_on": day().isoformat(),
                "access_mode": rng.choice(("road", "4x4", "mule")),
            }
            for eid in headers
        ),
        report,
    )
    items = [catalogue[c] for c in ("BLANKET", "MAT", "COAT", "FIREWOOD")]
    kit = catalogue["KIT_GRAND_FROID"]

    def line() -> dict[str, Any]:
        is_kit = rng.random() < 0.5
        return {
            "id": ids.next(),
            "event_id": rng.choice(headers),
            "household_id": rng.choice(households) if households else None,
            "kit_type_id": kit if is_kit else None,
            "item_id": None if is_kit else rng.choice(items),
            "qty": 1.0 if is_kit else float(rng.randint(1, 3)),
        }

    _insert(writer, "distribution_line", (line() for _ in range(n_lines)), report)

    def night() -> dict[str, Any]:
        sid, pid, fid = rng.choice(stays)
        return {
            "id": ids.next(),
            "stay_id": sid,
            "person_id": pid,
            "facility_id": fid,
            "night_date": day().isoformat(),
        }

    _insert(writer, "bed_night", (night() for _ in range(n_nights)), report)

    def service() -> dict[str, Any]:
        sid, pid, fid = rng.choice(stays)
        return {
            "id": ids.next(),
            "person_id": pid,
            "stay_id": sid,
            "facility_id": fid,
            "service_type": rng.choice(SERVICES),
            "delivered_at": day().isoformat(),
        }

    _insert(writer, "service_delivery", (service() for _ in range(n_services)), report)

    def encounter() -> dict[str, Any]:
        anonymous = rng.random() < 0.3
        return {
            "id": ids.next(),
            "person_id": None if anonymous else rng.choice(person_ids),
            "anon_sex": rng.choice("mf") if anonymous else None,
            "occurred_at": day().isoformat(),
            "living_situation": rng.choice(LIVING),
            "shelter_offered": 1,
            "outcome": rng.choice(OUTCOMES),
        }

    _insert(writer, "encounter", (encounter() for _ in range(n_encounters)), report)
    _insert(
        writer,
        "follow_up",
        (
            {
                "id": ids.next(),
                "case_id": rng.choice(cases),
                "occurred_on": day().isoformat(),
                "mode": rng.choice(MODES),
            }
            for _ in range(max(0, n_follow))
        ),
        report,
    )


def _edits(
    rng: random.Random,
    writer: RecordWriter,
    edits: int,
    person_ids: list[str],
    households: list[str],
) -> None:
    for n in range(edits):
        if households and n % 2:
            writer.update(
                "household", rng.choice(households), {"size_declared": rng.randint(1, 12)}
            )
        else:
            writer.update(
                "person", rng.choice(person_ids), {"phone": f"06{rng.randrange(10**8):08d}"}
            )
