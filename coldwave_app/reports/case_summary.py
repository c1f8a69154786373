"""The case summary that goes with a referral: only what the person's consent allows.

Who the person is, their needs and assessment, the referrals of the case, the
family contact and the case notes as far as the consents and the reader's role
allow; the last line says what was left out and why, so that the partner knows to
ask rather than assume there is nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from coldwave_app.domain.case_labels import (
    CASE_STATUSES,
    NEEDS,
    PRIORITIES,
    REFERRAL_STATUSES,
    VISIBILITIES,
)
from coldwave_app.domain.errors import N_
from coldwave_app.i18n import is_rtl
from coldwave_app.i18n.formatting import format_date
from coldwave_app.reports.models import CaseReport, Withheld
from coldwave_app.reports.pdf_kit import (
    GRID,
    HEADER_FILL,
    MARGIN,
    BidiText,
    bilingual,
    build_document,
    check_langs,
    data_table,
    tr,
)

__all__ = ["render_case_summary", "withheld_line"]

WIDTH = A4[0] - 2 * MARGIN

SEXES = {"m": N_("Male"), "f": N_("Female")}


def _label(table: dict[str, str], value: str | None, lang: str) -> str:
    if not value:
        return ""
    return tr(table[value], lang) if value in table else value


def _labels(table: dict[str, str], value: str | None, langs: Sequence[str]) -> str:
    return " / ".join(dict.fromkeys(_label(table, value, lang) for lang in langs))


def withheld_line(withheld: Sequence[Withheld], lang: str) -> str:
    """ "Withheld: health notes (2) (no health-data consent); ..." or "Withheld: nothing"."""
    if not withheld:
        return tr(N_("Withheld: nothing."), lang)
    parts = []
    for item in withheld:
        what = tr(item.what, lang)
        if item.count is not None:
            what = f"{what} ({item.count})"
        parts.append(f"{what} — {tr(item.why, lang)}")
    sep = "؛ " if is_rtl(lang) else "; "
    return tr(N_("Withheld: {items}."), lang).format(items=sep.join(parts))


def _heading(msgid: str, langs: Sequence[str], rtl: bool) -> list[Flowable]:
    return [
        Spacer(1, 8),
        BidiText(bilingual(msgid, langs, " — "), size=11.5, bold=True, rtl=rtl, space_after=3),
    ]


def _pairs(rows: list[tuple[str, str]], rtl: bool) -> Table:
    """A two-column table of labels and values (columns reversed in Arabic)."""
    body: list[list[Any]] = []
    widths = [WIDTH * 0.3, WIDTH * 0.7]
    for label, value in rows:
        row = [BidiText(label, size=8.5, bold=True, rtl=rtl), BidiText(value, size=9, rtl=rtl)]
        body.append(list(reversed(row)) if rtl else row)
    if rtl:
        widths.reverse()
    table = Table(body, colWidths=widths)
    label_col = -1 if rtl else 0
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (label_col, 0), (label_col, -1), HEADER_FILL),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _names(ar: str, fr: str, langs: Sequence[str]) -> str:
    return "\n".join(dict.fromkeys((ar or fr) if c == "ar" else (fr or ar) for c in langs))


def render_case_summary(data: CaseReport, path: Path, langs: Sequence[str] = ("fr",)) -> int:
    """Write the case summary PDF to `path`; returns its page count."""
    langs = check_langs(langs)
    lang = langs[0]
    rtl = is_rtl(lang)
    ref = data.referral
    story: list[Flowable] = [
        BidiText(
            bilingual(N_("Case summary for a referral"), langs, " — "),
            size=14,
            bold=True,
            rtl=rtl,
            align="center",
        )
    ]
    for code in langs:
        line = tr(N_("Referral to {partner} for {service}, sent on {day}"), code).format(
            partner=(ref.to_ar or ref.to_fr) if code == "ar" else (ref.to_fr or ref.to_ar),
            service=ref.service,
            day=format_date(ref.sent_on, code, "long"),
        )
        story.append(BidiText(line, size=9.5, rtl=is_rtl(code), align="center"))
        consent = tr(N_("Shared with the person's consent to referral sharing of {day}."), code)
        story.append(
            BidiText(
                consent.format(day=format_date(data.consent_on, code)),
                size=8.5,
                rtl=is_rtl(code),
                align="center",
            )
        )

    # Who the person is.
    story += _heading(N_("Household head") if data.household else N_("Person"), langs, rtl)
    identity: list[tuple[str, str]] = [(bilingual(N_("Beneficiary code"), langs, " / "), data.code)]
    if data.name_ar:
        identity.append((bilingual(N_("Name in Arabic"), langs, " / "), data.name_ar))
    if data.name_fr:
        identity.append((bilingual(N_("Name in Latin letters"), langs, " / "), data.name_fr))
    if data.known_as:
        identity.append((bilingual(N_("Known as"), langs, " / "), data.known_as))
    if data.sex:
        identity.append((bilingual(N_("Sex"), langs, " / "), _labels(SEXES, data.sex, langs)))
    if data.birth_year is not None:
        identity.append((bilingual(N_("Year of birth"), langs, " / "), str(data.birth_year)))
    if data.phone:
        identity.append((bilingual(N_("Phone"), langs, " / "), data.phone))
    if data.place_ar or data.place_fr:
        identity.append(
            (bilingual(N_("Douar"), langs, " / "), _names(data.place_ar, data.place_fr, langs))
        )
    story.append(_pairs(identity, rtl))

    # Needs and assessment.
    story += _heading(N_("Needs and assessment"), langs, rtl)
    case_rows: list[tuple[str, str]] = [
        (
            bilingual(N_("Case opened on"), langs, " / "),
            format_date(data.opened_on, lang) + " · " + _labels(CASE_STATUSES, data.status, langs),
        ),
        (
            bilingual(N_("Needs"), langs, " / "),
            "\n".join(
                ("، " if is_rtl(c) else ", ").join(_label(NEEDS, n, c) for n in data.needs)
                for c in langs
            ),
        ),
        (bilingual(N_("Priority"), langs, " / "), _labels(PRIORITIES, data.priority, langs)),
    ]
    if data.assessed_on is not None:
        case_rows.append(
            (bilingual(N_("Assessed on"), langs, " / "), format_date(data.assessed_on, lang))
        )
    if data.assessment:
        case_rows.append((bilingual(N_("Assessment summary"), langs, " / "), data.assessment))
    if data.health_detail:
        case_rows.append((bilingual(N_("Health details"), langs, " / "), data.health_detail))
    story.append(_pairs(case_rows, rtl))

    # Referrals of the case.
    story += _heading(N_("Referrals"), langs, rtl)
    story.append(
        data_table(
            [
                bilingual(m, langs)
                for m in (N_("Service"), N_("Partner"), N_("Sent on"), N_("Status"), N_("Answer"))
            ],
            [
                [
                    r.service,
                    _names(r.to_ar, r.to_fr, langs),
                    format_date(r.sent_on, lang),
                    _labels(REFERRAL_STATUSES, r.status, langs),
                    " · ".join(
                        p
                        for p in (
                            format_date(r.answered_on, lang) if r.answered_on else "",
                            r.outcome,
                        )
                        if p
                    ),
                ]
                for r in data.referrals
            ],
            [WIDTH * 0.16, WIDTH * 0.36, WIDTH * 0.14, WIDTH * 0.14, WIDTH * 0.2],
            rtl=rtl,
            size=8,
        )
    )

    if data.family:
        story += _heading(N_("Family contact"), langs, rtl)
        story.append(
            data_table(
                [
                    bilingual(m, langs)
                    for m in (N_("Name"), N_("Relation"), N_("Phone"), N_("Place"))
                ],
                [[f.name, f.relation, f.phone, f.place] for f in data.family],
                [WIDTH * 0.3, WIDTH * 0.2, WIDTH * 0.2, WIDTH * 0.3],
                rtl=rtl,
            )
        )

    story += _heading(N_("Case notes"), langs, rtl)
    if data.notes:
        story.append(
            data_table(
                [bilingual(m, langs) for m in (N_("Date"), N_("Seen by"), N_("Note"))],
                [
                    [
                        format_date(n.written_on, lang),
                        _labels(VISIBILITIES, n.visibility, langs),
                        n.text,
                    ]
                    for n in data.notes
                ],
                [WIDTH * 0.14, WIDTH * 0.2, WIDTH * 0.66],
                rtl=rtl,
            )
        )
    else:
        for code in langs:
            story.append(BidiText(tr(N_("No note to share."), code), size=9, rtl=is_rtl(code)))

    story.append(Spacer(1, 10))
    for code in langs:
        story.append(
            BidiText(
                withheld_line(data.withheld, code),
                size=9.5,
                bold=True,
                rtl=is_rtl(code),
                space_after=2,
            )
        )
    return build_document(
        path,
        story,
        title=bilingual(N_("Case summary for a referral"), langs, " — "),
        footer=data.footer,
        langs=langs,
    )
