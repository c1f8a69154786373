"""Double serving across devices (DESIGN.md §4): the entitlement rules, again, on the server.

A laptop checks each line at entry against what *it* knows; two laptops offline
cannot see each other's lines. Here each newly accepted distribution line is
evaluated (domain.entitlement_rules, the same code as on the laptop) against
every live line of the same person or household in the merged state. A
violation is a finding only when lines from other devices take part in it: if
the device's own lines alone already break the rule, the laptop's entry check
was overridden or bypassed there, which is not a cross-device matter.

Lines given under an override (`override_id`) and correction lines are not checked.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection

from coldwave_app.domain.entitlement_rules import (
    Grant,
    Per,
    Period,
    Rule,
    RuleKind,
    Violation,
    evaluate,
    quantity_counted,
    same_period,
)
from coldwave_app.server.checks.review import Finding
from coldwave_app.server.checks.state import find_row_ids, read_rows, rows_with_field

log = logging.getLogger(__name__)

KIND = "double_serving"


def double_serving(*, conn: Connection, campaign_id: str, line_ids: list[str]) -> list[Finding]:
    """Findings for the new distribution lines `line_ids` of `campaign_id`."""
    lines = read_rows(conn=conn, table="distribution_line", row_ids=line_ids)
    new = [
        line
        for line in lines.values()
        if not line.get("override_id") and not line.get("corrects_id") and not line.get("deleted")
    ]
    if not new:
        return []
    rules = campaign_rules(conn=conn, campaign_id=campaign_id)
    if not rules:
        return []
    history = _History(conn=conn, campaign_id=campaign_id)
    findings: list[Finding] = []
    for line in new:
        findings += _check_line(line=line, rules=rules, history=history)
    return findings


def campaign_rules(*, conn: Connection, campaign_id: str) -> list[Rule]:
    """The campaign's active rules; a malformed rule row is logged and left out."""
    rows = rows_with_field(
        conn=conn, campaign_id=campaign_id, table="entitlement_rule", field="kind"
    )
    meals = {
        item_id
        for item_id, item in rows_with_field(
            conn=conn, campaign_id=campaign_id, table="item", field="category"
        ).items()
        if item.get("category") == "meal" and not item.get("deleted")
    }
    rules: list[Rule] = []
    for rule_id, row in sorted(rows.items()):
        if row.get("deleted") or row.get("active", 1) in (0, False):
            continue
        try:
            rules.append(_rule(rule_id, row, meals))
        except (KeyError, ValueError, TypeError) as err:
            log.warning("entitlement rule %s is malformed, not checked: %r", rule_id, err)
    return rules


def _rule(rule_id: str, row: dict[str, Any], meals: set[str]) -> Rule:
    # As the laptop does (storage.outreach_repo.rules): a limit on a meal item counts
    # every meal item.
    kind = RuleKind(row["kind"])
    item_id = row.get("item_id")
    items: frozenset[str] = frozenset()
    if item_id:
        items = (
            frozenset(meals)
            if item_id in meals and kind is RuleKind.MAX_PER_PERIOD
            else (frozenset({str(item_id)}))
        )
    max_qty = row.get("max_qty")
    excludes = row.get("excludes_item_id")
    return Rule(
        id=rule_id,
        code=str(row["code"]),
        kind=kind,
        per=Per(row["per"]),
        period=Period(row["period"]),
        item_ids=items,
        kit_type_id=row.get("kit_type_id"),
        max_qty=None if max_qty is None else float(max_qty),
        excludes_item_ids=frozenset({str(excludes)}) if excludes else frozenset(),
    )


class _History:
    """Live lines of recipients, their events and kit contents, read once per batch."""

    def __init__(self, *, conn: Connection, campaign_id: str) -> None:
        self.conn = conn
        self.campaign_id = campaign_id
        self._components: dict[str, dict[str, float]] | None = None
        self._events: dict[str, dict[str, Any]] = {}

    def components(self) -> dict[str, dict[str, float]]:
        if self._components is None:
            found: dict[str, dict[str, float]] = defaultdict(dict)
            for row in rows_with_field(
                conn=self.conn, campaign_id=self.campaign_id, table="kit_component",
                field="kit_type_id",
            ).values():  # fmt: skip
                if not row.get("deleted") and row.get("item_id"):
                    found[str(row["kit_type_id"])][str(row["item_id"])] = float(row["qty"])
            self._components = dict(found)
        return self._components

    def lines_of(self, column: str, recipient: str) -> list[dict[str, Any]]:
        ids = find_row_ids(
            conn=self.conn, campaign_id=self.campaign_id, table="distribution_line",
            field=column, values=[recipient],
        )  # fmt: skip
        lines = read_rows(conn=self.conn, table="distribution_line", row_ids=ids)
        corrected = set(
            find_row_ids(
                conn=self.conn, campaign_id=self.campaign_id, table="distribution_line",
                field="corrects_id", values=list(lines),
            ).values()
        )  # fmt: skip
        return [
            line
            for line_id, line in lines.items()
            if line_id not in corrected
            and line.get("correction_kind") != "void"
            and not line.get("deleted")
        ]

    def grant(self, line: dict[str, Any]) -> Grant:
        event_id = str(line.get("event_id") or "")
        if event_id not in self._events:
            self._events.update(
                read_rows(conn=self.conn, table="distribution_event", row_ids=[event_id])
            )
        event = self._events.get(event_id, {})
        kit = line.get("kit_type_id")
        return Grant(
            record_id=str(line["id"]),
            campaign_id=str(line.get("campaign_id") or ""),
            day=str(event.get("occurred_on") or line.get("created_at") or "")[:10],
            wave_id=event.get("wave_id"),
            sitting_id=event_id,
            item_id=line.get("item_id"),
            kit_type_id=kit,
            qty=float(line.get("qty") or 0),
            components=self.components().get(str(kit), {}) if kit else {},
            where=str(event.get("geo_code") or event.get("local_place_id") or ""),
            who=str(line.get("created_by") or ""),
        )


def _check_line(*, line: dict[str, Any], rules: list[Rule], history: _History) -> list[Finding]:
    if line.get("person_id"):
        per, column = Per.PERSON, "person_id"
    elif line.get("household_id"):
        per, column = Per.HOUSEHOLD, "household_id"
    else:
        return []
    applicable = [r for r in rules if r.per is per]
    if not applicable:
        return []
    recipient = str(line[column])
    device = line.get("device_id")
    new = history.grant(line)
    prior = [p for p in history.lines_of(column, recipient) if p["id"] != line["id"]]
    own = [history.grant(p) for p in prior if p.get("device_id") == device]
    others = {str(p["id"]): p for p in prior if p.get("device_id") != device}
    if not others:
        return []
    other_grants = [history.grant(p) for p in others.values()]
    findings = []
    for rule in applicable:
        violation = evaluate(rule, new, own + other_grants)
        if violation is None or evaluate(rule, new, own) is not None:
            continue
        other = _other_grant(rule, new, other_grants)
        if other is None:
            continue
        findings.append(
            Finding(
                kind=KIND,
                subject_table="distribution_line",
                subject_id=new.record_id,
                other_id=other.record_id,
                key=rule.id,
                detail=_detail(rule, violation, new, other, column, recipient, line, others),
            )
        )
    return findings


def _other_grant(rule: Rule, new: Grant, grants: Iterable[Grant]) -> Grant | None:
    """The latest grant of another device that takes part in the violation."""
    taking_part = [
        g
        for g in grants
        if same_period(rule.period, g, new)
        and (
            quantity_counted(rule.item_ids, rule.kit_type_id, g) > 0
            or quantity_counted(rule.excludes_item_ids, None, g) > 0
        )
    ]
    return max(taking_part, key=lambda g: (g.day, g.record_id), default=None)


def _detail(
    rule: Rule,
    violation: Violation,
    new: Grant,
    other: Grant,
    column: str,
    recipient: str,
    line: dict[str, Any],
    others: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    return {
        "rule_id": rule.id,
        "rule_code": rule.code,
        "rule_kind": rule.kind.value,
        "period": rule.period.value,
        "max_qty": rule.max_qty,
        "already_given": violation.already_given,
        column: recipient,
        "line_id": new.record_id,
        "line_day": new.day,
        "line_device_id": line.get("device_id"),
        "other_line_id": other.record_id,
        "other_day": other.day,
        "other_where": other.where,
        "other_device_id": others[other.record_id].get("device_id"),
    }
