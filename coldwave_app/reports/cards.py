"""Beneficiary cards: eight per A4 sheet (2 × 4), with crop marks, for cutting.

Each card is bilingual whatever the language of the sheet: the campaign, the name in
Arabic and in Latin letters (a household's card carries its head's name and the
douar), the beneficiary code as text and as a QR code, and the date of issue. The
code is drawn on its own, left to right; in an Arabic line it would be isolated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final

from reportlab.graphics import renderPDF
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak

from coldwave_app.domain.errors import N_
from coldwave_app.i18n.arabic_pdf import visual_line
from coldwave_app.i18n.formatting import format_date, format_number
from coldwave_app.reports.models import Card, CardSheet
from coldwave_app.reports.pdf_kit import (
    BOLD,
    GRID,
    HEADER_FILL,
    REGULAR,
    bilingual,
    build_document,
    check_langs,
    qr_drawing,
    tr,
)

__all__ = ["CARD_HEIGHT", "CARD_WIDTH", "PER_PAGE", "render_cards"]

CARD_WIDTH: Final = 85.6 * mm  # ID-1, the size of a bank card
CARD_HEIGHT: Final = 54 * mm
COLUMNS: Final = 2
ROWS: Final = 4
PER_PAGE: Final = COLUMNS * ROWS
GAP: Final = 8 * mm  # between cards: the crop marks sit in it
SHEET_MARGIN: Final = 12 * mm
GRID_WIDTH: Final = COLUMNS * CARD_WIDTH + (COLUMNS - 1) * GAP
GRID_HEIGHT: Final = ROWS * CARD_HEIGHT + (ROWS - 1) * GAP
QR_SIZE: Final = 25 * mm
PAD: Final = 2.5 * mm
BAND: Final = 9 * mm
MARK: Final = 3 * mm  # crop mark length
MARK_OFFSET: Final = 1 * mm  # crop marks stop short of the card's corner
MIN_SIZE: Final = 5.5


def _fit(text: str, font: str, size: float, width: float) -> tuple[str, float]:
    """The line as drawn (shaped, display order) and a font size at which it fits
    `width`: shrunk down to MIN_SIZE, then cut with an ellipsis at the reading end."""
    shown = visual_line(text, "auto")
    while size > MIN_SIZE and stringWidth(shown, font, size) > width:
        size -= 0.25
    if stringWidth(shown, font, size) <= width:
        return shown, size
    logical = text
    while len(logical) > 1 and stringWidth(visual_line(logical + "…", "auto"), font, size) > width:
        logical = logical[:-1].rstrip()
    return visual_line(logical + "…", "auto"), size


def _line(
    canvas: Canvas, text: str, x: float, y: float, width: float, *, size: float, bold: bool,
    align: str,
) -> None:  # fmt: skip
    font = BOLD if bold else REGULAR
    shown, fitted = _fit(text, font, size, width)
    canvas.setFont(font, fitted)
    if align == "right":
        canvas.drawRightString(x + width, y, shown)
    elif align == "center":
        canvas.drawCentredString(x + width / 2, y, shown)
    else:
        canvas.drawString(x, y, shown)


def _both(msgid: str, values: Callable[[str], dict[str, str]]) -> tuple[str, str]:
    """(French, Arabic) of a label with its values formatted for each language."""
    return (
        tr(msgid, "fr").format(**values("fr")),
        tr(msgid, "ar").format(**values("ar")),
    )


def _draw_card(canvas: Canvas, card: Card, sheet: CardSheet, x: float, y: float) -> None:
    """One card with its lower left corner at (x, y)."""
    canvas.saveState()
    canvas.setStrokeColor(GRID)
    canvas.setLineWidth(0.3)
    canvas.setDash(1, 2)
    canvas.roundRect(x, y, CARD_WIDTH, CARD_HEIGHT, 2 * mm, stroke=1, fill=0)
    canvas.setDash()
    top = y + CARD_HEIGHT
    canvas.setFillColor(HEADER_FILL)
    canvas.rect(x + 0.6, top - BAND, CARD_WIDTH - 1.2, BAND - 0.6, stroke=0, fill=1)
    canvas.setFillColor(colors.black)
    inner = CARD_WIDTH - 2 * PAD
    _line(canvas, sheet.footer.campaign, x + PAD, top - 4 * mm, inner, size=7.5, bold=True,
          align="center")  # fmt: skip
    title = N_("Household card") if card.kind == "household" else N_("Beneficiary card")
    _line(canvas, bilingual(title, ("fr", "ar"), " — "), x + PAD, top - 7.6 * mm, inner,
          size=6.5, bold=False, align="center")  # fmt: skip

    # The QR code and the code as text on the right, the names and details on the left.
    qr_x = x + CARD_WIDTH - PAD - QR_SIZE
    qr_y = y + PAD + 4 * mm
    renderPDF.draw(qr_drawing(card.code, QR_SIZE), canvas, qr_x, qr_y)
    _line(canvas, card.code, qr_x - 2 * mm, y + PAD + 0.8 * mm, QR_SIZE + 4 * mm, size=8.5,
          bold=True, align="center")  # fmt: skip

    text_x = x + PAD
    text_w = qr_x - text_x - 1.5 * mm
    cursor = top - BAND - 5 * mm
    if card.kind == "household":
        _line(canvas, bilingual(N_("Head of household"), ("fr", "ar"), " · "), text_x, cursor,
              text_w, size=6, bold=False, align="left")  # fmt: skip
        cursor -= 4.6 * mm
    _line(canvas, card.name_ar, text_x, cursor, text_w, size=11, bold=True, align="right")
    cursor -= 4.8 * mm
    _line(canvas, card.name_fr, text_x, cursor, text_w, size=10, bold=True, align="left")
    cursor -= 4.6 * mm
    details: list[tuple[str | None, str]] = []
    if card.place_fr or card.place_ar:
        arabic = tr(N_("Douar: {name}"), "ar").format(name=card.place_ar or card.place_fr)
        # Most douars have no French name: then the Arabic line says it all.
        french = (
            tr(N_("Douar: {name}"), "fr").format(name=card.place_fr)
            if card.place_fr and card.place_fr != card.place_ar
            else None
        )
        details.append((french, arabic))
    if card.size is not None:
        details.append(
            _both(N_("Persons: {n}"), lambda lang: {"n": format_number(card.size or 0, lang)})
        )
    if card.birth_year is not None:
        details.append(_both(N_("Born in {year}"), lambda lang: {"year": str(card.birth_year)}))
    details.append(
        _both(N_("Issued on {day}"), lambda lang: {"day": format_date(sheet.issued_on, lang)})
    )
    for french, arabic in details:
        if cursor < y + PAD + 2 * mm:
            break
        if french is not None:
            _line(canvas, french, text_x, cursor, text_w, size=7, bold=False, align="left")
            cursor -= 3.3 * mm
        _line(canvas, arabic, text_x, cursor, text_w, size=7.5, bold=False, align="right")
        cursor -= 3.9 * mm
    canvas.restoreState()


def _crop_marks(canvas: Canvas, x: float, y: float) -> None:
    """Short lines in the gutters, in line with each edge of the card at (x, y)."""
    canvas.saveState()
    canvas.setStrokeColor(colors.black)
    canvas.setLineWidth(0.25)
    for cx in (x, x + CARD_WIDTH):
        for cy, sign in ((y, -1), (y + CARD_HEIGHT, 1)):
            start = cy + sign * MARK_OFFSET
            canvas.line(cx, start, cx, start + sign * MARK)
    for cy in (y, y + CARD_HEIGHT):
        for cx, sign in ((x, -1), (x + CARD_WIDTH, 1)):
            start = cx + sign * MARK_OFFSET
            canvas.line(start, cy, start + sign * MARK, cy)
    canvas.restoreState()


class CardPage(Flowable):  # type: ignore[misc]
    """Up to PER_PAGE cards in a grid, filled row by row from the top left."""

    def __init__(self, sheet: CardSheet, cards: Sequence[Card]) -> None:
        super().__init__()
        self.sheet = sheet
        self.cards = list(cards)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self.height = GRID_HEIGHT
        return availWidth, GRID_HEIGHT

    def draw(self) -> None:
        left = (self.width - GRID_WIDTH) / 2
        for n, card in enumerate(self.cards):
            row, col = divmod(n, COLUMNS)
            x = left + col * (CARD_WIDTH + GAP)
            y = GRID_HEIGHT - (row + 1) * CARD_HEIGHT - row * GAP
            _crop_marks(self.canv, x, y)
            _draw_card(self.canv, card, self.sheet, x, y)


def render_cards(data: CardSheet, path: Path, langs: Sequence[str] = ("fr", "ar")) -> int:
    """Write the sheets of cards to `path`; returns the page count. The cards are always
    bilingual; `langs` sets the footer."""
    langs = check_langs(langs)
    story: list[Flowable] = []
    for start in range(0, max(len(data.cards), 1), PER_PAGE):
        if story:
            story.append(PageBreak())
        story.append(CardPage(data, data.cards[start : start + PER_PAGE]))
    return build_document(
        path,
        story,
        title=bilingual(N_("Beneficiary cards"), langs, " — "),
        footer=data.footer,
        langs=langs,
        margin=SHEET_MARGIN,
    )
