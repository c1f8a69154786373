"""Entitlement rules of a campaign and the check run at entry (DESIGN.md §4,
"Double serving").

The device checks each distribution line and encounter item against the rules
before writing it; the server checks again across devices. A violation names the
earlier record (when, where, by whom) so the worker can tell a real double from a
mistaken identity; a supervisor may override it with a reason (services.distributions).
"""

from __future__ import annotations

from collections.abc import Mapping

from coldwave_app.domain.entitlement_rules import (
    Grant,
    Per,
    Period,
    RuleKind,
    Violation,
    evaluate_all,
)
from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.storage.outreach_repo import OutreachRepo


def _campaign(store: LocalStore) -> str:
    campaign_id = store.campaign_id
    if campaign_id is None:
        raise InvalidInput(N_("Choose a campaign first."))
    return campaign_id


def add_rule(
    store: LocalStore,
    *,
    code: str,
    kind: RuleKind,
    per: Per,
    period: Period,
    item_id: str | None = None,
    kit_type_id: str | None = None,
    max_qty: float | None = None,
    excludes_item_id: str | None = None,
) -> str:
    """Add an entitlement rule to the current campaign; returns its id."""
    _campaign(store)
    repo = OutreachRepo(store.db)
    if not code.strip():
        raise InvalidInput(N_("An entitlement rule needs a code."))
    if (item_id is None) == (kit_type_id is None):
        raise InvalidInput(N_("An entitlement rule targets one item or one kit."))
    if item_id is not None and not repo.item_exists(item_id):
        raise InvalidInput(N_("Unknown item {id}."), id=item_id)
    if kit_type_id is not None and not repo.kit_exists(kit_type_id):
        raise InvalidInput(N_("Unknown kit type {id}."), id=kit_type_id)
    if kind is RuleKind.MAX_PER_PERIOD:
        if max_qty is None or max_qty <= 0:
            raise InvalidInput(N_("A limit rule needs a quantity above zero."))
        if excludes_item_id is not None:
            raise InvalidInput(N_("Only an exclusion rule names an excluded item."))
    else:
        if excludes_item_id is None or not repo.item_exists(excludes_item_id):
            raise InvalidInput(N_("An exclusion rule needs the item it excludes."))
        if period is not Period.SITTING:
            raise InvalidInput(N_("An exclusion rule applies within one sitting."))
    row = store.writer().insert(
        "entitlement_rule",
        {
            "code": code.strip(),
            "kind": kind.value,
            "per": per.value,
            "period": period.value,
            "item_id": item_id,
            "kit_type_id": kit_type_id,
            "max_qty": max_qty,
            "excludes_item_id": excludes_item_id,
        },
    )
    return str(row["id"])


def add_default_rules(store: LocalStore, catalogue_ids: Mapping[str, str]) -> list[str]:
    """The four rules of the issue, on the standard catalogue (campaign_setup)."""
    with store.db.atomic():
        return [
            add_rule(
                store,
                code="ONE_BLANKET_PER_PERSON",
                kind=RuleKind.MAX_PER_PERIOD,
                per=Per.PERSON,
                period=Period.CAMPAIGN,
                item_id=catalogue_ids["BLANKET"],
                max_qty=1,
            ),
            add_rule(
                store,
                code="ONE_FOOD_KIT_PER_HOUSEHOLD_PER_WAVE",
                kind=RuleKind.MAX_PER_PERIOD,
                per=Per.HOUSEHOLD,
                period=Period.WAVE,
                kit_type_id=catalogue_ids["KIT_GRAND_FROID"],
                max_qty=1,
            ),
            add_rule(
                store,
                code="THREE_MEALS_PER_PERSON_PER_DAY",
                kind=RuleKind.MAX_PER_PERIOD,
                per=Per.PERSON,
                period=Period.DAY,
                item_id=catalogue_ids["HOT_MEAL"],  # counts every meal item
                max_qty=3,
            ),
            add_rule(
                store,
                code="HOT_MEAL_EXCLUDES_COLD_RATION",
                kind=RuleKind.EXCLUDES_IN_SITTING,
                per=Per.PERSON,
                period=Period.SITTING,
                item_id=catalogue_ids["HOT_MEAL"],
                excludes_item_id=catalogue_ids["COLD_RATION"],
            ),
        ]


def check_entitlement(
    store: LocalStore,
    *,
    day: str,
    sitting_id: str,
    wave_id: str | None = None,
    person_id: str | None = None,
    household_id: str | None = None,
    item_id: str | None = None,
    kit_type_id: str | None = None,
    qty: float = 1.0,
    record_id: str = "",
    where: str = "",
) -> list[Violation]:
    """Violations giving `qty` of an item or kit to a person or household would cause.

    Only the rules counted per the recipient's kind apply: a household rule is
    checked on lines to the household, a person rule on lines to the person.
    """
    campaign_id = _campaign(store)
    if (person_id is None) == (household_id is None):
        raise InvalidInput(N_("Give to one person or one household."))
    repo = OutreachRepo(store.db)
    per = Per.PERSON if person_id is not None else Per.HOUSEHOLD
    rules = [r for r in repo.rules(campaign_id) if r.per is per]
    if not rules:
        return []
    new = Grant(
        record_id=record_id,
        campaign_id=campaign_id,
        day=day,
        wave_id=wave_id,
        sitting_id=sitting_id,
        item_id=item_id,
        kit_type_id=kit_type_id,
        qty=qty,
        components=repo.kit_components().get(kit_type_id, {}) if kit_type_id else {},
        where=where,
        who=store.user.display_name,
    )
    prior = repo.grants(person_id=person_id, household_id=household_id)
    return evaluate_all(rules, new, prior)
