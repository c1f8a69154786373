"""Case work of the demo: files opened for residents of the centre and for douar
households at the social window, assessments, consented referrals answered (or not)
by the partners, follow-ups, notes, and the returns to the family with their 30-
and 90-day checks."""

from __future__ import annotations

from datetime import date, timedelta

from coldwave_app.services.cases import (
    add_note,
    close_case,
    open_case,
    record_assessment,
    record_follow_up,
    record_mediation_step,
    record_reintegration_check,
    record_return,
    refer,
    start_reintegration,
    update_referral_status,
)
from coldwave_app.services.demo_tracks.context import SEASON_END, Demo, StayInfo, at
from coldwave_app.services.people import record_consent

WINDOW = "Guichet social – annexe administrative de Khénifra"
PARTNER_FOR = {
    "health": "hospital",
    "disability": "hospital",
    "documents": "civil_registry",
    "income": "anapec",
    "shelter": "eps",
    "family_conflict": "association",
    "violence": "association",
    "food": "entraide",
}
# The answers partners give, in turn: each path is the statuses a referral goes through.
ANSWERS = [
    ["accepted"],
    ["accepted", "completed"],
    ["refused"],
    ["no_answer"],
    [],
    ["no_answer", "accepted"],
]
NOTES = [
    ("team", "Calme, participe aux repas ; souhaite reprendre contact avec sa famille."),
    ("caseworker_only", "Conflit ancien avec le frère aîné ; ne pas appeler le domicile."),
    ("health_only", "Toux persistante, orienté vers le centre de santé pour dépistage."),
    ("team", "A besoin d'aide pour refaire sa CNIE perdue."),
]


def _refer(demo: Demo, case_id: str, needs: list[str], sent_on: date) -> None:
    partners = sorted({PARTNER_FOR[n] for n in needs if n in PARTNER_FOR})[:2]
    for key in partners:
        referral = refer(
            demo.store,
            case_id=case_id,
            service_type=key,
            sent_on=sent_on,
            to_org_id=demo.partners[key],
        )
        path = ANSWERS[demo.counts["referrals"] % len(ANSWERS)]
        for n, status in enumerate(path):
            update_referral_status(
                demo.store,
                referral_id=referral,
                status=status,
                feedback_on=min(sent_on + timedelta(4 + 9 * n), SEASON_END),
                outcome="Pris en charge" if status == "completed" else None,
            )
        demo.counts["referrals"] += 1


def _file(
    demo: Demo,
    *,
    opened: date,
    until: date,
    person_id: str | None = None,
    household: tuple[str, str] | None = None,
) -> str:
    """Open, assess, refer with consent, follow up and annotate one case file."""
    store, rng = demo.store, demo.rng
    subject = person_id or (household[1] if household else "")
    case_id = open_case(
        store,
        opened_at=at(opened, 10),
        person_id=person_id,
        household_id=household[0] if household else None,
        facility_id=demo.facility_id if person_id else None,
        window_name=None if person_id else WINDOW,
    )
    needs = rng.sample(sorted(PARTNER_FOR), rng.randint(1, 3))
    record_assessment(
        store,
        case_id=case_id,
        assessed_on=opened,
        needs=needs,
        priority=rng.choice(["high", "medium", "medium", "low"]),
        summary="Entretien d'écoute : situation et besoins exprimés.",
        restricted_detail="Antécédents médicaux signalés." if "health" in needs else None,
    )
    given = rng.random() < 0.85
    record_consent(
        store,
        person_id=subject,
        purpose="referral_sharing",
        method=rng.choice(["verbal_witnessed", "signed", "thumbprint"]),
        given=given,
        language="ary",
        witness="Meryem Idrissi (assistante sociale)",
        given_on=opened,
    )
    if given:
        _refer(demo, case_id, needs, opened + timedelta(1))
    day = opened + timedelta(7)
    while day < until and day <= SEASON_END:
        record_follow_up(
            store,
            case_id=case_id,
            occurred_on=day,
            mode=rng.choice(["at_centre", "phone", "home_visit"]),
            outcome="Démarches en cours",
            next_date=day + timedelta(14),
        )
        demo.counts["follow_ups"] += 1
        day += timedelta(14)
    for visibility, text in rng.sample(NOTES, rng.randint(1, 2)):
        add_note(
            store, case_id=case_id, visibility=visibility, text=text, written_at=at(opened, 16)
        )
    demo.counts["cases"] += 1
    return case_id


def _reintegration(demo: Demo, stay: StayInfo) -> None:
    """A resident who went back to the family on the day the stay ended."""
    store, rng = demo.store, demo.rng
    assert stay.exit is not None
    case_id = _file(
        demo, person_id=stay.person_id, opened=stay.entry + timedelta(1), until=stay.exit
    )
    # Contacting the family needs the resident's consent (services.consent_gate).
    record_consent(
        store,
        person_id=stay.person_id,
        purpose="family_contact",
        method="signed",
        language="ary",
        given_on=stay.entry + timedelta(1),
    )
    reintegration = start_reintegration(
        store,
        case_id=case_id,
        contact_name=f"{rng.choice(['Hadda', 'Itto', 'Hammou', 'Driss'])} (famille)",
        contact_relation=rng.choice(["mère", "frère", "sœur", "oncle"]),
        contact_phone=f"06 {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} 00",
        contact_place=rng.choice(demo.targets)[0].name_fr,
    )
    steps = [
        (stay.entry + timedelta(2), "first_contact"),
        (stay.entry + timedelta(4), "family_visit"),
        (stay.exit - timedelta(2), "joint_meeting"),
        (stay.exit - timedelta(1), "agreement"),
    ]
    for day, step in steps:
        record_mediation_step(store, reintegration_id=reintegration, occurred_on=day, step=step)
    check_30, check_90 = record_return(
        store,
        reintegration_id=reintegration,
        returned_on=stay.exit,
        items_given="Kit Grand Froid, deux couvertures, vêtements chauds",
    )
    done = 0
    for kind, due in (("check_30", check_30), ("check_90", check_90)):
        if due > SEASON_END:
            continue
        record_reintegration_check(
            store,
            reintegration_id=reintegration,
            check=kind,
            occurred_on=due + timedelta(rng.randint(0, 3)),
            mode=rng.choice(["home_visit", "phone"]),
            outcome="Toujours dans sa famille, relations apaisées",
        )
        done += 1
        demo.counts["reintegration_checks"] += 1
    if done == 2:
        close_case(store, case_id=case_id, closed_at=check_90 + timedelta(4), reason="reintegrated")
    demo.counts["reintegrations"] += 1


def run_cases(demo: Demo, *, total: int = 30) -> None:
    rng = demo.rng
    returns = [s for s in demo.stays if s.destination == "family_reintegration"]
    for stay in returns:
        _reintegration(demo, stay)
    taken = {s.person_id for s in returns}
    long_stays = []
    for stay in sorted(demo.stays, key=lambda s: s.entry):  # stable: ids are random
        nights = ((stay.exit or SEASON_END) - stay.entry).days
        if nights >= 6 and stay.person_id not in taken:
            long_stays.append(stay)
            taken.add(stay.person_id)
    homes = rng.sample(demo.households, 5)
    for stay in rng.sample(long_stays, min(len(long_stays), total - len(returns) - len(homes))):
        until = stay.exit or SEASON_END
        case_id = _file(
            demo, person_id=stay.person_id, opened=stay.entry + timedelta(1), until=until
        )
        if stay.destination == "left_without_notice" and until + timedelta(14) <= SEASON_END:
            close_case(
                demo.store, case_id=case_id, closed_at=until + timedelta(14), reason="lost_contact"
            )
    for n, household in enumerate(homes):
        opened = date(2025, 12, 8) + timedelta(9 * n)
        _file(demo, household=(household.id, household.head_id), opened=opened, until=SEASON_END)
