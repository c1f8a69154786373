"""The case summary sent with a referral: only what consent and the reader's role allow."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from coldwave_app.domain.case_rules import NoteVisibility, can_read
from coldwave_app.domain.errors import N_, InvalidInput, RuleViolation
from coldwave_app.domain.roles import Permission, SensitiveField, may_see
from coldwave_app.domain.vocabulary import Role
from coldwave_app.reports.case_summary import render_case_summary
from coldwave_app.reports.models import (
    CaseReport,
    FamilyContact,
    NoteLine,
    ReferralLine,
    Withheld,
)
from coldwave_app.services.access import audit, requires
from coldwave_app.services.cases import REFERRAL_CONSENT_PURPOSE
from coldwave_app.services.report_common import campaign_of, footer_of, place_of
from coldwave_app.storage import report_queries as rq
from coldwave_app.storage.case_repo import CaseRepo, Referral
from coldwave_app.storage.geography import GeoRepository, Place
from coldwave_app.storage.local_store import LocalStore

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
    campaign_of(store)
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
    place = place_of(geo, cache, household_place or identity.geo_code or "")
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
