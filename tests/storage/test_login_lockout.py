"""Password rules, the lockout after repeated wrong passwords, and re-wrapping the key."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from helpers.stores import ADMIN, PASSWORD

from coldwave_app.domain.errors import AuthenticationFailed, InvalidInput
from coldwave_app.storage.keystore import (
    MAX_FAILED_LOGINS,
    AccountLocked,
    Keystore,
    check_password_rules,
)
from coldwave_app.storage.local_store import LocalStore, unlock

T0 = datetime(2026, 1, 10, 22, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("password", "msgid_part"),
    [
        ("short", "at least"),
        ("123456789012", "only of digits"),
        ("Amina.Team", "user name"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(password: str, msgid_part: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_password_rules(password, "amina.team")
    assert msgid_part in caught.value.msgid


def test_a_long_mixed_password_passes_the_rules() -> None:
    check_password_rules("cold nights 2026", "amina")


def fail(data_dir: Path, at: datetime) -> AuthenticationFailed:
    with pytest.raises(AuthenticationFailed) as caught:
        unlock(data_dir, username=ADMIN, password="not the password", now=at)
    return caught.value


def test_five_wrong_passwords_lock_the_account_for_five_minutes(data_dir: Path) -> None:
    for n in range(MAX_FAILED_LOGINS):
        assert not isinstance(fail(data_dir, T0 + timedelta(seconds=n)), AccountLocked)
    # Even the right password is refused while locked.
    with pytest.raises(AccountLocked):
        unlock(data_dir, username=ADMIN, password=PASSWORD, now=T0 + timedelta(minutes=4))
    store = unlock(data_dir, username=ADMIN, password=PASSWORD, now=T0 + timedelta(minutes=6))
    store.close()
    assert Keystore.in_dir(data_dir).failed_logins(ADMIN) == 0


def test_the_failure_count_survives_closing_the_app(data_dir: Path) -> None:
    fail(data_dir, T0)
    fail(data_dir, T0)
    assert Keystore.in_dir(data_dir).failed_logins(ADMIN) == 2


def test_another_wrong_password_after_the_lock_locks_again(data_dir: Path) -> None:
    for _ in range(MAX_FAILED_LOGINS):
        fail(data_dir, T0)
    assert not isinstance(fail(data_dir, T0 + timedelta(minutes=6)), AccountLocked)
    with pytest.raises(AccountLocked):
        unlock(data_dir, username=ADMIN, password=PASSWORD, now=T0 + timedelta(minutes=7))


def test_failed_logins_enter_the_audit_chain_at_the_next_login(data_dir: Path) -> None:
    fail(data_dir, T0)
    with pytest.raises(AuthenticationFailed):
        unlock(data_dir, username="nobody", password="whatever it is")
    store = unlock(data_dir, username=ADMIN, password=PASSWORD)
    try:
        rows = store.db.execute(
            "SELECT action, actor_name FROM audit_entry ORDER BY seq DESC LIMIT 3"
        ).fetchall()
    finally:
        store.close()
    assert rows == [("login", ADMIN), ("login_failed", "nobody"), ("login_failed", ADMIN)]
    assert Keystore.in_dir(data_dir).pending_audit() == []


def test_rewrapping_the_key_keeps_the_data_and_drops_the_old_password(store: LocalStore) -> None:
    store.set_meta("probe", "kept")
    store.rewrap_key(username=ADMIN, password="a brand new secret")
    store.close()
    with pytest.raises(AuthenticationFailed):
        unlock(store.data_dir, username=ADMIN, password=PASSWORD)
    reopened = unlock(store.data_dir, username=ADMIN, password="a brand new secret")
    try:
        assert reopened.meta("probe") == "kept"
    finally:
        reopened.close()
