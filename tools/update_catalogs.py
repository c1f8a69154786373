"""Collect the translatable messages of coldwave_app/ into the Arabic and French catalogs.

    .venv/bin/python tools/update_catalogs.py           # merge into both .po files
    .venv/bin/python tools/update_catalogs.py --check   # exit 1 listing what is missing
    .venv/bin/python tools/update_catalogs.py --prune   # also drop ids no longer in the code

Messages are those marked `_("...")`, `N_("...")` and `ngettext("...", "...", n)`.
The merge adds new ids with an empty translation and keeps every existing
translation, including those whose id is not (or no longer) in the code: ids can be
translated before the code that uses them lands. Only untranslated leftovers are
dropped, unless --prune is given. Then fill the empty msgstr "" entries in
resources/translations/{ar,fr}/LC_MESSAGES/coldwave.po; there is no compile step,
the app reads the .po files directly. tests/i18n/test_catalogs_complete.py runs the
same check as --check.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coldwave_app.i18n.catalogs import catalog_path
from coldwave_app.i18n.extract import (
    LANGUAGES,
    check_catalogs,
    extract_messages,
    update_catalog,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--check",
        action="store_true",
        help="change nothing; exit 1 listing ids missing or untranslated in a language",
    )
    mode.add_argument(
        "--prune",
        action="store_true",
        help="also drop translated entries whose id is no longer in the code",
    )
    args = parser.parse_args(argv)

    extracted = extract_messages()
    if not args.check:
        for lang in LANGUAGES:
            changed = update_catalog(lang, extracted, prune=args.prune)
            state = "updated" if changed else "unchanged"
            print(f"{catalog_path(lang)}: {state}")

    problems = check_catalogs(extracted)
    print(f"{len(extracted)} message ids in the code.")
    if problems:
        print(f"{len(problems)} problems:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1 if args.check else 0
    print("Every id is translated in " + " and ".join(LANGUAGES) + ".")
    return 0


if __name__ == "__main__":
    sys.exit(main())
