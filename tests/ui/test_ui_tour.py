"""The tour: main screens rendered offscreen to PNG, in French and Arabic."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from coldwave_app.i18n import current_language
from coldwave_app.services.overview import CampaignOverview
from coldwave_app.ui import run_tour
from coldwave_app.ui.about import ABOUT_WIDTH
from coldwave_app.ui.main_window import DEFAULT_SIZE
from coldwave_app.ui.tour import render_tour

pytestmark = pytest.mark.gui


def test_tour_writes_every_screen_in_both_languages(
    app: QApplication, tmp_path: Path, overview: CampaignOverview
) -> None:
    out = tmp_path / "tour"
    written = render_tour(out, lambda: overview)

    assert [path.name for path in written] == [
        "01-home-fr.png",
        "02-about-fr.png",
        "01-home-ar.png",
        "02-about-ar.png",
    ]
    for path in written:
        assert path.parent == out
        assert path.stat().st_size > 10_000
        image = QImage(str(path))
        assert not image.isNull()
        if "home" in path.name:
            assert image.size() == DEFAULT_SIZE
        else:
            assert image.width() == ABOUT_WIDTH
            assert 300 < image.height() < 1000
    assert current_language() == "fr"  # restored
    assert not [w for w in app.topLevelWidgets() if w.isVisible()]


def test_run_tour_one_language(
    app: QApplication, tmp_path: Path, overview: CampaignOverview
) -> None:
    written = run_tour(tmp_path, lambda: overview, language="ar")
    assert [path.name for path in written] == ["01-home-ar.png", "02-about-ar.png"]
    assert current_language() == "fr"


def test_unknown_language_is_refused(
    app: QApplication, tmp_path: Path, overview: CampaignOverview
) -> None:
    with pytest.raises(ValueError, match="Unsupported language"):
        render_tour(tmp_path, lambda: overview, languages=["en"])
    assert list(tmp_path.iterdir()) == []
