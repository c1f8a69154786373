"""The triage score: fixed, documented weights that add up to 100, with the
reasons a worker reads to see why someone comes first."""

from __future__ import annotations

from datetime import date

from coldwave_app.domain.triage import (
    MAX_SCORE,
    REASON_CHRONIC_ILLNESS,
    REASON_COLD_ALERT,
    REASON_HIGH_ALTITUDE,
    REASON_OLD,
    REASON_RED_DOUAR,
    REASON_SLEEPING_ROUGH,
    REASON_YOUNG,
    TriageFactors,
    age_factors,
    age_on,
    triage_score,
)


def test_nothing_known_scores_zero() -> None:
    assert triage_score(TriageFactors()) == (0, ())


def test_every_factor_together_scores_exactly_the_maximum() -> None:
    everything = TriageFactors(
        old=True,
        young=True,
        disability=True,
        chronic_illness=True,
        pregnancy=True,
        sleeping_rough=True,
        altitude_m=2000,
        risk_level="red",
        cold_alert=True,
    )
    score, reasons = triage_score(everything)
    assert score == MAX_SCORE
    # Age and the douar's exposure count once each, whatever shows them.
    assert REASON_YOUNG not in reasons and REASON_RED_DOUAR not in reasons
    assert len(reasons) == 7


def test_reasons_come_heaviest_first() -> None:
    score, reasons = triage_score(
        TriageFactors(chronic_illness=True, old=True, sleeping_rough=True, cold_alert=True)
    )
    assert score == 20 + 20 + 15 + 5
    assert reasons == (REASON_OLD, REASON_SLEEPING_ROUGH, REASON_CHRONIC_ILLNESS, REASON_COLD_ALERT)


def test_a_high_douar_or_a_red_ranking_is_the_same_exposure() -> None:
    assert triage_score(TriageFactors(altitude_m=1300)) == (10, (REASON_HIGH_ALTITUDE,))
    assert triage_score(TriageFactors(altitude_m=1299)) == (0, ())
    assert triage_score(TriageFactors(altitude_m=900, risk_level="red")) == (
        10,
        (REASON_RED_DOUAR,),
    )
    assert triage_score(TriageFactors(risk_level="orange")) == (0, ())


def test_age_at_the_extremes_counts() -> None:
    assert age_factors(60) == (True, False)
    assert age_factors(59) == (False, False)
    assert age_factors(4) == (False, True)
    assert age_factors(5) == (False, False)
    assert age_factors(None) == (False, False)


def test_age_on_a_day_uses_the_birthday_when_known() -> None:
    on = date(2026, 1, 10)
    assert age_on(birth_year=None, dob=date(1966, 1, 11), on=on) == 59
    assert age_on(birth_year=None, dob=date(1966, 1, 10), on=on) == 60
    assert age_on(birth_year=1966, dob=None, on=on) == 60
    assert age_on(birth_year=None, dob=None, on=on) is None
