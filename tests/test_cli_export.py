"""`coldwave export csv|xlsx|hxl`: run as a user would, on the demo season."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from helpers.cli import run_coldwave
from helpers.stores import ADMIN, PASSWORD
from openpyxl import load_workbook

from coldwave_app.services.demo_campaign import build_demo_campaign
from coldwave_app.storage.local_store import unlock

PERIOD = ("--from", "2025-11-17", "--to", "2026-02-28")


@pytest.fixture(scope="module")
def demo_dir(template_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("cli-export") / "data"
    shutil.copytree(template_dir, target)
    store = unlock(target, username=ADMIN, password=PASSWORD)
    try:
        build_demo_campaign(store, seed=2025)
    finally:
        store.close()
    return target


def test_hxl_export_of_the_3w_with_its_statement(demo_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "3w.csv"
    result = run_coldwave(
        "export", "hxl", "--table", "3w", *PERIOD, "--out", str(out), "--data-dir", str(demo_dir)
    )
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    assert rows[1][:4] == ["#date+start", "#date+end", "#adm1+name", "#adm1+code"]
    assert "#reached+hh" in rows[1] and "#reached+ind+f" in rows[1]
    assert "seuil 5" in result.stdout and "cellules supprimées" in result.stdout
    assert "seuil 5" in (tmp_path / "3w.about.txt").read_text(encoding="utf-8")


def test_xlsx_and_csv_exports_with_a_chosen_threshold(demo_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "items.xlsx"
    result = run_coldwave(
        "export", "xlsx", "--table", "items-by-douar", *PERIOD, "--threshold", "10",
        "--out", str(out), "--data-dir", str(demo_dir),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    book = load_workbook(out)
    assert len(book.sheetnames) == 2 and "seuil 10" in result.stdout
    quantities = [r[-1] for r in book.worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert all(q is None or (isinstance(q, int | float) and q >= 10) for q in quantities)
    out = tmp_path / "nights.csv"
    result = run_coldwave(
        "export", "csv", "--table", "occupancy-by-night", *PERIOD, "--out", str(out),
        "--data-dir", str(demo_dir),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--table", "3w", "--from", "2026-13-01", "--to", "2026-02-28"), "AAAA-MM-JJ"),
        (("--table", "persons", *PERIOD), "Tableau inconnu"),
        (("--table", "3w", *PERIOD, "--threshold", "0"), "seuil"),
        (("--table", "3w", "--from", "2026-02-28", "--to", "2026-01-01"), "avant"),
    ],
)
def test_clear_one_line_errors(
    demo_dir: Path, tmp_path: Path, args: tuple[str, ...], expected: str
) -> None:
    out = tmp_path / "x.csv"
    result = run_coldwave("export", "csv", *args, "--out", str(out), "--data-dir", str(demo_dir))
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], result.stderr
    assert not out.exists()
