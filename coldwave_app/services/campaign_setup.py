"""Setting up a campaign: the campaign itself, douar targets, a shelter and its beds,
and the standard catalogue of items and kits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from coldwave_app.domain.errors import N_, InvalidInput, RuleViolation
from coldwave_app.domain.ids import new_id
from coldwave_app.domain.vocabulary import FacilityKind, ItemCategory, RiskLevel
from coldwave_app.storage import campaign_repo
from coldwave_app.storage.geography import GeoRepository
from coldwave_app.storage.local_store import LocalStore


@dataclass(frozen=True)
class StandardItem:
    code: str
    name_ar: str
    name_fr: str
    unit: str
    category: ItemCategory


# The Fondation Mohammed V "Grand Froid" household kit and the items outreach teams
# hand out (domain.md §1.1): codes are stable, names are shown to users.
STANDARD_ITEMS = (
    StandardItem("FLOUR", "دقيق", "Farine", "kg", ItemCategory.FOOD),
    StandardItem("RICE", "أرز", "Riz", "kg", ItemCategory.FOOD),
    StandardItem("SUGAR", "سكر", "Sucre", "kg", ItemCategory.FOOD),
    StandardItem("MILK", "حليب مجفف", "Lait en poudre", "kg", ItemCategory.FOOD),
    StandardItem("TEA", "شاي", "Thé", "kg", ItemCategory.FOOD),
    StandardItem("SALT", "ملح", "Sel", "kg", ItemCategory.FOOD),
    StandardItem("OIL", "زيت", "Huile", "L", ItemCategory.FOOD),
    StandardItem("BLANKET", "غطاء", "Couverture", "piece", ItemCategory.BLANKET),
    StandardItem("MAT", "حصير", "Natte", "piece", ItemCategory.MAT),
    StandardItem("COAT", "معطف", "Manteau", "piece", ItemCategory.CLOTHING),
    StandardItem("HOT_MEAL", "وجبة ساخنة", "Repas chaud", "portion", ItemCategory.MEAL),
    StandardItem("COLD_RATION", "وجبة باردة", "Ration froide", "portion", ItemCategory.MEAL),
    StandardItem("FIREWOOD", "حطب التدفئة", "Bois de chauffage", "kg", ItemCategory.HEATING),
)
GRAND_FROID_KIT = {
    "FLOUR": 10.0,
    "RICE": 5.0,
    "SUGAR": 5.0,
    "MILK": 1.2,
    "TEA": 0.5,
    "SALT": 0.5,
    "OIL": 5.0,
}


def create_campaign(
    store: LocalStore,
    *,
    name: str,
    province_code: str,
    period_start: date,
    season: str | None = None,
    make_current: bool = True,
    record_id: str | None = None,
) -> str:
    """Create a campaign for a province; it becomes this laptop's current campaign."""
    place = GeoRepository(store.db).get(province_code)
    if place is None or place.level != "province":
        raise InvalidInput(N_("Unknown province code {code}."), code=province_code)
    if not name.strip():
        raise InvalidInput(N_("A campaign needs a name."))
    with store.db.atomic():
        row = store.writer().insert(
            "campaign",
            {
                "id": record_id or new_id(),
                "name": name.strip(),
                "province_code": province_code,
                "season": season,
                "period_start": period_start.isoformat(),
            },
        )
        if make_current:
            store.set_meta("campaign_id", row["id"])
    return str(row["id"])


def _current_campaign(store: LocalStore) -> tuple[str, str, str | None]:
    campaign_id = store.campaign_id
    state = campaign_repo.campaign_state(store.db, campaign_id) if campaign_id else None
    if campaign_id is None or state is None:
        raise InvalidInput(N_("Choose or create a campaign first."))
    return campaign_id, state[0], state[1]


def set_campaign_lead(store: LocalStore, *, org_id: str | None) -> None:
    """Name the organisation leading the current campaign (None clears it)."""
    campaign_id, _, _ = _current_campaign(store)
    if org_id is not None and not campaign_repo.organisation_exists(store.db, org_id):
        raise InvalidInput(N_("Unknown organisation {id}."), id=org_id)
    store.writer().update("campaign", campaign_id, {"lead_org_id": org_id})


def close_campaign(store: LocalStore, *, period_end: date, closed_at: datetime) -> None:
    """End the current campaign's period and mark it closed; its records stay."""
    campaign_id, status, period_start = _current_campaign(store)
    if status == "closed":
        raise RuleViolation(N_("This campaign is already closed."))
    if period_start is not None and period_end.isoformat() < period_start:
        raise InvalidInput(N_("A campaign cannot end before it starts."))
    store.writer().update(
        "campaign",
        campaign_id,
        {
            "period_end": period_end.isoformat(),
            "status": "closed",
            "closed_at": closed_at.isoformat(timespec="seconds"),
        },
    )


def add_standard_catalogue(
    store: LocalStore, *, new_record_id: Callable[[], str] = new_id
) -> dict[str, str]:
    """Items and the Grand Froid household kit; returns item and kit ids by code."""
    writer = store.writer()
    ids: dict[str, str] = {}
    with store.db.atomic():
        for item in STANDARD_ITEMS:
            row = writer.insert(
                "item",
                {
                    "id": new_record_id(),
                    "code": item.code,
                    "name_ar": item.name_ar,
                    "name_fr": item.name_fr,
                    "unit": item.unit,
                    "category": item.category.value,
                },
            )
            ids[item.code] = row["id"]
        kit = writer.insert(
            "kit_type",
            {
                "id": new_record_id(),
                "code": "KIT_GRAND_FROID",
                "name_ar": "قفة البرد",
                "name_fr": "Kit Grand Froid",
                "per": "household",
            },
        )
        ids["KIT_GRAND_FROID"] = kit["id"]
        writer.insert_many(
            "kit_component",
            [
                {"id": new_record_id(), "kit_type_id": kit["id"], "item_id": ids[code], "qty": qty}
                for code, qty in GRAND_FROID_KIT.items()
            ],
        )
    return ids


def add_target(
    store: LocalStore,
    *,
    geo_code: str,
    risk_level: RiskLevel,
    target_households: int | None = None,
    target_persons: int | None = None,
    altitude_m: int | None = None,
) -> str:
    """Target a douar (or commune) of the campaign at a risk level; the altitude feeds
    the triage score (domain.triage)."""
    if GeoRepository(store.db).get(geo_code) is None:
        raise InvalidInput(N_("Unknown place code {code}."), code=geo_code)
    if altitude_m is not None and not -500 <= altitude_m <= 5000:
        # Morocco spans roughly sea level to Toubkal (4,167 m): anything else is a typo.
        raise InvalidInput(N_("Implausible altitude: {value} m."), value=altitude_m)
    row = store.writer().insert(
        "campaign_target",
        {
            "geo_code": geo_code,
            "risk_level": risk_level.value,
            "target_households": target_households,
            "target_persons": target_persons,
            "altitude_m": altitude_m,
        },
    )
    return str(row["id"])


def add_shelter(
    store: LocalStore,
    *,
    name_ar: str,
    name_fr: str,
    geo_code: str,
    rooms: dict[str, int],
    overflow_beds: int = 0,
    new_record_id: Callable[[], str] = new_id,
) -> str:
    """A shelter with its rooms and beds (labels like `A-01`), plus overflow beds that
    open only in cold-alert mode."""
    writer = store.writer()
    with store.db.atomic():
        facility: dict[str, Any] = writer.insert(
            "facility",
            {
                "id": new_record_id(),
                "name_ar": name_ar,
                "name_fr": name_fr,
                "kind": FacilityKind.SHELTER.value,
                "geo_code": geo_code,
                "capacity_beds": sum(rooms.values()),
            },
        )
        order = 0
        for label, beds in rooms.items():
            room = writer.insert(
                "room", {"id": new_record_id(), "facility_id": facility["id"], "label": label}
            )
            rows = []
            for n in range(1, beds + 1):
                order += 1
                rows.append(
                    {
                        "id": new_record_id(),
                        "facility_id": facility["id"],
                        "room_id": room["id"],
                        "label": f"{label}-{n:02d}",
                        "sort_order": order,
                    }
                )
            writer.insert_many("bed", rows)
        writer.insert_many(
            "bed",
            [
                {
                    "id": new_record_id(),
                    "facility_id": facility["id"],
                    "label": f"X-{n:02d}",
                    "is_overflow": 1,
                    "sort_order": 1000 + n,
                }
                for n in range(1, overflow_beds + 1)
            ],
        )
    return str(facility["id"])


def add_partner(
    store: LocalStore,
    *,
    name_fr: str,
    kind: str,
    name_ar: str | None = None,
    geo_code: str | None = None,
) -> str:
    """A partner organisation that cases are referred to (hospital, association...)."""
    if not name_fr.strip() or not kind.strip():
        raise InvalidInput(N_("A partner needs a name and a kind."))
    row = store.writer().insert(
        "organisation",
        {
            "name_fr": name_fr.strip(),
            "name_ar": name_ar,
            "kind": kind.strip(),
            "geo_code": geo_code,
        },
    )
    return str(row["id"])
