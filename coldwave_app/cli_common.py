"""What every `coldwave` subcommand shares: data-dir and user options, the password,
and turning a ColdwaveError into one translated line and its exit code."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from coldwave_app.domain.errors import N_, ColdwaveError, InvalidInput
from coldwave_app.i18n import _, translate_error

if TYPE_CHECKING:
    from coldwave_app.storage.local_store import LocalStore

F = TypeVar("F", bound=Callable[..., Any])

data_dir_option = click.option(
    "--data-dir",
    envvar="COLDWAVE_DATA_DIR",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Data directory of this laptop (or COLDWAVE_DATA_DIR).",
)
user_option = click.option(
    "--user", envvar="COLDWAVE_USER", default=None, help="User to log in as (or COLDWAVE_USER)."
)


def reports_errors(func: F) -> F:
    """Turn ColdwaveError into one translated line and its exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ColdwaveError as err:
            click.echo(f"coldwave: {translate_error(err)}", err=True)
            sys.exit(err.exit_code)

    return wrapper  # type: ignore[return-value]


def password_from_env_or_prompt(*, confirm: bool = False) -> str:
    password = os.environ.get("COLDWAVE_PASSWORD")
    if password:
        return password
    if not sys.stdin.isatty():
        raise InvalidInput(N_("No password given: set COLDWAVE_PASSWORD or type it when asked."))
    return str(click.prompt(_("Password"), hide_input=True, confirmation_prompt=confirm))


@contextmanager
def logged_in(data_dir: Path, user: str | None) -> Iterator[LocalStore]:
    """The unlocked store of `data_dir` for `user`, closed however the command ends."""
    from coldwave_app.app import open_store

    store = open_store(data_dir, user=user, password=password_from_env_or_prompt())
    try:
        yield store
    finally:
        store.close()
