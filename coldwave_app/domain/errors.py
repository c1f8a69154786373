"""Errors a user can act on, carried up to the edge that translates them.

Each error holds an English message id plus named parameters. The CLI, the
desktop app and the server translate the id into the user's language at the
edge (coldwave_app.i18n), so the rules below stay free of presentation. Mark
every message id with `N_` so the catalog extractor finds it.
"""

from __future__ import annotations

from typing import Any


def N_(message: str) -> str:
    """Mark a string for translation without translating it here."""
    return message


class ColdwaveError(Exception):
    """Base of every error that is the user's to fix. `exit_code` is for the CLI."""

    exit_code = 1

    def __init__(self, msgid: str, **params: Any) -> None:
        super().__init__(msgid.format(**params) if params else msgid)
        self.msgid = msgid
        self.params = params


class InvalidInput(ColdwaveError):
    """Bad input from a form, a file, the command line or the network."""

    exit_code = 2


class AuthenticationFailed(ColdwaveError):
    """Wrong password or unknown user."""

    exit_code = 3


class StorageRefused(ColdwaveError):
    """The database cannot be opened safely (newer version, damaged, not ours)."""

    exit_code = 4


class RuleViolation(ColdwaveError):
    """A business rule refused the action (double check-in, entitlement, ...)."""

    exit_code = 5
