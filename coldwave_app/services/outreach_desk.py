"""What the outreach screens read: douars to pick (round's, recent and targeted
first, with their risk level), a douar's households with what they received this
campaign, the catalogue, open rounds and warehouses, tonight's street encounters;
and the small steps they take before a write (the distribution event of a round at
a douar today, the entitlement preview shown inline before a line is recorded).

The rules themselves stay in services.distributions / entitlements: the preview
runs the same check the write runs again inside its transaction.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from coldwave_app.domain.entitlement_rules import Violation
from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.domain.outreach_rules import OVERRIDE_ROLES
from coldwave_app.services.distributions import record_distribution_event
from coldwave_app.services.entitlements import check_entitlement
from coldwave_app.services.places import add_local_place, find_places
from coldwave_app.storage import outreach_desk_queries as q
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.storage.outreach_repo import OutreachRepo

_SEVERITY = {"red": 0, "orange": 1, "yellow": 2}
_CODE_IN_TEXT = re.compile(r"\((\d{6,})\)")
_RECENT = 8


@dataclass(frozen=True)
class DouarChoice:
    code: str
    name_ar: str
    name_fr: str | None
    commune_ar: str | None
    commune_fr: str | None
    risk_level: str | None  # red / orange / yellow when the campaign targets it
    recent: bool
    in_round: bool


@dataclass(frozen=True)
class Receipt:
    code: str
    name_ar: str
    name_fr: str
    qty: float
    day: date
    to_person: bool  # given to a member rather than to the household


@dataclass(frozen=True)
class DouarHousehold:
    id: str
    beneficiary_code: str
    head_ar: str | None
    head_latn: str | None
    members: int
    received: tuple[Receipt, ...]


@dataclass(frozen=True)
class Member:
    id: str
    name_ar: str
    name_latn: str


@dataclass(frozen=True)
class CatalogueEntry:
    kind: str  # "kit" or "item"
    id: str
    code: str
    name_ar: str
    name_fr: str
    unit: str
    category: str


@dataclass(frozen=True)
class OpenRound:
    id: str
    kind: str
    team_name: str
    vehicle: str | None
    members: tuple[str, ...]
    started_at: str
    zone: str | None
    itinerary: str | None


@dataclass(frozen=True)
class StreetEncounter:
    id: str
    occurred_at: datetime
    person_code: str | None
    anon_sex: str | None
    anon_age_band: str | None
    living_situation: str | None
    shelter_offered: bool
    outcome: str | None
    place: str | None
    items: tuple[tuple[str, float], ...]


def _campaign(store: LocalStore) -> str:
    campaign_id = store.campaign_id
    if campaign_id is None:
        raise InvalidInput(N_("Choose a campaign first."))
    return campaign_id


def can_override(store: LocalStore) -> bool:
    """Whether the logged-in user may override an entitlement rule (supervisors)."""
    return store.user.role in OVERRIDE_ROLES


def itinerary_of(douars: list[DouarChoice]) -> str:
    """The itinerary text of planned douars: names with codes, so they can be read back."""
    return " – ".join(f"{d.name_fr or d.name_ar} ({d.code})" for d in douars)


def douar_choices(
    store: LocalStore, *, text: str = "", round_id: str | None = None, limit: int = 50
) -> list[DouarChoice]:
    """Douars matching `text` (Arabic or Latin name, or code prefix) in the campaign's
    province; with no text, the round's douars, the recent and the targeted ones.
    Ordered: the round's douars, then targeted by risk (red first), then recent."""
    campaign_id = _campaign(store)
    levels = q.target_levels(store.db, campaign_id)
    recent = q.recent_douars(store.db, campaign_id, _RECENT)
    in_round: list[str] = []
    if round_id is not None:
        in_round = _round_douars(store, round_id)
    if text.strip():
        province = q.campaign_province(store.db, campaign_id)
        found = find_places(
            store, text=text, level="douar", province_code=province, limit=limit * 4
        )
        codes = [p.code for p in found]
    else:
        codes = list(dict.fromkeys(in_round + recent + sorted(levels)))
    rows = {r[0]: r for r in q.douar_rows(store.db, codes)}
    recent_set, round_set = set(recent), set(in_round)
    choices = [
        DouarChoice(
            code=code,
            name_ar=str(rows[code][1]),
            name_fr=rows[code][2],
            commune_ar=rows[code][3],
            commune_fr=rows[code][4],
            risk_level=levels.get(code),
            recent=code in recent_set,
            in_round=code in round_set,
        )
        for code in codes
        if code in rows
    ]
    position = {code: n for n, code in enumerate(codes)}
    choices.sort(
        key=lambda c: (
            not c.in_round,
            _SEVERITY.get(c.risk_level or "", 3),
            not c.recent,
            position[c.code],
        )
    )
    return choices[:limit]


def _round_douars(store: LocalStore, round_id: str) -> list[str]:
    planned: list[str] = []
    for row in q.open_round_rows(store.db, _campaign(store)):
        if row[0] == round_id and row[7]:
            planned = _CODE_IN_TEXT.findall(str(row[7]))
    return list(dict.fromkeys(planned + q.round_event_douars(store.db, round_id)))


def douar_households(store: LocalStore, *, geo_code: str) -> list[DouarHousehold]:
    """The douar's households with what each (or a member) received this campaign,
    oldest first; read in one query."""
    campaign_id = _campaign(store)
    households: dict[str, DouarHousehold] = {}
    receipts: dict[str, list[Receipt]] = {}
    for row in q.household_rows(store.db, campaign_id, geo_code):
        hid = str(row[0])
        if hid not in households:
            households[hid] = DouarHousehold(hid, str(row[1]), row[2], row[3], int(row[4] or 0), ())
            receipts[hid] = []
        if row[5] is not None:
            receipts[hid].append(
                Receipt(
                    str(row[8]),
                    str(row[9]),
                    str(row[10]),
                    float(row[6]),
                    date.fromisoformat(str(row[5])[:10]),
                    bool(row[7]),
                )
            )
    return [
        DouarHousehold(
            h.id, h.beneficiary_code, h.head_ar, h.head_latn, h.members, _summed(receipts[h.id])
        )
        for h in households.values()
    ]


def _summed(receipts: list[Receipt]) -> tuple[Receipt, ...]:
    """One receipt per thing and day (the blankets of every member added up)."""
    totals: dict[tuple[str, date], Receipt] = {}
    for r in receipts:
        key = (r.code, r.day)
        before = totals.get(key)
        if before is None:
            totals[key] = r
        else:
            totals[key] = Receipt(
                r.code, r.name_ar, r.name_fr, before.qty + r.qty, r.day, before.to_person
            )
    return tuple(totals.values())


def household_members(store: LocalStore, *, household_id: str) -> list[Member]:
    return [Member(*r) for r in q.household_members(store.db, household_id)]


def catalogue(store: LocalStore) -> list[CatalogueEntry]:
    """Kit types then items, by code."""
    return [CatalogueEntry(*(str(v) for v in r)) for r in q.catalogue_rows(store.db)]


def warehouses(store: LocalStore) -> list[tuple[str, str]]:
    """(id, name) of the warehouses rounds load from."""
    return q.warehouse_rows(store.db)


def open_rounds(store: LocalStore) -> list[OpenRound]:
    """The campaign's rounds not ended yet, newest first."""
    result = []
    for row in q.open_round_rows(store.db, _campaign(store)):
        members = tuple(str(m) for m in json.loads(row[4] or "[]"))
        result.append(OpenRound(row[0], row[1], row[2] or "", row[3], members, *row[5:8]))
    return result


def distribution_event_for(
    store: LocalStore, *, round_id: str, geo_code: str, on: date, access_mode: str
) -> str:
    """The round's distribution event at this douar on this day, created the first
    time something is given there (with the douar's risk level)."""
    campaign_id = _campaign(store)
    existing = q.round_event_on(store.db, round_id, geo_code, on.isoformat())
    if existing is not None:
        return existing
    return record_distribution_event(
        store,
        occurred_on=on,
        access_mode=access_mode,
        round_id=round_id,
        geo_code=geo_code,
        risk_level=q.target_levels(store.db, campaign_id).get(geo_code),
    )


def preview_line(
    store: LocalStore,
    *,
    event_id: str,
    household_id: str | None = None,
    person_id: str | None = None,
    kit_type_id: str | None = None,
    item_id: str | None = None,
    qty: float = 1.0,
) -> list[Violation]:
    """The rules a line would break, each naming the earlier record (when, where, by
    whom), without writing anything. record_distribution checks again on write."""
    event = OutreachRepo(store.db).event(event_id)
    if event is None:
        raise InvalidInput(N_("No distribution event {id}."), id=event_id)
    return check_entitlement(
        store,
        day=event.occurred_on,
        sitting_id=event.id,
        wave_id=event.wave_id,
        person_id=person_id,
        household_id=household_id,
        item_id=item_id,
        kit_type_id=kit_type_id,
        qty=qty,
        where=event.where,
    )


def street_places(store: LocalStore) -> list[tuple[str, str]]:
    """(id, name) of the places added by teams (street spots, squats, stations)."""
    return q.street_place_rows(store.db, _campaign(store))


def street_place(store: LocalStore, *, name: str) -> str:
    """The id of the street spot named `name`, added under the campaign's province
    the first time a team names it."""
    campaign_id = _campaign(store)
    wanted = name.strip()
    if not wanted:
        raise InvalidInput(N_("A place needs a name in Arabic or in Latin letters."))
    for place_id, known in q.street_place_rows(store.db, campaign_id):
        if known.casefold() == wanted.casefold():
            return place_id
    province = q.campaign_province(store.db, campaign_id) or ""
    arabic = any("\u0600" <= ch <= "\u06ff" for ch in wanted)
    return add_local_place(
        store,
        parent_code=province,
        kind="street_spot",
        name_ar=wanted if arabic else None,
        name_latn=None if arabic else wanted,
    )


def person_by_code(store: LocalStore, *, code: str) -> str:
    """The person holding a beneficiary code (as printed on their card)."""
    person_id = q.person_by_code(store.db, code.strip().upper())
    if person_id is None:
        raise InvalidInput(N_("No person with the code {code}."), code=code.strip())
    return person_id


def night_of(moment: datetime) -> tuple[datetime, datetime]:
    """The night round window holding `moment`: noon to noon, so a round that goes
    on past midnight stays one night."""
    noon = datetime.combine(moment.date(), time(12))
    start = noon if moment >= noon else noon - timedelta(days=1)
    return start, start + timedelta(days=1)


def encounters_of_night(store: LocalStore, *, moment: datetime) -> list[StreetEncounter]:
    """Street encounters of the night holding `moment`, newest first."""
    start, end = night_of(moment)
    rows = q.encounter_rows(
        store.db,
        _campaign(store),
        start.isoformat(timespec="seconds"),
        end.isoformat(timespec="seconds"),
    )
    result = []
    for r in rows:
        items = tuple(
            (code, float(qty))
            for code, qty in (pair.split(":") for pair in (r[10] or "").split(",") if pair)
        )
        result.append(
            StreetEncounter(
                str(r[0]),
                datetime.fromisoformat(str(r[1])),
                r[3],
                r[4],
                r[5],
                r[6],
                bool(r[7]),
                r[8],
                r[9],
                items,
            )
        )
    return result


def last_event_at(store: LocalStore, *, geo_code: str) -> str | None:
    """The latest distribution event at a douar (to preview a line against it)."""
    return q.last_event_at(store.db, geo_code)


def last_round(store: LocalStore, *, kind: str = "rural") -> str | None:
    """The campaign's latest round of a kind, open or ended."""
    return q.last_round(store.db, _campaign(store), kind)
