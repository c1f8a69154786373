"""A person's access and rectification rights: only an administrator exports a
person's data; a correction goes through the record writer (it syncs) and the CIN
is stored masked and hashed, never in clear."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coldwave_app.domain.errors import InvalidInput
from coldwave_app.domain.roles import PermissionDenied
from coldwave_app.services.campaign_setup import create_campaign
from coldwave_app.services.subject_access import correct_person, export_person
from coldwave_app.storage.keystore import KdfParams
from coldwave_app.storage.local_store import LocalStore, unlock


@pytest.fixture
def person_store(store: LocalStore) -> tuple[LocalStore, str]:
    create_campaign(store, name="Hiver", province_code="05.301", period_start=date(2025, 11, 17))
    row = store.writer().insert(
        "person",
        {
            "given_name_latn": "Itto",
            "name_quality": "full",
            "sex": "f",
            "dob_quality": "unknown",
            "beneficiary_code": "P-0009",
        },
    )
    return store, str(row["id"])


def test_a_social_worker_cannot_export_a_persons_data(
    person_store: tuple[LocalStore, str], data_dir: Path
) -> None:
    store, person_id = person_store
    store.add_user(
        username="samira", password="social worker pass 1", role="social_worker",
        kdf=KdfParams.for_tests(),
    )  # fmt: skip
    worker = unlock(data_dir, username="samira", password="social worker pass 1")
    try:
        with pytest.raises(PermissionDenied):
            export_person(worker, person_id=person_id)
    finally:
        worker.close()


def test_the_export_holds_the_record_and_the_audit_of_its_views(
    person_store: tuple[LocalStore, str],
) -> None:
    store, person_id = person_store
    first = export_person(store, person_id=person_id)
    assert first["person"]["given_name_latn"] == "Itto"
    second = export_person(store, person_id=person_id)
    assert [e["action"] for e in second["audit"]] == ["subject_access_export"]


def test_a_cin_correction_is_stored_masked_and_hashed(person_store: tuple[LocalStore, str]) -> None:
    store, person_id = person_store
    outbox = store.db.execute("SELECT count(*) FROM outbox").fetchone()[0]
    correct_person(store, person_id=person_id, field="cin", value="ab 123456")
    masked, hashed, quality = store.db.execute(
        "SELECT cin_masked, cin_hash, cin_quality FROM person WHERE id = ?", [person_id]
    ).fetchone()
    assert masked == "AB****56" and hashed and "123456" not in hashed and quality == "full"
    assert store.db.execute("SELECT count(*) FROM outbox").fetchone()[0] > outbox


@pytest.mark.parametrize(
    ("field", "value"), [("sex", "x"), ("birth_year", "1850"), ("beneficiary_code", "P-1")]
)
def test_bad_corrections_are_refused(
    person_store: tuple[LocalStore, str], field: str, value: str
) -> None:
    store, person_id = person_store
    with pytest.raises(InvalidInput):
        correct_person(store, person_id=person_id, field=field, value=value)
