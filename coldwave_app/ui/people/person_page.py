"""A person's page: identity and the whole history, one tab per kind of record.

Read in one service call (people_pages.person_page: a few set queries), so it opens
at once even on a season. Dates are day-first; the CIN is only ever shown masked.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from coldwave_app.domain.errors import N_
from coldwave_app.i18n import _, isolate_auto
from coldwave_app.services.people_pages import PersonPage
from coldwave_app.ui.people.tables import PAGE_STYLE, RowsModel, rows_view
from coldwave_app.ui.people.texts import (
    FIELD_LABELS,
    code,
    day_first,
    field_value,
    household_head,
    number,
    other_script_name,
    person_name,
    place_name,
    relationship,
)
from coldwave_app.ui.widgets import Label

ALIASES_LABEL = FIELD_LABELS["aliases"]  # a msgid: translated where shown

IDENTITY_FIELDS = (
    "beneficiary_code", "given_name_ar", "family_name_ar", "given_name_latn", "family_name_latn",
    "known_as", "name_quality", "sex", "dob", "birth_year", "dob_quality", "origin_geo_code",
    "province_code", "cin_masked", "cin_quality", "phone", "created_at",
)  # fmt: skip

TABS = (
    ("identity", N_("Identity"), (N_("Field"), N_("Value"))),
    ("stays", N_("Shelter stays"), (N_("Arrived"), N_("Left"), N_("Centre"), N_("Bed"),
                                    N_("Nights"), N_("Destination"))),
    ("items", N_("Items received"), (N_("Date"), N_("Item"), N_("Quantity"), N_("Place"),
                                     N_("Received as"))),
    ("encounters", N_("Encounters"), (N_("Date"), N_("Place"), N_("Situation"),
                                      N_("Shelter offered"), N_("Outcome"))),
    ("cases", N_("Cases"), (N_("Opened"), N_("Status"), N_("Priority"), N_("Follow-ups"),
                            N_("Closed"))),
    ("consents", N_("Consents"), (N_("Date"), N_("Purpose"), N_("Given"), N_("Method"),
                                  N_("Withdrawn"))),
    ("services", N_("Services"), (N_("Service"), N_("Times"), N_("Last"))),
    ("changes", N_("Field changes"), (N_("Date"), N_("Field"), N_("Before"), N_("After"),
                                      N_("By"))),
    ("links", N_("Merges"), (N_("Date"), N_("Same person as"), N_("Reason"), N_("Undone"))),
)  # fmt: skip


def _yes_no(value: object) -> str:
    return _("yes") if value else _("no")


class PersonPageView(QWidget):
    open_household = Signal(str)
    review_duplicates = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(PAGE_STYLE)
        self.page: PersonPage | None = None
        self.title = Label("", self)
        self.title.setObjectName("pageTitle")
        self.subtitle = Label("", self)
        self.subtitle.setObjectName("pageSubtitle")
        self.household_button = QPushButton(self)
        self.household_button.clicked.connect(self._open_household)
        self.duplicates_button = QPushButton(self)
        self.duplicates_button.clicked.connect(self._review)
        self.tabs = QTabWidget(self)
        self.models: dict[str, RowsModel] = {}
        for key, _title, headers in TABS:
            model = RowsModel(headers, self)
            self.models[key] = model
            self.tabs.addTab(rows_view(model, parent=self.tabs), "")
        buttons = QHBoxLayout()
        buttons.addWidget(self.household_button)
        buttons.addWidget(self.duplicates_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)

    def show_page(self, page: PersonPage) -> None:
        self.page = page
        self.retranslate()
        self.tabs.setCurrentIndex(0)

    def tab_rows(self, key: str) -> int:
        return self.models[key].rowCount()

    def _open_household(self) -> None:
        if self.page is not None and self.page.households:
            self.open_household.emit(self.page.households[0][1].id)

    def _review(self) -> None:
        if self.page is not None:
            self.review_duplicates.emit(self.page.person.id)

    def retranslate(self) -> None:
        self.household_button.setText(_("Open household"))
        self.duplicates_button.setText(_("Review likely duplicates"))
        for n, (key, title, _headers) in enumerate(TABS):
            rows = self.models[key].rowCount()
            self.tabs.setTabText(
                n, f"{_(title)} ({number(rows)})" if key != "identity" else _(title)
            )
            self.models[key].retranslate()
        page = self.page
        if page is None:
            return
        person = page.person
        self.title.setText(person_name(person))
        parts = [code(person.code), other_script_name(person)]
        if page.households:
            household = page.households[0][1]
            parts.append(_("household of {head}").format(head=household_head(household)))
        self.subtitle.setText(" · ".join(p for p in parts if p))
        self.household_button.setEnabled(bool(page.households))
        self._fill(page)
        for n, (key, title, _headers) in enumerate(TABS):
            if key != "identity":
                rows = self.models[key].rowCount()
                self.tabs.setTabText(n, f"{_(title)} ({number(rows)})")

    def _fill(self, page: PersonPage) -> None:
        record = dict(page.record)
        for field in ("origin_geo_code", "province_code"):
            if record.get(field) in page.places:
                name_ar, name_fr = page.places[record[field]]
                record[field] = f"{place_name(name_ar, name_fr)} ({code(record[field])})"
        identity = [(_(FIELD_LABELS[f]), field_value(f, record.get(f))) for f in IDENTITY_FIELDS]
        if page.aliases:
            identity.append((_(ALIASES_LABEL), ", ".join(map(isolate_auto, page.aliases))))
        for rel, household in page.households:
            identity.append(
                (
                    _(FIELD_LABELS["household"]),
                    f"{code(household.code)} · {household_head(household)} · {relationship(rel)}",
                )
            )
        self.models["identity"].set_rows(identity)
        self.models["stays"].set_rows(
            [[day_first(s["entry_at"]), day_first(s["exit_at"]) or _("still there"),
              place_name(s["facility_ar"], s["facility_fr"]), s["bed"] or "", number(s["nights"]),
              s["exit_destination"] or ""] for s in page.stays]
        )  # fmt: skip
        self.models["items"].set_rows(
            [[day_first(i["occurred_on"]), place_name(i["item_ar"], i["item_fr"]),
              number(i["qty"]), place_name(i["place_ar"], i["place_fr"]),
              _("household") if i["household_id"] else _("in person")] for i in page.items]
        )  # fmt: skip
        self.models["encounters"].set_rows(
            [[day_first(e["occurred_at"]), place_name(e["place_ar"], e["place_fr"]),
              e["living_situation"] or "", _yes_no(e["shelter_offered"]), e["outcome"] or ""]
             for e in page.encounters]
        )  # fmt: skip
        self.models["cases"].set_rows(
            [[day_first(c["opened_at"]), c["status"], c["priority"] or "", number(c["follow_ups"]),
              day_first(c["closed_at"])] for c in page.cases]
        )  # fmt: skip
        self.models["consents"].set_rows(
            [[day_first(c["given_on"]), c["purpose"], _yes_no(c["given"]), c["method"],
              day_first(c["withdrawn_at"])] for c in page.consents]
        )  # fmt: skip
        self.models["services"].set_rows(
            [[kind, number(times), day_first(last)] for kind, times, last in page.services]
        )
        self.models["changes"].set_rows(
            [
                [
                    day_first(c.at),
                    _(FIELD_LABELS.get(c.field, c.field)),
                    field_value(c.field, c.before),
                    field_value(c.field, c.after),
                    isolate_auto(c.by),
                ]
                for c in page.changes
            ]
        )
        self.models["links"].set_rows(
            [[day_first(link["decided_at"]),
              f"{code(link['other'].code)} {person_name(link['other'])}" if link["other"] else "",
              isolate_auto(", ".join(_reasons(link["reasons"]))), day_first(link["undone_at"])]
             for link in page.links]
        )  # fmt: skip


def _reasons(text: str | None) -> list[str]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return [text or ""]
    return [_(str(v)) for v in value] if isinstance(value, list) else [str(value)]
