"""tools/update_catalogs.py: extraction keywords, merging rules, --check."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.pofile import read_po

from coldwave_app.i18n.catalogs import catalog_path
from coldwave_app.i18n.extract import KEPT_NOTE, check_catalogs, extract_messages, update_catalog

REPO = Path(__file__).resolve().parents[2]

SOURCE = """
from coldwave_app.domain.errors import N_
from coldwave_app.i18n import _, ngettext

class Screen:
    def retranslate(self):
        self.title = _("Households")
        self.other = self.tr("Qt string, not collected")
        label = "not marked"
        _(label)  # not a literal: invisible to the extractor
        # TRANSLATORS: n is a number of beds.
        return ngettext("{n} bed", "{n} beds", 3)

ERROR = N_("Unknown place code {code}.")
"""


def make_source(root: Path, text: str = SOURCE) -> Path:
    package = root / "coldwave_app"
    (package / "ui").mkdir(parents=True)
    (package / "ui" / "screen.py").write_text(text, encoding="utf-8")
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "junk.py").write_text('_("compiled junk")', encoding="utf-8")
    return package


def read(root: Path, lang: str):  # type: ignore[no-untyped-def]
    with catalog_path(lang, root).open("rb") as fileobj:
        return read_po(fileobj)


def test_extracts_the_three_keywords_only(tmp_path: Path) -> None:
    found = extract_messages(make_source(tmp_path))
    assert set(found) == {"Households", ("{n} bed", "{n} beds"), "Unknown place code {code}."}
    assert found["Households"].locations == [("coldwave_app/ui/screen.py", 7)]
    assert found[("{n} bed", "{n} beds")].comments == ["n is a number of beds."]


def test_merge_adds_keeps_and_drops(tmp_path: Path) -> None:
    extracted = extract_messages(make_source(tmp_path))
    translations = tmp_path / "translations"
    assert update_catalog("ar", extracted, translations)
    assert not update_catalog("ar", extracted, translations)  # idempotent, byte for byte

    catalog = read(translations, "ar")
    assert catalog["Households"].string == ""
    assert catalog["{n} bed"].string == ("",) * 6
    assert not catalog.fuzzy

    # Translate one id and add one that the code does not use (yet).
    catalog["Households"].string = "الأسر"
    catalog.add("Shelter", "الإيواء")
    catalog.add("Stale and untranslated", "")
    from babel.messages.pofile import write_po

    with catalog_path("ar", translations).open("wb") as fileobj:
        write_po(fileobj, catalog)

    update_catalog("ar", extracted, translations)
    merged = read(translations, "ar")
    assert merged["Households"].string == "الأسر"
    assert merged["Shelter"].string == "الإيواء"
    assert merged["Shelter"].auto_comments == [KEPT_NOTE]
    assert merged.get("Stale and untranslated") is None

    update_catalog("ar", extracted, translations, prune=True)
    assert read(translations, "ar").get("Shelter") is None
    assert read(translations, "ar")["Households"].string == "الأسر"


def test_check_lists_missing_untranslated_and_bad_placeholders(tmp_path: Path) -> None:
    extracted = extract_messages(make_source(tmp_path))
    translations = tmp_path / "translations"
    update_catalog("fr", extracted, translations)
    catalog = read(translations, "fr")
    catalog["Households"].string = "Ménages"
    catalog["{n} bed"].string = ("{n} lit", "")
    catalog["Unknown place code {code}."].string = "Code de lieu {cod} inconnu."
    from babel.messages.pofile import write_po

    with catalog_path("fr", translations).open("wb") as fileobj:
        write_po(fileobj, catalog)

    problems = {(p.lang, p.kind, p.msgid) for p in check_catalogs(extracted, translations)}
    assert problems == {
        ("ar", "unreadable", str(catalog_path("ar", translations))),
        ("fr", "untranslated", "{n} bed"),
        ("fr", "placeholders", "Unknown place code {code}."),
    }


@pytest.fixture
def tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "update_catalogs", REPO / "tools" / "update_catalogs.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("update_catalogs", module)
    spec.loader.exec_module(module)
    return module


def test_tool_check_passes_on_the_repository(
    tool: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert tool.main(["--check"]) == 0
    assert "Every id is translated" in capsys.readouterr().out
