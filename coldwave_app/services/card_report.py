"""Beneficiary cards: for the households of a douar or for listed persons, eight per sheet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.domain.roles import Permission
from coldwave_app.reports.cards import render_cards
from coldwave_app.reports.models import (
    Card,
    CardSheet,
)
from coldwave_app.services.access import audit, requires
from coldwave_app.services.report_common import campaign_of, footer_of, place_of
from coldwave_app.storage import report_queries as rq
from coldwave_app.storage.geography import GeoRepository, Place
from coldwave_app.storage.local_store import LocalStore


def _card_names(row: rq.CardRow) -> tuple[str, str]:
    """(Arabic, Latin) names for a card, each falling back on the other, then on the
    name the person goes by, then on the code."""
    fallback = row.known_as or row.code
    return row.name_ar or row.name_latn or fallback, row.name_latn or row.name_ar or fallback


@requires(Permission.EXPORT_PERSONAL)
def cards_data(
    store: LocalStore,
    *,
    douar: str | None = None,
    person_ids: Sequence[str] = (),
    issued_on: date | None = None,
    now: dt.datetime | None = None,
) -> CardSheet:
    """Cards for every household of a douar, or for the persons listed (in that order)."""
    campaign = campaign_of(store)
    if (douar is None) == (not person_ids):
        raise InvalidInput(N_("Choose a douar or some persons, not both."))
    geo = GeoRepository(store.db)
    cache: dict[str, Place | None] = {}
    cards: list[Card] = []

    def place_names(code: str | None) -> tuple[str, str]:
        place = place_of(geo, cache, code) if code else None
        return (place.name_ar, place.name_fr or place.name_ar) if place else ("", "")

    if douar is not None:
        if place_of(geo, cache, douar) is None:
            raise InvalidInput(N_("No place with code {code}."), code=douar)
        for row in rq.card_households(store.db, campaign, douar):
            name_ar, name_fr = _card_names(row)
            place_ar, place_fr = place_names(row.geo_code)
            cards.append(
                Card(row.code, "household", name_ar, name_fr, place_ar, place_fr, size=row.size)
            )
        if not cards:
            raise InvalidInput(N_("No household registered in douar {code}."), code=douar)
    else:
        found = rq.card_persons(store.db, list(person_ids))
        for person_id in person_ids:
            person = found.get(person_id)
            if person is None:
                raise InvalidInput(N_("No person {person}."), person=person_id)
            name_ar, name_fr = _card_names(person)
            place_ar, place_fr = place_names(person.geo_code)
            cards.append(
                Card(
                    person.code,
                    "person",
                    name_ar,
                    name_fr,
                    place_ar,
                    place_fr,
                    birth_year=person.birth_year,
                )
            )
    footer = footer_of(store, now)
    return CardSheet(footer=footer, issued_on=issued_on or footer.produced_at.date(), cards=cards)


def write_cards(
    store: LocalStore,
    path: Path,
    *,
    douar: str | None = None,
    person_ids: Sequence[str] = (),
    issued_on: date | None = None,
    langs: Sequence[str] = ("fr", "ar"),
    now: dt.datetime | None = None,
) -> int:
    """Write the sheets of beneficiary cards; returns the page count."""
    data = cards_data(store, douar=douar, person_ids=person_ids, issued_on=issued_on, now=now)
    audit(store, action="export", detail={"report": "cards", "file": path.name})
    return render_cards(data, path, langs)
