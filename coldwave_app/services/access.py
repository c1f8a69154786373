"""The enforcement point of roles: permission checks, redaction, and the audit call.

Every service that writes checks the logged-in user's permission with `require`
or the `@requires(...)` decorator (domain.roles holds the table). Every read of a
sensitive field goes through `reveal`, which returns None to a role that may not
see it and chains an audit entry when it does show it, so the CLI, the reports and
the exports built from services can never show more than the role allows.

`audit(store, action=..., table=..., record_id=...)` is the one call services use
to log an action in the hash-chained audit log (storage.audit_log).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, Concatenate, ParamSpec, TypeVar

from coldwave_app.domain.roles import Permission, SensitiveField, check_permission, may_see
from coldwave_app.storage import audit_log
from coldwave_app.storage.local_store import LocalStore

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")


def require(store: LocalStore, permission: Permission) -> None:
    """Raise PermissionDenied (translated) unless the logged-in user has `permission`."""
    check_permission(store.user.role, permission)


def requires(
    permission: Permission,
) -> Callable[[Callable[Concatenate[LocalStore, P], R]], Callable[Concatenate[LocalStore, P], R]]:
    """Decorate a service whose first argument is the store: check before running."""

    def decorate(
        service: Callable[Concatenate[LocalStore, P], R],
    ) -> Callable[Concatenate[LocalStore, P], R]:
        @functools.wraps(service)
        def checked(store: LocalStore, /, *args: P.args, **kwargs: P.kwargs) -> R:
            require(store, permission)
            return service(store, *args, **kwargs)

        return checked

    return decorate


def audit(
    store: LocalStore,
    *,
    action: str,
    table: str | None = None,
    record_id: str | None = None,
    detail: Mapping[str, Any] | None = None,
) -> None:
    """Chain an entry in the audit log: who (the logged-in user) did `action` to what."""
    audit_log.append_entry(store, action=action, table=table, record_id=record_id, detail=detail)


def can_see(store: LocalStore, field: SensitiveField) -> bool:
    return may_see(store.user.role, field)


def reveal(
    store: LocalStore, field: SensitiveField, value: T, *, table: str, record_id: str
) -> T | None:
    """`value` if the user's role may see `field` (the view is audited), else None.

    An empty value reveals nothing and is not audited.
    """
    if not can_see(store, field):
        return None
    if value is not None and value != "" and value != []:
        audit(
            store,
            action="view_sensitive",
            table=table,
            record_id=record_id,
            detail={"field": field.value},
        )
    return value
