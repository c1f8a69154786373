"""Keeping the catalogs in step with the code (used by tools/update_catalogs.py and the tests).

Extraction finds every message marked with `_("...")`, `N_("...")` or
`ngettext("...", "...", n)` in coldwave_app/**/*.py with Babel's Python extractor
(string literals only: `_(name)` is invisible to it). `self.tr()` is not collected:
Qt's own translation system is not used.

Merging rules (update_catalog):
- a new message id is added with an empty translation;
- an existing translation is kept, with its locations refreshed;
- an entry whose id is no longer in the code is kept if it has a translation
  (ids can be translated before the code that uses them lands), marked with a
  "#." comment, and dropped if it is untranslated; `prune=True` drops it either way;
- entries a translator marked obsolete (#~) are left alone.

check_catalogs() reports, per language, ids that are missing from a catalog, untranslated,
fuzzy or partly translated (plural forms), and translations whose {placeholders}
differ from their id's.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import PoFileError, read_po, write_po

from coldwave_app.i18n.catalogs import DOMAIN, catalog_path

__all__ = [
    "KEYWORDS",
    "LANGUAGES",
    "MessageKey",
    "Problem",
    "check_catalogs",
    "extract_messages",
    "update_catalog",
]

MessageKey = str | tuple[str, str]
"""A singular message id, or (singular, plural) for ngettext."""

KEYWORDS: Final[dict[str, Any]] = {"_": None, "N_": None, "ngettext": (1, 2)}
LANGUAGES: Final = ("ar", "fr")
KEPT_NOTE: Final = "Not found in the code: kept because it is translated."

_HEADERS: Final = {
    "ar": (
        "Arabic translations of coldwave (Moroccan administrative usage, Western digits).\n"
        "Update with tools/update_catalogs.py; keep every {placeholder} unchanged.\n"
        "Plural forms, by msgstr index: [0] n=0, [1] n=1, [2] n=2, [3] n%100 in 3..10,\n"
        "[4] n%100 in 0..2 for n >= 100 (100, 101, 102...), [5] n%100 in 11..99.\n"
        "Commands and --options inside Arabic sentences are wrapped in the invisible\n"
        "isolate marks U+2066 ... U+2069 so they stay left to right: keep them."
    ),
    "fr": (
        "French translations of coldwave (usage of the Moroccan administration).\n"
        "Update with tools/update_catalogs.py; keep every {placeholder} unchanged."
    ),
}


def package_dir() -> Path:
    """The coldwave_app directory of this checkout."""
    return Path(__file__).resolve().parents[1]


@dataclass
class Extracted:
    """Where one message id is used, and the translator comments found there."""

    locations: list[tuple[str, int]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


@dataclass(frozen=True, order=True)
class Problem:
    lang: str
    kind: str  # missing | untranslated | fuzzy | placeholders | unreadable
    msgid: str
    detail: str = ""

    def __str__(self) -> str:
        tail = f" ({self.detail})" if self.detail else ""
        return f"{self.lang}: {self.kind}: {self.msgid!r}{tail}"


def _keep_directory(dirpath: str) -> bool:
    name = os.path.basename(dirpath)
    return not (name.startswith(".") or name == "__pycache__")


def extract_messages(source: Path | None = None) -> dict[MessageKey, Extracted]:
    """Every marked message id under `source` (default: coldwave_app/), in source order."""
    root = source if source is not None else package_dir()
    prefix = root.name
    found: dict[MessageKey, Extracted] = {}
    for filename, lineno, message, comments, _context in extract_from_dir(
        str(root),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
        directory_filter=_keep_directory,
    ):
        key = _key(message)
        if key is None:
            continue
        entry = found.setdefault(key, Extracted())
        entry.locations.append((f"{prefix}/{filename}".replace(os.sep, "/"), lineno))
        entry.comments.extend(c for c in comments if c not in entry.comments)
    return found


def _key(message: Any) -> MessageKey | None:
    if isinstance(message, str):
        return message or None
    if isinstance(message, (tuple, list)) and len(message) == 2 and all(message):
        return (str(message[0]), str(message[1]))
    return None  # a call with a non-literal argument, e.g. _(label)


def _singular(key: str | Sequence[str]) -> str:
    return key if isinstance(key, str) else key[0]


def _forms(message: Message) -> list[str]:
    if isinstance(message.string, (tuple, list)):
        return [str(form) for form in message.string]
    return [message.string or ""]


def _has_translation(message: Message) -> bool:
    return any(_forms(message))


def _read(path: Path) -> Catalog:
    with path.open("rb") as fileobj:
        return read_po(fileobj, abort_invalid=True)


def _new_catalog(lang: str) -> Catalog:
    now = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
    return Catalog(
        locale=lang,
        domain=DOMAIN,
        header_comment="\n".join(f"# {line}" for line in _HEADERS[lang].splitlines()),
        project="coldwave",
        version="1",
        copyright_holder="coldwave",
        msgid_bugs_address="",
        creation_date=now,
        revision_date=now,
        last_translator="coldwave",
        language_team=lang,
        fuzzy=False,
    )


def _empty_string(key: MessageKey, catalog: Catalog) -> str | tuple[str, ...]:
    return "" if isinstance(key, str) else ("",) * catalog.num_plurals


def update_catalog(
    lang: str,
    extracted: Mapping[MessageKey, Extracted],
    root: Path | None = None,
    *,
    prune: bool = False,
) -> bool:
    """Merge the extracted ids into `lang`'s .po file (rules above). True if it changed."""
    path = catalog_path(lang, root)
    before = path.read_bytes() if path.exists() else None
    catalog = _read(path) if before is not None else _new_catalog(lang)

    wanted = {_singular(key): key for key in extracted}
    for message in list(catalog):
        if not message.id:
            continue
        singular = _singular(message.id)
        if singular in wanted:
            continue
        if prune or not _has_translation(message):
            catalog.delete(singular, context=message.context)
        else:
            message.locations = []
            message.auto_comments = [KEPT_NOTE]

    for key, where in extracted.items():
        singular = _singular(key)
        existing = catalog.get(singular)
        if existing is None and singular in catalog.obsolete:
            existing = catalog.obsolete.pop(singular)
            catalog[singular] = existing
        if existing is not None and isinstance(existing.id, str) != isinstance(key, str):
            catalog.delete(singular, context=existing.context)  # singular <-> plural: start over
            existing = None
        message = catalog.add(key, _empty_string(key, catalog)) if existing is None else existing
        message.id = key
        message.locations = sorted(set(where.locations))
        message.auto_comments = list(where.comments)
        if _has_fields(key):
            message.flags.add("python-brace-format")

    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, sort_output=True, include_lineno=False)
    after = buffer.getvalue()
    if after == before:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(after)
    return True


def _fields(text: str) -> set[str] | None:
    """The {placeholder} names of a format string; None when its braces are malformed."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return None
    names: set[str] = set()
    for _literal, name, _spec, _conversion in parsed:
        if name is not None:
            names.add(name.split(".")[0].split("[")[0])
    return names


def _has_fields(key: MessageKey) -> bool:
    return any(_fields(text) for text in ((key,) if isinstance(key, str) else key))


def _placeholder_problem(message: Message) -> str | None:
    ids = (message.id,) if isinstance(message.id, str) else tuple(message.id)
    expected: set[str] = set()
    for text in ids:
        expected |= _fields(text) or set()
    for form in _forms(message):
        if not form:
            continue
        got = _fields(form)
        if got is None:
            return f"unbalanced braces in {form!r}"
        if isinstance(message.id, str) and got != expected:
            return f"translation has {sorted(got)}, id has {sorted(expected)}"
        if not got <= expected:
            return f"unknown {sorted(got - expected)} in {form!r}"
    return None


def check_catalogs(
    extracted: Iterable[MessageKey],
    root: Path | None = None,
    languages: Iterable[str] = LANGUAGES,
) -> list[Problem]:
    """What keeps the catalogs from covering `extracted` in every language; [] when complete."""
    keys = list(extracted)
    problems: list[Problem] = []
    for lang in languages:
        path = catalog_path(lang, root)
        try:
            catalog = _read(path)
        except (OSError, PoFileError, ValueError) as exc:
            problems.append(Problem(lang, "unreadable", str(path), str(exc)))
            continue
        for key in keys:
            singular = _singular(key)
            message = catalog.get(singular)
            if message is None:
                problems.append(Problem(lang, "missing", singular))
            elif message.fuzzy:
                problems.append(Problem(lang, "fuzzy", singular))
            elif not all(_forms(message)) or len(_forms(message)) < (
                1 if isinstance(key, str) else catalog.num_plurals
            ):
                problems.append(Problem(lang, "untranslated", singular))
        for message in catalog:
            if message.id and _has_translation(message):
                detail = _placeholder_problem(message)
                if detail:
                    problems.append(Problem(lang, "placeholders", _singular(message.id), detail))
    return sorted(problems)
