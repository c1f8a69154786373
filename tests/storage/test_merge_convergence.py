"""Property: whatever edits three offline replicas make and in whatever order they
exchange them, once everyone has everything they hold the same state."""

from __future__ import annotations

import itertools
from pathlib import Path

from helpers.replicas import local_changes, make_replica, ship
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coldwave_app.storage.digest import state_digest
from coldwave_app.storage.merge import Merger

FIELDS = ("known_as", "phone", "nationality")
edit = st.tuples(
    st.just("edit"), st.integers(0, 2), st.integers(0, 1), st.sampled_from(FIELDS),
    st.text("abcé ءاب", max_size=5),
)  # fmt: skip
exchange = st.tuples(st.just("ship"), st.integers(0, 2), st.integers(0, 2))
delete = st.tuples(st.just("delete"), st.integers(0, 2), st.integers(0, 1))


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(st.one_of(edit, edit, exchange, delete), min_size=1, max_size=25))
def test_three_replicas_converge_after_any_interleaving(
    template_dir: Path,
    tmp_path_factory,
    steps,  # type: ignore[no-untyped-def]
) -> None:
    root = tmp_path_factory.mktemp("conv")
    replicas = [make_replica(template_dir, root / str(n)) for n in range(3)]
    try:
        first = replicas[0]
        campaign = first.writer().insert(
            "campaign", {"name": "H", "province_code": "05.301", "period_start": "2025-11-17"}
        )
        for r in replicas:
            r.set_meta("campaign_id", campaign["id"])
        people = [
            first.writer().insert(
                "person",
                {"name_quality": "full", "sex": "f", "dob_quality": "unknown",
                 "beneficiary_code": f"P-{n}"},
            )["id"]
            for n in range(2)
        ]  # fmt: skip
        seed = local_changes(first)
        for r in replicas[1:]:
            Merger(r.db, catalog=r.catalog, clock=r.clock).apply_page(seed)
        for step in steps:
            if step[0] == "edit":
                _kind, who, person, field, value = step
                replicas[who].writer().update("person", str(people[person]), {field: value})
            elif step[0] == "delete":
                _kind, who, person = step
                replicas[who].writer().delete("person", str(people[person]))
            else:
                _kind, source, target = step
                if source != target:
                    ship(replicas[source], replicas[target])
        for source, target in itertools.permutations(range(3), 2):
            ship(replicas[source], replicas[target])
        for source, target in itertools.permutations(range(3), 2):
            ship(replicas[source], replicas[target])
        digests = {state_digest(r.db) for r in replicas}
        assert len(digests) == 1
    finally:
        for r in replicas:
            r.close()
