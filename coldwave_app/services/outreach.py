"""Outreach rounds: rural distributions to douars and street rounds in towns.

A round loads stock into its vehicle, records distribution events (one per douar
or place visited), the lines given to registered households and persons,
anonymous tallies where registration is impossible, and street encounters; at
return it reconciles loaded against given and returned.

Where things are stored:
- a distribution line per recipient and kit or item (checked against the
  entitlement rules; an override is an `entitlement_override` event the line names);
- a tally with its `tally_item` rows for anonymous counts: they count in every total;
- items given in a street encounter are `service_delivery` rows naming the
  encounter (service_type 'outreach_item'), so a known person's meals and blankets
  from the street count in his entitlements as lines do.

Lines, tallies, encounters and movements are append-only events: a mistake is
voided with a reason (`void_distribution_line`), and every total leaves it out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, TypeVar

from coldwave_app.domain.entitlement_rules import Grant, RuleKind, Violation, evaluate
from coldwave_app.domain.errors import N_, InvalidInput, RuleViolation
from coldwave_app.domain.ids import new_id
from coldwave_app.domain.outreach_rules import (
    OVERRIDE_ROLES,
    TALLY_COLUMNS,
    AccessMode,
    AgeBand,
    Authority,
    ConditionFlag,
    EncounterOutcome,
    LivingSituation,
    MovementType,
    Proof,
    RoundKind,
    StockLocationKind,
)
from coldwave_app.domain.vocabulary import RiskLevel, Sex
from coldwave_app.services.entitlements import check_entitlement
from coldwave_app.storage.geography import GeoRepository
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.storage.outreach_repo import OutreachRepo
from coldwave_app.storage.record_writer import utc_now

E = TypeVar("E", bound=StrEnum)

ENCOUNTER_ITEM_SERVICE = "outreach_item"
# Outcomes that only make sense when shelter was offered.
_SHELTER_OUTCOMES = frozenset(
    {EncounterOutcome.ACCEPTED_SHELTER, EncounterOutcome.REFUSED_SHELTER, EncounterOutcome.NO_PLACE}
)


@dataclass(frozen=True)
class GrantResult:
    """A recorded line (or encounter) and the violations a supervisor overrode."""

    record_id: str
    override_ids: list[str] = field(default_factory=list)
    warnings: list[Violation] = field(default_factory=list)


@dataclass(frozen=True)
class EncounterResult:
    encounter_id: str
    item_record_ids: list[str]
    override_ids: list[str] = field(default_factory=list)
    warnings: list[Violation] = field(default_factory=list)


@dataclass(frozen=True)
class ReconciliationRow:
    item_code: str
    loaded: float
    given: float
    returned: float

    @property
    def difference(self) -> float:
        """Unaccounted for: positive is missing from the vehicle, negative is given
        or returned beyond what was loaded (stock loaded without a record)."""
        return round(self.loaded - self.given - self.returned, 6)


@dataclass(frozen=True)
class Reconciliation:
    round_id: str
    rows: list[ReconciliationRow]

    @property
    def discrepancies(self) -> list[ReconciliationRow]:
        return [r for r in self.rows if r.difference != 0]

    def row(self, item_code: str) -> ReconciliationRow | None:
        return next((r for r in self.rows if r.item_code == item_code), None)


def _campaign(store: LocalStore) -> str:
    campaign_id = store.campaign_id
    if campaign_id is None:
        raise InvalidInput(N_("Choose a campaign first."))
    return campaign_id


def _choice(enum: type[E], value: str | None, name: str) -> E | None:
    if value is None:
        return None
    try:
        return enum(value)
    except ValueError:
        raise InvalidInput(N_("{value} is not a valid {field}."), value=value, field=name) from None


def _positive(qty: float) -> None:
    if qty <= 0:
        raise InvalidInput(N_("A quantity must be above zero."))


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def add_wave(store: LocalStore, *, name: str, starts_on: date, ends_on: date | None = None) -> str:
    """A distribution wave of the current campaign (a rule may limit kits per wave)."""
    _campaign(store)
    if not name.strip():
        raise InvalidInput(N_("A wave needs a name."))
    if ends_on is not None and ends_on < starts_on:
        raise InvalidInput(N_("A wave cannot end before it starts."))
    row = store.writer().insert(
        "distribution_wave",
        {
            "name": name.strip(),
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat() if ends_on else None,
        },
    )
    return str(row["id"])


def add_warehouse(store: LocalStore, *, name: str) -> str:
    """A warehouse that vehicles load from and return to."""
    _campaign(store)
    if not name.strip():
        raise InvalidInput(N_("A stock location needs a name."))
    row = store.writer().insert(
        "stock_location", {"kind": StockLocationKind.WAREHOUSE.value, "name": name.strip()}
    )
    return str(row["id"])


def start_round(
    store: LocalStore,
    *,
    kind: str,
    started_at: datetime,
    team_name: str,
    vehicle: str | None = None,
    members: Sequence[str] = (),
    zone: str | None = None,
    itinerary: str | None = None,
    min_temp_c: float | None = None,
) -> str:
    """Start a round; its vehicle gets its own stock location for reconciliation."""
    _campaign(store)
    round_kind = _choice(RoundKind, kind, "round kind")
    if not team_name.strip():
        raise InvalidInput(N_("A round needs a team name."))
    if zone is None and itinerary is None:
        raise InvalidInput(N_("A round needs a zone or an itinerary."))
    writer = store.writer()
    with store.db.atomic():
        location = writer.insert(
            "stock_location",
            {
                "kind": StockLocationKind.VEHICLE.value,
                "name": f"{team_name.strip()} {vehicle or ''}".strip(),
                "vehicle_plate": vehicle,
            },
        )
        row = writer.insert(
            "outreach_round",
            {
                "kind": round_kind.value if round_kind else None,
                "team_name": team_name.strip(),
                "vehicle": vehicle,
                "members": json.dumps(
                    [m.strip() for m in members if m.strip()], ensure_ascii=False
                ),
                "zone": zone,
                "itinerary": itinerary,
                "started_at": _stamp(started_at),
                "min_temp_c": min_temp_c,
                "stock_location_id": location["id"],
            },
        )
    return str(row["id"])


def _open_round(repo: OutreachRepo, round_id: str) -> tuple[str, str]:
    info = repo.round(round_id)
    if info is None or info.stock_location_id is None:
        raise InvalidInput(N_("No outreach round {id}."), id=round_id)
    if info.ended_at is not None:
        raise RuleViolation(N_("This round has already ended."))
    return info.id, info.stock_location_id


def _expand(
    repo: OutreachRepo, items: Mapping[str, float], kits: Mapping[str, float]
) -> dict[str, float]:
    """Item quantities with kits broken into their components (stock counts items)."""
    totals: dict[str, float] = {}
    for item_id, qty in items.items():
        if not repo.item_exists(item_id):
            raise InvalidInput(N_("Unknown item {id}."), id=item_id)
        _positive(qty)
        totals[item_id] = totals.get(item_id, 0.0) + qty
    components = repo.kit_components()
    for kit_id, qty in kits.items():
        if kit_id not in components:
            raise InvalidInput(N_("Unknown kit type {id}."), id=kit_id)
        _positive(qty)
        for item_id, per_kit in components[kit_id].items():
            totals[item_id] = totals.get(item_id, 0.0) + qty * per_kit
    return totals


def _move(
    store: LocalStore,
    *,
    round_id: str,
    quantities: Mapping[str, float],
    from_location_id: str | None,
    to_location_id: str | None,
    at: datetime,
) -> list[str]:
    rows = store.writer().insert_many(
        "stock_movement",
        [
            {
                "item_id": item_id,
                "qty": qty,
                "movement_type": MovementType.TRANSFER.value,
                "from_location_id": from_location_id,
                "to_location_id": to_location_id,
                "occurred_at": _stamp(at),
                "round_id": round_id,
            }
            for item_id, qty in sorted(quantities.items())
        ],
    )
    return [str(r["id"]) for r in rows]


def load_stock(
    store: LocalStore,
    *,
    round_id: str,
    at: datetime,
    items: Mapping[str, float] | None = None,
    kits: Mapping[str, float] | None = None,
    from_location_id: str | None = None,
) -> list[str]:
    """Load items (by item id) and kits (by kit type id) into the round's vehicle.

    `from_location_id` is the warehouse; None when the stock comes straight from a
    donor truck. Kits are recorded as their component items."""
    repo = OutreachRepo(store.db)
    with store.db.atomic():
        rid, vehicle = _open_round(repo, round_id)
        if from_location_id is not None and not repo.stock_location_exists(from_location_id):
            raise InvalidInput(N_("Unknown stock location {id}."), id=from_location_id)
        quantities = _expand(repo, items or {}, kits or {})
        if not quantities:
            raise InvalidInput(N_("Nothing to load."))
        return _move(
            store,
            round_id=rid,
            quantities=quantities,
            from_location_id=from_location_id,
            to_location_id=vehicle,
            at=at,
        )


def _place(
    store: LocalStore, repo: OutreachRepo, geo_code: str | None, local_place_id: str | None
) -> str | None:
    """Check a douar code or a field-added place; returns the douar code to store."""
    if local_place_id is not None:
        local = repo.local_place(local_place_id)
        if local is None:
            raise InvalidInput(N_("Unknown local place {id}."), id=local_place_id)
        if geo_code is None:
            return local.parent_geo_code
    if geo_code is None:
        return None
    place = GeoRepository(store.db).get(geo_code)
    if place is None or place.level != "douar":
        raise InvalidInput(N_("Unknown douar code {code}."), code=geo_code)
    return geo_code


def record_distribution_event(
    store: LocalStore,
    *,
    occurred_on: date,
    access_mode: str,
    round_id: str | None = None,
    geo_code: str | None = None,
    local_place_id: str | None = None,
    authority_present: str | None = None,
    distribution_point: str | None = None,
    risk_level: str | None = None,
    wave_id: str | None = None,
    note: str | None = None,
) -> str:
    """A distribution at a douar (by code) or at a field-added place.

    Without `wave_id` the event belongs to the campaign wave covering its date."""
    campaign_id = _campaign(store)
    repo = OutreachRepo(store.db)
    if geo_code is None and local_place_id is None:
        raise InvalidInput(N_("A distribution needs a douar or a local place."))
    code = _place(store, repo, geo_code, local_place_id)
    mode = _choice(AccessMode, access_mode, "access mode")
    authority = _choice(Authority, authority_present, "authority")
    risk = _choice(RiskLevel, risk_level, "risk level")
    if round_id is not None and repo.round(round_id) is None:
        raise InvalidInput(N_("No outreach round {id}."), id=round_id)
    if wave_id is not None and not repo.wave_exists(wave_id):
        raise InvalidInput(N_("Unknown wave {id}."), id=wave_id)
    day = occurred_on.isoformat()
    row = store.writer().insert(
        "distribution_event",
        {
            "round_id": round_id,
            "geo_code": code,
            "local_place_id": local_place_id,
            "occurred_on": day,
            "distribution_point": distribution_point,
            "authority_present": authority.value if authority else None,
            "access_mode": mode.value if mode else None,
            "risk_level": risk.value if risk else None,
            "wave_id": wave_id or repo.wave_on(campaign_id, day),
            "note": note,
        },
    )
    return str(row["id"])


def _refuse(violation: Violation) -> RuleViolation:
    if not violation.earlier_record_id:
        return RuleViolation(
            N_("Entitlement rule {rule}: this quantity is above the limit of {max}."),
            rule=violation.rule_code,
            max=violation.max_qty,
        )
    return RuleViolation(
        N_("Entitlement rule {rule}: already given on {when} at {where} by {who}."),
        rule=violation.rule_code,
        when=violation.when,
        where=violation.where,
        who=violation.who,
        earlier_id=violation.earlier_record_id,
    )


def _check_override(
    repo: OutreachRepo, store: LocalStore, reason: str | None, supervisor: str | None
) -> tuple[str, str] | None:
    """The reason and approving user of an override, or None when none was asked."""
    if reason is None:
        return None
    if not reason.strip():
        raise InvalidInput(N_("An override needs a reason."))
    approver = supervisor or store.user.id
    if repo.user_role(approver) not in OVERRIDE_ROLES:
        raise RuleViolation(N_("Only an administrator or a campaign lead can override a rule."))
    return reason.strip(), approver


def _overrides(
    store: LocalStore,
    violations: Sequence[Violation],
    override: tuple[str, str] | None,
    *,
    person_id: str | None,
    household_id: str | None,
) -> list[str]:
    """Refuse on the first violation, or record one override per violated rule."""
    if not violations:
        return []
    if override is None:
        raise _refuse(violations[0])
    reason, approver = override
    rows = store.writer().insert_many(
        "entitlement_override",
        [
            {
                "rule_id": v.rule_id,
                "person_id": person_id,
                "household_id": household_id,
                "earlier_record_id": v.earlier_record_id or None,
                "reason": reason,
                "approved_by": approver,
                "occurred_at": utc_now().isoformat(timespec="seconds"),
            }
            for v in violations
        ],
    )
    return [str(r["id"]) for r in rows]


def record_distribution(
    store: LocalStore,
    *,
    event_id: str,
    household_id: str | None = None,
    person_id: str | None = None,
    kit_type_id: str | None = None,
    item_id: str | None = None,
    qty: float = 1.0,
    received_by: str | None = None,
    proof: str = Proof.NONE,
    cin_seen: bool = False,
    override_reason: str | None = None,
    supervisor: str | None = None,
) -> GrantResult:
    """Give a kit or an item to a household or a person at a distribution event.

    The entitlement rules are checked first; a violation refuses the line unless an
    administrator or campaign lead (`supervisor`, default the logged-in user)
    overrides it with a reason. The check and the writes share one transaction.
    """
    _campaign(store)
    repo = OutreachRepo(store.db)
    if (household_id is None) == (person_id is None):
        raise InvalidInput(N_("Give to one person or one household."))
    if (kit_type_id is None) == (item_id is None):
        raise InvalidInput(N_("Give one kit type or one item per line."))
    _positive(qty)
    proof_value = _choice(Proof, proof, "proof")
    with store.db.atomic():
        event = repo.event(event_id)
        if event is None:
            raise InvalidInput(N_("No distribution event {id}."), id=event_id)
        if person_id is not None and not repo.person_exists(person_id):
            raise InvalidInput(N_("No person {id}."), id=person_id)
        if household_id is not None and not repo.household_exists(household_id):
            raise InvalidInput(N_("No household {id}."), id=household_id)
        if item_id is not None and not repo.item_exists(item_id):
            raise InvalidInput(N_("Unknown item {id}."), id=item_id)
        if kit_type_id is not None and not repo.kit_exists(kit_type_id):
            raise InvalidInput(N_("Unknown kit type {id}."), id=kit_type_id)
        override = _check_override(repo, store, override_reason, supervisor)
        violations = check_entitlement(
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
        override_ids = _overrides(
            store, violations, override, person_id=person_id, household_id=household_id
        )
        row = store.writer().insert(
            "distribution_line",
            {
                "event_id": event.id,
                "household_id": household_id,
                "person_id": person_id,
                "kit_type_id": kit_type_id,
                "item_id": item_id,
                "qty": qty,
                "received_by": received_by,
                "proof": proof_value.value if proof_value else None,
                "cin_seen": 1 if cin_seen else 0,
                "override_id": override_ids[0] if override_ids else None,
            },
        )
    return GrantResult(str(row["id"]), override_ids, list(violations))


def void_distribution_line(store: LocalStore, *, line_id: str, reason: str) -> str:
    """Void a line given by mistake; its entitlement is free again. Returns the void row id."""
    repo = OutreachRepo(store.db)
    with store.db.atomic():
        if repo.line(line_id) is None:
            raise InvalidInput(N_("No distribution line {id} to void."), id=line_id)
        row = store.writer().correct("distribution_line", line_id, kind="void", reason=reason)
    return str(row["id"])


def record_tally(
    store: LocalStore,
    *,
    occurred_at: datetime,
    event_id: str | None = None,
    round_id: str | None = None,
    geo_code: str | None = None,
    households: int = 0,
    persons: Mapping[str, int] | None = None,
    items: Mapping[str, float] | None = None,
    kits: Mapping[str, float] | None = None,
) -> str:
    """Anonymous counts where registration is impossible: households and persons by
    sex and age band (`persons` keyed by TALLY_COLUMNS), items and kits given."""
    _campaign(store)
    repo = OutreachRepo(store.db)
    if event_id is None and round_id is None:
        raise InvalidInput(N_("A tally belongs to a distribution event or a round."))
    counts = dict(persons or {})
    unknown = sorted(set(counts) - set(TALLY_COLUMNS))
    if unknown:
        raise InvalidInput(N_("{value} is not a valid {field}."), value=unknown[0], field="band")
    if households < 0 or any(n < 0 for n in counts.values()):
        raise InvalidInput(N_("A count cannot be negative."))
    with store.db.atomic():
        if event_id is not None:
            event = repo.event(event_id)
            if event is None:
                raise InvalidInput(N_("No distribution event {id}."), id=event_id)
            geo_code = geo_code or event.geo_code
            round_id = round_id or event.round_id
        elif round_id is not None and repo.round(round_id) is None:
            raise InvalidInput(N_("No outreach round {id}."), id=round_id)
        if geo_code is not None:
            _place(store, repo, geo_code, None)
        for item_id, qty in (items or {}).items():
            if not repo.item_exists(item_id):
                raise InvalidInput(N_("Unknown item {id}."), id=item_id)
            _positive(qty)
        for kit_id, qty in (kits or {}).items():
            if not repo.kit_exists(kit_id):
                raise InvalidInput(N_("Unknown kit type {id}."), id=kit_id)
            _positive(qty)
        writer = store.writer()
        tally = writer.insert(
            "tally",
            {
                "event_id": event_id,
                "round_id": round_id,
                "occurred_at": _stamp(occurred_at),
                "geo_code": geo_code,
                "households": households,
                **{column: counts.get(column, 0) for column in TALLY_COLUMNS},
            },
        )
        lines: list[dict[str, Any]] = [
            {"tally_id": tally["id"], "item_id": i, "kit_type_id": None, "qty": q}
            for i, q in (items or {}).items()
        ] + [
            {"tally_id": tally["id"], "item_id": None, "kit_type_id": k, "qty": q}
            for k, q in (kits or {}).items()
        ]
        writer.insert_many("tally_item", lines)
    return str(tally["id"])


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


def end_round(
    store: LocalStore,
    *,
    round_id: str,
    ended_at: datetime,
    returned: Mapping[str, float] | None = None,
    to_location_id: str | None = None,
) -> Reconciliation:
    """Close a round: record what came back (item id -> quantity) and reconcile."""
    repo = OutreachRepo(store.db)
    with store.db.atomic():
        rid, vehicle = _open_round(repo, round_id)
        if to_location_id is not None and not repo.stock_location_exists(to_location_id):
            raise InvalidInput(N_("Unknown stock location {id}."), id=to_location_id)
        back = _expand(repo, {k: v for k, v in (returned or {}).items() if v}, {})
        if back:
            _move(
                store,
                round_id=rid,
                quantities=back,
                from_location_id=vehicle,
                to_location_id=to_location_id,
                at=ended_at,
            )
        store.writer().update("outreach_round", rid, {"ended_at": _stamp(ended_at)})
    return round_reconciliation(store, round_id=rid)


def round_reconciliation(store: LocalStore, *, round_id: str) -> Reconciliation:
    """Loaded vs given vs returned per item code for a round, open or ended."""
    repo = OutreachRepo(store.db)
    info = repo.round(round_id)
    if info is None or info.stock_location_id is None:
        raise InvalidInput(N_("No outreach round {id}."), id=round_id)
    flows = repo.round_flows(round_id, info.stock_location_id)
    return Reconciliation(
        round_id,
        [ReconciliationRow(f.code, f.loaded, f.given, f.returned) for f in flows],
    )
