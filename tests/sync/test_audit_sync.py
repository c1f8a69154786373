"""Audit chains travel to the server with the rest and check out there, per device."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.field_devices import Fleet, enrol_fleet
from helpers.sync_server import server_cli

from coldwave_app.services.access import audit
from coldwave_app.storage import audit_log


@pytest.fixture
def fleet(start_server, database_url, template_dir: Path, tmp_path: Path) -> Iterator[Fleet]:  # type: ignore[no-untyped-def]
    server = start_server(database_url=database_url)
    built = enrol_fleet(
        server=server, database_url=database_url, template_dir=template_dir,
        root=tmp_path, count=2,
    )  # fmt: skip
    yield built
    built.close()


def test_each_laptops_chain_reaches_the_server_whole(fleet: Fleet) -> None:
    for n, device in enumerate(fleet.devices):
        audit(device, action="export", detail={"report": f"sitrep {n}"})
    fleet.sync_all()
    checked = server_cli(
        "audit", "verify", "--campaign", fleet.campaign_id,
        data_dir=fleet.server.data_dir, database_url=fleet.database_url,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    on_server = int(checked.stdout.split("intact: ")[1].split()[0])
    own = [
        d.db.execute("SELECT count(*) FROM audit_entry WHERE device_id = ?", [d.device_id])
        for d in fleet.devices
    ]
    assert on_server >= sum(int(c.fetchone()[0]) for c in own) >= 2
    # Each laptop received the other's entries and still finds every chain whole.
    a, b = fleet.devices
    assert (
        a.db.execute(
            "SELECT count(*) FROM audit_entry WHERE device_id = ?", [b.device_id]
        ).fetchone()[0]
        > 0
    )
    assert audit_log.verify(a.db)[1] == []
