"""Triage scores of persons and households from what is recorded, and the lists
they order: a douar's households for an outreach team, a caseworker's due list.

The score itself is domain.triage (explainable, 0-100). Here it is fed from the
records: household vulnerability flags and sex/age counts, members' ages, health
observation categories, the living situation of the latest street encounter
(unless a shelter stay covers that night), the campaign target of the douar
(altitude, risk level) and whether a cold alert is in force on the day. A person
merged with another record is scored from both records (dedup: a reviewed merge
means the same human being).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from coldwave_app.domain.case_rules import DueItem, due_order
from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.domain.triage import (
    FLAG_FACTORS,
    HEALTH_CHRONIC_ILLNESS,
    HEALTH_DISABILITY,
    HEALTH_PREGNANCY,
    ROUGH_SITUATIONS,
    TriageFactors,
    TriageScore,
    age_factors,
    age_on,
    triage_score,
)
from coldwave_app.services.cases import due_list
from coldwave_app.storage import indicator_queries, people_repo, triage_repo
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.storage.shelter_repo import ShelterRepo

# Most severe first: a person seen in two targeted douars takes the worse ranking.
_SEVERITY = {"red": 0, "orange": 1, "yellow": 2}


@dataclass(frozen=True)
class TriagedHousehold:
    household_id: str
    beneficiary_code: str
    head_name: str | None
    score: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class TriagedDueItem:
    item: DueItem
    score: int
    reasons: tuple[str, ...]


def _campaign(store: LocalStore) -> str:
    if store.campaign_id is None:
        raise InvalidInput(N_("Choose a campaign first."))
    return store.campaign_id


def _today() -> date:
    return datetime.now(UTC).date()


def _linked(store: LocalStore, person_ids: Iterable[str]) -> list[str]:
    """The persons and every record merged with them (live 'same' links)."""
    links = people_repo.live_links(store.db)
    group = set(person_ids)
    grew = True
    while grew:
        grew = False
        for link in links:
            pair = {link.person_a, link.person_b}
            if pair & group and not pair <= group:
                group |= pair
                grew = True
    return sorted(group)


class _Context:
    """What every score of one list shares: targets and the alert of the day."""

    def __init__(self, store: LocalStore, on: date) -> None:
        campaign_id = _campaign(store)
        self.store = store
        self.on = on
        self.targets = indicator_queries.targets(store.db, campaign_id)
        self.alert = ShelterRepo(store.db, campaign_id).active_cold_alert(on) is not None

    def exposure(self, douars: Iterable[str | None]) -> tuple[int | None, str | None]:
        """The most exposed (altitude, risk level) among the targets of these douars."""
        altitude: int | None = None
        risk: str | None = None
        for code in douars:
            if code is None or code not in self.targets:
                continue
            level, metres = self.targets[code]
            if metres is not None and (altitude is None or metres > altitude):
                altitude = metres
            if risk is None or _SEVERITY.get(level, 9) < _SEVERITY.get(risk, 9):
                risk = level
        return altitude, risk

    def persons(self, person_ids: list[str]) -> TriageFactors:
        """Factors of a set of person records taken together (a merged group, or the
        registered members of a household)."""
        day = self.on.isoformat()
        db = self.store.db
        old = young = False
        for pid in person_ids:
            facts = triage_repo.person(db, pid)
            if facts is None:
                continue
            dob = date.fromisoformat(facts.dob) if facts.dob else None
            o, y = age_factors(age_on(birth_year=facts.birth_year, dob=dob, on=self.on))
            old, young = old or o, young or y
        health: set[str] = set()
        for categories in triage_repo.health_categories(db, person_ids, day).values():
            health |= categories
        sheltered = triage_repo.open_stay_persons(db, person_ids, day)
        situations = triage_repo.latest_situations(db, person_ids, day)
        rough = any(
            situation in ROUGH_SITUATIONS and pid not in sheltered
            for pid, (situation, _) in situations.items()
        )
        douars = [g for _, g in situations.values()] + triage_repo.households_of_person(
            db, person_ids
        )
        altitude, risk = self.exposure(douars)
        return TriageFactors(
            old=old,
            young=young,
            disability=HEALTH_DISABILITY in health,
            chronic_illness=HEALTH_CHRONIC_ILLNESS in health,
            pregnancy=HEALTH_PREGNANCY in health,
            sleeping_rough=rough,
            altitude_m=altitude,
            risk_level=risk,
            cold_alert=self.alert,
        )

    def household(self, facts: triage_repo.HouseholdFacts, member_ids: list[str]) -> TriageFactors:
        merged = self.persons(_linked(self.store, member_ids)) if member_ids else TriageFactors()
        flagged = {FLAG_FACTORS[f] for f in facts.vulnerability_flags if f in FLAG_FACTORS}
        elders = facts.counts_by_sex_age.get("male_60_plus", 0) + facts.counts_by_sex_age.get(
            "female_60_plus", 0
        )
        altitude, risk = self.exposure([facts.geo_code])
        return replace(
            merged,
            old=merged.old or "old" in flagged or elders > 0,
            young=merged.young or "young" in flagged,
            disability=merged.disability or "disability" in flagged,
            chronic_illness=merged.chronic_illness or "chronic_illness" in flagged,
            pregnancy=merged.pregnancy or "pregnancy" in flagged,
            altitude_m=_higher(altitude, merged.altitude_m),
            risk_level=min(
                (r for r in (risk, merged.risk_level) if r is not None),
                key=lambda r: _SEVERITY.get(r, 9),
                default=None,
            ),
            cold_alert=self.alert,
        )


def _higher(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    return a if b is None else max(a, b)


def person_triage(store: LocalStore, *, person_id: str, on: date | None = None) -> TriageScore:
    """Score of a person (with every record merged with them) on a day."""
    if triage_repo.person(store.db, person_id) is None:
        raise InvalidInput(N_("No person {id}."), id=person_id)
    context = _Context(store, on or _today())
    return triage_score(context.persons(_linked(store, [person_id])))


def household_triage(
    store: LocalStore, *, household_id: str, on: date | None = None
) -> TriageScore:
    """Score of a household on a day: its flags and counts, and its members' factors."""
    facts = triage_repo.household(store.db, household_id)
    if facts is None:
        raise InvalidInput(N_("No household {id}."), id=household_id)
    context = _Context(store, on or _today())
    members = triage_repo.members(store.db, [household_id])[household_id]
    return triage_score(context.household(facts, [m.id for m in members]))


def ordered_outreach_list(
    store: LocalStore, *, douar_code: str, on: date | None = None
) -> list[TriagedHousehold]:
    """The campaign's households of a douar, most at risk first (then by code)."""
    campaign_id = _campaign(store)
    context = _Context(store, on or _today())
    households = triage_repo.households_of_douar(store.db, campaign_id, douar_code)
    members = triage_repo.members(store.db, [h.id for h in households])
    out = []
    for facts in households:
        result = triage_score(context.household(facts, [m.id for m in members[facts.id]]))
        out.append(
            TriagedHousehold(
                facts.id, facts.beneficiary_code, facts.head_name, result.score, result.reasons
            )
        )
    out.sort(key=lambda h: (-h.score, h.beneficiary_code, h.household_id))
    return out


def due_list_by_triage(
    store: LocalStore,
    *,
    today: date,
    caseworker_id: str | None = None,
    until: date | None = None,
) -> list[TriagedDueItem]:
    """The follow-up due list (cases.due_list) ordered overdue first, then by triage
    score, highest first; ties keep the usual order (priority, then due date)."""
    context = _Context(store, today)
    scored: list[TriagedDueItem] = []
    for item in due_list(store, today=today, caseworker_id=caseworker_id, until=until):
        if item.person_id is not None:
            result = triage_score(context.persons(_linked(store, [item.person_id])))
        elif item.household_id is not None:
            facts = triage_repo.household(store.db, item.household_id)
            ids = [
                m.id for m in triage_repo.members(store.db, [item.household_id])[item.household_id]
            ]
            result = triage_score(context.household(facts, ids)) if facts else TriageScore(0, ())
        else:
            result = TriageScore(0, ())
        scored.append(TriagedDueItem(item, result.score, result.reasons))
    scored.sort(key=lambda t: (t.item.overdue_days == 0, -t.score, due_order(t.item)))
    return scored
