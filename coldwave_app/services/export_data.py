"""The aggregate tables behind `coldwave export` (docs/exports.md), built from the
campaign indicators' own counting rules (services/indicators.py).

Every table is made of places (HCP codes and names, region to douar), dates, the
campaign's lead organisation, sectors, catalogue items and figures. No person,
household, beneficiary code, phone or note reaches a table: the reports layer only
accepts columns of the kinds of its allow-list (reports/table.py), and the rows are
built here from counts only.

Places: `#adm1` region, `#adm2` province, `#adm3` commune, `#adm4` douar (the
brief of the 3W export); a shelter is a `#loc`. Sectors: `food` (food and meals),
`nfi` (blankets, mats, clothing, heating, hygiene), `shelter` (bed nights).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.domain.people_rules import COUNT_BANDS
from coldwave_app.domain.roles import Permission
from coldwave_app.domain.vocabulary import ItemCategory
from coldwave_app.i18n import _
from coldwave_app.reports.exports import about_lines, write_csv, write_hxl_csv, write_xlsx
from coldwave_app.reports.suppression import DEFAULT_THRESHOLD, suppress
from coldwave_app.reports.table import AggregateTable, Cell, Column, ColumnKind
from coldwave_app.services.access import audit, requires
from coldwave_app.services.indicators import UNKNOWN, _reach, _risk_of, _scope
from coldwave_app.storage import export_queries as eq
from coldwave_app.storage import indicator_queries as q
from coldwave_app.storage.geography import GeoRepository
from coldwave_app.storage.local_store import LocalStore

FOOD_CATEGORIES = frozenset({ItemCategory.FOOD.value, ItemCategory.MEAL.value})
FORMATS = ("csv", "xlsx", "hxl")

K = ColumnKind

_PERIOD = (
    Column("start", N_("First day"), "#date+start", K.DATE),
    Column("end", N_("Last day"), "#date+end", K.DATE),
)
_PLACE = (
    Column("adm1_name", N_("Region"), "#adm1+name", K.PLACE_NAME),
    Column("adm1_code", N_("Region code"), "#adm1+code", K.PLACE_CODE),
    Column("adm2_name", N_("Province"), "#adm2+name", K.PLACE_NAME),
    Column("adm2_code", N_("Province code"), "#adm2+code", K.PLACE_CODE),
    Column("adm3_name", N_("Commune"), "#adm3+name", K.PLACE_NAME),
    Column("adm3_code", N_("Commune code"), "#adm3+code", K.PLACE_CODE),
    Column("adm4_name", N_("Douar"), "#adm4+name", K.PLACE_NAME),
    Column("adm4_name_ar", N_("Douar (Arabic)"), "#adm4+name+i_ar", K.PLACE_NAME),
    Column("adm4_code", N_("Douar code"), "#adm4+code", K.PLACE_CODE),
)
_ADM_LEVELS = {"region": "adm1", "province": "adm2", "commune": "adm3", "douar": "adm4"}


def sector_of(category: str) -> str:
    return "food" if category in FOOD_CATEGORIES else "nfi"


class _Places:
    """adm1..adm4 codes and names of a place code, walking up its parents."""

    def __init__(self, store: LocalStore) -> None:
        self.repo = GeoRepository(store.db)
        self.cache: dict[str, tuple[Cell, ...]] = {}

    def cells(self, code: str) -> tuple[Cell, ...]:
        if code not in self.cache:
            self.cache[code] = self._cells(code)
        return self.cache[code]

    def _cells(self, code: str) -> tuple[Cell, ...]:
        found: dict[str, tuple[str, str, str]] = {}
        current: str | None = code
        seen: set[str] = set()
        while current and current not in seen:
            seen.add(current)
            place = self.repo.get(current)
            if place is None:
                break
            slot = _ADM_LEVELS.get(place.level)
            if slot and slot not in found:
                found[slot] = (place.name_fr or place.name_ar, place.name_ar, place.code)
            current = place.parent_code
        if not found and code != UNKNOWN:
            found["adm4"] = ("", "", code)  # a code not in the gazetteer: keep it
        if code == UNKNOWN:
            found["adm4"] = (_("Place not recorded"), "", "")
        out: list[Cell] = []
        for slot in ("adm1", "adm2", "adm3"):
            name, _ar, place_code = found.get(slot, ("", "", ""))
            out += [name, place_code]
        name, name_ar, place_code = found.get("adm4", ("", "", ""))
        return (*out, name, name_ar, place_code)


def _period(start: date, end: date) -> tuple[Cell, Cell]:
    return (start.isoformat(), end.isoformat())


def _douar_key(code: str) -> tuple[int, str]:
    return (1 if code == UNKNOWN else 0, code)


@dataclass(frozen=True)
class _DouarReach:
    households: int
    persons: int
    bands: Counter[str]


def reach_by_douar(store: LocalStore, start: date, end: date) -> dict[str, _DouarReach]:
    """Per douar, the households and persons reached in the period and the persons
    by sex and age band, under the rules of indicators.households_reached and
    indicators.persons_reached (the by_douar breakdowns they publish)."""
    s = _scope(store, start, end)
    reach = _reach(store, s, end.year)
    douars = (
        set(reach.households)
        | set(reach.tally_households)
        | set(reach.persons)
        | set(reach.unregistered)
    )
    out: dict[str, _DouarReach] = {}
    for douar in douars:
        bands: Counter[str] = Counter(
            reach.person_band.get(p, "unknown_sex_age") for p in reach.persons.get(douar, set())
        )
        bands += reach.unregistered.get(douar, Counter())
        households = len(reach.households.get(douar, set())) + reach.tally_households.get(douar, 0)
        out[douar] = _DouarReach(households, sum(bands.values()), bands)
    return out


def _band_sum(bands: Counter[str], *, sex: str | None = None, age: str | None = None) -> int:
    return sum(
        n
        for band, n in bands.items()
        if band != "unknown_sex_age"
        and (sex is None or band.startswith(sex + "_"))
        and (age is None or band.endswith("_" + age))
    )


def three_w(store: LocalStore, start: date, end: date) -> AggregateTable:
    """3W/4W by douar: who (lead organisation), what (sectors), where (region to
    douar), when (the period), how many households and persons were reached."""
    s = _scope(store, start, end)
    reach = reach_by_douar(store, start, end)
    catalogue = eq.item_catalogue(store.db, s.campaign_id)
    sectors: dict[str, set[str]] = defaultdict(set)
    for geo, item, qty in eq.items_given_by_place(store.db, s.campaign_id, s.start, s.end):
        if qty:
            sectors[geo or UNKNOWN].add(sector_of(catalogue.get(item, ("", "", ""))[2]))
    org = eq.lead_organisation(store.db, s.campaign_id) or ""
    places = _Places(store)
    columns = (
        *_PERIOD,
        *_PLACE,
        Column("org", N_("Organisation"), "#org+name", K.ORGANISATION),
        Column("sector", N_("Sectors"), "#sector", K.SECTOR),
        Column("households", N_("Households reached"), "#reached+hh", K.COUNT),
        Column("persons", N_("Persons reached"), "#reached+ind", K.COUNT),
        Column("female", N_("Women and girls"), "#reached+ind+f", K.COUNT),
        Column("male", N_("Men and boys"), "#reached+ind+m", K.COUNT),
        Column("children", N_("Children (0-17)"), "#reached+ind+children", K.COUNT),
        Column("adults", N_("Adults (18-59)"), "#reached+ind+adults", K.COUNT),
        Column("elderly", N_("Elderly (60+)"), "#reached+ind+elderly", K.COUNT),
    )
    rows: list[tuple[Cell, ...]] = []
    for douar in sorted(reach, key=_douar_key):
        r = reach[douar]
        rows.append(
            (
                *_period(start, end),
                *places.cells(douar),
                org,
                ", ".join(sorted(sectors.get(douar, set()))),
                r.households,
                r.persons,
                _band_sum(r.bands, sex="female"),
                _band_sum(r.bands, sex="male"),
                _band_sum(r.bands, age="0_17"),
                _band_sum(r.bands, age="18_59"),
                _band_sum(r.bands, age="60_plus"),
            )
        )
    return AggregateTable(
        code="3w",
        title=N_("Who does what where (3W/4W) by douar"),
        columns=columns,
        rows=tuple(rows),
        parts=(("persons", ("female", "male")), ("persons", ("children", "adults", "elderly"))),
        period=(s.start, s.end),
        extra_notes=(N_("Persons of unknown sex or age count in the persons reached only."),),
    )


_BAND_COLUMNS = {
    "male_0_17": (N_("Boys (0-17)"), "#reached+ind+m+children"),
    "female_0_17": (N_("Girls (0-17)"), "#reached+ind+f+children"),
    "male_18_59": (N_("Men (18-59)"), "#reached+ind+m+adults"),
    "female_18_59": (N_("Women (18-59)"), "#reached+ind+f+adults"),
    "male_60_plus": (N_("Men (60+)"), "#reached+ind+m+elderly"),
    "female_60_plus": (N_("Women (60+)"), "#reached+ind+f+elderly"),
    "unknown_sex_age": (N_("Sex or age unknown"), "#reached+ind+unknown"),
}


def reached_by_douar(store: LocalStore, start: date, end: date) -> AggregateTable:
    """The rural reach indicators by douar: risk level of the douar's target,
    households and persons reached, persons by sex and age band."""
    s = _scope(store, start, end)
    reach = reach_by_douar(store, start, end)
    risk = _risk_of(store, s.campaign_id, reach)
    places = _Places(store)
    columns = (
        *_PERIOD,
        *_PLACE,
        Column("risk", N_("Risk level"), "#severity+code", K.LEVEL),
        Column("households", N_("Households reached"), "#reached+hh", K.COUNT),
        Column("persons", N_("Persons reached"), "#reached+ind", K.COUNT),
        *(Column(b, _BAND_COLUMNS[b][0], _BAND_COLUMNS[b][1], K.COUNT) for b in COUNT_BANDS),
    )
    rows = tuple(
        (
            *_period(start, end),
            *places.cells(d),
            risk.get(d, ""),
            reach[d].households,
            reach[d].persons,
            *(reach[d].bands.get(b, 0) for b in COUNT_BANDS),
        )
        for d in sorted(reach, key=_douar_key)
    )
    return AggregateTable(
        code="reached-by-douar",
        title=N_("Households and persons reached by douar"),
        columns=columns,
        rows=rows,
        parts=(("persons", COUNT_BANDS),),
        period=(s.start, s.end),
    )


def items_by_douar(store: LocalStore, start: date, end: date) -> AggregateTable:
    """Quantities given outside a centre by place and item (kits as their
    components), with the item's sector."""
    s = _scope(store, start, end)
    catalogue = eq.item_catalogue(store.db, s.campaign_id)
    places = _Places(store)
    columns = (
        *_PERIOD,
        *_PLACE,
        Column("sector", N_("Sector"), "#sector", K.SECTOR),
        Column("item_code", N_("Item code"), "#item+code", K.ITEM),
        Column("item_name", N_("Item"), "#item+name", K.ITEM),
        Column("quantity", N_("Quantity given"), "#output+num", K.QUANTITY),
    )
    given = eq.items_given_by_place(store.db, s.campaign_id, s.start, s.end)
    rows = []
    for geo, item, qty in sorted(given, key=lambda g: (_douar_key(g[0] or UNKNOWN), g[1])):
        name_fr, _ar, category = catalogue.get(item, (item, "", ""))
        quantity: Cell = int(qty) if float(qty).is_integer() else qty
        rows.append(
            (
                *_period(start, end),
                *places.cells(geo or UNKNOWN),
                sector_of(category),
                item,
                name_fr,
                quantity,
            )
        )
    return AggregateTable(
        code="items-by-douar",
        title=N_("Items given by douar"),
        columns=columns,
        rows=tuple(rows),
        totals_by="item_code",
        period=(s.start, s.end),
    )


def occupancy_by_night(store: LocalStore, start: date, end: date) -> AggregateTable:
    """Per shelter and night with a roll call: persons in a bed, beds open (the
    overflow beds on cold-alert nights) and the occupancy rate."""
    s = _scope(store, start, end)
    nights = q.bed_nights(store.db, s.campaign_id, s.start, s.end, None)
    capacity = q.bed_capacity(store.db, sorted({f for f, _, _ in nights}))
    alerts = q.cold_alert_periods(store.db, s.campaign_id)
    names = eq.facility_names(store.db, s.campaign_id)
    columns = (
        Column("shelter", N_("Shelter"), "#loc+name", K.FACILITY),
        Column("sector", N_("Sector"), "#sector", K.SECTOR),
        Column("night", N_("Night"), "#date", K.DATE),
        Column("persons", N_("Persons in a bed"), "#reached+ind", K.COUNT),
        Column("beds", N_("Beds open"), "#capacity", K.CAPACITY),
        Column("rate", N_("Occupancy rate"), "#indicator+occupancy", K.RATE, ("persons",)),
    )
    rows = []
    for facility, night, count in nights:
        regular, overflow = capacity.get(facility, (0, 0))
        in_alert = any(a <= night and (b is None or night <= b) for a, b in alerts)
        beds = regular + (overflow if in_alert else 0)
        rate: Cell = round(count / beds, 4) if beds else None
        rows.append((names.get(facility, ""), "shelter", night, count, beds, rate))
    return AggregateTable(
        code="occupancy-by-night",
        title=N_("Shelter occupancy by night"),
        columns=columns,
        rows=tuple(rows),
        period=(s.start, s.end),
    )


TABLES: dict[str, Callable[[LocalStore, date, date], AggregateTable]] = {
    "3w": three_w,
    "reached-by-douar": reached_by_douar,
    "items-by-douar": items_by_douar,
    "occupancy-by-night": occupancy_by_night,
}

TABLE_TITLES: dict[str, str] = {
    "3w": N_("Who does what where (3W/4W) by douar"),
    "reached-by-douar": N_("Households and persons reached by douar"),
    "items-by-douar": N_("Items given by douar"),
    "occupancy-by-night": N_("Shelter occupancy by night"),
}
"""The title (msgid) of each table, for pickers that list them before building one."""


def table_title(code: str) -> str:
    return TABLE_TITLES.get(code, code)


def build_table(
    store: LocalStore,
    *,
    table: str,
    start: date,
    end: date,
    threshold: int = DEFAULT_THRESHOLD,
) -> AggregateTable:
    """One export table of the current campaign, small cells suppressed."""
    builder = TABLES.get(table)
    if builder is None:
        raise InvalidInput(
            N_("Unknown table {table}; choose one of: {choices}."),
            table=table,
            choices=", ".join(TABLES),
        )
    if threshold < 1:
        raise InvalidInput(N_("The suppression threshold must be 1 or more."))
    suppressed, _count = suppress(builder(store, start, end), threshold)
    return suppressed


@dataclass(frozen=True)
class ExportResult:
    path: Path
    statement_path: Path  # the XLSX itself (its About sheet), or the sidecar text file
    rows: int
    suppressed: int
    statement: list[str]


@requires(Permission.EXPORT_AGGREGATE)
def export_table(
    store: LocalStore,
    *,
    table: str,
    fmt: str,
    out: Path,
    start: date,
    end: date,
    threshold: int = DEFAULT_THRESHOLD,
) -> ExportResult:
    """Write one table as CSV, XLSX or HXL-tagged CSV (docs/exports.md)."""
    if fmt not in FORMATS:
        raise InvalidInput(N_("Unknown export format {format}."), format=fmt)
    built = build_table(store, table=table, start=start, end=end, threshold=threshold)
    writer = {"csv": write_csv, "xlsx": write_xlsx, "hxl": write_hxl_csv}[fmt]
    statement_path = writer(built, out)
    audit(store, action="export", detail={"table": table, "format": fmt, "file": out.name})
    return ExportResult(out, statement_path, len(built.rows), built.suppressed, about_lines(built))
