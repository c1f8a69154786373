"""Read queries behind the aggregate exports (services/export_data.py).

Only codes, names of places, items, organisations and shelters, and figures: never a
person, a household or a note. The counting rules are those of indicator_queries.
"""

from __future__ import annotations

from sqlite_utils import Database

from coldwave_app.storage.indicator_queries import live, not_voided

# Items given outside a centre in the period with the place they were given at,
# kits broken into their components (as indicator_queries._GIVEN_ITEMS).
_GIVEN_BY_PLACE = f"""
WITH given(geo_code, item_id, kit_type_id, qty) AS (
  SELECT ev.geo_code, l.item_id, l.kit_type_id, l.qty FROM distribution_line l
  JOIN distribution_event ev ON ev.id = l.event_id
  WHERE l.campaign_id = :campaign AND ev.occurred_on BETWEEN :start AND :end
    AND {live("l", "distribution_line")} AND {not_voided("ev", "distribution_event")}
  UNION ALL
  SELECT t.geo_code, ti.item_id, ti.kit_type_id, ti.qty FROM tally_item ti
  JOIN tally t ON t.id = ti.tally_id
  WHERE ti.campaign_id = :campaign AND substr(t.occurred_at, 1, 10) BETWEEN :start AND :end
    AND {live("ti", "tally_item")} AND {not_voided("t", "tally")}
  UNION ALL
  SELECT e.geo_code, d.item_id, NULL, d.quantity FROM service_delivery d
  LEFT JOIN encounter e ON e.id = d.encounter_id
  WHERE d.campaign_id = :campaign AND d.encounter_id IS NOT NULL AND d.item_id IS NOT NULL
    AND substr(d.delivered_at, 1, 10) BETWEEN :start AND :end
    AND {live("d", "service_delivery")}
),
expanded(geo_code, item_id, qty) AS (
  SELECT geo_code, item_id, qty FROM given WHERE item_id IS NOT NULL
  UNION ALL
  SELECT g.geo_code, k.item_id, g.qty * k.qty FROM given g
  JOIN kit_component k ON k.kit_type_id = g.kit_type_id AND k.deleted = 0
  WHERE g.kit_type_id IS NOT NULL
)
"""


def items_given_by_place(
    db: Database, campaign_id: str, start: str, end: str
) -> list[tuple[str | None, str, float]]:
    """(place code or None, item code, quantity) given outside a centre in the period."""
    rows = db.execute(
        _GIVEN_BY_PLACE + "SELECT e.geo_code, i.code, sum(e.qty) FROM expanded e "
        "JOIN item i ON i.id = e.item_id GROUP BY 1, 2 ORDER BY 1, 2",
        {"campaign": campaign_id, "start": start, "end": end},
    ).fetchall()
    return [(None if g is None else str(g), str(c), float(q)) for g, c, q in rows]


def item_catalogue(db: Database, campaign_id: str) -> dict[str, tuple[str, str, str]]:
    """Item code -> (French name, Arabic name, category) of the campaign's catalogue."""
    rows = db.execute(
        "SELECT code, name_fr, name_ar, category FROM item "
        "WHERE campaign_id = ? AND deleted = 0 ORDER BY code",
        [campaign_id],
    ).fetchall()
    return {str(c): (str(fr), str(ar), str(cat)) for c, fr, ar, cat in rows}


def lead_organisation(db: Database, campaign_id: str) -> str | None:
    """Name of the organisation leading the campaign (French, else Arabic), if any."""
    row = db.execute(
        "SELECT COALESCE(o.name_fr, o.name_ar) FROM campaign c "
        "JOIN organisation o ON o.id = c.lead_org_id AND o.deleted = 0 WHERE c.id = ?",
        [campaign_id],
    ).fetchone()
    return None if row is None or row[0] is None else str(row[0])


def facility_names(db: Database, campaign_id: str) -> dict[str, str]:
    """Shelter id -> name (French, else Arabic) of the campaign's facilities."""
    rows = db.execute(
        "SELECT id, COALESCE(name_fr, name_ar, kind) FROM facility "
        "WHERE campaign_id = ? AND deleted = 0",
        [campaign_id],
    ).fetchall()
    return {str(i): str(n) for i, n in rows}
