"""`coldwave user add|list|passwd|reset|role`: the staff accounts of this laptop.

The logged-in user's password comes from COLDWAVE_PASSWORD (or a prompt) as for
every command; a new password from COLDWAVE_NEW_PASSWORD (or a prompt, typed twice).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from coldwave_app.cli_common import data_dir_option, logged_in, reports_errors, user_option
from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.domain.vocabulary import Role
from coldwave_app.i18n import _

user_group = click.Group("user", help="Staff accounts of this laptop: add, list, passwords, roles.")


def _new_password() -> str:
    password = os.environ.get("COLDWAVE_NEW_PASSWORD")
    if password:
        return password
    if not sys.stdin.isatty():
        raise InvalidInput(
            N_("No new password given: set COLDWAVE_NEW_PASSWORD or type it when asked.")
        )
    return str(click.prompt(_("New password"), hide_input=True, confirmation_prompt=True))


@user_group.command("add")
@data_dir_option
@user_option
@click.argument("username")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--name", "display_name", default=None, help="Full name shown in the app.")
@reports_errors
def user_add(
    data_dir: Path, user: str | None, username: str, role: str, display_name: str | None
) -> None:
    """Add a user with a role (administrators only)."""
    from coldwave_app.services.users import add_user

    with logged_in(data_dir, user) as store:
        added = add_user(
            store,
            username=username,
            password=_new_password(),
            role=role,
            display_name=display_name,
        )
    click.echo(_("Added {user} ({role}).").format(user=added.username, role=added.role))


@user_group.command("list")
@data_dir_option
@user_option
@reports_errors
def user_list(data_dir: Path, user: str | None) -> None:
    """One line per user: name, role, full name, and whether the account is active."""
    from coldwave_app.services.users import list_users

    with logged_in(data_dir, user) as store:
        users = list_users(store)
    for found in users:
        state = _("active") if found.active else _("inactive")
        click.echo(f"{found.username}\t{found.role}\t{found.display_name}\t{state}")


@user_group.command("passwd")
@data_dir_option
@user_option
@reports_errors
def user_passwd(data_dir: Path, user: str | None) -> None:
    """Change your own password (the current one is COLDWAVE_PASSWORD or asked)."""
    from coldwave_app.cli_common import password_from_env_or_prompt
    from coldwave_app.services.users import change_password

    old = password_from_env_or_prompt()
    with logged_in(data_dir, user) as store:
        change_password(store, old_password=old, new_password=_new_password())
        name = store.user.username
    click.echo(_("Password of {user} changed.").format(user=name))


@user_group.command("reset")
@data_dir_option
@user_option
@click.argument("username")
@reports_errors
def user_reset(data_dir: Path, user: str | None, username: str) -> None:
    """Set a new password for another user (administrators only)."""
    from coldwave_app.services.users import reset_password

    with logged_in(data_dir, user) as store:
        reset_password(store, username=username, new_password=_new_password())
    click.echo(_("Password of {user} changed.").format(user=username))


@user_group.command("role")
@data_dir_option
@user_option
@click.argument("username")
@click.argument("role", type=click.Choice([r.value for r in Role]))
@reports_errors
def user_role(data_dir: Path, user: str | None, username: str, role: str) -> None:
    """Change a user's role (administrators only)."""
    from coldwave_app.services.users import set_role

    with logged_in(data_dir, user) as store:
        set_role(store, username=username, role=role)
    click.echo(_("{user} is now {role}.").format(user=username, role=role))
