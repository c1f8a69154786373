"""What the desktop's report forms offer to choose from: douars, shelters, referrals, periods.

Names come in both scripts so the form shows them in the user's language; codes are
what the report functions of services.report_data take.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.storage import report_choice_queries as q
from coldwave_app.storage import report_queries as rq
from coldwave_app.storage.geography import GeoRepository
from coldwave_app.storage.local_store import LocalStore

__all__ = [
    "Choice",
    "campaign_period",
    "default_report_day",
    "douar_choices",
    "facility_choices",
    "referral_choices",
]


@dataclass(frozen=True)
class Choice:
    """One entry of a picker: the value passed on, and its label in each language."""

    value: str
    label_ar: str
    label_fr: str

    def label(self, lang: str) -> str:
        return self.label_ar if lang == "ar" else self.label_fr


STALE_DAYS = 30
"""After this many days without records, reports open on the last active day, not today."""


def _campaign(store: LocalStore) -> str:
    campaign = store.campaign_id
    if not campaign:
        raise InvalidInput(N_("There is no campaign on this laptop yet."))
    return campaign


def douar_choices(store: LocalStore) -> list[Choice]:
    """Places with households in this campaign (most households first), named in both scripts."""
    geo = GeoRepository(store.db)
    choices: list[Choice] = []
    for row in q.douars_with_households(store.db, _campaign(store)):
        place = geo.get(row.code)
        name_ar = place.name_ar if place else row.code
        name_fr = (place.name_fr or place.name_ar) if place else row.code
        choices.append(
            Choice(
                row.code,
                f"{name_ar} ({row.code}) — {row.households}",
                f"{name_fr} ({row.code}) — {row.households}",
            )
        )
    return choices


def facility_choices(store: LocalStore) -> list[Choice]:
    """The campaign's shelters."""
    return [
        Choice(f.id, f.name_ar or f.name_fr, f.name_fr or f.name_ar)
        for f in rq.facilities(store.db, _campaign(store))
    ]


def referral_choices(store: LocalStore) -> list[Choice]:
    """The latest referrals, labelled by date, service, status and beneficiary code."""
    return [
        Choice(r.id, label, label)
        for r in q.referral_choices(store.db, _campaign(store))
        for label in [f"{r.sent_on[:10]} · {r.service_type} · {r.status} · {r.person_code}"]
    ]


def campaign_period(store: LocalStore) -> tuple[date, date]:
    """(first, last) day the campaign covers, for default report periods.

    An open campaign (no end yet) ends today, or on its last recorded day when that
    is later (a demo or an imported season in the future of this laptop's clock).
    """
    campaign = _campaign(store)
    first, last = q.campaign_period(store.db, campaign)
    start = date.fromisoformat(first[:10]) if first else date.today()
    if last:
        return start, max(start, date.fromisoformat(last[:10]))
    return start, max(start, date.today())


def default_report_day(store: LocalStore) -> date:
    """The day a daily report opens on: today, unless nothing was recorded for a month
    (a closed season, the demo): then the last day with records."""
    start, end = campaign_period(store)
    today = date.today()
    active_text = q.last_activity_day(store.db, _campaign(store))
    active = date.fromisoformat(active_text) if active_text else None
    if start <= today <= end and (active is None or (today - active).days <= STALE_DAYS):
        return today
    return min(max(active or start, start), end)
