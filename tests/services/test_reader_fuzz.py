"""Fuzzing the readers of files that come from outside: household lists (CSV, XLSX)
and sync bundles (the laptop's reader of server replies, and the bundle format the
server reads). Random bytes, mutations of valid files and well-signed replies with
random contents must end in a ColdwaveError that says what is wrong, or succeed;
never another exception, and a refused file leaves the store as it was.

`make test` runs READER_EXAMPLES (default 40) examples per test; `make fuzz` many more
(COLDWAVE_FUZZ_EXAMPLES).
"""

from __future__ import annotations

import io
import os
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coldwave_app.domain.errors import ColdwaveError
from coldwave_app.services.bundle_service import import_reply
from coldwave_app.services.campaign_setup import create_campaign
from coldwave_app.services.household_import import import_households
from coldwave_app.services.sync_service import (
    BOX_KEY,
    SERVER_BOX_KEY,
    SERVER_SIGNING_KEY,
    SIGNING_KEY,
)
from coldwave_app.storage.local_store import LocalStore
from coldwave_app.sync.bundle_format import (
    DEVICE_TO_SERVER,
    SERVER_TO_DEVICE,
    KeyPair,
    new_key_pair,
    open_bundle,
    seal,
)

READER_EXAMPLES = int(os.environ.get("COLDWAVE_FUZZ_EXAMPLES", "40"))
DOUAR = "3010301201001"
DATA = Path(__file__).resolve().parents[1] / "data" / "import"
FUZZ = settings(
    max_examples=READER_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=6)
    ),
    max_leaves=20,
)


def _state(store: LocalStore) -> tuple[Any, ...]:
    counts = tuple(
        store.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("person", "household", "local_place", "change_log", "quarantine", "conflict")
    )
    cursor = store.db.execute("SELECT group_concat(cursor) FROM sync_state").fetchone()[0]
    return (*counts, cursor)


@pytest.fixture
def campaign_store(store: LocalStore) -> LocalStore:
    create_campaign(store, name="Hiver", province_code="05.301", period_start=date(2025, 11, 17))
    return store


def _mutate(data: bytes, edits: list[tuple[int, int]], cut: int | None) -> bytes:
    out = bytearray(data)
    for position, byte in edits:
        if out:
            out[position % len(out)] = byte
    return bytes(out[:cut] if cut is not None else out)


def _import(store: LocalStore, path: Path, skip_invalid: bool) -> None:
    before = _state(store)
    try:
        import_households(
            store, path=path, douar_code=DOUAR, skip_invalid=skip_invalid, today=date(2025, 12, 1)
        )
    except ColdwaveError as refused:
        assert str(refused)
        assert _state(store) == before


@FUZZ
@given(data=st.binary(max_size=4000), suffix=st.sampled_from([".csv", ".xlsx"]), skip=st.booleans())
def test_random_bytes_as_a_household_list(
    campaign_store: LocalStore, tmp_path: Path, data: bytes, suffix: str, skip: bool
) -> None:
    path = tmp_path / f"list{suffix}"
    path.write_bytes(data)
    _import(campaign_store, path, skip)


@FUZZ
@given(
    edits=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=8),
    cut=st.none() | st.integers(0, 3000),
    skip=st.booleans(),
)
def test_mutated_household_csv(
    campaign_store: LocalStore, tmp_path: Path, edits: list[tuple[int, int]], cut: int | None,
    skip: bool,
) -> None:  # fmt: skip
    path = tmp_path / "list.csv"
    path.write_bytes(_mutate((DATA / "menages-ar.csv").read_bytes(), edits, cut))
    _import(campaign_store, path, skip)


def _xlsx(rows: list[list[Any]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# Cells a spreadsheet can hold (no control characters: openpyxl refuses them on writing).
printable = st.characters(blacklist_categories=("Cc", "Cs"))
cells = (
    st.none()
    | st.integers(-(10**6), 10**6)
    | st.text(printable, max_size=20)
    | st.floats(allow_nan=False)
)


@FUZZ
@given(
    rows=st.lists(st.lists(cells, max_size=8), max_size=6),
    header=st.booleans(),
    member=st.booleans(),
    skip=st.booleans(),
)
def test_household_workbooks_with_random_cells_or_damaged_parts(
    campaign_store: LocalStore, tmp_path: Path, rows: list[list[Any]], header: bool,
    member: bool, skip: bool,
) -> None:  # fmt: skip
    heading = [["Nom", "Prénom", "Sexe", "Année de naissance", "CIN", "Taille du ménage"]]
    data = _xlsx((heading if header else []) + rows)
    if member:  # drop a part of the zip: a workbook damaged in transit
        source = zipfile.ZipFile(io.BytesIO(data))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as damaged:
            for info in source.infolist()[1:]:
                damaged.writestr(info, source.read(info))
        data = buffer.getvalue()
    path = tmp_path / "list.xlsx"
    path.write_bytes(data)
    _import(campaign_store, path, skip)


# -- bundles ----------------------------------------------------------------------


@pytest.fixture
def enrolled(campaign_store: LocalStore) -> tuple[LocalStore, KeyPair, KeyPair]:
    """A laptop holding bundle keys, and the server's keys."""
    laptop, server = new_key_pair(), new_key_pair()
    campaign_store.set_meta(SIGNING_KEY, laptop.signing_private)
    campaign_store.set_meta(BOX_KEY, laptop.box_private)
    campaign_store.set_meta(SERVER_SIGNING_KEY, server.signing_public)
    campaign_store.set_meta(SERVER_BOX_KEY, server.box_public)
    return campaign_store, laptop, server


def _reply(store: LocalStore, laptop: KeyPair, server: KeyPair, payload: dict[str, Any]) -> bytes:
    assert store.campaign_id
    return seal(
        payload, kind=SERVER_TO_DEVICE, campaign_id=store.campaign_id,
        device_id=store.device_id, sender_signing_key=server.signing_private,
        recipient_box_public_key=laptop.box_public,
    )  # fmt: skip


def _read_reply(store: LocalStore, path: Path, data: bytes) -> None:
    path.write_bytes(data)
    before = _state(store)
    try:
        import_reply(store, path)
    except ColdwaveError as refused:
        assert str(refused)
        assert _state(store) == before


@FUZZ
@given(data=st.binary(max_size=3000))
def test_random_bytes_as_a_reply_bundle(
    enrolled: tuple[LocalStore, KeyPair, KeyPair], tmp_path: Path, data: bytes
) -> None:
    store, _laptop, _server = enrolled
    _read_reply(store, tmp_path / "reply.cwb", b"COLDWAVE" + data if data[:1] == b"\0" else data)


@FUZZ
@given(
    edits=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=6),
    cut=st.none() | st.integers(0, 2000),
)
def test_mutated_reply_bundle_is_refused_and_changes_nothing(
    enrolled: tuple[LocalStore, KeyPair, KeyPair], tmp_path: Path,
    edits: list[tuple[int, int]], cut: int | None,
) -> None:  # fmt: skip
    store, laptop, server = enrolled
    valid = _reply(store, laptop, server, {"results": [], "changes": [], "next_cursor": 3})
    mutated = _mutate(valid, edits, cut)
    if mutated == valid:
        return
    before = _state(store)
    path = tmp_path / "reply.cwb"
    path.write_bytes(mutated)
    with pytest.raises(ColdwaveError):
        import_reply(store, path)
    assert _state(store) == before


change_keys = st.sampled_from(
    ["change_id", "table", "row_id", "op", "field", "value", "hlc", "device_id", "user_id",
     "campaign_id", "recorded_at", "seq", "base_hlc"]
)  # fmt: skip
changes = st.lists(st.dictionaries(change_keys, json_values, max_size=13) | json_values, max_size=4)


@FUZZ
@given(
    results=st.lists(
        st.dictionaries(
            st.sampled_from(["change_id", "status", "reason", "server_seq"]), json_values
        )
        | json_values,
        max_size=3,
    ),
    raw_changes=changes,
    cursor=json_values,
)
def test_signed_replies_with_random_contents(
    enrolled: tuple[LocalStore, KeyPair, KeyPair], tmp_path: Path,
    results: Any, raw_changes: Any, cursor: Any,
) -> None:  # fmt: skip
    store, laptop, server = enrolled
    payload = {"results": results, "changes": raw_changes, "next_cursor": cursor}
    _read_reply(store, tmp_path / "reply.cwb", _reply(store, laptop, server, payload))


@FUZZ
@given(
    data=st.binary(max_size=3000),
    edits=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=4),
)
def test_the_servers_bundle_reader_refuses_garbage(
    data: bytes, edits: list[tuple[int, int]]
) -> None:
    laptop, server = new_key_pair(), new_key_pair()
    valid = seal(
        {"changes": [], "cursor": 0}, kind=DEVICE_TO_SERVER, campaign_id="c", device_id="d",
        sender_signing_key=laptop.signing_private, recipient_box_public_key=server.box_public,
    )  # fmt: skip
    for candidate in (data, _mutate(valid, edits, None)):
        try:
            open_bundle(
                candidate, kind=DEVICE_TO_SERVER, campaign_id="c", device_id="d",
                sender_signing_public_key=laptop.signing_public,
                recipient_box_key=server.box_private,
            )  # fmt: skip
        except ColdwaveError as refused:
            assert str(refused)
        else:
            assert candidate == valid
