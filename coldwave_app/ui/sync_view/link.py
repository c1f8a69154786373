"""Which BackgroundSync serves a session (only an enrolled laptop has one).

The main window owns the BackgroundSync and registers it here; the sync page finds
it through its session, so the screen factory keeps the plain `Screen(session)` form.
"""

from __future__ import annotations

import weakref

from coldwave_app.ui.background_sync import BackgroundSync
from coldwave_app.ui.session import Session

__all__ = ["attach_background_sync", "background_sync_for"]

_links: weakref.WeakKeyDictionary[Session, BackgroundSync] = weakref.WeakKeyDictionary()


def attach_background_sync(session: Session, background: BackgroundSync | None) -> None:
    if background is None:
        _links.pop(session, None)
    else:
        _links[session] = background


def background_sync_for(session: Session) -> BackgroundSync | None:
    return _links.get(session)
