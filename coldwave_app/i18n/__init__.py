"""Languages of the app: Arabic (RTL) and French, switchable at run time.

Message ids are English. Mark user-visible strings with `_("...")` (translate now),
`N_("...")` from coldwave_app.domain.errors (translate later, at the edge) or
`ngettext("...", "...", n)`; `tools/update_catalogs.py` collects them into
resources/translations/{ar,fr}/LC_MESSAGES/coldwave.po and
tests/i18n/test_catalogs_complete.py fails while any of them lacks a translation.

    from coldwave_app.i18n import _, set_language, translate_error
    set_language("ar")
    label = _("Households")

A message with no translation shows its English id; nothing here raises on a
missing or broken catalog. Formatting of dates and numbers lives in
`coldwave_app.i18n.formatting`, Arabic text for PDFs in `coldwave_app.i18n.arabic_pdf`.
"""

from __future__ import annotations

import contextlib
import locale
import os
import threading
from typing import Any, Final

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.i18n.catalogs import Translations, catalog_path, load_translations

__all__ = [
    "LOCALES",
    "SUPPORTED_LANGUAGES",
    "_",
    "current_language",
    "default_language",
    "gettext",
    "is_rtl",
    "isolate_auto",
    "isolate_ltr",
    "ngettext",
    "reload_catalogs",
    "set_language",
    "translate_error",
]

SUPPORTED_LANGUAGES: Final = ("ar", "fr")
"""The UI languages, as set_language() accepts them."""

LOCALES: Final = {"ar": "ar_MA", "fr": "fr_MA"}
"""The CLDR locale behind each language (Moroccan month names, Western digits)."""

_RTL_LANGUAGES: Final = frozenset({"ar"})

LRI: Final = "\u2066"  # LEFT-TO-RIGHT ISOLATE
FSI: Final = "\u2068"  # FIRST STRONG ISOLATE
PDI: Final = "\u2069"  # POP DIRECTIONAL ISOLATE

_lock = threading.Lock()
_cache: dict[str, Translations] = {}
_current: str | None = None


def _check(code: str) -> str:
    if code not in SUPPORTED_LANGUAGES:
        choices = ", ".join(SUPPORTED_LANGUAGES)
        raise ValueError(f"Unsupported language {code!r}: choose one of {choices}.")
    return code


def _resolve(lang: str | None) -> str:
    return _check(lang) if lang else current_language()


def _translations(lang: str) -> Translations:
    found = _cache.get(lang)
    if found is None:
        with _lock:
            found = _cache.get(lang)
            if found is None:
                found = load_translations(catalog_path(lang))
                _cache[lang] = found
    return found


def set_language(code: str) -> None:
    """Switch the UI language ("ar" or "fr"); loads its catalog now. Other codes: ValueError."""
    global _current
    _translations(_check(code))
    _current = code


def current_language() -> str:
    """The language in use; default_language() until set_language() is called."""
    global _current
    if _current is None:
        _current = default_language()
    return _current


def default_language() -> str:
    """The language to start in: $COLDWAVE_LANG, then the system locale ("ar…" → ar), else fr.

    COLDWAVE_LANG must be "ar" or "fr" (a locale such as "ar_MA.UTF-8" is accepted too);
    another value is ignored. Then LANGUAGE (a colon-separated list), LC_ALL,
    LC_MESSAGES and LANG are read in gettext's order of precedence, then the process
    locale (which is how Windows reports it); the first entry naming Arabic or French
    decides. Anything else gives French, the administration's working language.
    """
    candidates: list[str] = [os.environ.get("COLDWAVE_LANG", "")]
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        candidates.extend(os.environ.get(name, "").split(":"))
    with contextlib.suppress(ValueError):  # an unknown locale name in the environment
        candidates.append(locale.getlocale()[0] or "")
    for candidate in candidates:
        lowered = candidate.strip().lower()
        if lowered.startswith(("ar", "arabic")):
            return "ar"
        if lowered.startswith(("fr", "french")):
            return "fr"
    return "fr"


def reload_catalogs() -> None:
    """Forget the catalogs read so far; the next message reads them again from disk."""
    with _lock:
        _cache.clear()


def is_rtl(lang: str | None = None) -> bool:
    """Whether `lang` (default: the current language) is written right to left."""
    return (lang or current_language()) in _RTL_LANGUAGES


def gettext(message: str, *, lang: str | None = None) -> str:
    """`message` in the current language (or `lang`); the English id when untranslated."""
    return _translations(_resolve(lang)).gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, n: int, *, lang: str | None = None) -> str:
    """The plural form of a message for `n` (Arabic has six forms, French two).

    Returns the template unformatted: callers do `.format(n=...)` themselves.
    """
    return _translations(_resolve(lang)).ngettext(singular, plural, n)


def isolate_ltr(text: str) -> str:
    """Wrap a code, number, CIN or path in LRI…PDI so it stays left to right in RTL text."""
    return f"{LRI}{text}{PDI}"


def isolate_auto(text: str) -> str:
    """Wrap text of unknown direction (a name, a place) in FSI…PDI: its first letter decides."""
    return f"{FSI}{text}{PDI}"


def translate_error(
    err: ColdwaveError, *, lang: str | None = None, isolate: bool | None = None
) -> str:
    """The message of `err` in the current language (or `lang`), with its parameters filled in.

    A string parameter that is itself a message id (say a field label marked with `N_`)
    is translated too. In RTL languages the other parameters are wrapped in FSI…PDI so
    that a path, a code or a Latin name does not scramble the sentence; pass
    `isolate=False` for output that is not shown through a bidi-aware renderer (a
    terminal). A translation whose placeholders do not fit falls back to English.
    """
    language = _resolve(lang)
    translations = _translations(language)
    if isolate is None:
        isolate = is_rtl(language)
    rendered = {
        name: _render_param(value, translations, isolate) for name, value in err.params.items()
    }
    template = translations.gettext(err.msgid)
    for text, params in ((template, rendered), (template, err.params), (err.msgid, err.params)):
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError, AttributeError, TypeError):
            continue
    return err.msgid


def _render_param(value: Any, translations: Translations, isolate: bool) -> Any:
    if isinstance(value, str):
        translated = translations.gettext(value)
        if translated != value:
            return translated
    if not isolate:
        return value
    return isolate_auto(str(value))
