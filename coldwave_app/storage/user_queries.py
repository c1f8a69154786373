"""Reads of the staff accounts of this laptop (the `app_user` table)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database


@dataclass(frozen=True)
class UserRow:
    id: str
    username: str
    display_name: str
    role: str
    active: bool


def all_users(db: Database) -> list[UserRow]:
    rows = db.execute(
        "SELECT id, username, display_name, role, active FROM app_user "
        "WHERE deleted = 0 ORDER BY username"
    ).fetchall()
    return [UserRow(r[0], r[1], r[2], r[3], bool(r[4])) for r in rows]


def user_named(db: Database, username: str) -> UserRow | None:
    return next((u for u in all_users(db) if u.username == username), None)


def active_admins(db: Database) -> int:
    row = db.execute(
        "SELECT count(*) FROM app_user WHERE role = 'admin' AND active = 1 AND deleted = 0"
    ).fetchone()
    return int(row[0])
