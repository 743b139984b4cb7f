"""Who may do what, and how much: the bearer token for writes, loopback-only reads unless
`api.allow_remote_reads`, and the request body limit (`api.max_body_bytes`)."""

from __future__ import annotations

import hmac
import ipaddress

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sitrep.api.errors import error_response
from sitrep.config import ApiSettings

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def is_loopback(host: str | None) -> bool:
    """Whether a client address is this machine."""
    if not host:
        return False
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def token_ok(header: str | None, token: str) -> bool:
    """Whether an Authorization header carries the configured bearer token."""
    if not token or not header:
        return False
    scheme, _, value = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(value.strip(), token)


class TooLarge(HTTPException):
    """The body went over the limit while it was being read (an HTTPException, so that
    FastAPI's body parsing lets it through and the error handlers give it the one shape)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body over api.max_body_bytes ({limit} bytes)")


class Guard:
    """ASGI middleware applying the three rules before any route runs."""

    def __init__(self, app: ASGIApp, settings: ApiSettings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        s = self.settings
        method = scope["method"]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        client = scope.get("client")
        host = client[0] if client else None
        if method in WRITE_METHODS:
            if not token_ok(headers.get("authorization"), s.token):
                why = (
                    "this server has no api.token set, so it accepts no writes"
                    if not s.token
                    else "send the token of api.token as 'Authorization: Bearer TOKEN'"
                )
                resp = error_response(
                    401,
                    f"writes need a bearer token: {why}",
                    headers={"WWW-Authenticate": "Bearer"},
                )
                await resp(scope, receive, send)
                return
        elif not s.allow_remote_reads and not is_loopback(host):
            resp = error_response(
                403, "reads are served to loopback only; set api.allow_remote_reads to open them"
            )
            await resp(scope, receive, send)
            return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > s.max_body_bytes):
            await error_response(413, self._too_large())(scope, receive, send)
            return
        await self._bounded(scope, receive, send)

    def _too_large(self) -> str:
        return f"request body over api.max_body_bytes ({self.settings.max_body_bytes} bytes)"

    async def _bounded(self, scope: Scope, receive: Receive, send: Send) -> None:
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.settings.max_body_bytes:
                    raise TooLarge(self.settings.max_body_bytes)
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except TooLarge:
            if not started:
                await error_response(413, self._too_large())(scope, receive, send)
