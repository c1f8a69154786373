"""Dates, times and numbers the Moroccan way, in Arabic (ar_MA) and French (fr_MA).

- Western digits (0-9) in both languages: CLDR's ar_MA numbering system is latn.
- Day first. Short dates are dd/MM/y in both languages, e.g. 18/12/2026. Babel's
  ar_MA short pattern is d<RLM>/M<RLM>/y, with RIGHT-TO-LEFT MARKs after the day and
  the month; those marks make the date display as 2026/12/18 in RTL text and garble it
  in LTR contexts (CSV files, input fields), so it is replaced here. A slash-only
  date stays one left-to-right run even after Arabic words, with no marks.
- Medium and long dates spell the month with CLDR's Moroccan Arabic names:
  يناير فبراير مارس أبريل ماي يونيو يوليوز غشت شتنبر أكتوبر نونبر دجنبر. Babel's ar_MA
  medium is numeric, so medium is d MMM y here (ar_MA abbreviated months are the
  full names: medium and long read the same in Arabic).
- 24-hour times (HH:mm). Weeks start on Monday (first_weekday() == 0).
- Rounding is half up (12.5 % of a tally is 13 %), not Babel's default half even.

Numbers formatted here are plain text. Inside an Arabic sentence a negative number,
a percentage or a code can be reordered by the bidi algorithm (26% shows as %26):
wrap it with isolate_ltr() there, but not in exports.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
from decimal import Decimal
from typing import Final, Literal

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers

from coldwave_app.i18n import LOCALES, current_language, isolate_auto, isolate_ltr

__all__ = [
    "DateStyle",
    "first_weekday",
    "format_date",
    "format_datetime",
    "format_decimal",
    "format_number",
    "format_percent",
    "format_time",
    "isolate_auto",
    "isolate_ltr",
    "parse_digits",
]

DateStyle = Literal["short", "medium", "long", "full"]
Number = int | float | Decimal

_DATE_PATTERNS: Final[dict[str, dict[str, str]]] = {
    "ar": {"short": "dd/MM/y", "medium": "d MMM y", "long": "d MMMM y", "full": "EEEE، d MMMM y"},
    "fr": {"short": "dd/MM/y", "medium": "d MMM y", "long": "d MMMM y", "full": "EEEE d MMMM y"},
}
_TIME_PATTERN: Final = "HH:mm"

# Eastern Arabic-Indic (U+0660..U+0669) and Persian/Urdu (U+06F0..U+06F9) digits.
_DIGITS: Final = str.maketrans(
    {chr(base + i): str(i) for base in (0x0660, 0x06F0) for i in range(10)}
)


@functools.cache
def _cldr(locale: str) -> Locale:
    return Locale.parse(locale)


def _lang(lang: str | None) -> str:
    code = lang or current_language()
    if code not in LOCALES:
        raise ValueError(f"Unsupported language {code!r}: choose one of ar, fr.")
    return code


def _locale(lang: str | None) -> str:
    return LOCALES[_lang(lang)]


def _date_pattern(lang: str, style: str) -> str:
    try:
        return _DATE_PATTERNS[lang][style]
    except KeyError:
        raise ValueError(f"Unknown date style {style!r}: short, medium, long or full.") from None


def format_date(value: dt.date, lang: str | None = None, style: DateStyle = "short") -> str:
    """A calendar date: ar 18/12/2026 · 18 دجنبر 2026; fr 18/12/2026 · 18 déc. 2026.

    A datetime is cut to its date as it stands: convert it to local time first.
    """
    code = _lang(lang)
    day = value.date() if isinstance(value, dt.datetime) else value
    return babel_dates.format_date(day, _date_pattern(code, style), locale=LOCALES[code])


def format_time(value: dt.time | dt.datetime, lang: str | None = None) -> str:
    """A 24-hour clock time, HH:mm (21:05) in both languages."""
    code = _lang(lang)
    clock = value.time() if isinstance(value, dt.datetime) else value.replace(tzinfo=None)
    return babel_dates.format_time(clock, _TIME_PATTERN, locale=LOCALES[code])


def format_datetime(
    value: dt.datetime,
    lang: str | None = None,
    style: DateStyle = "short",
    tz: dt.tzinfo | None = None,
) -> str:
    """Date and time joined the CLDR way: ar 18/12/2026، 21:05; fr 18/12/2026 21:05.

    `tz` converts an aware datetime (say a UTC timestamp) before display; a naive
    datetime is taken as local wall time and shown as it is.
    """
    code = _lang(lang)
    if tz is not None and value.tzinfo is not None:
        value = value.astimezone(tz)
    glue = str(_cldr(LOCALES[code]).datetime_formats[style])
    return glue.replace("{1}", format_date(value, code, style)).replace(
        "{0}", format_time(value, code)
    )


def _format(value: Number, pattern: str, locale: str) -> str:
    with decimal.localcontext() as context:
        context.rounding = decimal.ROUND_HALF_UP
        return babel_numbers.format_decimal(value, pattern, locale=locale)


def format_number(value: Number, lang: str | None = None) -> str:
    """A whole number with grouping: ar 1.234.567; fr 1 234 567 (narrow no-break spaces)."""
    return _format(value, "#,##0", _locale(lang))


def format_decimal(value: Number, lang: str | None = None, places: int | None = None) -> str:
    """A decimal number: ar 1.234,5; fr 1 234,5. `places` fixes the fraction digits.

    Without `places`, up to three fraction digits are shown, trailing zeros dropped.
    """
    pattern = "#,##0.###" if places is None else _with_places("#,##0", places)
    return _format(value, pattern, _locale(lang))


def format_percent(value: Number, lang: str | None = None, places: int = 0) -> str:
    """A ratio as a percentage (0.256 → ar 26%, fr 26 % with a no-break space)."""
    locale = _locale(lang)
    pattern = _with_places(str(_cldr(locale).percent_formats[None].pattern), places)
    with decimal.localcontext() as context:
        context.rounding = decimal.ROUND_HALF_UP
        return babel_numbers.format_percent(value, pattern, locale=locale)


def _with_places(pattern: str, places: int) -> str:
    if places < 0:
        raise ValueError("places must be zero or more")
    if places == 0:
        return pattern
    last_zero = pattern.rindex("0")
    return f"{pattern[: last_zero + 1]}.{'0' * places}{pattern[last_zero + 1 :]}"


def first_weekday(lang: str | None = None) -> int:
    """First day of the week, 0 = Monday (Python's numbering): 0 in Morocco."""
    return int(_cldr(_locale(lang)).first_week_day)


def parse_digits(text: str) -> str:
    """Map Eastern Arabic (٠-٩) and Persian (۰-۹) digits to 0-9, for typed input."""
    return text.translate(_DIGITS)
