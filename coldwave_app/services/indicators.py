"""The campaign indicators, each defined once: the figures of the dashboard, the
daily report to the provincial commission and the exports (domain.md §1.4, §4.6).

Each indicator is a function whose docstring is its definition, registered in
`INDICATORS` with a code and a label msgid. All share the same rules:

- the period is a range of days, both ends included, of the current campaign;
- events count only when live: a voided or amended-away row never counts (an
  amendment counts in its place), nor a line of a voided distribution;
- a person merged with another record counts once (dedup.canonical_person_ids);
- anonymous tallies and anonymous street encounters count in every total they
  belong to (DESIGN.md §5: refusing registration never makes a person vanish);
- `facility_id` narrows the shelter indicators to one centre; indicators with no
  centre (rural reach, street items, case work) ignore it.

Values are numbers, or plain dicts of numbers for breakdowns, ready for JSON.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.domain.outreach_rules import EncounterOutcome
from coldwave_app.domain.people_rules import COUNT_BANDS
from coldwave_app.domain.shelter_rules import ExitDestination, nights_between
from coldwave_app.domain.vocabulary import RiskLevel
from coldwave_app.services.cases import due_list
from coldwave_app.services.dedup import canonical_person_ids
from coldwave_app.storage import indicator_queries as q
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.storage.read_cache import cached

IndicatorValue = int | float | dict[str, Any] | None
Compute = Callable[[LocalStore, date, date, str | None], IndicatorValue]

# Key of places or levels that are not known (a tally with no douar, a douar with
# no campaign target).
UNKNOWN = "unknown"
UNTARGETED = "untargeted"


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str  # msgid
    compute: Compute

    @property
    def definition(self) -> str:
        return " ".join((self.compute.__doc__ or "").split())


@dataclass(frozen=True)
class _Scope:
    store: LocalStore
    campaign_id: str
    start: str
    end: str


def _scope(store: LocalStore, start: date, end: date) -> _Scope:
    if store.campaign_id is None:
        raise InvalidInput(N_("Choose a campaign first."))
    if end < start:
        raise InvalidInput(N_("A period cannot end before it starts."))
    return _Scope(store, store.campaign_id, start.isoformat(), end.isoformat())


def _canonical_ids(store: LocalStore) -> dict[str, str]:
    """dedup.canonical_person_ids, read once per report while nothing changes."""
    return cached(store.db, ("canonical_person_ids",), lambda: canonical_person_ids(store))


def _canonical(store: LocalStore, ids: Iterable[str]) -> set[str]:
    """Distinct persons among raw ids, a merged group counting once. Ids that are
    not person ids (`case:<id>`) pass through unchanged."""
    canon = _canonical_ids(store)
    return {canon.get(i, i) for i in ids}


# --- street track and shelters ----------------------------------------------------------


def persons_identified(
    store: LocalStore, start: date, end: date, facility_id: str | None = None
) -> dict[str, int]:
    """Distinct registered persons met in the period (registered, encountered,
    admitted, given a line or a service, or a case opened for them), a merged group
    once. "new" when the group's first contact ever falls in the period, "known"
    when it was met before."""
    s = _scope(store, start, end)
    canon = _canonical_ids(store)
    first: dict[str, str] = {}
    seen: set[str] = set()
    for pid, first_day, in_period in q.person_contacts(store.db, s.campaign_id, s.start, s.end):
        group = canon.get(pid, pid)
        first[group] = min(first.get(group, first_day), first_day)
        if in_period:
            seen.add(group)
    new = sum(1 for g in seen if first[g] >= s.start)
    return {"total": len(seen), "new": new, "known": len(seen) - new}


def anonymous_contacts(
    store: LocalStore, start: date, end: date, facility_id: str | None = None
) -> dict[str, Any]:
    """Street encounters in the period with no registered person, by the sex the
    team described (m, f, u)."""
    s = _scope(store, start, end)
    by_sex = q.anonymous_encounters_by_sex(store.db, s.campaign_id, s.start, s.end)
    return {"total": sum(by_sex.values()), "by_sex": by_sex}


def persons_sheltered(
    store: LocalStore, start: date, end: date, facility_id: str | None = None
) -> int:
    """Distinct persons with at least one live bed night (a roll call saw them in a
    bed) in the period, a merged group once."""
    s = _scope(store, start, end)
    ids = q.bed_night_persons(store.db, s.campaign_id, s.start, s.end, facility_id)
    return len(_canonical(store, ids))


def admissions(store: LocalStore, start: date, end: date, facility_id: str | None = None) -> int:
    """Stays that began in the period (a person admitted twice counts twice)."""
    s = _scope(store, start, end)
    return q.admissions(store.db, s.campaign_id, s.start, s.end, facility_id)


def bed_nights(store: LocalStore, start: date, end: date, facility_id: str | None = None) -> int:
    """Live bed nights of the period (nights named by their evening); a voided
    night does not count, an amended one counts once."""
    s = _scope(store, start, end)
    rows = q.bed_nights(store.db, s.campaign_id, s.start, s.end, facility_id)
    return sum(n for _, _, n in rows)


def _in_alert(night: str, alerts: list[tuple[str, str | None]]) -> bool:
    return any(first <= night and (last is None or night <= last) for first, last in alerts)


def occupancy_rate(
    store: LocalStore, start: date, end: date, facility_id: str | None = None
) -> float:
    """Bed nights divided by the beds open on the same nights, over the nights on
    which a shelter took its roll call. Open beds are the active regular beds, plus
    the active overflow beds on nights a cold alert was in force. A night with no
    roll call is left out of both sides rather than counted empty."""
    s = _scope(store, start, end)
    rows = q.bed_nights(store.db, s.campaign_id, s.start, s.end, facility_id)
    capacity = q.bed_capacity(store.db, sorted({f for f, _, _ in rows}))
    alerts = q.cold_alert_periods(store.db, s.campaign_id)
    occupied = beds = 0
    for facility, night, count in rows:
        regular, overflow = capacity.get(facility, (0, 0))
        occupied += count
        beds += regular + (overflow if _in_alert(night, alerts) else 0)
    return round(occupied / beds, 4) if beds else 0.0


@dataclass(frozen=True)
class CentreFigures:
    """One centre's shelter figures for a period, as the single-centre indicators give them."""

    persons: int  # persons_sheltered(facility_id=...)
    bed_nights: int  # bed_nights(facility_id=...)
    occupancy: float  # occupancy_rate(facility_id=...)
    nightly: list[tuple[str, int]]  # (night, persons) like shelter.occupancy_by_night


def shelter_figures_by_centre(
    store: LocalStore, start: date, end: date
) -> dict[str, CentreFigures]:
    """Every centre's figures in two queries instead of four per centre (a province
    has dozens of centres: the report would otherwise scan the season per centre).
    Centres with no bed night in the period are absent."""
    s = _scope(store, start, end)
    nights = q.facility_nights(store.db, s.campaign_id, s.start, s.end)
    capacity = q.bed_capacity(store.db, sorted({f for f, _, _, _ in nights}))
    alerts = q.cold_alert_periods(store.db, s.campaign_id)
    canon = _canonical_ids(store)
    persons: dict[str, set[str]] = defaultdict(set)
    for facility, person in q.facility_persons(store.db, s.campaign_id, s.start, s.end):
        persons[facility].add(canon.get(person, person))
    occupied: Counter[str] = Counter()
    beds: Counter[str] = Counter()
    nightly: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for facility, night, count, people in nights:
        regular, overflow = capacity.get(facility, (0, 0))
        occupied[facility] += count
        beds[facility] += regular + (overflow if _in_alert(night, alerts) else 0)
        nightly[facility].append((night, people))
    return {
        facility: CentreFigures(
            persons=len(persons[facility]),
            bed_nights=occupied[facility],
            occupancy=round(occupied[facility] / beds[facility], 4) if beds[facility] else 0.0,
            nightly=nightly[facility],
        )
        for facility in nightly
    }


def shelter_refusals(
    store: LocalStore, start: date, end: date, facility_id: str | None = None
) -> int:
    """Street encounters of the period, registered or anonymous, where shelter was
    offered and refused."""
    s = _scope(store, start, end)
    return q.encounters_with_outcome(
        store.db, s.campaign_id, s.start, s.end, EncounterOutcome.REFUSED_SHELTER.value
    )


def meals_served(
    store: LocalStore, start: date, end: date, facility_id: str | None = None
) -> dict[str, float]:
    """Meals in the period. "centre": meal services given to residents during a
    stay. "street": meal items (hot meals, cold rations) given outside a centre, in
    street encounters, distributions and anonymous tallies."""
    s = _scope(store, start, end)
    centre = q.centre_meals(store.db, s.campaign_id, s.start, s.end, facility_id)
    street = q.street_meals(store.db, s.campaign_id, s.start, s.end)
    return {"street": street, "centre": centre, "total": street + centre}


def items_distributed(
    store: LocalStore, start: date, end: date, facility_id: str | None = None
) -> dict[str, float]:
    """Quantity given per item code in the period: distribution lines, anonymous
    tallies and items handed over in street encounters, kits counted as their
    components."""
    s = _scope(store, start, end)
    return q.items_given(store.db, s.campaign_id, s.start, s.end)


# --- rural track: reach ---------------------------------------------------------------


def _band(sex: str, birth_year: int | None, year: int) -> str:
    if sex not in ("m", "f") or birth_year is None:
        return "unknown_sex_age"
    age = year - birth_year
    group = "0_17" if age < 18 else "18_59" if age < 60 else "60_plus"
    return f"{'male' if sex == 'm' else 'female'}_{group}"


@dataclass
class _Reach:
    """Who was reached where: registered units by douar, anonymous counts by douar."""

    households: dict[str, set[str]]  # douar -> household ids
    persons: dict[str, set[str]]  # douar -> canonical person ids
    unregistered: dict[str, Counter[str]]  # douar -> persons by band, not registered
    tally_households: Counter[str]  # douar -> anonymous households
    person_band: dict[str, str]


def _reach(store: LocalStore, s: _Scope, year: int) -> _Reach:
    """Who was reached where in the period; shared by the three reach indicators."""
    key = ("reach", s.campaign_id, s.start, s.end, year)
    return cached(store.db, key, lambda: _read_reach(store, s, year))


def _read_reach(store: LocalStore, s: _Scope, year: int) -> _Reach:
    db = store.db
    canon = _canonical_ids(store)
    reach = _Reach(defaultdict(set), defaultdict(set), defaultdict(Counter), Counter(), {})
    households = q.reached_households(db, s.campaign_id, s.start, s.end)
    members = q.household_members(db, sorted({h.household_id for h in households}))
    direct = q.reached_persons(db, s.campaign_id, s.start, s.end)
    raw_ids = {p for ids in members.values() for p in ids} | {p for p, _ in direct}
    briefs = q.person_briefs(db, sorted(raw_ids))
    for pid in raw_ids:
        brief = briefs.get(pid)
        group = canon.get(pid, pid)
        if brief is not None and group not in reach.person_band:
            reach.person_band[group] = _band(brief.sex, brief.birth_year, year)
    # A household reached in several douars comes once per douar: read its people once.
    people_of: dict[str, tuple[set[str], Counter[str]]] = {}
    for household in households:
        douar = household.geo_code or UNKNOWN
        reach.households[douar].add(household.household_id)
        known = people_of.get(household.household_id)
        if known is None:
            registered = members.get(household.household_id, [])
            counts = json.loads(household.counts_by_sex_age) if household.counts_by_sex_age else {}
            others = Counter({b: int(n) for b, n in counts.items() if b in COUNT_BANDS})
            # The declared size covers everyone; whoever is neither registered nor in
            # the counts is still a person reached, of unknown sex and age.
            rest = (household.size_declared or 0) - len(registered) - sum(others.values())
            if rest > 0:
                others["unknown_sex_age"] += rest
            known = people_of[household.household_id] = (
                {canon.get(p, p) for p in registered},
                others,
            )
        reach.persons[douar] |= known[0]
        reach.unregistered[douar] += known[1]
    for pid, geo in direct:
        reach.persons[geo or UNKNOWN].add(canon.get(pid, pid))
    for tally in q.tallies(db, s.campaign_id, s.start, s.end):
        douar = tally.geo_code or UNKNOWN
        reach.tally_households[douar] += tally.households
        reach.unregistered[douar] += Counter(tally.persons)
    return reach


def _risk_of(store: LocalStore, campaign_id: str, douars: Iterable[str]) -> dict[str, str]:
    """Risk level of each douar from the campaign targets (a target may be the
    douar itself or its commune)."""
    targets = q.targets(store.db, campaign_id)
    codes = sorted(set(douars))
    communes = q.communes_of(store.db, codes)
    out: dict[str, str] = {}
    for code in codes:
        target = targets.get(code) or targets.get(communes.get(code) or "")
        out[code] = target[0] if target else UNTARGETED
    return out


def households_reached(
    store: LocalStore, start: date, end: date, facility_id: str | None = None
) -> dict[str, Any]:
    """Households given a kit or an item in the period (registered households once,
    plus the households of anonymous tallies), in total, by douar and by the risk
    level of the douar's campaign target. A household reached in two douars counts
    in each douar and once in the total."""
    s = _scope(store, start, end)
    reach = _reach(store, s, end.year)
    douars = set(reach.households) | set(reach.tally_households)
    by_douar = {
        d: len(reach.households.get(d, set())) + reach.tally_households.get(d, 0) for d in douars
    }
    registered = set().union(*reach.households.values()) if reach.households else set()
    total = len(registered) + sum(reach.tally_households.values())
    risk = _risk_of(store, s.campaign_id, douars)
    by_risk: Counter[str] = Counter()
    for douar, n in by_douar.items():
        by_risk[risk[douar]] += n
    return {
        "total": total,
        "by_douar": dict(sorted(by_douar.items())),
        "by_risk_level": dict(sorted(by_risk.items())),
    }


def persons_reached(
    store: LocalStore, start: date, end: date, facility_id: str | None = None
) -> dict[str, Any]:
    """Persons in households given something in the period, or given something
    themselves: registered persons once (a merged group once), the household
    members only counted (by sex/age band or declared size), and the persons of
    anonymous tallies. In total, by sex and age band (age at the end of the
    period's year), by douar and by risk level."""
    s = _scope(store, start, end)
    reach = _reach(store, s, end.year)
    douars = set(reach.persons) | set(reach.unregistered)
    registered = set().union(*reach.persons.values()) if reach.persons else set()
    by_band: Counter[str] = Counter(reach.person_band.get(p, "unknown_sex_age") for p in registered)
    for counts in reach.unregistered.values():
        by_band += counts
    by_douar = {
        d: len(reach.persons.get(d, set())) + sum(reach.unregistered.get(d, Counter()).values())
        for d in douars
    }
    risk = _risk_of(store, s.campaign_id, douars)
    by_risk: Counter[str] = Counter()
    for douar, n in by_douar.items():
        by_risk[risk[douar]] += n
    return {
        "total": len(registered) + sum(sum(c.values()) for c in reach.unregistered.values()),
        "by_sex_age": {band: by_band.get(band, 0) for band in COUNT_BANDS},
        "by_douar": dict(sorted(by_douar.items())),
        "by_risk_level": dict(sorted(by_risk.items())),
    }


def douars_reached_vs_targeted(
    store: LocalStore, start: date, end: date, facility_id: str | None = None
) -> dict[str, Any]:
    """Per risk level, the campaign's targeted places and how many of them were
    reached in the period (a household or a tally recorded there; a commune target
    is reached through any of its douars), plus the douars reached that no target
    names."""
    s = _scope(store, start, end)
    reach = _reach(store, s, end.year)
    reached = {
        d
        for d in set(reach.households) | set(reach.persons) | set(reach.unregistered)
        if d != UNKNOWN
    }
    reached |= {d for d, n in reach.tally_households.items() if n and d != UNKNOWN}
    communes = q.communes_of(store.db, sorted(reached))
    reached_places = reached | {c for c in communes.values() if c}
    targets = q.targets(store.db, s.campaign_id)
    out: dict[str, Any] = {level.value: {"targeted": 0, "reached": 0} for level in RiskLevel}
    for code, (level, _) in targets.items():
        row = out.setdefault(level, {"targeted": 0, "reached": 0})
        row["targeted"] += 1
        row["reached"] += 1 if code in reached_places else 0
    out["total"] = {
        "targeted": len(targets),
        "reached": sum(1 for code in targets if code in reached_places),
    }
    out[UNTARGETED] = sum(1 for d in reached if d not in targets and communes.get(d) not in targets)
    return out


# --- case work ----------------------------------------------------------------------------


def family_reintegrations(
    store: LocalStore, start: date, end: date, facility_id: str | None = None
) -> int:
    """Persons who went back to their family in the period: a return recorded in
    case work, or a shelter exit to the family; a person found in both (or merged)
    counts once."""
    s = _scope(store, start, end)
    ids = [] if facility_id else q.returns_to_family(store.db, s.campaign_id, s.start, s.end)
    ids += [
        person
        for person, _, _, destination in q.closed_stays(
            store.db, s.campaign_id, s.start, s.end, facility_id
        )
        if destination == ExitDestination.FAMILY_REINTEGRATION.value
    ]
    return len(_canonical(store, ids))


def orientations(store: LocalStore, start: date, end: date, facility_id: str | None = None) -> int:
    """Persons oriented to a care institution (EPS, old people's home) in the
    period: shelter exits with that destination, a person once."""
    s = _scope(store, start, end)
    ids = [
        person
        for person, _, _, destination in q.closed_stays(
            store.db, s.campaign_id, s.start, s.end, facility_id
        )
        if destination == ExitDestination.CARE_INSTITUTION.value
    ]
    return len(_canonical(store, ids))


def referrals_completed(
    store: LocalStore, start: date, end: date, facility_id: str | None = None
) -> int:
    """Referrals to partner services marked completed, with the partner's feedback
    dated in the period."""
    s = _scope(store, start, end)
    return q.completed_referrals(store.db, s.campaign_id, s.start, s.end)


def average_length_of_stay(
    store: LocalStore, start: date, end: date, facility_id: str | None = None
) -> float | None:
    """Mean nights between entry and exit of the stays that ended in the period
    (open stays are left out: their length is not known yet); None when no stay
    ended."""
    s = _scope(store, start, end)
    stays = q.closed_stays(store.db, s.campaign_id, s.start, s.end, facility_id)
    if not stays:
        return None
    nights = [
        nights_between(date.fromisoformat(entry), date.fromisoformat(exit_))
        for _, entry, exit_, _ in stays
    ]
    return round(sum(nights) / len(nights), 2)


def follow_ups_overdue(
    store: LocalStore, start: date, end: date, facility_id: str | None = None
) -> int:
    """Follow-ups and 30/90-day checks on open cases whose due date had passed on
    the last day of the period (the due list of that day, overdue items)."""
    _scope(store, start, end)
    return sum(1 for item in due_list(store, today=end) if item.overdue_days > 0)


INDICATORS: tuple[Indicator, ...] = (
    Indicator("persons_identified", N_("Persons identified"), persons_identified),
    Indicator("anonymous_contacts", N_("Anonymous contacts"), anonymous_contacts),
    Indicator("persons_sheltered", N_("Persons sheltered"), persons_sheltered),
    Indicator("admissions", N_("Admissions"), admissions),
    Indicator("bed_nights", N_("Bed nights"), bed_nights),
    Indicator("occupancy_rate", N_("Occupancy rate"), occupancy_rate),
    Indicator("shelter_refusals", N_("Shelter refusals"), shelter_refusals),
    Indicator("meals_served", N_("Meals served"), meals_served),
    Indicator("items_distributed", N_("Items distributed"), items_distributed),
    Indicator("households_reached", N_("Households reached"), households_reached),
    Indicator("persons_reached", N_("Persons reached"), persons_reached),
    Indicator(
        "douars_reached_vs_targeted",
        N_("Douars reached vs targeted"),
        douars_reached_vs_targeted,
    ),
    Indicator("family_reintegrations", N_("Family reintegrations"), family_reintegrations),
    Indicator("orientations", N_("Orientations to care institutions"), orientations),
    Indicator("referrals_completed", N_("Referrals completed"), referrals_completed),
    Indicator("average_length_of_stay", N_("Average length of stay"), average_length_of_stay),
    Indicator("follow_ups_overdue", N_("Follow-ups overdue"), follow_ups_overdue),
)
BY_CODE = {indicator.code: indicator for indicator in INDICATORS}


def compute(
    store: LocalStore, *, code: str, start: date, end: date, facility_id: str | None = None
) -> IndicatorValue:
    """One indicator by code."""
    indicator = BY_CODE.get(code)
    if indicator is None:
        raise InvalidInput(N_("Unknown indicator {code}."), code=code)
    return indicator.compute(store, start, end, facility_id)


def campaign_indicators(
    store: LocalStore, *, start: date, end: date, facility_id: str | None = None
) -> dict[str, IndicatorValue]:
    """Every indicator of the current campaign for a period, by code."""
    _scope(store, start, end)
    return {i.code: i.compute(store, start, end, facility_id) for i in INDICATORS}
