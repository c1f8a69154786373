"""`coldwave report sitrep|cards|case`: run as a user would, on the demo season."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import zxingcpp
from helpers.cli import run_coldwave
from helpers.pdf_read import page_images
from helpers.stores import ADMIN, PASSWORD

from coldwave_app.services.demo_campaign import build_demo_campaign
from coldwave_app.storage.local_store import unlock

DOUAR = "3010513202045"


@pytest.fixture(scope="module")
def demo_dir(template_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("cli-report") / "data"
    shutil.copytree(template_dir, target)
    store = unlock(target, username=ADMIN, password=PASSWORD)
    try:
        build_demo_campaign(store, seed=2025)
    finally:
        store.close()
    return target


def _a_referral(data_dir: Path) -> str:
    store = unlock(data_dir, username=ADMIN, password=PASSWORD)
    try:
        row = store.db.execute(
            "SELECT r.id FROM referral r JOIN consent c ON c.id = r.consent_id "
            "WHERE c.withdrawn_at IS NULL ORDER BY r.sent_on, r.id LIMIT 1"
        ).fetchone()
    finally:
        store.close()
    return str(row[0])


def test_sitrep_writes_a_pdf_and_says_how_many_pages(demo_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "sitrep.pdf"
    result = run_coldwave(
        "report", "sitrep", "--date", "2026-01-10", "--lang", "both", "--out", str(out),
        "--data-dir", str(demo_dir),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert result.stdout.strip().endswith(" pages") and " : " in result.stdout


def test_cards_of_a_douar_scan_back(demo_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "cards.pdf"
    result = run_coldwave(
        "report", "cards", "--douar", DOUAR, "--issued", "2026-01-15", "--out", str(out),
        "--data-dir", str(demo_dir),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"{out} : 1 pages"
    codes = [b.text for image in page_images(out) for b in zxingcpp.read_barcodes(image)]
    assert codes and all(code.startswith("H-") for code in codes)


def test_case_summary_of_a_referral(demo_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "case.pdf"
    result = run_coldwave(
        "report", "case", "--referral", _a_referral(demo_dir), "--lang", "ar", "--out", str(out),
        "--data-dir", str(demo_dir),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert out.exists() and "pages" in result.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("sitrep", "--date", "2026-13-01"), "AAAA-MM-JJ"),
        (("cards", "--douar", DOUAR, "--issued", "15/01/2026"), "AAAA-MM-JJ"),
        (("cards",), "--douar"),
        (("case", "--referral", "nope"), "nope"),
    ],
)
def test_one_clear_line_for_each_mistake(
    demo_dir: Path, tmp_path: Path, args: tuple[str, ...], expected: str
) -> None:
    out = tmp_path / "x.pdf"
    result = run_coldwave("report", *args, "--out", str(out), "--data-dir", str(demo_dir))
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], result.stderr
    assert not out.exists()
