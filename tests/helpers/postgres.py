"""A throw-away PostgreSQL server for the suite, and a fresh database per test.

`initdb` refuses to run as root, so as root the cluster belongs to a system user
`coldwave-pg` (created when missing) and its commands run through `runuser`.
fsync is off: the cluster dies with the session anyway.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

PG_USER = "coldwave"
SYSTEM_USER = "coldwave-pg"


@dataclass(frozen=True)
class PostgresCluster:
    port: int
    base_dir: Path

    def url(self, dbname: str) -> str:
        return f"postgresql+psycopg://{PG_USER}@127.0.0.1:{self.port}/{dbname}"

    def admin(self) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(
            host="127.0.0.1", port=self.port, user=PG_USER, dbname="postgres", autocommit=True
        )


def postgres_bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key)
    if not found or not (Path(found[-1]) / "initdb").exists():
        pytest.fail(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): the server tests "
            "must run on it. `make test` installs it (Debian package `postgresql`).",
            pytrace=False,
        )
    return Path(found[-1])


def _version_key(path: str) -> list[int]:
    version = Path(path).parent.name
    return [int(part) for part in version.split(".") if part.isdigit()]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", SYSTEM_USER, "--", *command] if os.geteuid() == 0 else command


def _ensure_system_user() -> None:
    if subprocess.run(["id", "-u", SYSTEM_USER], capture_output=True).returncode == 0:
        return
    subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SYSTEM_USER],
        check=True,
        capture_output=True,
    )


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}", pytrace=False)


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    """A PostgreSQL server on 127.0.0.1 and a free port, stopped at the end of the session."""
    bin_dir = postgres_bin_dir()
    base = Path(tempfile.mkdtemp(prefix="coldwave-pg-"))
    if os.geteuid() == 0:
        _ensure_system_user()
        shutil.chown(base, user=SYSTEM_USER)
    data = base / "data"
    _run(
        _as_owner(
            [str(bin_dir / "initdb"), "-D", str(data), "-U", PG_USER, "--auth=trust",
             "-E", "UTF8", "--locale=C.UTF-8"]
        )
    )  # fmt: skip
    port = _free_port()
    options = (
        f"-k {base} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off"
    )
    pg_ctl = str(bin_dir / "pg_ctl")
    _run(
        _as_owner([pg_ctl, "-D", str(data), "-o", options, "-l", str(base / "log"), "-w", "start"])
    )
    try:
        yield PostgresCluster(port=port, base_dir=base)
    finally:
        subprocess.run(
            _as_owner([pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"]),
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_cluster: PostgresCluster) -> Iterator[str]:
    """The URL of a new, empty database, dropped after the test."""
    name = f"t_{uuid.uuid4().hex[:16]}"
    with postgres_cluster.admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}" STRATEGY FILE_COPY')
    yield postgres_cluster.url(name)
    with postgres_cluster.admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
