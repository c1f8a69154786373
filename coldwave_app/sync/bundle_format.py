"""Bundle files: sync by USB stick when there is no network (DESIGN.md §4).

Shared by the laptop and the server (the server may import this module: it uses
only `cryptography`, the standard library, the wire protocol and the domain).

Layout of a bundle file, version 1:

    b"CWB1" | header length (4 bytes, big-endian) | header | ciphertext | signature

- header: canonical JSON (sorted keys, UTF-8) of `BundleHeader`: version, kind
  ("device-to-server" or "server-to-device"), campaign_id, device_id (the laptop
  the bundle comes from or goes to), bundle_id (a UUID), created_at, the sender's
  ephemeral X25519 public key and the 12-byte AES-GCM nonce (both hex).
- ciphertext: AES-256-GCM of gzip(JSON payload), the header bytes as associated
  data. The key is HKDF-SHA256 of X25519(ephemeral private, recipient public),
  info = label + ephemeral public + recipient public: only the recipient opens it.
- signature: Ed25519 by the sender over everything before it (magic to
  ciphertext), so the recipient knows who made the file and that no byte changed.

Payloads: device to server `{"changes": [... as /v1/push ...], "cursor": N}`;
server to device `{"results": [... PushResult ...], "changes": [... ServerChange
...], "next_cursor": M, "more": bool, "in_reply_to": bundle_id}`.

Keys travel as hex of their raw 32 bytes. Every failure to read, verify or open a
bundle raises `BundleRefused` (one line, safe to show) and never returns a payload.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import tempfile
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, Literal

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from coldwave_app.domain.errors import N_, InvalidInput

MAGIC = b"CWB1"
FORMAT_VERSION = 1
BundleKind = Literal["device-to-server", "server-to-device"]
DEVICE_TO_SERVER: Final[BundleKind] = "device-to-server"
SERVER_TO_DEVICE: Final[BundleKind] = "server-to-device"
SIGNATURE_SIZE = 64
KEY_SIZE = 32
NONCE_SIZE = 12
MAX_HEADER_BYTES = 4096
MAX_PAYLOAD_BYTES = 1 << 30  # decompressed; a season of a laptop is far below this
_HKDF_LABEL = b"coldwave bundle v1"

ALTERED = N_("The bundle was altered or is not for this server/laptop.")
NOT_A_BUNDLE = N_("This file is not a coldwave bundle.")


class BundleRefused(InvalidInput):
    """A bundle that is damaged, altered, foreign, or going the wrong way."""


@dataclass(frozen=True)
class BundleHeader:
    version: int
    kind: str
    campaign_id: str
    device_id: str
    bundle_id: str
    created_at: str
    ephemeral_public_key: str
    nonce: str

    def encode(self) -> bytes:
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":")).encode()


@dataclass(frozen=True)
class KeyPair:
    """Raw keys as hex: an Ed25519 signing key and an X25519 key agreement ("box") key."""

    signing_private: str
    box_private: str

    @property
    def signing_public(self) -> str:
        return signing_public_key(self.signing_private)

    @property
    def box_public(self) -> str:
        return box_public_key(self.box_private)


def new_key_pair() -> KeyPair:
    signing = Ed25519PrivateKey.generate().private_bytes_raw().hex()
    box = X25519PrivateKey.generate().private_bytes_raw().hex()
    return KeyPair(signing_private=signing, box_private=box)


def signing_public_key(private_hex: str) -> str:
    key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private_hex))
    return key.public_key().public_bytes_raw().hex()


def box_public_key(private_hex: str) -> str:
    key = X25519PrivateKey.from_private_bytes(bytes.fromhex(private_hex))
    return key.public_key().public_bytes_raw().hex()


def is_public_key(value: str) -> bool:
    """32 raw bytes as 64 lowercase or uppercase hex digits."""
    if len(value) != 2 * KEY_SIZE:
        return False
    try:
        bytes.fromhex(value)
    except ValueError:
        return False
    return True


def _key(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    hkdf = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=None,
        info=_HKDF_LABEL + ephemeral + recipient,
    )
    return hkdf.derive(shared)


def seal(
    payload: dict[str, Any],
    *,
    kind: BundleKind,
    campaign_id: str,
    device_id: str,
    sender_signing_key: str,
    recipient_box_public_key: str,
    bundle_id: str | None = None,
) -> bytes:
    """The bundle bytes of `payload`, encrypted for the recipient and signed by the sender."""
    recipient = bytes.fromhex(recipient_box_public_key)
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes_raw()
    nonce = os.urandom(NONCE_SIZE)
    header = BundleHeader(
        version=FORMAT_VERSION,
        kind=kind,
        campaign_id=campaign_id,
        device_id=device_id,
        bundle_id=bundle_id or str(uuid.uuid4()),
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        ephemeral_public_key=ephemeral_public.hex(),
        nonce=nonce.hex(),
    ).encode()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    compressed = gzip.compress(body, mtime=0)
    ciphertext = AESGCM(_key(shared, ephemeral_public, recipient)).encrypt(
        nonce, compressed, header
    )
    signed = MAGIC + len(header).to_bytes(4, "big") + header + ciphertext
    signer = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(sender_signing_key))
    return signed + signer.sign(signed)


def read_header(data: bytes) -> BundleHeader:
    """The header of a bundle, NOT yet verified: use it only to find the sender's key."""
    if len(data) < len(MAGIC) + 4 + SIGNATURE_SIZE or not data.startswith(MAGIC):
        raise BundleRefused(NOT_A_BUNDLE)
    size = int.from_bytes(data[len(MAGIC) : len(MAGIC) + 4], "big")
    start = len(MAGIC) + 4
    if size > MAX_HEADER_BYTES or start + size + SIGNATURE_SIZE > len(data):
        raise BundleRefused(ALTERED)
    try:
        raw = json.loads(data[start : start + size].decode("utf-8"))
        header = BundleHeader(**raw)
    except (ValueError, TypeError):
        raise BundleRefused(ALTERED) from None
    if not isinstance(header.version, int) or header.version != FORMAT_VERSION:
        raise BundleRefused(N_("This bundle was made by another version of coldwave."))
    if not all(
        isinstance(value, str)
        for value in (
            header.kind, header.campaign_id, header.device_id, header.bundle_id,
            header.created_at, header.ephemeral_public_key, header.nonce,
        )
    ):  # fmt: skip
        raise BundleRefused(ALTERED)
    return header


def open_bundle(
    data: bytes,
    *,
    kind: BundleKind,
    campaign_id: str,
    device_id: str,
    sender_signing_public_key: str,
    recipient_box_key: str,
) -> tuple[BundleHeader, dict[str, Any]]:
    """Verify, check who it is for, decrypt: the header and the payload of a bundle.

    `campaign_id` and `device_id` are what the reader expects: its own campaign and
    (on the server) the laptop whose key verifies it, (on a laptop) itself.
    """
    header = read_header(data)
    if header.kind not in (DEVICE_TO_SERVER, SERVER_TO_DEVICE):
        raise BundleRefused(ALTERED)
    if header.kind != kind:
        if kind == SERVER_TO_DEVICE:
            raise BundleRefused(
                N_("This bundle is a laptop's export, not a reply from the server.")
            )
        raise BundleRefused(N_("This bundle is a reply from the server, not a laptop's export."))
    signed, signature = data[:-SIGNATURE_SIZE], data[-SIGNATURE_SIZE:]
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(sender_signing_public_key)).verify(
            signature, signed
        )
    except (InvalidSignature, ValueError):
        raise BundleRefused(ALTERED) from None
    if header.campaign_id != campaign_id or header.device_id != device_id:
        raise BundleRefused(ALTERED)
    header_end = len(MAGIC) + 4 + int.from_bytes(data[len(MAGIC) : len(MAGIC) + 4], "big")
    try:
        ephemeral = bytes.fromhex(header.ephemeral_public_key)
        nonce = bytes.fromhex(header.nonce)
        private = X25519PrivateKey.from_private_bytes(bytes.fromhex(recipient_box_key))
        recipient = private.public_key().public_bytes_raw()
        shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral))
        compressed = AESGCM(_key(shared, ephemeral, recipient)).decrypt(
            nonce, signed[header_end:], data[len(MAGIC) + 4 : header_end]
        )
        with gzip.GzipFile(fileobj=io.BytesIO(compressed)) as stream:
            body = stream.read(MAX_PAYLOAD_BYTES + 1)
        if len(body) > MAX_PAYLOAD_BYTES:
            raise ValueError("payload too large")
        payload = json.loads(body.decode("utf-8"))
    except (InvalidTag, ValueError, OSError, EOFError):
        raise BundleRefused(ALTERED) from None
    if not isinstance(payload, dict):
        raise BundleRefused(ALTERED)
    return header, payload


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file, fsync and rename: whole or absent."""
    directory = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
