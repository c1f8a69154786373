"""What support may see of a database: engine versions and the settings that are not secrets."""

from __future__ import annotations

from sqlite_utils import Database

# app_meta keys shown with their value; every other key is listed as hidden
# (tokens, private keys, the CIN hashing key must never leave the laptop).
SHOWN_SETTINGS = frozenset(
    {"device_id", "campaign_id", "created_at", "sync_server_url", "hlc_seen", "language"}
)
HIDDEN = "<hidden>"


def engine_versions(db: Database) -> dict[str, str]:
    sqlite_version = db.execute("SELECT sqlite_version()").fetchone()[0]
    row = db.execute("PRAGMA cipher_version").fetchone()
    return {"sqlite": str(sqlite_version), "sqlcipher": str(row[0]) if row else "none"}


def visible_settings(db: Database) -> dict[str, str]:
    rows = db.execute("SELECT key, value FROM app_meta ORDER BY key").fetchall()
    return {str(k): (str(v) if k in SHOWN_SETTINGS else HIDDEN) for k, v in rows}


def schema_migrations(db: Database) -> list[str]:
    return [str(r[0]) for r in db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
