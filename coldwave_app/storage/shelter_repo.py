"""Read queries of the shelter: beds, stays, bed nights, cold alerts, occupancy.

Writes go through `RecordWriter`; this module only reads. A stay is open while its
`exit_at` is empty. A bed night is live unless a later row corrects it (void or
amend) or it is itself a void row: an amend row is the live version of its original.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlite_utils import Database

from coldwave_app.domain.shelter_rules import BedState

# Bed nights that count: not voided, not superseded by an amendment.
LIVE_BED_NIGHT = (
    "COALESCE(bn.correction_kind, '') <> 'void' "
    "AND NOT EXISTS (SELECT 1 FROM bed_night c WHERE c.corrects_id = bn.id)"
)

# A stay covers night :night when entered on or before it and not left by then;
# substr() takes the date part of the stored ISO timestamps.
COVERS_NIGHT = (
    "substr(s.entry_at, 1, 10) <= :night "
    "AND (s.exit_at IS NULL OR substr(s.exit_at, 1, 10) > :night)"
)


@dataclass(frozen=True)
class Bed:
    id: str
    facility_id: str
    label: str
    room_label: str | None
    sex_restriction: str | None
    is_overflow: bool
    active: bool


@dataclass(frozen=True)
class Stay:
    id: str
    person_id: str
    facility_id: str
    bed_id: str | None
    entry_at: str
    entry_route: str
    exit_at: str | None
    exit_destination: str | None

    @property
    def is_open(self) -> bool:
        return self.exit_at is None


@dataclass(frozen=True)
class BedBoardRow:
    bed: Bed
    state: BedState
    occupied_by: str | None  # person id
    occupant_name: str | None
    stay_id: str | None
    since: str | None  # entry_at of the stay


@dataclass(frozen=True)
class Resident:
    stay_id: str
    person_id: str
    name: str
    bed_id: str | None
    bed_label: str | None
    entry_at: str
    bed_nights: int


@dataclass(frozen=True)
class BedNight:
    id: str
    stay_id: str
    person_id: str
    bed_id: str | None
    night_date: str
    recorded_late: bool


_STAY_COLUMNS = (
    "s.id, s.person_id, s.facility_id, s.bed_id, s.entry_at, s.entry_route, "
    "s.exit_at, s.exit_destination"
)
_BED_COLUMNS = (
    "b.id, b.facility_id, b.label, r.label, COALESCE(b.sex_restriction, r.sex_restriction), "
    "b.is_overflow, b.active"
)
# Shown in messages and lists: the name staff know the person by, else the code.
PERSON_NAME = (
    "COALESCE(NULLIF(p.known_as, ''), "
    "NULLIF(trim(COALESCE(p.given_name_latn, '') || ' ' || COALESCE(p.family_name_latn, '')), ''), "
    "NULLIF(trim(COALESCE(p.given_name_ar, '') || ' ' || COALESCE(p.family_name_ar, '')), ''), "
    "p.beneficiary_code)"
)


def _stay(row: Any) -> Stay:
    return Stay(*row)


def _bed(row: Any) -> Bed:
    return Bed(
        id=row[0],
        facility_id=row[1],
        label=row[2],
        room_label=row[3],
        sex_restriction=row[4],
        is_overflow=bool(row[5]),
        active=bool(row[6]),
    )


class ShelterRepo:
    """Shelter queries for one campaign."""

    def __init__(self, db: Database, campaign_id: str | None) -> None:
        self.db = db
        self.campaign_id = campaign_id

    # --- people, facilities, beds -------------------------------------------------

    def person(self, person_id: str) -> tuple[str, str] | None:
        """(display name, sex) of a live person."""
        row = self.db.execute(
            f"SELECT {PERSON_NAME}, p.sex FROM person p WHERE p.id = ? AND p.deleted = 0",
            [person_id],
        ).fetchone()
        return None if row is None else (str(row[0]), str(row[1]))

    def facility_name(self, facility_id: str) -> str | None:
        row = self.db.execute(
            "SELECT COALESCE(name_fr, name_ar, id) FROM facility WHERE id = ? AND deleted = 0",
            [facility_id],
        ).fetchone()
        return None if row is None else str(row[0])

    def facility_auto_exit_nights(self, facility_id: str) -> int | None:
        row = self.db.execute(
            "SELECT auto_exit_nights FROM facility WHERE id = ?", [facility_id]
        ).fetchone()
        return None if row is None or row[0] is None else int(row[0])

    def bed(self, bed_id: str) -> Bed | None:
        row = self.db.execute(
            f"SELECT {_BED_COLUMNS} FROM bed b LEFT JOIN room r ON r.id = b.room_id "
            "WHERE b.id = ? AND b.deleted = 0",
            [bed_id],
        ).fetchone()
        return None if row is None else _bed(row)

    def bed_board(self, facility_id: str, *, on: date) -> list[BedBoardRow]:
        """Every bed of a facility with its occupant, in display order."""
        rows = self.db.execute(
            f"SELECT {_BED_COLUMNS}, s.person_id, {PERSON_NAME}, s.id, s.entry_at "
            "FROM bed b LEFT JOIN room r ON r.id = b.room_id "
            "LEFT JOIN stay s ON s.bed_id = b.id AND s.exit_at IS NULL AND s.deleted = 0 "
            "LEFT JOIN person p ON p.id = s.person_id "
            "WHERE b.facility_id = ? AND b.deleted = 0 "
            "ORDER BY COALESCE(b.sort_order, 1000000), b.label",
            [facility_id],
        ).fetchall()
        overflow_open = self.active_cold_alert(on) is not None
        board = []
        for row in rows:
            bed = _bed(row[:7])
            if not bed.active:
                state = BedState.INACTIVE
            elif row[7] is not None:
                # An occupied overflow bed stays occupied after the alert ends.
                state = BedState.OCCUPIED
            elif bed.is_overflow and not overflow_open:
                state = BedState.OVERFLOW_CLOSED
            else:
                state = BedState.FREE
            board.append(
                BedBoardRow(
                    bed=bed,
                    state=state,
                    occupied_by=row[7],
                    occupant_name=row[8] if row[7] is not None else None,
                    stay_id=row[9],
                    since=row[10],
                )
            )
        return board

    # --- stays --------------------------------------------------------------------

    def stay(self, stay_id: str) -> Stay | None:
        row = self.db.execute(
            f"SELECT {_STAY_COLUMNS} FROM stay s WHERE s.id = ? AND s.deleted = 0", [stay_id]
        ).fetchone()
        return None if row is None else _stay(row)

    def open_stay_of_person(self, person_id: str) -> Stay | None:
        """The person's open stay in any facility of any campaign on this laptop."""
        row = self.db.execute(
            f"SELECT {_STAY_COLUMNS} FROM stay s "
            "WHERE s.person_id = ? AND s.exit_at IS NULL AND s.deleted = 0 "
            "ORDER BY s.entry_at LIMIT 1",
            [person_id],
        ).fetchone()
        return None if row is None else _stay(row)

    def occupant_of_bed(self, bed_id: str) -> Stay | None:
        row = self.db.execute(
            f"SELECT {_STAY_COLUMNS} FROM stay s "
            "WHERE s.bed_id = ? AND s.exit_at IS NULL AND s.deleted = 0 LIMIT 1",
            [bed_id],
        ).fetchone()
        return None if row is None else _stay(row)

    def residents(self, facility_id: str) -> list[Resident]:
        """Open stays of a facility with the number of live bed nights so far."""
        rows = self.db.execute(
            f"SELECT s.id, s.person_id, {PERSON_NAME}, s.bed_id, b.label, s.entry_at, "
            f"(SELECT count(*) FROM bed_night bn WHERE bn.stay_id = s.id AND {LIVE_BED_NIGHT}) "
            "FROM stay s JOIN person p ON p.id = s.person_id "
            "LEFT JOIN bed b ON b.id = s.bed_id "
            "WHERE s.facility_id = ? AND s.exit_at IS NULL AND s.deleted = 0 "
            "ORDER BY s.entry_at",
            [facility_id],
        ).fetchall()
        return [Resident(*row) for row in rows]

    def stays_covering_night(self, facility_id: str, night: date) -> list[Stay]:
        """Stays of a facility whose person was expected in a bed that night."""
        rows = self.db.execute(
            f"SELECT {_STAY_COLUMNS} FROM stay s "
            f"WHERE s.facility_id = :facility AND s.deleted = 0 AND {COVERS_NIGHT}",
            {"facility": facility_id, "night": night.isoformat()},
        ).fetchall()
        return [_stay(row) for row in rows]

    # --- bed nights ---------------------------------------------------------------

    def bed_nights(self, facility_id: str, night: date) -> list[BedNight]:
        """Live bed nights recorded for one facility and night."""
        rows = self.db.execute(
            "SELECT bn.id, bn.stay_id, bn.person_id, bn.bed_id, bn.night_date, bn.recorded_late "
            "FROM bed_night bn WHERE bn.facility_id = ? AND bn.night_date = ? "
            f"AND {LIVE_BED_NIGHT} "
            "ORDER BY bn.id",
            [facility_id, night.isoformat()],
        ).fetchall()
        return [BedNight(r[0], r[1], r[2], r[3], r[4], bool(r[5])) for r in rows]

    def bed_night(self, bed_night_id: str) -> tuple[BedNight, bool] | None:
        """A bed night and whether it is live."""
        row = self.db.execute(
            "SELECT bn.id, bn.stay_id, bn.person_id, bn.bed_id, bn.night_date, "
            f"bn.recorded_late, ({LIVE_BED_NIGHT}) FROM bed_night bn WHERE bn.id = ?",
            [bed_night_id],
        ).fetchone()
        if row is None:
            return None
        return BedNight(row[0], row[1], row[2], row[3], row[4], bool(row[5])), bool(row[6])

    def called_nights(self, facility_id: str, *, up_to: date, limit: int) -> list[str]:
        """The last nights (newest first) on which a roll call recorded anyone.

        There is no roll-call record of its own: a night with no live bed night at all
        counts as not called, so an empty shelter never drives anyone to auto-exit.
        """
        rows = self.db.execute(
            "SELECT DISTINCT bn.night_date FROM bed_night bn "
            f"WHERE bn.facility_id = ? AND bn.night_date <= ? AND {LIVE_BED_NIGHT} "
            "ORDER BY bn.night_date DESC LIMIT ?",
            [facility_id, up_to.isoformat(), limit],
        ).fetchall()
        return [str(r[0]) for r in rows]

    def nights_of_stay(self, stay_id: str, nights: list[str]) -> set[str]:
        """Which of `nights` have a live bed night for this stay."""
        if not nights:
            return set()
        marks = ", ".join("?" for _ in nights)
        rows = self.db.execute(
            f"SELECT DISTINCT bn.night_date FROM bed_night bn WHERE bn.stay_id = ? "
            f"AND bn.night_date IN ({marks}) AND {LIVE_BED_NIGHT}",
            [stay_id, *nights],
        ).fetchall()
        return {str(r[0]) for r in rows}

    def occupancy_by_night(self, facility_id: str, start: date, end: date) -> list[tuple[str, int]]:
        """(night, persons with a live bed night) for each recorded night in [start, end]."""
        rows = self.db.execute(
            "SELECT bn.night_date, count(DISTINCT bn.person_id) FROM bed_night bn "
            f"WHERE bn.facility_id = ? AND bn.night_date BETWEEN ? AND ? AND {LIVE_BED_NIGHT} "
            "GROUP BY bn.night_date ORDER BY bn.night_date",
            [facility_id, start.isoformat(), end.isoformat()],
        ).fetchall()
        return [(str(r[0]), int(r[1])) for r in rows]

    def bed_capacity(self, facility_id: str) -> tuple[int, int]:
        """(active regular beds, active overflow beds) of a facility."""
        row = self.db.execute(
            "SELECT COALESCE(sum(is_overflow = 0), 0), COALESCE(sum(is_overflow = 1), 0) "
            "FROM bed WHERE facility_id = ? AND active = 1 AND deleted = 0",
            [facility_id],
        ).fetchone()
        return int(row[0]), int(row[1])

    # --- cold alerts --------------------------------------------------------------

    def active_cold_alert(self, on: date) -> str | None:
        """Id of a cold alert covering the campaign's province on a date, if any."""
        row = self.db.execute(
            "SELECT a.id FROM cold_alert a JOIN campaign c ON c.id = a.campaign_id "
            "WHERE a.campaign_id = :campaign AND a.deleted = 0 "
            "AND a.starts_on <= :on AND (a.ends_on IS NULL OR a.ends_on >= :on) "
            "AND (a.lifted_at IS NULL OR substr(a.lifted_at, 1, 10) > :on) "
            "AND EXISTS (SELECT 1 FROM json_each(a.province_codes) j "
            "WHERE j.value = c.province_code) "
            "ORDER BY a.starts_on DESC LIMIT 1",
            {"campaign": self.campaign_id, "on": on.isoformat()},
        ).fetchone()
        return None if row is None else str(row[0])
