"""Logging in to this laptop's data: who may, and opening the store for them.

The password unwraps the database key (argon2id, tens to hundreds of ms by design),
so callers on a UI thread run `log_in` off that thread.
"""

from __future__ import annotations

from pathlib import Path

from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.services.safe_open import open_checked
from coldwave_app.storage.keystore import Keystore
from coldwave_app.storage.local_store import LocalStore

__all__ = ["laptop_users", "log_in"]


def laptop_users(data_dir: Path) -> list[str]:
    """The user names that can log in to `data_dir` (empty if it has no key file)."""
    keystore = Keystore.in_dir(data_dir)
    return keystore.usernames() if keystore.exists() else []


def log_in(data_dir: Path, *, username: str, password: str) -> LocalStore:
    """The store of `data_dir` unlocked for `username`, opened the careful way
    (services.safe_open: read-only disk and damage refused, backup when due).
    Raises AuthenticationFailed on a wrong password or unknown user, InvalidInput
    on an empty field."""
    if not username.strip():
        raise InvalidInput(N_("Type your user name."))
    if not password:
        raise InvalidInput(N_("Type your password."))
    return open_checked(data_dir, username=username.strip(), password=password)
