"""The bundle file format: sealed for one recipient, signed by one sender, tamper-evident."""

from __future__ import annotations

from pathlib import Path

import pytest

from coldwave_app.sync.bundle_format import (
    ALTERED,
    DEVICE_TO_SERVER,
    MAGIC,
    NOT_A_BUNDLE,
    SERVER_TO_DEVICE,
    BundleRefused,
    KeyPair,
    new_key_pair,
    open_bundle,
    read_header,
    seal,
    write_atomically,
)

CAMPAIGN = "camp-1"
DEVICE = "8b7c0e1e-8f4e-4a53-9d0e-3c1f0a8b2d11"
PAYLOAD = {"changes": [{"change_id": "x", "value": "Aït Ouzzine ⵣ"}], "cursor": 7}


@pytest.fixture(scope="module")
def laptop() -> KeyPair:
    return new_key_pair()


@pytest.fixture(scope="module")
def server() -> KeyPair:
    return new_key_pair()


def sealed(laptop: KeyPair, server: KeyPair) -> bytes:
    return seal(
        PAYLOAD, kind=DEVICE_TO_SERVER, campaign_id=CAMPAIGN, device_id=DEVICE,
        sender_signing_key=laptop.signing_private, recipient_box_public_key=server.box_public,
    )  # fmt: skip


def opened(data: bytes, laptop: KeyPair, server: KeyPair, **overrides: str) -> dict[str, object]:
    arguments = {
        "kind": DEVICE_TO_SERVER, "campaign_id": CAMPAIGN, "device_id": DEVICE,
        "sender_signing_public_key": laptop.signing_public, "recipient_box_key": server.box_private,
        **overrides,
    }  # fmt: skip
    _header, payload = open_bundle(data, **arguments)  # type: ignore[arg-type]
    return payload


def test_round_trip_keeps_the_payload_and_hides_it(laptop: KeyPair, server: KeyPair) -> None:
    data = sealed(laptop, server)
    assert data.startswith(MAGIC)
    assert b"Ouzzine" not in data and b"cursor" not in data
    assert opened(data, laptop, server) == PAYLOAD
    header = read_header(data)
    assert (header.kind, header.campaign_id, header.device_id) == (
        DEVICE_TO_SERVER, CAMPAIGN, DEVICE,
    )  # fmt: skip


def test_two_seals_of_the_same_payload_differ(laptop: KeyPair, server: KeyPair) -> None:
    first, second = sealed(laptop, server), sealed(laptop, server)
    assert first != second
    assert read_header(first).bundle_id != read_header(second).bundle_id


def test_every_flipped_byte_is_refused(laptop: KeyPair, server: KeyPair) -> None:
    data = sealed(laptop, server)
    for position in range(len(data)):
        damaged = bytearray(data)
        damaged[position] ^= 0x01
        with pytest.raises(BundleRefused):
            opened(bytes(damaged), laptop, server)


def test_a_flipped_byte_after_the_magic_says_altered(laptop: KeyPair, server: KeyPair) -> None:
    data = sealed(laptop, server)
    for position in (len(MAGIC) + 10, len(data) // 2, len(data) - 70, len(data) - 1):
        damaged = bytearray(data)
        damaged[position] ^= 0x80
        with pytest.raises(BundleRefused) as refused:
            opened(bytes(damaged), laptop, server)
        assert refused.value.msgid == ALTERED


def test_truncated_and_foreign_files_are_not_bundles(laptop: KeyPair, server: KeyPair) -> None:
    for junk in (b"", b"CWB1", b"PK\x03\x04" + bytes(200), sealed(laptop, server)[:40]):
        with pytest.raises(BundleRefused):
            opened(junk, laptop, server)
    with pytest.raises(BundleRefused) as refused:
        read_header(b"hello world" * 10)
    assert refused.value.msgid == NOT_A_BUNDLE


def test_a_bundle_for_another_recipient_sender_campaign_or_device_is_refused(
    laptop: KeyPair, server: KeyPair
) -> None:
    data = sealed(laptop, server)
    other = new_key_pair()
    for overrides in (
        {"recipient_box_key": other.box_private},
        {"sender_signing_public_key": other.signing_public},
        {"campaign_id": "camp-2"},
        {"device_id": "another-laptop"},
    ):
        with pytest.raises(BundleRefused) as refused:
            opened(data, laptop, server, **overrides)
        assert refused.value.msgid == ALTERED


def test_a_bundle_going_the_other_way_is_refused(laptop: KeyPair, server: KeyPair) -> None:
    data = sealed(laptop, server)
    with pytest.raises(BundleRefused) as refused:
        opened(data, laptop, server, kind=SERVER_TO_DEVICE)
    assert "reply" in refused.value.msgid


def test_write_atomically_replaces_the_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "bundle.cwb"
    target.write_bytes(b"old")
    write_atomically(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert [p.name for p in tmp_path.iterdir()] == ["bundle.cwb"]
