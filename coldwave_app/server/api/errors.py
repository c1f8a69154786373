"""Every error answer is an `ErrorBody` (`error` code plus an English `detail`)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from coldwave_app.sync.protocol import MAX_PUSH_CHANGES, ErrorBody


class ApiError(Exception):
    """An error the API answers with `status` and an ErrorBody."""

    def __init__(
        self, status: int, error: str, detail: str = "", headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(detail or error)
        self.status = status
        self.error = error
        self.detail = detail
        self.headers = headers


def error_response(
    status: int, error: str, detail: str = "", headers: dict[str, str] | None = None
) -> JSONResponse:
    body = ErrorBody(error=error, detail=detail).model_dump()
    return JSONResponse(status_code=status, content=body, headers=headers)


async def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.error, exc.detail, exc.headers)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors: list[Any] = list(exc.errors())
    if any(_is_oversized_batch(err) for err in errors):
        return error_response(
            413, "batch_too_large", f"at most {MAX_PUSH_CHANGES} changes per push"
        )
    first = errors[0] if errors else {}
    where = ".".join(str(part) for part in first.get("loc", ()))
    return error_response(422, "unreadable_body", f"{where}: {first.get('msg', 'invalid')}")


def _is_oversized_batch(err: Any) -> bool:
    return bool(err.get("type") == "too_long" and tuple(err.get("loc", ()))[-1:] == ("changes",))


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    error = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    return error_response(exc.status_code, error, str(exc.detail))


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
