"""The auto-lock idle time of a campaign, for the desktop app to enforce.

Contract for the UI: call `idle_timeout_seconds(store)` after login (and after the
campaign changes) and lock the window, dropping the unlocked store, once no key or
mouse input arrived for that many seconds; unlocking asks for the password again
(storage.local_store.unlock). `set_idle_timeout(store, seconds=...)` is for users
allowed to set up the campaign. The value is kept per campaign on this laptop
(app_meta), DEFAULT_IDLE_SECONDS when never set.
"""

from __future__ import annotations

from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.domain.roles import Permission
from coldwave_app.services.access import audit, require
from coldwave_app.storage.local_store import LocalStore

DEFAULT_IDLE_SECONDS = 300
MIN_IDLE_SECONDS = 30
MAX_IDLE_SECONDS = 4 * 3600


def _key(store: LocalStore) -> str:
    return f"idle_lock_seconds:{store.campaign_id or '-'}"


def idle_timeout_seconds(store: LocalStore) -> int:
    """Seconds of inactivity after which the app locks, for the current campaign."""
    stored = store.meta(_key(store))
    return int(stored) if stored and stored.isdigit() else DEFAULT_IDLE_SECONDS


def set_idle_timeout(store: LocalStore, *, seconds: int) -> None:
    """Set the current campaign's idle time before auto-lock (30 s to 4 h)."""
    require(store, Permission.MANAGE_CAMPAIGN)
    if not MIN_IDLE_SECONDS <= seconds <= MAX_IDLE_SECONDS:
        raise InvalidInput(
            N_("The idle time before locking must be between {low} and {high} seconds."),
            low=MIN_IDLE_SECONDS,
            high=MAX_IDLE_SECONDS,
        )
    with store.db.atomic():
        store.set_meta(_key(store), str(seconds))
        audit(store, action="idle_timeout_set", detail={"seconds": seconds})
