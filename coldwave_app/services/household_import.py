"""Import the household lists local authorities prepare per douar (CSV or XLSX).

Every row is checked before anything is written (domain.import_layout explains
the layout). With a problem anywhere the import is refused and nothing is
written, unless `skip_invalid` asks to import the good rows and list the others.
The rows are written in one transaction: a failure half-way leaves the data as
it was. Likely duplicates are flagged, never merged: the new person is created,
records which existing people it resembles (`created_anyway_of`), and the report
lists them for review.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.domain.import_layout import (
    HeaderMap,
    HouseholdRow,
    RowProblem,
    fold_header,
    header_score,
    is_blank,
    map_headers,
    validate_row,
)
from coldwave_app.domain.text_folding import is_arabic
from coldwave_app.services.dedup import likely_matches
from coldwave_app.services.people import register_household, register_person
from coldwave_app.services.places import add_local_place
from coldwave_app.storage import people_repo
from coldwave_app.storage.geography import GeoRepository, local_places_under
from coldwave_app.storage.local_store import LocalStore

# The header row may sit under a title ("Liste des ménages du douar ..."): it is the
# first of these rows that names at least two known columns.
HEADER_SEARCH_ROWS = 10
_SNIFF_BYTES = 16_384

Row = tuple[int, list[str]]


class ImportRefused(InvalidInput):
    """Some rows are invalid and --skip-invalid was not given: nothing was written."""

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        rows = {p.row for p in problems}
        super().__init__(
            N_("Nothing was imported. Problems: {problems}, in rows: {rows}."),
            problems=len(problems),
            rows=len(rows),
        )
        self.problems = list(problems)


@dataclass(frozen=True)
class ImportPlan:
    header: HeaderMap
    rows: list[HouseholdRow]
    problems: list[RowProblem]

    @property
    def invalid_rows(self) -> list[int]:
        return sorted({p.row for p in self.problems})


@dataclass(frozen=True)
class LikelyDuplicate:
    row: int
    person_id: str
    score: float
    beneficiary_code: str = ""


@dataclass(frozen=True)
class ImportReport:
    imported: int
    skipped: list[int]
    problems: list[RowProblem]
    likely_duplicates: list[LikelyDuplicate]
    household_ids: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def _text(value: Any) -> str:
    """A cell as text: 5.0 -> "5", a date -> "2025-12-01"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")  # Excel's "Unicode text"
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(
            N_("The file is not UTF-8 text: save it as «CSV UTF-8» and import it again.")
        ) from None


def _csv_rows(path: Path) -> list[Row]:
    text = _decode(path.read_bytes())
    sample = text[:_SNIFF_BYTES]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        first = next((line for line in sample.splitlines() if line.strip()), "")
        delimiter = max(",;\t", key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[Row] = []
    try:
        # Numbered by record, as a spreadsheet shows the file (a cell may span lines).
        for number, record in enumerate(reader, start=1):
            rows.append((number, [_text(c) for c in record]))
    except csv.Error as err:
        raise InvalidInput(
            N_("The CSV file is malformed near line {line}: {detail}"),
            line=reader.line_num,
            detail=str(err),
        ) from None
    return rows


def _xlsx_rows(path: Path) -> list[Row]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise InvalidInput(
            N_("The file cannot be read as an Excel workbook (.xlsx): {path}."), path=path.name
        ) from None
    try:
        sheet = workbook.worksheets[0]
        return [
            (number, [_text(c) for c in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        workbook.close()


def read_rows(path: Path) -> tuple[HeaderMap, list[Row], list[RowProblem]]:
    """The header row and the data rows under it, each with its spreadsheet row number.

    File-level mistakes (not UTF-8, not a workbook, empty, no header) raise InvalidInput;
    header problems (a missing required column...) are returned with the header.
    """
    if not path.is_file():
        raise InvalidInput(N_("No file {path}."), path=str(path))
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        rows = _csv_rows(path)
    elif suffix in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(path)
    else:
        raise InvalidInput(
            N_("Only .csv and .xlsx files can be imported (in Excel: Save as, .xlsx)."),
        )
    rows = [(n, cells) for n, cells in rows if not is_blank(cells)]
    if not rows:
        raise InvalidInput(N_("The file is empty."))
    for index, (number, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if header_score(cells) >= 2:
            header, problems = map_headers(cells, row=number)
            return header, rows[index + 1 :], problems
    raise InvalidInput(
        N_("No known column headers in the first rows: see docs/import-households.md.")
    )


def validate(
    header: HeaderMap, rows: Sequence[Row], *, this_year: int
) -> tuple[list[HouseholdRow], list[RowProblem]]:
    valid: list[HouseholdRow] = []
    problems: list[RowProblem] = []
    for number, cells in rows:
        household, found = validate_row(header, number, cells, this_year=this_year)
        if household is not None:
            valid.append(household)
        problems.extend(found)
    return valid, problems


def plan_import(path: Path, *, today: date) -> ImportPlan:
    """Read and check a file without writing anything."""
    header, rows, header_problems = read_rows(path)
    if header_problems:
        return ImportPlan(header, [], header_problems)
    valid, problems = validate(header, rows, this_year=today.year)
    if not valid and not problems:
        problems = [
            RowProblem(header.row, None, N_("The file has no household under its headers."))
        ]
    return ImportPlan(header, valid, problems)


def _douar_province(store: LocalStore, douar_code: str) -> str | None:
    place = GeoRepository(store.db).get(douar_code.strip())
    if place is None:
        raise InvalidInput(N_("Unknown place code {code}."), code=douar_code)
    if place.level != "douar":
        raise InvalidInput(N_("{code} is not a douar: give the code of a douar."), code=douar_code)
    return place.province_code


def _known_local_places(store: LocalStore, douar_code: str) -> dict[str, str]:
    """Folded name -> id of the field-added places already tied to the douar."""
    known: dict[str, str] = {}
    for place_id, name_ar, name_latn in local_places_under(store.db, douar_code):
        for name in (name_ar, name_latn):
            if name:
                known.setdefault(fold_header(name), place_id)
    return known


def _local_place_id(store: LocalStore, douar_code: str, name: str, known: dict[str, str]) -> str:
    """The field-added place of this name under the douar, added on first use."""
    key = fold_header(name)
    if key not in known:
        arabic = is_arabic(name)
        known[key] = add_local_place(
            store,
            parent_code=douar_code,
            kind="hamlet",
            name_ar=name if arabic else None,
            name_latn=None if arabic else name,
        )
    return known[key]


def import_households(
    store: LocalStore,
    *,
    path: Path,
    douar_code: str,
    skip_invalid: bool = False,
    today: date | None = None,
) -> ImportReport:
    """Import a douar's household list; see the module docstring for the rules."""
    if not store.campaign_id:
        raise InvalidInput(N_("Choose or create a campaign first."))
    douar_code = douar_code.strip()
    province_code = _douar_province(store, douar_code)
    today = today or datetime.now(UTC).date()
    plan = plan_import(path, today=today)
    header_level = any(p.row == plan.header.row for p in plan.problems)
    if plan.problems and (header_level or not skip_invalid or not plan.rows):
        raise ImportRefused(plan.problems)

    duplicates: list[LikelyDuplicate] = []
    household_ids: list[str] = []
    with store.db.atomic():
        places = _known_local_places(store, douar_code)
        for row in plan.rows:
            matches = likely_matches(
                store,
                sex=row.sex,
                birth_year=row.birth_year,
                province_code=province_code,
                cin=row.cin,
                given_name_ar=row.given_name_ar,
                family_name_ar=row.family_name_ar,
                given_name_latn=row.given_name_latn,
                family_name_latn=row.family_name_latn,
            )
            codes = {
                p.id: p.beneficiary_code
                for p in people_repo.person_summaries(store.db, [m.person_id for m in matches])
            }
            duplicates.extend(
                LikelyDuplicate(row.row, m.person_id, m.score, codes.get(m.person_id, ""))
                for m in matches
            )
            person = register_person(
                store,
                sex=row.sex,
                birth_year=row.birth_year,
                cin=row.cin,
                phone=row.phone,
                province_code=province_code,
                origin_geo_code=douar_code,
                created_anyway_of=[m.person_id for m in matches],
                today=today,
                given_name_ar=row.given_name_ar,
                family_name_ar=row.family_name_ar,
                given_name_latn=row.given_name_latn,
                family_name_latn=row.family_name_latn,
            )
            local_place_id = (
                _local_place_id(store, douar_code, row.local_place, places)
                if row.local_place
                else None
            )
            household = register_household(
                store,
                head_person_id=person.id,
                geo_code=douar_code,
                local_place_id=local_place_id,
                size_declared=row.household_size,
                counts_by_sex_age=dict(row.counts) or None,
                vulnerability_flags=row.vulnerability_flags,
            )
            household_ids.append(household.id)
    return ImportReport(
        imported=len(plan.rows),
        skipped=plan.invalid_rows,
        problems=plan.problems,
        likely_duplicates=duplicates,
        household_ids=household_ids,
        ignored_columns=list(plan.header.ignored),
    )
