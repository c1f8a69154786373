"""Merge review: two person records side by side, merged or unmerged after a confirmation.

Opened for one person (their likely duplicates, the server's review items, merges
already made) or as the queue of every pair to review. A merge only records a
reviewed link (dedup.merge_persons): both records stay, and unmerging stamps the
link as undone, so either decision can be reversed. Differences are highlighted
and marked with "≠", never by colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from coldwave_app.domain.errors import N_, ColdwaveError
from coldwave_app.i18n import _, translate_error
from coldwave_app.services.dedup import merge_persons, unmerge
from coldwave_app.services.people_pages import Candidate, Comparison, PersonHit, compare_persons
from coldwave_app.ui.people.tables import PAGE_STYLE, RowsModel, rows_view
from coldwave_app.ui.people.texts import FIELD_LABELS, code, field_value, person_name
from coldwave_app.ui.session import Session
from coldwave_app.ui.widgets import Label

Pair = tuple[PersonHit, Candidate]


class _ReasonBox(QLineEdit):
    """Enter confirms, Escape cancels: the confirmation works from the keyboard alone."""

    confirm = Signal()
    cancel = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.confirm.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.cancel.emit()
            return
        super().keyPressEvent(event)


class MergeReview(QWidget):
    open_person = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(PAGE_STYLE)
        self.session = session
        self.pairs: list[Pair] = []
        self.comparison: Comparison | None = None
        self._pending = ""  # "merge" or "unmerge" while the confirmation shows
        self._heading = N_("Duplicate review")
        self.title = Label("", self)
        self.title.setObjectName("pageTitle")
        self.pairs_model = RowsModel(
            (N_("Record A"), N_("Record B"), N_("Score"), N_("State")), self
        )
        self.pairs_view = rows_view(self.pairs_model, parent=self)
        self.pairs_view.selectionModel().currentRowChanged.connect(
            lambda cur, _p: self.select(cur.row())
        )
        self.fields_model = RowsModel((N_("Field"), "", "", ""), self)  # field, ≠, A, B
        self.fields_view = rows_view(self.fields_model, parent=self)
        self.merge_button = QPushButton(self)
        self.unmerge_button = QPushButton(self)
        self.merge_button.clicked.connect(lambda: self.ask("merge"))
        self.unmerge_button.clicked.connect(lambda: self.ask("unmerge"))
        self.confirm_frame = QFrame(self)
        self.confirm_frame.setObjectName("confirmBar")
        self.confirm_text = Label("", self.confirm_frame)
        self.confirm_text.setWordWrap(True)
        self.reason = _ReasonBox(self.confirm_frame)
        self.confirm_button = QPushButton(self.confirm_frame)
        self.cancel_button = QPushButton(self.confirm_frame)
        self.confirm_button.clicked.connect(self.confirm)
        self.cancel_button.clicked.connect(self.cancel)
        self.reason.confirm.connect(self.confirm)
        self.reason.cancel.connect(self.cancel)
        bar = QVBoxLayout(self.confirm_frame)
        bar.addWidget(self.confirm_text)
        row = QHBoxLayout()
        row.addWidget(self.reason, 1)
        row.addWidget(self.confirm_button)
        row.addWidget(self.cancel_button)
        bar.addLayout(row)
        self.confirm_frame.hide()
        self.message = Label("", self)
        self.message.setObjectName("messageLine")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.unmerge_button)
        buttons.addStretch(1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.fields_view, 1)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.confirm_frame)
        right_layout.addWidget(self.message)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.pairs_view)
        splitter.addWidget(right)
        splitter.setSizes([170, 530])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(splitter, 1)
        self.retranslate()

    # -- filling
    def show_pairs(self, pairs: Sequence[Pair], heading: str) -> None:
        self.pairs = list(pairs)
        self._heading = heading
        self.cancel()
        self.message.setText("")
        self.retranslate()
        if self.pairs:
            self.pairs_view.setCurrentIndex(self.pairs_model.index(0, 0))
            self.select(0)
        else:
            self.comparison = None
            self._fill_fields()
        self.pairs_view.setFocus()

    def select(self, row: int) -> None:
        if not 0 <= row < len(self.pairs):
            return
        a, candidate = self.pairs[row]
        shown = self.comparison
        same_pair = shown is not None and {shown.a.id, shown.b.id} == {a.id, candidate.person.id}
        try:
            self.comparison = self.session.read(
                lambda s: compare_persons(s, a=a.id, b=candidate.person.id)
            )
        except ColdwaveError as err:
            self.message.setText(translate_error(err))
            return
        if not same_pair:
            self.cancel()  # a confirmation belongs to the pair it was asked for
            self.message.setText("")
        self._fill_fields()

    def _fill_fields(self) -> None:
        c = self.comparison
        if c is None:
            self.fields_model.set_rows([])
        else:
            rows, marks = [], []
            for field, a, b in c.rows:
                differs = a != b
                rows.append([_(FIELD_LABELS.get(field, field)), "≠" if differs else "",
                             field_value(field, a), field_value(field, b)])  # fmt: skip
                marks.append(differs)
            self.fields_model.set_rows(rows, marked=marks)
            self.fields_model.set_headers([N_("Field"), "", person_name(c.a), person_name(c.b)])
        self.fields_model.retranslate()
        merged = c is not None and c.link_id is not None
        self.merge_button.setEnabled(c is not None and not merged)
        self.unmerge_button.setEnabled(merged)

    # -- deciding
    def ask(self, what: str) -> None:
        """Show the confirmation for a merge or an unmerge of the selected pair."""
        c = self.comparison
        if c is None or (what == "merge") == (c.link_id is not None):
            return
        self._pending = what
        if what == "merge":
            text = _("Merge {a} and {b}? Both records stay; reports will count them as one "
                     "person. This can be undone.")  # fmt: skip
        else:
            text = _("Undo the merge of {a} and {b}? They will count as two people again.")
        self.confirm_text.setText(text.format(a=code(c.a.code), b=code(c.b.code)))
        self.reason.setVisible(what == "merge")
        self.confirm_frame.show()
        (self.reason if what == "merge" else self.confirm_button).setFocus()

    def confirm(self) -> None:
        c, what = self.comparison, self._pending
        if c is None or not what:
            return
        row = self.pairs_view.currentIndex().row()
        score = self.pairs[row][1].score if 0 <= row < len(self.pairs) else None
        reason = self.reason.text()
        link_id = c.link_id
        try:
            if what == "merge":
                self.session.write(
                    lambda s: merge_persons(s, a=c.a.id, b=c.b.id, reason=reason, score=score)
                )
            elif link_id is not None:
                self.session.write(lambda s: unmerge(s, link_id=link_id))
        except ColdwaveError as err:
            self.message.setText(translate_error(err))  # the reason typed stays in the box
            return
        self.reason.clear()
        self.cancel()
        self.message.setText(_("Merged: both records stay, counted as one person.")
                             if what == "merge" else _("Merge undone."))  # fmt: skip
        self.select(row)
        self._fill_pairs()

    def cancel(self) -> None:
        self._pending = ""
        self.confirm_frame.hide()

    # -- texts
    def _fill_pairs(self) -> None:
        rows = []
        for a, candidate in self.pairs:
            merged = candidate.link_id is not None
            if self.comparison is not None and {a.id, candidate.person.id} == {
                self.comparison.a.id, self.comparison.b.id}:  # fmt: skip
                merged = self.comparison.link_id is not None
            score = "" if candidate.score is None else f"{candidate.score:.0f}"
            rows.append([f"{person_name(a)} {code(a.code)}",
                         f"{person_name(candidate.person)} {code(candidate.person.code)}", score,
                         _("merged") if merged else _("to review")])  # fmt: skip
        current = self.pairs_view.currentIndex().row()
        self.pairs_model.set_rows(rows)
        if 0 <= current < len(rows):
            self.pairs_view.selectionModel().blockSignals(True)
            self.pairs_view.setCurrentIndex(self.pairs_model.index(current, 0))
            self.pairs_view.selectionModel().blockSignals(False)

    def retranslate(self) -> None:
        self.title.setText(_(self._heading))
        self.merge_button.setText(_("Merge"))
        self.unmerge_button.setText(_("Unmerge"))
        self.confirm_button.setText(_("Confirm"))
        self.cancel_button.setText(_("Cancel"))
        self.reason.setPlaceholderText(_("Why are they the same person?"))
        self._fill_pairs()  # set_rows resets the model: the headers are read again
        self._fill_fields()
