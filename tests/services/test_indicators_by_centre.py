"""All centres' figures in one pass agree with the single-centre indicators."""

from __future__ import annotations

from datetime import date

from coldwave_app.services import indicators
from coldwave_app.services.shelter import occupancy_by_night
from coldwave_app.storage.local_store import LocalStore


def test_every_centre_matches_its_own_indicators(demo_store: LocalStore) -> None:
    start, end = date(2025, 11, 17), date(2026, 2, 28)
    by_centre = indicators.shelter_figures_by_centre(demo_store, start, end)
    assert by_centre, "the demo shelters people"
    for facility_id, figures in by_centre.items():
        assert figures.persons == indicators.persons_sheltered(demo_store, start, end, facility_id)
        assert figures.bed_nights == indicators.bed_nights(demo_store, start, end, facility_id)
        assert figures.occupancy == indicators.occupancy_rate(demo_store, start, end, facility_id)
        assert figures.nightly == occupancy_by_night(
            demo_store, facility_id=facility_id, start=start, end=end
        )
    assert sum(f.bed_nights for f in by_centre.values()) == indicators.bed_nights(
        demo_store, start, end
    )


def test_a_day_without_roll_call_has_no_centre(demo_store: LocalStore) -> None:
    assert (
        indicators.shelter_figures_by_centre(demo_store, date(2025, 1, 1), date(2025, 1, 2)) == {}
    )
