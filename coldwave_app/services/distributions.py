"""Distributions: waves, distribution events at douars or field-added places, the
lines given to registered households and persons, voiding, and anonymous tallies.

- a distribution line per recipient and kit or item (checked against the
  entitlement rules; an override is an `entitlement_override` event the line names);
- a tally with its `tally_item` rows for anonymous counts: they count in every total.

Lines and tallies are append-only events: a mistake is voided with a reason
(`void_distribution_line`), and every total leaves it out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from coldwave_app.domain.entitlement_rules import Violation
from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.domain.outreach_rules import TALLY_COLUMNS, AccessMode, Authority, Proof
from coldwave_app.domain.roles import Permission
from coldwave_app.domain.vocabulary import RiskLevel
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


@dataclass(frozen=True)
class GrantResult:
    """A recorded line (or encounter) and the violations a supervisor overrode."""

    record_id: str
    override_ids: list[str] = field(default_factory=list)
    warnings: list[Violation] = field(default_factory=list)


@requires(Permission.RECORD_DISTRIBUTION)
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


@requires(Permission.RECORD_DISTRIBUTION)
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


@requires(Permission.RECORD_DISTRIBUTION)
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


@requires(Permission.RECORD_DISTRIBUTION)
def void_distribution_line(store: LocalStore, *, line_id: str, reason: str) -> str:
    """Void a line given by mistake; its entitlement is free again. Returns the void row id."""
    repo = OutreachRepo(store.db)
    with store.db.atomic():
        if repo.line(line_id) is None:
            raise InvalidInput(N_("No distribution line {id} to void."), id=line_id)
        row = store.writer().correct("distribution_line", line_id, kind="void", reason=reason)
    return str(row["id"])


@requires(Permission.RECORD_DISTRIBUTION)
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
