"""Vulnerability and hypothermia triage: an explainable score from 0 to 100.

Outreach teams and caseworkers cannot reach everyone first, so lists are ordered
by who risks most from the cold. The score is a plain sum of fixed weights, one
per factor present, so that a worker can see from the reasons why a household
comes before another and argue with it; there is no hidden model. The weights add
up to exactly 100 and follow the cold-exposure risk factors of domain.md §1:
age at the extremes and sleeping rough weigh most, then conditions that reduce the
body's defence against cold, then where and when.

A household's factors are those of any of its members (one frail person makes the
whole household a priority), built by the services from the stored records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from coldwave_app.domain.errors import N_

# Ages at which the body copes worst with cold.
OLD_AGE = 60
YOUNG_AGE = 5
# Douars above this altitude stay snowbound the longest (Interior risk ranking).
HIGH_ALTITUDE_M = 1300

WEIGHT_AGE = 20
WEIGHT_SLEEPING_ROUGH = 20
WEIGHT_DISABILITY = 15
WEIGHT_CHRONIC_ILLNESS = 15
WEIGHT_PREGNANCY = 15
WEIGHT_EXPOSED_DOUAR = 10
WEIGHT_COLD_ALERT = 5
MAX_SCORE = 100

REASON_OLD = N_("Aged 60 or over")
REASON_YOUNG = N_("Child under 5")
REASON_SLEEPING_ROUGH = N_("Sleeping rough")
REASON_DISABILITY = N_("Disability")
REASON_CHRONIC_ILLNESS = N_("Chronic illness")
REASON_PREGNANCY = N_("Pregnant or nursing")
REASON_HIGH_ALTITUDE = N_("Douar at 1,300 m or higher")
REASON_RED_DOUAR = N_("Douar ranked red")
REASON_COLD_ALERT = N_("Cold alert in force")

# Health observation categories (health_observation.category) that are factors.
HEALTH_DISABILITY = "disability"
HEALTH_CHRONIC_ILLNESS = "chronic_illness"
HEALTH_PREGNANCY = "pregnancy"

# Household vulnerability flags (people_rules.VULNERABILITY_FLAGS) that are factors.
FLAG_FACTORS = {
    "elderly_alone": "old",
    "infant_under_2": "young",
    "disabled_member": "disability",
    "chronic_illness": "chronic_illness",
    "pregnant_or_nursing": "pregnancy",
}

# Living situations of a place not meant for habitation (HMIS "unsheltered").
ROUGH_SITUATIONS = frozenset(
    {"street", "abandoned_building", "makeshift_shelter", "vehicle", "station"}
)


@dataclass(frozen=True)
class TriageFactors:
    """What is known of a person or a household; unknown counts as absent."""

    old: bool = False
    young: bool = False
    disability: bool = False
    chronic_illness: bool = False
    pregnancy: bool = False
    sleeping_rough: bool = False
    altitude_m: int | None = None
    risk_level: str | None = None
    cold_alert: bool = False


class TriageScore(NamedTuple):
    score: int
    reasons: tuple[str, ...]  # msgids, heaviest factor first


def age_on(*, birth_year: int | None, dob: date | None, on: date) -> int | None:
    """Age in whole years on a date, from a full date of birth or a birth year."""
    if dob is not None:
        return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))
    if birth_year is not None:
        return on.year - birth_year
    return None


def age_factors(age: int | None) -> tuple[bool, bool]:
    """(old, young) for an age; an unknown age is neither."""
    if age is None:
        return False, False
    return age >= OLD_AGE, age < YOUNG_AGE


def triage_score(factors: TriageFactors) -> TriageScore:
    """The score (0-100) and the reasons behind it, heaviest first."""
    found: list[tuple[int, str]] = []
    if factors.old:
        found.append((WEIGHT_AGE, REASON_OLD))
    elif factors.young:
        # Age counts once even in a household with both an elder and an infant.
        found.append((WEIGHT_AGE, REASON_YOUNG))
    if factors.sleeping_rough:
        found.append((WEIGHT_SLEEPING_ROUGH, REASON_SLEEPING_ROUGH))
    if factors.disability:
        found.append((WEIGHT_DISABILITY, REASON_DISABILITY))
    if factors.chronic_illness:
        found.append((WEIGHT_CHRONIC_ILLNESS, REASON_CHRONIC_ILLNESS))
    if factors.pregnancy:
        found.append((WEIGHT_PREGNANCY, REASON_PREGNANCY))
    if factors.altitude_m is not None and factors.altitude_m >= HIGH_ALTITUDE_M:
        found.append((WEIGHT_EXPOSED_DOUAR, REASON_HIGH_ALTITUDE))
    elif factors.risk_level == "red":
        found.append((WEIGHT_EXPOSED_DOUAR, REASON_RED_DOUAR))
    if factors.cold_alert:
        found.append((WEIGHT_COLD_ALERT, REASON_COLD_ALERT))
    score = min(MAX_SCORE, sum(weight for weight, _ in found))
    return TriageScore(score, tuple(reason for _, reason in found))
