"""Task environments: timers, files and HTTP as a task of each model reaches them, blocking
(threads and processes) or awaitable (asyncio), as src/workers/node-task-env.ts."""

import os
import threading
import time

from .errors import LabError

def split_base_url(base_url):
    """('127.0.0.1', 40123) from 'http://127.0.0.1:40123'; only plain loopback http is served."""
    if not base_url.startswith("http://"):
        raise LabError("invalid-argument", "io.httpBaseUrl must start with http://")
    host, _, port = base_url[len("http://"):].rstrip("/").partition(":")
    return host, int(port or 80)


def blocking_file_round_trip(temp_dir, name, data):
    """Writes, fsyncs, reads back and deletes a temp file, as node-task-env.ts does."""
    path = os.path.join(temp_dir, name)
    try:
        with open(path, "wb") as handle:
            handle.write(data)
            # fsync is the point of the workload: the bytes must reach the disk.
            handle.flush()
            os.fsync(handle.fileno())
        with open(path, "rb") as handle:
            return handle.read()
    finally:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass  # open failed; the engine removes the run's temp folder anyway


NO_FILE_ACCESS = "io.file needs file access, which this run does not provide"
NO_HTTP_SERVER = "io.http needs the run's loopback HTTP server"


class BlockingEnv:
    """Timers, files and HTTP for threads and processes: plain blocking calls."""

    def __init__(self, io):
        self.temp_dir = io.get("tempDir")
        self.base_url = io.get("httpBaseUrl")
        # One keep-alive connection per thread, as a Node worker keeps one agent.
        self.local = threading.local()

    @staticmethod
    def sleep(ms):
        time.sleep(ms / 1000)

    def file_round_trip(self, name, data):
        if self.temp_dir is None:
            raise LabError("unavailable", NO_FILE_ACCESS)
        return blocking_file_round_trip(self.temp_dir, name, data)

    def http_get(self, path):
        if self.base_url is None:
            raise LabError("unavailable", NO_HTTP_SERVER)
        import http.client

        for attempt in (1, 2):
            conn = getattr(self.local, "conn", None)
            if conn is None:
                conn = http.client.HTTPConnection(*split_base_url(self.base_url), timeout=120)
                self.local.conn = conn
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                body = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed an idle keep-alive connection; one fresh try.
                conn.close()
                self.local.conn = None
                if attempt == 2:
                    raise
                continue
            if response.status != 200:
                raise LabError("io", "GET %s answered HTTP %d" % (path, response.status))
            return body
        raise AssertionError("unreachable")

    def close(self):
        conn = getattr(self.local, "conn", None)
        if conn is not None:
            conn.close()


class AsyncEnv:
    """Timers, files and HTTP for asyncio: awaitable calls on the one event loop."""

    def __init__(self, io):
        self.temp_dir = io.get("tempDir")
        self.base_url = io.get("httpBaseUrl")
        self.idle = []  # keep-alive (reader, writer) pairs not in use

    @staticmethod
    async def sleep(ms):
        import asyncio

        await asyncio.sleep(ms / 1000)

    async def file_round_trip(self, name, data):
        if self.temp_dir is None:
            raise LabError("unavailable", NO_FILE_ACCESS)
        # asyncio has no asynchronous file API: like aiofiles, hand the blocking calls to
        # the default thread pool so the event loop stays free while the disk works.
        import asyncio

        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            None, blocking_file_round_trip, self.temp_dir, name, data
        )

    async def http_get(self, path):
        if self.base_url is None:
            raise LabError("unavailable", NO_HTTP_SERVER)
        import asyncio

        host, port = split_base_url(self.base_url)
        request = ("GET %s HTTP/1.1\r\nHost: %s:%d\r\n\r\n" % (path, host, port)).encode("ascii")
        for attempt in (1, 2):
            if self.idle and attempt == 1:
                reader, writer = self.idle.pop()
            else:
                reader, writer = await asyncio.open_connection(host, port)
            try:
                writer.write(request)
                await writer.drain()
                status_line = await reader.readline()
            except (ConnectionResetError, BrokenPipeError):
                status_line = b""
            if not status_line:
                # The server closed an idle keep-alive connection; one fresh try.
                writer.close()
                if attempt == 2:
                    raise LabError("io", "GET %s: the server closed the connection" % path)
                continue
            status = int(status_line.split()[1])
            length = None
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b"\n", b""):
                    break
                name, _, value = line.decode("latin-1").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            if status != 200:
                writer.close()
                raise LabError("io", "GET %s answered HTTP %d" % (path, status))
            if length is None:
                body = await reader.read()
                writer.close()
            else:
                body = await reader.readexactly(length)
                self.idle.append((reader, writer))
            return body
        raise AssertionError("unreachable")

    async def close(self):
        for _, writer in self.idle:
            writer.close()
        self.idle = []
