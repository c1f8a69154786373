"""Data directories for tests: a real encrypted store, made once and copied per test.

Making a store loads 45,000 places of geography; doing it once per session and
copying the files keeps each test fast while every test still gets its own real
SQLCipher database.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from coldwave_app.storage.geography import load_geography
from coldwave_app.storage.keystore import KdfParams
from coldwave_app.storage.local_store import LocalStore, initialise, unlock

ADMIN = "amina"
PASSWORD = "correct horse battery"


@pytest.fixture(scope="session")
def template_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "data"
    store = initialise(path, admin=ADMIN, password=PASSWORD, kdf=KdfParams.for_tests())
    load_geography(store.db)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture
def data_dir(template_dir: Path, tmp_path: Path) -> Path:
    """A fresh copy of the template data directory (admin `amina`)."""
    target = tmp_path / "data"
    shutil.copytree(template_dir, target)
    return target


@pytest.fixture
def store(data_dir: Path) -> Iterator[LocalStore]:
    opened = unlock(data_dir, username=ADMIN, password=PASSWORD)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def demo_template_dir(template_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory holding the demo campaign (built once per session, ~seconds)."""
    from coldwave_app.services.demo_campaign import build_demo_campaign

    path = tmp_path_factory.mktemp("demo-template") / "data"
    shutil.copytree(template_dir, path)
    store = unlock(path, username=ADMIN, password=PASSWORD)
    build_demo_campaign(store, seed=2025)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture
def demo_data_dir(demo_template_dir: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo data directory (admin `amina`)."""
    target = tmp_path / "demo"
    shutil.copytree(demo_template_dir, target)
    return target


@pytest.fixture
def demo_store(demo_data_dir: Path) -> Iterator[LocalStore]:
    opened = unlock(demo_data_dir, username=ADMIN, password=PASSWORD)
    yield opened
    opened.close()
