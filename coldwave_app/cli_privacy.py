"""Privacy commands: retention and purge of a closed campaign, and a person's rights.

- `coldwave retention --days N [--campaign ID]`: keep personal data N days after closure.
- `coldwave purge [--campaign ID] [--dry-run]`: after that period, clear the campaign's
  personal data (names, CIN, phone, notes, family contacts); figures stay the same.
  The dry run prints counts per table and persons, never a name.
- `coldwave person export --person ID --out FILE.json`: everything stored about one
  person (data-subject access), audited.
- `coldwave person correct --person ID --field F --value V`: rectify a field, audited.
"""

from __future__ import annotations

from pathlib import Path

import click

from coldwave_app.cli_common import data_dir_option, logged_in, reports_errors, user_option
from coldwave_app.i18n import _


@click.command("retention")
@data_dir_option
@user_option
@click.option("--days", type=int, required=True, help="Days kept after the campaign closes.")
@click.option("--campaign", "campaign_id", default=None, help="Campaign id (default: current).")
@reports_errors
def retention(data_dir: Path, user: str | None, days: int, campaign_id: str | None) -> None:
    """Set how long a campaign's personal data are kept after it closes."""
    from coldwave_app.services.retention import set_retention

    with logged_in(data_dir, user) as store:
        set_retention(store, campaign_id=campaign_id, days=days)
    click.echo(_("Personal data are kept {days} days after the campaign closes.").format(days=days))


@click.command("purge")
@data_dir_option
@user_option
@click.option("--campaign", "campaign_id", default=None, help="Campaign id (default: current).")
@click.option("--dry-run", is_flag=True, help="Only show what would be cleared.")
@reports_errors
def purge(data_dir: Path, user: str | None, campaign_id: str | None, dry_run: bool) -> None:
    """Clear a closed campaign's personal data once its retention period is over."""
    from coldwave_app.services.retention import purge_campaign

    with logged_in(data_dir, user) as store:
        report = purge_campaign(store, campaign_id=campaign_id, dry_run=dry_run)
    if dry_run:
        click.echo(_("Dry run: nothing was changed."))
    click.echo(f"{_('Persons')}\t{report.persons}")
    if report.persons_kept:
        click.echo(f"{_('Persons kept (still in another campaign)')}\t{report.persons_kept}")
    for table, count in sorted(report.rows.items()):
        click.echo(f"{table}\t{count}")
    if not dry_run:
        click.echo(
            _("Cleared {rows} records; identifiers and figures are kept.").format(
                rows=report.total_rows
            )
        )


@click.command("export")
@data_dir_option
@user_option
@click.option("--person", "person_id", required=True, help="The person's id.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@reports_errors
def person_export(data_dir: Path, user: str | None, person_id: str, out: Path) -> None:
    """Write everything stored about one person to a JSON file (their access right)."""
    from coldwave_app.services.subject_access import write_person_export

    with logged_in(data_dir, user) as store:
        rows = write_person_export(store, person_id=person_id, out=out)
    click.echo(_("Wrote {rows} records to {path}.").format(rows=rows, path=out))


@click.command("correct")
@data_dir_option
@user_option
@click.option("--person", "person_id", required=True, help="The person's id.")
@click.option("--field", required=True, help="Field to correct, e.g. family_name_latn.")
@click.option("--value", required=True, help="The corrected value (empty clears it).")
@reports_errors
def person_correct(
    data_dir: Path, user: str | None, person_id: str, field: str, value: str
) -> None:
    """Correct one field of a person's record at their request."""
    from coldwave_app.services.subject_access import correct_person

    with logged_in(data_dir, user) as store:
        correct_person(store, person_id=person_id, field=field, value=value)
    click.echo(_("Corrected."))


def add_privacy_commands(main: click.Group, person_group: click.Group) -> None:
    """Register the commands above on `coldwave` and `coldwave person`."""
    main.add_command(retention)
    main.add_command(purge)
    person_group.add_command(person_export)
    person_group.add_command(person_correct)
