"""The options of each report and export, and the job that writes it.

A form turns what the user chose into a `ReportJob`: a plain function run on a pool
thread that writes the file into a scratch directory and rasterises its pages for
the preview. Nothing is saved where the user sees it until "Save as" copies it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSpinBox,
    QWidget,
)

from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.i18n import _, current_language
from coldwave_app.reports.exports import about_lines
from coldwave_app.reports.suppression import DEFAULT_THRESHOLD
from coldwave_app.reports.table import AggregateTable
from coldwave_app.services import export_data, report_data
from coldwave_app.services.report_choices import (
    Choice,
    campaign_period,
    default_report_day,
    douar_choices,
    facility_choices,
    referral_choices,
)
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.ui.reports_view.pdf_pages import PageBitmap, rasterise
from coldwave_app.ui.session import BackgroundJob
from coldwave_app.ui.widgets import day_edit

__all__ = ["FORMS", "Generated", "ReportForm", "ReportJob"]


@dataclass(frozen=True)
class Generated:
    """A written report or export, ready to preview and save."""

    path: Path
    suggested_name: str
    pages: int = 0
    bitmaps: list[PageBitmap] = field(default_factory=list)
    table: AggregateTable | None = None
    statement: list[str] = field(default_factory=list)


ReportJob = Callable[[LocalStore, BackgroundJob], Generated]

LANG_CHOICES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("fr", N_("French"), ("fr",)),
    ("ar", N_("Arabic"), ("ar",)),
    ("both", N_("French and Arabic side by side"), ("fr", "ar")),
)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _pdf(path: Path, name: str, pages: int, handle: BackgroundJob) -> Generated:
    handle.check()
    return Generated(path, name, pages=pages, bitmaps=rasterise(path))


class ReportForm(QWidget):
    """Base of the forms: a language choice, a label per field, `job()` for the chosen options."""

    title_id = ""
    needs_language = True

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._labels: list[tuple[QWidget, str]] = []
        self.language = QComboBox(self)
        self.language.setObjectName("reportLanguage")
        self.build()
        if self.needs_language:
            self.add_row(N_("Language"), self.language)
        else:
            self.language.hide()

    def build(self) -> None:
        """Add the form's own rows (subclasses)."""

    def add_row(self, label_id: str, widget: QWidget) -> None:
        self.form.addRow(label_id, widget)
        label = self.form.labelForField(widget)
        if label is not None:
            self._labels.append((label, label_id))

    def load(self, store: LocalStore) -> None:
        """Fill the pickers from the store (called under the session lock)."""

    def retranslate(self) -> None:
        for label, label_id in self._labels:
            label.setProperty("text", _(label_id))
        current = self.language.currentIndex()
        self.language.clear()
        for code, name_id, _langs in LANG_CHOICES:
            self.language.addItem(_(name_id), code)
        self.language.setCurrentIndex(max(current, 0))

    def langs(self) -> tuple[str, ...]:
        code = self.language.currentData() or "fr"
        return next(langs for c, _n, langs in LANG_CHOICES if c == code)

    def job(self, out_dir: Path) -> ReportJob:
        raise NotImplementedError


def _fill(combo: QComboBox, choices: Sequence[Choice]) -> None:
    previous = combo.currentData()
    combo.clear()
    lang = current_language()
    for choice in choices:
        combo.addItem(choice.label(lang), choice.value)
    index = combo.findData(previous)
    combo.setCurrentIndex(index if index >= 0 else 0)


class SitrepForm(ReportForm):
    title_id = N_("Situation report")

    def build(self) -> None:
        self.start = day_edit(self)
        self.start.setObjectName("sitrepStart")
        self.end = day_edit(self)
        self.end.setObjectName("sitrepEnd")
        self.add_row(N_("From"), self.start)
        self.add_row(N_("To"), self.end)

    def load(self, store: LocalStore) -> None:
        day = default_report_day(store)
        self.start.setDate(_qdate(day))
        self.end.setDate(_qdate(day))

    def job(self, out_dir: Path) -> ReportJob:
        start, end, langs = _pydate(self.start.date()), _pydate(self.end.date()), self.langs()
        if end < start:
            raise InvalidInput(N_("The last day comes before the first day."))

        def run(store: LocalStore, handle: BackgroundJob) -> Generated:
            path = out_dir / "sitrep.pdf"
            pages = report_data.write_sitrep(store, path, start=start, end=end, langs=langs)
            return _pdf(path, f"sitrep-{start.isoformat()}.pdf", pages, handle)

        return run


class RunSheetForm(ReportForm):
    title_id = N_("Douar run sheet")

    def build(self) -> None:
        self.douars = QListWidget(self)
        self.douars.setObjectName("runsheetDouars")
        self.douars.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.douars.setMinimumHeight(140)
        self.day = day_edit(self)
        self.round_label = QLineEdit(self)
        self.round_label.setObjectName("runsheetRound")
        self.add_row(N_("Douars"), self.douars)
        self.add_row(N_("Day of the round"), self.day)
        self.add_row(N_("Round"), self.round_label)

    def load(self, store: LocalStore) -> None:
        self.douars.clear()
        lang = current_language()
        for choice in douar_choices(store):
            item = QListWidgetItem(choice.label(lang), self.douars)
            item.setData(256, choice.value)  # Qt.UserRole
        if self.douars.count():
            self.douars.setCurrentRow(0)
        self.day.setDate(_qdate(dt.date.today()))  # a run sheet is printed for the next round

    def job(self, out_dir: Path) -> ReportJob:
        codes = [str(item.data(256)) for item in self.douars.selectedItems()]
        if not codes:
            raise InvalidInput(N_("Choose at least one douar."))
        day, label, langs = _pydate(self.day.date()), self.round_label.text(), self.langs()

        def run(store: LocalStore, handle: BackgroundJob) -> Generated:
            path = out_dir / "runsheet.pdf"
            pages = report_data.write_runsheet(
                store, path, douars=codes, on=day, round_label=label, langs=langs
            )
            return _pdf(path, f"runsheet-{codes[0]}-{day.isoformat()}.pdf", pages, handle)

        return run


class RegisterForm(ReportForm):
    title_id = N_("Shelter register")

    def build(self) -> None:
        self.facility = QComboBox(self)
        self.facility.setObjectName("registerFacility")
        self.night = day_edit(self)
        self.add_row(N_("Shelter"), self.facility)
        self.add_row(N_("Night"), self.night)

    def load(self, store: LocalStore) -> None:
        _fill(self.facility, facility_choices(store))
        self.night.setDate(_qdate(default_report_day(store)))

    def job(self, out_dir: Path) -> ReportJob:
        facility = self.facility.currentData()
        if not facility:
            raise InvalidInput(N_("There is no shelter in this campaign."))
        night, langs = _pydate(self.night.date()), self.langs()

        def run(store: LocalStore, handle: BackgroundJob) -> Generated:
            path = out_dir / "register.pdf"
            pages = report_data.write_register(
                store, path, night=night, facility_id=str(facility), langs=langs
            )
            return _pdf(path, f"register-{night.isoformat()}.pdf", pages, handle)

        return run


class CardsForm(ReportForm):
    title_id = N_("Beneficiary cards")

    def build(self) -> None:
        self.douar = QComboBox(self)
        self.douar.setObjectName("cardsDouar")
        self.add_row(N_("Douar"), self.douar)

    def load(self, store: LocalStore) -> None:
        _fill(self.douar, douar_choices(store))

    def job(self, out_dir: Path) -> ReportJob:
        douar = self.douar.currentData()
        if not douar:
            raise InvalidInput(N_("Choose at least one douar."))
        langs = self.langs()

        def run(store: LocalStore, handle: BackgroundJob) -> Generated:
            path = out_dir / "cards.pdf"
            pages = report_data.write_cards(store, path, douar=str(douar), langs=langs)
            return _pdf(path, f"cards-{douar}.pdf", pages, handle)

        return run


class CaseSummaryForm(ReportForm):
    title_id = N_("Case summary for a referral")

    def build(self) -> None:
        self.referral = QComboBox(self)
        self.referral.setObjectName("caseReferral")
        self.add_row(N_("Referral"), self.referral)

    def load(self, store: LocalStore) -> None:
        _fill(self.referral, referral_choices(store))

    def job(self, out_dir: Path) -> ReportJob:
        referral = self.referral.currentData()
        if not referral:
            raise InvalidInput(N_("There is no referral to summarise."))
        langs = self.langs()

        def run(store: LocalStore, handle: BackgroundJob) -> Generated:
            path = out_dir / "case-summary.pdf"
            pages = report_data.write_case_summary(
                store, path, referral_id=str(referral), role=store.user.role, langs=langs
            )
            return _pdf(path, "case-summary.pdf", pages, handle)

        return run


EXPORT_FORMATS: tuple[tuple[str, str], ...] = (
    ("xlsx", N_("Excel workbook (XLSX)")),
    ("csv", N_("CSV")),
    ("hxl", N_("HXL-tagged CSV (3W/4W)")),
)


class ExportForm(ReportForm):
    title_id = N_("Export a table")
    needs_language = False

    def build(self) -> None:
        self.table = QComboBox(self)
        self.table.setObjectName("exportTable")
        self.fmt = QComboBox(self)
        self.fmt.setObjectName("exportFormat")
        self.start = day_edit(self)
        self.end = day_edit(self)
        self.threshold = QSpinBox(self)
        self.threshold.setObjectName("exportThreshold")
        self.threshold.setRange(1, 1000)
        self.threshold.setValue(DEFAULT_THRESHOLD)
        self.add_row(N_("Table"), self.table)
        self.add_row(N_("Format"), self.fmt)
        self.add_row(N_("From"), self.start)
        self.add_row(N_("To"), self.end)
        self.add_row(N_("Hide figures below"), self.threshold)

    def load(self, store: LocalStore) -> None:
        first, last = campaign_period(store)
        self.start.setDate(_qdate(first))
        self.end.setDate(_qdate(last))

    def retranslate(self) -> None:
        super().retranslate()
        for combo, entries in (
            (self.table, [(code, export_data.table_title(code)) for code in export_data.TABLES]),
            (self.fmt, list(EXPORT_FORMATS)),
        ):
            current = combo.currentIndex()
            combo.clear()
            for code, title_id in entries:
                combo.addItem(_(title_id), code)
            combo.setCurrentIndex(max(current, 0))

    def job(self, out_dir: Path) -> ReportJob:
        table, fmt = str(self.table.currentData()), str(self.fmt.currentData())
        start, end, threshold = (
            _pydate(self.start.date()),
            _pydate(self.end.date()),
            self.threshold.value(),
        )
        if end < start:
            raise InvalidInput(N_("The last day comes before the first day."))

        def run(store: LocalStore, handle: BackgroundJob) -> Generated:
            suffix = "xlsx" if fmt == "xlsx" else "csv"
            name = f"{table}-{start.isoformat()}-{end.isoformat()}{'-hxl' if fmt == 'hxl' else ''}"
            path = out_dir / f"{name}.{suffix}"
            built = export_data.build_table(
                store, table=table, start=start, end=end, threshold=threshold
            )
            handle.check()
            export_data.export_table(
                store, table=table, fmt=fmt, out=path, start=start, end=end, threshold=threshold
            )
            return Generated(path, path.name, table=built, statement=about_lines(built))

        return run


FORMS: tuple[type[ReportForm], ...] = (
    SitrepForm,
    RunSheetForm,
    RegisterForm,
    CardsForm,
    CaseSummaryForm,
    ExportForm,
)
"""The reports offered, in the order of the list on the left."""
