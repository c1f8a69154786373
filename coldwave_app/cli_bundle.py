"""`coldwave bundle export --out FILE` and `coldwave bundle import FILE`: sync by USB stick.

At a douar without a network the laptop exports its pending changes to a bundle
file; at the office `coldwave-server bundle import FILE --out REPLY` stores them
and writes a reply with everything the laptop must receive; back on the laptop,
`coldwave bundle import REPLY` applies it. Bundles are signed and encrypted
(coldwave_app.sync.bundle_format); replaying one changes nothing.
"""

from __future__ import annotations

from pathlib import Path

import click

from coldwave_app.cli_common import (
    data_dir_option,
    logged_in,
    reports_errors,
    user_option,
)
from coldwave_app.i18n import _

bundle_group = click.Group("bundle", help="Sync by files (USB stick) when there is no network.")


@bundle_group.command("export")
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Bundle file to write (e.g. on a USB stick).",
)
@data_dir_option
@user_option
@reports_errors
def export(out: Path, data_dir: Path, user: str | None) -> None:
    """Write this laptop's unsent changes to a signed, encrypted bundle for the server."""
    from coldwave_app.services.bundle_service import export_bundle

    with logged_in(data_dir, user) as store:
        done = export_bundle(store, out)
    click.echo(
        _("Wrote {changes} changes to {path}; bring it to the server's office.").format(
            changes=done.changes, path=out
        )
    )


@bundle_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@data_dir_option
@user_option
@reports_errors
def import_reply(file: Path, data_dir: Path, user: str | None) -> None:
    """Apply the server's reply bundle to this laptop."""
    from coldwave_app.services.bundle_service import import_reply as apply_reply

    with logged_in(data_dir, user) as store:
        summary = apply_reply(store, file)
    click.echo(
        _(
            "Pushed {pushed} (accepted {accepted}, duplicates {duplicates}, rejected "
            "{rejected}); pulled {pulled}; conflicts {conflicts}."
        ).format(**summary.as_dict())
    )
