"""The review queue: double serving and likely duplicates found across devices.

The server's checks append review items (server.checks.review); every laptop of the
campaign pulls them. A campaign lead decides each one here: `confirmed` (it was a
real double serving; a duplicate pair to merge on the People screen) or `dismissed`
(not a problem). Nothing is merged or voided automatically: the decision is an
ordinary field update, so it syncs and any lead sees who decided what.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Final

from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.storage import review_queries as q
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.storage.record_writer import utc_now

__all__ = [
    "DECISIONS",
    "KINDS",
    "ReviewItem",
    "decide_review_item",
    "open_review_counts",
    "review_items",
]

KINDS: Final = ("double_serving", "likely_duplicate")
DECISIONS: Final = ("confirmed", "dismissed")


@dataclass(frozen=True)
class ReviewItem:
    id: str
    kind: str
    subject_table: str
    subject_id: str
    other_id: str | None
    detail: dict[str, Any]
    status: str
    created_at: str


def _campaign(store: LocalStore) -> str:
    campaign = store.campaign_id
    if not campaign:
        raise InvalidInput(N_("There is no campaign on this laptop yet."))
    return campaign


def _detail(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:  # written by an older server: show it as it is
        return {"text": text}
    return value if isinstance(value, dict) else {"value": value}


def review_items(
    store: LocalStore, *, kind: str | None = None, status: str | None = "open", limit: int = 500
) -> list[ReviewItem]:
    """Review items, newest first (open ones by default)."""
    if kind is not None and kind not in KINDS:
        raise InvalidInput(N_("Unknown kind of review item: {kind}."), kind=kind)
    rows = q.review_rows(store.db, _campaign(store), kind=kind, status=status, limit=limit)
    return [
        ReviewItem(
            r.id,
            r.kind,
            r.subject_table,
            r.subject_id,
            r.other_id,
            _detail(r.detail),
            r.status,
            r.created_at,
        )
        for r in rows
    ]


def open_review_counts(store: LocalStore) -> dict[str, int]:
    """How many open items of each kind (every kind present, zero when none)."""
    counts = q.open_counts(store.db, _campaign(store)) if store.campaign_id else {}
    return {kind: counts.get(kind, 0) for kind in KINDS}


def decide_review_item(
    store: LocalStore, *, item_id: str, decision: str, note: str | None = None
) -> None:
    """Record a lead's decision on an open item (syncs as a field update)."""
    if decision not in DECISIONS:
        raise InvalidInput(N_("Unknown decision: {decision}."), decision=decision)
    status = q.status_of(store.db, item_id)
    if status is None:
        raise InvalidInput(N_("This review item does not exist on this laptop."))
    if status != "open":
        raise InvalidInput(N_("This review item was already decided."))
    store.writer().update(
        "review_item",
        item_id,
        {
            "status": decision,
            "decided_by": store.user.id,
            "decided_at": utc_now().isoformat(timespec="seconds"),
            "decision_note": (note or "").strip() or None,
        },
    )
