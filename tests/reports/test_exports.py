"""Aggregate exports from plain tables: suppression, the statement, CSV, HXL, XLSX."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from coldwave_app.domain.errors import InvalidInput
from coldwave_app.i18n import current_language, gettext, set_language
from coldwave_app.reports.exports import (
    about_lines,
    about_path,
    write_csv,
    write_hxl_csv,
    write_xlsx,
)
from coldwave_app.reports.suppression import suppress
from coldwave_app.reports.table import AggregateTable, Column, ColumnKind

K = ColumnKind


@pytest.fixture(autouse=True)
def french() -> Iterator[None]:
    before = current_language()
    set_language("fr")
    yield
    set_language(before)


COLUMNS = (
    Column("douar", "Douar", "#adm4+name", K.PLACE_NAME),
    Column("code", "Douar code", "#adm4+code", K.PLACE_CODE),
    Column("persons", "Persons reached", "#reached+ind", K.COUNT),
    Column("female", "Women and girls", "#reached+ind+f", K.COUNT),
    Column("male", "Men and boys", "#reached+ind+m", K.COUNT),
)


def table(*rows: tuple[object, ...]) -> AggregateTable:
    return AggregateTable(
        code="reach",
        title="Households and persons reached by douar",
        columns=COLUMNS,
        rows=tuple(rows),  # type: ignore[arg-type]
        parts=(("persons", ("female", "male")),),
        period=("2026-01-01", "2026-01-31"),
    )


SAMPLE = table(
    ("Aït Ali", "001", 40, 22, 18),
    ("Tizi", "002", 25, 23, 2),
    ("Imi", "003", 30, 14, 16),
    ("Anfgou", "004", 0, 0, 0),
)


def test_small_cells_suppressed_with_secondary_suppression() -> None:
    done, count = suppress(SAMPLE, 5)
    rows = {r[1]: r for r in done.rows}
    # Primary: 2 men in Tizi. In its row, persons = women + men: one more cell must go
    # (women, the smallest other part). In the men's column, whose total is published,
    # the smallest other non-zero cell goes too.
    assert rows["002"][4] is None
    assert rows["002"][3] is None
    assert rows["003"][4] is None
    # ... which leaves Imi's row with one blank: its other part goes as well.
    assert rows["003"][3] is None
    assert done.suppressed_primary == 1 and count == done.suppressed >= 4
    # No relation is left with a lone blank.
    for row in done.rows:
        assert sum(c is None for c in row[2:]) != 1
    for col in (2, 3, 4):
        assert sum(r[col] is None for r in done.rows) != 1
    # Zeros and large cells stay.
    assert rows["004"][2:] == (0, 0, 0) and rows["001"][2] == 40


def test_threshold_is_configurable_and_must_be_positive() -> None:
    done, count = suppress(SAMPLE, 1)
    assert count == 0 and done.rows == SAMPLE.rows
    done, _ = suppress(SAMPLE, 30)
    assert done.rows[1][4] is None and done.rows[1][2] is None  # 25 < 30
    with pytest.raises(InvalidInput):
        suppress(SAMPLE, 0)


def test_a_rate_is_blanked_with_the_figure_it_comes_from() -> None:
    nights = AggregateTable(
        code="occ",
        title="Shelter occupancy by night",
        columns=(
            Column("night", "Night", "#date", K.DATE),
            Column("persons", "Persons in a bed", "#reached+ind", K.COUNT),
            Column("beds", "Beds open", "#capacity", K.CAPACITY),
            Column("rate", "Occupancy rate", "#indicator", K.RATE, ("persons",)),
        ),
        rows=(("2026-01-01", 3, 40, 0.075), ("2026-01-02", 30, 40, 0.75), ("d3", 31, 40, 0.775)),
    )
    done, _ = suppress(nights, 5)
    assert done.rows[0][1:] == (None, 40, None)
    assert done.rows[1][1:] == (None, 40, None)  # secondary, in the column
    assert done.rows[2][1:] == (31, 40, 0.775)


def test_only_allowed_column_kinds() -> None:
    with pytest.raises(InvalidInput):
        Column("name", "Name", "#meta+name", "person_name")  # type: ignore[arg-type]


def test_suppression_stated(tmp_path: Path) -> None:
    done, count = suppress(SAMPLE, 5)
    text = "\n".join(about_lines(done))
    assert "(seuil 5)" in text and f"{count} cellules supprimées" in text
    assert "aucun nom" in text
    sidecar = write_csv(done, tmp_path / "reach.csv")
    assert sidecar == about_path(tmp_path / "reach.csv") == tmp_path / "reach.about.txt"
    assert f"{count} cellules supprimées" in sidecar.read_text(encoding="utf-8")
    write_xlsx(done, tmp_path / "reach.xlsx")
    about = load_workbook(tmp_path / "reach.xlsx")["À propos de cet export"]
    assert any(f"{count} cellules supprimées" in str(c.value) for c in about["A"])


def test_csv_has_a_bom_raw_numbers_and_blank_suppressed_cells(tmp_path: Path) -> None:
    done, _ = suppress(SAMPLE, 5)
    write_csv(done, tmp_path / "reach.csv")
    raw = (tmp_path / "reach.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0] == [gettext(c.label) for c in COLUMNS]
    assert rows[1] == ["Aït Ali", "001", "40", "22", "18"]
    assert rows[2] == ["Tizi", "002", "25", "", ""]


def test_hxl_hashtag_row_present_right_under_the_header_with_valid_tags(tmp_path: Path) -> None:
    done, _ = suppress(SAMPLE, 5)
    write_hxl_csv(done, tmp_path / "reach.hxl.csv")
    raw = (tmp_path / "reach.hxl.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8").splitlines()))
    assert rows[0] == [gettext(c.label) for c in COLUMNS]
    assert rows[1] == [
        "#adm4+name",
        "#adm4+code",
        "#reached+ind",
        "#reached+ind+f",
        "#reached+ind+m",
    ]
    assert len(rows) == 2 + len(SAMPLE.rows)


def test_xlsx_opens_with_openpyxl_and_has_typed_numbers(tmp_path: Path) -> None:
    done, _ = suppress(SAMPLE, 5)
    write_xlsx(done, tmp_path / "reach.xlsx")
    book = load_workbook(tmp_path / "reach.xlsx")
    assert book.sheetnames == ["reach", "À propos de cet export"]
    sheet = book["reach"]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == tuple(gettext(c.label) for c in COLUMNS)
    assert values[1] == ("Aït Ali", "001", 40, 22, 18)
    assert isinstance(values[1][2], int) and values[2][3] is None


def test_a_text_cell_never_becomes_a_formula(tmp_path: Path) -> None:
    risky = table(("=HYPERLINK(1)", "001", 40, 20, 20))
    write_csv(risky, tmp_path / "r.csv")
    write_xlsx(risky, tmp_path / "r.xlsx")
    assert "'=HYPERLINK" in (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    assert load_workbook(tmp_path / "r.xlsx")["reach"]["A2"].value == "'=HYPERLINK(1)"


def test_secondary_suppression_per_item_when_totals_are_per_item() -> None:
    items = AggregateTable(
        code="items",
        title="Items given by douar",
        columns=(
            Column("douar", "Douar", "#adm4+code", K.PLACE_CODE),
            Column("item", "Item code", "#item+code", K.ITEM),
            Column("quantity", "Quantity given", "#output+num", K.QUANTITY),
        ),
        rows=(
            ("001", "BLANKET", 3),
            ("002", "BLANKET", 40),
            ("001", "FLOUR", 2),
            ("002", "FLOUR", 9),
        ),
        totals_by="item",
    )
    done, count = suppress(items, 5)
    assert [r[2] for r in done.rows] == [None, None, None, None]
    assert count == 4 and done.suppressed_secondary == 2
