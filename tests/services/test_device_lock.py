"""A laptop the server revoked locks its data: every user but an administrator is
refused at the next login, until an administrator enrols it again."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.stores import ADMIN, PASSWORD

from coldwave_app.services.device_lock import (
    DeviceLocked,
    clear_revocation,
    is_revoked,
    lock_revoked_device,
    refuse_if_revoked,
)
from coldwave_app.services.sync_service import is_enrolled
from coldwave_app.storage.keystore import KdfParams
from coldwave_app.storage.local_store import LocalStore, unlock


def _with_worker(store: LocalStore) -> None:
    store.add_user(
        username="youssef", password="field worker pass 1", role="outreach_worker",
        kdf=KdfParams.for_tests(),
    )  # fmt: skip
    store.set_meta("sync_server_url", "https://sync.example.ma")
    store.set_meta("sync_token", "a-device-token")


def test_a_revoked_laptop_refuses_a_worker_and_forgets_its_token(
    store: LocalStore, data_dir: Path
) -> None:
    _with_worker(store)
    assert is_enrolled(store)
    lock_revoked_device(store)
    assert is_revoked(store) and not is_enrolled(store)
    worker = unlock(data_dir, username="youssef", password="field worker pass 1")
    with pytest.raises(DeviceLocked, match="revoked"):
        refuse_if_revoked(worker)


def test_an_admin_may_open_a_revoked_laptop_to_enrol_it_again(
    store: LocalStore, data_dir: Path
) -> None:
    _with_worker(store)
    lock_revoked_device(store)
    admin = unlock(data_dir, username=ADMIN, password=PASSWORD)
    try:
        refuse_if_revoked(admin)  # no error
        clear_revocation(admin)
    finally:
        admin.close()
    worker = unlock(data_dir, username="youssef", password="field worker pass 1")
    try:
        refuse_if_revoked(worker)
        assert not is_revoked(worker)
    finally:
        worker.close()


def test_a_laptop_never_revoked_opens_for_everyone(store: LocalStore, data_dir: Path) -> None:
    _with_worker(store)
    worker = unlock(data_dir, username="youssef", password="field worker pass 1")
    try:
        refuse_if_revoked(worker)
    finally:
        worker.close()


def test_the_login_path_refuses_a_worker_on_a_revoked_laptop(
    store: LocalStore, data_dir: Path
) -> None:
    from coldwave_app.services.safe_open import open_checked

    _with_worker(store)
    lock_revoked_device(store)
    with pytest.raises(DeviceLocked):
        open_checked(data_dir, username="youssef", password="field worker pass 1")
    admin = open_checked(data_dir, username=ADMIN, password=PASSWORD, backup_every=None)
    admin.close()
