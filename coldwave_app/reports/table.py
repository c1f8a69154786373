"""The table every aggregate export is written from: plain data, no names or ids.

An `AggregateTable` is built by coldwave_app.services.export_data and written by
coldwave_app.reports.exports after coldwave_app.reports.suppression has blanked its
small cells. Each column has a kind from an allow-list (`ALLOWED_KINDS`): places,
dates, organisations, sectors, items, levels and figures. There is no kind for a
person, a household, a name, an identifier, a phone or a note, and a table refuses a
column of any other kind, so that such a field cannot be exported by mistake.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from coldwave_app.domain.errors import N_, InvalidInput

Cell = str | int | float | None  # None: blank (suppressed, or nothing to say)


class ColumnKind(StrEnum):
    DATE = "date"
    PLACE_CODE = "place_code"  # HCP code of a region, province, commune or douar
    PLACE_NAME = "place_name"
    ORGANISATION = "organisation"
    SECTOR = "sector"
    ITEM = "item"  # item code or item name of the catalogue
    LEVEL = "level"  # risk level of a douar
    FACILITY = "facility"  # name of a shelter
    CAPACITY = "capacity"  # beds open: about places, not people
    COUNT = "count"  # persons or households: suppressed when small
    QUANTITY = "quantity"  # quantities given: suppressed when small (they track households)
    RATE = "rate"  # derived from counts: blanked when one of its sources is


ALLOWED_KINDS = frozenset(ColumnKind)
FIGURE_KINDS = frozenset({ColumnKind.COUNT, ColumnKind.QUANTITY})


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # msgid, translated when written
    hxl: str  # HXL hashtag with attributes, e.g. "#reached+ind+f"
    kind: ColumnKind
    depends_on: tuple[str, ...] = ()  # RATE: the figure columns it is computed from

    def __post_init__(self) -> None:
        if self.kind not in ALLOWED_KINDS:
            raise InvalidInput(
                N_("A column of this kind cannot be exported: {kind}."), kind=self.kind
            )


@dataclass(frozen=True)
class AggregateTable:
    """Rows of aggregate figures. `parts` lists additive relations inside a row:
    (total column, its part columns), e.g. persons = women + men (+ unknown). Each
    figure column also has a published total (the dashboard and the daily report
    show campaign totals), so the rows of a figure column are an additive relation
    too (per group of rows when `totals_by` is set). Suppression uses both to stop
    a blanked cell from being recomputed."""

    code: str
    title: str  # msgid
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    parts: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Rows whose figures add up to one published total: all rows (None), or the rows
    # sharing the value of this column (items: one total per item code).
    totals_by: str | None = None
    period: tuple[str, str] = ("", "")  # ISO first and last day
    threshold: int = 0  # set by suppression: cells under it were blanked
    suppressed_primary: int = 0
    suppressed_secondary: int = 0
    extra_notes: tuple[str, ...] = field(default=())  # msgids

    def __post_init__(self) -> None:
        keys = [c.key for c in self.columns]
        if len(set(keys)) != len(keys):
            raise InvalidInput(N_("Two columns of an export have the same key."))
        for row in self.rows:
            if len(row) != len(self.columns):
                raise InvalidInput(N_("A row of an export does not match its columns."))

    @property
    def suppressed(self) -> int:
        return self.suppressed_primary + self.suppressed_secondary

    def index(self, key: str) -> int:
        return [c.key for c in self.columns].index(key)

    def with_rows(self, rows: tuple[tuple[Cell, ...], ...], **changes: object) -> AggregateTable:
        return replace(self, rows=rows, **changes)  # type: ignore[arg-type]
