"""asyncio streams: open_connection, start_server, StreamReader and
StreamWriter, after CPython 3.11's asyncio/streams.py, on the loop's
readers and writers (no transports or protocols: a connection is a
non-blocking socket that the loop watches).

A connection's reader is fed by a loop reader on its socket (recv() until
it would block; b"" is EOF); its writer sends at once what the socket takes
and keeps the rest for a loop writer, and drain() waits while more than the
high-water mark is kept.
"""

import socket as _socket

from asyncio import events
from asyncio.futures import CancelledError

__all__ = ["StreamReader", "StreamWriter", "open_connection", "start_server",
           "IncompleteReadError", "LimitOverrunError", "Server"]

_DEFAULT_LIMIT = 2 ** 16
_HIGH_WATER = 2 ** 16


class IncompleteReadError(EOFError):
    def __init__(self, partial, expected):
        r_expected = "undefined" if expected is None else repr(expected)
        EOFError.__init__(self, "%d bytes read on a total of %s expected bytes" % (len(partial), r_expected))
        self.partial = partial
        self.expected = expected


class LimitOverrunError(Exception):
    def __init__(self, message, consumed):
        Exception.__init__(self, message)
        self.consumed = consumed


class StreamReader:
    def __init__(self, limit=_DEFAULT_LIMIT, loop=None):
        if limit <= 0:
            raise ValueError("Limit cannot be <= 0")
        self._limit = limit
        self._loop = events.get_event_loop() if loop is None else loop
        self._buffer = b""
        self._eof = False
        self._waiter = None
        self._exception = None

    def __repr__(self):
        info = ["StreamReader"]
        if self._buffer:
            info.append("%d bytes" % len(self._buffer))
        if self._eof:
            info.append("eof")
        return "<%s>" % " ".join(info)

    def exception(self):
        return self._exception

    def set_exception(self, exc):
        self._exception = exc
        self._wake_waiter(exc)

    def _wake_waiter(self, exc=None):
        waiter = self._waiter
        if waiter is not None:
            self._waiter = None
            if not waiter.done():
                if exc is None:
                    waiter.set_result(None)
                else:
                    waiter.set_exception(exc)

    def feed_eof(self):
        self._eof = True
        self._wake_waiter()

    def at_eof(self):
        return self._eof and not self._buffer

    def feed_data(self, data):
        if data:
            self._buffer += data
            self._wake_waiter()

    async def _wait_for_data(self, func_name):
        if self._waiter is not None:
            raise RuntimeError("%s() called while another coroutine is already waiting for incoming data"
                               % func_name)
        self._waiter = self._loop.create_future()
        try:
            await self._waiter
        finally:
            self._waiter = None

    def _take(self, n):
        data = self._buffer[:n]
        self._buffer = self._buffer[n:]
        return data

    async def read(self, n=-1):
        if self._exception is not None:
            raise self._exception
        if n == 0:
            return b""
        if n < 0:
            while not self._eof:
                await self._wait_for_data("read")
                if self._exception is not None:
                    raise self._exception
            return self._take(len(self._buffer))
        if not self._buffer and not self._eof:
            await self._wait_for_data("read")
            if self._exception is not None:
                raise self._exception
        return self._take(n)

    async def readexactly(self, n):
        if n < 0:
            raise ValueError("readexactly size can not be less than zero")
        if self._exception is not None:
            raise self._exception
        while len(self._buffer) < n:
            if self._eof:
                partial = self._take(len(self._buffer))
                raise IncompleteReadError(partial, n)
            await self._wait_for_data("readexactly")
            if self._exception is not None:
                raise self._exception
        return self._take(n)

    async def readuntil(self, separator=b"\n"):
        if not separator:
            raise ValueError("Separator should be at least one-byte string")
        if self._exception is not None:
            raise self._exception
        offset = 0
        while True:
            pos = self._buffer.find(separator, offset)
            if pos >= 0:
                end = pos + len(separator)
                if end > self._limit:
                    raise LimitOverrunError("Separator is found, but chunk is longer than limit", pos)
                return self._take(end)
            offset = max(0, len(self._buffer) + 1 - len(separator))
            if offset > self._limit:
                raise LimitOverrunError("Separator is not found, and chunk exceed the limit", offset)
            if self._eof:
                partial = self._take(len(self._buffer))
                raise IncompleteReadError(partial, None)
            await self._wait_for_data("readuntil")
            if self._exception is not None:
                raise self._exception

    async def readline(self):
        try:
            return await self.readuntil(b"\n")
        except IncompleteReadError as e:
            return e.partial
        except LimitOverrunError as e:
            if self._buffer.startswith(b"\n", e.consumed):
                del_len = e.consumed + 1
            else:
                del_len = len(self._buffer)
            self._take(del_len)
            raise ValueError(e.args[0])

    def __aiter__(self):
        return self

    async def __anext__(self):
        line = await self.readline()
        if line == b"":
            raise StopAsyncIteration
        return line


class _Connection:
    """A non-blocking socket that the loop reads into a StreamReader and
    writes from a buffer: what CPython splits into a transport and a
    protocol."""

    def __init__(self, loop, sock, reader):
        self._loop = loop
        self._sock = sock
        self._fd = sock.fileno()
        self._reader = reader
        self._outgoing = b""
        self._closing = False
        self._closed = loop.create_future()
        self._drain_waiters = []
        sock.setblocking(False)
        loop.add_reader(self._fd, self._on_readable)

    def _on_readable(self):
        try:
            data = self._sock.recv(_DEFAULT_LIMIT)
        except (BlockingIOError, InterruptedError):
            return
        except OSError as exc:
            self._loop.remove_reader(self._fd)
            self._reader.set_exception(exc)
            return
        if data:
            self._reader.feed_data(data)
        else:
            self._loop.remove_reader(self._fd)
            self._reader.feed_eof()

    def write(self, data):
        if self._closing:
            return
        if not self._outgoing:
            try:
                sent = self._sock.send(data)
            except (BlockingIOError, InterruptedError):
                sent = 0
            except OSError as exc:
                self._reader.set_exception(exc)
                return
            data = data[sent:]
            if not data:
                return
            self._loop.add_writer(self._fd, self._on_writable)
        self._outgoing += data

    def _on_writable(self):
        try:
            sent = self._sock.send(self._outgoing)
        except (BlockingIOError, InterruptedError):
            return
        except OSError as exc:
            self._outgoing = b""
            self._loop.remove_writer(self._fd)
            self._wake_drainers(exc)
            return
        self._outgoing = self._outgoing[sent:]
        if len(self._outgoing) <= _HIGH_WATER:
            self._wake_drainers(None)
        if not self._outgoing:
            self._loop.remove_writer(self._fd)
            if self._closing:
                self._finish_close()

    def _wake_drainers(self, exc):
        waiters, self._drain_waiters = self._drain_waiters, []
        for fut in waiters:
            if not fut.done():
                if exc is None:
                    fut.set_result(None)
                else:
                    fut.set_exception(exc)

    async def drain(self):
        if len(self._outgoing) <= _HIGH_WATER:
            return
        fut = self._loop.create_future()
        self._drain_waiters.append(fut)
        await fut

    def write_eof(self):
        if not self._outgoing:
            try:
                self._sock.shutdown(_socket.SHUT_WR)
            except OSError:
                pass

    def close(self):
        if self._closing:
            return
        self._closing = True
        self._loop.remove_reader(self._fd)
        if not self._outgoing:
            self._finish_close()

    def _finish_close(self):
        self._loop.remove_writer(self._fd)
        self._sock.close()
        self._reader.feed_eof()
        if not self._closed.done():
            self._closed.set_result(None)


class StreamWriter:
    def __init__(self, connection, reader, loop):
        self._conn = connection
        self._reader = reader
        self._loop = loop

    def __repr__(self):
        return "<StreamWriter fd=%d>" % self._conn._fd

    @property
    def transport(self):
        return self._conn

    def write(self, data):
        self._conn.write(bytes(data))

    def writelines(self, data):
        for chunk in data:
            self.write(chunk)

    def write_eof(self):
        self._conn.write_eof()

    def can_write_eof(self):
        return True

    def close(self):
        self._conn.close()

    def is_closing(self):
        return self._conn._closing

    async def wait_closed(self):
        await self._conn._closed

    def get_extra_info(self, name, default=None):
        sock = self._conn._sock
        try:
            if name == "socket":
                return sock
            if name == "peername":
                return sock.getpeername()
            if name == "sockname":
                return sock.getsockname()
        except OSError:
            return default
        return default

    async def drain(self):
        exc = self._reader.exception()
        if exc is not None:
            raise exc
        await self._conn.drain()


def _streams_for(loop, sock, limit):
    reader = StreamReader(limit=limit, loop=loop)
    conn = _Connection(loop, sock, reader)
    return reader, StreamWriter(conn, reader, loop)


async def open_connection(host=None, port=None, *, limit=_DEFAULT_LIMIT, sock=None, **kwds):
    """A (reader, writer) pair for a TCP connection to host:port."""
    loop = events.get_running_loop()
    if sock is None:
        if host in (None, "localhost"):
            host = "127.0.0.1"
        sock = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
        sock.setblocking(False)
        try:
            await loop.sock_connect(sock, (host, port))
        except BaseException:
            sock.close()
            raise
    sock.setsockopt(_socket.IPPROTO_TCP, _socket.TCP_NODELAY, 1)
    return _streams_for(loop, sock, limit)


class Server:
    def __init__(self, loop, sock, client_connected_cb, limit):
        self._loop = loop
        self._sock = sock
        self._cb = client_connected_cb
        self._limit = limit
        self._serving = False
        self._closed = loop.create_future()
        self._tasks = set()

    def __repr__(self):
        return "<Server sockets=%r>" % (self.sockets,)

    @property
    def sockets(self):
        return () if self._sock is None else (self._sock,)

    def get_loop(self):
        return self._loop

    def is_serving(self):
        return self._serving

    async def start_serving(self):
        self._start_serving()

    def _start_serving(self):
        if self._serving or self._sock is None:
            return
        self._serving = True
        self._loop.add_reader(self._sock.fileno(), self._accept)

    def _accept(self):
        try:
            conn, _ = self._sock.accept()
        except (BlockingIOError, InterruptedError, ConnectionAbortedError):
            return
        conn.setsockopt(_socket.IPPROTO_TCP, _socket.TCP_NODELAY, 1)
        reader, writer = _streams_for(self._loop, conn, self._limit)
        result = self._cb(reader, writer)
        from asyncio.tasks import iscoroutine
        if iscoroutine(result):
            task = self._loop.create_task(result)
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    def close(self):
        if self._sock is None:
            return
        if self._serving:
            self._loop.remove_reader(self._sock.fileno())
        self._serving = False
        self._sock.close()
        self._sock = None
        if not self._closed.done():
            self._closed.set_result(None)

    async def wait_closed(self):
        await self._closed

    async def serve_forever(self):
        self._start_serving()
        try:
            await self._closed
        except CancelledError:
            self.close()
            raise

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        self.close()
        await self.wait_closed()


async def start_server(client_connected_cb, host=None, port=None, *, limit=_DEFAULT_LIMIT,
                       sock=None, backlog=100, start_serving=True, **kwds):
    """A Server that calls client_connected_cb(reader, writer) for each new
    connection (a coroutine function's coroutine runs as a task)."""
    loop = events.get_running_loop()
    if sock is None:
        if host in (None, "", "localhost"):
            host = "127.0.0.1"
        sock = _socket.create_server((host, port or 0), backlog=backlog)
    sock.setblocking(False)
    server = Server(loop, sock, client_connected_cb, limit)
    if start_serving:
        server._start_serving()
    return server
