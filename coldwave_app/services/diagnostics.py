"""The text behind "Copy diagnostics" and `coldwave diagnostics`: enough for support, no secrets.

It gathers versions (coldwave, Python, the OS, Qt's installed version read from
package metadata without loading Qt, SQLite and SQLCipher), the settings that are
not secrets, record counts, pending changes, the last sync, the backups and the
last lines of the device log (which holds no personal data by construction).
"""

from __future__ import annotations

import platform
import sys
from importlib.metadata import PackageNotFoundError, version

from coldwave_app import __version__
from coldwave_app.logging_setup import last_lines, log_path
from coldwave_app.services.backup_service import last_backup_at
from coldwave_app.services.overview import campaign_overview
from coldwave_app.storage import backups
from coldwave_app.storage.diagnostic_queries import (
    engine_versions,
    schema_migrations,
    visible_settings,
)
from coldwave_app.storage.local_store import LocalStore

LOG_LINES = 200


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def _section(title: str, pairs: dict[str, object]) -> list[str]:
    return [f"[{title}]", *(f"{key}: {value}" for key, value in pairs.items()), ""]


def gather_diagnostics(store: LocalStore, *, log_lines: int = LOG_LINES) -> str:
    """A plain-text report for support about this laptop and its open store."""
    overview = campaign_overview(store)
    data_dir = store.data_dir
    versions: dict[str, object] = {
        "coldwave": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "qt (PySide6)": _package_version("PySide6-Essentials"),
        **engine_versions(store.db),
    }
    state: dict[str, object] = {
        "schema": ", ".join(schema_migrations(store.db)),
        "pending changes": overview.pending_changes,
        "open conflicts": overview.open_conflicts,
        "last sync": overview.last_sync_at or "never",
        "backups": len(backups.list_backups(data_dir)),
        "last backup": last_backup_at(data_dir) or "never",
        "user role": store.user.role,
    }
    lines = [
        "coldwave diagnostics",
        "",
        *_section("versions", versions),
        *_section("settings", dict(visible_settings(store.db))),
        *_section("state", state),
        *_section("records", dict(overview.counts)),
        f"[log: last {log_lines} lines of {log_path(data_dir).name}]",
        *last_lines(data_dir, log_lines),
    ]
    return "\n".join(lines) + "\n"
