"""The `coldwave` group's safety net: disk failures explained, every command logged.

`GuardedGroup` wraps each subcommand so that a full disk or a read-only disk met
anywhere in a command (SQLite or the OS) ends as one translated line and its exit
code instead of a traceback, and writes one line per command to the device log
(name, exit code, seconds; never its arguments, which may hold names).
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

import click

from coldwave_app.i18n import translate_error
from coldwave_app.logging_setup import Safe
from coldwave_app.storage.media_failures import explain_media_failure

log = logging.getLogger("coldwave.cli")
_ARGS_KEY = "coldwave.args"
_NAME_KEY = "coldwave.command"


def _data_dir(args: list[str]) -> Path:
    for index, arg in enumerate(args):
        if arg == "--data-dir" and index + 1 < len(args):
            return Path(args[index + 1])
        if arg.startswith("--data-dir="):
            return Path(arg.split("=", 1)[1])
    return Path(os.environ.get("COLDWAVE_DATA_DIR") or ".")


class GuardedGroup(click.Group):
    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        ctx.meta[_ARGS_KEY] = list(args)
        name, command, rest = super().resolve_command(ctx, args)
        ctx.meta[_NAME_KEY] = Safe(name or "")
        return name, command, rest

    def invoke(self, ctx: click.Context) -> Any:
        started = time.perf_counter()
        try:
            result = super().invoke(ctx)
        except SystemExit as done:
            name = ctx.meta.get(_NAME_KEY, "")
            log.info("command %s ended with exit code %s in %.2f s", name, done.code,
                     time.perf_counter() - started)  # fmt: skip
            raise
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as err:
            name = ctx.meta.get(_NAME_KEY, "")
            explained = explain_media_failure(err, _data_dir(ctx.meta.get(_ARGS_KEY, [])))
            if explained is None:
                log.error("command %s failed", name, exc_info=True)
                raise
            log.error("command %s stopped: %s", name, Safe(type(explained).__name__))
            click.echo(f"coldwave: {translate_error(explained)}", err=True)
            sys.exit(explained.exit_code)
        name = ctx.meta.get(_NAME_KEY, "")
        log.info("command %s done in %.2f s", name, time.perf_counter() - started)
        return result
