"""`coldwave report sitrep|runsheet|register|cards|case ... --out FILE.pdf`: the PDF reports.

--lang is ar, fr or both (French and Arabic side by side). Errors come out as one
translated line on stderr with the usual exit codes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from coldwave_app.cli_common import (
    data_dir_option,
    logged_in,
    reports_errors,
    user_option,
)
from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.i18n import _

out_option = click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="PDF to write."
)

report_group = click.Group(
    "report", help="Print PDF reports (sitrep, run sheet, register, cards, case summary)."
)
lang_option = click.option(
    "--lang",
    type=click.Choice(["fr", "ar", "both"]),
    default="fr",
    show_default=True,
    help="Language of the report; both puts French and Arabic side by side.",
)
LANGS = {"fr": ("fr",), "ar": ("ar",), "both": ("fr", "ar")}


def _day(text: str | None, option: str) -> date | None:
    """A date option, checked here rather than by click so that a bad one gives one
    translated line (exit 2), like every other mistake."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            N_("{option} must be a date written YYYY-MM-DD, not «{value}»."),
            option=option,
            value=text,
        ) from None


def _required_day(text: str, option: str) -> date:
    day = _day(text, option)
    assert day is not None
    return day


def _done(out: Path, pages: int) -> None:
    click.echo(_("{path}: {pages} pages").format(path=out, pages=pages))


@report_group.command("sitrep")
@click.option("--date", "day", required=True, help="Day, or first day of the period.")
@click.option("--to", "last", default=None, help="Last day of the period.")
@out_option
@lang_option
@data_dir_option
@user_option
@reports_errors
def sitrep(
    day: str, last: str | None, out: Path, lang: str, data_dir: Path, user: str | None
) -> None:
    """The daily situation report of the campaign for a day or a period."""
    from coldwave_app.services.report_data import write_sitrep

    with logged_in(data_dir, user) as store:
        pages = write_sitrep(
            store,
            out,
            start=_required_day(day, "--date"),
            end=_day(last, "--to"),
            langs=LANGS[lang],
        )
    _done(out, pages)


@report_group.command("runsheet")
@click.option("--douar", "douars", multiple=True, required=True, help="Douar code (repeatable).")
@click.option("--date", "day", required=True, help="Day of the round.")
@click.option("--round", "round_label", default="", help="Name of the round, printed.")
@out_option
@lang_option
@data_dir_option
@user_option
@reports_errors
def runsheet(
    douars: tuple[str, ...],
    day: str,
    round_label: str,
    out: Path,
    lang: str,
    data_dir: Path,
    user: str | None,
) -> None:
    """The run sheet of an outreach round: households, QR codes, stock to load."""
    from coldwave_app.services.report_data import write_runsheet

    with logged_in(data_dir, user) as store:
        pages = write_runsheet(
            store,
            out,
            douars=list(douars),
            on=_required_day(day, "--date"),
            round_label=round_label,
            langs=LANGS[lang],
        )
    _done(out, pages)


@report_group.command("register")
@click.option("--night", "night", required=True, help="Night (named by its evening).")
@click.option("--facility", "facility_id", default=None, help="Shelter id (default: the first).")
@out_option
@lang_option
@data_dir_option
@user_option
@reports_errors
def register(
    night: str,
    facility_id: str | None,
    out: Path,
    lang: str,
    data_dir: Path,
    user: str | None,
) -> None:
    """The shelter register of a night, by bed, and the month's bed nights."""
    from coldwave_app.services.report_data import write_register

    with logged_in(data_dir, user) as store:
        pages = write_register(
            store,
            out,
            night=_required_day(night, "--night"),
            facility_id=facility_id,
            langs=LANGS[lang],
        )
    _done(out, pages)


@report_group.command("cards")
@click.option("--douar", default=None, help="Douar code: a card for each of its households.")
@click.option("--person", "persons", multiple=True, help="Person id: a card for them (repeatable).")
@click.option("--issued", "issued", default=None, help="Date of issue (default: today).")
@out_option
@lang_option
@data_dir_option
@user_option
@reports_errors
def cards(
    douar: str | None,
    persons: tuple[str, ...],
    issued: str | None,
    out: Path,
    lang: str,
    data_dir: Path,
    user: str | None,
) -> None:
    """Beneficiary cards, eight per A4 sheet, for a douar's households or for persons.

    The cards are always in Arabic and French; --lang sets the page footer."""
    from coldwave_app.services.report_data import write_cards

    if (douar is None) == (not persons):
        raise InvalidInput(N_("Give either --douar or --person."))
    with logged_in(data_dir, user) as store:
        pages = write_cards(
            store,
            out,
            douar=douar,
            person_ids=list(persons),
            issued_on=_day(issued, "--issued"),
            langs=LANGS[lang],
        )
    _done(out, pages)


@report_group.command("case")
@click.option("--referral", "referral_id", required=True, help="Referral id.")
@out_option
@lang_option
@data_dir_option
@user_option
@reports_errors
def case(referral_id: str, out: Path, lang: str, data_dir: Path, user: str | None) -> None:
    """The case summary to send with a referral: only what the person's consent allows."""
    from coldwave_app.services.report_data import write_case_summary

    with logged_in(data_dir, user) as store:
        pages = write_case_summary(store, out, referral_id=referral_id, langs=LANGS[lang])
    _done(out, pages)
