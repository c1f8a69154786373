"""Shelter desk UI tests: helpers to show a screen in an active window and to pick
demo people, on a fresh copy of the demo campaign (its shelter has 27 residents)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from coldwave_app.storage.local_store import LocalStore

W = TypeVar("W", bound=QWidget)


@pytest.fixture
def shown(qtbot: QtBot) -> Callable[[W], W]:
    """Show a widget as the active window, so its shortcuts answer real key presses."""

    def show(widget: W) -> W:
        qtbot.addWidget(widget)
        widget.resize(1280, 800)
        widget.show()
        widget.activateWindow()
        qtbot.waitUntil(widget.isActiveWindow)
        return widget

    return show


@pytest.fixture
def returning_man(demo_store: LocalStore) -> tuple[str, str, str, int]:
    """(id, given Latin name, family Latin name, birth year) of a demo man not staying now."""
    row = demo_store.db.execute(
        "SELECT p.id, p.given_name_latn, p.family_name_latn, p.birth_year FROM person p "
        "WHERE p.sex = 'm' AND p.given_name_latn IS NOT NULL AND p.family_name_latn IS NOT NULL "
        "AND p.birth_year IS NOT NULL AND p.deleted = 0 AND NOT EXISTS "
        "(SELECT 1 FROM stay s WHERE s.person_id = p.id AND s.exit_at IS NULL) "
        "ORDER BY p.id LIMIT 1"
    ).fetchone()
    return str(row[0]), str(row[1]), str(row[2]), int(row[3])


@pytest.fixture
def count_persons(demo_store: LocalStore) -> Callable[[], int]:
    def count() -> int:
        row = demo_store.db.execute("SELECT count(*) FROM person WHERE deleted = 0").fetchone()
        return int(row[0])

    return count
