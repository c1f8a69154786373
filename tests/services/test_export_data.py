"""Aggregate exports of the demo season: the figures of the indicators, small cells
suppressed, and no personal data in any cell of any export."""

from __future__ import annotations

import csv
import re
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from helpers.stores import ADMIN, PASSWORD
from openpyxl import load_workbook

from coldwave_app.domain.errors import InvalidInput
from coldwave_app.reports.table import ALLOWED_KINDS, FIGURE_KINDS, ColumnKind
from coldwave_app.services.demo_campaign import build_demo_campaign
from coldwave_app.services.export_data import FORMATS, TABLES, build_table, export_table
from coldwave_app.services.indicators import households_reached, items_distributed
from coldwave_app.storage.local_store import LocalStore, unlock

START, END = date(2025, 11, 17), date(2026, 2, 28)
HXL_TAG = re.compile(r"^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$")


@pytest.fixture(scope="module")
def demo(template_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStore]:
    target = tmp_path_factory.mktemp("demo") / "data"
    shutil.copytree(template_dir, target)
    store = unlock(target, username=ADMIN, password=PASSWORD)
    build_demo_campaign(store, seed=2025)
    yield store
    store.close()


def _personal_values(store: LocalStore) -> tuple[set[str], set[str]]:
    """(values no cell may equal, values no cell may contain) from the database."""
    db = store.db
    whole: set[str] = set()
    inside: set[str] = set()
    for row in db.execute(
        "SELECT given_name_ar, family_name_ar, given_name_latn, family_name_latn, known_as, "
        "phone, beneficiary_code, cin_masked FROM person"
    ):
        names = [v for v in row[:5] if v]
        whole.update(names)
        inside.update(v for v in row[5:] if v)
        for a, b in ((row[0], row[1]), (row[2], row[3])):
            if a and b:
                inside.add(f"{a} {b}")
    for head, code in db.execute("SELECT head_name, beneficiary_code FROM household"):
        if head:
            inside.add(head)
        inside.add(code)
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        columns = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
        if "id" in columns:
            inside.update(str(r[0]) for r in db.execute(f"SELECT id FROM {table}") if r[0])
        if "note" in columns:
            inside.update(str(r[0]) for r in db.execute(f"SELECT note FROM {table}") if r[0])
    return whole, {v for v in inside if len(v) >= 8}


def _cells(path: Path) -> list[str]:
    if path.suffix == ".xlsx":
        book = load_workbook(path)
        return [
            str(v)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for v in row
            if v is not None
        ]
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


def test_no_personal_data_in_any_export_of_the_demo(demo: LocalStore, tmp_path: Path) -> None:
    whole, inside = _personal_values(demo)
    assert len(whole) > 100 and len(inside) > 1000  # the scan has something to look for
    scanned = 0
    for table in TABLES:
        for fmt in FORMATS:
            out = tmp_path / f"{table}.{fmt}"
            done = export_table(demo, table=table, fmt=fmt, out=out, start=START, end=END)
            assert done.rows > 0
            files = [out] if fmt == "xlsx" else [out, done.statement_path]
            for path in files:
                for cell in _cells(path):
                    scanned += 1
                    assert cell not in whole, (table, fmt, cell)
                    for secret in inside:
                        assert secret not in cell, (table, fmt, cell)
    assert scanned > 1000


def test_every_column_has_an_allowed_kind_and_a_valid_hxl_tag(demo: LocalStore) -> None:
    for code in TABLES:
        table = build_table(demo, table=code, start=START, end=END)
        for column in table.columns:
            assert column.kind in ALLOWED_KINDS
            assert HXL_TAG.match(column.hxl), column.hxl


def test_3w_counts_follow_the_indicators(demo: LocalStore) -> None:
    table = build_table(demo, table="3w", start=START, end=END, threshold=1)
    assert table.suppressed == 0
    households = table.index("households")
    expected = households_reached(demo, START, END)["by_douar"]
    assert sum(int(r[households] or 0) for r in table.rows) == sum(expected.values())
    assert {r[table.index("adm2_name")] for r in table.rows} - {""}  # provinces filled
    assert all(r[table.index("adm1_code")] for r in table.rows if r[table.index("adm4_code")])
    items = build_table(demo, table="items-by-douar", start=START, end=END, threshold=1)
    quantity = items.index("quantity")
    total = sum(float(r[quantity] or 0) for r in items.rows)
    assert total == pytest.approx(sum(items_distributed(demo, START, END).values()))


def test_small_cells_of_the_demo_are_suppressed(demo: LocalStore) -> None:
    raw = build_table(demo, table="reached-by-douar", start=START, end=END, threshold=1)
    done = build_table(demo, table="reached-by-douar", start=START, end=END, threshold=5)
    figures = [i for i, c in enumerate(done.columns) if c.kind in FIGURE_KINDS]
    small = [(r, c) for r, row in enumerate(raw.rows) for c in figures if 0 < (row[c] or 0) < 5]
    assert small, "the demo has small cells"
    assert all(done.rows[r][c] is None for r, c in small)
    assert done.suppressed_primary == len(small) and done.suppressed_secondary > 0
    for row in done.rows:
        assert all(v is None or not 0 < v < 5 for v in (row[c] for c in figures))  # type: ignore[operator]
    assert done.columns[done.index("risk")].kind is ColumnKind.LEVEL


def test_unknown_table_and_bad_threshold_are_refused(demo: LocalStore) -> None:
    with pytest.raises(InvalidInput):
        build_table(demo, table="persons", start=START, end=END)
    with pytest.raises(InvalidInput):
        build_table(demo, table="3w", start=START, end=END, threshold=0)
