"""The Cases screen in Arabic: right to left, translated texts, Arabic names first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from coldwave_app.i18n import gettext
from coldwave_app.ui.application import set_ui_language
from coldwave_app.ui.cases import CasesScreen


def _arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def test_cases_screen_switches_to_arabic_right_to_left(
    app: QApplication, screen: CasesScreen
) -> None:
    view = screen.file_view
    french_tab = view.tabs.tabText(1)
    french_status = screen.list_page.case_model.index(0, 2).data()
    set_ui_language(app, "ar")
    assert screen.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert view.tabs.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert view.tabs.tabText(1) == gettext("Referrals", lang="ar") != french_tab
    assert _arabic(view.tabs.tabText(1))
    status = screen.list_page.case_model.index(0, 2).data()
    assert status != french_status and _arabic(status)
    assert _arabic(screen.list_page.status_combo.itemText(2))  # "In follow-up"

    page = screen.list_page
    page.case_view.setFocus()
    page.case_view.setCurrentIndex(page.case_model.index(0, 0))
    QTest.keyClick(page.case_view, Qt.Key.Key_Return)
    assert screen.stack.currentWidget() is view
    assert view.title.text() == page.case_model.index(0, 0).data()
    assert _arabic(view.referrals.table.model().headerData(3, Qt.Orientation.Horizontal))
