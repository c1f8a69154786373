"""The demo season, built once for all report tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.stores import ADMIN, PASSWORD

from coldwave_app.services.demo_campaign import build_demo_campaign
from coldwave_app.storage.local_store import LocalStore, unlock


@pytest.fixture(scope="package")
def demo_store(
    template_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LocalStore]:
    target = tmp_path_factory.mktemp("report-demo") / "data"
    shutil.copytree(template_dir, target)
    store = unlock(target, username=ADMIN, password=PASSWORD)
    build_demo_campaign(store, seed=2025)
    yield store
    store.close()
