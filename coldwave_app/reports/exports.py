"""Writers of aggregate tables: CSV, XLSX and HXL-tagged CSV (docs/exports.md).

- CSV: UTF-8 with a byte-order mark (Excel then reads Arabic names right), comma
  separated, one header row of translated labels.
- HXL: UTF-8 without a byte-order mark (HXL tools read it as is), the header row of
  labels, then the row of hashtags, then the data.
- XLSX: a first sheet with the table (numbers typed as numbers) and a second sheet,
  «About this export», with the statement of what the export holds and what was suppressed.

Numbers are raw in CSV and HXL (no thousands separator, a dot for decimals). A
suppressed cell is left blank. CSV and HXL files cannot carry the statement without
confusing the tools that read them, so it goes to a sidecar text file next to them
(`about_path`), and the CLI prints it too.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from coldwave_app.i18n import _
from coldwave_app.reports.table import AggregateTable, Cell

_FORMULA_STARTS = ("=", "+", "-", "@")


def about_lines(table: AggregateTable) -> list[str]:
    """The statement of an export: what it is, that it holds no personal data, and
    the suppression applied."""
    lines = [_(table.title)]
    if table.period[0]:
        lines.append(
            _("Period: {start} to {end}.").format(start=table.period[0], end=table.period[1])
        )
    lines.append(_("Aggregate figures only: no names, identifiers, phone numbers or notes."))
    lines.append(
        _(
            "Small-cell suppression: figures from 1 to {below} were left blank ({primary} "
            "cells), and {secondary} more cells so that they cannot be recomputed from "
            "totals; {total} cells suppressed in all (threshold {threshold})."
        ).format(
            below=table.threshold - 1,
            primary=table.suppressed_primary,
            secondary=table.suppressed_secondary,
            total=table.suppressed,
            threshold=table.threshold,
        )
    )
    lines.extend(_(note) for note in table.extra_notes)
    return lines


def about_path(out: Path) -> Path:
    """The sidecar statement of a CSV or HXL file: `3w.csv` -> `3w.about.txt`."""
    return out.with_suffix(".about.txt")


def _text(cell: Cell, *, guard: bool) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return str(int(cell))
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, int):
        return str(cell)
    if guard and cell.startswith(_FORMULA_STARTS):
        return "'" + cell  # never a formula in a spreadsheet
    return cell


def _labels(table: AggregateTable) -> list[str]:
    return [_(c.label) for c in table.columns]


def _write_rows(path: Path, rows: Iterable[list[str]], *, bom: bool) -> None:
    with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)


def _write_about(out: Path, table: AggregateTable) -> Path:
    path = about_path(out)
    path.write_text("\n".join(about_lines(table)) + "\n", encoding="utf-8")
    return path


def write_csv(table: AggregateTable, out: Path) -> Path:
    """Write the table as CSV, and its statement beside it; returns the statement's path."""
    rows = [_labels(table)] + [[_text(c, guard=True) for c in row] for row in table.rows]
    _write_rows(out, rows, bom=True)
    return _write_about(out, table)


def write_hxl_csv(table: AggregateTable, out: Path) -> Path:
    """Write the table as HXL-tagged CSV (hashtag row right under the header), and its
    statement beside it; returns the statement's path."""
    rows = [_labels(table), [c.hxl for c in table.columns]]
    rows += [[_text(c, guard=False) for c in row] for row in table.rows]
    _write_rows(out, rows, bom=False)
    return _write_about(out, table)


def _sheet_title(text: str) -> str:
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in text).strip()
    return cleaned[:31] or "Sheet"


def write_xlsx(table: AggregateTable, out: Path) -> Path:
    """Write the table and an «About this export» sheet with its statement; returns `out`."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _sheet_title(table.code)
    sheet.append(_labels(table))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append(
            [c if isinstance(c, int | float) or c is None else _text(c, guard=True) for c in row]
        )
    sheet.freeze_panes = "A2"
    about = book.create_sheet(_sheet_title(_("About this export")))
    for line in about_lines(table):
        about.append([line])
    about.column_dimensions["A"].width = 120
    book.save(out)
    return out
