"""Household lists from CSV and XLSX: all rows or none, problems by row and column."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from coldwave_app.domain.errors import InvalidInput
from coldwave_app.services.campaign_setup import create_campaign
from coldwave_app.services.household_import import ImportRefused, import_households
from coldwave_app.services.people import register_person
from coldwave_app.storage.local_store import LocalStore

KHENIFRA = "05.301"
DOUAR = "3010301201001"  # أيت امحند, Khénifra
TODAY = date(2025, 12, 1)
DATA = Path(__file__).resolve().parents[1] / "data" / "import"

FRENCH_HEADERS = ["Nom", "Prénom", "Sexe", "Année de naissance", "CIN", "Taille du ménage"]


@pytest.fixture
def campaign_store(store: LocalStore) -> LocalStore:
    create_campaign(store, name="Hiver", province_code=KHENIFRA, period_start=date(2025, 11, 17))
    return store


def count(store: LocalStore, table: str) -> int:
    return int(store.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def snapshot(store: LocalStore) -> tuple[int, ...]:
    return tuple(count(store, t) for t in ("person", "household", "local_place", "outbox"))


def write_csv(path: Path, lines: list[str], *, encoding: str = "utf-8") -> Path:
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def run(store: LocalStore, path: Path, **kwargs: object):  # type: ignore[no-untyped-def]
    return import_households(store, path=path, douar_code=DOUAR, today=TODAY, **kwargs)  # type: ignore[arg-type]


def test_the_arabic_example_imports_every_row_with_its_counts(campaign_store: LocalStore) -> None:
    report = run(campaign_store, DATA / "menages-ar.csv")
    assert report.imported == 3
    assert report.skipped == [] and report.problems == []
    rows = campaign_store.db.execute(
        "SELECT h.geo_code, h.size_declared, h.counts_by_sex_age, h.vulnerability_flags, "
        "p.family_name_ar, p.sex, p.birth_year, p.province_code, p.phone, lp.name_ar "
        "FROM household h JOIN person p ON p.id = h.head_person_id "
        "LEFT JOIN local_place lp ON lp.id = h.local_place_id ORDER BY p.birth_year"
    ).fetchall()
    assert [r[0] for r in rows] == [DOUAR] * 3
    first = rows[0]
    assert first[1] == 6
    assert json.loads(first[2]) == {"female_0_17": 2, "male_0_17": 2}
    assert json.loads(first[3]) == ["elderly_alone", "no_heating"]
    assert first[4:] == ("أوحمو", "m", 1958, KHENIFRA, "0612345678", "تغزوت")
    # One hamlet for the two households that name it.
    assert count(campaign_store, "local_place") == 1
    assert rows[2][2] is None and rows[2][9] is None


def test_semicolon_csv_with_a_bom_from_excel_in_french(
    campaign_store: LocalStore, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "douar.csv",
        [
            ";".join([*FRENCH_HEADERS, "Vulnérabilité"]),
            "Ouhammou;Moha;H;1958;AB123456;6;Sans chauffage, Handicap",
            "Itto;Fatima;F;1970;;3;",
        ],
        encoding="utf-8-sig",
    )
    report = run(campaign_store, path)
    assert report.imported == 2
    masked = campaign_store.db.execute(
        "SELECT cin_masked FROM person WHERE family_name_latn = 'Ouhammou'"
    ).fetchone()[0]
    assert masked == "AB****56"


def test_xlsx_with_a_title_above_the_headers(campaign_store: LocalStore, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "douar.xlsx",
        [
            ["Liste des ménages – douar Ait Mhand"],
            [],
            [*FRENCH_HEADERS, "Garçons 0-17", "Filles 0-17", "Téléphone"],
            ["Ouhammou", "Moha", "H", 1958, None, 6, 2, 2, 612345678],
            ["Itto", "Fatima", "F", 1970.0, None, 3.0, None, 1, None],
            [None] * 9,
        ],
    )
    report = run(campaign_store, path)
    assert report.imported == 2
    phones = campaign_store.db.execute("SELECT phone FROM person ORDER BY birth_year").fetchall()
    assert phones == [("0612345678",), (None,)]


def test_broken_rows_write_nothing_and_say_where(
    campaign_store: LocalStore, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "douar.xlsx",
        [
            FRENCH_HEADERS,
            ["Ouhammou", "Moha", "H", 1958, None, 6],
            ["Itto", "Fatima", "X", 1970, None, 3],
            ["", "", "F", 1970, None, "trois"],
        ],
    )
    before = snapshot(campaign_store)
    with pytest.raises(ImportRefused) as refused:
        run(campaign_store, path)
    assert snapshot(campaign_store) == before
    where = [(p.row, p.column, p.msgid) for p in refused.value.problems]
    assert where[0][:2] == (3, "Sexe")
    assert (4, "Nom") in [w[:2] for w in where]
    assert (4, "Taille du ménage") in [w[:2] for w in where]
    assert refused.value.params == {"problems": 3, "rows": 2}
    assert isinstance(refused.value, InvalidInput)


def test_skip_invalid_imports_the_good_rows_and_lists_the_others(
    campaign_store: LocalStore, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "douar.csv",
        [
            ",".join(FRENCH_HEADERS),
            "Ouhammou,Moha,H,1958,,6",
            "Itto,Fatima,X,1970,,3",
            "Alaoui,Haddou,H,1985,,5",
        ],
    )
    report = run(campaign_store, path, skip_invalid=True)
    assert report.imported == 2
    assert report.skipped == [3]
    assert [(p.row, p.column) for p in report.problems] == [(3, "Sexe")]
    assert count(campaign_store, "household") == 2


def test_a_missing_required_column_cannot_be_skipped(
    campaign_store: LocalStore, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "douar.csv", ["Nom,Sexe", "Moha,H"])
    with pytest.raises(ImportRefused) as refused:
        run(campaign_store, path, skip_invalid=True)
    assert [(p.row, p.column) for p in refused.value.problems] == [(1, None)]
    assert count(campaign_store, "person") == 0


@pytest.mark.parametrize("code", ["9999999999999", "05.301"])
def test_the_douar_must_be_a_known_douar(campaign_store: LocalStore, code: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        import_households(
            campaign_store, path=DATA / "menages-ar.csv", douar_code=code, today=TODAY
        )
    assert refused.value.params == {"code": code}
    assert count(campaign_store, "person") == 0


def test_likely_duplicates_are_flagged_not_merged(
    campaign_store: LocalStore, tmp_path: Path
) -> None:
    known = register_person(
        campaign_store,
        sex="m",
        given_name_latn="Moha",
        family_name_latn="Ouhammou",
        birth_year=1958,
        province_code=KHENIFRA,
    )
    path = write_csv(
        tmp_path / "douar.csv",
        [",".join(FRENCH_HEADERS), "Ouhamou,Mouha,H,1958,,6", "Itto,Fatima,F,1970,,3"],
    )
    report = run(campaign_store, path)
    assert report.imported == 2
    assert [(d.row, d.person_id) for d in report.likely_duplicates] == [(2, known.id)]
    assert count(campaign_store, "person") == 3
    anyway = campaign_store.db.execute(
        "SELECT created_anyway_of FROM person WHERE family_name_latn = 'Ouhamou'"
    ).fetchone()[0]
    assert json.loads(anyway) == [known.id]
    assert count(campaign_store, "person_link") == 0


def test_a_file_that_is_not_utf8_is_a_clear_file_level_error(
    campaign_store: LocalStore, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "douar.csv",
        [",".join(FRENCH_HEADERS), "Ouhammou,Mohé,H,1958,,6"],
        encoding="cp1252",
    )
    with pytest.raises(InvalidInput) as refused:
        run(campaign_store, path)
    assert "UTF-8" in refused.value.msgid
    assert count(campaign_store, "person") == 0


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n;;\r\n"])
def test_an_empty_file_is_refused(
    campaign_store: LocalStore, tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "vide.csv"
    path.write_bytes(content)
    with pytest.raises(InvalidInput) as refused:
        run(campaign_store, path)
    assert refused.value.msgid == "The file is empty."


def test_headers_only_is_refused(campaign_store: LocalStore, tmp_path: Path) -> None:
    with pytest.raises(ImportRefused):
        run(campaign_store, write_csv(tmp_path / "d.csv", [",".join(FRENCH_HEADERS)]))


def test_a_damaged_workbook_and_other_formats_are_refused(
    campaign_store: LocalStore, tmp_path: Path
) -> None:
    bad = tmp_path / "douar.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InvalidInput, match="Excel"):
        run(campaign_store, bad)
    old = tmp_path / "douar.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InvalidInput, match=r"\.xlsx"):
        run(campaign_store, old)


def test_a_failure_half_way_rolls_every_row_back(
    campaign_store: LocalStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coldwave_app.services import household_import

    calls = []
    real = household_import.register_household

    def fail_on_second(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(household_import, "register_household", fail_on_second)
    before = snapshot(campaign_store)
    with pytest.raises(RuntimeError):
        run(campaign_store, DATA / "menages-ar.csv")
    assert snapshot(campaign_store) == before
