"""Run the real `coldwave` command in a child process, as a field worker would."""

from __future__ import annotations

import os
import subprocess
import sys

from helpers.stores import PASSWORD


def run_coldwave(
    *args: str, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """`coldwave ARGS` with the test password and French messages unless `env` overrides."""
    full_env = {**os.environ, "COLDWAVE_PASSWORD": PASSWORD, "COLDWAVE_LANG": "fr", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "coldwave_app.cli", *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=timeout,
    )
