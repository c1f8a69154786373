"""One person's record as the logged-in user may see it, and recording health data.

The view carries the sensitive fields (CIN, health observations, family contacts)
only when the user's role may see them (domain.roles); otherwise the field is None
and the view says it was withheld. Every sensitive field shown is audited
(services.access.reveal). The CLI's `coldwave person show` prints this view.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.domain.roles import Permission, SensitiveField
from coldwave_app.services.access import require, reveal
from coldwave_app.services.consent_gate import HEALTH_DATA, require_consent
from coldwave_app.storage import person_record_queries as q
from coldwave_app.storage.local_store import LocalStore

MAX_HEALTH_TEXT = 2000


@dataclass(frozen=True)
class PersonRecord:
    id: str
    beneficiary_code: str
    name_ar: str
    name_latn: str
    sex: str
    birth_year: int | None
    # None when withheld from this role (see `withheld`), else the value (maybe empty).
    cin_masked: str | None
    health: list[q.HealthRow] | None
    family_contacts: list[q.ContactRow] | None
    withheld: tuple[SensitiveField, ...]


def person_record(store: LocalStore, *, person_id: str) -> PersonRecord:
    """The record of `person_id`, redacted for the logged-in user's role."""
    found = q.identity(store.db, person_id)
    if found is None:
        raise InvalidInput(N_("No person {person}."), person=person_id)
    withheld: list[SensitiveField] = []
    cin = reveal(
        store, SensitiveField.CIN, found.cin_masked or "", table="person", record_id=found.id
    )
    if cin is None:
        withheld.append(SensitiveField.CIN)
    health = reveal(
        store,
        SensitiveField.HEALTH,
        q.health_observations(store.db, person_id),
        table="health_observation",
        record_id=person_id,
    )
    if health is None:
        withheld.append(SensitiveField.HEALTH)
    contacts = reveal(
        store,
        SensitiveField.FAMILY_CONTACT,
        q.family_contacts(store.db, person_id),
        table="family_reintegration",
        record_id=person_id,
    )
    if contacts is None:
        withheld.append(SensitiveField.FAMILY_CONTACT)
    return PersonRecord(
        id=found.id,
        beneficiary_code=found.beneficiary_code,
        name_ar=found.name_ar,
        name_latn=found.name_latn,
        sex=found.sex,
        birth_year=found.birth_year,
        cin_masked=cin,
        health=health,
        family_contacts=contacts,
        withheld=tuple(withheld),
    )


def record_health_observation(
    store: LocalStore,
    *,
    person_id: str,
    observed_on: date,
    category: str,
    text: str | None = None,
    urgent: bool = False,
) -> str:
    """Record a health observation (health workers and admins only); returns its id."""
    require(store, Permission.RECORD_HEALTH)
    if not store.campaign_id:
        raise InvalidInput(N_("Choose or create a campaign first."))
    if not category.strip():
        raise InvalidInput(N_("Say what kind of health observation this is."))
    body = (text or "").strip()
    if len(body) > MAX_HEALTH_TEXT:
        raise InvalidInput(N_("A note is limited to {n} characters."), n=MAX_HEALTH_TEXT)
    if q.identity(store.db, person_id) is None:
        raise InvalidInput(N_("No person {person}."), person=person_id)
    require_consent(store, person_id=person_id, purpose=HEALTH_DATA)
    row = store.writer().insert(
        "health_observation",
        {
            "person_id": person_id,
            "observed_on": observed_on.isoformat(),
            "category": category.strip(),
            "text": body or None,
            "urgent": int(urgent),
        },
    )
    return str(row["id"])
