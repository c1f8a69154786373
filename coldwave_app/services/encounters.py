"""Street encounters of outreach rounds with a known person or an anonymous descriptor.

Items given in an encounter are `service_delivery` rows naming the encounter
(service_type 'outreach_item'), so a known person's meals and blankets from the
street count in his entitlements as distribution lines do; items given anonymously
are only counted.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from coldwave_app.domain.entitlement_rules import Grant, RuleKind, Violation, evaluate
from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.domain.ids import new_id
from coldwave_app.domain.outreach_rules import (
    AgeBand,
    ConditionFlag,
    EncounterOutcome,
    LivingSituation,
)
from coldwave_app.domain.roles import Permission
from coldwave_app.domain.vocabulary import Sex
from coldwave_app.services.access import requires
from coldwave_app.services.entitlements import check_entitlement
from coldwave_app.services.outreach_common import (
    _campaign,
    _check_override,
    _choice,
    _overrides,
    _place,
    _positive,
    _stamp,
)
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.storage.outreach_repo import OutreachRepo

ENCOUNTER_ITEM_SERVICE = "outreach_item"


# Outcomes that only make sense when shelter was offered.
_SHELTER_OUTCOMES = frozenset(
    {EncounterOutcome.ACCEPTED_SHELTER, EncounterOutcome.REFUSED_SHELTER, EncounterOutcome.NO_PLACE}
)


@dataclass(frozen=True)
class EncounterResult:
    encounter_id: str
    item_record_ids: list[str]
    override_ids: list[str] = field(default_factory=list)
    warnings: list[Violation] = field(default_factory=list)


@requires(Permission.RECORD_ENCOUNTER)
def record_encounter(
    store: LocalStore,
    *,
    occurred_at: datetime,
    living_situation: str,
    round_id: str | None = None,
    person_id: str | None = None,
    anon_sex: str | None = None,
    anon_age_band: str | None = None,
    geo_code: str | None = None,
    local_place_id: str | None = None,
    condition_flags: Iterable[str] = (),
    shelter_offered: bool = False,
    outcome: str | None = None,
    note: str | None = None,
    items: Mapping[str, float] | None = None,
    override_reason: str | None = None,
    supervisor: str | None = None,
) -> EncounterResult:
    """A street encounter with a known person or an anonymous descriptor.

    Items given to a known person are checked against the entitlement rules (the
    encounter is the sitting); items given anonymously are only counted."""
    _campaign(store)
    repo = OutreachRepo(store.db)
    if person_id is None:
        if anon_sex is None:
            raise InvalidInput(N_("Record a person or describe them (at least their sex)."))
    elif anon_sex is not None or anon_age_band is not None:
        raise InvalidInput(N_("A known person needs no anonymous description."))
    sex = _choice(Sex, anon_sex, "sex")
    band = _choice(AgeBand, anon_age_band, "age band")
    situation = _choice(LivingSituation, living_situation, "living situation")
    flags = sorted(
        {f.value for f in (_choice(ConditionFlag, c, "condition") for c in condition_flags) if f}
    )
    result = _choice(EncounterOutcome, outcome, "outcome")
    if result in _SHELTER_OUTCOMES and not shelter_offered:
        raise InvalidInput(N_("This outcome needs shelter to have been offered."))
    given = dict(items or {})
    with store.db.atomic():
        if round_id is not None and repo.round(round_id) is None:
            raise InvalidInput(N_("No outreach round {id}."), id=round_id)
        if person_id is not None and not repo.person_exists(person_id):
            raise InvalidInput(N_("No person {id}."), id=person_id)
        code = _place(store, repo, geo_code, local_place_id)
        for item_id, qty in given.items():
            if not repo.item_exists(item_id):
                raise InvalidInput(N_("Unknown item {id}."), id=item_id)
            _positive(qty)
        override = _check_override(repo, store, override_reason, supervisor)
        encounter_id = new_id()
        day = occurred_at.date().isoformat()
        violations: list[Violation] = []
        if person_id is not None and given:
            campaign_id = _campaign(store)
            where = repo.encounter_where(code, local_place_id)
            wave = repo.wave_on(campaign_id, day)
            for item_id, qty in sorted(given.items()):
                violations += check_entitlement(
                    store,
                    day=day,
                    sitting_id=encounter_id,
                    wave_id=wave,
                    person_id=person_id,
                    item_id=item_id,
                    qty=qty,
                    where=where,
                )
            # Items given together in this encounter also limit each other.
            violations += _within_encounter(store, given, day, encounter_id, wave)
        override_ids = _overrides(
            store, violations, override, person_id=person_id, household_id=None
        )
        writer = store.writer()
        writer.insert(
            "encounter",
            {
                "id": encounter_id,
                "round_id": round_id,
                "person_id": person_id,
                "anon_sex": sex.value if sex else None,
                "anon_age_band": band.value if band else None,
                "occurred_at": _stamp(occurred_at),
                "geo_code": code,
                "local_place_id": local_place_id,
                "living_situation": situation.value if situation else None,
                "condition_flags": json.dumps(flags),
                "shelter_offered": 1 if shelter_offered else 0,
                "outcome": result.value if result else None,
                "note": note,
            },
        )
        rows = writer.insert_many(
            "service_delivery",
            [
                {
                    "person_id": person_id,
                    "encounter_id": encounter_id,
                    "service_type": ENCOUNTER_ITEM_SERVICE,
                    "delivered_at": _stamp(occurred_at),
                    "quantity": qty,
                    "item_id": item_id,
                }
                for item_id, qty in sorted(given.items())
            ],
        )
    return EncounterResult(
        encounter_id, [str(r["id"]) for r in rows], override_ids, list(violations)
    )


def _within_encounter(
    store: LocalStore,
    given: Mapping[str, float],
    day: str,
    encounter_id: str,
    wave: str | None,
) -> list[Violation]:
    """Exclusions between the items of one encounter (a hot meal and a cold ration
    handed over together), which a check of each item against the past misses."""
    campaign_id = _campaign(store)
    repo = OutreachRepo(store.db)
    grants = [
        Grant(f"new:{i}", campaign_id, day, wave, encounter_id, item_id=i, qty=q)
        for i, q in given.items()
    ]
    found: list[Violation] = []
    for rule in repo.rules(campaign_id):
        if rule.kind is not RuleKind.EXCLUDES_IN_SITTING:
            continue
        for grant in grants:
            violation = evaluate(rule, grant, [g for g in grants if g is not grant])
            if violation is not None:
                found.append(violation)
                break
    return found
