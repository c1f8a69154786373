"""Applies the append-only local migrations of db/local/ with sqlite-utils Migrations.

Each `db/local/mNNNN_*.py` file defines `migrate(db)`; files are applied in name
order, each in its own transaction together with its record in
`_sqlite_migrations`, so a failing migration leaves the database as it was.
A database that records a migration this build does not know was written by a
newer coldwave and is refused rather than half-understood.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from sqlite_utils import Database, Migrations

from coldwave_app.domain.errors import N_, StorageRefused
from coldwave_app.resource_files import migrations_dir

MIGRATION_SET = "coldwave-local"


@cache
def _load(directory: Path) -> tuple[tuple[str, Callable[[Any], None]], ...]:
    found = []
    for path in sorted(directory.glob("m[0-9][0-9][0-9][0-9]_*.py")):
        spec = importlib.util.spec_from_file_location(f"coldwave_migration_{path.stem}", path)
        if spec is None or spec.loader is None:
            raise RuntimeError(f"cannot load migration {path}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        found.append((path.stem, module.migrate))
    if not found:
        raise RuntimeError(f"no migrations found in {directory}")
    return tuple(found)


def known_migrations(directory: Path | None = None) -> list[str]:
    return [name for name, _ in _load(directory or migrations_dir())]


def migration_set(directory: Path | None = None) -> Migrations:
    migrations = Migrations(MIGRATION_SET)
    for name, fn in _load(directory or migrations_dir()):
        migrations(name=name)(fn)
    return migrations


def refuse_newer(db: Database, directory: Path | None = None) -> None:
    """Raise StorageRefused when `db` carries migrations this build does not know."""
    migrations = migration_set(directory)
    known = known_migrations(directory)
    applied = [m.name for m in migrations.applied(db)]
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise StorageRefused(
            N_(
                "This database was written by a newer version of coldwave "
                "(schema {found}, this version knows {known}). "
                "Update coldwave before opening it."
            ),
            found=len(applied),
            known=len(known),
        )


def apply_pending(db: Database, directory: Path | None = None) -> list[str]:
    """Apply every pending migration; return the names applied."""
    refuse_newer(db, directory)
    migrations = migration_set(directory)
    pending = [m.name for m in migrations.pending(db)]
    if pending:
        migrations.apply(db)
        db.execute(f"PRAGMA user_version = {len(known_migrations(directory))}")
    return pending
