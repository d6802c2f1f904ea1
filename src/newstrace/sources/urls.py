"""Fetching URLs safely: public addresses only (unless allowed), bounded redirects, size and time.

Server-side request forgery is the risk: a feed or a redirect pointing at 127.0.0.1, 10.x or the
cloud metadata address 169.254.169.254. Every hop is resolved, every address checked, and the
connection is made to the checked address (so a DNS answer cannot change between check and use).
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import SplitResult, urljoin, urlsplit

from ..errors import Errors, InputError

if TYPE_CHECKING:  # urllib3 loads on the first fetch, not with the package (queries start faster)
    import urllib3

REDIRECTS = {301, 302, 303, 307, 308}
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class FetchPolicy:
    """Limits for every fetch. ``allow_private`` lifts the address check entirely;
    ``allowed_networks`` (CIDRs) lifts it only for those networks."""

    allow_private: bool = False
    allowed_networks: tuple[str, ...] = ()
    max_bytes: int = 5_000_000
    timeout: float = 30.0
    max_redirects: int = 5
    user_agent: str = "newstrace/0.1 (corpus ingest)"
    # CA bundle for HTTPS; None means certifi's (a test server passes its own).
    ca_certs: str | None = None

    def permits(self, address: IPAddress) -> bool:
        if self.allow_private:
            return True
        if any(address in ipaddress.ip_network(net, strict=False) for net in self.allowed_networks):
            return True
        embedded = embedded_ipv4(address) if isinstance(address, ipaddress.IPv6Address) else None
        if embedded is not None:
            if any(embedded in ipaddress.ip_network(net, strict=False) for net in self.allowed_networks):
                return True
            return is_public(embedded)
        if isinstance(address, ipaddress.IPv6Address) and (address.is_site_local or address.teredo is not None):
            return False  # deprecated site-local; Teredo tunnels to an address we cannot see
        return is_public(address)


# IPv6 prefixes that carry an IPv4 address in their last 32 bits: NAT64 (RFC 6052, RFC 8215) and
# the deprecated IPv4-compatible form (::a.b.c.d). IPv4-mapped and 6to4 have stdlib properties.
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (mapped, 6to4, NAT64, IPv4-compatible), if any:
    the guard checks that one, so ::ffff:127.0.0.1, 2002:7f00:1::, 64:ff9b::a9fe:a9fe and ::10.0.0.1
    are refused as 127.0.0.1, 169.254.169.254 and 10.0.0.1 are."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if any(address in net for net in _NAT64) or (address in _IPV4_COMPATIBLE and int(address) > 1):
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


# Not globally reachable per IANA's special-purpose registry, though some Python versions call them global.
_NOT_GLOBAL = (ipaddress.ip_network("192.0.0.0/24"),)


def is_public(address: IPAddress) -> bool:
    """Global unicast only: not private, loopback, link-local, reserved, multicast or unspecified."""
    return (
        address.is_global
        and not any(address in net for net in _NOT_GLOBAL)
        and not address.is_multicast
        and not address.is_reserved
        and not address.is_loopback
        and not address.is_link_local
        and not address.is_unspecified
    )


@dataclass(frozen=True)
class Fetched:
    url: str
    status: int
    content_type: str
    body: bytes


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def split_url(url: str) -> SplitResult:
    """``urlsplit``, with a malformed URL ('http://[::1') an InputError (E050), not a ValueError."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - parsed lazily: a bad port raises here
    except ValueError as exc:
        raise InputError(Errors.E050.format(url=url, reason=exc)) from exc
    return parts


def resolve(url: str, policy: FetchPolicy) -> tuple[str, int, str, list[IPAddress]]:
    """Scheme, port, host and the checked addresses to connect to; raises InputError if refused."""
    parts = split_url(url)
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        raise InputError(Errors.E050.format(url=url, reason=f"the scheme '{scheme or '(none)'}' is not http or https"))
    host = parts.hostname
    if not host:
        raise InputError(Errors.E050.format(url=url, reason="it has no host"))
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as exc:
        raise InputError(Errors.E050.format(url=url, reason=exc)) from exc
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(Errors.E052.format(url=url, reason=exc)) from exc
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]
    if not addresses:
        raise InputError(Errors.E052.format(url=url, reason="no address"))
    for address in addresses:
        # Every address the name has must pass: the client may use any of them.
        if not policy.permits(address):
            raise InputError(Errors.E051.format(url=url, address=address))
    return scheme, port, host, list(dict.fromkeys(addresses))


class _Watchdog:
    """Shuts the fetch's socket at its deadline.

    Socket timeouts bound each wait for a byte, not the whole fetch: a server that sends one byte a
    second (in its headers or its body) would hold a fetch for hours. The watchdog ends it at
    ``policy.timeout`` whatever the server does; the blocked read then fails and is reported (E056).
    """

    def __init__(self, seconds: float) -> None:
        self._lock = threading.Lock()
        self._socket: socket.socket | None = None
        self.fired = False
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def attach(self, sock: socket.socket) -> None:
        with self._lock:
            self._socket = sock
            if self.fired:
                _shut(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            if self._socket is not None:
                _shut(self._socket)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # closed already
        socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the descriptor itself, under any TLS layer


def fetch(url: str, policy: FetchPolicy) -> Fetched:
    """GET ``url`` under ``policy``; the body is read in chunks and cut off past the limits, and the
    whole fetch, redirects included, ends at ``policy.timeout`` however slowly the server sends."""
    late = Errors.E056.format(url=url, reason=f"took longer than {policy.timeout:g} s")
    with _Watchdog(policy.timeout) as watchdog:
        try:
            fetched = _fetch(url, policy, watchdog)
        except InputError:
            if watchdog.fired:
                raise InputError(late) from None
            raise
        if watchdog.fired:  # cut off mid-headers or mid-body: what arrived is not the document
            raise InputError(late)
        return fetched


def _fetch(url: str, policy: FetchPolicy, watchdog: _Watchdog) -> Fetched:
    deadline = time.monotonic() + policy.timeout
    current = url
    for _ in range(policy.max_redirects + 1):
        scheme, port, host, addresses = resolve(current, policy)
        pool, response = _connect(current, scheme, port, host, addresses, policy, watchdog)
        try:
            location = response.headers.get("Location")
            if response.status in REDIRECTS and location:
                try:
                    current = urljoin(current, location)
                except ValueError as exc:  # a malformed Location header
                    raise InputError(Errors.E050.format(url=location, reason=exc)) from exc
                continue
            if response.status >= 400:
                raise InputError(Errors.E054.format(url=current, status=response.status))
            body = _read_body(response, current, policy, deadline)
            content_type = response.headers.get("Content-Type", "")
            return Fetched(current, response.status, content_type, body)
        finally:
            response.release_conn()
            pool.close()
    raise InputError(Errors.E053.format(url=url, limit=policy.max_redirects))


def _connect(
    url: str,
    scheme: str,
    port: int,
    host: str,
    addresses: list[IPAddress],
    policy: FetchPolicy,
    watchdog: _Watchdog,
) -> tuple[urllib3.HTTPConnectionPool, urllib3.BaseHTTPResponse]:
    """The first checked address that accepts the connection (as browsers try IPv6 and IPv4 in turn)."""
    for address in addresses[:-1]:
        try:
            return _request(url, scheme, port, host, address, policy, watchdog)
        except _UnreachableError:
            continue
    try:
        return _request(url, scheme, port, host, addresses[-1], policy, watchdog)
    except _UnreachableError as exc:
        raise InputError(Errors.E056.format(url=url, reason=exc.__cause__)) from exc


class _UnreachableError(Exception):
    """No connection to this address (refused, unreachable, timed out): try the next one."""


def _watched(base: type[Any]) -> type[Any]:
    """``base`` (urllib3's HTTP or HTTPS connection) handing its socket to the fetch's watchdog."""

    class Watched(base):
        def __init__(self, *args: Any, watchdog: _Watchdog, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._watchdog = watchdog

        def _new_conn(self) -> socket.socket:
            sock: socket.socket = super()._new_conn()
            self._watchdog.attach(sock)
            return sock

    return Watched


def _request(
    url: str, scheme: str, port: int, host: str, address: IPAddress, policy: FetchPolicy, watchdog: _Watchdog
) -> tuple[urllib3.HTTPConnectionPool, urllib3.BaseHTTPResponse]:
    import certifi
    import urllib3
    from urllib3.exceptions import ConnectTimeoutError, NewConnectionError
    from urllib3.exceptions import HTTPError as Urllib3Error

    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    host_header = f"[{host}]" if ":" in host else host
    if port != (443 if scheme == "https" else 80):
        host_header += f":{port}"
    timeout = urllib3.Timeout(connect=min(10.0, policy.timeout), read=policy.timeout)
    pool: urllib3.HTTPConnectionPool
    if scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            str(address),
            port,
            timeout=timeout,
            retries=False,
            server_hostname=host,
            assert_hostname=host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=policy.ca_certs or certifi.where(),
            watchdog=watchdog,
        )
    else:
        pool = urllib3.HTTPConnectionPool(str(address), port, timeout=timeout, retries=False, watchdog=watchdog)
    pool.ConnectionCls = _watched(pool.ConnectionCls)
    try:
        response = pool.urlopen(
            "GET",
            target,
            headers={"Host": host_header, "User-Agent": policy.user_agent, "Accept": "*/*"},
            redirect=False,
            retries=False,
            preload_content=False,
            decode_content=True,
        )
    except (NewConnectionError, ConnectTimeoutError) as exc:
        pool.close()
        raise _UnreachableError() from exc
    except Urllib3Error as exc:
        pool.close()
        raise InputError(Errors.E056.format(url=url, reason=exc)) from exc
    return pool, response


def _read_body(response: urllib3.BaseHTTPResponse, url: str, policy: FetchPolicy, deadline: float) -> bytes:
    from urllib3.exceptions import HTTPError as Urllib3Error

    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > policy.max_bytes:
        raise InputError(Errors.E055.format(url=url, limit=policy.max_bytes))
    chunks: list[bytes] = []
    size = 0
    try:
        # read1: what has arrived, up to 64 KiB, so the deadline is checked however slowly bytes come
        while chunk := response.read1(65536):
            size += len(chunk)
            if size > policy.max_bytes:
                raise InputError(Errors.E055.format(url=url, limit=policy.max_bytes))
            if time.monotonic() > deadline:
                raise InputError(Errors.E056.format(url=url, reason=f"took longer than {policy.timeout:g} s"))
            chunks.append(chunk)
    except Urllib3Error as exc:
        raise InputError(Errors.E056.format(url=url, reason=exc)) from exc
    return b"".join(chunks)
