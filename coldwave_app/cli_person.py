"""`coldwave person show ID`: one person's record as your role may see it.

Sensitive fields your role may not read (CIN, health, family contacts) are shown
as withheld, never printed; the ones shown are written to the audit log.
"""

from __future__ import annotations

from pathlib import Path

import click

from coldwave_app.cli_common import data_dir_option, logged_in, reports_errors, user_option
from coldwave_app.i18n import _

person_group = click.Group("person", help="People: show one record.")


@person_group.command("show")
@data_dir_option
@user_option
@click.argument("person_id")
@reports_errors
def person_show(data_dir: Path, user: str | None, person_id: str) -> None:
    """Print a person's record; fields your role may not read are withheld."""
    from coldwave_app.services.person_record import person_record

    withheld = _("(withheld for your role)")
    with logged_in(data_dir, user) as store:
        record = person_record(store, person_id=person_id)
    click.echo(f"{_('Code')}: {record.beneficiary_code}")
    click.echo(f"{_('Name')}: {record.name_ar} {record.name_latn}".rstrip())
    click.echo(f"{_('Sex')}: {record.sex}")
    click.echo(f"{_('Birth year')}: {record.birth_year or ''}")
    click.echo(f"{_('CIN')}: {withheld if record.cin_masked is None else record.cin_masked}")
    if record.health is None:
        click.echo(f"{_('Health')}: {withheld}")
    else:
        for seen in record.health:
            click.echo(f"{_('Health')}: {seen.observed_on} {seen.category} {seen.text}".rstrip())
    if record.family_contacts is None:
        click.echo(f"{_('Family contact')}: {withheld}")
    else:
        for contact in record.family_contacts:
            line = f"{contact.name} ({contact.relation}) {contact.phone} {contact.place}"
            click.echo(f"{_('Family contact')}: {line}".rstrip())
