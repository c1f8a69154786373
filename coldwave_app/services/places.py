"""Places: finding official ones and adding the hamlets and street spots teams meet."""

from __future__ import annotations

from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.storage.geography import GeoRepository, Place, index_local_place
from coldwave_app.storage.local_store import LocalStore

LOCAL_PLACE_KINDS = ("sub_douar", "hamlet", "street_spot", "squat", "bus_station", "other")


def find_places(
    store: LocalStore,
    *,
    text: str,
    level: str | None = None,
    province_code: str | None = None,
    limit: int = 50,
) -> list[Place]:
    """Official places matching a name in either script, or a code prefix."""
    return GeoRepository(store.db).search(
        text, level=level, province_code=province_code, limit=limit
    )


def add_local_place(
    store: LocalStore,
    *,
    parent_code: str,
    kind: str,
    name_ar: str | None = None,
    name_latn: str | None = None,
) -> str:
    """Record a place the HCP list lacks, tied to the official unit it lies in."""
    if GeoRepository(store.db).get(parent_code) is None:
        raise InvalidInput(N_("Unknown place code {code}."), code=parent_code)
    if kind not in LOCAL_PLACE_KINDS:
        raise InvalidInput(N_("Unknown kind of place: {kind}."), kind=kind)
    if not (name_ar or "").strip() and not (name_latn or "").strip():
        raise InvalidInput(N_("A place needs a name in Arabic or in Latin letters."))
    with store.db.atomic():
        row = store.writer().insert(
            "local_place",
            {
                "parent_geo_code": parent_code,
                "kind": kind,
                "name_ar": (name_ar or "").strip() or None,
                "name_latn": (name_latn or "").strip() or None,
            },
        )
        index_local_place(store.db, str(row["id"]), row["name_ar"], row["name_latn"])
    return str(row["id"])
