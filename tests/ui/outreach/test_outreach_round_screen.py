"""The outreach round screen driven through its widgets on the demo campaign."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from coldwave_app.i18n.formatting import format_date
from coldwave_app.services.outreach_desk import douar_households, open_rounds
from coldwave_app.services.outreach_rounds import round_reconciliation
from coldwave_app.storage.keystore import KdfParams
from coldwave_app.storage.local_store import LocalStore, unlock
from coldwave_app.ui.application import set_ui_language
from coldwave_app.ui.outreach import OutreachRoundScreen
from coldwave_app.ui.outreach.end_round import EndRoundDialog
from coldwave_app.ui.outreach.round_dialogs import LoadStockDialog, StartRoundDialog
from coldwave_app.ui.outreach.tally_dialog import TallyDialog
from coldwave_app.ui.session import Session

from .typing import type_text

AIT_KHASSA = "3010513202045"  # أيت خاصة, a red-risk target of the demo with 4 households


def _screen(qtbot: QtBot, session: Session) -> OutreachRoundScreen:
    screen = OutreachRoundScreen(session)
    qtbot.addWidget(screen)
    screen.resize(1280, 800)
    screen.show()
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    return screen


def _start_round(qtbot: QtBot, screen: OutreachRoundScreen) -> str:
    QTest.keySequence(QApplication.focusWidget() or screen, QKeySequence("Ctrl+N"))
    dialog = screen.dialog
    assert isinstance(dialog, StartRoundDialog)
    qtbot.keyClicks(dialog.team, "Convoi 07")
    qtbot.keyClicks(dialog.vehicle, "4x4 12007-A-7")
    qtbot.keyClicks(dialog.members, "Said Oubella, Naima Zayani")
    type_text(dialog.picker.search, "خاصة")
    qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)
    assert "أيت خاصة" in dialog.planned_label.text()
    qtbot.keyClick(dialog.team, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.round_id is not None
    return dialog.round_id


def _open_ait_khassa(qtbot: QtBot, screen: OutreachRoundScreen) -> None:
    screen.find_action.trigger()
    qtbot.keyClicks(screen.picker.search, "Ait Khassa")
    qtbot.keyClick(screen.picker.search, Qt.Key.Key_Return)
    assert screen.douar is not None and screen.douar.code == AIT_KHASSA


def _load(qtbot: QtBot, screen: OutreachRoundScreen) -> None:
    dialog = screen.dialog
    assert isinstance(dialog, LoadStockDialog)
    dialog.grid.spin("KIT_GRAND_FROID").setValue(10)
    dialog.grid.spin("BLANKET").setValue(20)
    qtbot.keyClick(dialog.grid.spin("BLANKET"), Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_start_round_and_load_stock(qtbot: QtBot, demo_session: Session) -> None:
    screen = _screen(qtbot, demo_session)
    round_id = _start_round(qtbot, screen)
    _load(qtbot, screen)
    rounds = demo_session.read(open_rounds)
    assert [r.id for r in rounds] == [round_id]
    assert rounds[0].members == ("Said Oubella", "Naima Zayani")
    loaded = demo_session.read(lambda s: round_reconciliation(s, round_id=round_id))
    assert loaded.row("BLANKET") is not None and loaded.row("BLANKET").loaded == 20
    assert loaded.row("FLOUR") is not None and loaded.row("FLOUR").loaded == 100
    assert "Convoi 07" in screen.round_combo.currentText()
    # The planned douar comes first in the picker, marked as this round's.
    assert screen.picker.choices[0].code == AIT_KHASSA and screen.picker.choices[0].in_round


def test_douar_found_by_part_of_arabic_or_latin_name(qtbot: QtBot, demo_session: Session) -> None:
    screen = _screen(qtbot, demo_session)
    type_text(screen.picker.search, "خاصة")
    screen.picker.flush()
    assert screen.picker.choices[0].code == AIT_KHASSA
    assert screen.picker.choices[0].risk_level == "red"
    assert (
        "rouge" in screen.picker.results.item(0).text().lower()
        or "red" in screen.picker.results.item(0).text().lower()
    )
    screen.picker.search.clear()
    qtbot.keyClicks(screen.picker.search, "khassa")
    screen.picker.flush()
    assert AIT_KHASSA in [c.code for c in screen.picker.choices]


def test_kit_recorded_then_warned_and_overridden_by_supervisor(
    qtbot: QtBot, demo_session: Session
) -> None:
    screen = _screen(qtbot, demo_session)
    _start_round(qtbot, screen)
    _load(qtbot, screen)
    _open_ait_khassa(qtbot, screen)
    assert screen.model.rowCount() == 4
    household = screen.model.households[0]
    # Enter on the selected household goes to the kit; Enter there records it.
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert screen.form.thing.hasFocus()
    assert screen.form.thing.currentText() == "Kit Grand Froid"
    qtbot.keyClick(screen.form.thing, Qt.Key.Key_Return)
    assert screen.table.hasFocus()  # back in the list for the next household
    today = date.today()
    stored = demo_session.read(lambda s: douar_households(s, geo_code=AIT_KHASSA))
    mine = next(h for h in stored if h.id == household.id)
    today_kits = [r for r in mine.received if r.code == "KIT_GRAND_FROID" and r.day == today]
    assert len(today_kits) == 1
    shown = screen.model.data(screen.model.index(0, 3))
    kits = sum(r.qty for r in mine.received if r.code == "KIT_GRAND_FROID")
    assert f"{kits:g} × Kit Grand Froid" in shown and format_date(today) in shown
    # The same kit again: the warning is shown inline with the previous date.
    screen.form.thing.setFocus()
    qtbot.keyClick(screen.form.thing, Qt.Key.Key_Return)
    assert not screen.form.warning.isHidden()
    warning = screen.form.warning_text.text()
    assert "ONE_FOOD_KIT_PER_HOUSEHOLD_PER_WAVE" in warning
    assert format_date(today) in warning and "amina" in warning and "أيت خاصة" in warning
    assert screen.form.override_button.isEnabled()  # amina is an administrator
    type_text(screen.form.reason, "Toit effondré, kit perdu")
    qtbot.keyClick(screen.form.reason, Qt.Key.Key_Return)
    assert screen.form.warning.isHidden()
    stored = demo_session.read(lambda s: douar_households(s, geo_code=AIT_KHASSA))
    mine = next(h for h in stored if h.id == household.id)
    assert [
        r.qty for r in mine.received if r.code == "KIT_GRAND_FROID" and r.day == today_kits[0].day
    ] == [2.0]


def test_non_supervisor_cannot_override(
    qtbot: QtBot, demo_session: Session, demo_data_dir: Path
) -> None:
    demo_session.store.add_user(
        username="youssef",
        password="pass phrase 123",
        role="outreach_worker",
        kdf=KdfParams.for_tests(),
    )
    worker_store: LocalStore = unlock(demo_data_dir, username="youssef", password="pass phrase 123")
    worker = Session(worker_store)
    screen = _screen(qtbot, worker)
    try:
        _start_round(qtbot, screen)
        _load(qtbot, screen)
        _open_ait_khassa(qtbot, screen)
        qtbot.keyClick(screen.table, Qt.Key.Key_Return)
        qtbot.keyClick(screen.form.thing, Qt.Key.Key_Return)
        qtbot.keyClick(screen.form.thing, Qt.Key.Key_Return)
        assert not screen.form.warning.isHidden()
        assert not screen.form.override_button.isEnabled()
        assert not screen.form.reason.isEnabled()
        assert not screen.form.supervisor_note.isHidden()
        household = screen.model.households[0]
        stored = worker.read(lambda s: douar_households(s, geo_code=AIT_KHASSA))
        mine = next(h for h in stored if h.id == household.id)
        assert (
            sum(
                r.qty
                for r in mine.received
                if r.code == "KIT_GRAND_FROID" and r.day == date.today()
            )
            == 1
        )
    finally:
        screen.close()
        worker_store.close()


def test_anonymous_tally_and_end_of_round_reconciliation(
    qtbot: QtBot, demo_session: Session
) -> None:
    screen = _screen(qtbot, demo_session)
    round_id = _start_round(qtbot, screen)
    _load(qtbot, screen)
    _open_ait_khassa(qtbot, screen)
    QTest.keySequence(QApplication.focusWidget() or screen, QKeySequence("Ctrl+T"))
    tally = screen.dialog
    assert isinstance(tally, TallyDialog)
    qtbot.keyClicks(tally.households, "3")
    tally.persons["female_18_59"].setValue(4)
    tally.grid.spin("KIT_GRAND_FROID").setValue(3)
    qtbot.keyClick(tally.households, Qt.Key.Key_Return)
    assert tally.result() == QDialog.DialogCode.Accepted and tally.tally_id is not None
    screen.end_action.trigger()
    dialog = screen.dialog
    assert isinstance(dialog, EndRoundDialog)
    # Prefilled with what should be left: loaded less given (3 kits of 10 kg flour).
    assert dialog.grid.spin("FLOUR").value() == 70
    dialog.grid.spin("SUGAR").setValue(30)  # 5 kg short of the 35 left
    qtbot.keyClick(dialog.grid.spin("SUGAR"), Qt.Key.Key_Return)
    assert dialog.ended
    stored = demo_session.read(lambda s: round_reconciliation(s, round_id=round_id))
    sugar = stored.row("SUGAR")
    assert sugar is not None and (sugar.loaded, sugar.given, sugar.returned) == (50, 15, 30)
    table = dialog.table
    rows = {table.item(r, 1).text(): r for r in range(table.rowCount())}
    texts = [[table.item(r, c).text() for c in range(5)] for r in range(table.rowCount())]
    assert any(t[1] == "50" and t[2] == "15" and t[3] == "30" and "5" in t[4] for t in texts)
    assert rows
    assert demo_session.read(open_rounds) == []


def test_round_screen_in_arabic_is_right_to_left(
    qtbot: QtBot, demo_session: Session, app: QApplication
) -> None:
    screen = _screen(qtbot, demo_session)
    french = screen.round_label.text()
    set_ui_language(app, "ar")
    screen.retranslate()
    assert screen.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert screen.round_label.text() != french
    assert any("\u0600" <= ch <= "\u06ff" for ch in screen.round_label.text())
    type_text(screen.picker.search, "أيت خاصة")
    screen.picker.flush()
    assert screen.picker.choices[0].code == AIT_KHASSA


def test_douar_search_after_a_pause_runs_off_the_ui_thread(
    qtbot: QtBot, demo_session: Session
) -> None:
    screen = _screen(qtbot, demo_session)
    screen.picker.choices = []
    type_text(screen.picker.search, "khassa")
    # No flush: the pause in typing starts a background search whose result arrives later.
    qtbot.waitUntil(
        lambda: bool(screen.picker.choices) and screen.picker.choices[0].code == AIT_KHASSA,
        timeout=10_000,
    )
    assert screen.picker.results.count() == len(screen.picker.choices)
