"""Arabic lines for reportlab: joined letters, RTL order, mirrored brackets, line order kept."""

from __future__ import annotations

import re
import unicodedata

import bidi
import pytest

from coldwave_app.i18n import isolate_auto, isolate_ltr
from coldwave_app.i18n.arabic_pdf import shape, visual_line, wrap_logical

PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
BASE_ARABIC_LETTERS = re.compile("[\u0621-\u064a]")
CONTROLS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")


def test_letters_are_joined() -> None:
    line = visual_line("المرحلة")
    assert PRESENTATION_FORMS.search(line)
    assert not BASE_ARABIC_LETTERS.search(line)
    assert line == "ﺔﻠﺣﺮﻤﻟﺍ"  # final, medial..., initial, isolated alef: reversed for LTR drawing


def test_lam_alef_and_allah_ligatures() -> None:
    assert visual_line("لا") == "\ufefb"
    assert visual_line("الله") == "\ufdf2"


def test_harakat_are_kept() -> None:
    line = visual_line("أُنشئ")
    assert "\u064f" in line  # damma
    assert PRESENTATION_FORMS.search(line)


def test_brackets_are_mirrored() -> None:
    # The case from research/platform-probe.md §3: the Rust bidi.get_display leaves
    # the brackets facing the wrong way; the pure-Python algorithm mirrors them.
    line = visual_line("(3 المرحلة)")
    assert line == "(" + shape("المرحلة")[::-1] + " 3)"
    rust = bidi.get_display(shape("(3 المرحلة)"), base_dir="R")
    assert rust != line
    assert rust.startswith(")")


def test_sentence_with_brackets_and_a_full_stop() -> None:
    assert visual_line("المرحلة (3).") == ".(3) " + shape("المرحلة")[::-1]


@pytest.mark.parametrize(
    "text",
    [
        "Rapport de distribution (douar Tizi n'Test) : 1\u202f234 couvertures, 18/12/2026.",
        "Bonjour.",
        "CIN AB123456",
        "",
    ],
)
def test_french_line_is_unchanged(text: str) -> None:
    assert visual_line(text) == text
    assert visual_line(text, base_dir="L") == text


def test_numbers_and_latin_keep_their_order_inside_arabic() -> None:
    line = visual_line("الحملة الشتوية 2026 - Al Haouz")
    assert "2026" in line
    assert "Al Haouz" in line


def test_isolated_code_survives_and_marks_are_removed() -> None:
    # The pure-Python algorithm predates isolates (it raises on them): they are
    # turned into embeddings, and no control character reaches the font.
    line = visual_line(f"نسبة {isolate_ltr('26%')} من الأسر")
    assert "26%" in line
    assert not CONTROLS.search(line)
    named = visual_line(f"الاسم: {isolate_auto('محمد أمين')} ({isolate_auto('El Mansoura')})")
    assert "El Mansoura" in named
    assert not CONTROLS.search(named)
    # the two words of the Arabic name stay in RTL order: أمين left of محمد
    assert named.index(shape("أمين")[::-1]) < named.index(shape("محمد")[::-1])


def test_cldr_marks_do_not_reach_the_pdf() -> None:
    assert not CONTROLS.search(visual_line("تاريخ 18\u200f/12\u200f/2026"))


def test_base_direction() -> None:
    with pytest.raises(ValueError):
        visual_line("x", base_dir="rtl")
    text = "Village تيزي."
    assert visual_line(text, base_dir="L").endswith(".")
    assert visual_line(text, base_dir="R").startswith(".")
    assert visual_line(text, base_dir="auto") == visual_line(text, base_dir="L")


def test_wrap_keeps_line_order_top_to_bottom() -> None:
    words = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن"]
    text = " ".join(words)
    lines = wrap_logical(text, len, 14)
    assert len(lines) > 2
    assert " ".join(lines) == text  # logical order, nothing lost
    assert lines[0].startswith("الأول")
    assert lines[-1].endswith("الثامن")
    drawn = [visual_line(line) for line in lines]
    # First word on the top line, at its right end (drawn first when read RTL).
    assert drawn[0].endswith(shape("الأول")[::-1])
    assert drawn[-1].startswith(shape("الثامن")[::-1])
    # Reordering the whole paragraph first would put the last words on the top line.
    whole = visual_line(text)
    assert whole.startswith(shape("الثامن")[::-1])


def test_wrap_measures_the_shaped_text() -> None:
    seen: list[str] = []

    def width(text: str) -> float:
        seen.append(text)
        return float(len(text))

    wrap_logical("أهلا وسهلا بكم", width, 100)
    assert seen
    assert all(not BASE_ARABIC_LETTERS.search(text) for text in seen)


def test_wrap_breaks_on_plain_spaces_only() -> None:
    text = "Total 1\u202f234\u00a0%\t\tfin\n\nسطر"
    assert wrap_logical(text, len, 3) == ["Total", "1\u202f234\u00a0%", "fin", "", "سطر"]


def test_overlong_word_gets_its_own_line() -> None:
    assert wrap_logical("a verylongword b", len, 4) == ["a", "verylongword", "b"]


def test_every_shaped_letter_is_a_presentation_form() -> None:
    shaped = shape("التعاون الوطني")
    arabic = [ch for ch in shaped if unicodedata.bidirectional(ch) == "AL"]
    assert arabic
    assert all(PRESENTATION_FORMS.match(ch) for ch in arabic)
