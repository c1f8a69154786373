"""What each staff role may do and see: permissions and field-level visibility.

Law 09-08 (research/domain.md §3.6, §6.5): health data and the CIN are sensitive;
health, family-contact and caseworker details go only to the roles that need them.
This module is the single table of those rules; services enforce it
(services/access.py), never the screens alone, so the CLI, reports and exports
obey the same table.

Unknown roles and unknown fields read as "no": a row written by a newer release
with a role this one does not know gets nothing rather than everything.
"""

from __future__ import annotations

from enum import StrEnum

from coldwave_app.domain.errors import N_, ColdwaveError
from coldwave_app.domain.vocabulary import Role


class PermissionDenied(ColdwaveError):
    """The logged-in user's role may not do this."""

    exit_code = 6


class Permission(StrEnum):
    RECORD_SHELTER = "record_shelter"
    RECORD_DISTRIBUTION = "record_distribution"
    RECORD_ENCOUNTER = "record_encounter"
    REGISTER_PEOPLE = "register_people"
    MANAGE_CASES = "manage_cases"
    RECORD_HEALTH = "record_health"
    MERGE_PEOPLE = "merge_people"
    VIEW_REPORTS = "view_reports"
    EXPORT_AGGREGATE = "export_aggregate"
    EXPORT_PERSONAL = "export_personal"
    MANAGE_USERS = "manage_users"
    MANAGE_CAMPAIGN = "manage_campaign"
    RESOLVE_CONFLICTS = "resolve_conflicts"
    OVERRIDE_ENTITLEMENT = "override_entitlement"
    VIEW_AUDIT = "view_audit"


class SensitiveField(StrEnum):
    """Kinds of sensitive field, each hidden from the roles that do not need it."""

    HEALTH = "health"  # health observations, health-only notes, health details
    CASE_NOTES_CASEWORKER = "case_notes_caseworker"  # caseworker-only case notes
    FAMILY_CONTACT = "family_contact"  # name, phone and place of a family contact
    CIN = "cin"  # the (masked) national identity card number


# What each permission is called in a refusal: "Your role may not {action}."
PERMISSION_LABELS: dict[Permission, str] = {
    Permission.RECORD_SHELTER: N_("record shelter stays and services"),
    Permission.RECORD_DISTRIBUTION: N_("record distributions and stock"),
    Permission.RECORD_ENCOUNTER: N_("record street encounters"),
    Permission.REGISTER_PEOPLE: N_("register people and households"),
    Permission.MANAGE_CASES: N_("manage case files"),
    Permission.RECORD_HEALTH: N_("record health data"),
    Permission.MERGE_PEOPLE: N_("merge duplicate people"),
    Permission.VIEW_REPORTS: N_("print aggregate reports"),
    Permission.EXPORT_AGGREGATE: N_("export aggregate tables"),
    Permission.EXPORT_PERSONAL: N_("print or export lists of named people"),
    Permission.MANAGE_USERS: N_("manage users"),
    Permission.MANAGE_CAMPAIGN: N_("set up the campaign"),
    Permission.RESOLVE_CONFLICTS: N_("resolve sync conflicts"),
    Permission.OVERRIDE_ENTITLEMENT: N_("override an entitlement rule"),
    Permission.VIEW_AUDIT: N_("read the audit log"),
}

_EVERYONE = frozenset({Permission.VIEW_REPORTS, Permission.EXPORT_AGGREGATE})

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.CAMPAIGN_LEAD: _EVERYONE
    | {
        Permission.REGISTER_PEOPLE,
        Permission.RECORD_DISTRIBUTION,
        Permission.MERGE_PEOPLE,
        Permission.EXPORT_PERSONAL,
        Permission.MANAGE_CAMPAIGN,
        Permission.RESOLVE_CONFLICTS,
        Permission.OVERRIDE_ENTITLEMENT,
        Permission.VIEW_AUDIT,
    },
    Role.SHELTER_STAFF: _EVERYONE
    | {
        Permission.RECORD_SHELTER,
        Permission.RECORD_ENCOUNTER,
        Permission.REGISTER_PEOPLE,
        Permission.EXPORT_PERSONAL,
    },
    Role.OUTREACH_WORKER: _EVERYONE
    | {
        Permission.RECORD_DISTRIBUTION,
        Permission.RECORD_ENCOUNTER,
        Permission.REGISTER_PEOPLE,
        Permission.EXPORT_PERSONAL,
    },
    Role.SOCIAL_WORKER: _EVERYONE
    | {Permission.MANAGE_CASES, Permission.REGISTER_PEOPLE, Permission.EXPORT_PERSONAL},
    Role.HEALTH_WORKER: _EVERYONE | {Permission.RECORD_HEALTH, Permission.EXPORT_PERSONAL},
    Role.VIEWER: _EVERYONE,
}

# Who reads each kind of sensitive field. Admins read everything because they answer
# a person's request for their own data (the same rule as case_rules.can_read).
FIELD_READERS: dict[SensitiveField, frozenset[Role]] = {
    SensitiveField.HEALTH: frozenset({Role.ADMIN, Role.HEALTH_WORKER}),
    SensitiveField.CASE_NOTES_CASEWORKER: frozenset({Role.ADMIN, Role.SOCIAL_WORKER}),
    SensitiveField.FAMILY_CONTACT: frozenset({Role.ADMIN, Role.SOCIAL_WORKER}),
    SensitiveField.CIN: frozenset(
        {Role.ADMIN, Role.SHELTER_STAFF, Role.OUTREACH_WORKER, Role.SOCIAL_WORKER}
    ),
}


def _role(role: Role | str) -> Role | None:
    try:
        return Role(role)
    except ValueError:
        return None


def is_role(role: str) -> bool:
    return _role(role) is not None


def may(role: Role | str, permission: Permission) -> bool:
    """Whether a user with `role` may do what `permission` names."""
    known = _role(role)
    return known is not None and permission in ROLE_PERMISSIONS[known]


def may_see(role: Role | str, field: SensitiveField) -> bool:
    """Whether a user with `role` may read fields of kind `field`."""
    known = _role(role)
    return known is not None and known in FIELD_READERS[field]


def check_permission(role: Role | str, permission: Permission) -> None:
    """Raise PermissionDenied unless `role` has `permission`."""
    if not may(role, permission):
        raise PermissionDenied(
            N_("Your role ({role}) may not {action}. Ask an administrator."),
            role=str(role),
            action=PERMISSION_LABELS[permission],
        )
