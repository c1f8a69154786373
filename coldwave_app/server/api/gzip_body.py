"""ASGI middleware: inflate request bodies sent with `Content-Encoding: gzip`.

The inflated size is capped, so a small "gzip bomb" cannot fill the memory.
"""

from __future__ import annotations

import zlib
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from coldwave_app.server.api.errors import error_response

MAX_INFLATED_BYTES = 128 * 1024 * 1024


_TOO_LARGE = b"\x00too large"  # a sentinel: compared by identity only


class GzipRequestMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _is_gzipped(scope):
            await self.app(scope, receive, send)
            return
        compressed = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            compressed.extend(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = _inflate(bytes(compressed))
        if body is _TOO_LARGE:
            response = error_response(
                413, "body_too_large", f"an inflated body is limited to {MAX_INFLATED_BYTES} bytes"
            )
            await response(scope, receive, send)
            return
        if body is None:
            response = error_response(422, "unreadable_body", "the gzip body cannot be read")
            await response(scope, receive, send)
            return
        headers = [
            (name, value)
            for name, value in scope["headers"]
            if name not in (b"content-encoding", b"content-length")
        ]
        headers.append((b"content-length", str(len(body)).encode()))
        sent = False

        async def inflated_receive() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app({**scope, "headers": headers}, inflated_receive, send)


def _is_gzipped(scope: Scope) -> bool:
    headers: Any = scope.get("headers", [])
    return any(
        name == b"content-encoding" and value.strip().lower() == b"gzip" for name, value in headers
    )


def _inflate(data: bytes) -> bytes | None:
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        body = inflater.decompress(data, MAX_INFLATED_BYTES)
    except zlib.error:
        return None
    if inflater.unconsumed_tail:
        return _TOO_LARGE
    if not inflater.eof:
        return None
    return body
