"""`coldwave publish --server URL --code CODE`: bring this laptop's own campaign to a
sync server (coldwave_app.services.sync_service.publish). `enrol` and `sync` stay in cli.py."""

from __future__ import annotations

from pathlib import Path

import click

from coldwave_app.cli_common import data_dir_option, logged_in, reports_errors, user_option
from coldwave_app.i18n import _


@click.command()
@data_dir_option
@user_option
@click.option("--server", required=True, help="Address of the sync server (http://...).")
@click.option(
    "--code", required=True, help="One-time publish code (coldwave-server campaign invite)."
)
@click.option("--label", default="", help="A name for this laptop, shown to the server's admin.")
@reports_errors
def publish(data_dir: Path, user: str | None, server: str, code: str, label: str) -> None:
    """Publish this laptop's campaign to a sync server, so other laptops can join it."""
    from coldwave_app.services.sync_service import publish as publish_campaign

    with logged_in(data_dir, user) as store:
        published = publish_campaign(store, server_url=server, code=code, label=label)
    click.echo(
        _(
            "Published campaign {name} ({province}); run `coldwave sync` to send its records."
        ).format(name=published.campaign_name, province=published.province_code)
    )
