"""A TCP proxy on 127.0.0.1 that can cut every connection through it, for fault tests.

Threads, bounded: one accept loop, two pumps per connection, all daemons, all
sockets closed by ``close``. ``cut`` drops every live connection at once, as a
line going dead in the middle of a batch does (the client sees a reset or EOF).
"""

from __future__ import annotations

import contextlib
import socket
import threading
from types import TracebackType

BUFFER = 65536


class CuttingProxy:
    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self._upstream = (upstream_host, upstream_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port: int = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._live: list[socket.socket] = []
        self._closing = threading.Event()
        self.cuts = 0
        self.connections = 0
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

    def cut(self) -> int:
        """Drop every live connection; returns how many were cut."""
        with self._lock:
            victims, self._live = self._live, []
        for sock in victims:
            _drop(sock)
        if victims:
            self.cuts += 1
        return len(victims) // 2

    def close(self) -> None:
        self._closing.set()
        self.cut()
        self._thread.join(2)
        self._listener.close()

    def _accept(self) -> None:
        while not self._closing.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                server = socket.create_connection(self._upstream, timeout=5)
            except OSError:
                _drop(client)
                continue
            for sock in (client, server):
                sock.settimeout(None)
            with self._lock:
                self._live += [client, server]
                self.connections += 1
            for source, target in ((client, server), (server, client)):
                threading.Thread(
                    target=_pump, args=(source, target), daemon=True, name="proxy-pump"
                ).start()


def _pump(source: socket.socket, target: socket.socket) -> None:
    try:
        while data := source.recv(BUFFER):
            target.sendall(data)
    except OSError:
        pass
    finally:
        _drop(source)
        _drop(target)


def _drop(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
