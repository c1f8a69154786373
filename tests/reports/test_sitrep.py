"""The daily situation report, from the demo season, read back from the PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from helpers.pdf_read import logical_text, overflowing_chars, page_texts

from coldwave_app.services.report_data import sitrep_data, write_sitrep
from coldwave_app.storage.local_store import LocalStore

SEASON = {"start": date(2025, 12, 1), "end": date(2026, 2, 28)}


def test_the_sitrep_in_french_carries_the_season_figures(
    demo_store: LocalStore, tmp_path: Path
) -> None:
    data = sitrep_data(demo_store, **SEASON)
    pdf = tmp_path / "sitrep.pdf"
    pages = write_sitrep(demo_store, pdf, **SEASON, langs=("fr",))
    text = "\n".join(page_texts(pdf)).replace("\u202f", " ").replace("\xa0", " ")
    assert 2 <= pages <= 6
    assert "Khénifra" in text and "décembre" in text
    assert f"{data.bed_nights:,}".replace(",", " ") in text
    assert str(data.persons_sheltered) in text and str(data.shelter_refused) in text
    assert "Farine" in text and "Couverture" in text
    assert overflowing_chars(pdf) == []


def test_the_arabic_sitrep_keeps_arabic_words_whole_and_in_order(
    demo_store: LocalStore, tmp_path: Path
) -> None:
    data = sitrep_data(demo_store, **SEASON)
    pdf = tmp_path / "sitrep-ar.pdf"
    write_sitrep(demo_store, pdf, **SEASON, langs=("ar",))
    text = logical_text(pdf)
    assert "خنيفرة" in text  # the centre's name
    assert "دجنبر" in text  # the Moroccan month name of the period
    assert data.douars[0].name_ar in text
    assert "دقيق" in text  # flour, in the items table and chart
    assert overflowing_chars(pdf) == []


def test_both_languages_side_by_side_and_a_single_day(
    demo_store: LocalStore, tmp_path: Path
) -> None:
    pdf = tmp_path / "sitrep-both.pdf"
    write_sitrep(demo_store, pdf, start=date(2026, 1, 10), langs=("fr", "ar"))
    text = logical_text(pdf)
    assert "janvier" in text and "يناير" in text
    assert "Khénifra" in text and "خنيفرة" in text
    assert overflowing_chars(pdf) == []


def test_a_sitrep_refuses_a_period_that_ends_before_it_starts(
    demo_store: LocalStore, tmp_path: Path
) -> None:
    from coldwave_app.domain.errors import InvalidInput

    with pytest.raises(InvalidInput):
        write_sitrep(demo_store, tmp_path / "x.pdf", start=date(2026, 1, 10), end=date(2026, 1, 1))
