"""Request hardening in front of every route: body size, rate limits, security headers.

`HardeningMiddleware` (pure ASGI, the outermost layer, see `install_hardening`):

- refuses a request body over `MAX_BODY_BYTES` (16 MiB, as sent, that is compressed)
  with 413 before any of it is inflated or parsed; the inflated size has its own cap
  in api.gzip_body (MAX_INFLATED_BYTES, 128 MiB), so a gzip bomb stops there;
- rate-limits enrolment and publish codes per client address (a token bucket), and
  every client address that keeps presenting bad device tokens: both answer 429 with
  Retry-After, so guessing a code or a token is slow;
- adds security headers to every answer (nosniff, no framing, no referrer, no
  caching, and a CSP that forbids everything on API answers).

The buckets live in memory: one server process, reset on restart. Behind a reverse
proxy every request comes from the proxy, so the address is taken from the last
`X-Forwarded-For` entry when (and only when) the peer is a loopback proxy
(docs/deploy/nginx.conf sets that header).
"""

from __future__ import annotations

import json
import math
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY_BYTES = 16 * 1024 * 1024

RATE_LIMITED_PATHS = frozenset({"/v1/enrol", "/v1/publish"})
TRUSTED_PROXIES = frozenset({"127.0.0.1", "::1"})
# The interactive docs load their own scripts: the strict CSP is for API answers.
_DOC_PATHS = ("/docs", "/redoc")

SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
    (b"cross-origin-resource-policy", b"same-origin"),
)
API_CSP = (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'")


@dataclass
class TokenBucket:
    """`capacity` attempts at once, refilled at `per_minute`; one bucket per key."""

    capacity: float
    per_minute: float
    clock: Callable[[], float] = time.monotonic
    _levels: dict[str, tuple[float, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _level(self, key: str, now: float) -> float:
        level, since = self._levels.get(key, (self.capacity, now))
        return min(self.capacity, level + (now - since) * self.per_minute / 60.0)

    def take(self, key: str) -> bool:
        """Spend one attempt of `key`; False (nothing spent) when the bucket is empty."""
        with self._lock:
            now = self.clock()
            level = self._level(key, now)
            if level < 1.0:
                self._levels[key] = (level, now)
                return False
            self._levels[key] = (level - 1.0, now)
            if len(self._levels) > 100_000:  # a flood of addresses must not grow memory
                self._levels.clear()
            return True

    def has_room(self, key: str) -> bool:
        with self._lock:
            return self._level(key, self.clock()) >= 1.0

    def retry_after(self, key: str) -> int:
        with self._lock:
            missing = 1.0 - self._level(key, self.clock())
        return max(1, math.ceil(missing * 60.0 / self.per_minute))


def _enrolments_per_minute() -> float:
    """Enrolment attempts per minute and address: 10, or COLDWAVE_SERVER_ENROL_PER_MINUTE
    (an office that enrols a whole fleet at once behind one address may raise it)."""
    raw = os.environ.get("COLDWAVE_SERVER_ENROL_PER_MINUTE", "")
    return float(raw) if raw.isdigit() and int(raw) > 0 else 10.0


@dataclass
class Limits:
    """The server's limits; tests and `coldwave-server run` may tune them on app.state."""

    max_body_bytes: int = MAX_BODY_BYTES
    enrolment: TokenBucket = field(
        default_factory=lambda: TokenBucket(_enrolments_per_minute(), _enrolments_per_minute())
    )
    failed_auth: TokenBucket = field(default_factory=lambda: TokenBucket(30, 30))


def client_address(scope: Scope) -> str:
    client = scope.get("client")
    peer = str(client[0]) if client else "unknown"
    if peer in TRUSTED_PROXIES:
        for name, value in scope.get("headers", []):
            if name == b"x-forwarded-for":
                forwarded = value.decode("latin-1").split(",")[-1].strip()
                return forwarded or peer
    return peer


async def _answer(send: Send, status: int, error: str, detail: str, extra: dict[str, str]) -> None:
    body = json.dumps({"error": error, "detail": detail}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *SECURITY_HEADERS,
        API_CSP,
        *((k.encode(), v.encode()) for k, v in extra.items()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _too_large(send: Send, cap: int) -> None:
    await _answer(send, 413, "body_too_large", f"a request body is limited to {cap} bytes", {})


class HardeningMiddleware:
    def __init__(self, app: ASGIApp, limits: Limits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limits = self.limits
        address = client_address(scope)
        path = str(scope.get("path", ""))
        if not limits.failed_auth.has_room(address):
            wait = str(limits.failed_auth.retry_after(address))
            await _answer(send, 429, "too_many_requests", "too many refused tokens; wait",
                          {"retry-after": wait})  # fmt: skip
            return
        if path in RATE_LIMITED_PATHS and not limits.enrolment.take(address):
            wait = str(limits.enrolment.retry_after(address))
            await _answer(send, 429, "too_many_requests", "too many enrolment attempts; wait",
                          {"retry-after": wait})  # fmt: skip
            return
        declared = _content_length(scope)
        if declared is not None and declared > limits.max_body_bytes:
            await _too_large(send, limits.max_body_bytes)
            return
        body_receive = receive
        if scope.get("method") in ("POST", "PUT", "PATCH"):
            body = await _read_capped(receive, limits.max_body_bytes)
            if body is None:
                await _too_large(send, limits.max_body_bytes)
                return
            body_receive = _replay(body, receive)
        csp = not path.startswith(_DOC_PATHS)

        async def hardened_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                # Refused codes have their own bucket; this one counts refused tokens.
                if message["status"] == 401 and path not in RATE_LIMITED_PATHS:
                    limits.failed_auth.take(address)
                present = {name.lower() for name, _v in message.get("headers", [])}
                added = [h for h in (*SECURITY_HEADERS, *((API_CSP,) if csp else ()))
                         if h[0] not in present]  # fmt: skip
                message = {**message, "headers": [*message.get("headers", []), *added]}
            await send(message)

        await self.app(scope, body_receive, hardened_send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _read_capped(receive: Receive, cap: int) -> bytes | None:
    """The whole body, or None as soon as it passes `cap` bytes (or the client left)."""
    chunks = bytearray()
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunks.extend(message.get("body", b""))
        if len(chunks) > cap:
            return None
        if not message.get("more_body", False):
            return bytes(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if sent:
            return await receive()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replayed


def install_hardening(app: FastAPI, limits: Limits | None = None) -> Limits:
    """Add the hardening layer outermost (call after every other add_middleware)."""
    active = limits or Limits()
    app.state.limits = active
    app.add_middleware(HardeningMiddleware, limits=active)
    return active
