"""Cold alerts: the declared periods during which a shelter opens its overflow beds."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.domain.shelter_rules import AlertLevel
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.storage.record_writer import encode_value


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
