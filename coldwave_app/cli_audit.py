"""`coldwave audit verify`: check the hash chains of the audit log on this laptop.

Exit code 0 when every chain is whole, 7 when one is broken; each break is printed
as "device D, entry N: edited|removed|reordered|truncated".
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from coldwave_app.cli_common import data_dir_option, logged_in, reports_errors, user_option
from coldwave_app.domain.audit_chain import BreakKind
from coldwave_app.domain.errors import N_
from coldwave_app.i18n import _

BROKEN_EXIT = 7
KIND_LABELS = {
    BreakKind.EDITED: N_("edited"),
    BreakKind.REMOVED: N_("an entry before it was removed"),
    BreakKind.REORDERED: N_("out of order"),
    BreakKind.TRUNCATED: N_("missing: the end of the chain was cut"),
}

audit_group = click.Group("audit", help="The tamper-evident audit log.")


@audit_group.command("verify")
@data_dir_option
@user_option
@reports_errors
def audit_verify(data_dir: Path, user: str | None) -> None:
    """Check every device's audit chain and say where one was tampered with."""
    from coldwave_app.services.audit_review import verify_audit_log

    with logged_in(data_dir, user) as store:
        check = verify_audit_log(store)
    for found in check.breaks:
        click.echo(
            _("Device {device}, entry {seq}: {what}.").format(
                device=found.device_id, seq=found.seq, what=_(KIND_LABELS[found.kind])
            )
        )
    if not check.intact:
        click.echo(_("The audit log was tampered with."), err=True)
        sys.exit(BROKEN_EXIT)
    click.echo(
        _("Audit log intact: {entries} entries from {devices} devices.").format(
            entries=check.entries, devices=check.devices
        )
    )
