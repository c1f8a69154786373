"""The home screen: which campaign this laptop holds and its headline figures.

On a laptop without a campaign it shows the first-run panel instead of empty
tiles: create a campaign, enrol with a server's code, or load the demo.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QFrame, QGridLayout, QVBoxLayout, QWidget

from coldwave_app.domain.errors import N_, ColdwaveError
from coldwave_app.i18n import _, current_language, isolate_auto, translate_error
from coldwave_app.i18n.formatting import format_number
from coldwave_app.services.overview import CampaignOverview, campaign_overview
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.ui.first_run import CreateCampaignDialog, EnrolDialog, FirstRunPanel
from coldwave_app.ui.screen_spec import ScreenSpec
from coldwave_app.ui.session import Session
from coldwave_app.ui.widgets import Label

__all__ = ["COUNT_TILES", "SCREENS", "CountTile", "HomeScreen", "province_name"]

COUNT_TILES: Final[tuple[tuple[str, str], ...]] = (
    ("person", N_("Persons")),
    ("household", N_("Households")),
    ("stay", N_("Shelter stays")),
    ("bed_night", N_("Bed nights")),
    ("distribution_line", N_("Distribution lines")),
    ("encounter", N_("Outreach encounters")),
    ("case_file", N_("Cases")),
)
"""The headline counts: table name in CampaignOverview.counts, then its label."""

_TILE_COLUMNS: Final = 4

_STYLE: Final = """
QFrame#countTile {
    background: palette(base);
    border: 1px solid palette(midlight);
    border-radius: 8px;
}
QLabel#tileValue { font-size: 22pt; font-weight: bold; color: #1f4e79; }
QLabel#tileCaption { color: #4a5560; }
QLabel#campaignTitle { font-size: 20pt; font-weight: bold; }
QLabel#provinceLabel { color: #4a5560; font-size: 13pt; }
QLabel#sectionHeading { font-size: 13pt; font-weight: bold; }
"""


class CountTile(QFrame):
    """One headline figure: the number, large, above its label."""

    def __init__(self, key: str, caption_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.caption_id = caption_id
        self.setObjectName("countTile")
        self.value_label = Label("0", self)
        self.value_label.setObjectName("tileValue")
        self.caption_label = Label(parent=self)
        self.caption_label.setObjectName("tileCaption")
        self.caption_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(2)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)
        layout.addStretch(1)

    def show_value(self, value: int) -> None:
        self.value_label.setText(format_number(value))
        self.caption_label.setText(_(self.caption_id))


def province_name(overview: CampaignOverview, lang: str) -> str:
    """The province in the UI language, else in the other one, else its code."""
    first, second = (
        (overview.province_name_ar, overview.province_name_fr)
        if lang == "ar"
        else (overview.province_name_fr, overview.province_name_ar)
    )
    return first or second or overview.province_code or ""


class HomeScreen(QWidget):
    """Campaign name, province and the count tiles; the first-run panel when empty."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.overview = CampaignOverview(None, None, None, None, None)
        self.loaded = False  # the first figures have arrived
        self.setObjectName("homeScreen")
        self.setStyleSheet(_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(8)

        self.campaign_label = Label(parent=self)
        self.campaign_label.setObjectName("campaignTitle")
        self.campaign_label.setWordWrap(True)
        self.province_label = Label(parent=self)
        self.province_label.setObjectName("provinceLabel")
        self.message_label = Label(parent=self)
        self.message_label.setObjectName("homeMessage")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        self.section_label = Label(parent=self)
        self.section_label.setObjectName("sectionHeading")

        self.tiles_box = QWidget(self)
        grid = QGridLayout(self.tiles_box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(16)
        self.tiles: dict[str, CountTile] = {}
        for index, (key, caption_id) in enumerate(COUNT_TILES):
            tile = CountTile(key, caption_id, self.tiles_box)
            self.tiles[key] = tile
            grid.addWidget(tile, index // _TILE_COLUMNS, index % _TILE_COLUMNS)
        for column in range(_TILE_COLUMNS):
            grid.setColumnStretch(column, 1)

        self.first_run = FirstRunPanel(session, self)
        self.first_run.hide()

        layout.addWidget(self.campaign_label)
        layout.addWidget(self.province_label)
        layout.addWidget(self.message_label)
        layout.addSpacing(20)
        layout.addWidget(self.first_run)
        layout.addWidget(self.section_label)
        layout.addSpacing(4)
        layout.addWidget(self.tiles_box)
        layout.addStretch(1)
        session.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Read the figures again, on this thread.

        It is not moved to a background job: a job still reading when a caller closes
        the store (switching user, closing the window, a test's teardown) crashes
        SQLite, and the store has no lock of its own to wait on. At 100,000 persons
        this read takes seconds (noted in the README's performance table).
        """
        try:
            overview = self.session.read(_read_overview)
        except ColdwaveError as err:
            self._failed(err)
            return
        self._arrived(overview)

    @property
    def busy(self) -> bool:
        """Always False: the figures are read on the UI thread (see refresh)."""
        return False

    def _arrived(self, overview: CampaignOverview | None) -> None:
        self.loaded = True
        self.message_label.hide()
        if overview is None:  # enrolled: the campaign's own record comes with the first sync
            self.overview = CampaignOverview(None, None, None, None, None)
            self._show()
            self.first_run.hide()
            self.campaign_label.setText(_("Enrolled: the campaign arrives with the first sync."))
        else:
            self.overview = overview
            self._show()

    def _failed(self, error: ColdwaveError) -> None:
        """Keep the last figures and say why calmly."""
        self.loaded = True
        self.message_label.setText(translate_error(error))
        self.message_label.show()
        self._show()

    def retranslate(self) -> None:
        self.section_label.setText(_("Records on this laptop"))
        self.first_run.retranslate()
        self._show()

    def _show(self) -> None:
        self.tiles_box.setVisible(self.loaded)
        if not self.loaded:
            self.campaign_label.setText(_("Reading the figures…"))
            self.first_run.hide()
            self.province_label.hide()
            return
        overview = self.overview
        has_campaign = bool(overview.campaign_name)
        if has_campaign:
            self.campaign_label.setText(isolate_auto(str(overview.campaign_name)))
        else:
            self.campaign_label.setText(_("No campaign on this laptop yet"))
        self.first_run.setVisible(not has_campaign)
        province = province_name(overview, current_language())
        self.province_label.setText(
            _("Province: {name}").format(name=isolate_auto(province)) if province else ""
        )
        self.province_label.setVisible(bool(province))
        self.section_label.setText(_("Records on this laptop"))
        for key, tile in self.tiles.items():
            tile.show_value(overview.counts.get(key, 0))


def _read_overview(store: LocalStore) -> CampaignOverview | None:
    """The figures; None on a laptop enrolled before its campaign record arrived."""
    try:
        return campaign_overview(store)
    except KeyError:
        return None


def home_tour(screen: QWidget) -> Sequence[tuple[str, QWidget]]:
    """The first-run panel (as a laptop without campaign shows it) and its two forms."""
    if not isinstance(screen, HomeScreen):
        return []
    panel = FirstRunPanel(screen.session)
    panel.resize(QSize(900, 180))
    return [
        ("first-run", panel),
        ("create-campaign", CreateCampaignDialog(screen.session, screen)),
        ("enrol", EnrolDialog(screen.session, screen)),
    ]


SCREENS: Final = (
    ScreenSpec(
        key="home",
        title=N_("Home"),
        group=N_("Campaign"),
        shortcut="Ctrl+1",
        factory=HomeScreen,
        tour=home_tour,
    ),
)
