"""Read queries of the outreach track: rounds, distribution events, entitlement
history of a recipient, and the loaded / given / returned figures of a round.

Writes go through `RecordWriter`; this module only reads. An event row is live
unless it is a void row or a later row corrects it (an amend row is the live
version of its original), the same convention as `digest.items_distributed`.

The entitlement history of a recipient is read through the person / household
indexes of `distribution_line` and `service_delivery`, so a check costs a few
index look-ups however long the season: `grants_plan` shows the plan for tests.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from coldwave_app.domain.entitlement_rules import Grant, Per, Period, Rule, RuleKind


def live(alias: str, table: str) -> str:
    """SQL condition: the event row `alias` of `table` counts (not voided or superseded)."""
    return (
        f"COALESCE({alias}.correction_kind, '') <> 'void' "
        f"AND NOT EXISTS (SELECT 1 FROM {table} c_{alias} WHERE c_{alias}.corrects_id = {alias}.id)"
    )


# The place of a record, for messages: the local place name, else the douar name,
# with its code so that two douars of the same name are told apart.
_WHERE_COLUMNS = "e_geo.code, e_geo.name_fr, e_geo.name_ar, lp.name_latn, lp.name_ar"

_LINE_GRANTS = f"""
SELECT l.id, l.campaign_id, e.occurred_on, e.wave_id, l.event_id, l.item_id, l.kit_type_id,
       l.qty, {_WHERE_COLUMNS}, u.display_name
FROM distribution_line l
JOIN distribution_event e ON e.id = l.event_id
LEFT JOIN geo_unit e_geo ON e_geo.code = e.geo_code
LEFT JOIN local_place lp ON lp.id = e.local_place_id
LEFT JOIN app_user u ON u.id = l.created_by
WHERE l.{{column}} = ? AND {live("l", "distribution_line")}
"""

# Items given in a street encounter are service_delivery rows naming the encounter;
# their wave is the campaign wave covering the day.
_ENCOUNTER_GRANTS = f"""
SELECT s.id, s.campaign_id, substr(s.delivered_at, 1, 10),
       (SELECT w.id FROM distribution_wave w
        WHERE w.campaign_id = s.campaign_id AND w.deleted = 0
          AND w.starts_on <= substr(s.delivered_at, 1, 10)
          AND (w.ends_on IS NULL OR w.ends_on >= substr(s.delivered_at, 1, 10))
        ORDER BY w.starts_on DESC LIMIT 1),
       s.encounter_id, s.item_id, NULL, s.quantity, {_WHERE_COLUMNS}, u.display_name
FROM service_delivery s
JOIN encounter en ON en.id = s.encounter_id
LEFT JOIN geo_unit e_geo ON e_geo.code = en.geo_code
LEFT JOIN local_place lp ON lp.id = en.local_place_id
LEFT JOIN app_user u ON u.id = s.created_by
WHERE s.person_id = ? AND s.item_id IS NOT NULL AND {live("s", "service_delivery")}
"""


def place_label(
    code: str | None,
    name_fr: str | None,
    name_ar: str | None,
    local_latn: str | None,
    local_ar: str | None,
) -> str:
    name = local_latn or local_ar or name_fr or name_ar or ""
    if code and name:
        return f"{name} ({code})"
    return name or code or ""


@dataclass(frozen=True)
class RoundInfo:
    id: str
    kind: str
    stock_location_id: str | None
    ended_at: str | None


@dataclass(frozen=True)
class EventInfo:
    id: str
    round_id: str | None
    occurred_on: str
    wave_id: str | None
    geo_code: str | None
    where: str


@dataclass(frozen=True)
class LocalPlaceInfo:
    id: str
    parent_geo_code: str


@dataclass(frozen=True)
class ItemFlow:
    """Quantities of one item in a round, by item code."""

    code: str
    loaded: float
    given: float
    returned: float


class OutreachRepo:
    def __init__(self, db: Database) -> None:
        self.db = db

    # --- reference data -------------------------------------------------------

    def round(self, round_id: str) -> RoundInfo | None:
        row = self.db.execute(
            "SELECT id, kind, stock_location_id, ended_at FROM outreach_round "
            "WHERE id = ? AND deleted = 0",
            [round_id],
        ).fetchone()
        return RoundInfo(*row) if row else None

    def event(self, event_id: str) -> EventInfo | None:
        row = self.db.execute(
            f"SELECT e.id, e.round_id, e.occurred_on, e.wave_id, e.geo_code, {_WHERE_COLUMNS} "
            "FROM distribution_event e "
            "LEFT JOIN geo_unit e_geo ON e_geo.code = e.geo_code "
            "LEFT JOIN local_place lp ON lp.id = e.local_place_id "
            f"WHERE e.id = ? AND {live('e', 'distribution_event')}",
            [event_id],
        ).fetchone()
        if row is None:
            return None
        return EventInfo(row[0], row[1], row[2], row[3], row[4], place_label(*row[5:]))

    def encounter_where(self, geo_code: str | None, local_place_id: str | None) -> str:
        row = self.db.execute(
            "SELECT g.code, g.name_fr, g.name_ar, lp.name_latn, lp.name_ar "
            "FROM (SELECT ? AS code, ? AS lp_id) k "
            "LEFT JOIN geo_unit g ON g.code = k.code "
            "LEFT JOIN local_place lp ON lp.id = k.lp_id",
            [geo_code, local_place_id],
        ).fetchone()
        return place_label(*row) if row else ""

    def local_place(self, place_id: str) -> LocalPlaceInfo | None:
        row = self.db.execute(
            "SELECT id, parent_geo_code FROM local_place WHERE id = ? AND deleted = 0",
            [place_id],
        ).fetchone()
        return LocalPlaceInfo(*row) if row else None

    def wave_on(self, campaign_id: str, day: str) -> str | None:
        """The campaign's wave covering `day` (the latest started, if they overlap)."""
        row = self.db.execute(
            "SELECT id FROM distribution_wave WHERE campaign_id = ? AND deleted = 0 "
            "AND starts_on <= ? AND (ends_on IS NULL OR ends_on >= ?) "
            "ORDER BY starts_on DESC LIMIT 1",
            [campaign_id, day, day],
        ).fetchone()
        return None if row is None else str(row[0])

    def wave_exists(self, wave_id: str) -> bool:
        return self._exists("distribution_wave", wave_id)

    def _exists(self, table: str, row_id: str) -> bool:
        row = self.db.execute(
            f"SELECT 1 FROM {table} WHERE id = ? AND deleted = 0", [row_id]
        ).fetchone()
        return row is not None

    def person_exists(self, person_id: str) -> bool:
        return self._exists("person", person_id)

    def household_exists(self, household_id: str) -> bool:
        return self._exists("household", household_id)

    def item_exists(self, item_id: str) -> bool:
        return self._exists("item", item_id)

    def kit_exists(self, kit_type_id: str) -> bool:
        return self._exists("kit_type", kit_type_id)

    def stock_location_exists(self, location_id: str) -> bool:
        return self._exists("stock_location", location_id)

    def user_role(self, user_id: str) -> str | None:
        row = self.db.execute(
            "SELECT role FROM app_user WHERE id = ? AND deleted = 0 AND active = 1", [user_id]
        ).fetchone()
        return None if row is None else str(row[0])

    def kit_components(self) -> dict[str, dict[str, float]]:
        """kit type id -> item id -> quantity per kit."""
        components: dict[str, dict[str, float]] = defaultdict(dict)
        for kit_id, item_id, qty in self.db.execute(
            "SELECT kit_type_id, item_id, qty FROM kit_component WHERE deleted = 0"
        ):
            components[kit_id][item_id] = float(qty)
        return dict(components)

    def item_category(self, item_id: str) -> str | None:
        row = self.db.execute("SELECT category FROM item WHERE id = ?", [item_id]).fetchone()
        return None if row is None else str(row[0])

    def items_of_category(self, category: str) -> frozenset[str]:
        return frozenset(
            r[0]
            for r in self.db.execute(
                "SELECT id FROM item WHERE category = ? AND deleted = 0", [category]
            )
        )

    def line(self, line_id: str) -> dict[str, Any] | None:
        cursor = self.db.execute(
            "SELECT * FROM distribution_line l "
            f"WHERE l.id = ? AND {live('l', 'distribution_line')}",
            [line_id],
        )
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cursor.description], row, strict=True))

    # --- entitlements -----------------------------------------------------------

    def active_rules(self, campaign_id: str) -> list[dict[str, Any]]:
        cursor = self.db.execute(
            "SELECT id, code, kind, item_id, kit_type_id, per, period, max_qty, "
            "excludes_item_id FROM entitlement_rule "
            "WHERE campaign_id = ? AND deleted = 0 AND active = 1 ORDER BY code",
            [campaign_id],
        )
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor]

    def rules(self, campaign_id: str) -> list[Rule]:
        """Active rules of a campaign, ready to evaluate.

        A rule on a meal item counts every meal item: "three meals a day" means
        hot meals and cold rations together, and the schema names one item.
        """
        meals = self.items_of_category("meal")
        rules: list[Rule] = []
        for r in self.active_rules(campaign_id):
            items: frozenset[str] = frozenset()
            if r["item_id"]:
                items = (
                    meals
                    if r["item_id"] in meals and r["kind"] == "max_per_period"
                    else (frozenset({r["item_id"]}))
                )
            excludes = frozenset({r["excludes_item_id"]}) if r["excludes_item_id"] else frozenset()
            rules.append(
                Rule(
                    id=r["id"],
                    code=r["code"],
                    kind=RuleKind(r["kind"]),
                    per=Per(r["per"]),
                    period=Period(r["period"]),
                    item_ids=items,
                    kit_type_id=r["kit_type_id"],
                    max_qty=r["max_qty"],
                    excludes_item_ids=excludes,
                )
            )
        return rules

    def grants(
        self, *, person_id: str | None = None, household_id: str | None = None
    ) -> list[Grant]:
        """Live grants to one person (lines and encounter items) or one household."""
        components = self.kit_components()
        if person_id is not None:
            rows = list(self.db.execute(_LINE_GRANTS.format(column="person_id"), [person_id]))
            rows += list(self.db.execute(_ENCOUNTER_GRANTS, [person_id]))
        elif household_id is not None:
            rows = list(self.db.execute(_LINE_GRANTS.format(column="household_id"), [household_id]))
        else:
            raise ValueError("a person or a household")
        return [
            Grant(
                record_id=r[0],
                campaign_id=r[1],
                day=str(r[2])[:10],
                wave_id=r[3],
                sitting_id=r[4],
                item_id=r[5],
                kit_type_id=r[6],
                qty=float(r[7]),
                components=components.get(r[6], {}) if r[6] else {},
                where=place_label(*r[8:13]),
                who=r[13] or "",
            )
            for r in rows
        ]

    def grants_plan(self, *, person_id: str | None = None, household_id: str | None = None) -> str:
        """EXPLAIN QUERY PLAN of the history queries, one step a line (for tests)."""
        if person_id is not None:
            queries = [
                (_LINE_GRANTS.format(column="person_id"), person_id),
                (_ENCOUNTER_GRANTS, person_id),
            ]
        else:
            queries = [(_LINE_GRANTS.format(column="household_id"), household_id or "")]
        lines: list[str] = []
        for sql, param in queries:
            lines += [str(r[-1]) for r in self.db.execute(f"EXPLAIN QUERY PLAN {sql}", [param])]
        return "\n".join(lines)

    # --- reconciliation ---------------------------------------------------------

    def round_flows(self, round_id: str, vehicle_id: str) -> list[ItemFlow]:
        """Loaded into the vehicle, given (lines, tallies, encounter items, kits
        expanded), and returned from it, per item, for one round."""
        loaded = self._moved(round_id, "to_location_id", vehicle_id)
        returned = self._moved(round_id, "from_location_id", vehicle_id)
        given = self._given(round_id)
        codes = dict(self.db.execute("SELECT id, code FROM item"))
        flows = [
            ItemFlow(
                code=str(codes.get(item_id, item_id)),
                loaded=loaded.get(item_id, 0.0),
                given=given.get(item_id, 0.0),
                returned=returned.get(item_id, 0.0),
            )
            for item_id in set(loaded) | set(given) | set(returned)
        ]
        return sorted(flows, key=lambda f: f.code)

    def _moved(self, round_id: str, column: str, vehicle_id: str) -> dict[str, float]:
        sql = (
            "SELECT m.item_id, sum(m.qty) FROM stock_movement m "
            f"WHERE m.round_id = ? AND m.{column} = ? AND m.movement_type = 'transfer' "
            f"AND {live('m', 'stock_movement')} GROUP BY m.item_id"
        )
        return {i: float(q) for i, q in self.db.execute(sql, [round_id, vehicle_id])}

    def _given(self, round_id: str) -> dict[str, float]:
        sql = f"""
        WITH round_events AS (
          SELECT e.id FROM distribution_event e
          WHERE e.round_id = :round AND {live("e", "distribution_event")}
        ),
        given AS (
          SELECT l.item_id, l.kit_type_id, l.qty FROM distribution_line l
          WHERE l.event_id IN (SELECT id FROM round_events) AND {live("l", "distribution_line")}
          UNION ALL
          SELECT ti.item_id, ti.kit_type_id, ti.qty FROM tally_item ti
          JOIN tally t ON t.id = ti.tally_id
          WHERE (t.round_id = :round OR t.event_id IN (SELECT id FROM round_events))
            AND {live("ti", "tally_item")} AND {live("t", "tally")}
          UNION ALL
          SELECT s.item_id, NULL, s.quantity FROM service_delivery s
          JOIN encounter en ON en.id = s.encounter_id
          WHERE en.round_id = :round AND s.item_id IS NOT NULL
            AND {live("s", "service_delivery")} AND {live("en", "encounter")}
        ),
        expanded AS (
          SELECT item_id, qty FROM given WHERE item_id IS NOT NULL
          UNION ALL
          SELECT k.item_id, g.qty * k.qty FROM given g
          JOIN kit_component k ON k.kit_type_id = g.kit_type_id AND k.deleted = 0
          WHERE g.kit_type_id IS NOT NULL
        )
        SELECT item_id, sum(qty) FROM expanded GROUP BY item_id
        """
        return {i: float(q) for i, q in self.db.execute(sql, {"round": round_id})}
