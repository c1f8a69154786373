"""Gather the data of each PDF report into coldwave_app.reports' dataclasses and render it.

The reports package draws; it does not read the store. These functions read it
through the indicators and the storage queries, then call the renderer.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from coldwave_app.domain.case_rules import NoteVisibility, can_read
from coldwave_app.domain.errors import N_, InvalidInput, RuleViolation
from coldwave_app.domain.outreach_rules import EncounterOutcome
from coldwave_app.domain.roles import Permission, SensitiveField, may_see
from coldwave_app.domain.vocabulary import Role
from coldwave_app.reports.cards import render_cards
from coldwave_app.reports.case_summary import render_case_summary
from coldwave_app.reports.models import (
    AlertLine,
    Card,
    CardSheet,
    CaseReport,
    CentreLine,
    FamilyContact,
    Footer,
    ItemLine,
    NoteLine,
    PlaceLine,
    ReferralLine,
    Register,
    RegisterLine,
    RunSheet,
    RunSheetHousehold,
    Sitrep,
    Withheld,
)
from coldwave_app.reports.register import render_register
from coldwave_app.reports.runsheet import render_runsheet
from coldwave_app.reports.sitrep import render_sitrep
from coldwave_app.services import indicators
from coldwave_app.services.access import audit, requires
from coldwave_app.services.cases import REFERRAL_CONSENT_PURPOSE
from coldwave_app.services.cold_alert import cold_alert_status
from coldwave_app.storage import digest
from coldwave_app.storage import report_queries as rq
from coldwave_app.storage.case_repo import CaseRepo, Referral
from coldwave_app.storage.geography import GeoRepository, Place
from coldwave_app.storage.local_store import LocalStore

__all__ = [
    "cards_data",
    "case_report_data",
    "footer_of",
    "register_data",
    "runsheet_data",
    "sitrep_data",
    "write_cards",
    "write_case_summary",
    "write_register",
    "write_runsheet",
    "write_sitrep",
]

FOOD_KIT_LABEL = N_("Food kit")
BLANKET_LABEL = N_("Blankets")


def _campaign(store: LocalStore) -> str:
    if store.campaign_id is None:
        raise InvalidInput(N_("Choose a campaign first."))
    return store.campaign_id


def footer_of(store: LocalStore, now: dt.datetime | None = None) -> Footer:
    """Campaign, lead organisation, time of production and unsynced changes."""
    name, org_fr, org_ar, _province = rq.campaign_header(store.db, _campaign(store))
    organisation = " / ".join(p for p in (org_fr, org_ar) if p)
    return Footer(
        campaign=name,
        organisation=organisation,
        produced_at=now or dt.datetime.now().replace(microsecond=0),
        unsynced_changes=digest.pending_changes(store.db),
    )


def _place(geo: GeoRepository, cache: dict[str, Place | None], code: str) -> Place | None:
    if code not in cache:
        cache[code] = geo.get(code)
    return cache[code]


@requires(Permission.VIEW_REPORTS)
def sitrep_data(
    store: LocalStore, *, start: date, end: date, now: dt.datetime | None = None
) -> Sitrep:
    """Every figure of the situation report for a day (start == end) or a period."""
    campaign = _campaign(store)
    values = indicators.campaign_indicators(store, start=start, end=end)
    centres: list[CentreLine] = []
    nightly: dict[date, int] = defaultdict(int)
    by_centre = indicators.shelter_figures_by_centre(store, start, end)
    for facility in rq.facilities(store.db, campaign):
        figures = by_centre.get(facility.id)
        if figures is None:  # no roll call in the period: the centre still has its line
            centres.append(CentreLine(facility.name_ar, facility.name_fr, 0, 0, 0.0))
            continue
        centres.append(
            CentreLine(
                facility.name_ar,
                facility.name_fr,
                figures.persons,
                figures.bed_nights,
                figures.occupancy,
            )
        )
        for night, count in figures.nightly:
            nightly[date.fromisoformat(night)] += count
    names = rq.items(store.db, campaign)
    given = values["items_distributed"]
    assert isinstance(given, dict)
    items = [
        ItemLine(code, *names.get(code, (code, code, "")), quantity=float(qty))
        for code, qty in sorted(given.items(), key=lambda kv: -float(kv[1]))
    ]
    households = values["households_reached"]
    persons = values["persons_reached"]
    douars = values["douars_reached_vs_targeted"]
    meals = values["meals_served"]
    assert isinstance(households, dict) and isinstance(persons, dict)
    assert isinstance(douars, dict) and isinstance(meals, dict)
    geo = GeoRepository(store.db)
    cache: dict[str, Place | None] = {}
    risk = rq.target_levels(store.db, campaign)
    douar_lines: list[PlaceLine] = []
    communes: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for code in sorted(set(households["by_douar"]) | set(persons["by_douar"])):
        place = _place(geo, cache, code)
        commune = _place(geo, cache, place.commune_code) if place and place.commune_code else None
        hh = int(households["by_douar"].get(code, 0))
        pp = int(persons["by_douar"].get(code, 0))
        douar_lines.append(
            PlaceLine(
                code,
                place.name_ar if place else code,
                (place.name_fr or place.name_ar) if place else code,
                hh,
                pp,
                risk.get(code),
                parent_ar=commune.name_ar if commune else "",
                parent_fr=(commune.name_fr or commune.name_ar) if commune else "",
            )
        )
        key = place.commune_code if place and place.commune_code else ""
        communes[key][0] += hh
        communes[key][1] += pp
    commune_lines = []
    for code, (hh, pp) in communes.items():
        commune = _place(geo, cache, code) if code else None
        commune_lines.append(
            PlaceLine(
                code,
                commune.name_ar if commune else "؟",
                (commune.name_fr or commune.name_ar) if commune else "?",
                hh,
                pp,
            )
        )
    commune_lines.sort(key=lambda p: p.name_fr)
    douar_lines.sort(key=lambda p: (p.parent_fr, p.name_fr))
    by_risk = {
        level: (int(v["targeted"]), int(v["reached"]))
        for level, v in douars.items()
        if isinstance(v, dict)
    }
    outcomes = rq.encounter_outcomes(store.db, campaign, start.isoformat(), end.isoformat())
    alert = cold_alert_status(store, on=end)
    province = _place(geo, cache, rq.campaign_header(store.db, campaign)[3])
    return Sitrep(
        footer=footer_of(store, now),
        start=start,
        end=end,
        persons_sheltered=int(values["persons_sheltered"] or 0),  # type: ignore[arg-type]
        bed_nights=int(values["bed_nights"] or 0),  # type: ignore[arg-type]
        occupancy=float(values["occupancy_rate"] or 0),  # type: ignore[arg-type]
        centres=centres,
        meals={k: float(v) for k, v in meals.items()},
        items=items,
        households_reached=int(households["total"]),
        persons_reached=int(persons["total"]),
        persons_by_band={k: int(v) for k, v in persons["by_sex_age"].items()},
        douars_by_risk=by_risk,
        encounters=sum(outcomes.values()),
        shelter_accepted=outcomes.get(EncounterOutcome.ACCEPTED_SHELTER.value, 0),
        shelter_refused=outcomes.get(EncounterOutcome.REFUSED_SHELTER.value, 0),
        reintegrations=int(values["family_reintegrations"] or 0),  # type: ignore[arg-type]
        referrals_sent=rq.referrals_sent(store.db, campaign, start.isoformat(), end.isoformat()),
        referrals_completed=int(values["referrals_completed"] or 0),  # type: ignore[arg-type]
        communes=commune_lines,
        douars=douar_lines,
        nightly_occupancy=sorted(nightly.items()),
        alert=None
        if alert is None
        else AlertLine(alert.level, alert.starts_on, alert.ends_on, alert.note),
        province_ar=province.name_ar if province else "",
        province_fr=(province.name_fr or "") if province else "",
    )


def write_sitrep(
    store: LocalStore,
    path: Path,
    *,
    start: date,
    end: date | None = None,
    langs: Sequence[str] = ("fr",),
    now: dt.datetime | None = None,
) -> int:
    """Write the situation report PDF; returns its page count."""
    data = sitrep_data(store, start=start, end=end or start, now=now)
    return render_sitrep(data, path, langs)


# --- run sheet -------------------------------------------------------------------------


@requires(Permission.EXPORT_PERSONAL)
def runsheet_data(
    store: LocalStore,
    *,
    douars: Sequence[str],
    on: date,
    round_label: str = "",
    now: dt.datetime | None = None,
) -> RunSheet:
    """The households of the douars, what each is due this round and has received."""
    campaign = _campaign(store)
    if not douars:
        raise InvalidInput(N_("Choose at least one douar."))
    geo = GeoRepository(store.db)
    cache: dict[str, Place | None] = {}
    rows = rq.households_of(store.db, campaign, list(douars))
    received = rq.household_items(store.db, [r.id for r in rows])
    households: list[RunSheetHousehold] = []
    kits = blankets = 0.0
    for row in rows:
        got = received.get(row.id, {})
        kit_got = sum(q for code, q in got.items() if code.startswith("KIT") or "KIT" in code)
        blanket_got = got.get("BLANKET", 0.0)
        blanket_due = max(0.0, row.size - blanket_got)
        place = _place(geo, cache, row.geo_code) if row.geo_code else None
        households.append(
            RunSheetHousehold(
                code=row.code,
                head=row.head,
                size=row.size,
                douar_ar=place.name_ar if place else "",
                douar_fr=(place.name_fr or place.name_ar) if place else "",
                entitled={FOOD_KIT_LABEL: 1.0, BLANKET_LABEL: blanket_due},
                received={FOOD_KIT_LABEL: kit_got, BLANKET_LABEL: blanket_got},
            )
        )
        kits += 1
        blankets += blanket_due
    names = rq.items(store.db, campaign)
    blanket_ar, blanket_fr, blanket_unit = names.get("BLANKET", ("غطاء", "Couverture", "piece"))
    kit_ar, kit_fr = rq.kit_names(store.db, campaign)
    places = [p for p in (_place(geo, cache, code) for code in douars) if p is not None]
    return RunSheet(
        footer=footer_of(store, now),
        round_label=round_label,
        on=on,
        households=households,
        stock_to_load=[
            ItemLine("KIT", kit_ar, kit_fr, "kit", kits),
            ItemLine("BLANKET", blanket_ar, blanket_fr, blanket_unit, blankets),
        ],
        places_ar=[p.name_ar for p in places],
        places_fr=[p.name_fr or p.name_ar for p in places],
    )


def write_runsheet(
    store: LocalStore,
    path: Path,
    *,
    douars: Sequence[str],
    on: date,
    round_label: str = "",
    langs: Sequence[str] = ("fr",),
    now: dt.datetime | None = None,
) -> int:
    data = runsheet_data(store, douars=douars, on=on, round_label=round_label, now=now)
    audit(store, action="export", detail={"report": "runsheet", "file": path.name})
    return render_runsheet(data, path, langs)


# --- shelter register ---------------------------------------------------------------------


@requires(Permission.EXPORT_PERSONAL)
def register_data(
    store: LocalStore,
    *,
    night: date,
    facility_id: str | None = None,
    now: dt.datetime | None = None,
) -> Register:
    """The residents of a night, by bed, and the month's bed nights per centre."""
    campaign = _campaign(store)
    facilities = rq.facilities(store.db, campaign)
    if not facilities:
        raise InvalidInput(N_("This campaign has no shelter."))
    chosen = next((f for f in facilities if f.id == facility_id), facilities[0])
    if facility_id is not None and chosen.id != facility_id:
        raise InvalidInput(N_("No such shelter in this campaign."))
    lines = []
    for row in rq.night_residents(store.db, chosen.id, night.isoformat()):
        arrived = date.fromisoformat(row.entry_at[:10])
        lines.append(RegisterLine(row.bed, row.name, row.code, arrived, (night - arrived).days + 1))
    month_start = night.replace(day=1)
    month_end = (month_start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    month = [
        CentreLine(
            f.name_ar,
            f.name_fr,
            int(indicators.persons_sheltered(store, month_start, month_end, f.id)),
            int(indicators.bed_nights(store, month_start, month_end, f.id)),
            float(indicators.occupancy_rate(store, month_start, month_end, f.id)),
        )
        for f in facilities
    ]
    return Register(
        footer=footer_of(store, now),
        centre_ar=chosen.name_ar,
        centre_fr=chosen.name_fr,
        night=night,
        capacity=chosen.capacity_beds,
        residents=lines,
        month_start=month_start,
        month_bed_nights=month,
    )


def write_register(
    store: LocalStore,
    path: Path,
    *,
    night: date,
    facility_id: str | None = None,
    langs: Sequence[str] = ("fr",),
    now: dt.datetime | None = None,
) -> int:
    data = register_data(store, night=night, facility_id=facility_id, now=now)
    audit(store, action="export", detail={"report": "register", "file": path.name})
    return render_register(data, path, langs)


# --- beneficiary cards --------------------------------------------------------------------


def _card_names(row: rq.CardRow) -> tuple[str, str]:
    """(Arabic, Latin) names for a card, each falling back on the other, then on the
    name the person goes by, then on the code."""
    fallback = row.known_as or row.code
    return row.name_ar or row.name_latn or fallback, row.name_latn or row.name_ar or fallback


@requires(Permission.EXPORT_PERSONAL)
def cards_data(
    store: LocalStore,
    *,
    douar: str | None = None,
    person_ids: Sequence[str] = (),
    issued_on: date | None = None,
    now: dt.datetime | None = None,
) -> CardSheet:
    """Cards for every household of a douar, or for the persons listed (in that order)."""
    campaign = _campaign(store)
    if (douar is None) == (not person_ids):
        raise InvalidInput(N_("Choose a douar or some persons, not both."))
    geo = GeoRepository(store.db)
    cache: dict[str, Place | None] = {}
    cards: list[Card] = []

    def place_names(code: str | None) -> tuple[str, str]:
        place = _place(geo, cache, code) if code else None
        return (place.name_ar, place.name_fr or place.name_ar) if place else ("", "")

    if douar is not None:
        if _place(geo, cache, douar) is None:
            raise InvalidInput(N_("No place with code {code}."), code=douar)
        for row in rq.card_households(store.db, campaign, douar):
            name_ar, name_fr = _card_names(row)
            place_ar, place_fr = place_names(row.geo_code)
            cards.append(
                Card(row.code, "household", name_ar, name_fr, place_ar, place_fr, size=row.size)
            )
        if not cards:
            raise InvalidInput(N_("No household registered in douar {code}."), code=douar)
    else:
        found = rq.card_persons(store.db, list(person_ids))
        for person_id in person_ids:
            person = found.get(person_id)
            if person is None:
                raise InvalidInput(N_("No person {person}."), person=person_id)
            name_ar, name_fr = _card_names(person)
            place_ar, place_fr = place_names(person.geo_code)
            cards.append(
                Card(
                    person.code,
                    "person",
                    name_ar,
                    name_fr,
                    place_ar,
                    place_fr,
                    birth_year=person.birth_year,
                )
            )
    footer = footer_of(store, now)
    return CardSheet(footer=footer, issued_on=issued_on or footer.produced_at.date(), cards=cards)


def write_cards(
    store: LocalStore,
    path: Path,
    *,
    douar: str | None = None,
    person_ids: Sequence[str] = (),
    issued_on: date | None = None,
    langs: Sequence[str] = ("fr", "ar"),
    now: dt.datetime | None = None,
) -> int:
    """Write the sheets of beneficiary cards; returns the page count."""
    data = cards_data(store, douar=douar, person_ids=person_ids, issued_on=issued_on, now=now)
    audit(store, action="export", detail={"report": "cards", "file": path.name})
    return render_cards(data, path, langs)


# --- case summary for a referral ----------------------------------------------------------

HEALTH_CONSENT = "health_data"
FAMILY_CONSENT = "family_contact"
NO_HEALTH_CONSENT = N_("no health-data consent")
ROLE_MAY_NOT_READ = N_("the reader's role may not read them")
CASE_TEAM_ONLY = N_("not shared outside the case team")


def _day(text: str | None) -> date | None:
    return None if not text else date.fromisoformat(text[:10])


@requires(Permission.EXPORT_PERSONAL)
def case_report_data(
    store: LocalStore,
    *,
    referral_id: str,
    role: Role | str | None = None,
    now: dt.datetime | None = None,
) -> CaseReport:
    """What may go to the partner with a referral, and what is withheld and why.

    Refused without a standing consent to referral sharing. Health notes and the
    assessment's health details need a standing health-data consent and a reader
    allowed to read them; caseworker-only notes never leave the case team; the
    family contact needs the family-contact consent. `role` is the reader's (by
    default the logged-in user's).
    """
    _campaign(store)
    reader = role or store.user.role
    repo = CaseRepo(store.db, store.campaign_id)
    referral = repo.referral(referral_id)
    if referral is None:
        raise InvalidInput(N_("No referral {referral}."), referral=referral_id)
    case = repo.case(referral.case_id)
    if case is None:
        raise InvalidInput(N_("No case file {case}."), case=referral.case_id)
    subject = case.person_id
    household_code, household_place = "", None
    if case.household_id is not None:
        household = repo.household(case.household_id)
        subject = subject or (household[1] if household else None)
        household_code, household_place = rq.household_code_and_place(store.db, case.household_id)
    consent_id = None if subject is None else repo.live_consent(subject, REFERRAL_CONSENT_PURPOSE)
    if subject is None or consent_id is None:
        raise RuleViolation(
            N_(
                "No standing consent to share this person's details with a partner: "
                "the case summary cannot be printed."
            ),
            referral=referral_id,
        )
    consent_on = rq.consent_given_on(store.db, consent_id)
    health_ok = repo.live_consent(subject, HEALTH_CONSENT) is not None
    family_ok = repo.live_consent(subject, FAMILY_CONSENT) is not None
    identity = rq.person_identity(store.db, subject)
    if identity is None:
        raise InvalidInput(N_("No person {person}."), person=subject)
    geo = GeoRepository(store.db)
    cache: dict[str, Place | None] = {}
    place = _place(geo, cache, household_place or identity.geo_code or "")
    names = rq.organisation_names(store.db)

    def line(r: Referral) -> ReferralLine:
        to = names.get(r.to_org_id or r.to_facility_id or "", ("", ""))
        return ReferralLine(
            r.service_type,
            to[0] or to[1],
            to[1] or to[0],
            date.fromisoformat(r.sent_on[:10]),
            r.status,
            _day(r.feedback_on),
            r.outcome or "",
        )

    withheld: list[Withheld] = []
    notes: list[NoteLine] = []
    hidden: dict[tuple[str, str], int] = defaultdict(int)
    for note in repo.notes(case.id):
        visibility = note.visibility
        if visibility == NoteVisibility.CASEWORKER_ONLY:
            hidden[(N_("caseworker-only notes"), CASE_TEAM_ONLY)] += 1
        elif visibility == NoteVisibility.HEALTH_ONLY and not health_ok:
            hidden[(N_("health notes"), NO_HEALTH_CONSENT)] += 1
        elif not can_read(visibility, reader):
            what = N_("health notes") if visibility == NoteVisibility.HEALTH_ONLY else N_("notes")
            hidden[(what, ROLE_MAY_NOT_READ)] += 1
        else:
            notes.append(NoteLine(date.fromisoformat(note.written_at[:10]), visibility, note.text))
    withheld += [Withheld(what, why, n) for (what, why), n in hidden.items()]
    assessment = rq.latest_assessment(store.db, case.id)
    health_detail = None
    if assessment is not None and assessment.restricted_detail:
        if not health_ok:
            withheld.append(Withheld(N_("health details of the assessment"), NO_HEALTH_CONSENT))
        elif not can_read(NoteVisibility.HEALTH_ONLY, reader):
            withheld.append(Withheld(N_("health details of the assessment"), ROLE_MAY_NOT_READ))
        else:
            health_detail = assessment.restricted_detail
    contacts = rq.family_contacts(store.db, case.id)
    family: list[FamilyContact] = []
    if contacts and not family_ok:
        withheld.append(
            Withheld(N_("family contact"), N_("no family-contact consent"), len(contacts))
        )
    elif contacts and not may_see(reader, SensitiveField.FAMILY_CONTACT):
        withheld.append(Withheld(N_("family contact"), ROLE_MAY_NOT_READ, len(contacts)))
    elif contacts:
        family = [FamilyContact(c.name, c.relation, c.phone, c.place) for c in contacts]
    shown = {
        SensitiveField.HEALTH.value: health_detail is not None
        or any(n.visibility == NoteVisibility.HEALTH_ONLY for n in notes),
        SensitiveField.FAMILY_CONTACT.value: bool(family),
    }
    if any(shown.values()):
        audit(
            store,
            action="view_sensitive",
            table="referral",
            record_id=referral_id,
            detail={"fields": sorted(k for k, v in shown.items() if v)},
        )
    return CaseReport(
        footer=footer_of(store, now),
        referral=line(referral),
        consent_on=date.fromisoformat(consent_on[:10]),
        household=case.household_id is not None,
        code=household_code or identity.code,
        name_ar=identity.name_ar,
        name_fr=identity.name_latn,
        known_as=identity.known_as,
        sex=identity.sex if identity.sex in ("m", "f") else "",
        birth_year=identity.birth_year,
        phone=identity.phone,
        place_ar=place.name_ar if place else "",
        place_fr=(place.name_fr or place.name_ar) if place else "",
        opened_on=date.fromisoformat(case.opened_at[:10]),
        status=case.status,
        priority=case.priority,
        needs=[] if assessment is None else [str(n) for n in json.loads(assessment.needs)],
        assessed_on=None if assessment is None else _day(assessment.assessed_on),
        assessment="" if assessment is None else assessment.summary,
        health_detail=health_detail,
        referrals=[line(r) for r in repo.referrals_of(case.id)],
        notes=notes,
        family=family,
        withheld=withheld,
    )


def write_case_summary(
    store: LocalStore,
    path: Path,
    *,
    referral_id: str,
    role: Role | str | None = None,
    langs: Sequence[str] = ("fr",),
    now: dt.datetime | None = None,
) -> int:
    """Write the case summary of a referral; returns the page count."""
    data = case_report_data(store, referral_id=referral_id, role=role, now=now)
    audit(store, action="export", detail={"report": "case_summary", "file": path.name})
    return render_case_summary(data, path, langs)
