"""Outreach rounds and their stock: warehouses, starting a round, loading its vehicle,
and the end-of-round reconciliation of loaded against given and returned.

A round's vehicle gets its own stock location; loads and returns are transfer
`stock_movement` rows naming the round (kits are recorded as their component items).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from coldwave_app.domain.errors import N_, InvalidInput, RuleViolation
from coldwave_app.domain.outreach_rules import MovementType, RoundKind, StockLocationKind
from coldwave_app.domain.roles import Permission
from coldwave_app.services.access import requires
from coldwave_app.services.outreach_common import _campaign, _choice, _positive, _stamp
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.storage.outreach_repo import OutreachRepo


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


@requires(Permission.RECORD_DISTRIBUTION)
def add_warehouse(store: LocalStore, *, name: str) -> str:
    """A warehouse that vehicles load from and return to."""
    _campaign(store)
    if not name.strip():
        raise InvalidInput(N_("A stock location needs a name."))
    row = store.writer().insert(
        "stock_location", {"kind": StockLocationKind.WAREHOUSE.value, "name": name.strip()}
    )
    return str(row["id"])


@requires(Permission.RECORD_DISTRIBUTION)
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


@requires(Permission.RECORD_DISTRIBUTION)
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


@requires(Permission.RECORD_DISTRIBUTION)
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
