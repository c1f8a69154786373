"""A laptop the server revoked locks its own data at its next contact.

When the server answers a sync with `device_revoked` (sync.client.DeviceRevoked),
`lock_revoked_device` stores a flag in the encrypted database and forgets the
device token. From then on `refuse_if_revoked`, which the login path calls right
after the password opened the database, refuses everyone but an administrator,
who can only re-enrol the laptop (services.sync_service.enrol clears the flag via
`clear_revocation`). The data stays encrypted at rest either way; the lock stops
a person who knows a field worker's password from reading it on a lost laptop.
"""

from __future__ import annotations

from datetime import UTC, datetime

from coldwave_app.domain.errors import N_, AuthenticationFailed
from coldwave_app.domain.vocabulary import Role
from coldwave_app.storage.local_store import LocalStore

REVOKED_KEY = "device_revoked_at"
TOKEN_KEY = "sync_token"


class DeviceLocked(AuthenticationFailed):
    """The server revoked this laptop: only an administrator may open it, to re-enrol."""


def lock_revoked_device(store: LocalStore, *, at: datetime | None = None) -> None:
    """Mark the laptop revoked and drop its token (it is useless and must not leak)."""
    with store.db.atomic():
        store.set_meta(REVOKED_KEY, (at or datetime.now(UTC)).isoformat(timespec="seconds"))
        store.set_meta(TOKEN_KEY, "")


def is_revoked(store: LocalStore) -> bool:
    return bool(store.meta(REVOKED_KEY))


def refuse_if_revoked(store: LocalStore) -> None:
    """Raise DeviceLocked (after closing the store) when the laptop was revoked and
    the user is not an administrator."""
    if not is_revoked(store) or store.user.role == Role.ADMIN.value:
        return
    store.close()
    raise DeviceLocked(
        N_(
            "This laptop was revoked by the server administrator and its data is locked. "
            "Ask an administrator to enrol it again."
        )
    )


def clear_revocation(store: LocalStore) -> None:
    """Lift the lock after an administrator enrolled the laptop again."""
    store.set_meta(REVOKED_KEY, "")
