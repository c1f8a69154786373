"""How the case desk names stored codes (statuses, needs, modes...) and people.

The msgids are the ones the case summary report uses where they exist, so both
read the same. An unknown code (from a newer release) is shown as it is.
"""

from __future__ import annotations

from coldwave_app.domain.case_labels import (
    CASE_STATUSES,
    NEEDS,
    PRIORITIES,
    REFERRAL_STATUSES,
    VISIBILITIES,
)
from coldwave_app.domain.errors import N_
from coldwave_app.i18n import _, current_language, isolate_ltr

__all__ = [
    "CASE_STATUSES",
    "CHECKS",
    "CLOSURE_REASONS",
    "CONSENT_METHODS",
    "FOLLOW_UP_KINDS",
    "FOLLOW_UP_MODES",
    "MEDIATION_STEPS",
    "NEEDS",
    "PRIORITIES",
    "REFERRAL_STATUSES",
    "REINTEGRATION_STATUSES",
    "VISIBILITIES",
    "code_text",
    "joined",
    "label",
    "person_name",
]

FOLLOW_UP_MODES = {
    "at_centre": N_("At the centre"),
    "phone": N_("Phone"),
    "home_visit": N_("Home visit"),
}
FOLLOW_UP_KINDS = {
    "regular": N_("Follow-up"),
    "check_30": N_("30-day check"),
    "check_90": N_("90-day check"),
}
CHECKS = {k: v for k, v in FOLLOW_UP_KINDS.items() if k != "regular"}
MEDIATION_STEPS = {
    "first_contact": N_("First contact with the family"),
    "family_visit": N_("Family visit"),
    "joint_meeting": N_("Joint meeting"),
    "agreement": N_("Agreement to return"),
    "family_refused": N_("Family refused"),
}
REINTEGRATION_STATUSES = {
    "mediation": N_("Family mediation under way"),
    "returned": N_("Returned to the family"),
}
CLOSURE_REASONS = {
    "goals_met": N_("Goals met"),
    "reintegrated": N_("Back with the family"),
    "referred_on": N_("Taken over by a partner"),
    "lost_contact": N_("Contact lost"),
    "moved_away": N_("Moved away"),
    "declined": N_("No longer wants follow-up"),
    "deceased": N_("Deceased"),
    "other": N_("Other reason"),
}
CONSENT_METHODS = {
    "verbal_witnessed": N_("Verbal, with a witness"),
    "signed": N_("Signed"),
    "thumbprint": N_("Thumbprint"),
    "guardian": N_("By a guardian"),
}


def label(table: dict[str, str], code: str | None) -> str:
    """The translated label of `code`, the code itself if unknown, "" for None."""
    if not code:
        return ""
    return _(table[code]) if code in table else code


def code_text(code: str | None) -> str:
    """A beneficiary code kept left to right among Arabic text: an isolate, plus
    left-to-right marks, because Qt's table cells do not honour isolates alone
    (a trailing "*" jumped to the front of "P-6CC9-NB76-*")."""
    return isolate_ltr(f"\u200e{code}\u200e") if code else ""


def joined(labels: list[str]) -> str:
    """Labels as a list in a sentence: the Arabic comma in Arabic."""
    return ("، " if current_language() == "ar" else ", ").join(labels)


def person_name(
    name_latn: str | None, name_ar: str | None, known_as: str | None, code: str | None = None
) -> str:
    """A person's name in the script of the UI when recorded, else the other one, else
    the nickname, else the beneficiary code."""
    latn, ar = (name_latn or "").strip(), (name_ar or "").strip()
    first, second = (ar, latn) if current_language() == "ar" else (latn, ar)
    name = first or second or (known_as or "").strip()
    if name:
        return name
    if code:
        return code_text(code)
    return _("No name recorded")
