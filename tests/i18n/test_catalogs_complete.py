"""The gate that keeps every user-visible string translated in Arabic and French.

It runs the extraction of tools/update_catalogs.py over coldwave_app/ and fails,
listing them, while any marked id (`_`, `N_`, `ngettext`) lacks a non-empty
translation in either catalog. Fix: `.venv/bin/python tools/update_catalogs.py`,
then fill the empty msgstr "" entries in resources/translations/{ar,fr}/.
"""

from __future__ import annotations

from coldwave_app.i18n.catalogs import catalog_path, load_translations
from coldwave_app.i18n.extract import LANGUAGES, check_catalogs, extract_messages


def test_every_message_is_translated_in_both_languages() -> None:
    extracted = extract_messages()
    assert extracted, "the extractor found no message ids in coldwave_app/"
    problems = [p for p in check_catalogs(extracted) if p.kind != "placeholders"]
    assert not problems, (
        "Untranslated messages (run tools/update_catalogs.py and fill them in):\n"
        + "\n".join(f"  {p}" for p in problems)
    )


def test_translations_keep_their_placeholders() -> None:
    problems = [p for p in check_catalogs(extract_messages()) if p.kind == "placeholders"]
    assert not problems, "\n".join(f"  {p}" for p in problems)


def test_shipped_catalogs_load() -> None:
    for lang in LANGUAGES:
        translations = load_translations(catalog_path(lang))
        assert translations.messages, lang
