"""Each role's view of each sensitive field: the service read, the CLI, a report's data
and an export. One world (a person with a CIN, a health observation, a family contact
and restricted case notes) is built once; each test logs in as one role."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pytest
from helpers.cli import run_coldwave
from helpers.stores import ADMIN, PASSWORD

from coldwave_app.domain.roles import PermissionDenied
from coldwave_app.domain.vocabulary import Role
from coldwave_app.services.campaign_setup import create_campaign
from coldwave_app.services.cases import (
    add_note,
    notes_for,
    open_case,
    record_assessment,
    refer,
    start_reintegration,
)
from coldwave_app.services.export_data import export_table
from coldwave_app.services.people import record_consent, register_person
from coldwave_app.services.person_record import person_record, record_health_observation
from coldwave_app.services.report_data import case_report_data
from coldwave_app.services.users import add_user
from coldwave_app.storage.keystore import KdfParams
from coldwave_app.storage.local_store import LocalStore, unlock

CIN_MASKED_PART = "56"  # the masked CIN keeps its last digits
HEALTH_TEXT = "toux persistante SANTE-7"
HEALTH_DETAIL = "suivi psychiatrique DETAIL-7"
HEALTH_NOTE = "traitement en cours NOTE-SANTE-7"
CASEWORKER_NOTE = "conflit avec le frère NOTE-AS-7"
FAMILY_PHONE = "0661234567"

# The table under test, written out rather than derived from domain.roles so that a
# change of the rules shows here as a deliberate edit.
#             role:             (cin,  health, caseworker notes, family contact)
EXPECTED = {
    Role.ADMIN: (True, True, True, True),
    Role.CAMPAIGN_LEAD: (False, False, False, False),
    Role.SHELTER_STAFF: (True, False, False, False),
    Role.OUTREACH_WORKER: (True, False, False, False),
    Role.SOCIAL_WORKER: (True, False, True, True),
    Role.HEALTH_WORKER: (False, True, False, False),
    Role.VIEWER: (False, False, False, False),
}
# Roles that may print lists of named people (the case summary among them).
PERSONAL_EXPORTERS = set(Role) - {Role.VIEWER}


@dataclass(frozen=True)
class World:
    data_dir: Path
    person_id: str
    case_id: str
    referral_id: str
    cin_masked: str


def password_of(role: Role) -> str:
    return f"{role.value} password 2026"


@pytest.fixture(scope="module")
def world(template_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> World:
    path = tmp_path_factory.mktemp("roles") / "data"
    shutil.copytree(template_dir, path)
    store = unlock(path, username=ADMIN, password=PASSWORD)
    try:
        create_campaign(
            store, name="Hiver", province_code="05.301", period_start=date(2025, 11, 17)
        )
        person = register_person(
            store, sex="m", given_name_latn="Said", family_name_latn="Ait Ali", cin="BK123456"
        )
        for purpose in ("referral_sharing", "health_data", "family_contact"):
            record_consent(store, person_id=person.id, purpose=purpose, method="signed")
        record_health_observation(
            store, person_id=person.id, observed_on=date(2026, 1, 5), category="resp",
            text=HEALTH_TEXT,
        )  # fmt: skip
        case_id = open_case(
            store, opened_at=datetime(2026, 1, 5, 9), person_id=person.id, window_name="Guichet"
        )
        record_assessment(
            store, case_id=case_id, assessed_on=date(2026, 1, 5), needs=["shelter"],
            priority="high", summary="Sans abri depuis l'automne", restricted_detail=HEALTH_DETAIL,
        )  # fmt: skip
        add_note(store, case_id=case_id, visibility="team", text="Vu au guichet.")
        add_note(store, case_id=case_id, visibility="health_only", text=HEALTH_NOTE)
        add_note(store, case_id=case_id, visibility="caseworker_only", text=CASEWORKER_NOTE)
        start_reintegration(
            store, case_id=case_id, contact_name="Fatima", contact_relation="soeur",
            contact_phone=FAMILY_PHONE, contact_place="Khénifra",
        )  # fmt: skip
        org = store.writer().insert("organisation", {"name_fr": "Hôpital", "kind": "hospital"})
        referral_id = refer(
            store, case_id=case_id, service_type="health", sent_on=date(2026, 1, 6),
            to_org_id=str(org["id"]),
        )  # fmt: skip
        for role in Role:
            if role is not Role.ADMIN:
                add_user(
                    store, username=role.value, password=password_of(role), role=role.value,
                    kdf=KdfParams.for_tests(),
                )  # fmt: skip
        assert person.cin_masked
        return World(path, person.id, case_id, referral_id, person.cin_masked)
    finally:
        store.close()


@pytest.fixture
def login(world: World) -> Iterator[object]:
    opened: list[LocalStore] = []

    def as_role(role: Role) -> LocalStore:
        username = ADMIN if role is Role.ADMIN else role.value
        password = PASSWORD if role is Role.ADMIN else password_of(role)
        opened.append(unlock(world.data_dir, username=username, password=password))
        return opened[-1]

    yield as_role
    for store in opened:
        store.close()


def views_logged(store: LocalStore) -> int:
    row = store.db.execute(
        "SELECT count(*) FROM audit_entry WHERE action = 'view_sensitive' AND actor_id = ?",
        [store.user.id],
    ).fetchone()
    return int(row[0])


@pytest.mark.parametrize("role", list(Role))
def test_person_record_shows_each_sensitive_field_only_to_its_readers(
    role: Role, world: World, login
) -> None:  # type: ignore[no-untyped-def]
    cin, health, _notes, family = EXPECTED[role]
    store = login(role)
    before = views_logged(store)
    record = person_record(store, person_id=world.person_id)
    assert (record.cin_masked == world.cin_masked) is cin
    assert (record.health is not None and record.health[0].text == HEALTH_TEXT) is health
    shown = record.family_contacts is not None and record.family_contacts[0].phone == FAMILY_PHONE
    assert shown is family
    assert record.cin_masked is None or cin  # never a value to a role that may not see it
    # Every field shown was logged; nothing is logged for a role that saw nothing.
    assert views_logged(store) - before == sum((cin, health, family))


@pytest.mark.parametrize("role", list(Role))
def test_case_notes_show_restricted_notes_only_to_their_readers(
    role: Role, world: World, login
) -> None:  # type: ignore[no-untyped-def]
    _cin, health, caseworker, _family = EXPECTED[role]
    store = login(role)
    texts = {n.text for n in notes_for(store, case_id=world.case_id, role=store.user.role).notes}
    assert (CASEWORKER_NOTE in texts) is caseworker
    assert (HEALTH_NOTE in texts) is health


@pytest.mark.parametrize("role", list(Role))
def test_case_summary_data_follows_the_role(role: Role, world: World, login) -> None:  # type: ignore[no-untyped-def]
    _cin, health, _caseworker, family = EXPECTED[role]
    store = login(role)
    if role not in PERSONAL_EXPORTERS:
        with pytest.raises(PermissionDenied):
            case_report_data(store, referral_id=world.referral_id)
        return
    data = case_report_data(store, referral_id=world.referral_id)
    assert (data.health_detail == HEALTH_DETAIL) is health
    assert any(n.text == HEALTH_NOTE for n in data.notes) is health
    assert all(n.text != CASEWORKER_NOTE for n in data.notes)  # never leaves the case team
    assert any(c.phone == FAMILY_PHONE for c in data.family) is family
    assert not family or data.family  # consent is there: only the role decides
    if not family:
        assert any(w.what == "family contact" for w in data.withheld)


@pytest.mark.parametrize("role", list(Role))
def test_aggregate_export_carries_no_sensitive_field(
    role: Role, world: World, login, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    store = login(role)
    out = tmp_path / "3w.csv"
    export_table(
        store, table="3w", fmt="csv", out=out, start=date(2026, 1, 1), end=date(2026, 1, 31),
        threshold=1,
    )  # fmt: skip
    text = out.read_text("utf-8")
    for secret in (world.cin_masked, HEALTH_TEXT, HEALTH_DETAIL, CASEWORKER_NOTE, FAMILY_PHONE):
        assert secret not in text
    exports = store.db.execute(
        "SELECT count(*) FROM audit_entry WHERE action = 'export' AND actor_id = ?",
        [store.user.id],
    ).fetchone()[0]
    assert exports >= 1


@pytest.mark.parametrize("role", list(Role))
def test_cli_person_show_prints_only_what_the_role_may_see(role: Role, world: World) -> None:
    cin, health, _caseworker, family = EXPECTED[role]
    username = ADMIN if role is Role.ADMIN else role.value
    password = PASSWORD if role is Role.ADMIN else password_of(role)
    done = run_coldwave(
        "person", "show", world.person_id, "--data-dir", str(world.data_dir),
        "--user", username, env={"COLDWAVE_PASSWORD": password},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert (world.cin_masked in done.stdout) is cin
    assert (HEALTH_TEXT in done.stdout) is health
    assert (FAMILY_PHONE in done.stdout) is family
    withheld_lines = done.stdout.count("(masqué pour votre rôle)") + done.stdout.count(
        "(withheld for your role)"
    )
    assert withheld_lines == 3 - sum((cin, health, family))


@pytest.mark.parametrize(
    ("role", "allowed"),
    [(Role.HEALTH_WORKER, True), (Role.SHELTER_STAFF, False), (Role.VIEWER, False)],
)
def test_recording_health_data_needs_the_health_permission(
    role: Role, allowed: bool, world: World, login
) -> None:  # type: ignore[no-untyped-def]
    store = login(role)
    record = {
        "person_id": world.person_id,
        "observed_on": date(2026, 1, 7),
        "category": "resp",
        "text": "contrôle",
    }
    if allowed:
        assert record_health_observation(store, **record)
    else:
        with pytest.raises(PermissionDenied):
            record_health_observation(store, **record)


def test_a_viewer_cannot_register_anyone(world: World, login) -> None:  # type: ignore[no-untyped-def]
    store = login(Role.VIEWER)
    with pytest.raises(PermissionDenied) as caught:
        register_person(store, sex="f", known_as="Itto")
    assert caught.value.params["role"] == "viewer"
