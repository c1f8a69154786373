"""Fold Arabic- and Latin-script names into search keys, and a cross-script phonetic key.

Names of people and places reach coldwave in Arabic script, in French-style Latin
transliteration, or in both, and every one of them is spelled several ways (DESIGN.md §5,
research/domain.md §5.3). This module turns a name into the strings a search index stores
and a query looks for:

* `fold_arabic` and `fold_latin` remove the spelling variation *within* one script
  (hamza seats, ta marbuta, tashkeel, the article, accents, punctuation...);
* `phonetic_key` maps both scripts onto one consonant skeleton, so that «محمد» and
  "M'hamed", or «ورزازات» and "Ouarzazate", produce the same key;
* `search_keys` / `query_keys` bundle the two for an index and for a query.

Everything here is pure standard library and runs on every douar name at load time and on
every person name, so all tables and patterns are built once at import and the per-call
work is `str.translate`, `str.replace` and precompiled regular expressions.

The phonetic key is a *candidate finder*, not a verdict: it deliberately merges letters
(ق/ك/hard g, ص/س, all vowels...) and callers must rank candidates with a real similarity
score and a human decision (DESIGN.md §5: never auto-merge).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "fold_arabic",
    "fold_latin",
    "is_arabic",
    "phonetic_key",
    "query_keys",
    "search_keys",
]

# ---------------------------------------------------------------------------------------
# Shared tables
# ---------------------------------------------------------------------------------------

# Letters of the Arabic script (base block, supplement, extended-A, presentation forms).
# Digits, punctuation, marks and tatweel are excluded: "١٢" alone is not Arabic *text*.
_ARABIC_LETTER_RE = re.compile(
    "[\u0620-\u063f\u0641-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06ee-\u06ef\u06fa-\u06fc\u06ff"
    "\u0750-\u077f\u08a0-\u08c9\ufb50-\ufdfb\ufe70-\ufefc]"
)

_EASTERN_DIGITS = {0x0660 + i: str(i) for i in range(10)} | {0x06F0 + i: str(i) for i in range(10)}


def _combining_marks() -> dict[int, None]:
    """Code points to delete: vowel signs and other non-spacing marks.

    Built from the Unicode database once, over the few blocks where names can carry such
    marks, rather than per character at call time.
    """
    table: dict[int, None] = {}
    blocks = (
        (0x0300, 0x0370),  # Latin combining diacritics (left over after NFKD/NFKC)
        (0x0610, 0x061B),  # Arabic honorific signs
        (0x064B, 0x0660),  # harakat, tanween, shadda, sukun, hamza above/below
        (0x0670, 0x0671),  # superscript (dagger) alef
        (0x06D6, 0x06EE),  # Quranic annotation signs, spacing ones too: never part of a name
        (0x08D3, 0x0900),  # extended Arabic marks
        (0x1AB0, 0x1B00),
        (0x1DC0, 0x1E00),
        (0x20D0, 0x2100),
        (0xFE20, 0xFE30),
    )
    for start, stop in blocks:
        for cp in range(start, stop):
            if cp in range(0x06D6, 0x06EE) or unicodedata.category(chr(cp)) in ("Mn", "Me"):
                table[cp] = None
    return table


_MARKS = _combining_marks()

# Invisible format characters that appear in copied text (bidi marks, ZWNJ, BOM). They
# are deleted, not spaced: a ZWNJ inside a word must not split it.
_INVISIBLE: dict[int, None] = dict.fromkeys(
    (
        *(0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF),  # ALM, ZW*, BOM
        *range(0x202A, 0x202F),  # bidi embeddings and overrides
        *range(0x2066, 0x206A),  # bidi isolates
    )
)

# Punctuation, symbols, whitespace and '_' all separate words ('|', '-', '–', '.', ',',
# '(', ')', '،' ... in the geo data). Word characters survive.
_NON_WORD_RE = re.compile(r"[\W_]+")

# ---------------------------------------------------------------------------------------
# Arabic folding
# ---------------------------------------------------------------------------------------

_ALEF = "\u0627"
_KAF = "\u0643"
_HEH = "\u0647"
_YEH = "\u064a"
_ARTICLE = "\u0627\u0644"  # ال
_ABD_ARTICLE = "\u0639\u0628\u062f\u0627\u0644"  # عبدال, as in «عبدالله» written solid

_ARABIC_TABLE: dict[int, str | None] = {
    **_MARKS,
    **_INVISIBLE,
    **_EASTERN_DIGITS,
    0x0640: None,  # tatweel: pure elongation
    # Hamza seats and wasla on alef: users type bare alef, sources mix all of them.
    0x0622: _ALEF,  # آ
    0x0623: _ALEF,  # أ
    0x0625: _ALEF,  # إ
    0x0671: _ALEF,  # ٱ
    0x0672: _ALEF,  # ٲ
    0x0673: _ALEF,  # ٳ
    0x0674: None,  # high hamza, left by NFKC of ٵ
    0x0629: _HEH,  # ة: often written ه, and the dot is often omitted
    0x06C3: _HEH,  # ۃ (Urdu ta marbuta)
    0x06BE: _HEH,  # ھ
    0x06C1: _HEH,  # ہ
    0x06D5: _HEH,  # ە
    0x0649: _YEH,  # ى: Moroccan writers use ى and ي interchangeably at word end
    0x06CC: _YEH,  # ی Persian yeh (Persian keyboards)
    0x0624: "\u0648",  # ؤ
    0x0626: _YEH,  # ئ
    # Hard g (Moroccan "g") is written ݣ, گ, ڭ or plain ك in the same data set; keheh ک
    # and the Maghrebi/Algerian ڨ are the same letter for a searcher.
    0x0763: _KAF,  # ݣ
    0x06AF: _KAF,  # گ
    0x06AD: _KAF,  # ڭ
    0x06A9: _KAF,  # ک
    0x06A8: _KAF,  # ڨ
    0x06AA: _KAF,  # ڪ swash kaf
    0x06AB: _KAF,  # ګ
    # Foreign sounds and Maghrebi letter shapes: an Arabic keyboard has none of them,
    # so a searcher types the nearest standard letter.
    0x06A4: "\u0641",  # ڤ (v) -> ف
    0x06A2: "\u0641",  # ڢ Maghrebi feh -> ف
    0x06A7: "\u0642",  # ڧ Maghrebi qaf -> ق
    0x066F: "\u0642",  # ٯ dotless qaf -> ق
    0x067E: "\u0628",  # پ (p) -> ب
    0x066E: "\u0628",  # ٮ dotless beh -> ب
    0x0686: "\u062c",  # چ -> ج (the usual Arabic-normalisation choice)
    0x06BA: "\u0646",  # ں noon ghunna -> ن
}


def is_arabic(text: str) -> bool:
    """True when `text` contains at least one Arabic-script letter."""
    return _ARABIC_LETTER_RE.search(text) is not None


def _drop_articles_ar(word: str, out: list[str]) -> None:
    """Append `word` to `out` without its article(s), splitting a solid «عبدال...».

    ال is dropped only when at least two letters remain, so «ال» itself and short words
    such as «الم» keep their letters. Dropping repeats until stable so that folding is
    idempotent («الالاو» -> «الاو» -> «او» in one call, not two).

    «عبدالله», «عبدالقادر»: the compound is written solid as often as spaced; splitting
    it lets both spellings fold to «عبد له», «عبد قادر».
    """
    while True:
        while len(word) >= 4 and word.startswith(_ARTICLE):
            word = word[2:]
        if len(word) >= 7 and word.startswith(_ABD_ARTICLE):
            out.append(word[:3])
            word = word[3:]
            continue
        out.append(word)
        return


def fold_arabic(text: str) -> str:
    """Fold Arabic-script text for search.

    NFKC first (presentation forms such as ﻻ become ل + ا), lowercase any Latin letters,
    then in one `str.translate`: strip tashkeel, Quranic marks and tatweel, fold alef
    forms to ا, ة to ه, ى/ی to ي, ؤ to و, ئ to ي, every hard-g/keheh form to ك, and
    Eastern Arabic/Persian digits to 0-9. Punctuation and spaces collapse to one space
    and the article ال is dropped at the start of each word.
    """
    text = unicodedata.normalize("NFKC", text).lower().translate(_ARABIC_TABLE)
    words: list[str] = []
    for word in _NON_WORD_RE.sub(" ", text).split():
        _drop_articles_ar(word, words)
    return " ".join(words)


# ---------------------------------------------------------------------------------------
# Latin folding
# ---------------------------------------------------------------------------------------

# Every apostrophe look-alike becomes "'" *before* NFKD, because NFKD turns the spacing
# acute ´ into a space plus a mark, which would split "M´hamed" in two.
_APOSTROPHES = {cp: "'" for cp in (0x0060, 0x00B4, 0x02B9, 0x02BB, 0x02BC, 0x02BD, 0x2018)}
_APOSTROPHES |= {cp: "'" for cp in (0x2019, 0x201B, 0x2032, 0xFF07)}

_LATIN_TABLE: dict[int, str | None] = {
    **_MARKS,
    **_INVISIBLE,
    **_EASTERN_DIGITS,
    0x0640: None,  # a stray tatweel is not a word
    # Letters NFKD does not decompose.
    ord("œ"): "oe",
    ord("æ"): "ae",
    ord("ß"): "ss",
    ord("ø"): "o",
    ord("đ"): "d",
    ord("ł"): "l",
    ord("ı"): "i",
    ord("ħ"): "h",
}

_NON_WORD_KEEP_APOS_RE = re.compile(r"[^\w']+|_+")

_LATIN_ARTICLES = frozenset({"el", "al", "l"})
# Sun-letter assimilated articles written apart: "Er-Rachidia", "Es Semara", "Ech Chaouen".
_LATIN_SUN_ARTICLES = {
    f"{vowel}{cons}": cons
    for vowel in ("e", "a")
    for cons in ("t", "d", "r", "z", "s", "n", "ch", "sh")
}


def _is_latin_article(token: str, next_token: str | None) -> bool:
    if next_token is None:
        # A name is never *only* an article: "Hajeb El" keeps its last word.
        return False
    if token in _LATIN_ARTICLES:
        return True
    consonant = _LATIN_SUN_ARTICLES.get(token)
    return consonant is not None and next_token.startswith(consonant)


def fold_latin(text: str) -> str:
    """Fold Latin-script (French-transliterated) text for search.

    Lowercase, strip accents (NFKD, drop marks; œ→oe, æ→ae, ß→ss), remove apostrophes
    inside a word ("M'hamed" → "mhamed"), drop a leading "l'" ("L'Hajeb" → "hajeb"), turn
    other punctuation into spaces and drop the articles el/al/l (and sun-letter forms
    such as "er", "es", "ech" before a word starting with that consonant) when another
    word follows: "El Alaoui" → "alaoui", "Al-Hoceima" → "hoceima".
    """
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = _NON_WORD_KEEP_APOS_RE.sub(" ", text.lower().translate(_LATIN_TABLE))
    tokens: list[str] = []
    for raw in text.split():
        token = raw.strip("'")
        if token.startswith("l'"):
            token = token[2:]
        token = token.replace("'", "")
        if token:
            tokens.append(token)
    # Right to left, so "followed by a word" means a word that is itself kept; this keeps
    # the fold idempotent ("es el sidi" → "sidi" in one call).
    kept: list[str] = []
    for token in reversed(tokens):
        if not _is_latin_article(token, kept[-1] if kept else None):
            kept.append(token)
    kept.reverse()
    return " ".join(kept)


# ---------------------------------------------------------------------------------------
# Phonetic key
# ---------------------------------------------------------------------------------------
#
# Both scripts are first turned into the same "class string", one character per sound
# class, then reduced to a consonant skeleton:
#
#   a      any vowel or glide: a e i o u y w, ou, ا و ي ى, ع and ء. French spellings write
#          ع as a vowel or not at all (Ali علي, Saad سعد, Abdellah عبد الله), so it is a
#          vowel here; و/ي are vowels too because Arabic uses them for u/i (Tounfite تونفيت).
#   b      b, p, ب (Arabic has no p)
#   c      the š class: ch, sh, sch, ش
#   d      d, د ذ ض ظ (Moroccan pronunciation merges ظ into ض, and ذ into د)
#   f      f, ph, v, ف (ڤ is folded to ف)
#   g      the ɣ class: gh, غ
#   h      h, ح ه
#   j      j, dj, g before e/i/y (French soft g: "Gilali" جيلالي), ج
#   k      k, q, c (not before e/i/y), ck, hard g, ق ك and every hard-g letter.
#          The hard g is the delicate one: the data writes it ݣ, گ, ڭ *or plain ك*
#          («أكادير» Agadir), and Moroccan speech often says ق as g too. The fold already
#          merges ݣ/گ/ڭ into ك, so the key cannot tell g from k; therefore Latin hard g
#          ("Agadir", "Igli", "gu" before e/i as in "Aguelmous") must also map to k, and
#          k, q and ق join it. Only "gh" (غ) stays apart.
#   s      s, c before e/i/y, ç, س ص
#   t      t, ت ث ط (Moroccan ث is t)
#   x      the kh class: kh, خ
#   l m n r z: themselves
#
# Skeleton of one word: vowels go, *including a leading one* (see below); runs of one
# consonant collapse, also across a dropped vowel (no shadda in the data, "Mohammed" has
# mm, "Lalla" is «للا»); a word-initial l goes when a consonant follows (the article:
# "Larbi" «العربي», "Lhoussaine" «الحسين», darija «لمسيد» "Msied"); a word-final h goes
# (word-final ه is nearly always ة read "a", and "Abdellah", "Taha" keep an h that Arabic
# writes as a final ه).
#
# Words are then concatenated without separators (except between two numbers): Latin
# and Arabic disagree on where compounds split ("Abdelaziz" «عبد العزيز», "Benali"
# «بن علي»), so word boundaries cannot be part of the key.
#
# Why no leading vowel. The first design kept a generic marker for a word-initial vowel.
# No rule for it can agree across scripts: Arabic writes a prothetic alef that French
# spellings drop ("Brahim" «إبراهيم», "Driss" «إدريس», "M'hamid" «امحاميد», "Ben"
# «ابن», "Had" «أحد») and French writes a vowel where Arabic has ع or nothing. On the
# 1,811 Latin/Arabic pairs of region, province, cercle and commune names, dropping it
# raised exact key agreement from 89% to 93% (and the article l-rule to 95%), for about
# 20% more douar names sharing a key inside their commune. Recall matters more here:
# candidates are ranked afterwards.

_LATIN_DIGRAPHS: tuple[tuple[str, str], ...] = (
    # Longest first; uppercase placeholders cannot clash with the lowercase input.
    ("sch", "C"),
    ("ch", "C"),
    ("sh", "C"),
    ("kh", "X"),
    ("gh", "G"),
    ("ph", "F"),
    ("dj", "J"),
    ("ck", "K"),
    ("gue", "Ke"),  # "Aguelmous": gu + e/i is a hard g, the u is silent
    ("gui", "Ki"),
    ("guy", "Ky"),
    ("ge", "Je"),  # French soft g
    ("gi", "Ji"),
    ("gy", "Jy"),
    ("ce", "Se"),  # "Lahcen" = Lahsen
    ("ci", "Si"),
    ("cy", "Sy"),
    ("x", "KS"),
)

_LATIN_CLASS_TABLE = str.maketrans(
    "aeiouywbpcdfvgjkqhlmnrstzCXGFJKS",
    "aaaaaaabbkdffkjkkhlmnrstzcxgfjks",
)

_ARABIC_CLASS_TABLE = str.maketrans(
    {
        "ا": "a",
        "و": "a",
        "ي": "a",
        "ع": "a",
        "ء": "a",
        "ب": "b",
        "ت": "t",
        "ث": "t",
        "ط": "t",
        "ج": "j",
        "ح": "h",
        "ه": "h",
        "خ": "x",
        "د": "d",
        "ذ": "d",
        "ض": "d",
        "ظ": "d",
        "ر": "r",
        "ز": "z",
        "س": "s",
        "ص": "s",
        "ش": "c",
        "غ": "g",
        "ف": "f",
        "ق": "k",
        "ك": "k",
        "ل": "l",
        "م": "m",
        "ن": "n",
        # Latin letters inside an Arabic word («تكرlكرا»): single-letter classes.
        **dict(zip("aeiouywbpcdfvgjkqhlmnrstzx", "aaaaaaabbkdffkjkkhlmnrstzk", strict=True)),
    }
)

# "Abdelkader" = «عبد القادر», "Abdellah" = «عبد الله»: split off "abd" and drop the
# article vowel + l, as the Arabic side writes two words and drops ال.
_LATIN_ABD_RE = re.compile(r"^abd[aeiou]+l(?=[a-z]{3})")
_LATIN_ABD_WORD_RE = re.compile(r"^abd[aeiou]+l$")

_REPEAT_RE = re.compile(r"(\D)\1+")


def _skeleton(classes: str) -> str:
    """Consonant skeleton of one word's class string (see the table above)."""
    body = _REPEAT_RE.sub(r"\1", classes.replace("a", ""))
    # Final h before initial l: «الله» folds to «له» ("l"), and "Allah" must give "l" too.
    if len(body) > 1 and body[-1] == "h":
        body = body[:-1]
    if len(body) > 1 and body[0] == "l":
        body = body[1:]
    # A word of vowels only ("Ou", «او», «ع») keeps one vowel so that it is not lost.
    return body or "a"


@lru_cache(maxsize=65536)
def _latin_word_skeleton(word: str) -> str:
    # Names repeat a lot (Mohamed, Fatima, Ait...), so words are cached.
    for old, new in _LATIN_DIGRAPHS:
        if old in word:
            word = word.replace(old, new)
    return _skeleton(word.translate(_LATIN_CLASS_TABLE))


@lru_cache(maxsize=65536)
def _arabic_word_skeleton(word: str) -> str:
    classes = word.translate(_ARABIC_CLASS_TABLE)
    if word.endswith(_HEH):
        # Word-final ه is nearly always ة (folded) and read "a": Khenifra «خنيفرة».
        classes = classes[:-1] + "a"
    return _skeleton(classes)


def _latin_words(folded: str) -> list[str]:
    """Split folded Latin text into words, separating a leading "abd(e)l" compound."""
    words = folded.split()
    if "abd" not in folded:
        return words  # the usual case, without running the patterns
    out: list[str] = []
    for i, word in enumerate(words):
        if _LATIN_ABD_WORD_RE.match(word) and i + 1 < len(words):
            out.append("abd")  # "Abdel Kader": the next word carries the rest
            continue
        match = _LATIN_ABD_RE.match(word)
        if match:
            out.append("abd")
            out.append(word[match.end() :])
        else:
            out.append(word)
    return out


def _join_skeletons(skeletons: list[str]) -> str:
    # Vowel-only words ("Ou" = son of, a stray «و») carry no consonant; they count only
    # when nothing else is there, so that a non-empty name never gets an empty key.
    consonantal = [skel for skel in skeletons if skel != "a"]
    if not consonantal:
        return "a" if skeletons else ""
    parts: list[str] = []
    for skel in consonantal:
        if parts and parts[-1][-1].isdigit() and skel[0].isdigit():
            parts.append(" ")  # "douar 1 2" is not "douar 12"
        parts.append(skel)
    return _REPEAT_RE.sub(r"\1", "".join(parts))


def _arabic_key(folded: str) -> str:
    skeletons: list[str] = []
    for word in folded.split():
        if is_arabic(word):
            skeletons.append(_arabic_word_skeleton(word))
        else:
            # A Latin word or number inside Arabic text («I سيدي عبد الله», «الخنافيف 1»).
            skeletons.extend(_latin_word_skeleton(w) for w in _latin_words(word))
    return _join_skeletons(skeletons)


def _latin_key(folded: str) -> str:
    return _join_skeletons([_latin_word_skeleton(w) for w in _latin_words(folded)])


_CEDILLA = str.maketrans({"ç": "s", "Ç": "s"})


def _has_cedilla(text: str) -> bool:
    return "ç" in text or "Ç" in text or "\u0327" in text


def _fold_latin_for_key(text: str) -> str:
    # ç is an s; the accent stripping of fold_latin would leave a plain c, read as k.
    return fold_latin(text.replace("c\u0327", "s").replace("C\u0327", "s").translate(_CEDILLA))


def phonetic_key(text: str) -> str:
    """Script-independent key: the same Moroccan name in Arabic or Latin script meets here.

    Latin text goes through `fold_latin`, Arabic text (any Arabic letter) through
    `fold_arabic`; both are mapped to sound classes and reduced to one consonant
    skeleton (rules and reasons in the comment above `_LATIN_DIGRAPHS`). Examples:
    "Aït", «آيت» → "t"; "Mohammed", "M'hamed", «محمد» → "mhmd"; "Ouarzazate", «ورزازات»
    → "rzt"; "Aguelmous", «اݣلموس» → "klms". Returns "" only when `text` has no letter
    or digit.
    """
    if is_arabic(text):
        return _arabic_key(fold_arabic(text))
    return _latin_key(_fold_latin_for_key(text))


# ---------------------------------------------------------------------------------------
# Index and query keys
# ---------------------------------------------------------------------------------------


def _keys(text: str) -> tuple[str, ...]:
    # One fold serves both keys: this runs on every stored name at load time.
    if is_arabic(text):
        folded = fold_arabic(text)
        key = _arabic_key(folded)
    else:
        folded = fold_latin(text)
        key = _latin_key(_fold_latin_for_key(text) if _has_cedilla(text) else folded)
    return tuple(dict.fromkeys(k for k in (folded, key) if k))


def search_keys(text: str) -> tuple[str, ...]:
    """Keys a search index stores for a name of either script.

    `(folded text of its own script, phonetic_key)`, deduplicated, in that order, empty
    strings left out (so a name without any letter or digit yields `()`).
    """
    return _keys(text)


def query_keys(text: str) -> tuple[str, ...]:
    """What to look for when the user types `text`: the same folding as `search_keys`.

    Callers match each returned key as a *substring* (or, for type-ahead, a prefix) of
    the keys `search_keys` stored for each name. The phonetic key is what lets a Latin
    query find an Arabic-only name and vice versa. A prefix of a name usually yields a
    prefix of its keys ("moham" → "mhm", a prefix of "mhmd"), but a query cut in the
    middle of a digraph ("k" of "kh", "c" of "ch", "ce") can miss until the next letter
    is typed.

    A flat table of keys is enough: phonetic keys hold no vowel letters, so a folded
    query rarely hits one by accident. Phonetic keys are short ("Ali" → "l"), so a
    query of one or two consonants finds many names; rank the candidates (rapidfuzz)
    and consider waiting for a few letters before searching by phonetic key.
    """
    return _keys(text)
