"""The device's log: DATA_DIR/logs/coldwave.log, rotated (1 MB x 5), never personal data.

`configure_logging(data_dir)` is called by the entry points (CLI, app) once a data
directory is known. What reaches the file is filtered by `PrivacyFilter`:

- a message's format string is written by us and kept; every argument that is
  not a number, an id (UUID or hex), a time or marked `Safe(...)` is replaced by
  `<text:N>` (its length only), so a name or a CIN passed as an argument never lands;
- Arabic letters, CIN-shaped and phone-shaped tokens left anywhere in the line
  are masked as a last line of defence;
- exceptions are written as their type, their message id (for our errors, whose
  parameters may hold names) and the stack's file:line:function, never their text.

Hazard: never build a log message with an f-string from user data; pass arguments.
"""

from __future__ import annotations

import logging
import re
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import Any

LOG_DIR_NAME = "logs"
LOG_FILE_NAME = "coldwave.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
LOGGER_NAME = "coldwave"
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s"

_ID = re.compile(r"^[0-9a-fA-F-]{8,64}$")
_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}([T ][\d:.]+)?(Z|[+-]\d{2}:?\d{2})?$")
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]+")
_CIN = re.compile(r"\b[A-Za-z]{1,2}\s?\d{4,8}\b")
_PHONE = re.compile(r"(?<![\w-])(?:\+|00)?\d[\d .-]{7,}\d(?![\w-])")


class Safe(str):
    """A log argument known to hold no personal data (a command or table name)."""

    __slots__ = ()


def _safe_argument(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | Safe):
        return value
    text = str(value)
    if _ID.match(text) or _TIME.match(text):
        return text
    return f"<text:{len(text)}>"


def scrub(text: str) -> str:
    """Mask Arabic words, CIN-like and phone-like tokens anywhere in `text`."""
    text = _ARABIC.sub("<ar>", text)
    text = _PHONE.sub("<number>", text)
    return _CIN.sub("<id>", text)


def _describe_exception(
    info: tuple[type[BaseException], BaseException, TracebackType | None],
) -> str:
    kind, err, tb = info
    msgid = getattr(err, "msgid", None)
    head = f"{kind.__module__}.{kind.__qualname__}"
    if isinstance(msgid, str):
        head += f" [{msgid}]"
    frames = [
        f"  {Path(frame.filename).name}:{frame.lineno} in {frame.name}"
        for frame in traceback.extract_tb(tb)
    ]
    return "\n".join([head, *frames])


class PrivacyFilter(logging.Filter):
    """Rewrites each record so that no personal data can be formatted into the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            if isinstance(record.args, dict):
                record.args = {k: _safe_argument(v) for k, v in record.args.items()}
            else:
                record.args = tuple(_safe_argument(a) for a in args)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg, record.args = scrub(message), None
        if record.exc_info and record.exc_info[0] is not None:
            described = _describe_exception(record.exc_info)
            record.msg = f"{record.msg}\n{scrub(described)}"
            record.exc_info = None
            record.exc_text = None
        record.stack_info = None
        return True


class DeviceLogHandler(RotatingFileHandler):
    """A rotating file that stays silent when it cannot write (full or read-only disk):
    the user's own message about that disk matters, a logging traceback does not."""

    def handleError(self, record: logging.LogRecord) -> None:
        return


def log_path(data_dir: Path) -> Path:
    return data_dir / LOG_DIR_NAME / LOG_FILE_NAME


def configure_logging(data_dir: Path, *, level: int = logging.INFO) -> Path | None:
    """Send the `coldwave` loggers (and others' warnings) to the data directory's log.

    Idempotent per data directory. Returns the log file, or None when the folder
    cannot be written (a read-only disk): logging must never stop the work.
    """
    path = log_path(data_dir)
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path:
            return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = DeviceLogHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.addFilter(PrivacyFilter())
    # Only our own loggers at INFO; other libraries' chatter only when it is a warning.
    handler.setLevel(level)
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.WARNING:
        root.setLevel(logging.WARNING)
    logging.getLogger(LOGGER_NAME).setLevel(level)
    return path


def stop_logging(data_dir: Path) -> None:
    """Close and remove the handler of `data_dir` (before moving or deleting the folder)."""
    path = log_path(data_dir)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path:
            root.removeHandler(handler)
            handler.close()


def last_lines(data_dir: Path, count: int = 200) -> list[str]:
    """The last `count` lines of the device log (across its rotated files)."""
    path = log_path(data_dir)
    files = [path.with_name(f"{path.name}.{n}") for n in range(BACKUP_COUNT, 0, -1)] + [path]
    lines: list[str] = []
    for file in files:
        if file.exists():
            lines.extend(file.read_text("utf-8", errors="replace").splitlines())
    return lines[-count:]
