"""The QApplication: bundled fonts, language and layout direction, switched at run time."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from typing import Final, Protocol, runtime_checkable

from PySide6.QtCore import QLibraryInfo, Qt, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

import coldwave_app
from coldwave_app.i18n import current_language, is_rtl, set_language
from coldwave_app.resource_files import resource_path

__all__ = [
    "APP_FONT_FAMILY",
    "APP_FONT_POINT_SIZE",
    "Retranslatable",
    "create_application",
    "layout_direction",
    "load_bundled_fonts",
    "set_ui_language",
]

log = logging.getLogger(__name__)

APP_FONT_FAMILY: Final = "Amiri"
"""The bundled family (Arabic, Latin and French accents in one font, OFL-1.1)."""

APP_FONT_POINT_SIZE: Final = 12
"""Amiri draws small for its line height; 12 pt reads like a 10-11 pt sans."""

_FONT_FILES: Final = ("Amiri-Regular.ttf", "Amiri-Bold.ttf")

# The Qt translator in use (Qt's own strings: dialog buttons, context menus).
# Kept here so it is not garbage-collected while installed.
_qt_translator: QTranslator | None = None


@runtime_checkable
class Retranslatable(Protocol):
    """A window that sets all its texts again after a language switch."""

    def retranslate(self) -> None: ...


def load_bundled_fonts() -> list[str]:
    """Register the bundled TTFs with Qt; returns the families now available from them."""
    families: list[str] = []
    for name in _FONT_FILES:
        path = resource_path("fonts", name)
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("Could not load the bundled font %s; using the system font.", path)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in families:
                families.append(family)
    return families


def layout_direction(lang: str | None = None) -> Qt.LayoutDirection:
    """RightToLeft for Arabic, LeftToRight for French."""
    return Qt.LayoutDirection.RightToLeft if is_rtl(lang) else Qt.LayoutDirection.LeftToRight


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The app's QApplication, set up with the bundled font and the current language.

    An application that already exists (pytest-qt's, or one created earlier in this
    process) is set up and returned instead of creating a second one.
    """
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        args = list(argv) if argv else [sys.argv[0] if sys.argv and sys.argv[0] else "coldwave"]
        app = QApplication(args)
    app.setApplicationName("coldwave")
    app.setApplicationDisplayName("coldwave")
    app.setApplicationVersion(coldwave_app.__version__)

    families = load_bundled_fonts()
    if APP_FONT_FAMILY in families:
        app.setFont(QFont(APP_FONT_FAMILY, APP_FONT_POINT_SIZE))

    _install_qt_translator(app, current_language())
    app.setLayoutDirection(layout_direction())
    return app


def set_ui_language(app: QApplication, code: str) -> None:
    """Switch the language now: texts, Qt's own strings and the layout direction.

    Every top-level window that has a `retranslate()` method is asked to set its
    texts again, so nothing needs a restart. Unsupported codes raise ValueError.
    """
    set_language(code)
    _install_qt_translator(app, code)
    app.setLayoutDirection(layout_direction(code))
    for widget in app.topLevelWidgets():
        if isinstance(widget, Retranslatable):
            widget.retranslate()


def _install_qt_translator(app: QApplication, code: str) -> None:
    global _qt_translator
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator.deleteLater()
        _qt_translator = None
    translator = QTranslator(app)
    directory = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{code}", directory):
        app.installTranslator(translator)
        _qt_translator = translator
    else:
        log.info("No Qt translation qtbase_%s in %s: Qt's buttons stay English.", code, directory)
