"""`coldwave backup`, `coldwave restore` and `coldwave diagnostics`.

backup writes an encrypted copy (into the data directory's rotation, or to --out);
restore puts one back (a FILE, or --latest good one from the rotation), or with
--set-aside moves a damaged database away so the campaign can be downloaded again;
diagnostics prints (or writes) what support needs, with no personal data.
"""

from __future__ import annotations

from pathlib import Path

import click

from coldwave_app.cli_common import (
    data_dir_option,
    logged_in,
    password_from_env_or_prompt,
    reports_errors,
    user_option,
)
from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.i18n import _


@click.command()
@data_dir_option
@user_option
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the backup to this file (default: DATA_DIR/backups/, rotated).",
)
@reports_errors
def backup(data_dir: Path, user: str | None, out: Path | None) -> None:
    """Write an encrypted backup of this laptop's database."""
    from coldwave_app.services.backup_service import backup_now

    with logged_in(data_dir, user) as store:
        made = backup_now(store, out=out)
    click.echo(
        _("Backup written to {path} ({size} KB in {seconds:.1f} s).").format(
            path=made.path, size=made.size // 1024, seconds=made.seconds
        )
    )


@click.command()
@data_dir_option
@user_option
@click.argument(
    "source", required=False, type=click.Path(dir_okay=False, path_type=Path), default=None
)
@click.option("--latest", is_flag=True, help="Restore the newest good automatic backup.")
@click.option(
    "--set-aside",
    "set_aside",
    is_flag=True,
    help="Move a damaged database aside to download the campaign again.",
)
@reports_errors
def restore(
    data_dir: Path, user: str | None, source: Path | None, latest: bool, set_aside: bool
) -> None:
    """Put a backup back in place of this laptop's database (keeps it aside until done)."""
    from coldwave_app.app import default_user
    from coldwave_app.logging_setup import configure_logging
    from coldwave_app.services.backup_service import (
        restore_backup,
        restore_latest,
        set_aside_for_download,
        unlock_key,
    )

    if sum([source is not None, latest, set_aside]) != 1:
        raise InvalidInput(N_("Give a backup FILE, or --latest, or --set-aside (one of them)."))
    configure_logging(data_dir)
    key = unlock_key(
        data_dir,
        username=user or default_user(data_dir),
        password=password_from_env_or_prompt(),
    )
    if set_aside:
        aside = set_aside_for_download(data_dir)
        click.echo(
            _(
                "The database was moved to {path}. Run `coldwave init` and `coldwave enrol` "
                "to download the campaign again."
            ).format(path=aside)
        )
        return
    done = (
        restore_latest(data_dir, key=key)
        if latest
        else restore_backup(data_dir, source or Path(), key=key)
    )
    click.echo(_("Restored {path}.").format(path=done.source))
    if done.previous_backup is not None:
        click.echo(
            _("The replaced database was kept as the backup {path}.").format(
                path=done.previous_backup
            )
        )


@click.command()
@data_dir_option
@user_option
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file instead of printing.",
)
@reports_errors
def diagnostics(data_dir: Path, user: str | None, out: Path | None) -> None:
    """Versions, settings (no secrets), counts and the last log lines, for support."""
    from coldwave_app.services.diagnostics import gather_diagnostics

    with logged_in(data_dir, user) as store:
        text = gather_diagnostics(store)
    if out is None:
        click.echo(text, nl=False)
        return
    out.write_text(text, encoding="utf-8")
    click.echo(_("Diagnostics written to {path}.").format(path=out))
