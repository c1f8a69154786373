"""Staff accounts: an admin adds users with a role, resets passwords and changes roles;
a user changes their own password; no data is lost and every step is audited."""

from __future__ import annotations

from datetime import date

import pytest
from helpers.stores import ADMIN, PASSWORD

from coldwave_app.domain.errors import AuthenticationFailed, InvalidInput, RuleViolation
from coldwave_app.domain.roles import PermissionDenied
from coldwave_app.services.campaign_setup import create_campaign
from coldwave_app.services.session_policy import (
    DEFAULT_IDLE_SECONDS,
    idle_timeout_seconds,
    set_idle_timeout,
)
from coldwave_app.services.users import (
    add_user,
    change_password,
    list_users,
    reset_password,
    set_role,
)
from coldwave_app.storage.keystore import KdfParams
from coldwave_app.storage.local_store import LocalStore, unlock

FAST = KdfParams.for_tests()
NOURA_PASSWORD = "noura first password"


@pytest.fixture
def with_noura(store: LocalStore) -> LocalStore:
    add_user(store, username="noura", password=NOURA_PASSWORD, role="shelter_staff", kdf=FAST)
    store.set_meta("probe", "still here")
    return store


def actions(store: LocalStore) -> list[str]:
    return [r[0] for r in store.db.execute("SELECT action FROM audit_entry ORDER BY seq")]


def test_admin_adds_a_user_who_can_log_in_with_their_role(with_noura: LocalStore) -> None:
    assert [(u.username, u.role) for u in list_users(with_noura)] == [
        (ADMIN, "admin"),
        ("noura", "shelter_staff"),
    ]
    assert "user_added" in actions(with_noura)
    other = unlock(with_noura.data_dir, username="noura", password=NOURA_PASSWORD)
    try:
        assert other.user.role == "shelter_staff"
        with pytest.raises(PermissionDenied):
            add_user(other, username="x1", password="another password", role="viewer", kdf=FAST)
    finally:
        other.close()


@pytest.mark.parametrize(
    ("username", "role", "password", "error"),
    [
        ("noura", "viewer", "good password one", RuleViolation),  # taken
        ("has space", "viewer", "good password one", InvalidInput),
        ("karim", "janitor", "good password one", InvalidInput),
        ("karim", "viewer", "karim", InvalidInput),
        ("karim", "viewer", "1234567890", InvalidInput),
    ],
)
def test_bad_new_users_are_refused_with_a_reason(
    with_noura: LocalStore, username: str, role: str, password: str, error: type[Exception]
) -> None:
    with pytest.raises(error):
        add_user(with_noura, username=username, password=password, role=role, kdf=FAST)


def test_a_user_changes_their_own_password_and_keeps_the_data(with_noura: LocalStore) -> None:
    noura = unlock(with_noura.data_dir, username="noura", password=NOURA_PASSWORD)
    try:
        with pytest.raises(AuthenticationFailed):
            change_password(noura, old_password="wrong guess 123", new_password="x" * 12)
        change_password(noura, old_password=NOURA_PASSWORD, new_password="noura second pass")
    finally:
        noura.close()
    with pytest.raises(AuthenticationFailed):
        unlock(with_noura.data_dir, username="noura", password=NOURA_PASSWORD)
    again = unlock(with_noura.data_dir, username="noura", password="noura second pass")
    try:
        assert again.meta("probe") == "still here"
        assert "password_changed" in actions(again)
    finally:
        again.close()


def test_admin_resets_a_forgotten_password(with_noura: LocalStore) -> None:
    reset_password(with_noura, username="noura", new_password="set by the admin")
    renewed = unlock(with_noura.data_dir, username="noura", password="set by the admin")
    try:
        assert renewed.meta("probe") == "still here"
    finally:
        renewed.close()
    # The admin's own password still works: only noura's wrapping changed.
    unlock(with_noura.data_dir, username=ADMIN, password=PASSWORD).close()
    assert "password_reset" in actions(with_noura)


def test_role_change_is_applied_at_next_login_and_audited(with_noura: LocalStore) -> None:
    set_role(with_noura, username="noura", role="social_worker")
    noura = unlock(with_noura.data_dir, username="noura", password=NOURA_PASSWORD)
    try:
        assert noura.user.role == "social_worker"
    finally:
        noura.close()
    detail = with_noura.db.execute(
        "SELECT detail FROM audit_entry WHERE action = 'role_changed'"
    ).fetchone()[0]
    assert '"to": "social_worker"' in detail


def test_the_last_admin_cannot_be_demoted(store: LocalStore) -> None:
    with pytest.raises(RuleViolation):
        set_role(store, username=ADMIN, role="viewer")


def test_idle_timeout_defaults_to_five_minutes_and_is_set_per_campaign(
    with_noura: LocalStore,
) -> None:
    assert idle_timeout_seconds(with_noura) == DEFAULT_IDLE_SECONDS == 300
    set_idle_timeout(with_noura, seconds=120)
    assert idle_timeout_seconds(with_noura) == 120
    with pytest.raises(InvalidInput):
        set_idle_timeout(with_noura, seconds=5)
    create_campaign(
        with_noura, name="Hiver", province_code="05.301", period_start=date(2025, 11, 17)
    )
    assert idle_timeout_seconds(with_noura) == 300
    noura = unlock(with_noura.data_dir, username="noura", password=NOURA_PASSWORD)
    try:
        with pytest.raises(PermissionDenied):
            set_idle_timeout(noura, seconds=600)
    finally:
        noura.close()
