"""People of the demo: homeless persons met at the centre or in the street (often with
a partial identity), households of the targeted douars, and a few likely duplicates."""

from __future__ import annotations

from datetime import date
from typing import Any

from coldwave_app.services.dedup import likely_matches, merge_persons
from coldwave_app.services.demo_tracks.context import KHENIFRA, Demo, HouseholdInfo
from coldwave_app.services.people import register_household, register_person

GIVEN_M = [
    ("محمد", "Mohamed"), ("أحمد", "Ahmed"), ("لحسن", "Lahcen"), ("يوسف", "Youssef"),
    ("عبد الله", "Abdellah"), ("إبراهيم", "Brahim"), ("حسن", "Hassan"), ("موحى", "Moha"),
    ("سعيد", "Said"), ("مصطفى", "Mustapha"), ("عمر", "Omar"), ("رشيد", "Rachid"),
    ("حمو", "Hammou"), ("عقى", "Akka"), ("إدريس", "Driss"), ("بوعزة", "Bouazza"),
    ("الحسين", "El Houssine"), ("عبد الرحيم", "Abderrahim"), ("نور الدين", "Noureddine"),
    ("ميمون", "Mimoun"), ("زايد", "Zayd"), ("علي", "Ali"), ("خالد", "Khalid"), ("جمال", "Jamal"),
]  # fmt: skip
GIVEN_F = [
    ("فاطمة", "Fatima"), ("خديجة", "Khadija"), ("عائشة", "Aicha"), ("زينب", "Zineb"),
    ("مريم", "Meryem"), ("حادة", "Hadda"), ("يطو", "Itto"), ("نعيمة", "Naima"),
    ("رقية", "Rkia"), ("سعيدة", "Saida"), ("ميمونة", "Mimouna"), ("حليمة", "Halima"),
    ("تودة", "Touda"), ("إيجة", "Ijja"), ("رحمة", "Rahma"), ("مينة", "Mina"),
]  # fmt: skip
FAMILY = [
    ("أوحمو", "Ouhammou"), ("الزياني", "Zayani"), ("أمزيان", "Amezziane"), ("العلوي", "Alaoui"),
    ("بنعلي", "Benali"), ("أيت علي", "Ait Ali"), ("أوعلي", "Ouali"), ("الإدريسي", "Idrissi"),
    ("أقشار", "Akchar"), ("بوحسوس", "Bouhssous"), ("المرابط", "Mrabet"), ("أوبلا", "Oubella"),
    ("أمهاوش", "Amhaouch"), ("أولحاج", "Oulhaj"), ("بوزكري", "Bouzekri"), ("عزوزي", "Azzouzi"),
    ("أيت وعلال", "Ait Ouallal"), ("لخصاصي", "Lakhssassi"), ("أوعدي", "Ouaddi"),
    ("حدو", "Haddou"), ("أمغار", "Amghar"), ("بنحمو", "Benhammou"),
]  # fmt: skip
NICKNAMES = [
    "Moha l'Khenifri", "Bouchaib", "Ba Hammou", "L'Hajj", "Chibani", "Zizou",
    "الشيباني", "با حمو", "الحاج", "ولد الدرب", "Lmaallem", "Ould Lgare",
]  # fmt: skip
CIN_PREFIXES = ("V", "VA", "D", "DA", "U")


def _name(demo: Demo, sex: str) -> tuple[tuple[str, str], tuple[str, str]]:
    given = demo.rng.choice(GIVEN_F if sex == "f" else GIVEN_M)
    return given, demo.rng.choice(FAMILY)


def register_street_person(demo: Demo, day: date, *, sex: str | None = None) -> str:
    """A homeless person met on `day`: full, partial, alias-only or refused identity."""
    rng = demo.rng
    sex = sex or ("f" if rng.random() < 0.14 else "m")
    (given_ar, given_latn), (family_ar, family_latn) = _name(demo, sex)
    kind = rng.choices(["full", "latin", "arabic", "alias", "refused"], [50, 15, 12, 15, 8])[0]
    fields: dict[str, Any] = {"sex": sex, "province_code": KHENIFRA, "today": day}
    if kind in ("full", "arabic"):
        fields |= {"given_name_ar": given_ar, "family_name_ar": family_ar}
    if kind in ("full", "latin"):
        fields |= {"given_name_latn": given_latn, "family_name_latn": family_latn}
    if kind == "alias":
        fields |= {"known_as": rng.choice(NICKNAMES), "name_quality": "alias"}
    elif kind == "refused":
        fields["name_quality"] = "refused"
    elif kind != "full":
        fields["name_quality"] = "partial"
    if kind == "full" and rng.random() < 0.25:
        fields["aliases"] = [rng.choice(NICKNAMES)]
    if kind == "full" and rng.random() < 0.6:
        fields["birth_year"] = rng.randint(1950, 2004)
    elif kind != "refused":
        fields["estimated_age"] = rng.randint(19, 75)
    roll = rng.random()
    if kind == "full" and roll < 0.55:
        fields["cin"] = f"{rng.choice(CIN_PREFIXES)}{rng.randint(10_000, 999_999)}"
    elif roll < 0.8:
        fields["cin_quality"] = "refused"
    if rng.random() < 0.5:
        fields["origin_geo_code"] = rng.choice(demo.targets)[0].code
    person = register_person(demo.store, **fields)
    demo.names[person.id] = fields.get("given_name_latn") or fields.get("known_as") or "?"
    demo.counts["persons"] += 1
    if sex == "m" and "given_name_latn" in fields and "birth_year" in fields:
        demo.named.append((person.id, given_latn, family_latn, fields["birth_year"]))
    return person.id


def register_households(demo: Demo, count: int = 120) -> None:
    """Households of the targeted douars, registered at the census before the waves."""
    rng = demo.rng
    douars = [place for place, _ in demo.targets[:30]]
    for n in range(count):
        douar = douars[n % len(douars)]
        day = date(2025, 11, 18 + n % 11)
        head_sex = "f" if rng.random() < 0.2 else "m"
        (given_ar, given_latn), (family_ar, family_latn) = _name(demo, head_sex)
        head = register_person(
            demo.store,
            sex=head_sex,
            given_name_ar=given_ar,
            family_name_ar=family_ar,
            given_name_latn=given_latn if rng.random() < 0.7 else None,
            family_name_latn=family_latn,
            birth_year=rng.randint(1945, 1995),
            cin=f"{rng.choice(CIN_PREFIXES)}{rng.randint(10_000, 999_999)}"
            if rng.random() < 0.8
            else None,
            province_code=KHENIFRA,
            origin_geo_code=douar.code,
            today=day,
        )
        members = [(head.id, "head")]
        if head_sex == "m" and rng.random() < 0.5:
            (s_ar, s_latn), _ = _name(demo, "f")
            spouse = register_person(
                demo.store,
                sex="f",
                given_name_ar=s_ar,
                given_name_latn=s_latn,
                family_name_latn=family_latn,
                estimated_age=rng.randint(25, 65),
                cin_quality="refused" if rng.random() < 0.3 else None,
                province_code=KHENIFRA,
                origin_geo_code=douar.code,
                today=day,
            )
            members.append((spouse.id, "spouse"))
        children = rng.randint(0, 6)
        elders = rng.choice([0, 0, 0, 1, 2])
        flags = ["isolated_douar", "no_heating"] if rng.random() < 0.6 else ["no_heating"]
        if head_sex == "f":
            flags.append("female_headed")
        if elders:
            flags.append(rng.choice(["chronic_illness", "disabled_member"]))
        household = register_household(
            demo.store,
            head_person_id=head.id,
            geo_code=douar.code,
            size_declared=len(members) + children + elders,
            counts_by_sex_age={
                "male_0_17": children // 2,
                "female_0_17": children - children // 2,
                "male_60_plus": elders // 2,
                "female_60_plus": elders - elders // 2,
            },
            vulnerability_flags=flags,
            housing_type=rng.choice(["pisé", "pierre", "tente", "parpaing"]),
            members=members,
        )
        name = f"{given_latn} {family_latn}"
        demo.households.append(
            HouseholdInfo(
                household.id,
                douar.code,
                head.id,
                name,
                tuple(p for p, _ in members),
                len(members) + children + elders,
            )
        )
        demo.counts["persons"] += len(members)
    demo.counts["households"] += count


def _variant(word: str) -> str:
    """Another spelling of a Latin name: a doubled letter dropped or a vowel added."""
    for n in range(1, len(word)):
        if word[n] == word[n - 1]:
            return word[:n] + word[n + 1 :]
    return word.replace("ou", "u", 1) if "ou" in word else word + "e"


def register_duplicates(demo: Demo, day: date, originals: list[tuple[str, str, str, int]]) -> None:
    """Persons registered again under another spelling: the worker sees the likely
    matches, registers anyway, and one pair is later merged after review.

    `originals` are (person id, given name, family name, birth year) in Latin script.
    """
    for n, (original, given, family, year) in enumerate(originals):
        given_variant, family_variant = _variant(given), _variant(family)
        matches = likely_matches(
            demo.store,
            sex="m",
            given_name_latn=given_variant,
            family_name_latn=family_variant,
            birth_year=year,
            province_code=KHENIFRA,
        )
        person = register_person(
            demo.store,
            sex="m",
            given_name_latn=given_variant,
            family_name_latn=family_variant,
            birth_year=year,
            province_code=KHENIFRA,
            created_anyway_of=[m.person_id for m in matches],
            cin_quality="refused",
            today=day,
        )
        demo.counts["persons"] += 1
        demo.counts["likely_duplicates"] += bool(matches)
        if n == 0:
            merge_persons(
                demo.store,
                a=original,
                b=person.id,
                reason="Même personne : même surnom et même douar d'origine (vu par l'éducateur)",
                score=matches[0].score if matches else None,
            )
            demo.counts["merges"] += 1
