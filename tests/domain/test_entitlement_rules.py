"""Pure evaluation of entitlement rules against a recipient's earlier grants."""

from __future__ import annotations

from coldwave_app.domain.entitlement_rules import (
    Grant,
    Per,
    Period,
    Rule,
    RuleKind,
    evaluate,
    evaluate_all,
)

BLANKET_RULE = Rule(
    "r1",
    "ONE_BLANKET",
    RuleKind.MAX_PER_PERIOD,
    Per.PERSON,
    Period.CAMPAIGN,
    item_ids=frozenset({"blanket"}),
    max_qty=1,
)
KIT_RULE = Rule(
    "r2",
    "ONE_KIT_PER_WAVE",
    RuleKind.MAX_PER_PERIOD,
    Per.HOUSEHOLD,
    Period.WAVE,
    kit_type_id="kit",
    max_qty=1,
)
MEALS_RULE = Rule(
    "r3",
    "THREE_MEALS",
    RuleKind.MAX_PER_PERIOD,
    Per.PERSON,
    Period.DAY,
    item_ids=frozenset({"hot", "cold"}),
    max_qty=3,
)
HOT_EXCLUDES_COLD = Rule(
    "r4",
    "HOT_NOT_COLD",
    RuleKind.EXCLUDES_IN_SITTING,
    Per.PERSON,
    Period.SITTING,
    item_ids=frozenset({"hot"}),
    excludes_item_ids=frozenset({"cold"}),
)


def grant(
    record_id: str,
    *,
    day: str = "2025-12-10",
    wave: str | None = "w1",
    sitting: str = "s1",
    item: str | None = None,
    kit: str | None = None,
    qty: float = 1,
    components: dict[str, float] | None = None,
) -> Grant:
    return Grant(
        record_id,
        "c1",
        day,
        wave,
        sitting,
        item_id=item,
        kit_type_id=kit,
        qty=qty,
        components=components or {},
        where="Douar X (123)",
        who="Amina",
    )


def test_second_blanket_in_the_campaign_names_the_earlier_grant() -> None:
    earlier = grant("line-1", item="blanket", day="2025-12-02")
    violation = evaluate(BLANKET_RULE, grant("new", item="blanket", wave="w2"), [earlier])
    assert violation is not None
    assert (violation.earlier_record_id, violation.when, violation.where, violation.who) == (
        "line-1",
        "2025-12-02",
        "Douar X (123)",
        "Amina",
    )


def test_first_blanket_is_allowed() -> None:
    assert evaluate(BLANKET_RULE, grant("new", item="blanket"), []) is None


def test_grants_of_another_campaign_do_not_count() -> None:
    other = Grant("old", "c0", "2024-12-01", None, "s0", item_id="blanket")
    assert evaluate(BLANKET_RULE, grant("new", item="blanket"), [other]) is None


def test_one_kit_per_wave_allows_the_next_wave() -> None:
    earlier = grant("k1", kit="kit", wave="w1")
    assert evaluate(KIT_RULE, grant("new", kit="kit", wave="w1", sitting="s2"), [earlier])
    assert evaluate(KIT_RULE, grant("new", kit="kit", wave="w2", sitting="s2"), [earlier]) is None


def test_a_kit_counts_as_its_components_for_an_item_rule() -> None:
    flour_rule = Rule(
        "r5",
        "FLOUR",
        RuleKind.MAX_PER_PERIOD,
        Per.HOUSEHOLD,
        Period.WAVE,
        item_ids=frozenset({"flour"}),
        max_qty=15,
    )
    kit = grant("k1", kit="kit", components={"flour": 10.0, "rice": 5.0})
    assert evaluate(flour_rule, grant("new", item="flour", qty=5), [kit]) is None
    assert evaluate(flour_rule, grant("new", item="flour", qty=6), [kit]) is not None


def test_the_fourth_meal_of_a_day_is_refused_whatever_its_kind() -> None:
    meals = [grant(f"m{n}", item="hot" if n % 2 else "cold", sitting=f"s{n}") for n in range(3)]
    assert evaluate(MEALS_RULE, grant("new", item="hot", sitting="s9"), meals) is not None
    assert evaluate(MEALS_RULE, grant("new", item="hot", day="2025-12-11"), meals) is None


def test_hot_meal_excludes_cold_ration_in_the_same_sitting_both_ways() -> None:
    hot = grant("h", item="hot")
    cold = grant("c", item="cold")
    assert evaluate(HOT_EXCLUDES_COLD, grant("new", item="cold"), [hot]) is not None
    assert evaluate(HOT_EXCLUDES_COLD, grant("new", item="hot"), [cold]) is not None
    assert evaluate(HOT_EXCLUDES_COLD, grant("new", item="cold", sitting="s2"), [hot]) is None


def test_a_quantity_above_the_limit_on_its_own_is_a_violation_without_earlier_record() -> None:
    violation = evaluate(BLANKET_RULE, grant("new", item="blanket", qty=2), [])
    assert violation is not None and violation.earlier_record_id == ""


def test_evaluate_all_returns_each_violated_rule() -> None:
    prior = [
        grant("h", item="hot"),
        grant("h2", item="hot", sitting="s2"),
        grant("h3", item="hot", sitting="s3"),
    ]
    found = evaluate_all(
        [MEALS_RULE, HOT_EXCLUDES_COLD, BLANKET_RULE], grant("new", item="cold"), prior
    )
    assert [v.rule_code for v in found] == ["THREE_MEALS", "HOT_NOT_COLD"]
