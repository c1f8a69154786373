"""The province season every benchmark reads: generated once into bench-cache/, then
copied once per `make bench` run and migrated here, without the pre-migration
backup the app makes for its users (2 GB and minutes that no figure measures)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bench.figures import CACHE, EVENTS, PASSWORD, PERSONS, USER

from coldwave_app.services.people import reindex_people
from coldwave_app.services.synthetic_season import generate_season
from coldwave_app.storage.database import open_database
from coldwave_app.storage.geography import load_geography
from coldwave_app.storage.keystore import KdfParams, Keystore
from coldwave_app.storage.local_store import LocalStore, database_path, initialise, unlock
from coldwave_app.storage.migrations import apply_pending


def _build_cache() -> None:
    building = CACHE.with_name(CACHE.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    store = initialise(building, admin=USER, password=PASSWORD, kdf=KdfParams.for_tests())
    load_geography(store.db)
    generate_season(store, persons=PERSONS, events=EVENTS, seed=1)
    reindex_people(store)
    store.close()
    building.rename(CACHE)


@pytest.fixture(scope="session")
def season_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A migrated copy of the cached season, shared by every benchmark of the run."""
    if not (CACHE / "keys.json").exists():
        _build_cache()
    work = tmp_path_factory.mktemp("season") / "data"
    shutil.copytree(CACHE, work)
    key = Keystore.in_dir(work).unlock(username=USER, password=PASSWORD)
    db = open_database(database_path(work), key, migrate=False)
    apply_pending(db)
    db.conn.close()
    yield work
    shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def season(season_dir: Path) -> Iterator[LocalStore]:
    store = unlock(season_dir, username=USER, password=PASSWORD)
    yield store
    store.close()
