"""The sentences about sync shown in the status bar and on the sync page."""

from __future__ import annotations

import datetime as dt

from coldwave_app.i18n import _, isolate_ltr, translate_error
from coldwave_app.i18n.formatting import format_datetime, format_number
from coldwave_app.ui.background_sync import SyncOutcome

__all__ = ["last_sync_text", "offline_text", "sync_outcome_text", "when_text"]


def when_text(stamp: str | None) -> str | None:
    """An ISO timestamp as local date and time in the UI language; None when absent."""
    if not stamp:
        return None
    try:
        when = dt.datetime.fromisoformat(stamp)
    except ValueError:  # not a timestamp we know: show it as it is, left to right
        return isolate_ltr(stamp)
    if when.tzinfo is not None:
        when = when.astimezone()
    # Not isolated: the Arabic pattern "date، time" is meant to be laid out right to left.
    return format_datetime(when)


def last_sync_text(last_sync_at: str | None) -> str:
    """The sync line: never, or the local date and time, in the current language."""
    when = when_text(last_sync_at)
    if when is None:
        return _("Last sync: never")
    return _("Last sync: {when}").format(when=when)


def offline_text(pending: int) -> str:
    """What a laptop that cannot reach the server says: calm, and with the count."""
    return _("Saved on this laptop. {n} changes will be sent when the server is reachable.").format(
        n=format_number(pending)
    )


def sync_outcome_text(outcome: SyncOutcome) -> str:
    """The status-bar line after a sync: its figures, or calmly why not."""
    if outcome.summary is not None:
        summary = outcome.summary
        return _("Synced: {sent} sent, {received} received, {conflicts} conflicts").format(
            sent=format_number(summary.accepted + summary.duplicates),
            received=format_number(summary.applied),
            conflicts=format_number(summary.conflicts),
        )
    if outcome.cancelled:
        return _("Sync cancelled: what was already sent or received is kept.")
    if outcome.unreachable or outcome.error is None:
        return _("Server unreachable — everything is kept, will retry")
    return _("Sync did not finish: {reason} Will retry.").format(
        reason=translate_error(outcome.error)
    )
