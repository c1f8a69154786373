"""A field laptop writing as fast as it can: `python heavy_writer.py DATA_DIR USER [COUNT]`.

Registers people one transaction at a time through the real service and prints
each person's id on stdout once its transaction has committed (and flushed), so a
test that kills this process knows exactly which saves the user saw succeed.
Every tenth person also gets a field update, so entities carry later changes too.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from coldwave_app.services.people import register_person
from coldwave_app.storage.local_store import unlock


def main() -> None:
    data_dir, user = Path(sys.argv[1]), sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
    store = unlock(data_dir, username=user, password=os.environ["COLDWAVE_PASSWORD"])
    print("ready", flush=True)
    for n in range(count):
        person = register_person(
            store,
            sex="f" if n % 2 else "m",
            given_name_latn=f"Itto{n}",
            family_name_latn="Ouhammou",
            birth_year=1960 + n % 50,
            province_code="05.301",
        )
        if n % 10 == 0:
            store.writer().update("person", person.id, {"phone": f"06000{n:05d}"})
        print(person.id, flush=True)
    store.close()


if __name__ == "__main__":
    main()
