"""The douar run sheet (manifest) of an outreach round: printed before leaving, used offline.

One row per household: its beneficiary code as text and QR (scan it, or tick the
row), what it is due this round and has already received, and boxes for the
signature or thumbprint. The stock to load closes the sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from coldwave_app.domain.errors import N_
from coldwave_app.i18n import is_rtl
from coldwave_app.i18n.formatting import format_date, format_number
from coldwave_app.reports.models import RunSheet
from coldwave_app.reports.pdf_kit import (
    GRID,
    HEADER_FILL,
    MARGIN,
    BidiText,
    bilingual,
    build_document,
    check_langs,
    data_table,
    qr_drawing,
    tr,
)

__all__ = ["render_runsheet"]

PAGE = landscape(A4)
WIDTH = PAGE[0] - 2 * MARGIN
QR_SIZE = 17 * mm


def _quantities(values: dict[str, float], langs: Sequence[str]) -> str:
    lang = langs[0]
    return "\n".join(
        f"{bilingual(msgid, langs, ' / ')}: {format_number(qty, lang)}"
        for msgid, qty in values.items()
    )


def render_runsheet(data: RunSheet, path: Path, langs: Sequence[str] = ("fr",)) -> int:
    """Write the run sheet PDF to `path`; returns its page count."""
    langs = check_langs(langs)
    lang = langs[0]
    rtl = is_rtl(lang)
    story: list[Flowable] = []
    story.append(
        BidiText(
            bilingual(N_("Douar run sheet"), langs, " — "),
            size=14,
            bold=True,
            rtl=rtl,
            align="center",
        )
    )
    places = " · ".join(data.places_ar if lang == "ar" else data.places_fr)
    story.append(BidiText(places, size=11, bold=True, rtl=rtl, align="center"))
    for code in langs:
        line = tr(N_("Round of {day}"), code).format(day=format_date(data.on, code, "long"))
        if data.round_label:
            line += f" · {data.round_label}"
        line += " · " + tr(N_("Households: {n}"), code).format(n=len(data.households))
        story.append(BidiText(line, size=9, rtl=is_rtl(code), align="center"))
    story.append(Spacer(1, 6))

    header = [
        bilingual(m, langs)
        for m in (
            N_("No."),
            N_("QR"),
            N_("Beneficiary code"),
            N_("Head of household"),
            N_("Persons"),
            N_("Due this round"),
            N_("Received so far"),
            N_("Given"),
            N_("Signature or thumbprint"),
        )
    ]
    widths = [10 * mm, QR_SIZE + 4 * mm, 32 * mm, 50 * mm, 16 * mm, 40 * mm, 40 * mm, 18 * mm]
    widths.append(WIDTH - sum(widths))
    body: list[list[Any]] = [[BidiText(h, size=7.5, bold=True, rtl=rtl) for h in header]]
    for n, hh in enumerate(data.households, start=1):
        head = hh.head if len(langs) == 1 else f"{hh.head}\n{hh.douar_fr}"
        body.append(
            [
                BidiText(str(n), size=8, align="center"),
                qr_drawing(hh.code, QR_SIZE),
                BidiText(hh.code, size=8.5, bold=True, align="center"),
                BidiText(head, size=8.5, rtl=rtl),
                BidiText(format_number(hh.size, lang), size=8.5, align="center"),
                BidiText(_quantities(hh.entitled, langs), size=7.5, rtl=rtl),
                BidiText(_quantities(hh.received, langs), size=7.5, rtl=rtl),
                BidiText("", size=8),
                BidiText("", size=8),
            ]
        )
    if rtl:
        body = [list(reversed(row)) for row in body]
        widths.reverse()
    table = Table(body, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f6f6f6")]),
                ("TOPPADDING", (0, 1), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 1),
            ]
        )
    )
    story.append(table)
    story.append(Spacer(1, 10))
    story.append(
        BidiText(bilingual(N_("Stock to load"), langs, " — "), size=11, bold=True, rtl=rtl)
    )
    story.append(
        data_table(
            [
                bilingual(m, langs)
                for m in (N_("Item"), N_("Unit"), N_("Quantity"), N_("Loaded"), N_("Returned"))
            ],
            [
                [
                    "\n".join(dict.fromkeys(i.name_ar if c == "ar" else i.name_fr for c in langs)),
                    i.unit,
                    format_number(i.quantity, lang),
                    "",
                    "",
                ]
                for i in data.stock_to_load
            ],
            [WIDTH * 0.4, WIDTH * 0.12, WIDTH * 0.16, WIDTH * 0.16, WIDTH * 0.16],
            rtl=rtl,
            numeric=[False, False, True, False, False],
        )
    )
    return build_document(
        path,
        story,
        title=bilingual(N_("Douar run sheet"), langs, " — "),
        footer=data.footer,
        langs=langs,
        pagesize=PAGE,
    )
