"""Staff accounts of a laptop: adding users with a role, passwords, roles.

Adding users, resetting another user's password and changing roles are for roles
with the manage-users permission (administrators). Every user may change their own
password. A password change re-wraps the database key (storage.keystore): the data
are not touched, so nothing is lost. Every change here is audited.
"""

from __future__ import annotations

import re

from coldwave_app.domain.errors import N_, AuthenticationFailed, InvalidInput, RuleViolation
from coldwave_app.domain.roles import Permission, is_role
from coldwave_app.domain.vocabulary import Role
from coldwave_app.services.access import audit, require
from coldwave_app.storage import user_queries
from coldwave_app.storage.keystore import KdfParams, Keystore, check_password_rules
from coldwave_app.storage.local_store import LocalStore, User
from coldwave_app.storage.user_queries import UserRow

USERNAME = re.compile(r"^[\w.@-]{2,40}$")


def _check_role(role: str) -> None:
    if not is_role(role):
        raise InvalidInput(
            N_("Unknown role {role}. Roles: {roles}."),
            role=role,
            roles=", ".join(r.value for r in Role),
        )


def _known(store: LocalStore, username: str) -> UserRow:
    found = user_queries.user_named(store.db, username)
    if found is None:
        raise InvalidInput(N_("No user named {user} on this laptop."), user=username)
    return found


def list_users(store: LocalStore) -> list[UserRow]:
    require(store, Permission.MANAGE_USERS)
    return user_queries.all_users(store.db)


def add_user(
    store: LocalStore,
    *,
    username: str,
    password: str,
    role: str,
    display_name: str | None = None,
    kdf: KdfParams | None = None,
) -> User:
    """Give a staff member their own login with `role` (administrators only)."""
    require(store, Permission.MANAGE_USERS)
    name = username.strip()
    if not USERNAME.match(name):
        raise InvalidInput(
            N_("A user name is 2 to 40 letters, digits or . _ @ - with no spaces: {user}."),
            user=username,
        )
    _check_role(role)
    check_password_rules(password, name)
    if name in Keystore.in_dir(store.data_dir).usernames() or user_queries.user_named(
        store.db, name
    ):
        raise RuleViolation(N_("A user named {user} already exists."), user=name)
    with store.db.atomic():
        user = store.add_user(
            username=name, password=password, role=role, display_name=display_name, kdf=kdf
        )
        audit(
            store, action="user_added", table="app_user", record_id=user.id, detail={"role": role}
        )
    return user


def change_password(
    store: LocalStore, *, old_password: str, new_password: str, kdf: KdfParams | None = None
) -> None:
    """The logged-in user changes their own password (the old one is asked again)."""
    username = store.user.username
    if not Keystore.in_dir(store.data_dir).check_password(username=username, password=old_password):
        raise AuthenticationFailed(N_("Wrong password for user {user}."), user=username)
    if new_password == old_password:
        raise InvalidInput(N_("The new password must differ from the old one."))
    check_password_rules(new_password, username)
    store.rewrap_key(username=username, password=new_password, kdf=kdf)
    audit(store, action="password_changed", table="app_user", record_id=store.user.id)


def reset_password(
    store: LocalStore, *, username: str, new_password: str, kdf: KdfParams | None = None
) -> None:
    """An administrator sets a new password for a user who forgot theirs (and unlocks them)."""
    require(store, Permission.MANAGE_USERS)
    target = _known(store, username)
    check_password_rules(new_password, username)
    store.rewrap_key(username=username, password=new_password, kdf=kdf)
    audit(store, action="password_reset", table="app_user", record_id=target.id)


def set_role(store: LocalStore, *, username: str, role: str) -> None:
    """Change a user's role (administrators only); the last administrator stays one."""
    require(store, Permission.MANAGE_USERS)
    _check_role(role)
    target = _known(store, username)
    if target.role == role:
        return
    if target.role == Role.ADMIN and user_queries.active_admins(store.db) <= 1:
        raise RuleViolation(N_("{user} is the last administrator of this laptop."), user=username)
    with store.db.atomic():
        store.writer().update("app_user", target.id, {"role": role})
        audit(
            store,
            action="role_changed",
            table="app_user",
            record_id=target.id,
            detail={"from": target.role, "to": role},
        )
