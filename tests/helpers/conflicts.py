"""Two replicas of one data directory that edited the same field: a real sync conflict.

Both edits go through RecordWriter and meet through the same Merger that sync uses,
so the conflict row is exactly what a laptop holds after a real sync.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coldwave_app.storage.local_store import LocalStore
from coldwave_app.storage.merge import Merger
from helpers.replicas import local_changes, make_replica


@dataclass
class ConflictedPair:
    mine: LocalStore
    other: LocalStore
    person_id: str

    def close(self) -> None:
        self.mine.close()
        self.other.close()


def last_seq(store: LocalStore) -> int:
    return int(store.db.execute("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()[0])


def ship_since(source: LocalStore, target: LocalStore, since_seq: int) -> None:
    merger = Merger(target.db, catalog=target.catalog, clock=target.clock)
    merger.apply_page(local_changes(source, since_seq=since_seq))


def any_person(store: LocalStore) -> str:
    row = store.db.execute("SELECT id FROM person WHERE deleted = 0 ORDER BY id LIMIT 1")
    return str(row.fetchone()[0])


def conflicted_pair(
    template: Path, root: Path, *, mine: str = "Itto (here)", theirs: str = "Itto (there)"
) -> ConflictedPair:
    """Copies of `template` (which must hold a person) that both renamed one person.

    Afterwards `mine` holds one open conflict on person.known_as; `other` holds it too.
    """
    a = make_replica(template, root / "mine")
    b = make_replica(template, root / "other")
    person_id = any_person(a)
    start_a, start_b = last_seq(a), last_seq(b)
    a.writer().update("person", person_id, {"known_as": mine})
    b.writer().update("person", person_id, {"known_as": theirs})
    ship_since(b, a, start_b)
    ship_since(a, b, start_a)
    return ConflictedPair(a, b, person_id)
