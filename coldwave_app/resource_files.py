"""Where bundled files live, in a checkout and in a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def _root() -> Path:
    if getattr(sys, "frozen", False):
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))
    return Path(__file__).resolve().parents[1]


def resource_path(*parts: str) -> Path:
    """Path of a file under resources/ (fonts, geography, translations, styles)."""
    return _root().joinpath("resources", *parts)


def migrations_dir() -> Path:
    """The local database migrations (db/local/), shipped beside the resources."""
    return _root() / "db" / "local"
