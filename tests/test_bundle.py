"""The PyInstaller bundle (build_installer.spec) builds and runs on a clean data dir.

Builds the onedir into a temporary directory, then runs the frozen `coldwave` the way a
field laptop would: no checkout on the path, no venv, a fresh HOME, offscreen Qt. The
build takes minutes, so it happens once per module; PyInstaller comes from the `bundle`
extra (`make bundle` installs it), and without it these tests are skipped with that reason.
"""

from __future__ import annotations

import importlib.metadata
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

pytest.importorskip("PyInstaller", reason="PyInstaller is the `bundle` extra: run `make bundle`")

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
DEMO_USER = "admin"
DEMO_PASSWORD = "coldwave-demo"
# Server side and dev tools: none of them may reach a field laptop.
LEFT_OUT = ("fastapi", "starlette", "uvicorn", "sqlalchemy", "alembic", "psycopg", "pytest")


@dataclass(frozen=True)
class Bundle:
    executable: Path
    home: Path

    @property
    def internal(self) -> Path:
        return self.executable.parent / "_internal"

    def run(self, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        """Run the frozen app with only a laptop's environment (no PYTHONPATH, no venv)."""
        clean = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(self.home),
            "QT_QPA_PLATFORM": "offscreen",
            "COLDWAVE_LANG": "fr",
            **env,
        }
        return subprocess.run(
            [str(self.executable), *args],
            cwd=self.home,
            env=clean,
            capture_output=True,
            text=True,
            timeout=600,
        )


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bundle]:
    work = tmp_path_factory.mktemp("bundle")
    started = time.perf_counter()
    built = subprocess.run(
        [
            # The console script, as `make bundle` runs it (`python -m PyInstaller` would put
            # the checkout first on sys.path, and its coldwave.egg-info would be bundled).
            str(Path(sys.executable).parent / "pyinstaller"),
            "--noconfirm",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(ROOT / "build_installer.spec"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert built.returncode == 0, built.stderr[-4000:]
    print(f"\nbundle built in {time.perf_counter() - started:.1f} s")
    home = work / "home"
    home.mkdir()
    yield Bundle(executable=work / "dist" / "coldwave" / "coldwave", home=home)


@pytest.fixture(scope="module")
def demo_dir(bundle: Bundle) -> Path:
    data_dir = bundle.home / "demo"
    result = bundle.run("demo", "--no-gui", "--data-dir", str(data_dir))
    assert result.returncode == 0, result.stderr
    return data_dir


def _demo_login() -> dict[str, str]:
    return {"COLDWAVE_USER": DEMO_USER, "COLDWAVE_PASSWORD": DEMO_PASSWORD}


def test_bundle_reports_the_package_version(bundle: Bundle) -> None:
    expected = importlib.metadata.version("coldwave")
    result = bundle.run("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"coldwave, version {expected}"
    # Read from the package metadata, not the fallback in coldwave_app/__init__.py.
    metadata = bundle.internal / f"coldwave-{expected}.dist-info" / "METADATA"
    assert f"\nVersion: {expected}\n" in metadata.read_text(encoding="utf-8")


def test_bundle_initialises_a_new_data_dir(bundle: Bundle) -> None:
    data_dir = bundle.home / "field"
    login = {"COLDWAVE_PASSWORD": "hiver-khenifra-2026"}
    created = bundle.run("init", "--data-dir", str(data_dir), "--admin", "amina", **login)
    assert created.returncode == 0, created.stderr
    figures = bundle.run("stats", "--json", "--data-dir", str(data_dir), "--user", "amina", **login)
    assert figures.returncode == 0, figures.stderr
    stats = json.loads(figures.stdout)
    assert stats["counts"]["app_user"] == 1
    assert stats["campaign"] is None


def test_bundle_builds_the_demo_campaign(bundle: Bundle, demo_dir: Path) -> None:
    figures = bundle.run("stats", "--json", "--data-dir", str(demo_dir), **_demo_login())
    assert figures.returncode == 0, figures.stderr
    stats = json.loads(figures.stdout)
    assert stats["counts"]["campaign"] == 1
    assert stats["counts"]["household"] > 0
    assert stats["counts"]["distribution_line"] > 0


def test_bundle_renders_the_tour_in_both_languages(
    bundle: Bundle, demo_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "tour"
    result = bundle.run("tour", "--data-dir", str(demo_dir), "--out", str(out), **_demo_login())
    assert result.returncode == 0, result.stderr
    printed = [Path(line) for line in result.stdout.split() if line.endswith(".png")]
    pictures = sorted(out.glob("*.png"))
    assert pictures and sorted(printed) == pictures
    assert {p.stem.rsplit("-", 1)[-1] for p in pictures} == {"ar", "fr"}
    for picture in pictures:
        image = QImage(str(picture))
        assert not image.isNull(), picture
        assert image.width() >= 300 and image.height() >= 100, picture
        # A blank or failed grab is one colour; a rendered screen has text, frames, icons.
        assert len(_colours(image)) >= 10, picture


def _colours(image: QImage) -> set[int]:
    """The distinct colours on a 40 x 40 grid of the image."""
    xs = range(0, image.width(), max(1, image.width() // 40))
    ys = range(0, image.height(), max(1, image.height() // 40))
    return {image.pixel(x, y) for x in xs for y in ys}


def test_bundle_prints_a_bilingual_sitrep(bundle: Bundle, demo_dir: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "sitrep.pdf"
    result = bundle.run(
        "report",
        "sitrep",
        "--date",
        "2026-01-15",
        "--lang",
        "both",
        "--out",
        str(pdf),
        "--data-dir",
        str(demo_dir),
        **_demo_login(),
    )
    assert result.returncode == 0, result.stderr
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(data) > 10_000


def test_bundle_leaves_the_server_and_dev_tools_out(bundle: Bundle) -> None:
    shipped = {path.name.lower() for path in bundle.internal.iterdir()}
    for name in LEFT_OUT:
        assert not any(entry.startswith(name) for entry in shipped), name
    qt_libs = [p.name for p in (bundle.internal / "PySide6" / "Qt" / "lib").iterdir()]
    assert not [name for name in qt_libs if "Quick" in name or "Qml" in name]
    assert (bundle.internal / "resources" / "geo" / "douars.csv").is_file()
    assert [p.name for p in (bundle.internal / "db" / "local").glob("m*.py")] != []
