"""Who changed what: the history of any field of any record, local and synced edits alike."""

from __future__ import annotations

from coldwave_app.domain.errors import N_, InvalidInput
from coldwave_app.storage.history import FieldChange
from coldwave_app.storage.history import field_history as _field_history
from coldwave_app.storage.local_store import LocalStore


def field_history(
    store: LocalStore, *, table: str, record_id: str, field: str
) -> list[FieldChange]:
    """Every value the field has held, oldest first, with who set it and when."""
    try:
        return _field_history(store.db, store.catalog, table, record_id, field)
    except ValueError:
        raise InvalidInput(
            N_("No history for {table}.{field}."), table=table, field=field
        ) from None
