"""The database key, wrapped once per user so several staff can share one laptop.

The SQLCipher database is encrypted with one random 256-bit key. That key never
touches the disk in clear: `keys.json` beside the database holds, for each user,
the key encrypted (AES-256-GCM) under a key derived from the user's password with
argon2id. A wrong password fails the GCM tag check, so no password hash is kept.

Hazards:
- Losing keys.json loses the data. It is written atomically (temp file, fsync,
  rename) and every rewrap keeps the other users' entries.
- KDF parameters are stored per entry so they can be raised later; tests use weak
  ones through `KdfParams.for_tests()`, which production code must never call.
- Failed logins happen while the database is still locked, so their counter (the
  lockout) and their audit records wait here, in `logins` and `pending_audit`,
  until the next successful login moves the records into the audit chain.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from coldwave_app.domain.errors import N_, AuthenticationFailed, InvalidInput, StorageRefused

KEYSTORE_NAME = "keys.json"
_FORMAT = 1
MIN_PASSWORD_LENGTH = 10
MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=5)
# Failed logins kept for the audit chain while no one logs in; the oldest go first.
MAX_PENDING_AUDIT = 1000


@dataclass(frozen=True)
class KdfParams:
    """argon2id cost. Defaults follow RFC 9106's second recommendation (64 MiB, t=3)."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 2

    @classmethod
    def for_tests(cls) -> KdfParams:
        return cls(time_cost=1, memory_kib=8 * 1024, parallelism=1)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def _derive(password: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        password.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


class AccountLocked(AuthenticationFailed):
    """Too many wrong passwords: the user must wait before trying again."""


def check_password_rules(password: str, username: str | None = None) -> None:
    """Raise InvalidInput when a new password is too weak to protect the data."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(N_("Password must be at least {n} characters."), n=MIN_PASSWORD_LENGTH)
    if password.isdigit():
        raise InvalidInput(N_("A password made only of digits is too easy to guess."))
    if username is not None and password.strip().casefold() == username.strip().casefold():
        raise InvalidInput(N_("The password must not be the user name."))


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


class Keystore:
    """The wrapped database key of every user of one data directory."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def in_dir(cls, data_dir: Path) -> Keystore:
        return cls(data_dir / KEYSTORE_NAME)

    def exists(self) -> bool:
        return self.path.exists()

    def usernames(self) -> list[str]:
        return sorted(self._read()["users"])

    def create(self, *, username: str, password: str, params: KdfParams | None = None) -> bytes:
        """Make a new random database key, wrapped for the first user. Returns the key."""
        if self.exists():
            raise StorageRefused(
                N_("The data directory {path} already holds a coldwave database."),
                path=str(self.path.parent),
            )
        check_password_rules(password, username)
        key = secrets.token_bytes(32)
        document: dict[str, Any] = {"format": _FORMAT, "users": {}}
        document["users"][username] = self._wrap(key, username, password, params or KdfParams())
        self._write(document)
        return key

    def unlock(self, *, username: str, password: str, now: datetime | None = None) -> bytes:
        """Return the database key, or raise AuthenticationFailed (AccountLocked).

        A wrong password counts towards the lockout and is kept for the audit chain;
        a locked account is refused before the (slow) key derivation is even tried.
        """
        at = _now(now)
        document = self._read()
        entry = document["users"].get(username)
        if entry is None:
            self._record_failure(document, username, at, counted=False)
            raise AuthenticationFailed(N_("No user named {user} on this laptop."), user=username)
        state = document.setdefault("logins", {}).get(username, {})
        locked_until = state.get("locked_until")
        if locked_until and datetime.fromisoformat(locked_until) > at:
            self._record_failure(document, username, at, counted=False, action="login_locked")
            raise AccountLocked(
                N_("Too many wrong passwords for {user}: try again after {time}."),
                user=username,
                time=datetime.fromisoformat(locked_until).astimezone().strftime("%H:%M"),
            )
        try:
            key = self._unwrap(entry, username, password)
        except InvalidTag:
            self._record_failure(document, username, at, counted=True)
            raise AuthenticationFailed(
                N_("Wrong password for user {user}."), user=username
            ) from None
        if state:
            document["logins"].pop(username, None)
            self._write(document)
        return key

    def check_password(self, *, username: str, password: str) -> bool:
        """Whether `password` is `username`'s, without touching the lockout counter."""
        entry = self._read()["users"].get(username)
        if entry is None:
            return False
        try:
            self._unwrap(entry, username, password)
        except InvalidTag:
            return False
        return True

    def failed_logins(self, username: str) -> int:
        """Wrong passwords for `username` since the last successful login."""
        return int(self._read().get("logins", {}).get(username, {}).get("failures", 0))

    def pending_audit(self) -> list[dict[str, str]]:
        """The failed-login records waiting for the audit chain, oldest first."""
        pending: list[dict[str, str]] = self._read().get("pending_audit", [])
        return pending

    def drop_pending_audit(self, count: int) -> None:
        """Forget the `count` oldest records, once they are safely in the chain."""
        document = self._read()
        if count and document.get("pending_audit"):
            del document["pending_audit"][:count]
            self._write(document)

    def _unwrap(self, entry: dict[str, Any], username: str, password: str) -> bytes:
        params = KdfParams(**entry["kdf"])
        wrapping_key = _derive(password, _unb64(entry["salt"]), params)
        return AESGCM(wrapping_key).decrypt(
            _unb64(entry["nonce"]), _unb64(entry["wrapped"]), username.encode("utf-8")
        )

    def _record_failure(
        self,
        document: dict[str, Any],
        username: str,
        at: datetime,
        *,
        counted: bool,
        action: str = "login_failed",
    ) -> None:
        if counted:
            state = document.setdefault("logins", {}).setdefault(username, {})
            state["failures"] = int(state.get("failures", 0)) + 1
            if state["failures"] >= MAX_FAILED_LOGINS:
                state["locked_until"] = (at + LOCKOUT).isoformat()
        pending = document.setdefault("pending_audit", [])
        pending.append({"action": action, "username": username[:80], "at": at.isoformat()})
        del pending[:-MAX_PENDING_AUDIT]
        self._write(document)

    def add_user(
        self, *, key: bytes, username: str, password: str, params: KdfParams | None = None
    ) -> None:
        """Wrap the (already unlocked) key for another user, or re-wrap for a new password."""
        check_password_rules(password, username)
        document = self._read()
        document["users"][username] = self._wrap(key, username, password, params or KdfParams())
        self._write(document)

    def remove_user(self, *, username: str) -> None:
        document = self._read()
        document["users"].pop(username, None)
        self._write(document)

    def clear_lockout(self, *, username: str) -> None:
        """Forget `username`'s wrong passwords (an administrator reset the password)."""
        document = self._read()
        if document.get("logins", {}).pop(username, None) is not None:
            self._write(document)

    def _wrap(self, key: bytes, username: str, password: str, params: KdfParams) -> dict[str, Any]:
        # The user name is bound in as associated data: an entry copied under another
        # name does not unwrap.
        salt = secrets.token_bytes(16)
        nonce = secrets.token_bytes(12)
        wrapped = AESGCM(_derive(password, salt, params)).encrypt(
            nonce, key, username.encode("utf-8")
        )
        return {
            "kdf": asdict(params),
            "salt": _b64(salt),
            "nonce": _b64(nonce),
            "wrapped": _b64(wrapped),
        }

    def _read(self) -> dict[str, Any]:
        try:
            document: dict[str, Any] = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            raise StorageRefused(
                N_("No coldwave database in {path}. Run `coldwave init` first."),
                path=str(self.path.parent),
            ) from None
        except (OSError, ValueError):
            raise StorageRefused(
                N_("The key file {path} is damaged: restore it from a backup."),
                path=str(self.path),
            ) from None
        if document.get("format") != _FORMAT or not isinstance(document.get("users"), dict):
            raise StorageRefused(
                N_("The key file {path} is damaged: restore it from a backup."),
                path=str(self.path),
            )
        return document

    def _write(self, document: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=1, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.path)
        _fsync_dir(self.path.parent)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
