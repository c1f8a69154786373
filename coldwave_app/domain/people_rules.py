"""Closed lists and checks for people, households and consent.

Values are stored as these lowercase codes and checked here, not with CHECK
constraints, so that a release can add one without rebuilding a table
(vocabulary.py explains the convention).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from coldwave_app.domain.errors import N_, InvalidInput

RELATIONSHIPS = (
    "head",
    "spouse",
    "child",
    "parent",
    "sibling",
    "grandchild",
    "grandparent",
    "other_relative",
    "non_relative",
)

# The same age bands as `tally`, so that a household counted without registering
# its members adds up with anonymous tallies in every figure.
COUNT_BANDS = (
    "male_0_17",
    "female_0_17",
    "male_18_59",
    "female_18_59",
    "male_60_plus",
    "female_60_plus",
    "unknown_sex_age",
)

VULNERABILITY_FLAGS = (
    "elderly_alone",
    "disabled_member",
    "chronic_illness",
    "pregnant_or_nursing",
    "infant_under_2",
    "female_headed",
    "orphan_in_care",
    "no_heating",
    "damaged_housing",
    "isolated_douar",
)

CONSENT_PURPOSES = ("registration", "health_data", "referral_sharing", "photo", "family_contact")

CONSENT_METHODS = ("verbal_witnessed", "signed", "thumbprint", "guardian")

# Oldest plausible age; beyond it an estimate is a typing error.
MAX_AGE = 120


def check_choice(value: str, allowed: Iterable[str], msgid: str) -> str:
    """Return `value` when it is one of `allowed`, else raise InvalidInput(msgid)."""
    if value not in tuple(allowed):
        raise InvalidInput(msgid, value=value)
    return value


def check_flags(flags: Iterable[str]) -> list[str]:
    """Vulnerability flags, deduplicated in the order given; unknown ones refused."""
    out: list[str] = []
    for flag in flags:
        check_choice(flag, VULNERABILITY_FLAGS, N_("Unknown vulnerability flag: {value}."))
        if flag not in out:
            out.append(flag)
    return out


def check_counts(counts: Mapping[str, int]) -> dict[str, int]:
    """Counts by sex and age band: known bands, whole numbers, none negative."""
    out: dict[str, int] = {}
    for band, number in counts.items():
        check_choice(band, COUNT_BANDS, N_("Unknown sex and age group: {value}."))
        if isinstance(number, bool) or not isinstance(number, int) or number < 0:
            raise InvalidInput(N_("A count must be a whole number, zero or more."))
        out[band] = number
    return out


def person_names(names: Mapping[str, str | None], aliases: Sequence[str] = ()) -> list[str]:
    """The names a person is searched by: full name per script, each part, aliases."""
    out: list[str | None] = [
        " ".join(n for n in (names.get("given_name_ar"), names.get("family_name_ar")) if n),
        " ".join(n for n in (names.get("given_name_latn"), names.get("family_name_latn")) if n),
        names.get("given_name_ar"),
        names.get("family_name_ar"),
        names.get("given_name_latn"),
        names.get("family_name_latn"),
        names.get("known_as"),
        *aliases,
    ]
    return [n for n in dict.fromkeys(out) if n]
