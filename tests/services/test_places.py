"""Field-added places hang under an official code and are found like official ones."""

from __future__ import annotations

from datetime import date

import pytest

from coldwave_app.domain.errors import InvalidInput
from coldwave_app.services.campaign_setup import create_campaign
from coldwave_app.services.places import add_local_place, find_places
from coldwave_app.storage.local_store import LocalStore


@pytest.fixture
def campaign_store(store: LocalStore) -> LocalStore:
    create_campaign(store, name="Hiver", province_code="05.301", period_start=date(2025, 11, 17))
    return store


def test_local_place_is_stored_under_its_official_douar(campaign_store: LocalStore) -> None:
    place_id = add_local_place(
        campaign_store, parent_code="3010513202045", kind="hamlet", name_latn="Tighza n'Oufella"
    )
    row = campaign_store.db.execute(
        "SELECT parent_geo_code, status FROM local_place WHERE id = ?", [place_id]
    ).fetchone()
    assert row == ("3010513202045", "unreconciled")
    found = campaign_store.db.execute(
        "SELECT code FROM geo_search WHERE kind = 'local' AND keys LIKE '%tighza%'"
    ).fetchall()
    assert (place_id,) in found


def test_local_place_under_an_unknown_code_is_refused(campaign_store: LocalStore) -> None:
    with pytest.raises(InvalidInput) as caught:
        add_local_place(campaign_store, parent_code="999", kind="hamlet", name_ar="x")
    assert caught.value.params == {"code": "999"}


def test_local_place_needs_a_name(campaign_store: LocalStore) -> None:
    with pytest.raises(InvalidInput):
        add_local_place(campaign_store, parent_code="3010513202045", kind="hamlet", name_ar=" ")


def test_find_places_searches_official_names(campaign_store: LocalStore) -> None:
    assert [p.code for p in find_places(campaign_store, text="Khénifra", level="province")] == [
        "05.301"
    ]
