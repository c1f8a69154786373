"""Morocco's geography as loaded from resources/geo: counts, codes, lookups, search."""

from __future__ import annotations

import pytest

from coldwave_app.storage.geography import GeoRepository
from coldwave_app.storage.local_store import LocalStore

# The counts the data README states, checked upstream against HCP's totals.
EXPECTED = {
    "region": 12,
    "province": 83,
    "cercle": 213,
    "commune": 1503,
    "arrondissement": 41,
    "fraction": 5203,
    "douar": 33189,
}


@pytest.mark.parametrize(("level", "count"), EXPECTED.items())
def test_every_unit_of_each_level_is_loaded(store: LocalStore, level: str, count: int) -> None:
    assert GeoRepository(store.db).count(level) == count


def test_codes_keep_their_leading_zeros(store: LocalStore) -> None:
    geo = GeoRepository(store.db)
    douar = geo.get("0510301201001")
    assert douar is not None
    assert douar.name_ar == "اجنانات"
    assert douar.commune_code == "01.051.03.01"
    assert douar.province_code == "01.051"
    region = geo.get("01")
    assert region is not None and region.level == "region"


def test_douars_hang_from_their_fraction_and_fractions_from_their_commune(
    store: LocalStore,
) -> None:
    geo = GeoRepository(store.db)
    douars = geo.children("0510301201", level="douar")
    assert [d.code for d in douars][:2] == ["0510301201001", "0510301201002"]
    fractions = geo.children("01.051.03.01", level="fraction")
    assert "0510301201" in {f.code for f in fractions}


def test_khenifra_province_has_its_488_douars(store: LocalStore) -> None:
    douars = GeoRepository(store.db).in_province("05.301", level="douar")
    assert len(douars) == 488
    assert all(d.code.startswith("301") for d in douars)


def test_arrondissements_belong_to_their_city_and_province(store: LocalStore) -> None:
    place = GeoRepository(store.db).get("01.511.01.05")
    assert place is not None
    assert (place.level, place.parent_code, place.province_code) == (
        "arrondissement",
        "01.511.01.0",
        "01.511",
    )


def test_ait_in_latin_or_arabic_spelling_finds_the_same_douars(store: LocalStore) -> None:
    geo = GeoRepository(store.db)
    found = [
        {p.code for p in geo.search(q, level="douar", province_code="05.301", limit=5000)}
        for q in ("ait", "آيت", "أيت")
    ]
    assert len(found[0]) > 50
    assert found[0] == found[1] == found[2]


def test_a_commune_is_found_by_its_french_name_without_accents(store: LocalStore) -> None:
    results = GeoRepository(store.db).search("khenifra", level="province")
    assert [p.code for p in results] == ["05.301"]
    results = GeoRepository(store.db).search("Khénifra", level="province")
    assert [p.code for p in results] == ["05.301"]


def test_a_douar_is_found_in_arabic_with_other_alef_and_hamza_forms(store: LocalStore) -> None:
    geo = GeoRepository(store.db)
    with_hamza = {p.code for p in geo.search("أيت خاصة", level="douar")}
    bare = {p.code for p in geo.search("ايت خاصه", level="douar")}
    assert "3010513202045" in with_hamza
    assert with_hamza == bare


def test_the_lam_alef_presentation_form_matches_the_plain_letters(store: LocalStore) -> None:
    geo = GeoRepository(store.db)
    plain = {p.code for p in geo.search("اولاد موسى", level="fraction", limit=500)}
    ligature = {p.code for p in geo.search("أوﻻد موسى", level="fraction", limit=500)}
    assert plain and plain == ligature


def test_search_by_code_prefix(store: LocalStore) -> None:
    results = GeoRepository(store.db).search("05103012010", level="douar", limit=100)
    assert results and all(p.code.startswith("05103012010") for p in results)


def test_exact_names_rank_before_partial_matches(store: LocalStore) -> None:
    results = GeoRepository(store.db).search("خنيفرة", limit=10)
    assert results[0].name_ar == "خنيفرة"


def test_empty_search_returns_nothing(store: LocalStore) -> None:
    assert GeoRepository(store.db).search("   ") == []
