"""Outreach rounds: rural distributions to douars and street rounds in towns.

A round loads stock into its vehicle, records distribution events (one per douar
or place visited), the lines given to registered households and persons,
anonymous tallies where registration is impossible, and street encounters; at
return it reconciles loaded against given and returned.

This module only re-exports the public names of the modules that do the work:
- services.outreach_rounds: warehouses, rounds, stock loading, end-of-round
  reconciliation;
- services.distributions: waves, distribution events, lines checked against the
  entitlement rules (with supervisor overrides), voiding, anonymous tallies;
- services.encounters: street encounters and the items given in them;
- services.outreach_common: the private helpers they share.

Lines, tallies, encounters and movements are append-only events: a mistake is
voided with a reason (`void_distribution_line`), and every total leaves it out.
"""

from __future__ import annotations

from coldwave_app.services.distributions import (
    GrantResult,
    add_wave,
    record_distribution,
    record_distribution_event,
    record_tally,
    void_distribution_line,
)
from coldwave_app.services.encounters import (
    ENCOUNTER_ITEM_SERVICE,
    EncounterResult,
    record_encounter,
)
from coldwave_app.services.outreach_rounds import (
    Reconciliation,
    ReconciliationRow,
    add_warehouse,
    end_round,
    load_stock,
    round_reconciliation,
    start_round,
)

__all__ = [
    "ENCOUNTER_ITEM_SERVICE",
    "EncounterResult",
    "GrantResult",
    "Reconciliation",
    "ReconciliationRow",
    "add_warehouse",
    "add_wave",
    "end_round",
    "load_stock",
    "record_distribution",
    "record_distribution_event",
    "record_encounter",
    "record_tally",
    "round_reconciliation",
    "start_round",
    "void_distribution_line",
]
