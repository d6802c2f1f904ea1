"""What the app, the API routes and the pages share: the server's settings and per-thread store,
the error shape, cursors, and the check on state-changing requests."""

from __future__ import annotations

import base64
import hmac
import ipaddress
import json
import threading
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request

from ..errors import AccessError, ConfigError, Errors, InputError, NewstraceError, StoreError
from ..store import Store, open_store

# newstrace error number -> HTTP status (anything else: 500)
STATUS = {
    "E068": 404,
    "E069": 409,
    "E070": 400,
    "E074": 400,
    "E075": 503,
    "E110": 400,
    "E111": 422,
    "E112": 404,
    "E113": 403,
}


@dataclass
class ServerConfig:
    """What ``newstrace serve`` was started with."""

    db: str
    host: str = "127.0.0.1"
    allow_write: bool = False
    token: str | None = None
    allow_private_fetch: bool = False  # for tests: paste-a-URL from a server on loopback
    _local: threading.local = field(default_factory=threading.local, repr=False)
    _opened: list[Store] = field(default_factory=list, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def store(self) -> Store:
        """This thread's read-only connection: each server thread queries on its own one."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = open_store(self.db, read_only=True)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    def close(self) -> None:
        """Close every thread's connection (at shutdown)."""
        with self._lock:
            opened, self._opened = self._opened, []
        for store in opened:
            store.close()
        self._local = threading.local()


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_config(config: ServerConfig) -> None:
    """Refuse to serve writes to other machines without a token (E114)."""
    if config.allow_write and not is_loopback(config.host) and not config.token:
        raise ConfigError(Errors.E114.format(host=config.host))


def error_body(exc: NewstraceError) -> tuple[int, dict[str, Any]]:
    message = str(exc)
    code = message.split(" ", 1)[0] if message[:1] == "E" and message[1:4].isdigit() else None
    status = STATUS.get(code or "", 422 if isinstance(exc, InputError) else 500)
    return status, {"error": {"code": code, "message": message}}


MAX_OFFSET = 1_000_000_000


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"offset": offset}).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The offset a cursor stands for; a cursor this server did not write is refused (E110)."""
    if not cursor:
        return 0
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        offset = int(data["offset"])
        if not 0 <= offset <= MAX_OFFSET:  # SQLite's integers end at 2**63; no corpus is near this
            raise ValueError(offset)
        return offset
    except (ValueError, KeyError, TypeError) as exc:
        raise StoreError(Errors.E110.format(cursor=cursor[:40])) from exc


def authorized(config: ServerConfig, request: Request) -> None:
    """A state-changing request: allowed only with --allow-write, and with the token when set."""
    if not config.allow_write:
        raise AccessError(Errors.E113.format(reason="the server was started without --allow-write"))
    if config.token:
        given = request.headers.get("authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {config.token}".encode()):
            raise AccessError(Errors.E113.format(reason="a missing or wrong 'Authorization: Bearer' token"))
