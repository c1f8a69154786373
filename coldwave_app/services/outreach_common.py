"""Helpers shared by the outreach services (rounds, distributions, encounters).

The current campaign, enum and quantity checks, timestamps, place checks, and the
supervisor override of an entitlement violation (`entitlement_override` events).
Private to services.outreach_rounds, services.distributions and services.encounters.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum
from typing import TypeVar

from coldwave_app.domain.entitlement_rules import Violation
from coldwave_app.domain.errors import N_, InvalidInput, RuleViolation
from coldwave_app.domain.outreach_rules import OVERRIDE_ROLES
from coldwave_app.services.access import audit
from coldwave_app.storage.geography import GeoRepository
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.storage.outreach_repo import OutreachRepo
from coldwave_app.storage.record_writer import utc_now

E = TypeVar("E", bound=StrEnum)


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
    for row in rows:
        audit(store, action="override", table="entitlement_override", record_id=str(row["id"]))
    return [str(r["id"]) for r in rows]
