"""The `coldwave` command: set up a laptop, build the demo, generate data, print figures.

Every command takes COLDWAVE_DATA_DIR, COLDWAVE_USER and COLDWAVE_PASSWORD from
the environment as well as from options. Errors the user can fix are printed as
one translated line on stderr with a non-zero exit code, never as a traceback.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coldwave_app import __version__
from coldwave_app.cli_audit import audit_group
from coldwave_app.cli_backup import backup, diagnostics, restore
from coldwave_app.cli_bundle import bundle_group
from coldwave_app.cli_common import (
    data_dir_option,
    logged_in,
    password_from_env_or_prompt,
    reports_errors,
    user_option,
)
from coldwave_app.cli_export import export_group
from coldwave_app.cli_guard import GuardedGroup
from coldwave_app.cli_import import import_group
from coldwave_app.cli_person import person_group
from coldwave_app.cli_privacy import add_privacy_commands
from coldwave_app.cli_report import report_group
from coldwave_app.cli_sync import publish
from coldwave_app.cli_user import user_group
from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.i18n import _, default_language, set_language

if TYPE_CHECKING:
    from coldwave_app.storage.local_store import LocalStore

DEMO_ADMIN = "admin"
DEMO_PASSWORD = "coldwave-demo"
DEFAULT_DEMO_DIR = Path.home() / ".local" / "share" / "coldwave" / "demo"


@click.group(cls=GuardedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="coldwave")
@click.option(
    "--lang",
    type=click.Choice(["ar", "fr"]),
    default=None,
    help="Language of messages (default: COLDWAVE_LANG, then the system's).",
)
def main(lang: str | None) -> None:
    """coldwave: records for Morocco's winter cold-wave campaigns."""
    set_language(lang or default_language())


@main.command()
@data_dir_option
@click.option("--admin", required=True, help="User name of the first administrator.")
@reports_errors
def init(data_dir: Path, admin: str) -> None:
    """Create a new encrypted data directory with its first administrator."""
    from coldwave_app.services.laptop_setup import create_laptop
    from coldwave_app.storage.geography import place_count

    if not admin.strip():
        raise InvalidInput(N_("A user name cannot be empty."))
    password = password_from_env_or_prompt(confirm=True)
    started = time.perf_counter()
    store = create_laptop(data_dir, admin=admin, password=password)
    try:
        places = place_count(store.db)
    finally:
        store.close()
    click.echo(
        _("Created {path} for {user}: {places} places loaded in {seconds:.1f} s.").format(
            path=data_dir, user=admin, places=places, seconds=time.perf_counter() - started
        )
    )


def _open_or_build_demo(data_dir: Path) -> LocalStore:
    """Open the demo data directory, building the demo campaign on first use."""
    from coldwave_app.app import open_store
    from coldwave_app.services.demo_campaign import build_demo_campaign
    from coldwave_app.storage.geography import load_geography
    from coldwave_app.storage.local_store import initialise

    password = os.environ.get("COLDWAVE_PASSWORD") or DEMO_PASSWORD
    if (data_dir / "keys.json").exists():
        store = open_store(data_dir, user=os.environ.get("COLDWAVE_USER"), password=password)
    else:
        click.echo(_("Building the demo campaign in {path} ...").format(path=data_dir))
        store = initialise(data_dir, admin=DEMO_ADMIN, password=password)
        load_geography(store.db)
    if store.campaign_id is None:
        try:
            build_demo_campaign(store)
        except BaseException:
            store.close()
            raise
        click.echo(
            _("Demo ready. User: {user}, password: {password}").format(
                user=DEMO_ADMIN, password=password
            )
        )
    return store


@main.command()
@data_dir_option
@click.option("--no-gui", is_flag=True, help="Build the demo data only; do not open a window.")
@reports_errors
def demo(data_dir: Path, no_gui: bool) -> None:
    """Build the demo campaign (Khénifra) if missing, then open the app on it."""
    from coldwave_app.app import start_desktop

    store = _open_or_build_demo(data_dir)
    try:
        if not no_gui:
            sys.exit(start_desktop(store, language=default_language()))
    finally:
        store.close()


@main.command(name="open")
@data_dir_option
@user_option
@reports_errors
def open_app(data_dir: Path, user: str | None) -> None:
    """Open the desktop app; without COLDWAVE_PASSWORD it asks in a login window."""
    from coldwave_app.app import open_store, start_desktop

    password = os.environ.get("COLDWAVE_PASSWORD")
    if not password:
        sys.exit(start_desktop(None, data_dir=data_dir, user=user, language=default_language()))
    store = open_store(data_dir, user=user, password=password)
    try:
        sys.exit(start_desktop(store, language=default_language()))
    finally:
        store.close()


@main.command()
@data_dir_option
@user_option
@click.option("--persons", type=click.IntRange(min=0), required=True)
@click.option("--events", type=click.IntRange(min=0), required=True)
@click.option("--edits", type=click.IntRange(min=0), default=0, show_default=True)
@click.option("--seed", type=int, required=True)
@reports_errors
def generate(
    data_dir: Path, user: str | None, persons: int, events: int, edits: int, seed: int
) -> None:
    """Add a deterministic synthetic season (for benchmarks and sync tests)."""
    from coldwave_app.app import open_store
    from coldwave_app.services.synthetic_season import generate_season

    store = open_store(data_dir, user=user, password=password_from_env_or_prompt())
    started = time.perf_counter()
    try:
        generate_season(store, persons=persons, events=events, edits=edits, seed=seed)
    finally:
        store.close()
    click.echo(
        _("Generated {persons} persons and {events} events in {seconds:.1f} s.").format(
            persons=persons, events=events, seconds=time.perf_counter() - started
        )
    )


@main.command()
@data_dir_option
@user_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@reports_errors
def stats(data_dir: Path, user: str | None, as_json: bool) -> None:
    """Counts per record type, items given, unsynced changes, conflicts and the digest."""
    from coldwave_app.services.overview import campaign_overview, state_digest

    with logged_in(data_dir, user) as store:
        overview = campaign_overview(store)
        figures = {
            "campaign": overview.campaign_name,
            "counts": overview.counts,
            "items_distributed": overview.items_distributed,
            "pending_changes": overview.pending_changes,
            "open_conflicts": overview.open_conflicts,
            "state_digest": state_digest(store),
        }
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False, sort_keys=True))
        return
    for table, count in overview.counts.items():
        click.echo(f"{table:24} {count:>10}")
    click.echo(f"{_('Pending changes'):24} {overview.pending_changes:>10}")
    click.echo(f"{_('Open conflicts'):24} {overview.open_conflicts:>10}")
    click.echo(f"state_digest {figures['state_digest']}")


@main.command()
@click.option(
    "--data-dir",
    envvar="COLDWAVE_DATA_DIR",
    default=None,
    type=click.Path(file_okay=False, path_type=Path),
    help="Data directory to show (default: the demo campaign, built if missing).",
)
@user_option
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--lang",
    "tour_lang",
    type=click.Choice(["ar", "fr", "both"]),
    default="both",
    show_default=True,
    help="Language of the pictures.",
)
@reports_errors
def tour(data_dir: Path | None, user: str | None, out: Path, tour_lang: str) -> None:
    """Render every main screen offscreen to PNG files (no display needed)."""
    from coldwave_app.app import open_store, render_tour

    if data_dir is None:
        data_dir = DEFAULT_DEMO_DIR
        store = _open_or_build_demo(data_dir)
    else:
        store = open_store(data_dir, user=user, password=password_from_env_or_prompt())
    try:
        paths = render_tour(store, out, language=None if tour_lang == "both" else tour_lang)
    finally:
        store.close()
    for path in paths:
        click.echo(str(path))


@main.command()
@data_dir_option
@user_option
@click.option("--server", required=True, help="Address of the sync server (http://...).")
@click.option("--code", required=True, help="One-time enrolment code from the server.")
@click.option("--label", default="", help="A name for this laptop, shown to the server's admin.")
@reports_errors
def enrol(data_dir: Path, user: str | None, server: str, code: str, label: str) -> None:
    """Join a campaign on the central server with a one-time code."""
    from coldwave_app.services.sync_service import enrol as enrol_device

    with logged_in(data_dir, user) as store:
        joined = enrol_device(store, server_url=server, code=code, label=label)
    click.echo(
        _("Enrolled in campaign {name} ({province}).").format(
            name=joined.campaign_name, province=joined.province_code
        )
    )


@main.command()
@data_dir_option
@user_option
@click.option("--server", default=None, help="New address of the server, if it moved.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@reports_errors
def sync(data_dir: Path, user: str | None, server: str | None, as_json: bool) -> None:
    """Push this laptop's changes, then pull everyone else's."""
    from coldwave_app.services.sync_service import sync_now

    with logged_in(data_dir, user) as store:
        summary = sync_now(store, server_url=server)
    if as_json:
        click.echo(json.dumps(summary.as_dict(), sort_keys=True))
        return
    click.echo(
        _(
            "Pushed {pushed} (accepted {accepted}, duplicates {duplicates}, rejected "
            "{rejected}); pulled {pulled}; conflicts {conflicts}."
        ).format(**summary.as_dict())
    )


for _group in (import_group, bundle_group, export_group, report_group, publish):
    main.add_command(_group)
for _command in (backup, restore, diagnostics):
    main.add_command(_command)
for _group in (user_group, audit_group, person_group):
    main.add_command(_group)
add_privacy_commands(main, person_group)


if __name__ == "__main__":
    main()
