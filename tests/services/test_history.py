"""Entities keep their field history, across local edits and synced ones."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from helpers.replicas import make_replica, ship

from coldwave_app.domain.errors import InvalidInput
from coldwave_app.services.campaign_setup import create_campaign
from coldwave_app.services.history import field_history
from coldwave_app.services.people import register_person


def test_a_field_keeps_every_value_it_held_with_who_set_it(
    template_dir: Path, tmp_path: Path
) -> None:
    a = make_replica(template_dir, tmp_path / "a")
    b = make_replica(template_dir, tmp_path / "b")
    campaign = create_campaign(a, name="H", province_code="05.301", period_start=date(2025, 11, 17))
    b.set_meta("campaign_id", campaign)
    person = register_person(
        a, sex="f", given_name_latn="Itto", known_as="Itto", province_code="05.301"
    )
    ship(a, b)
    b.writer().update("person", person.id, {"known_as": "Itto Ou Ali"})
    ship(b, a)
    a.writer().update("person", person.id, {"known_as": "Itto Oualí"})
    values = [
        c.value for c in field_history(a, table="person", record_id=person.id, field="known_as")
    ]
    assert values == ["Itto", "Itto Ou Ali", "Itto Oualí"]
    a.close()
    b.close()


def test_history_of_an_unknown_field_is_a_clear_error(template_dir: Path, tmp_path: Path) -> None:
    a = make_replica(template_dir, tmp_path / "a")
    with pytest.raises(InvalidInput):
        field_history(a, table="person", record_id="x", field="password")
    with pytest.raises(InvalidInput):
        field_history(a, table="bed_night", record_id="x", field="night_date")
    a.close()
