"""The `coldwave-server` command: run the sync server, create campaigns, manage devices.

Every mistake (unknown campaign or device, bad scope, unusable database) ends
with one `Error: ...` line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import re
import socket
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click
import uvicorn
from sqlalchemy import Engine
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from coldwave_app.domain.vocabulary import Role
from coldwave_app.server.app import create_app, open_engine, server_version
from coldwave_app.server.cli_audit import audit_group
from coldwave_app.server.cli_retention import campaign_purge
from coldwave_app.server.config import Settings, make_settings
from coldwave_app.server.store.bundles import BundleRejected, import_device_bundle
from coldwave_app.server.store.campaigns import create_campaign, get_campaign
from coldwave_app.server.store.devices import add_pending_device, list_devices, revoke_device
from coldwave_app.server.store.publish import PUBLISHER_ROLES, add_publish_invite
from coldwave_app.sync.bundle_format import write_atomically

F = TypeVar("F", bound=Callable[..., Any])
PROVINCE_CODE = re.compile(r"^\d{2}\.\d{3}$")
SCOPE = re.compile(r"^(province:\d{2}\.\d{3}|facility:[A-Za-z0-9_.:-]{1,80})$")


def _database_options(function: F) -> F:
    function = click.option(
        "--database-url",
        envvar="COLDWAVE_SERVER_DATABASE_URL",
        default=None,
        help="SQLAlchemy URL; default sqlite:///DATA_DIR/server.db. "
        "PostgreSQL: postgresql+psycopg://user@host:port/dbname",
    )(function)
    return click.option(
        "--data-dir",
        envvar="COLDWAVE_SERVER_DATA_DIR",
        required=True,
        type=click.Path(file_okay=False, path_type=Path),
        help="Directory of the server's files (and its SQLite database by default).",
    )(function)


def _settings(data_dir: Path, database_url: str | None) -> Settings:
    try:
        return make_settings(data_dir=data_dir, database_url=database_url)
    except OSError as err:
        raise click.ClickException(
            f"cannot use data directory {data_dir}: {err.strerror}"
        ) from None


@contextmanager
def _database(settings: Settings) -> Iterator[Engine]:
    """A migrated engine; database failures become one-line errors."""
    try:
        engine = open_engine(settings)
    except ArgumentError as err:
        raise click.ClickException(f"invalid database URL: {_first_line(err)}") from None
    except (SQLAlchemyError, ImportError) as err:
        raise click.ClickException(f"cannot open the database: {_first_line(err)}") from None
    try:
        yield engine
    except SQLAlchemyError as err:
        raise click.ClickException(f"database error: {_first_line(err)}") from None
    finally:
        engine.dispose()


def _first_line(err: BaseException) -> str:
    cause = getattr(err, "orig", None) or err
    lines = [line.strip() for line in str(cause).splitlines() if line.strip()]
    return lines[0] if lines else type(cause).__name__


@click.group()
@click.version_option(server_version(), prog_name="coldwave-server")
def main() -> None:
    """Central sync server of coldwave."""


@main.command()
@_database_options
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8470, show_default=True, type=click.IntRange(0, 65535))
def run(data_dir: Path, database_url: str | None, host: str, port: int) -> None:
    """Serve the sync API. With --port 0 a free port is chosen and printed."""
    settings = _settings(data_dir, database_url)
    with _database(settings) as engine:
        try:
            sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((host, port))
        except OSError as err:
            raise click.ClickException(f"cannot listen on {host}:{port}: {err.strerror}") from None
        bound_port = sock.getsockname()[1]
        config = uvicorn.Config(create_app(settings, engine=engine), log_level="warning")
        server = _AnnouncingServer(config, f"http://{_url_host(host)}:{bound_port}")
        server.run(sockets=[sock])


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


class _AnnouncingServer(uvicorn.Server):
    """Prints `coldwave-server listening on URL` once it accepts connections."""

    def __init__(self, config: uvicorn.Config, url: str) -> None:
        super().__init__(config)
        self._url = url

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            click.echo(f"coldwave-server listening on {self._url}")
            sys.stdout.flush()


@main.group()
def campaign() -> None:
    """Campaigns."""


@campaign.command("create")
@_database_options
@click.option("--name", required=True)
@click.option("--province", required=True, help="Province code, RR.PPP (e.g. 05.301).")
def campaign_create(data_dir: Path, database_url: str | None, name: str, province: str) -> None:
    """Create a campaign and print its id."""
    if not PROVINCE_CODE.match(province):
        raise click.ClickException(
            f"province code must look like RR.PPP (e.g. 05.301): {province!r}"
        )
    if not name.strip():
        raise click.ClickException("the campaign name must not be empty")
    with _database(_settings(data_dir, database_url)) as engine:
        created = create_campaign(engine=engine, name=name.strip(), province_code=province)
    click.echo(created.id)


@campaign.command("invite")
@_database_options
@click.option(
    "--role",
    type=click.Choice(PUBLISHER_ROLES),
    default=PUBLISHER_ROLES[0],
    show_default=True,
    help="Role of the publishing laptop (it holds the whole campaign).",
)
@click.option("--label", default="", help="A name for the laptop.")
def campaign_invite(data_dir: Path, database_url: str | None, role: str, label: str) -> None:
    """Make a one-time publish code (valid 72 hours) and print it.

    A laptop that started its campaign alone runs `coldwave publish --server URL
    --code CODE`: the server takes its campaign (same id) and the laptop becomes
    its first device; others then join with `device enrol` codes.
    """
    if len(label) > 80:
        raise click.ClickException("the label is longer than 80 characters")
    with _database(_settings(data_dir, database_url)) as engine:
        _invite, code = add_publish_invite(engine=engine, role=role, label=label)
    click.echo(code)


@main.group()
def device() -> None:
    """Devices: enrol, list, revoke."""


@device.command("enrol")
@_database_options
@click.option("--campaign", "campaign_id", required=True, help="Campaign id.")
@click.option(
    "--scope", default=None, help="province:RR.PPP or facility:ID (default: the province)."
)
@click.option("--role", default=Role.OUTREACH_WORKER.value, show_default=True)
@click.option("--label", default="", help="A name for the laptop.")
def device_enrol(
    data_dir: Path,
    database_url: str | None,
    campaign_id: str,
    scope: str | None,
    role: str,
    label: str,
) -> None:
    """Make a one-time enrolment code (valid 72 hours) and print it."""
    if scope is not None and not SCOPE.match(scope):
        raise click.ClickException(f"scope must be province:RR.PPP or facility:ID, not {scope!r}")
    if role not in {r.value for r in Role}:
        raise click.ClickException(
            f"unknown role {role!r}; one of {', '.join(r.value for r in Role)}"
        )
    if len(label) > 80:
        raise click.ClickException("the label is longer than 80 characters")
    with _database(_settings(data_dir, database_url)) as engine:
        found = get_campaign(engine=engine, campaign_id=campaign_id)
        if found is None:
            raise click.ClickException(f"unknown campaign {campaign_id!r}")
        _device, code = add_pending_device(
            engine=engine,
            campaign_id=found.id,
            role=role,
            scope=scope or f"province:{found.province_code}",
            label=label,
        )
    click.echo(code)


@device.command("list")
@_database_options
def device_list(data_dir: Path, database_url: str | None) -> None:
    """One line per device: id, status, campaign, role, scope, label."""
    with _database(_settings(data_dir, database_url)) as engine:
        devices = list_devices(engine=engine)
    for found in devices:
        fields = (found.id, found.status, found.campaign_id, found.role, found.scope, found.label)
        click.echo("\t".join(fields))


@device.command("revoke")
@_database_options
@click.argument("device_id")
def device_revoke(data_dir: Path, database_url: str | None, device_id: str) -> None:
    """Revoke a device: its token stops working at once."""
    with _database(_settings(data_dir, database_url)) as engine:
        if not revoke_device(engine=engine, device_id=device_id):
            raise click.ClickException(f"unknown device {device_id!r}")
    click.echo(f"revoked {device_id}")


@main.group()
def bundle() -> None:
    """Bundles: sync carried by USB stick from laptops without a network."""


@bundle.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Reply bundle to write, for the laptop to import.",
)
@_database_options
def bundle_import(file: Path, out: Path, data_dir: Path, database_url: str | None) -> None:
    """Import a laptop's bundle and write the reply it must import in turn."""
    try:
        data = file.read_bytes()
    except OSError as err:
        raise click.ClickException(f"cannot read {file}: {err.strerror}") from None
    with _database(_settings(data_dir, database_url)) as engine:
        try:
            done = import_device_bundle(engine=engine, data=data)
        except BundleRejected as rejected:
            raise click.ClickException(f"{file}: {rejected}") from None
    try:
        write_atomically(out, done.reply)
    except OSError as err:
        raise click.ClickException(
            f"the bundle was imported but the reply cannot be written to {out}: {err.strerror}; "
            "import the same bundle again to write it"
        ) from None
    click.echo(
        f"bundle {done.bundle_id} from {done.device_id}: accepted {done.accepted}, "
        f"duplicates {done.duplicates}, rejected {done.rejected}; "
        f"reply {out} carries {done.sent} changes"
        + (" (more remain: exchange another bundle)" if done.more else "")
    )


main.add_command(audit_group)
campaign.add_command(campaign_purge)


if __name__ == "__main__":
    main()
