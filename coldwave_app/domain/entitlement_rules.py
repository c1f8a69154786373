"""Entitlement rules and their evaluation against what a recipient already received.

A rule limits what one person or one household may receive:

- `max_per_period`: at most `max_qty` of the rule's target in a period (one blanket
  per person per campaign, one food kit per household per wave, three meals per
  person per day);
- `excludes_in_sitting`: the rule's items and its excluded items are not given in
  the same sitting (a hot meal excludes a cold ration).

A sitting is one distribution event or one street encounter: the moment a team
serves someone. Evaluation is pure: the caller loads the prior live grants of the
recipient (voided lines already left out) and this module decides. Kits count as
themselves and, for rules on an item, as their components.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class RuleKind(StrEnum):
    MAX_PER_PERIOD = "max_per_period"
    EXCLUDES_IN_SITTING = "excludes_in_sitting"


class Period(StrEnum):
    CAMPAIGN = "campaign"
    WAVE = "wave"
    DAY = "day"
    SITTING = "sitting"


class Per(StrEnum):
    """Whom a rule counts for: each person, or each household as a whole."""

    PERSON = "person"
    HOUSEHOLD = "household"


@dataclass(frozen=True)
class Rule:
    id: str
    code: str
    kind: RuleKind
    per: Per
    period: Period
    # What the rule counts: items (several when items are interchangeable, e.g. all
    # meal portions) and/or one kit type.
    item_ids: frozenset[str] = frozenset()
    kit_type_id: str | None = None
    max_qty: float | None = None
    # For excludes_in_sitting: the items that may not go with the rule's items.
    excludes_item_ids: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Grant:
    """Something given to a recipient: a distribution line or an encounter item."""

    record_id: str
    campaign_id: str
    day: str  # ISO date
    wave_id: str | None
    sitting_id: str  # the distribution event or encounter
    item_id: str | None = None
    kit_type_id: str | None = None
    qty: float = 1.0
    # item id -> quantity per kit, when the grant is a kit
    components: Mapping[str, float] = field(default_factory=dict)
    where: str = ""
    who: str = ""


@dataclass(frozen=True)
class Violation:
    rule_id: str
    rule_code: str
    kind: RuleKind
    earlier_record_id: str
    when: str
    where: str
    who: str
    already_given: float
    max_qty: float | None


def quantity_counted(items: frozenset[str], kit_type_id: str | None, grant: Grant) -> float:
    """How much of a grant falls under a target of items and/or a kit."""
    if kit_type_id is not None and grant.kit_type_id == kit_type_id:
        return grant.qty
    if grant.item_id is not None and grant.item_id in items:
        return grant.qty
    if grant.kit_type_id is not None:
        return grant.qty * sum(q for i, q in grant.components.items() if i in items)
    return 0.0


def same_period(period: Period, a: Grant, b: Grant) -> bool:
    if a.campaign_id != b.campaign_id:
        return False
    if period is Period.CAMPAIGN:
        return True
    if period is Period.WAVE:
        return a.wave_id == b.wave_id
    if period is Period.DAY:
        return a.day == b.day
    return a.sitting_id == b.sitting_id


# Floating quantities (kg of flour, 1.2 kg of milk powder) must not trip a limit by
# a rounding error.
_EPSILON = 1e-9


def evaluate(rule: Rule, new: Grant, prior: Iterable[Grant]) -> Violation | None:
    """The violation `new` would cause given the recipient's prior grants, or None.

    The earlier record named is the most recent one that counts, the one a
    worker is most likely to remember or find.
    """
    earlier = [
        g for g in prior if g.record_id != new.record_id and same_period(rule.period, g, new)
    ]
    if rule.kind is RuleKind.MAX_PER_PERIOD:
        wanted = quantity_counted(rule.item_ids, rule.kit_type_id, new)
        if wanted <= 0 or rule.max_qty is None:
            return None
        counted = [(g, quantity_counted(rule.item_ids, rule.kit_type_id, g)) for g in earlier]
        counted = [(g, q) for g, q in counted if q > 0]
        given = sum(q for _, q in counted)
        if given + wanted <= rule.max_qty + _EPSILON:
            return None
        if not counted:
            # The new grant alone exceeds the limit: there is no earlier record.
            return Violation(
                rule.id, rule.code, rule.kind, "", new.day, new.where, new.who, 0.0, rule.max_qty
            )
        last = max(counted, key=lambda gq: gq[0].day)[0]
        return _violation(rule, last, given)
    # excludes_in_sitting works both ways: a cold ration after a hot meal, or the
    # hot meal after the cold ration.
    new_is_a = quantity_counted(rule.item_ids, rule.kit_type_id, new) > 0
    new_is_b = quantity_counted(rule.excludes_item_ids, None, new) > 0
    for grant in earlier:
        is_a = quantity_counted(rule.item_ids, rule.kit_type_id, grant) > 0
        is_b = quantity_counted(rule.excludes_item_ids, None, grant) > 0
        if (new_is_a and is_b) or (new_is_b and is_a):
            return _violation(rule, grant, 0.0)
    return None


def _violation(rule: Rule, earlier: Grant, given: float) -> Violation:
    return Violation(
        rule_id=rule.id,
        rule_code=rule.code,
        kind=rule.kind,
        earlier_record_id=earlier.record_id,
        when=earlier.day,
        where=earlier.where,
        who=earlier.who,
        already_given=given,
        max_qty=rule.max_qty,
    )


def evaluate_all(rules: Iterable[Rule], new: Grant, prior: Iterable[Grant]) -> list[Violation]:
    prior_list = list(prior)
    found = (evaluate(rule, new, prior_list) for rule in rules)
    return [v for v in found if v is not None]
