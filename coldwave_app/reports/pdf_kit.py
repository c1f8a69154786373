"""The building blocks every PDF report shares: fonts, page frame, RTL-aware text.

reportlab's own right-to-left path cannot join Arabic letters and order the words at
once (research/platform-probe.md §3), so text here never goes through its shaping:
`BidiText` wraps in logical order, then draws each line through
`i18n.arabic_pdf.visual_line` (reshaped, reordered), right-aligned in Arabic.
Tables are built from such cells, with their columns reversed in Arabic.

Languages: `langs` is ("fr",), ("ar",) or ("fr", "ar") for both side by side; the
first one sets the page direction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate, Table, TableStyle

from coldwave_app.domain.errors import N_
from coldwave_app.i18n import gettext, is_rtl
from coldwave_app.i18n.arabic_pdf import visual_line, wrap_logical
from coldwave_app.i18n.formatting import format_datetime, format_number
from coldwave_app.resource_files import resource_path

__all__ = [
    "BOLD",
    "MARGIN",
    "REGULAR",
    "BidiText",
    "Footer",
    "bilingual",
    "build_document",
    "cell",
    "check_langs",
    "data_table",
    "qr_drawing",
    "register_fonts",
    "tr",
]

REGULAR: Final = "Amiri"
BOLD: Final = "Amiri-Bold"
MARGIN: Final = 15 * mm
HEADER_FILL: Final = colors.HexColor("#dde6f0")
GRID: Final = colors.HexColor("#8a9bb0")
_registered = False


def register_fonts() -> None:
    """Amiri (Arabic and Latin in one font) under the names REGULAR and BOLD, once."""
    global _registered
    if _registered:
        return
    pdfmetrics.registerFont(TTFont(REGULAR, str(resource_path("fonts", "Amiri-Regular.ttf"))))
    pdfmetrics.registerFont(TTFont(BOLD, str(resource_path("fonts", "Amiri-Bold.ttf"))))
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD)
    _registered = True


def check_langs(langs: Sequence[str]) -> tuple[str, ...]:
    """("fr",), ("ar",) or both, in the order given; anything else is a ValueError."""
    chosen = tuple(langs)
    if not chosen or len(set(chosen)) != len(chosen) or not set(chosen) <= {"ar", "fr"}:
        raise ValueError(f"Languages must be ar, fr or both, not {chosen!r}.")
    return chosen


def tr(msgid: str, lang: str) -> str:
    return gettext(msgid, lang=lang)


def bilingual(msgid: str, langs: Sequence[str], sep: str = "\n") -> str:
    """A label in each language, one per line (or joined by `sep`)."""
    return sep.join(dict.fromkeys(tr(msgid, lang) for lang in langs))


class BidiText(Flowable):  # type: ignore[misc]
    """Plain text wrapped in logical order and drawn line by line in display order.

    `rtl` aligns right (and sets the paragraph direction); `align` may force
    "left", "right" or "center". Each line takes the direction of its first strong
    letter, so a French line in an Arabic report stays left to right.
    """

    def __init__(
        self,
        text: str,
        *,
        size: float = 9,
        bold: bool = False,
        rtl: bool = False,
        align: str | None = None,
        color: Any = colors.black,
        space_after: float = 0,
    ) -> None:
        super().__init__()
        self.text = text
        self.size = size
        self.font = BOLD if bold else REGULAR
        self.rtl = rtl
        self.align = align or ("right" if rtl else "left")
        self.color = color
        self.leading = size * 1.35
        self.spaceAfter = space_after
        self._lines: list[str] = []

    def _measure(self, text: str) -> float:
        return float(stringWidth(text, self.font, self.size))

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = availWidth
        self._lines = wrap_logical(self.text, self._measure, availWidth)
        self.height = self.leading * len(self._lines)
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(self.font, self.size)
        canvas.setFillColor(self.color)
        y = self.height - self.size
        for line in self._lines:
            shown = visual_line(line, "auto")
            if self.align == "right":
                canvas.drawRightString(self.width, y, shown)
            elif self.align == "center":
                canvas.drawCentredString(self.width / 2, y, shown)
            else:
                canvas.drawString(0, y, shown)
            y -= self.leading


def cell(
    value: object, *, rtl: bool, size: float = 8, bold: bool = False, number: bool = False
) -> BidiText:
    """A table cell: numbers are grouped and aligned to the reading end."""
    if number and isinstance(value, (int, float)):
        text = format_number(value, "fr" if not rtl else "ar")
    else:
        text = "" if value is None else str(value)
    align = ("left" if rtl else "right") if number else None
    return BidiText(text, size=size, bold=bold, rtl=rtl, align=align)


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float],
    *,
    rtl: bool,
    numeric: Sequence[bool] | None = None,
    total_row: bool = False,
    size: float = 8,
) -> Table:
    """A bordered table whose header repeats on each page; columns reversed in Arabic."""
    numeric = list(numeric) if numeric is not None else [False] * len(header)
    body: list[list[Any]] = [[cell(h, rtl=rtl, size=size, bold=True) for h in header]]
    for n, row in enumerate(rows):
        bold = total_row and n == len(rows) - 1
        body.append(
            [cell(v, rtl=rtl, size=size, bold=bold, number=numeric[i]) for i, v in enumerate(row)]
        )
    col_widths = list(widths)
    if rtl:
        body = [list(reversed(r)) for r in body]
        col_widths.reverse()
    table = Table(body, colWidths=col_widths, repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if total_row and rows:
        commands.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f1f1f1")))
    table.setStyle(TableStyle(commands))
    return table


def qr_drawing(value: str, size: float) -> Drawing:
    """A QR code of `value`, `size` points square (quiet zone included)."""
    widget = QrCodeWidget(value, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


@dataclass(frozen=True)
class Footer:
    """What every page states at its foot (issue: campaign, organisation, when, unsynced)."""

    campaign: str
    organisation: str
    produced_at: dt.datetime
    unsynced_changes: int


def _footer_text(footer: Footer, lang: str) -> str:
    produced = tr(N_("Produced on {when}"), lang).format(
        when=format_datetime(footer.produced_at, lang)
    )
    unsynced = tr(N_("Changes not yet synchronised: {n}"), lang).format(
        n=format_number(footer.unsynced_changes, lang)
    )
    parts = [footer.campaign, footer.organisation, produced, unsynced]
    return " · ".join(p for p in parts if p)


def build_document(
    path: Path,
    story: list[Flowable],
    *,
    title: str,
    footer: Footer,
    langs: Sequence[str],
    pagesize: tuple[float, float] = A4,
    margin: float = MARGIN,
) -> int:
    """Write `story` to `path` with the running header and footer; returns the page count."""
    register_fonts()
    width, _height = pagesize
    pages: list[int] = []

    def decorate(canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.4)
        canvas.line(margin, 12 * mm, width - margin, 12 * mm)
        canvas.setFont(REGULAR, 6.5)
        y = 9 * mm
        for lang in langs:
            text = visual_line(_footer_text(footer, lang), "R" if is_rtl(lang) else "L")
            while stringWidth(text, REGULAR, 6.5) > width - 2 * margin - 40 and len(text) > 10:
                text = text[:-2] if not is_rtl(lang) else text[2:]
            if is_rtl(lang):
                canvas.drawRightString(width - margin, y, text)
            else:
                canvas.drawString(margin, y, text)
            y -= 3 * mm
        page = str(doc.page)
        if is_rtl(langs[0]):
            canvas.drawString(margin, 9 * mm, page)
        else:
            canvas.drawRightString(width - margin, 9 * mm, page)
        pages.append(doc.page)
        canvas.restoreState()

    doc = SimpleDocTemplate(
        str(path),
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin + 2 * mm,
        title=title,
        author=footer.organisation,
        creator="coldwave",
    )
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return len(pages)


Decorate = Callable[[Canvas, Any], None]
