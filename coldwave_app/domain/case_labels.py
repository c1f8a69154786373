"""The names (msgids) of the stored codes of case work, shared by the screens and the reports.

One table per vocabulary, so the case file on screen and the case summary on paper say
the same thing. Order matters where a form lists the choices: the first visibility
(caseworker only) is the default of a new note.
"""

from __future__ import annotations

from typing import Final

from coldwave_app.domain.errors import N_

__all__ = ["CASE_STATUSES", "NEEDS", "PRIORITIES", "REFERRAL_STATUSES", "VISIBILITIES"]

NEEDS: Final = {
    "shelter": N_("Shelter"),
    "food": N_("Food"),
    "health": N_("Health"),
    "documents": N_("Documents"),
    "income": N_("Income"),
    "family_conflict": N_("Family conflict"),
    "violence": N_("Violence"),
    "disability": N_("Disability"),
}
PRIORITIES: Final = {"high": N_("High"), "medium": N_("Medium"), "low": N_("Low")}
REFERRAL_STATUSES: Final = {
    "sent": N_("Sent"),
    "accepted": N_("Accepted"),
    "refused": N_("Refused"),
    "completed": N_("Completed"),
    "no_answer": N_("No answer"),
}
CASE_STATUSES: Final = {
    "open": N_("Open"),
    "in_follow_up": N_("In follow-up"),
    "closed": N_("Closed"),
}
VISIBILITIES: Final = {
    "caseworker_only": N_("Caseworker only"),
    "team": N_("Case team"),
    "health_only": N_("Health staff only"),
}
