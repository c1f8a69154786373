"""A household's page (members, douar, items received, visits, cases) and a douar's
page (its registered households), both opened from the search or from a person."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from coldwave_app.domain.errors import N_
from coldwave_app.i18n import _, isolate_auto
from coldwave_app.services.people_pages import DouarPage, HouseholdPage
from coldwave_app.ui.people.tables import PAGE_STYLE, RowsModel, rows_view
from coldwave_app.ui.people.texts import (
    SEX_LABELS,
    code,
    day_first,
    household_head,
    number,
    person_name,
    place_name,
    relationship,
)
from coldwave_app.ui.widgets import Label

HOUSEHOLD_TABS = (
    ("members", N_("Members"), (N_("Name"), N_("Relationship"), N_("Code"), N_("Sex"),
                                N_("Birth year"), N_("CIN (masked)"))),
    ("items", N_("Items received"), (N_("Date"), N_("Item"), N_("Quantity"), N_("Place"),
                                     N_("Received by"))),
    ("visits", N_("Visits"), (N_("Date"), N_("Distribution point"), N_("Team"), N_("Lines"))),
    ("cases", N_("Cases"), (N_("Opened"), N_("Status"), N_("Priority"), N_("Closed"))),
)  # fmt: skip


class HouseholdPageView(QWidget):
    open_person = Signal(str)
    open_douar = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(PAGE_STYLE)
        self.page: HouseholdPage | None = None
        self.title = Label("", self)
        self.title.setObjectName("pageTitle")
        self.subtitle = Label("", self)
        self.subtitle.setObjectName("pageSubtitle")
        self.douar_button = QPushButton(self)
        self.douar_button.clicked.connect(self._open_douar)
        self.tabs = QTabWidget(self)
        self.models: dict[str, RowsModel] = {}
        for key, _title, headers in HOUSEHOLD_TABS:
            self.models[key] = RowsModel(headers, self)
            opener = self.open_person.emit if key == "members" else None
            self.tabs.addTab(rows_view(self.models[key], opener, self.tabs), "")
        buttons = QHBoxLayout()
        buttons.addWidget(self.douar_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)

    def show_page(self, page: HouseholdPage) -> None:
        self.page = page
        self.retranslate()
        self.tabs.setCurrentIndex(0)
        self.tabs.currentWidget().setFocus()

    def _open_douar(self) -> None:
        if self.page is not None and self.page.household.geo_code:
            self.open_douar.emit(self.page.household.geo_code)

    def retranslate(self) -> None:
        self.douar_button.setText(_("Open douar"))
        page = self.page
        if page is not None:
            hh = page.household
            self.title.setText(_("Household of {head}").format(head=household_head(hh)))
            size = hh.size_declared or hh.members
            self.subtitle.setText(" · ".join(p for p in (
                code(hh.code), place_name(hh.douar_ar, hh.douar_fr),
                _("{n} members").format(n=number(size)),
                isolate_auto(page.record.get("housing_type") or ""),
            ) if p))  # fmt: skip
            self.douar_button.setEnabled(bool(hh.geo_code))
            self._fill(page)
        for n, (key, title, _headers) in enumerate(HOUSEHOLD_TABS):
            self.models[key].retranslate()
            self.tabs.setTabText(n, f"{_(title)} ({number(self.models[key].rowCount())})")

    def _fill(self, page: HouseholdPage) -> None:
        self.models["members"].set_rows(
            [[person_name(p), relationship(rel), code(p.code), _(SEX_LABELS.get(p.sex, p.sex)),
              str(p.birth_year or ""), code(p.cin_masked)] for rel, p in page.members],
            [p.id for _rel, p in page.members],
        )  # fmt: skip
        self.models["items"].set_rows(
            [[day_first(i["occurred_on"]), place_name(i["item_ar"], i["item_fr"]),
              number(i["qty"]), place_name(i["place_ar"], i["place_fr"]),
              isolate_auto(i["received_by"] or "")] for i in page.items]
        )  # fmt: skip
        self.models["visits"].set_rows(
            [[day_first(v["occurred_on"]), isolate_auto(v["distribution_point"] or ""),
              isolate_auto(v["team_name"] or ""), number(v["lines"])] for v in page.visits]
        )  # fmt: skip
        self.models["cases"].set_rows(
            [
                [
                    day_first(c["opened_at"]),
                    c["status"],
                    c["priority"] or "",
                    day_first(c["closed_at"]),
                ]
                for c in page.cases
            ]
        )  # fmt: skip


class DouarPageView(QWidget):
    open_household = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(PAGE_STYLE)
        self.page: DouarPage | None = None
        self.title = Label("", self)
        self.title.setObjectName("pageTitle")
        self.subtitle = Label("", self)
        self.model = RowsModel((N_("Head of household"), N_("Code"), N_("Members")), self)
        self.view = rows_view(self.model, self.open_household.emit, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.view, 1)

    def show_page(self, page: DouarPage) -> None:
        self.page = page
        self.retranslate()
        self.view.setFocus()

    def retranslate(self) -> None:
        self.model.retranslate()
        page = self.page
        if page is None:
            return
        self.title.setText(place_name(page.douar.name_ar, page.douar.name_fr))
        self.subtitle.setText(
            f"{code(page.douar.code)} · "
            + _("{n} households registered").format(n=number(page.douar.households))
        )
        self.model.set_rows(
            [[household_head(h), code(h.code), number(h.size_declared or h.members)]
             for h in page.households],
            [h.id for h in page.households],
        )  # fmt: skip
