"""Server settings: where the data lives and which database to use."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    """Settings of one server instance.

    `database_url` defaults to an SQLite file in `data_dir` (the office-PC set-up);
    production gives a `postgresql+psycopg://user@host:port/dbname` URL instead.
    """

    data_dir: Path
    database_url: str = ""

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir.resolve() / 'server.db'}"


def make_settings(*, data_dir: Path | str, database_url: str | None = None) -> Settings:
    """Settings for a data directory, creating the directory when it is missing."""
    path = Path(data_dir)
    path.mkdir(parents=True, exist_ok=True)
    return Settings(data_dir=path, database_url=database_url or "")
