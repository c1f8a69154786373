"""The `coldwave` command: set-up, figures, and one clear line for every mistake."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.cli import run_coldwave
from helpers.stores import ADMIN, PASSWORD

from coldwave_app import __version__
from coldwave_app.cli import main


def test_version_is_printed() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_init_creates_an_encrypted_data_dir_with_the_geography(tmp_path: Path) -> None:
    result = run_coldwave("init", "--data-dir", str(tmp_path / "d"), "--admin", "karim")
    assert result.returncode == 0, result.stderr
    assert "40244" in result.stdout  # every unit from région to douar
    assert (tmp_path / "d" / "keys.json").exists()
    stats = run_coldwave("stats", "--data-dir", str(tmp_path / "d"), "--json")
    assert stats.returncode == 0, stats.stderr
    figures = json.loads(stats.stdout)
    assert figures["counts"]["app_user"] == 1


def test_init_refuses_a_data_dir_that_already_has_a_database(data_dir: Path) -> None:
    result = run_coldwave("init", "--data-dir", str(data_dir), "--admin", "karim")
    assert result.returncode == 4
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_wrong_password_gives_one_clear_line_and_exit_code_3(data_dir: Path) -> None:
    result = run_coldwave(
        "stats", "--data-dir", str(data_dir), env={"COLDWAVE_PASSWORD": "wrong pass"}
    )
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == f"coldwave: Mot de passe incorrect pour l'utilisateur {ADMIN}."


def test_errors_are_printed_in_arabic_when_asked(data_dir: Path) -> None:
    result = run_coldwave(
        "--lang",
        "ar",
        "stats",
        "--data-dir",
        str(data_dir),
        env={"COLDWAVE_PASSWORD": "wrong pass"},
    )
    assert result.returncode == 3
    assert any("\u0600" <= ch <= "\u06ff" for ch in result.stderr)


def test_stats_on_a_missing_data_dir_points_to_init(tmp_path: Path) -> None:
    result = run_coldwave("stats", "--data-dir", str(tmp_path / "none"))
    assert result.returncode == 4
    assert "coldwave init" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_password_without_a_terminal_is_a_clear_error(data_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "COLDWAVE_PASSWORD"}
    env["COLDWAVE_LANG"] = "fr"
    result = subprocess.run(
        [sys.executable, "-m", "coldwave_app.cli", "stats", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert result.returncode == 2
    assert "COLDWAVE_PASSWORD" in result.stderr


def test_negative_counts_are_refused_by_generate(data_dir: Path) -> None:
    result = run_coldwave(
        "generate", "--data-dir", str(data_dir), "--persons", "-5", "--events", "0", "--seed", "1"
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_data_dir_comes_from_the_environment(data_dir: Path) -> None:
    result = run_coldwave("stats", "--json", env={"COLDWAVE_DATA_DIR": str(data_dir)})
    assert result.returncode == 0, result.stderr
    assert "state_digest" in json.loads(result.stdout)


def test_generate_then_stats_reports_counts_items_outbox_and_digest(data_dir: Path) -> None:
    result = run_coldwave(
        "generate",
        "--data-dir",
        str(data_dir),
        "--persons",
        "200",
        "--events",
        "1000",
        "--edits",
        "10",
        "--seed",
        "7",
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(run_coldwave("stats", "--data-dir", str(data_dir), "--json").stdout)
    counts = figures["counts"]
    assert counts["person"] == 200
    events = sum(
        counts[t]
        for t in (
            "distribution_event",
            "distribution_line",
            "bed_night",
            "service_delivery",
            "encounter",
            "follow_up",
        )
    )
    assert events == 1000
    assert figures["items_distributed"]["FLOUR"] > 0
    assert figures["pending_changes"] > 1000 + 200
    assert figures["open_conflicts"] == 0
    assert len(figures["state_digest"]) == 64


def test_generate_is_deterministic_for_a_seed(template_dir: Path, tmp_path: Path) -> None:
    from coldwave_app.services.synthetic_season import generate_season
    from coldwave_app.storage.digest import content_digest
    from coldwave_app.storage.local_store import unlock

    digests = []
    for name in ("a", "b", "c"):
        target = tmp_path / name
        shutil.copytree(template_dir, target)
        store = unlock(target, username=ADMIN, password=PASSWORD)
        generate_season(store, persons=50, events=300, edits=5, seed=3 if name != "c" else 4)
        digests.append(content_digest(store.db))
        store.close()
    assert digests[0] == digests[1]
    assert digests[0] != digests[2]


@pytest.mark.parametrize("persons", ["0"])
def test_events_without_persons_are_refused(data_dir: Path, persons: str) -> None:
    result = run_coldwave(
        "generate",
        "--data-dir",
        str(data_dir),
        "--persons",
        persons,
        "--events",
        "10",
        "--seed",
        "1",
    )
    assert result.returncode == 2
    assert "--persons" in result.stderr


def test_tour_without_a_data_dir_builds_the_demo_and_renders_pngs(tmp_path: Path) -> None:
    result = run_coldwave(
        "tour",
        "--out",
        str(tmp_path / "png"),
        env={"HOME": str(tmp_path / "home"), "COLDWAVE_PASSWORD": "", "QT_QPA_PLATFORM": ""},
    )
    assert result.returncode == 0, result.stderr
    pngs = sorted((tmp_path / "png").glob("*.png"))
    names = [p.name for p in pngs]
    assert "01-home-fr.png" in names and "01-home-ar.png" in names
    for picture in ("sync", "conflicts", "login", "about", "lock"):
        for lang in ("ar", "fr"):
            assert any(n.endswith(f"-{picture}-{lang}.png") for n in names), (picture, lang)
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in pngs)


def test_tour_in_one_language(tmp_path: Path) -> None:
    result = run_coldwave(
        "tour",
        "--out",
        str(tmp_path / "png"),
        "--lang",
        "ar",
        env={"HOME": str(tmp_path / "home"), "COLDWAVE_PASSWORD": "", "QT_QPA_PLATFORM": ""},
    )
    assert result.returncode == 0, result.stderr
    names = [p.name for p in (tmp_path / "png").glob("*.png")]
    assert names and all(n.endswith("-ar.png") for n in names)


def test_demo_without_a_display_says_so_and_points_to_the_tour(tmp_path: Path) -> None:
    env = {"DISPLAY": "", "WAYLAND_DISPLAY": "", "QT_QPA_PLATFORM": "", "COLDWAVE_PASSWORD": ""}
    result = run_coldwave("demo", "--data-dir", str(tmp_path / "demo"), env=env)
    assert result.returncode == 0, result.stderr
    assert "coldwave tour --out DIR" in result.stderr
    assert "Traceback" not in result.stderr and "qt.qpa" not in result.stderr
    stats = run_coldwave(
        "stats",
        "--data-dir",
        str(tmp_path / "demo"),
        "--json",
        env={"COLDWAVE_PASSWORD": "coldwave-demo"},
    )
    figures = json.loads(stats.stdout)
    assert figures["counts"]["bed"] == 40  # 34 beds and 6 overflow beds
    assert figures["counts"]["campaign_target"] == 40
    assert figures["campaign"] == "Hiver 2025-2026 – Province de Khénifra"
