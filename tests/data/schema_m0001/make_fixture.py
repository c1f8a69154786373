"""Rebuild the schema-m0001 data directory beside this file (run from the repo root).

It applies only migration m0001 (copied to a scratch folder) and writes a campaign
and three people through RecordWriter, as the first release did. Password and user
are those of tests/helpers/stores.py; weak test KDF; one province, no geography.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from coldwave_app.domain.hlc import HybridClock
from coldwave_app.domain.ids import new_id
from coldwave_app.resource_files import migrations_dir
from coldwave_app.storage.database import open_database
from coldwave_app.storage.keystore import KdfParams, Keystore
from coldwave_app.storage.migrations import apply_pending
from coldwave_app.storage.record_writer import RecordWriter

ADMIN, PASSWORD = "amina", "correct horse battery"  # tests/helpers/stores.py
HERE = Path(__file__).parent
PEOPLE = [
    ("Itto", "Ouhammou", "f", 1961),
    ("Moha", "Oulhaj", "m", 1975),
    ("Yamna", "Ait", "f", 1990),
]


def main() -> None:
    target = HERE / "data"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir()
    key = Keystore.in_dir(target).create(
        username=ADMIN, password=PASSWORD, params=KdfParams.for_tests()
    )
    db = open_database(target / "coldwave.db", key, create=True, migrate=False)
    with tempfile.TemporaryDirectory() as scratch:
        shutil.copy(migrations_dir() / "m0001_core_schema.py", scratch)
        apply_pending(db, Path(scratch))
    device_id, user_id, campaign_id = new_id(), new_id(), new_id()
    db.execute(
        "INSERT INTO app_meta VALUES ('device_id', ?), ('created_at', '2025-11-17T08:00:00+00:00')",
        [device_id],
    )
    db.execute(
        "INSERT INTO geo_unit (code, level, province_code, name_ar, name_fr) "
        "VALUES ('05.301', 'province', '05.301', 'خنيفرة', 'Khénifra')"
    )
    writer = RecordWriter(
        db, clock=HybridClock(device_id), device_id=device_id, user_id=user_id, campaign_id=None
    )
    writer.insert(
        "app_user", {"id": user_id, "username": ADMIN, "display_name": ADMIN, "role": "admin"}
    )
    writer.insert("device", {"id": device_id, "label": "m0001"})
    writer.insert(
        "campaign",
        {
            "id": campaign_id,
            "name": "Hiver 2025",
            "province_code": "05.301",
            "period_start": "2025-11-17",
        },
    )
    db.execute("INSERT INTO app_meta VALUES ('campaign_id', ?)", [campaign_id])
    writer = RecordWriter(
        db, clock=writer.clock, device_id=device_id, user_id=user_id, campaign_id=campaign_id
    )
    for given, family, sex, year in PEOPLE:
        writer.insert(
            "person",
            {
                "given_name_latn": given,
                "family_name_latn": family,
                "sex": sex,
                "birth_year": year,
                "name_quality": "full",
                "dob_quality": "partial",
                "cin_quality": "unknown",
                "province_code": "05.301",
                "beneficiary_code": f"P-{given.upper()}",
            },
        )
    db.execute("VACUUM")
    db.execute("PRAGMA journal_mode = DELETE")
    db.conn.close()


if __name__ == "__main__":
    main()
