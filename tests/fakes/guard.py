"""The no-network guard: a test may reach loopback and Unix sockets, nothing else.

In ``tests/conftest.py``::

    from tests.fakes.guard import no_network  # noqa: F401  (autouse: applies to every test)

Blocked attempts raise ``NetworkBlocked`` at the call site *and* fail the test at teardown,
so code that swallows the exception (a retry loop, ``except Exception``) cannot hide the
attempt.  Name resolution of anything but ``localhost`` is blocked too: a DNS query is
already network traffic.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any, Iterator

import pytest

LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})


class NetworkBlocked(RuntimeError):
    """A test tried to reach a non-loopback address.  Deliberately not an OSError, so retry code does not treat it as a
    transient connection failure."""


def _is_loopback_host(host: Any) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    host = host.strip("[]").split("%", 1)[0].lower()
    if host in LOCAL_NAMES:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


def _allowed(family: int, address: Any) -> bool:
    if family == getattr(socket, "AF_UNIX", object()):
        return True
    if isinstance(address, tuple) and address:
        return _is_loopback_host(address[0])
    return False


def _is_literal_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return False
    return True


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Fail the test if it connects to, or resolves, anything but loopback; yields the blocked attempts."""
    blocked: list[str] = []

    def refuse(what: str) -> NetworkBlocked:
        blocked.append(what)
        return NetworkBlocked(f"test tried to reach {what}; only 127.0.0.0/8, ::1, localhost and AF_UNIX are allowed")

    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_create_connection = socket.create_connection
    real_getaddrinfo = socket.getaddrinfo

    def connect(self: socket.socket, address: Any) -> None:
        if not _allowed(self.family, address):
            raise refuse(f"connect {address!r}")
        return real_connect(self, address)

    def connect_ex(self: socket.socket, address: Any) -> int:
        if not _allowed(self.family, address):
            raise refuse(f"connect_ex {address!r}")
        return real_connect_ex(self, address)

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
        if not _is_loopback_host(address[0]):
            raise refuse(f"create_connection {address!r}")
        return real_create_connection(address, *args, **kwargs)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode("ascii", "replace") if isinstance(host, bytes) else host
        if name not in (None, "") and not _is_loopback_host(name) and not _is_literal_ip(name):
            raise refuse(f"resolve {name!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield blocked
    if blocked:
        pytest.fail("network access attempted (and blocked): " + "; ".join(blocked), pytrace=False)
