"""Help → Copy diagnostics: the support report (no secrets, no personal data) to the clipboard.

The report comes from services.diagnostics; it is gathered under the session lock
on the UI thread (a few counts and a log tail: well under a second).
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.i18n import _, translate_error
from coldwave_app.ui.session import Session

__all__ = ["DiagnosticsCopier"]

try:  # the diagnostics service is optional in a trimmed build
    from coldwave_app.services.diagnostics import gather_diagnostics
except ImportError:  # pragma: no cover - present in this tree
    gather_diagnostics = None  # type: ignore[assignment]


class DiagnosticsCopier:
    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def available(self) -> bool:
        return gather_diagnostics is not None

    def text(self) -> str:
        if gather_diagnostics is None:
            return ""
        return self.session.read(gather_diagnostics)

    def copy_to_clipboard(self) -> str:
        """Copy the report; returns the line to show in the status bar."""
        try:
            report = self.text()
        except ColdwaveError as err:
            return translate_error(err)
        QGuiApplication.clipboard().setText(report)
        return _("Diagnostics copied: paste them into your message to support.")
