"""`coldwave import households`: run as a user would, in French and in Arabic."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from helpers.cli import run_coldwave
from helpers.stores import ADMIN, PASSWORD

from coldwave_app.services.campaign_setup import create_campaign
from coldwave_app.storage.local_store import unlock

DOUAR = "3010301201001"
EXAMPLE = Path(__file__).resolve().parent / "data" / "import" / "menages-ar.csv"
BROKEN = [
    "Nom;Prénom;Sexe;Année de naissance;Taille du ménage",
    "Ouhammou;Moha;H;1958;6",
    "Itto;Fatima;X;1970;3",
    "Alaoui;Haddou;H;1985;trois",
]


@pytest.fixture
def campaign_dir(data_dir: Path) -> Path:
    store = unlock(data_dir, username=ADMIN, password=PASSWORD)
    try:
        create_campaign(store, name="Hiver", province_code="05.301", period_start=date(2025, 11, 1))
    finally:
        store.close()
    return data_dir


def households(data_dir: Path) -> int:
    result = run_coldwave("stats", "--data-dir", str(data_dir), "--json")
    return int(json.loads(result.stdout)["counts"]["household"])


@pytest.fixture
def broken_csv(tmp_path: Path) -> Path:
    path = tmp_path / "douar.csv"
    path.write_text("\n".join(BROKEN) + "\n", encoding="utf-8")
    return path


def test_the_example_list_is_imported(campaign_dir: Path) -> None:
    result = run_coldwave(
        "import", "households", str(EXAMPLE), "--douar", DOUAR, "--data-dir", str(campaign_dir)
    )
    assert result.returncode == 0, result.stderr
    assert "3" in result.stdout
    assert households(campaign_dir) == 3


def test_broken_rows_are_refused_one_french_line_per_problem(
    campaign_dir: Path, broken_csv: Path
) -> None:
    result = run_coldwave(
        "import", "households", str(broken_csv), "--douar", DOUAR, "--data-dir", str(campaign_dir)
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3  # two problems, then the refusal
    assert lines[0].startswith("Ligne 3, colonne «Sexe»")
    assert lines[1].startswith("Ligne 4, colonne «Taille du ménage»")
    assert lines[2].startswith("coldwave: ")
    assert "Traceback" not in result.stderr
    assert households(campaign_dir) == 0


def test_problems_are_reported_in_arabic(campaign_dir: Path, broken_csv: Path) -> None:
    result = run_coldwave(
        "--lang",
        "ar",
        "import",
        "households",
        str(broken_csv),
        "--douar",
        DOUAR,
        "--data-dir",
        str(campaign_dir),
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3
    assert all(any("\u0600" <= ch <= "\u06ff" for ch in line) for line in lines)
    assert "«Sexe»" in lines[0]


def test_skip_invalid_imports_the_rest_and_lists_what_was_skipped(
    campaign_dir: Path, broken_csv: Path
) -> None:
    result = run_coldwave(
        "import",
        "households",
        str(broken_csv),
        "--douar",
        DOUAR,
        "--skip-invalid",
        "--json",
        "--data-dir",
        str(campaign_dir),
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["imported"] == 1
    assert report["skipped"] == [3, 4]
    assert [(p["row"], p["column"]) for p in report["problems"]] == [
        (3, "Sexe"),
        (4, "Taille du ménage"),
    ]
    assert households(campaign_dir) == 1


def test_an_unknown_douar_is_one_clear_line(campaign_dir: Path) -> None:
    result = run_coldwave(
        "import", "households", str(EXAMPLE), "--douar", "05.301", "--data-dir", str(campaign_dir)
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "05.301" in result.stderr
