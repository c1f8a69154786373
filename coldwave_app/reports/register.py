"""The shelter register: the residents of a night by bed, and the month's bed nights."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, Spacer

from coldwave_app.domain.errors import N_
from coldwave_app.i18n import is_rtl
from coldwave_app.i18n.formatting import format_date, format_number, format_percent
from coldwave_app.reports.models import Register
from coldwave_app.reports.pdf_kit import (
    MARGIN,
    BidiText,
    bilingual,
    build_document,
    check_langs,
    data_table,
    tr,
)

__all__ = ["render_register"]

WIDTH = A4[0] - 2 * MARGIN


def render_register(data: Register, path: Path, langs: Sequence[str] = ("fr",)) -> int:
    """Write the register PDF to `path`; returns its page count."""
    langs = check_langs(langs)
    lang = langs[0]
    rtl = is_rtl(lang)
    centre = "\n".join(
        dict.fromkeys(data.centre_ar if c == "ar" else data.centre_fr for c in langs)
    )
    story: list[Flowable] = [
        BidiText(
            bilingual(N_("Shelter register"), langs, " — "),
            size=14,
            bold=True,
            rtl=rtl,
            align="center",
        ),
        BidiText(centre, size=11, bold=True, rtl=rtl, align="center"),
    ]
    for code in langs:
        line = tr(N_("Night of {day}"), code).format(day=format_date(data.night, code, "full"))
        line += " · " + tr(N_("{n} residents for {beds} beds"), code).format(
            n=format_number(len(data.residents), code), beds=format_number(data.capacity, code)
        )
        story.append(BidiText(line, size=9.5, rtl=is_rtl(code), align="center"))
    story.append(Spacer(1, 8))
    story.append(
        data_table(
            [
                bilingual(m, langs)
                for m in (
                    N_("Bed"),
                    N_("Name"),
                    N_("Beneficiary code"),
                    N_("Arrived on"),
                    N_("Nights"),
                )
            ],
            [
                [r.bed, r.name, r.code, format_date(r.arrived, lang), r.nights]
                for r in data.residents
            ],
            [WIDTH * 0.12, WIDTH * 0.38, WIDTH * 0.2, WIDTH * 0.18, WIDTH * 0.12],
            rtl=rtl,
            numeric=[False, False, False, False, True],
        )
    )
    story.append(Spacer(1, 12))
    for code in langs:
        month = format_date(data.month_start, code, "long").split(" ", 1)[1]
        story.append(
            BidiText(
                tr(N_("Bed nights of {month}"), code).format(month=month),
                size=11,
                bold=True,
                rtl=is_rtl(code),
            )
        )
    total = [
        bilingual(N_("Total"), langs, " / "),
        sum(c.persons for c in data.month_bed_nights),
        sum(c.bed_nights for c in data.month_bed_nights),
        "",
    ]
    story.append(
        data_table(
            [
                bilingual(m, langs)
                for m in (N_("Centre"), N_("Persons"), N_("Bed nights"), N_("Occupancy rate"))
            ],
            [
                [
                    "\n".join(dict.fromkeys(c.name_ar if x == "ar" else c.name_fr for x in langs)),
                    c.persons,
                    c.bed_nights,
                    format_percent(c.occupancy, lang),
                ]
                for c in data.month_bed_nights
            ]
            + [total],
            [WIDTH * 0.5, WIDTH * 0.15, WIDTH * 0.15, WIDTH * 0.2],
            rtl=rtl,
            numeric=[False, True, True, False],
            total_row=True,
        )
    )
    return build_document(
        path,
        story,
        title=bilingual(N_("Shelter register"), langs, " — "),
        footer=data.footer,
        langs=langs,
    )
