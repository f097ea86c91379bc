"""A TCP proxy on 127.0.0.1 that breaks PostgreSQL connections at exact requests.

No timing: the proxy reads the wire protocol and counts the *requests* each
connection sends (a simple-protocol Query, or an extended-protocol Sync: one
round trip, one ReadyForQuery in reply). The test's plan names, for the n-th
connection through the proxy, the request to break and how:

- ``CUT``: the TCP connection drops before the server sees request k (a line
  going dead; the server rolls back an open transaction);
- ``LOSE_REPLY``: the server runs request k and replies, the connection drops
  before the reply reaches the client (for a COMMIT: committed at the centre,
  and the counter never heard);
- ``TERMINATE``: the backend is terminated by the server (``pg_terminate_backend``)
  before request k, and the client reads the server's FATAL error.

``before_fault`` runs at the fault point, before the break (a child process
kills itself there). The proxy answers SSL and GSS encryption requests with
"no" itself, so it always sees plain protocol. Threads, bounded: one accept
loop, two pumps per connection, all daemons, all sockets closed by ``close``.
"""

from __future__ import annotations

import contextlib
import enum
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType

SSL_REQUEST = 80877103
GSSENC_REQUEST = 80877104
# Client messages that are part of an extended-protocol request, sent on its Sync.
EXTENDED_PARTS = frozenset(b"PBDEC")
# Server messages the client must see before it sends more (COPY IN/OUT/BOTH).
COPY_STARTS = frozenset(b"GHW")


class Fault(enum.Enum):
    CUT = "cut"
    LOSE_REPLY = "lose-reply"
    TERMINATE = "terminate"


@dataclass(frozen=True)
class FaultPoint:
    request: int  # 1-based: the request of the connection it breaks
    fault: Fault


@dataclass
class Injected:
    """A fault that happened: where, and what the connection was doing."""

    connection: int  # 0-based, in the order the proxy accepted them
    request: int
    fault: Fault
    sql: str  # the request's text when it carried one (Query, Parse), else ""
    in_transaction: bool  # the request was sent inside an open transaction
    reply_tags: list[str] = field(default_factory=list)  # LOSE_REPLY: what the lost reply said

    @property
    def lost_commit(self) -> bool:
        return self.fault is Fault.LOSE_REPLY and "COMMIT" in self.reply_tags


Plan = Callable[[int], FaultPoint | None]


def no_faults(_connection: int) -> FaultPoint | None:
    return None


class CuttingProxy:
    def __init__(
        self,
        upstream_host: str,
        upstream_port: int,
        plan: Plan = no_faults,
        *,
        terminate: Callable[[int], None] | None = None,
        before_fault: Callable[[], None] | None = None,
    ) -> None:
        """``plan(n)``: the fault of the n-th connection (0-based), or None.

        ``terminate(pid)`` ends a backend and returns once it is gone (needed for
        ``TERMINATE``).
        """
        self._upstream = (upstream_host, upstream_port)
        self._plan = plan
        self._terminate = terminate
        self._before_fault = before_fault
        self._listener = socket.create_server(("127.0.0.1", 0))
        # Only so that close() stops the accept loop; never a verdict.
        self._listener.settimeout(0.2)
        self.port: int = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._live: list[socket.socket] = []
        self._closing = threading.Event()
        self.connections = 0
        self.injected: list[Injected] = []
        self._thread = threading.Thread(target=self._accept, daemon=True, name="proxy-accept")
        self._thread.start()

    def __enter__(self) -> CuttingProxy:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._closing.set()
        with self._lock:
            victims, self._live = self._live, []
        for sock in victims:
            _drop(sock)
        self._thread.join()
        self._listener.close()

    def _accept(self) -> None:
        while not self._closing.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            with self._lock:
                number = self.connections
                self.connections += 1
                self._live.append(client)
            threading.Thread(
                target=self._start, args=(client, number), daemon=True, name="proxy-start"
            ).start()

    def _start(self, client: socket.socket, number: int) -> None:
        try:
            startup = _startup(client)
            if startup is None:
                _drop(client)
                return
            server = socket.create_connection(self._upstream)
            server.settimeout(None)
            server.sendall(startup)
        except OSError:
            _drop(client)
            return
        with self._lock:
            self._live.append(server)
        link = _Link(self, number, client, server, self._plan(number))
        threading.Thread(target=link.from_server, daemon=True, name="proxy-pump").start()
        link.from_client()

    def _fault(self, injected: Injected, pid: int | None) -> None:
        self.injected.append(injected)
        if self._before_fault is not None:
            self._before_fault()
        if injected.fault is Fault.TERMINATE:
            assert self._terminate is not None and pid is not None
            self._terminate(pid)


class _Link:
    """One client connection and its server connection, pumped message by message."""

    def __init__(
        self,
        proxy: CuttingProxy,
        number: int,
        client: socket.socket,
        server: socket.socket,
        point: FaultPoint | None,
    ) -> None:
        self.proxy, self.number, self.client, self.server = proxy, number, client, server
        self.point = point
        self.pid: int | None = None
        self.in_transaction = False
        self.unbuffered = False  # the client sent Flush: it reads replies before a Sync
        self.sent_sql: dict[int, str] = {}

    def _break(self) -> None:
        _drop(self.client)
        _drop(self.server)

    def from_client(self) -> None:
        pending = bytearray()
        requests = 0
        sql = ""
        try:
            while (message := _message(self.client)) is not None:
                kind = message[0]
                pending += message
                if kind == ord("P") and not sql:
                    sql = _text(message[5:].split(b"\0", 2)[1])
                if kind in EXTENDED_PARTS:
                    continue
                if kind in b"QS":
                    requests += 1
                    if kind == ord("Q"):
                        sql = _text(message[5:])
                    self.sent_sql[requests] = sql
                    point = self.point
                    if (
                        point is not None
                        and point.request == requests
                        and point.fault is not Fault.LOSE_REPLY
                    ):
                        injected = Injected(
                            self.number, requests, point.fault, sql, self.in_transaction
                        )
                        self.proxy._fault(injected, self.pid)
                        if point.fault is Fault.CUT:
                            self._break()
                        # TERMINATE: the request is dropped; the server's FATAL reaches
                        # the client through from_server, which closes both.
                        return
                    sql = ""
                elif kind == ord("H"):
                    self.unbuffered = True
                self.server.sendall(pending)
                pending.clear()
        except OSError:
            pass
        self._break()

    def from_server(self) -> None:
        pending = bytearray()
        replies = -1  # the first ReadyForQuery ends the start-up, not a request
        tags: list[str] = []
        try:
            while (message := _message(self.server)) is not None:
                kind = message[0]
                pending += message
                if kind == ord("K") and self.pid is None:
                    self.pid = int.from_bytes(message[5:9], "big")
                elif kind == ord("C"):
                    tags.append(_text(message[5:]))
                if kind == ord("Z"):
                    replies += 1
                    point = self.point
                    if (
                        point is not None
                        and point.fault is Fault.LOSE_REPLY
                        and point.request == replies
                    ):
                        injected = Injected(
                            self.number,
                            replies,
                            point.fault,
                            self.sent_sql.get(replies, ""),
                            self.in_transaction,
                            tags,
                        )
                        self.proxy._fault(injected, self.pid)
                        break
                    self.in_transaction = message[5:6] in (b"T", b"E")
                    tags = []
                elif replies >= 0 and not self.unbuffered and kind not in COPY_STARTS:
                    continue  # a reply goes to the client whole, with its ReadyForQuery
                self.client.sendall(pending)
                pending.clear()
            else:
                self.client.sendall(pending)  # the server's last words (a FATAL error)
        except OSError:
            pass
        self._break()


def _startup(client: socket.socket) -> bytes | None:
    """The client's start-up packet; encryption requests are refused on the way."""
    while True:
        header = _exactly(client, 8)
        if header is None:
            return None
        length, code = int.from_bytes(header[:4], "big"), int.from_bytes(header[4:], "big")
        if code in (SSL_REQUEST, GSSENC_REQUEST):
            client.sendall(b"N")
            continue
        rest = _exactly(client, length - 8)
        return None if rest is None else header + rest


def _message(sock: socket.socket) -> bytes | None:
    header = _exactly(sock, 5)
    if header is None:
        return None
    body = _exactly(sock, int.from_bytes(header[1:], "big") - 4)
    return None if body is None else header + body


def _exactly(sock: socket.socket, size: int) -> bytes | None:
    data = bytearray()
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return bytes(data)


def _text(raw: bytes) -> str:
    return raw.split(b"\0", 1)[0].decode("utf-8", "replace")


def _drop(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
