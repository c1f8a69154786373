"""The tour: every screen and dialog rendered offscreen to PNG, in French and Arabic."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from coldwave_app.i18n import current_language
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.ui import run_tour
from coldwave_app.ui.areas import all_screens
from coldwave_app.ui.main_window import DEFAULT_SIZE
from coldwave_app.ui.session import Session
from coldwave_app.ui.tour import render_tour

pytestmark = pytest.mark.gui

SHELL_PICTURES = [
    "home",
    "home-first-run",
    "home-create-campaign",
    "home-enrol",
    "sync",
    "conflicts",
    "login",
    "about",
    "first-user",
    "lock",
]


def names(paths: list[Path], lang: str) -> list[str]:
    return [p.name for p in paths if p.name.endswith(f"-{lang}.png")]


def test_tour_writes_every_screen_and_dialog_in_both_languages(
    app: QApplication, tmp_path: Path, demo_session: Session
) -> None:
    out = tmp_path / "tour"
    shell = [s for s in all_screens() if s.key in ("home", "sync", "conflicts")]
    written = render_tour(out, demo_session, screens=shell)

    expected = [f"{n:02d}-{name}" for n, name in enumerate(SHELL_PICTURES, start=1)]
    assert names(written, "fr") == [f"{e}-fr.png" for e in expected]
    assert names(written, "ar") == [f"{e}-ar.png" for e in expected]
    assert written[0].name == "01-home-fr.png"  # French first, then Arabic
    for path in written:
        assert path.parent == out
        assert path.stat().st_size > 5_000
        image = QImage(str(path))
        assert not image.isNull()
        if any(f"-{key}-" in path.name for key in ("home", "sync", "conflicts", "lock")) and not (
            "first-run" in path.name or "create" in path.name or "enrol" in path.name
        ):
            assert image.size() == DEFAULT_SIZE
    assert current_language() == "fr"  # restored
    assert not [w for w in app.topLevelWidgets() if w.isVisible()]


def test_run_tour_one_language_covers_every_area(
    app: QApplication, tmp_path: Path, demo_store: LocalStore
) -> None:
    written = run_tour(tmp_path, demo_store, language="ar")
    assert all(p.name.endswith("-ar.png") for p in written)
    pictured = {p.name.split("-", 1)[1].rsplit("-", 1)[0] for p in written}
    assert {spec.key for spec in all_screens()} <= pictured
    assert {"login", "about", "first-user", "lock"} <= pictured
    assert current_language() == "fr"


def test_unknown_language_is_refused(
    app: QApplication, tmp_path: Path, demo_session: Session
) -> None:
    out = tmp_path / "tour"
    with pytest.raises(ValueError, match="Unsupported language"):
        render_tour(out, demo_session, languages=["en"])
    assert not out.exists()
