"""`coldwave export csv|xlsx|hxl --table CODE --from DAY --to DAY --out FILE`.

Aggregate exports of an indicator table (docs/exports.md): no names or ids, small
cells suppressed. The statement of what was suppressed is printed, written to the
XLSX's «About this export» sheet, or to a sidecar `.about.txt` file beside a CSV or HXL file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import click

from coldwave_app.cli_common import (
    logged_in,
    reports_errors,
)
from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.i18n import _

export_group = click.Group(
    "export", help="Aggregate exports (CSV, XLSX, HXL) with small cells suppressed."
)

TABLE_CODES = ("3w", "reached-by-douar", "items-by-douar", "occupancy-by-night")


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            N_("{option} must be a date written YYYY-MM-DD, not «{value}»."),
            option=option,
            value=text,
        ) from None


def _options(func: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option(
            "--table",
            "table",
            required=True,
            help="Table to export: " + ", ".join(TABLE_CODES) + ".",
        ),
        click.option("--from", "first", required=True, help="First day, YYYY-MM-DD."),
        click.option("--to", "last", required=True, help="Last day, YYYY-MM-DD."),
        click.option(
            "--threshold",
            type=int,
            default=5,
            show_default=True,
            help="Figures below this are left blank (1 or more).",
        ),
        click.option(
            "--out",
            required=True,
            type=click.Path(dir_okay=False, path_type=Path),
            help="File to write.",
        ),
        click.option(
            "--data-dir",
            envvar="COLDWAVE_DATA_DIR",
            required=True,
            type=click.Path(file_okay=False, path_type=Path),
            help="Data directory of this laptop (or COLDWAVE_DATA_DIR).",
        ),
        click.option(
            "--user",
            envvar="COLDWAVE_USER",
            default=None,
            help="User to log in as (or COLDWAVE_USER).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _run(
    fmt: str,
    table: str,
    first: str,
    last: str,
    threshold: int,
    out: Path,
    data_dir: Path,
    user: str | None,
) -> None:
    from coldwave_app.services.export_data import TABLES, export_table

    start, end = _day(first, "--from"), _day(last, "--to")
    if end < start:
        raise InvalidInput(N_("A period cannot end before it starts."))
    if threshold < 1:
        raise InvalidInput(N_("The suppression threshold must be 1 or more."))
    if table not in TABLES:
        raise InvalidInput(
            N_("Unknown table {table}; choose one of: {choices}."),
            table=table,
            choices=", ".join(TABLES),
        )
    with logged_in(data_dir, user) as store:
        done = export_table(
            store, table=table, fmt=fmt, out=out, start=start, end=end, threshold=threshold
        )
    click.echo(_("Wrote {rows} rows to {path}.").format(rows=done.rows, path=done.path))
    for line in done.statement:
        click.echo(line)
    if done.statement_path != done.path:
        click.echo(_("Statement written to {path}.").format(path=done.statement_path))


@export_group.command("csv")
@_options
@reports_errors
def export_csv(**kwargs: Any) -> None:
    """CSV (UTF-8 with BOM, for Excel) of an indicator table."""
    _run("csv", **kwargs)


@export_group.command("xlsx")
@_options
@reports_errors
def export_xlsx(**kwargs: Any) -> None:
    """XLSX workbook of an indicator table, with an «About this export» sheet."""
    _run("xlsx", **kwargs)


@export_group.command("hxl")
@_options
@reports_errors
def export_hxl(**kwargs: Any) -> None:
    """HXL-tagged CSV (hashtag row under the header) for OCHA 3W/4W."""
    _run("hxl", **kwargs)
