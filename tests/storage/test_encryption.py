"""The database on disk is encrypted, and only the right password opens it."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from helpers.stores import ADMIN, PASSWORD

from coldwave_app.domain.errors import AuthenticationFailed, InvalidInput, StorageRefused
from coldwave_app.storage.database import open_database
from coldwave_app.storage.keystore import KdfParams, Keystore
from coldwave_app.storage.local_store import LocalStore, database_path, unlock


def test_database_file_does_not_start_with_the_sqlite_header(data_dir: Path) -> None:
    header = database_path(data_dir).read_bytes()[:16]
    assert header != b"SQLite format 3\x00"


def test_plain_sqlite_cannot_read_the_database(data_dir: Path) -> None:
    conn = sqlite3.connect(database_path(data_dir))
    with pytest.raises(sqlite3.DatabaseError):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()


def test_names_stored_in_the_database_do_not_appear_on_disk(store: LocalStore) -> None:
    store.writer().insert(
        "app_user", {"username": "zz_secret_name", "display_name": "x", "role": "viewer"}
    )
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw = database_path(store.data_dir).read_bytes()
    assert b"zz_secret_name" not in raw


def test_wrong_password_is_refused_with_a_clear_error(data_dir: Path) -> None:
    with pytest.raises(AuthenticationFailed) as caught:
        unlock(data_dir, username=ADMIN, password="not the password")
    assert caught.value.msgid == "Wrong password for user {user}."
    assert caught.value.params == {"user": ADMIN}


def test_unknown_user_is_refused(data_dir: Path) -> None:
    with pytest.raises(AuthenticationFailed) as caught:
        unlock(data_dir, username="nobody", password=PASSWORD)
    assert "No user named" in caught.value.msgid


def test_a_random_key_does_not_open_the_database(data_dir: Path) -> None:
    with pytest.raises(StorageRefused):
        open_database(database_path(data_dir), os.urandom(32))


def test_two_users_unwrap_the_same_database_key(store: LocalStore) -> None:
    store.add_user(
        username="youssef",
        password="another long one",
        role="shelter_staff",
        kdf=KdfParams.for_tests(),
    )
    keystore = Keystore.in_dir(store.data_dir)
    assert keystore.unlock(username="youssef", password="another long one") == keystore.unlock(
        username=ADMIN, password=PASSWORD
    )
    assert keystore.usernames() == [ADMIN, "youssef"]


def test_second_user_can_open_the_store_and_see_the_same_records(store: LocalStore) -> None:
    store.add_user(
        username="youssef",
        password="another long one",
        role="shelter_staff",
        kdf=KdfParams.for_tests(),
    )
    other = unlock(store.data_dir, username="youssef", password="another long one")
    try:
        assert other.user.role == "shelter_staff"
        assert other.device_id == store.device_id
    finally:
        other.close()


def test_short_passwords_are_refused(store: LocalStore) -> None:
    with pytest.raises(InvalidInput):
        store.add_user(username="x", password="short", role="viewer", kdf=KdfParams.for_tests())


def test_keystore_holds_no_clear_key_or_password(data_dir: Path) -> None:
    text = (data_dir / "keys.json").read_text()
    document = json.loads(text)
    entry = document["users"][ADMIN]
    assert set(entry) == {"kdf", "salt", "nonce", "wrapped"}
    assert PASSWORD not in text


def test_default_kdf_is_strong() -> None:
    params = KdfParams()
    assert params.memory_kib >= 64 * 1024 and params.time_cost >= 3


def test_damaged_keystore_gives_a_clear_error(data_dir: Path) -> None:
    (data_dir / "keys.json").write_text("{not json")
    with pytest.raises(StorageRefused) as caught:
        unlock(data_dir, username=ADMIN, password=PASSWORD)
    assert "damaged" in caught.value.msgid


def test_missing_data_dir_gives_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StorageRefused) as caught:
        unlock(tmp_path / "nothing", username=ADMIN, password=PASSWORD)
    assert "coldwave init" in caught.value.msgid
