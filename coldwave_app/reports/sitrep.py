"""The daily situation report (sitrep) of a campaign, for a day or a period."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle

from coldwave_app.domain.errors import N_
from coldwave_app.i18n import is_rtl
from coldwave_app.i18n.formatting import format_date, format_number, format_percent
from coldwave_app.reports.charts import bar_chart, line_chart
from coldwave_app.reports.models import PlaceLine, Sitrep
from coldwave_app.reports.pdf_kit import (
    GRID,
    MARGIN,
    BidiText,
    bilingual,
    build_document,
    check_langs,
    data_table,
    tr,
)

__all__ = ["render_sitrep"]

WIDTH = A4[0] - 2 * MARGIN
BANDS = (
    ("0_17", N_("0-17 years")),
    ("18_59", N_("18-59 years")),
    ("60_plus", N_("60 years and over")),
)
RISK_LEVELS = (("red", N_("Red")), ("orange", N_("Orange")), ("yellow", N_("Yellow")))


def _name(fr: str, ar: str, langs: Sequence[str]) -> str:
    return "\n".join(dict.fromkeys((ar or fr) if lang == "ar" else (fr or ar) for lang in langs))


def _heading(msgid: str, langs: Sequence[str], rtl: bool) -> Flowable:
    return BidiText(bilingual(msgid, langs, " — "), size=11, bold=True, rtl=rtl, space_after=3)


def _num(value: float, lang: str) -> str:
    return format_number(round(value), lang)


def _figures(rows: list[tuple[str, str]], langs: Sequence[str]) -> Table:
    """Headline figures: label, value (and the other language's label on the far side)."""
    rtl = is_rtl(langs[0])
    body: list[list[Any]] = []
    for msgid, value in rows:
        if len(langs) == 2:
            body.append(
                [
                    BidiText(tr(msgid, langs[0]), size=8.5, rtl=is_rtl(langs[0])),
                    BidiText(value, size=8.5, bold=True, align="center"),
                    BidiText(tr(msgid, langs[1]), size=8.5, rtl=is_rtl(langs[1])),
                ]
            )
        else:
            label = BidiText(tr(msgid, langs[0]), size=8.5, rtl=rtl)
            figure = BidiText(value, size=8.5, bold=True, align="center")
            body.append([figure, label] if rtl else [label, figure])
    widths = (
        [WIDTH * 0.42, WIDTH * 0.16, WIDTH * 0.42]
        if len(langs) == 2
        else ([WIDTH * 0.25, WIDTH * 0.55] if rtl else [WIDTH * 0.55, WIDTH * 0.25])
    )
    table = Table(body, colWidths=widths, hAlign="RIGHT" if rtl else "LEFT")
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, GRID),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _places(
    places: list[PlaceLine], langs: Sequence[str], *, douars: bool, lang: str
) -> list[list[object]]:
    rows: list[list[object]] = []
    for place in places:
        row: list[object] = [_name(place.name_fr, place.name_ar, langs)]
        if douars:
            row.append(_name(place.parent_fr, place.parent_ar, langs))
            risk = dict(RISK_LEVELS).get(place.risk_level or "", N_("Not targeted"))
            row.append(bilingual(risk, langs, " / "))
        row += [place.households, place.persons]
        rows.append(row)
    return rows


def render_sitrep(data: Sitrep, path: Path, langs: Sequence[str] = ("fr",)) -> int:
    """Write the sitrep PDF to `path`; returns its page count."""
    langs = check_langs(langs)
    lang = langs[0]
    rtl = is_rtl(lang)
    story: list[Flowable] = []
    title = bilingual(N_("Daily situation report"), langs, " — ")
    story.append(BidiText(title, size=15, bold=True, rtl=rtl, align="center", space_after=2))
    story.append(BidiText(data.footer.campaign, size=10, rtl=rtl, align="center", space_after=2))
    for code in langs:
        if data.start == data.end:
            when = tr(N_("Day: {day}"), code).format(day=format_date(data.start, code, "long"))
        else:
            when = tr(N_("Period: {start} to {end}"), code).format(
                start=format_date(data.start, code, "long"), end=format_date(data.end, code, "long")
            )
        story.append(BidiText(when, size=10, rtl=is_rtl(code), align="center"))
    story.append(Spacer(1, 6))

    # Cold alert
    for code in langs:
        if data.alert is None:
            text = tr(N_("Cold alert: none in force"), code)
        else:
            level = tr(dict(RISK_LEVELS).get(data.alert.level, data.alert.level), code)
            text = tr(N_("Cold alert in force: {level}, from {start}"), code).format(
                level=level, start=format_date(data.alert.starts_on, code, "long")
            )
            if data.alert.ends_on is not None:
                text += " " + tr(N_("to {end}"), code).format(
                    end=format_date(data.alert.ends_on, code, "long")
                )
        story.append(
            BidiText(text, size=9.5, bold=True, rtl=is_rtl(code), color=colors.HexColor("#a11"))
        )
    if data.alert is not None and data.alert.note:
        story.append(BidiText(data.alert.note, size=8.5, rtl=rtl))
    story.append(Spacer(1, 6))

    # Headline figures
    story.append(_heading(N_("Headline figures"), langs, rtl))
    story.append(
        _figures(
            [
                (N_("Persons sheltered"), _num(data.persons_sheltered, lang)),
                (N_("Bed nights"), _num(data.bed_nights, lang)),
                (N_("Occupancy rate"), format_percent(data.occupancy, lang)),
                (N_("Meals served"), _num(data.meals.get("total", 0), lang)),
                (N_("Households reached"), _num(data.households_reached, lang)),
                (N_("Persons reached"), _num(data.persons_reached, lang)),
                (N_("Street encounters"), _num(data.encounters, lang)),
                (N_("Shelter offers accepted"), _num(data.shelter_accepted, lang)),
                (N_("Shelter offers refused"), _num(data.shelter_refused, lang)),
                (N_("Family reintegrations"), _num(data.reintegrations, lang)),
                (N_("Referrals sent"), _num(data.referrals_sent, lang)),
                (N_("Referrals completed"), _num(data.referrals_completed, lang)),
            ],
            langs,
        )
    )
    story.append(Spacer(1, 8))

    # Centres
    story.append(_heading(N_("Shelters"), langs, rtl))
    centre_rows: list[list[object]] = [
        [
            _name(c.name_fr, c.name_ar, langs),
            c.persons,
            c.bed_nights,
            format_percent(c.occupancy, lang),
        ]
        for c in data.centres
    ]
    story.append(
        data_table(
            [
                bilingual(m, langs)
                for m in (N_("Centre"), N_("Persons"), N_("Bed nights"), N_("Occupancy rate"))
            ],
            centre_rows,
            [WIDTH * 0.52, WIDTH * 0.16, WIDTH * 0.16, WIDTH * 0.16],
            rtl=rtl,
            numeric=[False, True, True, True],
        )
    )
    story.append(Spacer(1, 8))

    # Items and meals
    item_rows: list[list[object]] = [
        [_name(i.name_fr, i.name_ar, langs), i.unit, _num(i.quantity, lang)] for i in data.items
    ]
    item_rows.append(
        [
            bilingual(N_("Meals in centres"), langs, " / "),
            "",
            _num(data.meals.get("centre", 0), lang),
        ]
    )
    item_rows.append(
        [
            bilingual(N_("Meals in the street"), langs, " / "),
            "",
            _num(data.meals.get("street", 0), lang),
        ]
    )
    story.append(
        KeepTogether(
            [
                _heading(N_("Items distributed"), langs, rtl),
                data_table(
                    [bilingual(m, langs) for m in (N_("Item"), N_("Unit"), N_("Quantity"))],
                    item_rows,
                    [WIDTH * 0.6, WIDTH * 0.15, WIDTH * 0.25],
                    rtl=rtl,
                    numeric=[False, False, True],
                ),
            ]
        )
    )
    story.append(Spacer(1, 8))

    # Reach by sex and age
    reach_rows: list[list[object]] = []
    for band, msgid in BANDS:
        male = data.persons_by_band.get(f"male_{band}", 0)
        female = data.persons_by_band.get(f"female_{band}", 0)
        reach_rows.append([bilingual(msgid, langs, " / "), male, female, male + female])
    unknown = data.persons_by_band.get("unknown_sex_age", 0)
    reach_rows.append([bilingual(N_("Sex or age unknown"), langs, " / "), "", "", unknown])
    reach_rows.append(
        [bilingual(N_("Total"), langs, " / "), "", "", sum(data.persons_by_band.values())]
    )
    douar_rows: list[list[object]] = []
    for level, msgid in RISK_LEVELS:
        targeted, reached = data.douars_by_risk.get(level, (0, 0))
        douar_rows.append([bilingual(msgid, langs, " / "), targeted, reached])
    targeted, reached = data.douars_by_risk.get("total", (0, 0))
    douar_rows.append([bilingual(N_("Total"), langs, " / "), targeted, reached])
    story.append(
        KeepTogether(
            [
                _heading(N_("Persons reached by sex and age"), langs, rtl),
                data_table(
                    [
                        bilingual(m, langs)
                        for m in (N_("Age"), N_("Men and boys"), N_("Women and girls"), N_("Total"))
                    ],
                    reach_rows,
                    [WIDTH * 0.4, WIDTH * 0.2, WIDTH * 0.2, WIDTH * 0.2],
                    rtl=rtl,
                    numeric=[False, True, True, True],
                    total_row=True,
                ),
                Spacer(1, 8),
                _heading(N_("Douars reached against targets, by risk level"), langs, rtl),
                data_table(
                    [
                        bilingual(m, langs)
                        for m in (N_("Risk level"), N_("Douars targeted"), N_("Douars reached"))
                    ],
                    douar_rows,
                    [WIDTH * 0.4, WIDTH * 0.3, WIDTH * 0.3],
                    rtl=rtl,
                    numeric=[False, True, True],
                    total_row=True,
                ),
            ]
        )
    )
    story.append(Spacer(1, 8))

    # Charts
    chart_lang = lang
    items = [i for i in data.items if i.quantity > 0]
    story.append(
        bar_chart(
            tr(N_("Items distributed"), chart_lang),
            [i.name_ar if chart_lang == "ar" else i.name_fr for i in items],
            [i.quantity for i in items],
            rtl=rtl,
            width=WIDTH,
            height=170,
        )
    )
    if data.nightly_occupancy:
        story.append(Spacer(1, 6))
        story.append(
            line_chart(
                tr(N_("Persons in the centres, night by night"), chart_lang),
                [night.strftime("%d/%m") for night, _ in data.nightly_occupancy],
                [count for _, count in data.nightly_occupancy],
                rtl=rtl,
                width=WIDTH,
                height=160,
                every=max(1, len(data.nightly_occupancy) // 10),
            )
        )
    story.append(Spacer(1, 8))

    # By commune and douar
    story.append(_heading(N_("Reach by commune"), langs, rtl))
    story.append(
        data_table(
            [bilingual(m, langs) for m in (N_("Commune"), N_("Households"), N_("Persons"))],
            _places(data.communes, langs, douars=False, lang=lang),
            [WIDTH * 0.6, WIDTH * 0.2, WIDTH * 0.2],
            rtl=rtl,
            numeric=[False, True, True],
        )
    )
    story.append(Spacer(1, 8))
    story.append(_heading(N_("Reach by douar"), langs, rtl))
    story.append(
        data_table(
            [
                bilingual(m, langs)
                for m in (
                    N_("Douar"),
                    N_("Commune"),
                    N_("Risk level"),
                    N_("Households"),
                    N_("Persons"),
                )
            ],
            _places(data.douars, langs, douars=True, lang=lang),
            [WIDTH * 0.28, WIDTH * 0.28, WIDTH * 0.16, WIDTH * 0.14, WIDTH * 0.14],
            rtl=rtl,
            numeric=[False, False, False, True, True],
        )
    )
    return build_document(
        path,
        story,
        title=bilingual(N_("Daily situation report"), langs, " — "),
        footer=data.footer,
        langs=langs,
    )
