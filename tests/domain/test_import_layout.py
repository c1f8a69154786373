"""The household list layout: headers in French or Arabic, and one problem per mistake."""

from __future__ import annotations

import pytest

from coldwave_app.domain.import_layout import (
    COLUMNS,
    HeaderMap,
    fold_header,
    header_score,
    is_blank,
    map_headers,
    validate_row,
)
from coldwave_app.domain.people_rules import VULNERABILITY_FLAGS

YEAR = 2025


def header(*names: str) -> HeaderMap:
    found, problems = map_headers(list(names))
    assert problems == []
    return found


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Année de naissance", "birth_year"),
        ("  ANNEE  DE naissance ", "birth_year"),
        ("سنة الازدياد", "birth_year"),
        ("سنة الإزدياد", "birth_year"),
        ("Taille du ménage", "household_size"),
        ("عدد افراد الاسرة", "household_size"),
        ("Prénom (arabe)", "head_given_name_ar"),
        ("prenom arabe", "head_given_name_ar"),
        ("N° CIN", "cin"),
        ("Vulnérabilité", "vulnerability"),
        ("الهشاشة", "vulnerability"),
        ("males_0_17", "males_0_17"),
        ("ذكور 60+", "males_60_plus"),
    ],
)
def test_headers_are_recognised_after_folding(written: str, key: str) -> None:
    found, _ = map_headers(["Nom", "Taille du ménage", written])
    assert found.positions.get(key) is not None


def test_every_alias_names_one_column_only() -> None:
    seen: dict[str, str] = {}
    for column in COLUMNS:
        for alias in (column.key, *column.fr, *column.ar):
            assert seen.setdefault(fold_header(alias), column.key) == column.key


def test_unknown_headers_are_ignored_and_listed() -> None:
    found, problems = map_headers(["N°", "Nom", "Taille du ménage", "Observations"])
    assert problems == []
    assert found.ignored == ("N°", "Observations")


def test_a_list_without_names_or_size_is_refused_at_the_header_row() -> None:
    _, problems = map_headers(["Sexe", "CIN"], row=3)
    assert [(p.row, p.column) for p in problems] == [(3, None), (3, None)]


def test_a_repeated_column_is_a_problem() -> None:
    _, problems = map_headers(["Nom", "Nom de famille", "Taille du ménage"])
    assert [(p.column, p.params) for p in problems] == [("Nom de famille", {"other": "Nom"})]


def test_header_score_finds_the_header_under_a_title() -> None:
    assert header_score(["Liste des ménages du douar Ait Hmou"]) == 0
    assert header_score(["Nom", "Prénom", "Sexe"]) == 3


def test_a_valid_arabic_row() -> None:
    cols = header("الاسم العائلي", "الاسم الشخصي", "الجنس", "سنة الازدياد", "عدد أفراد الأسرة")
    row, problems = validate_row(cols, 2, ["أوحمو", "موحى", "ذكر", "١٩٥٨", "6"], this_year=YEAR)
    assert problems == []
    assert row is not None
    assert (row.family_name_ar, row.given_name_ar, row.sex) == ("أوحمو", "موحى", "m")
    assert (row.birth_year, row.household_size) == (1958, 6)


def test_names_without_a_script_in_the_header_take_the_script_of_the_value() -> None:
    cols = header("Nom", "Prénom", "Taille du ménage")
    row, _ = validate_row(cols, 2, ["Ouhammou", "موحى", "3"], this_year=YEAR)
    assert row is not None
    assert (row.family_name_latn, row.given_name_ar) == ("Ouhammou", "موحى")


@pytest.mark.parametrize(
    ("written", "sex"),
    [("H", "m"), ("M", "m"), ("homme", "m"), ("ذكر", "m"), ("F", "f"), ("أنثى", "f"), ("", "u")],
)
def test_sex_values(written: str, sex: str) -> None:
    cols = header("Nom", "Sexe", "Taille du ménage")
    row, problems = validate_row(cols, 2, ["Moha", written, "2"], this_year=YEAR)
    assert problems == [] and row is not None
    assert row.sex == sex


def test_vulnerabilities_in_either_language_map_to_the_closed_list() -> None:
    cols = header("Nom", "Taille du ménage", "Vulnérabilité")
    row, problems = validate_row(
        cols, 2, ["Moha", "4", "Sans chauffage, مرض مزمن ; handicap ، no_heating"], this_year=YEAR
    )
    assert problems == [] and row is not None
    assert row.vulnerability_flags == ("no_heating", "chronic_illness", "disabled_member")
    assert set(row.vulnerability_flags) <= set(VULNERABILITY_FLAGS)


def test_each_mistake_is_one_problem_with_its_row_and_column_as_written() -> None:
    cols = header(
        "Nom", "Sexe", "Année de naissance", "Taille du ménage", "Téléphone", "Hommes 18-59"
    )
    row, problems = validate_row(
        cols, 7, ["", "X", "18/02/1850", "deux", "12", "-1"], this_year=YEAR
    )
    assert row is None
    assert [(p.row, p.column) for p in problems] == [
        (7, "Nom"),
        (7, "Sexe"),
        (7, "Année de naissance"),
        (7, "Taille du ménage"),
        (7, "Hommes 18-59"),
        (7, "Téléphone"),
    ]
    assert problems[1].params == {"value": "X"}
    assert problems[2].params == {"value": 1850}


def test_counts_may_not_exceed_the_household_size() -> None:
    cols = header("Nom", "Taille du ménage", "Garçons 0-17", "Filles 0-17")
    row, problems = validate_row(cols, 2, ["Moha", "3", "2", "2"], this_year=YEAR)
    assert row is None
    assert problems[0].column == "Taille du ménage"
    assert problems[0].params == {"total": 4}


def test_a_row_needs_a_size_or_counts() -> None:
    cols = header("Nom", "Taille du ménage", "Garçons 0-17")
    row, problems = validate_row(cols, 2, ["Moha", "", ""], this_year=YEAR)
    assert row is None and problems[0].column == "Taille du ménage"
    row, _ = validate_row(cols, 3, ["Moha", "", "2"], this_year=YEAR)
    assert row is not None and row.counts == {"male_0_17": 2}


@pytest.mark.parametrize(
    ("written", "phone"),
    [
        ("06 12 34 56 78", "0612345678"),
        ("+212 612-345678", "0612345678"),
        ("612345678", "0612345678"),
        ("٠٦١٢٣٤٥٦٧٨", "0612345678"),
    ],
)
def test_phone_numbers_are_normalised(written: str, phone: str) -> None:
    cols = header("Nom", "Taille du ménage", "Téléphone")
    row, problems = validate_row(cols, 2, ["Moha", "2", written], this_year=YEAR)
    assert problems == [] and row is not None
    assert row.phone == phone


def test_blank_rows() -> None:
    assert is_blank(["", "  ", None])
    assert not is_blank(["", "x"])
