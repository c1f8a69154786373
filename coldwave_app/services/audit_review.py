"""Checking the audit log of this laptop: every device's hash chain, and where it breaks."""

from __future__ import annotations

from dataclasses import dataclass

from coldwave_app.domain.audit_chain import ChainBreak
from coldwave_app.domain.roles import Permission
from coldwave_app.services.access import require
from coldwave_app.storage import audit_log
from coldwave_app.storage.local_store import LocalStore


@dataclass(frozen=True)
class AuditCheck:
    entries: int
    devices: int
    breaks: list[ChainBreak]

    @property
    def intact(self) -> bool:
        return not self.breaks


def verify_audit_log(store: LocalStore) -> AuditCheck:
    """Check every chain on this laptop (for users allowed to read the audit log)."""
    require(store, Permission.VIEW_AUDIT)
    count, breaks = audit_log.verify(store.db)
    devices = len({e["device_id"] for e in audit_log.entries(store.db)})
    return AuditCheck(count, devices, breaks)
