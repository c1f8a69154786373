"""UI tests: one offscreen QApplication set up like the real one, French at the start."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from PySide6.QtWidgets import QApplication

import coldwave_app.i18n as i18n
from coldwave_app.services.overview import CampaignOverview
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.ui.application import create_application, set_ui_language
from coldwave_app.ui.session import Session


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """pytest-qt's application, with the bundled fonts, in French; restored afterwards."""
    before = i18n.current_language()
    application = create_application()
    set_ui_language(application, "fr")
    yield application
    set_ui_language(application, before)


@pytest.fixture
def overview() -> CampaignOverview:
    return CampaignOverview(
        campaign_id="0193c9f4-campaign",
        campaign_name="Hiver 2026 Ifrane",
        province_code="05.301",
        province_name_ar="إفران",
        province_name_fr="Ifrane",
        counts={
            "person": 12345,
            "household": 3210,
            "stay": 845,
            "bed_night": 20456,
            "distribution_line": 98765,
            "encounter": 4321,
            "case_file": 57,
            "audit_entry": 999,
        },
        items_distributed={"BLANKET": 420.0},
        pending_changes=42,
        open_conflicts=3,
        last_sync_at="2026-12-18T20:05:00+00:00",
    )


def write_catalog(root: Path, lang: str, entries: dict[str, str]) -> None:
    catalog = Catalog(locale=lang, domain="coldwave", fuzzy=False)
    for msgid, msgstr in entries.items():
        catalog.add(msgid, msgstr)
    path = root / lang / "LC_MESSAGES" / "coldwave.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fileobj:
        write_po(fileobj, catalog)


@pytest.fixture
def small_catalogs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Tiny catalogs of our own, so the tests do not depend on the translators' wording."""
    root = tmp_path / "translations"
    write_catalog(root, "fr", {"&Language": "&Langue", "About coldwave": "À propos de coldwave"})
    write_catalog(root, "ar", {"&Language": "&اللغة", "About coldwave": "حول coldwave"})
    monkeypatch.setattr(
        i18n, "catalog_path", lambda lang: root / lang / "LC_MESSAGES" / "coldwave.po"
    )
    i18n.reload_catalogs()
    yield root
    i18n.reload_catalogs()


@pytest.fixture
def demo_session(app: QApplication, demo_store: LocalStore) -> Iterator[Session]:
    """A UI session on a fresh copy of the demo campaign; background jobs drained after."""
    session = Session(demo_store)
    yield session
    session.settle()
