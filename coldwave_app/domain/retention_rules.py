"""What a retention purge removes, shared by the laptop and the server (law 09-08:
limited retention, then destruction; only aggregates stay).

After a campaign's retention period, every field below is cleared (set to its
replacement, None unless the column may not be null) in the campaign's records;
identifiers (ids, beneficiary codes), dates, categories, quantities, sex, birth year
and places stay, so every figure computed from the records stays the same. A person
who also has records in a campaign that is not purged is left whole.

ENTITY_FIELDS are changed through the record writer, so the purge syncs; the
EVENT_FIELDS of append-only events are cleared in place on each replica (each one
runs its own purge), together with the copies of all these values kept in the sync
change logs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from coldwave_app.domain.errors import N_, RuleViolation

# table -> field -> replacement. Tables whose rows belong to a person through
# `person_id` are purged for the purged persons; the others for the campaign.
ENTITY_FIELDS: dict[str, dict[str, Any]] = {
    "person": {
        "given_name_ar": None,
        "family_name_ar": None,
        "given_name_latn": None,
        "family_name_latn": None,
        "known_as": None,
        "dob": None,
        "cin_hash": None,
        "cin_masked": None,
        "phone": None,
        "created_anyway_of": None,
    },
    "household": {"head_name": None},
    "identity_document": {"number_hash": None, "number_masked": None, "seen_by": None},
    "family_reintegration": {
        "contact_name": None,
        "contact_phone": None,
        "contact_place": None,
        "items_given": None,
    },
    "intake_assessment": {"summary": None, "restricted_detail": None},
    "consent": {"witness": None, "withdrawal_reason": None},
    "stay": {"exit_note": None},
    "referral": {"outcome": None},
    "review_item": {"detail": None, "decision_note": None},
}

EVENT_FIELDS: dict[str, dict[str, Any]] = {
    "encounter": {"note": None},
    "health_observation": {"text": None},
    "case_note": {"text": ""},
    "mediation_step": {"note": None, "outcome": None},
    "service_delivery": {"note": None},
    "follow_up": {"outcome": None, "status_summary": None},
    "distribution_line": {"received_by": None},
    "distribution_event": {"note": None},
    "entitlement_override": {"reason": ""},
}

# Tables purged per person (the rest: per campaign). person_name_variant rows are
# deleted outright (tombstoned): a name variant is nothing but a name.
PERSON_TABLES = frozenset({"person", "identity_document", "consent", "health_observation"})
NAME_VARIANT_TABLE = "person_name_variant"

# Free-text reasons of corrections may quote a name too.
CORRECTION_REASON = "purged"


def all_fields() -> dict[str, dict[str, Any]]:
    return {**ENTITY_FIELDS, **EVENT_FIELDS}


@dataclass(frozen=True)
class CampaignRetention:
    status: str | None
    closed_at: str | None
    retention_days: int | None


def purge_allowed_from(retention: CampaignRetention) -> datetime:
    """When the campaign's personal data may be purged; RuleViolation if not closed or
    no retention period was set."""
    if retention.status != "closed" or not retention.closed_at:
        raise RuleViolation(N_("Only a closed campaign can be purged: close it first."))
    if retention.retention_days is None:
        raise RuleViolation(N_("This campaign has no retention period: set one before purging."))
    closed = datetime.fromisoformat(retention.closed_at)
    return closed + timedelta(days=retention.retention_days)


def _aware(moment: datetime) -> datetime:
    # Stamps without a zone were written in UTC (the record writer's clock).
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def check_purge_due(retention: CampaignRetention, now: datetime) -> None:
    """RuleViolation unless the retention period after closure is over at `now`."""
    due = _aware(purge_allowed_from(retention))
    if _aware(now) < due:
        raise RuleViolation(
            N_("This campaign is still within its retention period, until {date}."),
            date=due.date().isoformat(),
        )
