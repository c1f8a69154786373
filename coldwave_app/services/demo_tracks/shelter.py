"""The winter at the Khénifra social emergency centre: arrivals (on their own, brought by
the police or the hospital, or accepted during a night round), the nightly roll
call, meals and care, departures, absentees auto-exited, and the January cold alert
that opens the overflow beds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from coldwave_app.services.cold_alert import declare_cold_alert
from coldwave_app.services.demo_tracks.context import (
    ALERT_END,
    ALERT_START,
    KHENIFRA,
    SEASON_END,
    SEASON_START,
    Demo,
    StayInfo,
    at,
    days,
)
from coldwave_app.services.demo_tracks.outreach import street_round
from coldwave_app.services.demo_tracks.people import register_street_person
from coldwave_app.services.shelter import (
    auto_exit_absent,
    bed_board,
    check_in,
    check_out,
    move_bed,
    record_roll_call,
    record_service,
)

ROUTES = (["self", "police_authority", "hospital", "family", "outreach_team"], [45, 25, 10, 5, 15])
EXITS = (
    ["unknown", "own_housing", "refused", "hospital", "care_institution", "transferred"],
    [30, 15, 12, 10, 8, 10],
)
# Returns to the family prepared by the caseworkers (the cases track follows them up).
REINTEGRATION_DAYS = [
    date(2025, 11, 26),
    date(2025, 12, 9),
    date(2026, 1, 3),
    date(2026, 1, 27),
    date(2026, 2, 14),
]


@dataclass
class _Resident:
    stay_id: str
    bed_id: str
    entry: date
    leaves_on: date
    absconds_on: date | None


def _target(day: date) -> float:
    """Share of the open beds the centre fills: rising into January, easing in February."""
    n = (day - SEASON_START).days
    if n < 44:  # to the end of December
        return 0.6 + 0.3 * n / 44
    if day <= date(2026, 1, 31):
        return 0.95
    return 0.95 - 0.25 * (day - date(2026, 2, 1)).days / 28


class _Winter:
    def __init__(self, demo: Demo) -> None:
        self.demo = demo
        board = bed_board(demo.store, facility_id=demo.facility_id, on=SEASON_START)
        self.regular = [r.bed.id for r in board if not r.bed.is_overflow]
        self.overflow = [r.bed.id for r in board if r.bed.is_overflow]
        self.residents: dict[str, _Resident] = {}
        self.reintegration_days = list(REINTEGRATION_DAYS)

    def free_beds(self, alert: bool) -> list[str]:
        taken = {r.bed_id for r in self.residents.values()}
        beds = self.regular + (self.overflow if alert else [])
        return [b for b in beds if b not in taken]

    def admit(self, person_id: str, bed_id: str, day: date, hour: int, route: str) -> None:
        rng = self.demo.rng
        stay_id = check_in(
            self.demo.store,
            person_id=person_id,
            facility_id=self.demo.facility_id,
            bed_id=bed_id,
            entry_route=route,
            at=at(day, hour, rng.randint(0, 59)),
        )
        length = rng.choices(
            [rng.randint(1, 3), rng.randint(4, 14), rng.randint(15, 45)], [35, 40, 25]
        )[0]
        absconds = day + timedelta(rng.randint(1, 8)) if rng.random() < 0.08 else None
        self.residents[person_id] = _Resident(
            stay_id, bed_id, day, day + timedelta(length), absconds
        )
        if person_id in self.demo.outside:
            self.demo.outside.remove(person_id)
        store, moment = self.demo.store, at(day, hour + 1)
        record_service(store, stay_id=stay_id, service_type="shower", at=moment)
        if rng.random() < 0.7:
            record_service(store, stay_id=stay_id, service_type="health_check", at=moment)
        if rng.random() < 0.5:
            record_service(store, stay_id=stay_id, service_type="clothes", at=moment)
        self.demo.counts["stays"] += 1

    def leave(self, person_id: str, day: date, destination: str) -> None:
        resident = self.residents.pop(person_id)
        self.demo.stays.append(
            StayInfo(person_id, resident.stay_id, resident.entry, day, destination)
        )
        self.demo.outside.append(person_id)

    def departures(self, day: date) -> None:
        rng = self.demo.rng
        for person_id, resident in list(self.residents.items()):
            if resident.absconds_on is not None or resident.leaves_on > day:
                continue
            destination = rng.choices(*EXITS)[0]
            slots = self.reintegration_days
            if slots and day >= slots[0] and (day - resident.entry).days >= 8:
                destination = "family_reintegration"
                slots.pop(0)
            check_out(
                self.demo.store,
                stay_id=resident.stay_id,
                at=at(day, 9, rng.randint(0, 59)),
                destination=destination,
            )
            self.leave(person_id, day, destination)
        closed = set(
            auto_exit_absent(
                self.demo.store,
                facility_id=self.demo.facility_id,
                as_of=day - timedelta(1),
                nights=3,
            )
        )
        for person_id, resident in list(self.residents.items()):
            if resident.stay_id in closed:
                self.leave(person_id, day, "left_without_notice")

    def leave_overflow(self, day: date) -> None:
        """After the alert, residents on overflow beds move to the beds freed."""
        for resident in self.residents.values():
            free = self.free_beds(alert=False)
            if resident.bed_id in self.overflow and free:
                move_bed(self.demo.store, stay_id=resident.stay_id, bed_id=free[0], at=at(day, 10))
                resident.bed_id = free[0]

    def arrivals(self, day: date, alert: bool) -> None:
        rng = self.demo.rng
        free = self.free_beds(alert)
        if day.weekday() in (1, 4) or alert:
            for person_id in street_round(self.demo, day, len(free)):
                self.admit(person_id, free.pop(0), day, 21, "outreach_team")
        open_beds = len(self.regular) + (len(self.overflow) if alert else 0)
        wanted = round(open_beds * (_target(day) + rng.uniform(-0.05, 0.05)))
        cap = 14 if day == SEASON_START else 7  # the first evening fills the centre faster
        count = min(len(free), max(wanted - len(self.residents), rng.randint(0, 2)), cap)
        for _ in range(count):
            returning = [p for p in self.demo.outside if p not in self.residents]
            if returning and rng.random() < 0.3:
                person_id = rng.choice(returning)
            else:
                person_id = register_street_person(self.demo, day)
            route = rng.choices(*ROUTES)[0]
            self.admit(person_id, free.pop(0), day, rng.randint(17, 20), route)

    def roll_call(self, day: date) -> None:
        rng, store = self.demo.rng, self.demo.store
        absent = {
            p
            for p, r in self.residents.items()
            if r.absconds_on is not None and r.absconds_on <= day
        }
        record_roll_call(
            store,
            facility_id=self.demo.facility_id,
            night=day,
            now=at(day, 22, 30),
            absent=absent,
        )
        for person_id, resident in list(self.residents.items()):
            if person_id in absent:
                continue
            record_service(store, stay_id=resident.stay_id, service_type="meal", at=at(day, 19))
            if rng.random() < 0.25:
                record_service(
                    store, stay_id=resident.stay_id, service_type="shower", at=at(day, 20)
                )
            if rng.random() < 0.03:
                service = rng.choice(["psychological_support", "administrative_help", "first_aid"])
                record_service(
                    store, stay_id=resident.stay_id, service_type=service, at=at(day, 15)
                )


def run_winter(demo: Demo) -> None:
    """Every night of the season, 17 November to the morning of 1 March."""
    declare_cold_alert(
        demo.store,
        level="red",
        starts_on=ALERT_START,
        ends_on=ALERT_END,
        province_codes=[KHENIFRA],
        note="Vague de froid : -8 à -12 °C et neige sur le Moyen Atlas",
    )
    winter = _Winter(demo)
    for day in days(SEASON_START, SEASON_END - timedelta(1)):
        alert = ALERT_START <= day <= ALERT_END
        winter.departures(day)
        if not alert:
            winter.leave_overflow(day)
        winter.arrivals(day, alert)
        winter.roll_call(day)
    winter.departures(SEASON_END)
    for person_id, resident in list(winter.residents.items()):
        demo.stays.append(StayInfo(person_id, resident.stay_id, resident.entry))
