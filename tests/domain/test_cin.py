"""The CIN is normalised leniently: odd numbers warn, nothing raises."""

from __future__ import annotations

from coldwave_app.domain.cin import mask_cin, normalise_cin


def test_well_formed_cin_is_normalised_without_warning() -> None:
    assert normalise_cin(" ab-12 34 56 ") == ("AB123456", [])


def test_eastern_arabic_digits_are_mapped() -> None:
    assert normalise_cin("M٤٥٦٧٨٩") == ("M456789", [])


def test_odd_cin_gives_a_warning_not_an_error() -> None:
    value, warnings = normalise_cin("12345")
    assert value == "12345"
    assert len(warnings) == 1


def test_empty_cin_gives_a_warning() -> None:
    assert normalise_cin("  ")[1]


def test_masked_cin_keeps_letters_and_last_two_digits() -> None:
    assert mask_cin("AB123456") == "AB****56"
    assert mask_cin("j 45 67 89") == "J****89"
