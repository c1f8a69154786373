"""A data directory on a field laptop: its key file, its database, who is logged in.

`initialise()` makes a new data directory (random database key wrapped for the
first admin, schema, device identity); `unlock()` opens an existing one for a
user. Both return a `LocalStore`, the handle services work with: the database,
this device's clock, the logged-in user and a `RecordWriter` for the current
campaign.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from coldwave_app.domain.errors import N_, AuthenticationFailed
from coldwave_app.domain.hlc import HybridClock
from coldwave_app.domain.ids import new_id
from coldwave_app.storage import audit_log
from coldwave_app.storage.catalog import Catalog
from coldwave_app.storage.database import DATABASE_NAME, open_database
from coldwave_app.storage.keystore import KdfParams, Keystore
from coldwave_app.storage.record_writer import RecordWriter, utc_now


@dataclass(frozen=True)
class User:
    id: str
    username: str
    display_name: str
    role: str


class LocalStore:
    """An unlocked data directory. Close it when done; it owns the connection."""

    def __init__(self, data_dir: Path, db: Database, user: User, key: bytes) -> None:
        self.data_dir = data_dir
        self.db = db
        self.user = user
        self._key = key
        self.catalog = Catalog.from_database(db)
        self.device_id = self.meta("device_id") or ""
        self.clock = HybridClock(self.device_id)
        last = self._last_stamp()
        if last:
            self.clock.observe(last)

    @property
    def database_key(self) -> bytes:
        """The raw database key. Only backups need it (a backup is encrypted with the
        same key, so it opens with the same passwords); never log or display it."""
        return self._key

    def _last_stamp(self) -> str | None:
        row = self.db.execute(
            "SELECT max(hlc) FROM (SELECT max(hlc) AS hlc FROM change_log "
            "UNION ALL SELECT value FROM app_meta WHERE key = 'hlc_seen')"
        ).fetchone()
        return row[0] if row else None

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM app_meta WHERE key = ?", [key]).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute(
            "INSERT INTO app_meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )

    @property
    def campaign_id(self) -> str | None:
        return self.meta("campaign_id")

    def writer(self, campaign_id: str | None = None) -> RecordWriter:
        return RecordWriter(
            self.db,
            clock=self.clock,
            device_id=self.device_id,
            user_id=self.user.id,
            campaign_id=campaign_id if campaign_id is not None else self.campaign_id,
            catalog=self.catalog,
        )

    def add_user(
        self,
        *,
        username: str,
        password: str,
        role: str,
        display_name: str | None = None,
        kdf: KdfParams | None = None,
    ) -> User:
        """Give another staff member their own login to this laptop's data."""
        keystore = Keystore.in_dir(self.data_dir)
        keystore.add_user(key=self._key, username=username, password=password, params=kdf)
        row = self.writer().insert(
            "app_user",
            {"username": username, "display_name": display_name or username, "role": role},
        )
        return User(row["id"], username, row["display_name"], role)

    def rewrap_key(self, *, username: str, password: str, kdf: KdfParams | None = None) -> None:
        """Wrap the database key for `username` under a new password (the data stay)."""
        keystore = Keystore.in_dir(self.data_dir)
        keystore.add_user(key=self._key, username=username, password=password, params=kdf)
        keystore.clear_lockout(username=username)

    def close(self) -> None:
        self.db.conn.close()


def database_path(data_dir: Path) -> Path:
    return data_dir / DATABASE_NAME


def initialise(
    data_dir: Path,
    *,
    admin: str,
    password: str,
    device_label: str | None = None,
    kdf: KdfParams | None = None,
) -> LocalStore:
    """Create a new data directory with its first user, an admin."""
    data_dir.mkdir(parents=True, exist_ok=True)
    key = Keystore.in_dir(data_dir).create(username=admin, password=password, params=kdf)
    db = open_database(database_path(data_dir), key, create=True)
    device_id = new_id()
    user_id = new_id()
    with db.atomic():
        db.execute("INSERT INTO app_meta (key, value) VALUES ('device_id', ?)", [device_id])
        db.execute(
            "INSERT INTO app_meta (key, value) VALUES ('created_at', ?)",
            [utc_now().isoformat(timespec="seconds")],
        )
        writer = RecordWriter(
            db,
            clock=HybridClock(device_id),
            device_id=device_id,
            user_id=user_id,
            campaign_id=None,
        )
        writer.insert(
            "app_user", {"id": user_id, "username": admin, "display_name": admin, "role": "admin"}
        )
        writer.insert("device", {"id": device_id, "label": device_label or device_id[:8]})
    return LocalStore(data_dir, db, User(user_id, admin, admin, "admin"), key)


def unlock(
    data_dir: Path, *, username: str, password: str, now: datetime | None = None
) -> LocalStore:
    """Open an existing data directory as `username`. Raises on a wrong password.

    Failed logins counted by the keystore while the database was locked move into
    the audit chain now, followed by this login.
    """
    keystore = Keystore.in_dir(data_dir)
    key = keystore.unlock(username=username, password=password, now=now)
    db = open_database(database_path(data_dir), key)
    row = db.execute(
        "SELECT id, username, display_name, role FROM app_user "
        "WHERE username = ? AND deleted = 0 AND active = 1",
        [username],
    ).fetchone()
    if row is None:
        db.conn.close()
        raise AuthenticationFailed(N_("No user named {user} on this laptop."), user=username)
    store = LocalStore(data_dir, db, User(*row), key)
    pending = keystore.pending_audit()
    with db.atomic():
        for failed in pending:
            audit_log.append_entry(
                store,
                action=failed.get("action", "login_failed"),
                table="app_user",
                actor_id="",
                actor_name=failed.get("username", ""),
                at=datetime.fromisoformat(failed["at"]) if failed.get("at") else None,
            )
        audit_log.append_entry(store, action="login", table="app_user", record_id=store.user.id)
    keystore.drop_pending_audit(len(pending))
    return store
