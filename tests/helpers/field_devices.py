"""Field laptops enrolled with a real sync server: real data dirs, real HTTP."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coldwave_app.services.sync_service import enrol, sync_now
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.sync.engine import SyncSummary
from helpers.replicas import make_replica
from helpers.sync_server import RunningServer, cli_create_campaign, cli_enrol_code


@dataclass
class Fleet:
    server: RunningServer
    database_url: str | None
    campaign_id: str
    devices: list[LocalStore]

    def sync(self, n: int) -> SyncSummary:
        return sync_now(self.devices[n], server_url=self.server.url)

    def sync_all(self, rounds: int = 2) -> None:
        for _ in range(rounds):
            for n in range(len(self.devices)):
                self.sync(n)

    def close(self) -> None:
        for device in self.devices:
            device.close()


def enrol_fleet(
    *, server: RunningServer, database_url: str | None, template_dir: Path, root: Path, count: int
) -> Fleet:
    campaign_id = cli_create_campaign(data_dir=server.data_dir, database_url=database_url)
    devices = []
    for n in range(count):
        store = make_replica(template_dir, root / f"laptop{n}")
        code = cli_enrol_code(
            data_dir=server.data_dir, database_url=database_url, campaign_id=campaign_id
        )
        enrol(store, server_url=server.url, code=code, label=f"laptop {n}")
        devices.append(store)
    fleet = Fleet(server, database_url, campaign_id, devices)
    for n in range(count):
        fleet.sync(n)  # every laptop receives the campaign row
    return fleet
