"""Cold alerts: the declared periods during which a shelter opens its overflow beds.

While an alert is in force (services.shelter) overflow beds take residents, the
triage score ranks everyone higher (domain.triage), and the dashboard shows the
alert from `cold_alert_status`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.domain.shelter_rules import AlertLevel
from coldwave_app.storage import campaign_repo
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.storage.record_writer import encode_value
from coldwave_app.storage.shelter_repo import ShelterRepo


@dataclass(frozen=True)
class ColdAlertStatus:
    alert_id: str
    level: str
    starts_on: date
    ends_on: date | None
    province_codes: tuple[str, ...]
    note: str | None


def declare_cold_alert(
    store: LocalStore,
    *,
    level: str,
    starts_on: date,
    ends_on: date | None,
    province_codes: Iterable[str],
    note: str | None = None,
) -> str:
    """Record a cold alert for provinces over a period; returns its id."""
    if level not in {a.value for a in AlertLevel}:
        raise InvalidInput(N_("Unknown alert level {level}."), level=level)
    codes = sorted({c.strip() for c in province_codes if c.strip()})
    if not codes:
        raise InvalidInput(N_("A cold alert needs at least one province."))
    if ends_on is not None and ends_on < starts_on:
        raise InvalidInput(N_("A cold alert cannot end before it starts."))
    row = store.writer().insert(
        "cold_alert",
        {
            "level": level,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat() if ends_on else None,
            "province_codes": encode_value(codes),
            "declared_by": store.user.id,
            "note": (note or "").strip() or None,
        },
    )
    return str(row["id"])


def cold_alert_status(store: LocalStore, *, on: date) -> ColdAlertStatus | None:
    """The cold alert in force on a day for the current campaign's province, if any."""
    alert_id = ShelterRepo(store.db, store.campaign_id).active_cold_alert(on)
    row = None if alert_id is None else campaign_repo.cold_alert(store.db, alert_id)
    if row is None:
        return None
    return ColdAlertStatus(
        alert_id=row.id,
        level=row.level,
        starts_on=date.fromisoformat(row.starts_on),
        ends_on=date.fromisoformat(row.ends_on) if row.ends_on else None,
        province_codes=row.province_codes,
        note=row.note,
    )


def lift_cold_alert(store: LocalStore, *, alert_id: str, at: datetime) -> None:
    """End an alert early (the bulletin was lifted): from `at`'s day on it is not in force.

    The declared period stays as it was, so reports still show what was declared.
    """
    row = campaign_repo.cold_alert(store.db, alert_id)
    if row is None:
        raise InvalidInput(N_("This cold alert does not exist on this laptop."))
    store.writer().update("cold_alert", alert_id, {"lifted_at": at.isoformat(timespec="seconds")})
