"""`coldwave-server campaign purge --campaign ID [--dry-run]`: the server's retention purge.

Prints the persons and the rows per table cleared (or, with --dry-run, that would
be), never a name. Refused, with the reason, for a campaign not closed, without a
retention period or still within it (server.retention).
"""

from __future__ import annotations

from pathlib import Path

import click
from sqlalchemy.exc import SQLAlchemyError

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.server.app import open_engine
from coldwave_app.server.config import make_settings
from coldwave_app.server.retention import purge_campaign
from coldwave_app.server.store.campaigns import get_campaign


@click.command("purge")
@click.option(
    "--data-dir",
    envvar="COLDWAVE_SERVER_DATA_DIR",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Directory of the server's files (and its SQLite database by default).",
)
@click.option("--database-url", envvar="COLDWAVE_SERVER_DATABASE_URL", default=None)
@click.option("--campaign", "campaign_id", required=True, help="Campaign id.")
@click.option("--dry-run", is_flag=True, help="Only count what would be cleared.")
def campaign_purge(
    data_dir: Path, database_url: str | None, campaign_id: str, dry_run: bool
) -> None:
    """Clear a closed campaign's personal data after its retention period."""
    try:
        engine = open_engine(make_settings(data_dir=data_dir, database_url=database_url))
    except (SQLAlchemyError, ImportError, OSError) as err:
        raise click.ClickException(f"cannot open the database: {err}") from None
    try:
        if get_campaign(engine=engine, campaign_id=campaign_id) is None:
            raise click.ClickException(f"unknown campaign {campaign_id!r}")
        try:
            report = purge_campaign(engine=engine, campaign_id=campaign_id, dry_run=dry_run)
        except ColdwaveError as refused:
            raise click.ClickException(str(refused)) from None
    finally:
        engine.dispose()
    if dry_run:
        click.echo("dry run: nothing was changed")
    click.echo(f"persons\t{report.persons}")
    if report.persons_kept:
        click.echo(f"persons kept (in another campaign)\t{report.persons_kept}")
    for table, count in sorted(report.rows.items()):
        click.echo(f"{table}\t{count}")
