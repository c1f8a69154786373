"""Referrals of a case to partners, and their status as the partner answers.

Sharing with a partner needs the person's standing consent to referral sharing (law
09-08), and the consent it relied on is kept on the referral. The consent check and
the referral run in one transaction, so a sync applied in between cannot slip a
withdrawal of consent between them. Referrals are entities changed field by field.
"""

from __future__ import annotations

from datetime import date

from coldwave_app.domain.case_rules import ReferralStatus, referral_transition_allowed
from coldwave_app.domain.errors import N_, InvalidInput, RuleViolation
from coldwave_app.domain.roles import Permission
from coldwave_app.services.access import requires
from coldwave_app.services.case_common import _code, _open, _repo
from coldwave_app.storage.case_repo import Referral
from coldwave_app.storage.local_store import LocalStore

REFERRAL_CONSENT_PURPOSE = "referral_sharing"


@requires(Permission.MANAGE_CASES)
def refer(
    store: LocalStore,
    *,
    case_id: str,
    service_type: str,
    sent_on: date,
    to_org_id: str | None = None,
    to_facility_id: str | None = None,
    from_org_id: str | None = None,
) -> str:
    """Refer the case to a partner organisation or facility.

    Refused unless the person (for a household, its head) has a standing consent
    to referral sharing; the referral keeps the id of that consent.
    """
    if to_org_id is None and to_facility_id is None:
        raise InvalidInput(N_("A referral goes to an organisation or a facility."))
    service = service_type.strip()
    if not service:
        raise InvalidInput(N_("Say which service the referral is for."))
    repo = _repo(store)
    with store.db.atomic():
        case = _open(repo, case_id)
        for org in (to_org_id, from_org_id):
            if org is not None and not repo.organisation_exists(org):
                raise InvalidInput(N_("No organisation {org}."), org=org)
        if to_facility_id is not None and not repo.facility_exists(to_facility_id):
            raise InvalidInput(N_("No facility {facility}."), facility=to_facility_id)
        subject = case.person_id
        if subject is None and case.household_id is not None:
            household = repo.household(case.household_id)
            subject = None if household is None else household[1]
        if subject is None:
            raise RuleViolation(
                N_("The household has no head recorded whose consent would cover a referral.")
            )
        consent_id = repo.live_consent(subject, REFERRAL_CONSENT_PURPOSE)
        if consent_id is None:
            raise RuleViolation(
                N_(
                    "No consent to share this person's details with a partner: "
                    "record their consent before referring."
                ),
                person=subject,
            )
        row = store.writer().insert(
            "referral",
            {
                "case_id": case_id,
                "from_org_id": from_org_id,
                "to_org_id": to_org_id,
                "to_facility_id": to_facility_id,
                "service_type": service,
                "sent_on": sent_on.isoformat(),
                "consent_id": consent_id,
                "status": ReferralStatus.SENT.value,
            },
        )
    return str(row["id"])


@requires(Permission.MANAGE_CASES)
def update_referral_status(
    store: LocalStore,
    *,
    referral_id: str,
    status: ReferralStatus | str,
    feedback_on: date,
    outcome: str | None = None,
) -> None:
    """Record the partner's answer (or its absence) on the date it came."""
    new = _code(ReferralStatus, status)
    repo = _repo(store)
    with store.db.atomic():
        referral = repo.referral(referral_id)
        if referral is None:
            raise InvalidInput(N_("No referral {referral}."), referral=referral_id)
        current = _code(ReferralStatus, referral.status)
        if not referral_transition_allowed(current, new):
            raise RuleViolation(
                N_("The referral's current status does not allow this change."),
                current=current.value,
                new=new.value,
            )
        if feedback_on < date.fromisoformat(referral.sent_on):
            raise InvalidInput(N_("The answer cannot come before the referral was sent."))
        changes: dict[str, str] = {"status": new.value, "feedback_on": feedback_on.isoformat()}
        if (outcome or "").strip():
            changes["outcome"] = (outcome or "").strip()
        store.writer().update("referral", referral_id, changes)


def referrals_of(store: LocalStore, *, case_id: str) -> list[Referral]:
    return _repo(store).referrals_of(case_id)
