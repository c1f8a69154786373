"""Fill the Arabic and French catalogs from JSON files of translations.

    .venv/bin/python tools/apply_translations.py TR.json [TR2.json ...]

Each file maps an English msgid to its translations: {"Bed board": {"ar": "...", "fr": "..."}}.
Entries are added when missing and their msgstr set (an existing non-empty translation
is kept unless --overwrite). Placeholders ({n}, {name}) must be the same in the
translation as in the msgid: a mismatch is reported and that entry is skipped, since a
missing placeholder would raise at run time in the user's language only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from babel.messages.pofile import read_po, write_po

from coldwave_app.i18n.catalogs import catalog_path
from coldwave_app.i18n.extract import LANGUAGES

PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*(?:![rsa])?(?::[^{}]*)?\}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--overwrite", action="store_true", help="replace existing translations")
    args = parser.parse_args(argv)
    entries: dict[str, dict[str, str]] = {}
    for path in args.files:
        entries.update(json.loads(path.read_text(encoding="utf-8")))
    problems = 0
    for lang in LANGUAGES:
        path = catalog_path(lang)
        with path.open("rb") as fileobj:
            catalog = read_po(fileobj, locale=lang)
        changed = 0
        for msgid, by_lang in entries.items():
            text = by_lang.get(lang, "")
            if not text:
                continue
            if sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(text)):
                print(f"{lang}: placeholders differ, skipped: {msgid!r} -> {text!r}")
                problems += 1
                continue
            message = catalog.get(msgid)
            if message is None:
                catalog.add(msgid, text)
            elif not message.string or args.overwrite:
                message.string = text
                message.flags.discard("fuzzy")
            else:
                continue
            changed += 1
        with path.open("wb") as fileobj:
            write_po(fileobj, catalog, width=0, sort_output=True, include_lineno=False)
        print(f"{lang}: {changed} entries set")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
