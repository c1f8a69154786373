"""The shelter desk: check-in to a bed, bed moves, the nightly roll call, services
during the stay, check-out with a destination, auto-exit of absentees, occupancy.

Every check and its write run in one transaction, so two staff at the same desk
(or a sync applied in between) cannot both give away the last free bed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from coldwave_app.domain.errors import N_, InvalidInput, RuleViolation
from coldwave_app.domain.roles import Permission
from coldwave_app.domain.shelter_rules import (
    EntryRoute,
    ExitDestination,
    ServiceType,
    bed_accepts,
    length_of_stay,
    roll_call_is_late,
)
from coldwave_app.services.access import requires
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.storage.shelter_repo import BedBoardRow, Resident, ShelterRepo, Stay


@dataclass(frozen=True)
class RollCallResult:
    recorded: list[str]  # person ids given a bed night by this call
    already_recorded: list[str]  # present persons whose night was recorded before
    not_resident: list[str]  # present persons with no stay covering that night


@dataclass(frozen=True)
class Occupancy:
    occupied: int
    capacity: int

    @property
    def rate(self) -> float:
        return self.occupied / self.capacity if self.capacity else 0.0


@dataclass(frozen=True)
class ResidentStay:
    resident: Resident
    nights_so_far: int  # calendar nights since entry, called or not


def _repo(store: LocalStore) -> ShelterRepo:
    return ShelterRepo(store.db, store.campaign_id)


def _day(stamp: str | None) -> date | None:
    return None if stamp is None else date.fromisoformat(stamp[:10])


def _check_bed(repo: ShelterRepo, *, bed_id: str, facility_id: str, sex: str, on: date) -> None:
    """Refuse a bed the person cannot take on that date."""
    bed = repo.bed(bed_id)
    if bed is None or bed.facility_id != facility_id:
        raise InvalidInput(N_("No bed {bed} in this shelter."), bed=bed_id)
    if not bed.active:
        raise RuleViolation(N_("Bed {bed} is out of service."), bed=bed.label)
    occupant = repo.occupant_of_bed(bed_id)
    if occupant is not None:
        name = (repo.person(occupant.person_id) or (occupant.person_id, ""))[0]
        raise RuleViolation(N_("Bed {bed} is taken by {person}."), bed=bed.label, person=name)
    if bed.is_overflow and repo.active_cold_alert(on) is None:
        raise RuleViolation(N_("Overflow bed {bed} opens only during a cold alert."), bed=bed.label)
    if not bed_accepts(bed.sex_restriction, sex):
        raise RuleViolation(N_("Bed {bed} is reserved for the other sex."), bed=bed.label)


@requires(Permission.RECORD_SHELTER)
def check_in(
    store: LocalStore,
    *,
    person_id: str,
    facility_id: str,
    bed_id: str,
    entry_route: str,
    at: datetime,
) -> str:
    """Admit a person to a free bed; returns the stay id."""
    if entry_route not in {r.value for r in EntryRoute}:
        raise InvalidInput(N_("Unknown entry route {route}."), route=entry_route)
    repo = _repo(store)
    with store.db.atomic():
        person = repo.person(person_id)
        if person is None:
            raise InvalidInput(N_("No person {id}."), id=person_id)
        name, sex = person
        facility_name = repo.facility_name(facility_id)
        if facility_name is None:
            raise InvalidInput(N_("No shelter {id}."), id=facility_id)
        current = repo.open_stay_of_person(person_id)
        if current is not None:
            raise RuleViolation(
                N_("{person} already has an open stay at {facility} since {date}."),
                person=name,
                facility=repo.facility_name(current.facility_id) or current.facility_id,
                date=current.entry_at[:10],
            )
        _check_bed(repo, bed_id=bed_id, facility_id=facility_id, sex=sex, on=at.date())
        row = store.writer().insert(
            "stay",
            {
                "person_id": person_id,
                "facility_id": facility_id,
                "bed_id": bed_id,
                "entry_at": at.isoformat(timespec="minutes"),
                "entry_route": entry_route,
            },
        )
    return str(row["id"])


def _open_stay(repo: ShelterRepo, stay_id: str) -> Stay:
    stay = repo.stay(stay_id)
    if stay is None:
        raise InvalidInput(N_("No stay {id}."), id=stay_id)
    if not stay.is_open:
        raise RuleViolation(
            N_("This stay already ended on {date}."), date=(stay.exit_at or "")[:10]
        )
    return stay


@requires(Permission.RECORD_SHELTER)
def move_bed(store: LocalStore, *, stay_id: str, bed_id: str, at: datetime) -> None:
    """Move a resident to another free bed of the same shelter."""
    repo = _repo(store)
    with store.db.atomic():
        stay = _open_stay(repo, stay_id)
        if stay.bed_id == bed_id:
            return
        person = repo.person(stay.person_id)
        sex = person[1] if person else ""
        _check_bed(repo, bed_id=bed_id, facility_id=stay.facility_id, sex=sex, on=at.date())
        store.writer().update("stay", stay_id, {"bed_id": bed_id})


@requires(Permission.RECORD_SHELTER)
def record_roll_call(
    store: LocalStore,
    *,
    facility_id: str,
    night: date,
    now: datetime,
    present: set[str] | None = None,
    absent: set[str] | None = None,
) -> RollCallResult:
    """Record one bed night per person present on `night`.

    Give either who is present or who is absent (the rest of the residents are then
    present). Calling again for the same night only adds the nights still missing,
    which is how a forgotten roll call is completed the next morning (marked late).
    """
    if (present is None) == (absent is None):
        raise InvalidInput(N_("A roll call lists either who is present or who is absent."))
    if night > now.date():
        raise InvalidInput(N_("The roll call of {date} cannot be taken in advance."), date=night)
    repo = _repo(store)
    late = 1 if roll_call_is_late(night, now) else 0
    recorded: list[str] = []
    already: list[str] = []
    with store.db.atomic():
        stays = {s.person_id: s for s in repo.stays_covering_night(facility_id, night)}
        if present is None:
            present = set(stays) - (absent or set())
        done = {bn.person_id for bn in repo.bed_nights(facility_id, night)}
        rows = []
        for person_id in sorted(present & set(stays)):
            if person_id in done:
                already.append(person_id)
                continue
            stay = stays[person_id]
            rows.append(
                {
                    "stay_id": stay.id,
                    "person_id": person_id,
                    "facility_id": facility_id,
                    "bed_id": stay.bed_id,
                    "night_date": night.isoformat(),
                    "recorded_late": late,
                }
            )
            recorded.append(person_id)
        store.writer().insert_many("bed_night", rows)
    return RollCallResult(recorded, already, sorted(present - set(stays)))


@requires(Permission.RECORD_SHELTER)
def record_service(
    store: LocalStore,
    *,
    stay_id: str,
    service_type: str,
    at: datetime,
    quantity: float = 1,
    note: str | None = None,
    provider_org_id: str | None = None,
) -> str:
    """Record a service given to a resident during a stay; returns its id."""
    if service_type not in {s.value for s in ServiceType}:
        raise InvalidInput(N_("Unknown service {service}."), service=service_type)
    if quantity <= 0:
        raise InvalidInput(N_("A quantity must be more than zero."))
    repo = _repo(store)
    stay = repo.stay(stay_id)
    if stay is None:
        raise InvalidInput(N_("No stay {id}."), id=stay_id)
    exit_day = _day(stay.exit_at)
    # Services on the day of exit still count (breakfast before leaving).
    if at.date() < date.fromisoformat(stay.entry_at[:10]) or (
        exit_day is not None and at.date() > exit_day
    ):
        raise RuleViolation(N_("{date} is outside this stay."), date=at.date())
    row = store.writer().insert(
        "service_delivery",
        {
            "person_id": stay.person_id,
            "stay_id": stay_id,
            "facility_id": stay.facility_id,
            "service_type": service_type,
            "delivered_at": at.isoformat(timespec="minutes"),
            "quantity": quantity,
            "provider_org_id": provider_org_id,
            "note": (note or "").strip() or None,
        },
    )
    return str(row["id"])


@requires(Permission.RECORD_SHELTER)
def check_out(
    store: LocalStore,
    *,
    stay_id: str,
    at: datetime,
    destination: str,
    date_of_engagement: date | None = None,
    note: str | None = None,
) -> None:
    """End a stay with where the person went; the bed is free from then on."""
    if destination not in {d.value for d in ExitDestination}:
        raise InvalidInput(N_("Unknown exit destination {destination}."), destination=destination)
    repo = _repo(store)
    with store.db.atomic():
        stay = _open_stay(repo, stay_id)
        if at.isoformat(timespec="minutes") < stay.entry_at:
            raise InvalidInput(N_("An exit cannot come before the entry."))
        store.writer().update(
            "stay",
            stay_id,
            {
                "exit_at": at.isoformat(timespec="minutes"),
                "exit_destination": destination,
                "exit_note": (note or "").strip() or None,
                "date_of_engagement": (
                    date_of_engagement.isoformat() if date_of_engagement else None
                ),
            },
        )


@requires(Permission.RECORD_SHELTER)
def auto_exit_absent(
    store: LocalStore, *, facility_id: str, as_of: date, nights: int | None = None
) -> list[str]:
    """Close the open stays of persons absent from the last `nights` roll calls.

    `nights` defaults to the facility's setting. The stay ends on the first night
    missed, destination 'left without notice'. Returns the closed stay ids.

    Stay conditions are waived during a cold alert: nobody loses their bed for
    absences while the alert is in force, since a person out in the cold must find
    their place again.
    """
    repo = _repo(store)
    if repo.active_cold_alert(as_of) is not None:
        return []
    if nights is None:
        nights = repo.facility_auto_exit_nights(facility_id)
    if nights is None:
        return []
    if nights < 1:
        raise InvalidInput(N_("The number of nights must be at least 1."))
    closed: list[str] = []
    with store.db.atomic():
        called = repo.called_nights(facility_id, up_to=as_of, limit=nights)
        if len(called) < nights:
            return []
        for resident in repo.residents(facility_id):
            entry = resident.entry_at[:10]
            # A person who arrived after the oldest of these calls has not missed them.
            if entry > called[-1]:
                continue
            if repo.nights_of_stay(resident.stay_id, called):
                continue
            # Gone during the day after the last night seen; never before the entry
            # itself (a person who never slept there leaves at the time they came).
            at = datetime.combine(date.fromisoformat(called[-1]), time(12, 0))
            if at.isoformat(timespec="minutes") < resident.entry_at:
                at = datetime.fromisoformat(resident.entry_at)
            check_out(
                store,
                stay_id=resident.stay_id,
                at=at,
                destination=ExitDestination.LEFT_WITHOUT_NOTICE.value,
                note=None,
            )
            closed.append(resident.stay_id)
    return closed


@requires(Permission.RECORD_SHELTER)
def void_bed_night(store: LocalStore, *, bed_night_id: str, reason: str) -> str:
    """Cancel a bed night recorded in error; returns the id of the void row."""
    repo = _repo(store)
    with store.db.atomic():
        found = repo.bed_night(bed_night_id)
        if found is None:
            raise InvalidInput(N_("No bed night {id}."), id=bed_night_id)
        if not found[1]:
            raise RuleViolation(N_("This bed night was already corrected."))
        row = store.writer().correct("bed_night", bed_night_id, kind="void", reason=reason)
    return str(row["id"])


def occupancy(store: LocalStore, *, facility_id: str, night: date) -> Occupancy:
    """Persons with a bed night against the beds open that night (overflow in alerts)."""
    repo = _repo(store)
    regular, overflow = repo.bed_capacity(facility_id)
    capacity = regular + (overflow if repo.active_cold_alert(night) else 0)
    return Occupancy(len(repo.bed_nights(facility_id, night)), capacity)


def occupancy_by_night(
    store: LocalStore, *, facility_id: str, start: date, end: date
) -> list[tuple[str, int]]:
    """(night, persons) for each recorded night of a period."""
    return _repo(store).occupancy_by_night(facility_id, start, end)


def bed_board(store: LocalStore, *, facility_id: str, on: date) -> list[BedBoardRow]:
    """Every bed of a shelter with its state and occupant."""
    return _repo(store).bed_board(facility_id, on=on)


def residents(store: LocalStore, *, facility_id: str, as_of: date) -> list[ResidentStay]:
    """Who is staying now, with bed nights recorded and nights since entry."""
    return [
        ResidentStay(r, length_of_stay(date.fromisoformat(r.entry_at[:10]), None, as_of=as_of))
        for r in _repo(store).residents(facility_id)
    ]
