"""`coldwave user ...` and `coldwave audit verify`, run as an administrator would."""

from __future__ import annotations

from pathlib import Path

from helpers.cli import run_coldwave
from helpers.stores import ADMIN, PASSWORD

from coldwave_app.i18n import gettext
from coldwave_app.storage.local_store import unlock

NOURA = {"COLDWAVE_USER": "noura", "COLDWAVE_PASSWORD": "noura password 1"}


def coldwave(data_dir: Path, *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return run_coldwave(
        *args, "--data-dir", str(data_dir), env={"COLDWAVE_USER": ADMIN, **(env or {})}
    )


def fr(msgid: str) -> str:
    """What the CLI prints for `msgid` (unknown languages such as "en" fall back to French)."""
    return gettext(msgid, lang="fr")


def add_noura(data_dir: Path) -> None:
    added = coldwave(
        data_dir, "user", "add", "noura", "--role", "viewer",
        env={"COLDWAVE_NEW_PASSWORD": NOURA["COLDWAVE_PASSWORD"]},
    )  # fmt: skip
    assert added.returncode == 0, added.stderr


def test_admin_adds_lists_resets_and_changes_roles(data_dir: Path) -> None:
    add_noura(data_dir)
    listed = coldwave(data_dir, "user", "list")
    assert listed.returncode == 0, listed.stderr
    assert "noura\tviewer" in listed.stdout and f"{ADMIN}\tadmin" in listed.stdout
    role = coldwave(data_dir, "user", "role", "noura", "social_worker")
    assert role.returncode == 0, role.stderr
    reset = coldwave(
        data_dir, "user", "reset", "noura", env={"COLDWAVE_NEW_PASSWORD": "reset by amina"}
    )
    assert reset.returncode == 0, reset.stderr
    store = unlock(data_dir, username="noura", password="reset by amina")
    try:
        assert store.user.role == "social_worker"
    finally:
        store.close()


def test_a_viewer_cannot_add_users_and_is_told_why(data_dir: Path) -> None:
    add_noura(data_dir)
    refused = coldwave(
        data_dir, "user", "add", "karim", "--role", "admin",
        env={**NOURA, "COLDWAVE_NEW_PASSWORD": "karim password 1", "COLDWAVE_LANG": "en"},
    )  # fmt: skip
    assert refused.returncode == 6
    assert "viewer" in refused.stderr and fr("manage users") in refused.stderr


def test_a_user_changes_their_own_password(data_dir: Path) -> None:
    add_noura(data_dir)
    changed = coldwave(
        data_dir, "user", "passwd", env={**NOURA, "COLDWAVE_NEW_PASSWORD": "noura password 2"}
    )
    assert changed.returncode == 0, changed.stderr
    unlock(data_dir, username="noura", password="noura password 2").close()


def test_a_weak_password_is_refused_in_the_users_language(data_dir: Path) -> None:
    weak = coldwave(
        data_dir, "user", "add", "karim", "--role", "viewer",
        env={"COLDWAVE_NEW_PASSWORD": "1234567890", "COLDWAVE_LANG": "en"},
    )  # fmt: skip
    assert weak.returncode == 2
    assert fr("A password made only of digits is too easy to guess.") in weak.stderr


def test_five_wrong_passwords_lock_the_account(data_dir: Path) -> None:
    for _ in range(5):
        wrong = coldwave(data_dir, "user", "list", env={"COLDWAVE_PASSWORD": "not it at all"})
        assert wrong.returncode == 3
    locked = coldwave(data_dir, "user", "list", env={"COLDWAVE_LANG": "en"})
    assert locked.returncode == 3
    expected = fr("Too many wrong passwords for {user}: try again after {time}.")
    assert expected.split("{user}")[0] in locked.stderr


def test_audit_verify_passes_then_names_the_tampered_entry(data_dir: Path) -> None:
    add_noura(data_dir)
    intact = coldwave(data_dir, "audit", "verify", env={"COLDWAVE_LANG": "en"})
    assert intact.returncode == 0, intact.stderr
    assert fr("Audit log intact: {entries} entries from {devices} devices.").split("{")[0] in (
        intact.stdout
    )
    store = unlock(data_dir, username=ADMIN, password=PASSWORD)
    try:
        device = store.device_id
        store.db.execute("UPDATE audit_entry SET actor_name = 'ghost' WHERE seq = 2")
    finally:
        store.close()
    broken = coldwave(data_dir, "audit", "verify", env={"COLDWAVE_LANG": "en"})
    assert broken.returncode == 7
    line = fr("Device {device}, entry {seq}: {what}.")
    assert line.format(device=device, seq=2, what=fr("edited")) in broken.stdout
    viewer = coldwave(data_dir, "audit", "verify", env=NOURA)
    assert viewer.returncode == 6
