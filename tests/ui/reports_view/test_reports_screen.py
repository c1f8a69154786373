"""The reports screen: generate in the background, preview the pages, save where asked."""

from __future__ import annotations

import csv
from pathlib import Path

import pdfplumber
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coldwave_app.ui.application import set_ui_language
from coldwave_app.ui.reports_view import ReportsScreen
from coldwave_app.ui.reports_view.report_forms import ExportForm, RunSheetForm
from coldwave_app.ui.session import Session


def _screen(qtbot: QtBot, session: Session) -> ReportsScreen:
    screen = ReportsScreen(session)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    return screen


def _wait_generated(qtbot: QtBot, screen: ReportsScreen) -> None:
    qtbot.waitUntil(lambda: screen.generated is not None, timeout=60_000)


def test_sitrep_is_generated_with_ctrl_enter_previewed_and_saved(
    qtbot: QtBot, demo_session: Session, tmp_path: Path
) -> None:
    screen = _screen(qtbot, demo_session)
    with qtbot.waitActive(screen):
        screen.activateWindow()
    qtbot.keyClick(screen.kinds, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    _wait_generated(qtbot, screen)
    assert screen.generated is not None and screen.generated.pages >= 1
    assert len(screen.preview.page_labels) == screen.generated.pages
    assert not screen.preview.page_labels[0].pixmap().isNull()
    saved = screen.save_as(tmp_path / "sitrep.pdf")
    assert saved is not None
    with pdfplumber.open(saved) as pdf:
        assert len(pdf.pages) == screen.generated.pages
        assert "coldwave" in (pdf.pages[0].extract_text() or "").lower() or pdf.pages


def test_runsheet_needs_a_douar_and_says_so(qtbot: QtBot, demo_session: Session) -> None:
    screen = _screen(qtbot, demo_session)
    screen.kinds.setCurrentRow(1)
    form = screen.current_form
    assert isinstance(form, RunSheetForm) and form.douars.count() > 0
    form.douars.clearSelection()
    assert screen.generate() is None
    assert "douar" in screen.message.text().lower()
    assert screen.generated is None


def test_runsheet_for_the_biggest_douar_has_its_households(
    qtbot: QtBot, demo_session: Session, tmp_path: Path
) -> None:
    screen = _screen(qtbot, demo_session)
    screen.kinds.setCurrentRow(1)
    form = screen.current_form
    assert isinstance(form, RunSheetForm)
    form.douars.item(0).setSelected(True)
    code = str(form.douars.item(0).data(256))
    screen.generate()
    _wait_generated(qtbot, screen)
    saved = screen.save_as(tmp_path / "runsheet.pdf")
    assert saved is not None
    households = demo_session.read(
        lambda s: [
            r[0]
            for r in s.db.execute(
                "SELECT beneficiary_code FROM household WHERE geo_code = ? AND deleted = 0",
                [code],
            )
        ]
    )
    with pdfplumber.open(saved) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    assert households and all(h in text for h in households)


def test_export_previews_the_table_and_saves_csv_with_its_statement(
    qtbot: QtBot, demo_session: Session, tmp_path: Path
) -> None:
    screen = _screen(qtbot, demo_session)
    screen.kinds.setCurrentRow(len(screen.forms) - 1)
    form = screen.current_form
    assert isinstance(form, ExportForm)
    form.table.setCurrentIndex(form.table.findData("reached-by-douar"))
    form.fmt.setCurrentIndex(form.fmt.findData("csv"))
    screen.generate()
    _wait_generated(qtbot, screen)
    assert screen.generated is not None and screen.generated.table is not None
    assert screen.table_view.rowCount() == len(screen.generated.table.rows) > 0
    assert "5" in screen.message.text()  # the statement names the threshold
    saved = screen.save_as(tmp_path / "reach.csv")
    assert saved is not None and (tmp_path / "reach.about.txt").exists()
    with saved.open(encoding="utf-8-sig") as fileobj:
        rows = list(csv.reader(fileobj))
    assert len(rows) == screen.table_view.rowCount() + 1


def test_cancel_stops_a_generation_and_saves_nothing(qtbot: QtBot, demo_session: Session) -> None:
    screen = _screen(qtbot, demo_session)
    with demo_session.lock:  # hold the store so the job cannot start before the cancel
        job = screen.generate()
        assert job is not None and screen.cancel_button.isEnabled()
        screen.cancel_button.click()
        assert job.cancel_requested
    qtbot.waitUntil(lambda: screen.generate_button.isEnabled(), timeout=60_000)
    assert screen.generated is None
    assert screen.save_action.isEnabled() is False


def test_reports_screen_in_arabic_is_right_to_left(
    qtbot: QtBot, app: QApplication, demo_session: Session
) -> None:
    screen = _screen(qtbot, demo_session)
    french = screen.kinds.item(0).text()
    set_ui_language(app, "ar")
    screen.retranslate()
    assert screen.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert screen.kinds.item(0).text() != french
    assert any("\u0600" <= ch <= "\u06ff" for ch in screen.generate_button.text())
