"""`coldwave-server audit verify --campaign ID`: check the audit chains devices pushed.

Prints one line per break ("device D, entry N: edited|removed|reordered|truncated")
and exits 1 when any chain is broken; otherwise says how many entries were checked.
"""

from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy.exc import SQLAlchemyError

from coldwave_app.server.app import open_engine
from coldwave_app.server.audit_chain import verify_campaign_audit
from coldwave_app.server.config import make_settings
from coldwave_app.server.store.campaigns import get_campaign


@click.group("audit")
def audit_group() -> None:
    """The audit logs of the devices."""


@audit_group.command("verify")
@click.option(
    "--data-dir",
    envvar="COLDWAVE_SERVER_DATA_DIR",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory of the server's files (and its SQLite database by default).",
)
@click.option("--database-url", envvar="COLDWAVE_SERVER_DATABASE_URL", default=None)
@click.option("--campaign", "campaign_id", required=True, help="Campaign id.")
def audit_verify(data_dir: Path, database_url: str | None, campaign_id: str) -> None:
    """Check every device's audit chain of a campaign; say where one was tampered with."""
    try:
        engine = open_engine(make_settings(data_dir=data_dir, database_url=database_url))
    except (SQLAlchemyError, ImportError, OSError) as err:
        raise click.ClickException(f"cannot open the database: {err}") from None
    try:
        if get_campaign(engine=engine, campaign_id=campaign_id) is None:
            raise click.ClickException(f"unknown campaign {campaign_id!r}")
        count, breaks = verify_campaign_audit(engine=engine, campaign_id=campaign_id)
    finally:
        engine.dispose()
    for found in breaks:
        click.echo(f"device {found.device_id}, entry {found.seq}: {found.kind.value}")
    if breaks:
        raise click.ClickException(f"the audit log of campaign {campaign_id} was tampered with")
    click.echo(f"audit log intact: {count} entries")
