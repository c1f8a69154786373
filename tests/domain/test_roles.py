"""The role table: who may do what, who sees which sensitive field."""

from __future__ import annotations

import pytest

from coldwave_app.domain.case_rules import NoteVisibility, can_read
from coldwave_app.domain.roles import (
    Permission,
    PermissionDenied,
    SensitiveField,
    check_permission,
    may,
    may_see,
)
from coldwave_app.domain.vocabulary import Role


def test_admin_may_do_everything_and_see_everything() -> None:
    assert all(may(Role.ADMIN, p) for p in Permission)
    assert all(may_see(Role.ADMIN, f) for f in SensitiveField)


def test_viewer_sees_no_sensitive_field_and_only_reads_aggregates() -> None:
    assert not any(may_see(Role.VIEWER, f) for f in SensitiveField)
    assert {p for p in Permission if may(Role.VIEWER, p)} == {
        Permission.VIEW_REPORTS,
        Permission.EXPORT_AGGREGATE,
    }


def test_only_admins_manage_users() -> None:
    assert [r for r in Role if may(r, Permission.MANAGE_USERS)] == [Role.ADMIN]


@pytest.mark.parametrize("role", list(Role))
def test_note_rules_and_field_rules_agree(role: Role) -> None:
    assert can_read(NoteVisibility.HEALTH_ONLY, role) == may_see(role, SensitiveField.HEALTH)
    assert can_read(NoteVisibility.CASEWORKER_ONLY, role) == may_see(
        role, SensitiveField.CASE_NOTES_CASEWORKER
    )


def test_unknown_role_gets_nothing() -> None:
    assert not may("janitor", Permission.VIEW_REPORTS)
    assert not may_see("janitor", SensitiveField.CIN)


def test_refusal_names_the_role_and_the_action() -> None:
    with pytest.raises(PermissionDenied) as caught:
        check_permission(Role.VIEWER, Permission.RECORD_SHELTER)
    assert caught.value.params["role"] == "viewer"
    assert caught.value.params["action"] == "record shelter stays and services"
    check_permission(Role.SHELTER_STAFF, Permission.RECORD_SHELTER)  # no error
