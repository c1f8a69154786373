"""The column layout of household lists imported from CSV or XLSX, and row checks.

Local authorities prepare one list per douar, with French or Arabic headers and
their own spellings of them. A header is recognised after folding (case, accents,
spaces, punctuation, Arabic letter forms), so "Année de naissance", "annee  de
NAISSANCE" and "سنة الازدياد" all name `birth_year`. docs/import-households.md
documents the layout for the people who fill the lists.

Every problem is a RowProblem: the row number as the spreadsheet shows it, the
column header as written in the file, and a message id translated at the edge.
Nothing here touches a file or a database; the service reads and writes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from coldwave_app.domain.errors import N_
from coldwave_app.domain.people_rules import MAX_AGE, VULNERABILITY_FLAGS
from coldwave_app.domain.text_folding import fold_arabic, fold_latin, is_arabic

__all__ = [
    "COLUMNS",
    "COUNT_COLUMNS",
    "NAME_COLUMNS",
    "SEX_VALUES",
    "VULNERABILITY_VALUES",
    "Column",
    "HeaderMap",
    "HouseholdRow",
    "RowProblem",
    "fold_header",
    "header_score",
    "is_blank",
    "map_headers",
    "validate_row",
]


@dataclass(frozen=True)
class Column:
    """One canonical column and the headers accepted for it."""

    key: str
    fr: tuple[str, ...]
    ar: tuple[str, ...]


# Name columns without a script in their header ("Nom", "الاسم العائلي") take the
# script of each value; the explicit ones check it.
COLUMNS: tuple[Column, ...] = (
    Column(
        "head_given_name",
        ("Prénom", "Prénom du chef de ménage", "Prénom chef de ménage"),
        ("الاسم الشخصي", "الاسم", "الاسم الشخصي لرب الأسرة"),
    ),
    Column(
        "head_family_name",
        ("Nom", "Nom de famille", "Nom du chef de ménage", "Nom chef de ménage"),
        ("الاسم العائلي", "النسب", "الاسم العائلي لرب الأسرة"),
    ),
    Column(
        "head_given_name_ar",
        ("Prénom (arabe)", "Prénom en arabe", "Prénom arabe"),
        ("الاسم الشخصي بالعربية", "الاسم الشخصي بالحروف العربية"),
    ),
    Column(
        "head_family_name_ar",
        ("Nom (arabe)", "Nom en arabe", "Nom arabe"),
        ("الاسم العائلي بالعربية", "الاسم العائلي بالحروف العربية"),
    ),
    Column(
        "head_given_name_latn",
        ("Prénom (latin)", "Prénom en latin", "Prénom (français)", "Prénom en français"),
        ("الاسم الشخصي بالفرنسية", "الاسم الشخصي بالحروف اللاتينية"),
    ),
    Column(
        "head_family_name_latn",
        ("Nom (latin)", "Nom en latin", "Nom (français)", "Nom en français"),
        ("الاسم العائلي بالفرنسية", "الاسم العائلي بالحروف اللاتينية"),
    ),
    Column("sex", ("Sexe", "Genre"), ("الجنس", "النوع")),
    Column(
        "birth_year",
        ("Année de naissance", "Année naissance", "Date de naissance", "Né en"),
        ("سنة الازدياد", "سنة الميلاد", "تاريخ الازدياد", "تاريخ الميلاد"),
    ),
    Column(
        "cin",
        ("CIN", "N° CIN", "Numéro CIN", "CNIE", "Carte nationale"),
        ("رقم البطاقة الوطنية", "البطاقة الوطنية", "رقم ب.و"),
    ),
    Column(
        "household_size",
        ("Taille du ménage", "Taille ménage", "Nombre de membres", "Nombre de personnes"),
        ("عدد أفراد الأسرة", "عدد الأفراد"),
    ),
    Column("males_0_17", ("Garçons 0-17", "Masculin 0-17", "Hommes 0-17"), ("ذكور 0-17",)),
    Column("females_0_17", ("Filles 0-17", "Féminin 0-17", "Femmes 0-17"), ("إناث 0-17",)),
    Column("males_18_59", ("Hommes 18-59", "Masculin 18-59"), ("ذكور 18-59",)),
    Column("females_18_59", ("Femmes 18-59", "Féminin 18-59"), ("إناث 18-59",)),
    Column(
        "males_60_plus",
        ("Hommes 60+", "Hommes 60 et plus", "Masculin 60+"),
        ("ذكور 60+", "ذكور 60 فما فوق"),
    ),
    Column(
        "females_60_plus",
        ("Femmes 60+", "Femmes 60 et plus", "Féminin 60+"),
        ("إناث 60+", "إناث 60 فما فوق"),
    ),
    Column(
        "vulnerability",
        ("Vulnérabilité", "Vulnérabilités", "Situation de vulnérabilité"),
        ("الهشاشة", "وضعية الهشاشة"),
    ),
    Column("phone", ("Téléphone", "Tél", "GSM", "N° de téléphone"), ("الهاتف", "رقم الهاتف")),
    Column(
        "local_place",
        ("Lieu-dit", "Hameau", "Localité"),
        ("المكان", "اسم المكان", "الدوار الفرعي"),
    ),
)

NAME_COLUMNS = (
    "head_given_name",
    "head_family_name",
    "head_given_name_ar",
    "head_family_name_ar",
    "head_given_name_latn",
    "head_family_name_latn",
)

# Spreadsheet column -> the count band of people_rules.COUNT_BANDS.
COUNT_COLUMNS: Mapping[str, str] = {
    "males_0_17": "male_0_17",
    "females_0_17": "female_0_17",
    "males_18_59": "male_18_59",
    "females_18_59": "female_18_59",
    "males_60_plus": "male_60_plus",
    "females_60_plus": "female_60_plus",
}

SEX_VALUES: Mapping[str, tuple[str, ...]] = {
    "m": ("M", "H", "Homme", "Masculin", "Garçon", "Male", "ذكر", "رجل"),
    "f": ("F", "Femme", "Féminin", "Fille", "Female", "أنثى", "امرأة"),
    "u": ("?", "Inconnu", "Non renseigné", "غير معروف"),
}

VULNERABILITY_VALUES: Mapping[str, tuple[str, ...]] = {
    "elderly_alone": (
        "Personne âgée seule",
        "Personne âgée isolée",
        "Âgé seul",
        "مسن وحيد",
        "شخص مسن يعيش وحيدا",
    ),
    "disabled_member": (
        "Handicap",
        "Personne handicapée",
        "Personne en situation de handicap",
        "Membre handicapé",
        "إعاقة",
        "شخص في وضعية إعاقة",
    ),
    "chronic_illness": ("Maladie chronique", "مرض مزمن"),
    "pregnant_or_nursing": (
        "Femme enceinte ou allaitante",
        "Enceinte",
        "Allaitante",
        "امرأة حامل أو مرضع",
        "حامل",
        "مرضع",
    ),
    "infant_under_2": ("Nourrisson", "Enfant de moins de 2 ans", "رضيع", "طفل أقل من سنتين"),
    "female_headed": (
        "Femme cheffe de ménage",
        "Femme chef de ménage",
        "امرأة ربة أسرة",
        "أسرة تعيلها امرأة",
    ),
    "orphan_in_care": ("Orphelin", "Orphelin à charge", "يتيم", "يتيم في الكفالة"),
    "no_heating": ("Sans chauffage", "Pas de chauffage", "بدون تدفئة", "انعدام التدفئة"),
    "damaged_housing": (
        "Logement endommagé",
        "Habitat endommagé",
        "Logement précaire",
        "سكن متضرر",
        "مسكن متضرر",
    ),
    "isolated_douar": ("Douar enclavé", "Douar isolé", "Enclavé", "دوار معزول", "دوار منعزل"),
}

# A household larger than this is a typing error (a list's total, a phone number...).
MAX_HOUSEHOLD_SIZE = 50

# Several vulnerabilities in one cell: "Handicap, Sans chauffage", "حامل، بدون تدفئة".
_LIST_SEPARATORS = re.compile(r"[,;/+|\n\u060c\u061b]+")
_EASTERN_DIGITS = {0x0660 + i: str(i) for i in range(10)} | {0x06F0 + i: str(i) for i in range(10)}
_YEAR = re.compile(r"^(\d{4})(?:\.0+)?$")
_DAY_FIRST_DATE = re.compile(r"^\d{1,2}[/.\-]\d{1,2}[/.\-](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-\d{1,2}-\d{1,2}(?:[ T].*)?$")
_WHOLE = re.compile(r"^(\d+)(?:\.0+)?$")
_PHONE_SEPARATORS = re.compile(r"[\s\-./()\u00a0\u200e\u200f]+")
_MOROCCAN_PHONE = re.compile(r"^0[5-8]\d{8}$")


def fold_header(text: str) -> str:
    """A header or a value as compared: folded, punctuation and spaces removed."""
    folded = fold_arabic(text) if is_arabic(text) else fold_latin(text)
    return folded.replace(" ", "")


def _index(pairs: Mapping[str, Sequence[str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, labels in pairs.items():
        for label in (key, *labels):
            folded = fold_header(label)
            if out.setdefault(folded, key) != key:
                raise ValueError(f"{label!r} would name both {out[folded]} and {key}")
    return out


_HEADERS = _index({c.key: (*c.fr, *c.ar) for c in COLUMNS})
_SEXES = _index(SEX_VALUES)
_FLAGS = _index(VULNERABILITY_VALUES)
assert set(VULNERABILITY_VALUES) == set(VULNERABILITY_FLAGS)


@dataclass(frozen=True)
class RowProblem:
    """What is wrong, where: `row` as numbered in the spreadsheet, `column` as written."""

    row: int
    column: str | None
    msgid: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class HeaderMap:
    """Which position of a row holds which canonical column."""

    row: int
    headers: tuple[str, ...]
    positions: Mapping[str, int]
    ignored: tuple[str, ...] = ()

    def header(self, key: str) -> str:
        return self.headers[self.positions[key]]


@dataclass(frozen=True)
class HouseholdRow:
    """One valid row: the head of household and the household's figures."""

    row: int
    sex: str
    given_name_ar: str | None = None
    family_name_ar: str | None = None
    given_name_latn: str | None = None
    family_name_latn: str | None = None
    birth_year: int | None = None
    cin: str | None = None
    household_size: int | None = None
    counts: Mapping[str, int] = field(default_factory=dict)
    vulnerability_flags: tuple[str, ...] = ()
    phone: str | None = None
    local_place: str | None = None


def _cell(value: str | None) -> str:
    return " ".join((value or "").split())


def is_blank(values: Sequence[str | None]) -> bool:
    """A row with nothing in it (spreadsheets end with many)."""
    return not any(_cell(v) for v in values)


def header_score(headers: Sequence[str | None]) -> int:
    """How many cells of a row are known headers: finds the header row under a title."""
    return len({_HEADERS[f] for h in headers if (f := fold_header(_cell(h))) in _HEADERS})


def map_headers(
    headers: Sequence[str | None], *, row: int = 1
) -> tuple[HeaderMap, list[RowProblem]]:
    """Map the header row; problems are a repeated column or a required one missing."""
    written = tuple(_cell(h) for h in headers)
    positions: dict[str, int] = {}
    ignored: list[str] = []
    problems: list[RowProblem] = []
    for position, header in enumerate(written):
        if not header:
            continue
        key = _HEADERS.get(fold_header(header))
        if key is None:
            ignored.append(header)
        elif key in positions:
            problems.append(
                RowProblem(
                    row,
                    header,
                    N_("This column repeats column {other}."),
                    {"other": written[positions[key]]},
                )
            )
        else:
            positions[key] = position
    if not any(k in positions for k in NAME_COLUMNS):
        problems.append(
            RowProblem(row, None, N_("No name column: add a column «Nom» or «الاسم العائلي»."))
        )
    if "household_size" not in positions and not any(k in positions for k in COUNT_COLUMNS):
        problems.append(
            RowProblem(
                row,
                None,
                N_(
                    "No household size: add a column «Taille du ménage» or «عدد أفراد الأسرة», "
                    "or the counts by sex and age."
                ),
            )
        )
    return HeaderMap(row, written, positions, tuple(ignored)), problems


def _whole(text: str) -> int | None:
    match = _WHOLE.match(text.translate(_EASTERN_DIGITS))
    return int(match.group(1)) if match else None


def _year(text: str) -> int | None:
    text = text.translate(_EASTERN_DIGITS)
    for pattern in (_YEAR, _DAY_FIRST_DATE, _ISO_DATE):
        match = pattern.match(text)
        if match:
            return int(match.group(1))
    return None


def _phone(text: str) -> str | None:
    digits = _PHONE_SEPARATORS.sub("", text.translate(_EASTERN_DIGITS))
    if digits.endswith(".0"):
        digits = digits[:-2]  # a number cell read back as a float
    for prefix in ("+212", "00212", "212"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 9:
            digits = "0" + digits[len(prefix) :]
    if len(digits) == 9 and digits[0] in "5678":
        digits = "0" + digits  # a number cell drops the leading zero
    return digits if _MOROCCAN_PHONE.match(digits) else None


def validate_row(
    header_map: HeaderMap, row: int, values: Sequence[str | None], *, this_year: int
) -> tuple[HouseholdRow | None, list[RowProblem]]:
    """Check one row; the HouseholdRow when it has no problem, else None and the problems."""
    cells = {
        key: _cell(values[pos]) if pos < len(values) else ""
        for key, pos in header_map.positions.items()
    }
    problems: list[RowProblem] = []

    def problem(key: str | None, msgid: str, **params: object) -> None:
        header = header_map.header(key) if key else None
        problems.append(RowProblem(row, header, msgid, params))

    names: dict[str, str | None] = {}
    for part in ("given", "family"):
        for script in ("ar", "latn"):
            key = f"head_{part}_name_{script}"
            text = cells.get(key, "")
            if text and is_arabic(text) != (script == "ar"):
                if script == "ar":
                    problem(key, N_("This column expects a name in Arabic letters."))
                else:
                    problem(key, N_("This column expects a name in Latin letters."))
            names[f"{part}_name_{script}"] = text or None
        text = cells.get(f"head_{part}_name", "")
        if text:
            slot = f"{part}_name_{'ar' if is_arabic(text) else 'latn'}"
            if names[slot] is None:
                names[slot] = text
            elif names[slot] != text:
                problem(
                    f"head_{part}_name",
                    N_("This name differs from the one in column {other}."),
                    other=header_map.header(f"head_{slot}"),
                )
    if not any(names.values()):
        mapped = [k for k in NAME_COLUMNS if k in header_map.positions]
        first = min(mapped, key=header_map.positions.__getitem__)  # leftmost in the file
        problem(first, N_("The head of household has no name."))

    sex = "u"
    if cells.get("sex"):
        found = _SEXES.get(fold_header(cells["sex"]))
        if found is None:
            problem(
                "sex", N_("Unknown sex: {value} (write H or F, ذكر or أنثى)."), value=cells["sex"]
            )
        else:
            sex = found

    birth_year = None
    if cells.get("birth_year"):
        birth_year = _year(cells["birth_year"])
        if birth_year is None:
            problem("birth_year", N_("Not a year: {value}."), value=cells["birth_year"])
        elif not this_year - MAX_AGE <= birth_year <= this_year:
            problem("birth_year", N_("Implausible birth year: {value}."), value=birth_year)
            birth_year = None

    size = None
    if cells.get("household_size"):
        size = _whole(cells["household_size"])
        if size is None:
            problem(
                "household_size",
                N_("Not a whole number: {value}."),
                value=cells["household_size"],
            )
        elif not 1 <= size <= MAX_HOUSEHOLD_SIZE:
            problem(
                "household_size",
                N_("Implausible household size: {value} (1 to {most})."),
                value=size,
                most=MAX_HOUSEHOLD_SIZE,
            )
            size = None

    counts: dict[str, int] = {}
    for key, band in COUNT_COLUMNS.items():
        if cells.get(key):
            number = _whole(cells[key])
            if number is None:
                problem(key, N_("Not a whole number: {value}."), value=cells[key])
            else:
                counts[band] = number
    if size is not None and counts and sum(counts.values()) > size:
        problem(
            "household_size",
            N_("The counts by sex and age add up to {total}, more than the household size."),
            total=sum(counts.values()),
        )
    if not cells.get("household_size") and not any(cells.get(k) for k in COUNT_COLUMNS):
        where = "household_size" if "household_size" in cells else None
        where = where or next(k for k in COUNT_COLUMNS if k in cells)
        problem(where, N_("Give the household size or the counts by sex and age."))

    flags: list[str] = []
    for part in _LIST_SEPARATORS.split(cells.get("vulnerability", "")):
        part = _cell(part)
        if not part:
            continue
        flag = _FLAGS.get(fold_header(part))
        if flag is None:
            problem("vulnerability", N_("Unknown vulnerability: {value}."), value=part)
        elif flag not in flags:
            flags.append(flag)

    phone = None
    if cells.get("phone"):
        phone = _phone(cells["phone"])
        if phone is None:
            problem(
                "phone",
                N_("This phone number does not look like a Moroccan number: {value}."),
                value=cells["phone"],
            )

    if problems:
        return None, problems
    return (
        HouseholdRow(
            row=row,
            sex=sex,
            birth_year=birth_year,
            cin=cells.get("cin") or None,
            household_size=size,
            counts=counts,
            vulnerability_flags=tuple(flags),
            phone=phone,
            local_place=cells.get("local_place") or None,
            given_name_ar=names["given_name_ar"],
            family_name_ar=names["family_name_ar"],
            given_name_latn=names["given_name_latn"],
            family_name_latn=names["family_name_latn"],
        ),
        [],
    )
