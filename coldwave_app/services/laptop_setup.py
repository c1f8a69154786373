"""A laptop's very first step: an encrypted data directory with its first administrator.

Used by `coldwave init` and by the desktop's first-run window, so both check the same
things: a user name, a password that follows the rules (storage.keystore), and a data
directory that does not hold a laptop already (the keystore refuses that one).
"""

from __future__ import annotations

from pathlib import Path

from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.storage.geography import load_geography
from coldwave_app.storage.keystore import KdfParams, check_password_rules
from coldwave_app.storage.local_store import LocalStore, initialise

__all__ = ["create_laptop"]


def create_laptop(
    data_dir: Path,
    *,
    admin: str,
    password: str,
    repeated: str | None = None,
    kdf: KdfParams | None = None,
) -> LocalStore:
    """Create `data_dir` for `admin` and load the geography; returns the open store.

    `repeated`, when given, must equal `password` (a form's second field). Nothing is
    written when a check fails. Takes about a second (key derivation, 40,244 places).
    """
    name = admin.strip()
    if not name:
        raise InvalidInput(N_("A user name cannot be empty."))
    if repeated is not None and repeated != password:
        raise InvalidInput(N_("The two passwords are not the same."))
    check_password_rules(password, name)  # before anything is written, even the folder
    # A folder that already holds a laptop is refused by the keystore (StorageRefused).
    store = initialise(data_dir, admin=name, password=password, kdf=kdf)
    try:
        load_geography(store.db)
    except BaseException:
        store.close()
        raise
    return store
