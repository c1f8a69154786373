"""The consent gate: uses of personal data that law 09-08 ties to a specific consent.

Four uses need the person's standing consent for the matching purpose
(domain.people_rules.CONSENT_PURPOSES):

- sharing a case with a partner (referral)         -> "referral_sharing"
- taking or storing a photo of the person          -> "photo"
- contacting the family (contact details, mediation) -> "family_contact"
- recording health data (health observations)       -> "health_data"

`require_consent` is called by the service that makes the use, inside its
transaction and before it writes anything, so a refusal stores nothing. A consent
stands when the latest record for the purpose is a "yes" that was not withdrawn;
withdrawing it (services.people.withdraw_consent, audited there) stops every later
use. There is no photo field yet: whatever stores one must call
`require_consent(store, person_id=..., purpose=PHOTO)` first.

Refusing a consent never denies a meal, a bed or a blanket: the gate guards only
these four uses, never a service.
"""

from __future__ import annotations

from coldwave_app.domain.errors import N_, InvalidInput, RuleViolation
from coldwave_app.domain.people_rules import CONSENT_PURPOSES
from coldwave_app.storage import consent_queries as q
from coldwave_app.storage.local_store import LocalStore

REFERRAL_SHARING = "referral_sharing"
PHOTO = "photo"
FAMILY_CONTACT = "family_contact"
HEALTH_DATA = "health_data"

_REFUSALS = {
    REFERRAL_SHARING: N_(
        "No consent to share this person's details with a partner: "
        "record their consent before referring."
    ),
    PHOTO: N_("No consent to take or keep a photo of this person: record their consent first."),
    FAMILY_CONTACT: N_(
        "No consent to contact this person's family: record their consent to family contact first."
    ),
    HEALTH_DATA: N_(
        "No consent to record this person's health data: record their consent to health data first."
    ),
}


class ConsentMissing(RuleViolation):
    """The person has no standing consent for the purpose: nothing was stored."""


def require_consent(store: LocalStore, *, person_id: str, purpose: str) -> str:
    """The id of the standing consent of `person_id` for `purpose`; ConsentMissing if none."""
    if purpose not in CONSENT_PURPOSES:
        raise InvalidInput(N_("Unknown consent purpose: {value}."), value=purpose)
    consent_id = q.standing_consent(store.db, person_id, purpose)
    if consent_id is None:
        raise ConsentMissing(_REFUSALS[purpose], person=person_id)
    return consent_id


def require_case_consent(store: LocalStore, *, case_id: str, purpose: str) -> str:
    """`require_consent` for the person a case is about (a household case: its head)."""
    subject = q.case_subject(store.db, case_id)
    if subject is None:
        raise ConsentMissing(
            N_("The case names no person whose consent would cover this."), case=case_id
        )
    return require_consent(store, person_id=subject, purpose=purpose)


def require_reintegration_consent(store: LocalStore, *, reintegration_id: str) -> str:
    """Family-contact consent of the person a family reintegration is about."""
    case_id = q.reintegration_case(store.db, reintegration_id)
    if case_id is None:
        raise InvalidInput(
            N_("No family reintegration {reintegration}."), reintegration=reintegration_id
        )
    return require_case_consent(store, case_id=case_id, purpose=FAMILY_CONTACT)
