"""`coldwave import households FILE --douar CODE`: a douar's household list from CSV or XLSX.

The report prints one translated line per problem (row, column, what is wrong) on
stderr. When rows are invalid and --skip-invalid is not given, nothing is written
and the exit code is 2. docs/import-households.md documents the column layout.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from coldwave_app.cli_common import (
    data_dir_option,
    password_from_env_or_prompt,
    reports_errors,
    user_option,
)
from coldwave_app.domain.errors import InvalidInput
from coldwave_app.domain.import_layout import RowProblem
from coldwave_app.i18n import _, translate_error

import_group = click.Group("import", help="Import lists prepared elsewhere (CSV or XLSX).")


def problem_line(problem: RowProblem) -> str:
    """One translated line: where the problem is, and what it is."""
    text = translate_error(InvalidInput(problem.msgid, **problem.params), isolate=False)
    if problem.column:
        return _("Row {row}, column «{column}»: {problem}").format(
            row=problem.row, column=problem.column, problem=text
        )
    return _("Row {row}: {problem}").format(row=problem.row, problem=text)


def _problems_json(problems: Sequence[RowProblem]) -> list[dict[str, object]]:
    return [
        {
            "row": p.row,
            "column": p.column,
            "msgid": p.msgid,
            "message": translate_error(InvalidInput(p.msgid, **p.params), isolate=False),
        }
        for p in problems
    ]


@import_group.command("households")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--douar", "douar_code", required=True, help="Code of the douar the list is for.")
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Import the valid rows and list the skipped ones (default: import nothing if any "
    "row is invalid).",
)
@data_dir_option
@user_option
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@reports_errors
def households(
    file: Path,
    douar_code: str,
    skip_invalid: bool,
    data_dir: Path,
    user: str | None,
    as_json: bool,
) -> None:
    """Import the households of one douar from a CSV or XLSX list."""
    from coldwave_app.app import open_store
    from coldwave_app.services.household_import import ImportRefused, import_households

    store = open_store(data_dir, user=user, password=password_from_env_or_prompt())
    try:
        report = import_households(
            store, path=file, douar_code=douar_code, skip_invalid=skip_invalid
        )
    except ImportRefused as refused:
        if as_json:
            payload = {"imported": 0, "refused": True, "problems": _problems_json(refused.problems)}
            click.echo(json.dumps(payload, ensure_ascii=False, sort_keys=True))
        for problem in refused.problems:
            click.echo(problem_line(problem), err=True)
        click.echo(f"coldwave: {translate_error(refused, isolate=False)}", err=True)
        sys.exit(refused.exit_code)
    finally:
        store.close()
    if as_json:
        payload = {
            "imported": report.imported,
            "refused": False,
            "skipped": report.skipped,
            "problems": _problems_json(report.problems),
            "likely_duplicates": [
                {
                    "row": d.row,
                    "person_id": d.person_id,
                    "beneficiary_code": d.beneficiary_code,
                    "score": d.score,
                }
                for d in report.likely_duplicates
            ],
            "household_ids": report.household_ids,
            "ignored_columns": report.ignored_columns,
        }
        click.echo(json.dumps(payload, ensure_ascii=False, sort_keys=True))
        return
    click.echo(_("Households imported: {count}.").format(count=report.imported))
    if report.skipped:
        click.echo(
            _("Invalid rows skipped ({count}): {rows}.").format(
                count=len(report.skipped), rows=", ".join(str(r) for r in report.skipped)
            )
        )
        for problem in report.problems:
            click.echo(problem_line(problem))
    for duplicate in report.likely_duplicates:
        click.echo(
            _(
                "Row {row}: may be the same person as {person} (score {score}); "
                "created anyway, to review."
            ).format(
                row=duplicate.row,
                person=duplicate.beneficiary_code or duplicate.person_id,
                score=duplicate.score,
            )
        )
    if report.ignored_columns:
        click.echo(
            _("Columns ignored: {columns}.").format(
                columns=", ".join(f"«{c}»" for c in report.ignored_columns)
            )
        )
