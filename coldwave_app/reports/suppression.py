"""Small-cell suppression of aggregate tables (domain.md §6 point 8).

Method, applied to the figure columns (persons, households, quantities given):

1. Primary suppression: a cell with 0 < value < threshold is blanked. Zeros are
   kept: "nobody" singles nobody out.
2. Secondary suppression: a blanked cell must not be recomputable from the other
   cells of an additive relation it belongs to. The relations are
   - each figure column over all rows (or over the rows of one item, `totals_by`),
     whose total is published elsewhere (the dashboard, the daily report);
   - the row relations the table declares (`AggregateTable.parts`: persons = women
     + men, persons = children + adults + elderly), counted as relations even when
     a part (unknown sex or age) is not exported, to be safe.
   Whenever a relation has exactly one blanked cell, the smallest other cell of it
   is blanked too (a non-zero part first, then a zero part, then the relation's
   total). This repeats until no relation has a lone blanked cell.
3. A RATE cell is blanked when one of the figures it is computed from is.

The result is conservative, not optimal (fewer cells might do). A table with a
single row cannot protect a cell whose column total is published elsewhere; the
services avoid such tables by reporting the campaign's douars together.
"""

from __future__ import annotations

from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.reports.table import FIGURE_KINDS, AggregateTable, Cell, ColumnKind

DEFAULT_THRESHOLD = 5

Position = tuple[int, int]  # (row, column)


def _relations(table: AggregateTable) -> list[tuple[Position | None, list[Position]]]:
    """(total cell or None when it is published elsewhere, part cells)."""
    figures = [i for i, c in enumerate(table.columns) if c.kind in FIGURE_KINDS]
    groups: dict[Cell, list[int]] = {}
    key = None if table.totals_by is None else table.index(table.totals_by)
    for r, row in enumerate(table.rows):
        groups.setdefault(None if key is None else row[key], []).append(r)
    out: list[tuple[Position | None, list[Position]]] = [
        (None, [(r, col) for r in rows]) for col in figures for rows in groups.values()
    ]
    for total_key, part_keys in table.parts:
        total = table.index(total_key)
        parts = [table.index(k) for k in part_keys]
        out += [((r, total), [(r, p) for p in parts]) for r in range(len(table.rows))]
    return out


def _value(table: AggregateTable, pos: Position) -> float:
    cell = table.rows[pos[0]][pos[1]]
    return float(cell) if isinstance(cell, int | float) else 0.0


def suppress(
    table: AggregateTable, threshold: int = DEFAULT_THRESHOLD
) -> tuple[AggregateTable, int]:
    """The table with small cells blanked (see the module docstring), and how many
    cells were blanked in all."""
    if threshold < 1:
        raise InvalidInput(N_("The suppression threshold must be 1 or more."))
    figures = {i for i, c in enumerate(table.columns) if c.kind in FIGURE_KINDS}
    hidden: set[Position] = set()
    for r, row in enumerate(table.rows):
        for col in figures:
            value = row[col]
            if isinstance(value, int | float) and 0 < value < threshold:
                hidden.add((r, col))
    primary = len(hidden)
    relations = _relations(table)
    changed = True
    while changed:
        changed = False
        for total, parts in relations:
            members = parts + ([total] if total is not None else [])
            blanked = [p for p in members if p in hidden]
            if total is None and len(parts) < 2:
                continue  # nothing else to hide (see the module docstring)
            if len(blanked) != 1:
                continue
            open_parts = [p for p in parts if p not in hidden]
            nonzero = [p for p in open_parts if _value(table, p) > 0]
            pool = nonzero or open_parts
            if pool:
                hidden.add(min(pool, key=lambda p: (_value(table, p), p)))
            elif total is not None and total not in hidden:
                hidden.add(total)
            else:
                continue
            changed = True
    rates = [
        (i, [table.index(k) for k in c.depends_on])
        for i, c in enumerate(table.columns)
        if c.kind is ColumnKind.RATE
    ]
    for r in range(len(table.rows)):
        for col, sources in rates:
            if any((r, s) in hidden for s in sources):
                hidden.add((r, col))
    rows: list[tuple[Cell, ...]] = [
        tuple(None if (r, c) in hidden else cell for c, cell in enumerate(row))
        for r, row in enumerate(table.rows)
    ]
    done = table.with_rows(
        tuple(rows),
        threshold=threshold,
        suppressed_primary=primary,
        suppressed_secondary=len(hidden) - primary,
    )
    return done, len(hidden)
