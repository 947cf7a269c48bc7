"""Corelab's Python worker: runs one model's whole run and reports it as JSON lines.

The engine (src/main/engine/python-runner.ts) starts this script, writes one `init` line on
stdin and reads JSON lines from stdout: `ready` once every worker is up, one `result` or
`error` per task, and `done` with the processes' CPU time and peak memory. A `stop` line
or the end of stdin ends the run at once. Standard library only; Python 3.8+.

A live run (init with mode "live") is the exception: the engine's pull loop drives each
worker itself, and this script only hosts them (see "live mode" below).

Python pools its own workers here, the way Python programs do:
  python-multiprocessing  N processes, each fed task indices over its own Pipe;
  python-threading        N threads pulling task indices from a queue.Queue;
  python-asyncio          N coroutines pulling from an asyncio.Queue on one event loop.

The kernels are exact ports of src/shared/workloads/*.ts: the same 32-bit arithmetic
(Math.imul becomes (a * b) & 0xFFFFFFFF, >>> 0 becomes & 0xFFFFFFFF), the same mulberry32
bytes and the same double-precision order of operations, so every task's checksum equals
the JavaScript one and a run is verified against the same reference. The fault.* demo
workloads have no port (their hang timeout and memory limit belong to the engine's pool);
the engine refuses them for the Python models, and this script answers them with `fatal`.
"""

import json
import os
import queue
import signal
import struct
import sys
import threading
import time
import traceback

# asyncio, http.client and multiprocessing are imported where they are used: each costs
# tens of ms at start-up, and a model's start-up should be what a program of that model
# pays, not the import time of the other models' modules.

try:
    import resource
except ImportError:  # Windows has no getrusage; usage figures are reported as zero there.
    resource = None

M32 = 0xFFFFFFFF
MODELS = ("python-multiprocessing", "python-threading", "python-asyncio")

# --- checksums (src/shared/workloads/checksum.ts, prng.ts, params.ts) -----------------------


def mix32(value):
    """murmur3's finaliser on 32 bits, as mix32 in checksum.ts."""
    h = value & M32
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & M32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & M32
    h ^= h >> 16
    return h


def fnv1a(data):
    """FNV-1a over bytes, as fnv1a in checksum.ts."""
    h = 0x811C9DC5
    for byte in data:
        h = ((h ^ byte) * 0x01000193) & M32
    return h


def deterministic_bytes(seed, size):
    """The mulberry32 byte stream of prng.ts: each 32-bit output written little-endian."""
    state = seed & M32
    words = []
    for _ in range((size + 3) // 4):
        state = (state + 0x6D2B79F5) & M32
        t = ((state ^ (state >> 15)) * (1 | state)) & M32
        t = ((t + (((t ^ (t >> 7)) * (61 | t)) & M32)) & M32) ^ t
        words.append(t ^ (t >> 14))
    return struct.pack("<%dI" % len(words), *words)[:size]


# --- kernels (src/shared/workloads/*.ts) --------------------------------------------------


def is_prime_by_trial_division(n):
    if n < 2:
        return False
    if n < 4:
        return True
    if n % 2 == 0:
        return False
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True


def count_primes_by_trial_division(start, end):
    count = 0
    for n in range(start, end):
        if is_prime_by_trial_division(n):
            count += 1
    return count


PRIME_BLOCK = 512  # primes.ts: blocks dealt round-robin so every task costs about the same


def count_primes_of_task(limit, task_index, task_count):
    count = 0
    for start in range(task_index * PRIME_BLOCK, limit, task_count * PRIME_BLOCK):
        count += count_primes_by_trial_division(start, min(start + PRIME_BLOCK, limit))
    return count


def hash_round(buffer, previous_digest):
    h = (0x811C9DC5 ^ previous_digest) & M32
    for byte in buffer:
        h = ((h ^ byte) * 0x01000193) & M32
    return mix32(h)


def chained_hash(task_index, buffer_bytes, rounds):
    buffer = deterministic_bytes(mix32(task_index + 1), buffer_bytes)
    digest = task_index & M32
    for _ in range(rounds):
        digest = hash_round(buffer, digest)
    return digest


X_MIN, X_SPAN, Y_MIN, Y_SPAN = -2.5, 3.5, -1.3125, 2.625


def escape_iterations(cx, cy, max_iterations):
    x = 0.0
    y = 0.0
    iterations = 0
    while iterations < max_iterations and x * x + y * y <= 4:
        next_x = x * x - y * y + cx
        y = 2 * x * y + cy
        x = next_x
        iterations += 1
    return iterations


def mandelbrot_rows(width, height, max_iterations, task_index, task_count):
    # mandelbrot.ts: rows task_index, +T, +2T, ... so every task costs about the same
    acc = 0x811C9DC5
    for row in range(task_index, height, task_count):
        cy = Y_MIN + (Y_SPAN * row) / height
        for col in range(width):
            cx = X_MIN + (X_SPAN * col) / width
            acc = ((acc ^ escape_iterations(cx, cy, max_iterations)) * 0x01000193) & M32
    return mix32(acc)


def sleep_checksum(task_index):
    return mix32(task_index ^ 0x51EE9)


def file_contents(task_index, size):
    return deterministic_bytes(mix32(task_index ^ 0xF11E0000), size)


def http_path(task_index, size, latency_ms):
    return "/data/%d?bytes=%d&latencyMs=%d" % (task_index, size, latency_ms)


MIXED_BUFFER_BYTES = 64 * 1024


def mixed_checksum(task_index, rounds):
    digest = chained_hash(task_index, MIXED_BUFFER_BYTES, rounds)
    return mix32(digest ^ ((task_index * 0x9E3779B1) & M32))


# --- errors ---------------------------------------------------------------------------------


class LabError(Exception):
    """An expected failure with one of the LabErrorCode values of src/shared/errors.ts."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def serialize_error(error):
    """The SerializedError shape of src/shared/errors.ts."""
    if isinstance(error, LabError):
        name, code = "LabError", error.code
    else:
        name, code = type(error).__name__, "io" if isinstance(error, OSError) else "task-failed"
    stack = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return {"name": name, "message": str(error) or name, "code": code, "stack": stack}


# --- task environments: blocking (processes, threads) and asyncio ---------------------------


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


# --- workloads: one blocking and one awaitable form of each task ----------------------------


def param(params, name):
    """The engine sends resolved params, every one present; a missing one is a bug."""
    if name not in params:
        raise LabError("invalid-argument", "param %s is missing" % name)
    return int(params[name])


class Workload:
    """One workload's task function in both forms, for a given size and task count."""

    def __init__(self, run_blocking, run_async):
        self.run_blocking = run_blocking  # (env, task_index) -> checksum
        self.run_async = run_async  # async (env, task_index) -> checksum


def cpu_workload(compute):
    """A CPU kernel: on asyncio it runs on the loop itself and blocks it, as it would."""

    async def run_async(_env, task_index):
        return compute(task_index)

    return Workload(lambda _env, task_index: compute(task_index), run_async)


def make_workload(workload_id, params, task_count):
    """The Python port of a workload of src/shared/workloads/registry.ts."""
    if workload_id == "cpu.primes":
        limit = param(params, "limit")
        return cpu_workload(lambda i: count_primes_of_task(limit, i, task_count))
    if workload_id == "cpu.hash":
        buffer_bytes, rounds = param(params, "bufferBytes"), param(params, "rounds")
        return cpu_workload(lambda i: chained_hash(i, buffer_bytes, rounds))
    if workload_id == "cpu.mandelbrot":
        width, height = param(params, "width"), param(params, "height")
        max_iterations = param(params, "maxIterations")
        return cpu_workload(
            lambda i: mandelbrot_rows(width, height, max_iterations, i, task_count)
        )
    if workload_id == "io.sleep":
        latency_ms = param(params, "latencyMs")

        def sleep_blocking(env, i):
            env.sleep(latency_ms)
            return sleep_checksum(i)

        async def sleep_async(env, i):
            await env.sleep(latency_ms)
            return sleep_checksum(i)

        return Workload(sleep_blocking, sleep_async)
    if workload_id == "io.file":
        size = param(params, "bytes")

        def file_blocking(env, i):
            return fnv1a(env.file_round_trip("task-%d.bin" % i, file_contents(i, size)))

        async def file_async(env, i):
            return fnv1a(await env.file_round_trip("task-%d.bin" % i, file_contents(i, size)))

        return Workload(file_blocking, file_async)
    if workload_id == "io.http":
        size, latency_ms = param(params, "bytes"), param(params, "latencyMs")

        def http_blocking(env, i):
            return fnv1a(env.http_get(http_path(i, size, latency_ms)))

        async def http_async(env, i):
            return fnv1a(await env.http_get(http_path(i, size, latency_ms)))

        return Workload(http_blocking, http_async)
    if workload_id == "mixed":
        rounds, latency_ms = param(params, "rounds"), param(params, "latencyMs")

        def mixed_blocking(env, i):
            checksum = mixed_checksum(i, rounds)
            env.sleep(latency_ms)
            return checksum

        async def mixed_async(env, i):
            checksum = mixed_checksum(i, rounds)
            await env.sleep(latency_ms)
            return checksum

        return Workload(mixed_blocking, mixed_async)
    raise LabError("unavailable", "workload %s has no Python port" % workload_id)


# --- measuring ------------------------------------------------------------------------------


def now_ms():
    """Epoch milliseconds; the engine aligns this clock with its own at `ready`."""
    return time.time() * 1000


def usage(who):
    """CPU time and peak RSS of this process (RUSAGE_SELF) or its reaped children."""
    if resource is None:
        return {"cpuUserMs": 0, "cpuSystemMs": 0, "peakRssBytes": 0}
    r = resource.getrusage(who)
    # ru_maxrss is in bytes on macOS and in kilobytes on Linux and the BSDs.
    scale = 1 if sys.platform == "darwin" else 1024
    return {
        "cpuUserMs": r.ru_utime * 1000,
        "cpuSystemMs": r.ru_stime * 1000,
        "peakRssBytes": r.ru_maxrss * scale,
    }


def self_usage():
    return usage(resource.RUSAGE_SELF if resource else 0)


def outcome_message(task_index, worker, start, checksum=None, error=None):
    """A task's result or error message, timed in epoch ms from `start` to now."""
    message = {"taskIndex": task_index, "worker": worker, "startEpochMs": start, "endEpochMs": now_ms()}
    if error is not None:
        return {"type": "error", "error": serialize_error(error), **message}
    return {"type": "result", "checksum": checksum, **message}


def task_outcome(task_index, worker, compute):
    """Runs one task and returns its result or error message."""
    start = now_ms()
    try:
        return outcome_message(task_index, worker, start, checksum=compute())
    except MemoryError:
        # Reported after this block: the error's traceback holds the task's frames, and with
        # them the memory it ran out of, until the block ends.
        pass
    except Exception as error:  # a task's failure is reported, the run goes on
        return outcome_message(task_index, worker, start, error=error)
    return outcome_message(task_index, worker, start, error=out_of_memory_error())


async def async_task_outcome(task_index, worker, compute):
    """task_outcome for a coroutine."""
    start = now_ms()
    try:
        return outcome_message(task_index, worker, start, checksum=await compute())
    except MemoryError:
        pass  # reported below, once the task's frames are freed
    except Exception as error:  # a task's failure is reported, the run goes on
        return outcome_message(task_index, worker, start, error=error)
    return outcome_message(task_index, worker, start, error=out_of_memory_error())


def out_of_memory_error():
    """The error of a task that ran out of memory, naming the limit when there was one."""
    limit = "" if MEMORY_LIMIT_MB is None else " (limit %d MiB, RLIMIT_DATA)" % MEMORY_LIMIT_MB
    return LabError("task-failed", "ran out of memory" + limit)


# --- limits: memory (RLIMIT_DATA) and the task timeout ----------------------------------------

# The run's --memory-limit in MiB once this process has applied it, else None.
MEMORY_LIMIT_MB = None
PROC_STATUS = "/proc/self/status"


def check_memory_limit(limit_mb):
    """Refuses a memory limit where it would not be enforced. RLIMIT_DATA caps a process's
    private writable memory, malloc arenas and mmap included, on Linux 4.7+; macOS accepts it
    and ignores it, Windows has no setrlimit. (RLIMIT_AS is no substitute: each thread's
    reserved malloc arena counts against it, and allocation slows to a crawl near it.)"""
    if limit_mb is None:
        return
    if (
        resource is None
        or not hasattr(resource, "RLIMIT_DATA")
        or not sys.platform.startswith("linux")
    ):
        raise LabError(
            "unavailable",
            "a memory limit for the Python models needs resource.setrlimit(RLIMIT_DATA), "
            "which is enforced on Linux only; this is %s" % sys.platform,
        )


def data_bytes():
    """This process's private writable memory now (VmData), as RLIMIT_DATA counts it."""
    with open(PROC_STATUS) as handle:
        for line in handle:
            if line.startswith("VmData:"):
                return int(line.split()[1]) * 1024
    raise LabError("unavailable", "%s has no VmData line" % PROC_STATUS)


def limit_memory(limit_mb):
    """Caps this process's data at what it holds now plus limit_mb, so the limit is for what
    the run allocates, as a Node worker's heap limit is. Threads share it."""
    global MEMORY_LIMIT_MB
    if limit_mb is None:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_DATA)
    soft = data_bytes() + limit_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))
    MEMORY_LIMIT_MB = limit_mb


def timeout_message(task_index, worker, timeout_ms, consequence):
    """The words of run-pool.ts's timeout, so a Python row reads like a JavaScript one."""
    return "task %d on worker %d did not finish within %d ms (taskTimeoutMs); %s" % (
        task_index,
        worker,
        timeout_ms,
        consequence,
    )


def timeout_error(task_index, worker, start, timeout_ms, consequence):
    """The `error` line of a task that ran out of time."""
    return {
        "type": "error",
        "taskIndex": task_index,
        "worker": worker,
        "error": {
            "name": "LabError",
            "code": "timeout",
            "message": timeout_message(task_index, worker, timeout_ms, consequence),
        },
        "startEpochMs": start,
        "endEpochMs": now_ms(),
    }


def watch_period_s(timeout_ms):
    """How often to look for overdue tasks, as run-pool.ts: up to an eighth late."""
    return min(max(timeout_ms / 8, 10), 1000) / 1000


def thread_id(pid, tid):
    """The OS thread that runs a worker's tasks, for the engine's thread-state sampler."""
    return {"pid": pid, "tid": tid}


class TaskClock:
    """What each thread or coroutine is running and since when (epoch ms)."""

    def __init__(self, workers):
        self.current = [None] * workers

    def start(self, worker, task_index):
        self.current[worker] = (task_index, now_ms())

    def end(self, worker):
        self.current[worker] = None


def watch_task_timeouts(clock, timeout_ms, out, consequence):
    """Ends the whole process at the first overdue task: a thread cannot be stopped alone,
    and a coroutine that hogs the loop blocks every other one. Runs on a thread of its own,
    which the GIL lets in between a kernel's bytecodes."""

    if timeout_ms is None:
        return

    def watch():
        while True:
            time.sleep(watch_period_s(timeout_ms))
            at = now_ms()
            for worker, current in enumerate(clock.current):
                if current is not None and at - current[1] >= timeout_ms:
                    task_index, start = current
                    out.send(
                        timeout_error(
                            task_index,
                            worker,
                            start,
                            timeout_ms,
                            consequence,
                        )
                    )
                    stop_now(out)

    threading.Thread(target=watch, name="corelab-timeouts", daemon=True).start()


# --- the line protocol ------------------------------------------------------------------------


class LineReader:
    """Reads lines from stdin's file descriptor without Python's buffered reader: a daemon
    thread blocked in sys.stdin would hold its lock while the interpreter shuts down."""

    def __init__(self):
        self.pending = b""

    def read_lines(self):
        """The whole lines one read brings (after a select said stdin is readable), or None
        once stdin has ended."""
        chunk = os.read(0, 65536)
        if not chunk:
            return None
        self.pending += chunk
        return self.take_lines()

    def take_lines(self):
        """The whole lines already read (by readline, say), leaving any partial one."""
        *lines, self.pending = self.pending.split(b"\n")
        return lines

    def readline(self):
        """The next line, or b"" once stdin has ended."""
        while b"\n" not in self.pending:
            chunk = os.read(0, 65536)
            if not chunk:
                line, self.pending = self.pending, b""
                return line
            self.pending += chunk
        line, _, self.pending = self.pending.partition(b"\n")
        return line + b"\n"


STDIN = LineReader()


class Output:
    """Writes JSON lines to stdout, one whole line at a time, from any thread."""

    def __init__(self, run_id):
        self.run_id = run_id
        self.lock = threading.Lock()
        self.is_closed = False

    def send(self, message):
        with self.lock:
            if not self.is_closed:
                self._write(message)

    def close(self):
        """Refuses every later send; True for the one caller that closed it."""
        with self.lock:
            was_open = not self.is_closed
            self.is_closed = True
            return was_open

    def write_last(self, message):
        """Writes the closing message, after close()."""
        with self.lock:
            self._write(message)

    def close_with(self, message):
        """Writes the last message, unless a stop racing a finishing run closed it first.
        One hold of the lock: a stop that finds it closed knows `done` is fully written."""
        with self.lock:
            if not self.is_closed:
                self.is_closed = True
                self._write(message)

    def _write(self, message):
        if self.run_id is not None:
            message["runId"] = self.run_id
        try:
            sys.stdout.write(json.dumps(message, separators=(",", ":")) + "\n")
            sys.stdout.flush()
        except OSError:
            # The engine is gone; its end of stdin closes too, and the stdin watcher ends
            # the run. Nothing more can be said.
            self.is_closed = True


def done_message(workers=(), children=None):
    """The last line of a run: this process's usage, each pool process's, or the reaped lot."""
    message = {
        "type": "done",
        "usage": dict(self_usage(), pid=os.getpid()),
        "workers": list(workers),
    }
    if children is not None:
        message["children"] = children
    return message


def watch_stdin(on_stop):
    """Calls on_stop at a `stop` line or at the end of stdin (the engine went away)."""

    def watch():
        while True:
            line = STDIN.readline()
            if not line:
                break
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if isinstance(message, dict) and message.get("type") == "stop":
                break
        on_stop()

    threading.Thread(target=watch, name="corelab-stdin", daemon=True).start()


# Held by whichever thread ends the process: a stop and a run finishing at the same moment
# must not exit in the middle of each other (the main thread's exit would cut off `done`).
EXIT_LOCK = threading.Lock()


def stop_now(out, end_pool=None):
    """Ends the run at once: a stop must not wait for a CPU-bound task to finish."""
    EXIT_LOCK.acquire()
    try:
        # Closed first, so no worker's line can follow `done`; if the run closed it first,
        # it has already written `done` and only the exit is left.
        if out.close():
            children = end_pool() if end_pool else None
            out.write_last(done_message(children=children))
    finally:
        # Threads still computing cannot be interrupted; leaving with _exit ends them.
        os._exit(0)


# --- python-threading -------------------------------------------------------------------------


def run_threading(config, workload, out):
    """N threads pulling task indices from one queue.Queue; the GIL lets one run at a time."""
    tasks = queue.Queue()
    for task_index in range(config["taskCount"]):
        tasks.put(task_index)
    go = threading.Event()
    env = BlockingEnv(config["io"])
    clock = TaskClock(config["workers"])

    def worker(index):
        go.wait()
        while True:
            try:
                task_index = tasks.get_nowait()
            except queue.Empty:
                break
            clock.start(index, task_index)
            outcome = task_outcome(
                task_index, index, lambda: workload.run_blocking(env, task_index)
            )
            clock.end(index)
            out.send(outcome)
        env.close()

    threads = [
        threading.Thread(target=worker, args=(k,), name="corelab-worker-%d" % k, daemon=True)
        for k in range(config["workers"])
    ]
    for thread in threads:
        thread.start()
    watch_stdin(lambda: stop_now(out))
    watch_task_timeouts(
        clock,
        config.get("taskTimeoutMs"),
        out,
        "a Python thread cannot be stopped alone, so the interpreter was ended",
    )
    # Last, once every thread has its stack and malloc arena: the limit is for the run's data.
    limit_memory(config.get("memoryLimitMb"))
    out.send(
        {
            "type": "ready",
            "pid": os.getpid(),
            "epochMs": now_ms(),
            "workerPids": [],
            "workerThreads": [thread_id(os.getpid(), t.native_id) for t in threads],
        }
    )
    go.set()
    for thread in threads:
        thread.join()
    out.close_with(done_message())


# --- python-asyncio ---------------------------------------------------------------------------


async def asyncio_main(config, workload, out):
    import asyncio

    tasks = asyncio.Queue()
    for task_index in range(config["taskCount"]):
        tasks.put_nowait(task_index)
    env = AsyncEnv(config["io"])
    clock = TaskClock(config["workers"])

    async def worker(index):
        while True:
            try:
                task_index = tasks.get_nowait()
            except asyncio.QueueEmpty:
                return
            clock.start(index, task_index)
            outcome = await async_task_outcome(
                task_index, index, lambda: workload.run_async(env, task_index)
            )
            clock.end(index)
            out.send(outcome)
            # Back to the loop between tasks, as the JavaScript event-loop model does: a
            # non-empty asyncio.Queue hands out items without suspending, so without this
            # one coroutine would take every CPU task while the others never start.
            await asyncio.sleep(0)

    watch_task_timeouts(
        clock,
        config.get("taskTimeoutMs"),
        out,
        "a coroutine holding the event loop cannot be stopped alone, so the interpreter was ended",
    )
    limit_memory(config.get("memoryLimitMb"))
    # Every coroutine runs on this one thread.
    loop_thread = thread_id(os.getpid(), threading.get_native_id())
    out.send(
        {
            "type": "ready",
            "pid": os.getpid(),
            "epochMs": now_ms(),
            "workerPids": [],
            "workerThreads": [loop_thread] * config["workers"],
        }
    )
    try:
        await asyncio.gather(*(worker(k) for k in range(config["workers"])))
    finally:
        await env.close()


def run_asyncio(config, workload, out):
    """N coroutines in flight on one event loop, pulling from an asyncio.Queue."""
    # Stop is watched from a thread: a CPU-bound task blocks the loop, so the loop itself
    # could not read stdin until the task ends. No task work ever runs on that thread.
    import asyncio

    watch_stdin(lambda: stop_now(out))
    asyncio.run(asyncio_main(config, workload, out))
    out.close_with(done_message())


# --- python-multiprocessing -------------------------------------------------------------------


def die_with_parent():
    """On Linux, asks the kernel to SIGKILL this process when its parent dies."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # best effort: the getppid check between tasks still catches an orphan


def process_worker(index, conn, config):
    """One pool process: answers each task index sent over its Pipe until it gets None."""
    die_with_parent()
    # The parent as it is now (our main process, or the forkserver): it changes if it dies.
    parent_pid = os.getppid()
    env = BlockingEnv(config["io"])
    workload = make_workload(config["workload"], config["params"], config["taskCount"])
    # Each pool process has its own limit, as each Node worker has its own heap limit.
    limit_memory(config.get("memoryLimitMb"))
    conn.send(("ready", os.getpid()))
    while True:
        try:
            task_index = conn.recv()
        except (EOFError, OSError):
            return
        # An orphan must not go on computing.
        if task_index is None or os.getppid() != parent_pid:
            break
        outcome = task_outcome(task_index, index, lambda: workload.run_blocking(env, task_index))
        conn.send(("task", outcome))
    env.close()
    conn.send(("usage", dict(self_usage(), pid=os.getpid(), worker=index)))


def describe_exit(exitcode):
    """'was killed by SIGKILL' or 'exited with code 1', as run-pool.ts words it."""
    if exitcode is not None and exitcode < 0:
        try:
            return "was killed by %s" % signal.Signals(-exitcode).name
        except ValueError:
            return "was killed by signal %d" % -exitcode
    return "exited with code %s" % exitcode


class PoolProcess:
    """The parent's view of one pool process."""

    def __init__(self, index, process, conn):
        self.index = index
        self.process = process
        self.conn = conn
        self.is_ready = False
        self.is_finished = False  # sent None: takes no more tasks
        self.current = None  # the task it is computing
        self.current_since = 0.0  # when it was sent that task (epoch ms)
        self.is_timed_out = False  # killed for its task's timeout; its later lines are void
        self.usage = None  # its own report, sent as it finishes


class ProcessPool:
    """N processes fed one task index at a time, like run-pool.ts's pull loop: each idle
    process gets the next index over its own Pipe. Not multiprocessing.Pool, which hides
    which process ran a task and waits forever for a task whose process was killed."""

    def __init__(self, config, out):
        self.config = config
        self.out = out
        import multiprocessing

        self.context = multiprocessing.get_context()
        self.members = []
        self.next_task = 0
        self.is_working = False

    def start(self):
        for index in range(self.config["workers"]):
            parent_conn, child_conn = self.context.Pipe()
            process = self.context.Process(
                target=process_worker,
                args=(index, child_conn, self.config),
                name="corelab-worker-%d" % index,
                # Daemonic: multiprocessing terminates them if this process exits normally.
                daemon=True,
            )
            process.start()
            child_conn.close()
            self.members.append(PoolProcess(index, process, parent_conn))

    def end(self):
        """Terminates and reaps every process, so RUSAGE_CHILDREN counts them all."""
        for member in self.members:
            if member.process.is_alive():
                member.process.terminate()
        for member in self.members:
            member.process.join(0.5)
            if member.process.is_alive():
                member.process.kill()
                member.process.join(0.5)
        return usage(resource.RUSAGE_CHILDREN) if resource else None

    def dispatch(self, member):
        if self.next_task < self.config["taskCount"]:
            member.current = self.next_task
            member.current_since = now_ms()
            self.next_task += 1
        else:
            member.current = None
            member.is_finished = True
        try:
            member.conn.send(member.current)
        except OSError:
            pass  # it just died; its sentinel says so next, and its task is reported lost

    def begin_if_all_ready(self, listening):
        """Starts handing out tasks once every live process is ready (run-pool's rule)."""
        if self.is_working or not all(m.is_ready for m in listening):
            return
        self.is_working = True
        self.out.send(
            {
                "type": "ready",
                "pid": os.getpid(),
                "epochMs": now_ms(),
                "workerPids": [m.process.pid for m in self.members],
                "startMethod": self.context.get_start_method(),
                # A pool process runs its tasks on its main thread, whose id is its pid.
                "workerThreads": [thread_id(m.process.pid, m.process.pid) for m in self.members],
            }
        )
        for member in listening:
            self.dispatch(member)

    def handle(self, member, message, listening):
        kind, body = message
        if member.is_timed_out:
            return  # its task is already on record as timed out
        if kind == "ready":
            member.is_ready = True
            self.begin_if_all_ready(listening)
        elif kind == "task":
            self.out.send(body)
            self.dispatch(member)
        elif kind == "usage":
            member.usage = body

    def report_lost(self, member):
        """A process died unasked: the task it held is lost; the others take the rest."""
        member.process.join(0.5)
        at = now_ms()
        message = "worker %d %s" % (member.index, describe_exit(member.process.exitcode))
        self.out.send(
            {
                "type": "error",
                "taskIndex": member.current,
                "worker": member.index,
                "error": {"name": "LabError", "code": "worker-crashed", "message": message},
                "startEpochMs": at,
                "endEpochMs": at,
            }
        )

    def seconds_to_next_check(self, listening):
        """How long the dispatcher may sleep before a busy process could be overdue."""
        busy = [m for m in listening if m.current is not None and not m.is_timed_out]
        if not busy or self.config.get("taskTimeoutMs") is None:
            return None
        return watch_period_s(self.config["taskTimeoutMs"])

    def stop_overdue(self, listening):
        """Fails each task that has run past the timeout and kills its process, as
        run-pool.ts does; the other processes go on with the rest."""
        timeout_ms = self.config.get("taskTimeoutMs")
        if timeout_ms is None:
            return
        at = now_ms()
        for member in listening:
            if member.current is None or member.is_timed_out:
                continue
            if at - member.current_since < timeout_ms:
                continue
            member.is_timed_out = True
            self.out.send(
                timeout_error(
                    member.current,
                    member.index,
                    member.current_since,
                    timeout_ms,
                    "the worker was stopped",
                )
            )
            member.process.kill()

    def run(self):
        from multiprocessing import connection

        listening = list(self.members)
        while listening:
            waitables = [m.conn for m in listening] + [m.process.sentinel for m in listening]
            woken = connection.wait(waitables, self.seconds_to_next_check(listening))
            self.stop_overdue(listening)
            for member in [m for m in listening if m.conn in woken or m.process.sentinel in woken]:
                try:
                    # Drain everything it sent, even after it died: its last result counts.
                    while member.conn.poll():
                        self.handle(member, member.conn.recv(), listening)
                except (EOFError, OSError):
                    pass  # the pipe closed: it exited; handled below
                if member.usage is None and member.process.is_alive():
                    continue
                if member.usage is None and not member.is_timed_out:
                    self.report_lost(member)
                listening.remove(member)
                # One that died before it was ready must not hold the others back.
                if listening:
                    self.begin_if_all_ready(listening)
        for member in self.members:
            member.process.join()
        unrun = self.config["taskCount"] - self.next_task
        if unrun > 0:
            self.out.send(
                {
                    "type": "fatal",
                    "error": {
                        "name": "LabError",
                        "code": "worker-crashed",
                        "message": "every worker process died; %d tasks were not run" % unrun,
                    },
                }
            )
        self.out.close_with(done_message(m.usage for m in self.members if m.usage is not None))


def run_multiprocessing(config, _workload, out):
    """N processes, each with its own interpreter and GIL; this process only dispatches.
    Each process builds its own kernel; the one built here only validated the request."""
    pool = ProcessPool(config, out)
    pool.start()
    # The stdin thread starts after every fork: forking a process that has threads is unsafe.
    watch_stdin(lambda: stop_now(out, pool.end))
    pool.run()


# --- live mode: each worker a slot of the engine's pull loop -------------------------------------
#
# In a live run (src/main/engine/python-live.ts) the engine's shared pull loop
# (src/shared/pool/run-pool.ts) drives every Python worker one by one, as it drives Node's:
# it grows and shrinks the pool, hands out each task and checks each answer. This process
# hosts the workers with the model's own mechanism, a process, a thread or a coroutine per
# slot, and carries the messages of src/shared/pool/shared-thread.ts as JSON lines:
# {slot, message} both ways, {slot, kill} in, {slot, exit} out, and {type: finish} (or the
# end of stdin) to end every worker and exit.

WARMUP_SPLIT = 4096  # serve-worker.ts: the warm-up runs task 0 of a split this fine
STOPPED = object()


class LiveWorker:
    """One slot's side of the per-worker protocol (src/shared/protocol.ts) as
    serve-worker.ts speaks it; the caller runs each task, blocking or awaited."""

    def __init__(self, slot, send, pid, tid, make_env, own_usage=None):
        self.slot = slot
        self.send = send
        self.pid = pid
        self.tid = tid
        self.make_env = make_env
        self.own_usage = own_usage  # a process reports its usage on stop; a thread does not
        self.run_id = ""
        self.env = None
        self.spec = None  # (workload id, params, task count) of the tasks sent from now on
        self.workload = None
        self.problem = None  # why the workload cannot be built; each task fails with it

    def post(self, message):
        message["runId"] = self.run_id
        self.send(message)

    def receive(self, message):
        """Answers `message`; returns a task index to run, STOPPED after `stop`, else None."""
        kind = message.get("type")
        if kind == "init":
            self.run_id = message["runId"]
            self.env = self.make_env(message["io"])
            self.resize(message["workload"], message["params"], message["taskCount"])
            self.post({"type": "ready", "worker": message["worker"], "pid": self.pid, "tid": self.tid})
        elif kind == "size":
            self.resize(self.spec[0], message["params"], message["taskCount"])
        elif kind == "warmup":
            self.warm_up()
        elif kind == "task":
            return message["taskIndex"]
        elif kind == "stop":
            if self.own_usage is not None:
                self.post(dict(self.own_usage(), type="usage", pid=self.pid))
            return STOPPED
        return None

    def resize(self, workload_id, params, task_count):
        self.spec = (workload_id, params, task_count)
        try:
            self.workload, self.problem = make_workload(workload_id, params, task_count), None
        except LabError as error:
            self.workload, self.problem = None, error

    def warm_up(self):
        """A sliver of a CPU kernel, as serve-worker.ts: first-call costs (imports, caches)
        stay out of the timed work. Its answer is dropped; a failure shows in the real tasks."""
        workload_id, params, _ = self.spec
        try:
            if workload_id.startswith("cpu."):
                make_workload(workload_id, params, WARMUP_SPLIT).run_blocking(self.env, 0)
        except Exception:  # a failing kernel fails its real tasks, with the message
            pass
        self.post({"type": "warm"})

    def outcome(self, task_index):
        """Runs a task to its result or error message; a live run's indices cycle through
        the task count, as in serve-worker.ts."""
        local = task_index % self.spec[2]

        def compute():
            if self.workload is None:
                raise self.problem
            return self.workload.run_blocking(self.env, local)

        return self.finish(task_outcome(task_index, self.slot, compute))

    async def outcome_async(self, task_index):
        local = task_index % self.spec[2]

        async def compute():
            if self.workload is None:
                raise self.problem
            return await self.workload.run_async(self.env, local)

        return self.finish(await async_task_outcome(task_index, self.slot, compute))

    def finish(self, message):
        del message["worker"]  # the slot says which worker it is
        self.post(message)


def serve_live_blocking(worker, receive):
    """A thread's or a process's loop: messages in order until `stop` or the inbox closes."""
    while True:
        message = receive()
        if message is None:
            return
        task_index = worker.receive(message)
        if task_index is STOPPED:
            return
        if task_index is not None:
            worker.outcome(task_index)


def exit_line(slot, code, signal_name=None):
    return {"slot": slot, "exit": {"code": code, "signal": signal_name}}


def read_live_lines(lines):
    """The engine's lines as dicts; a line that is not one is skipped."""
    for line in lines:
        try:
            message = json.loads(line)
        except ValueError:
            continue
        if isinstance(message, dict):
            yield message


def live_until_finish(deliver, kill):
    """Reads the engine's lines on this (main) thread until `finish` or the end of stdin."""
    while True:
        line = STDIN.readline()
        if not line:
            return
        for message in read_live_lines([line]):
            if message.get("type") == "finish":
                return
            if message.get("kill"):
                kill(message.get("slot"))
            elif isinstance(message.get("message"), dict):
                deliver(message.get("slot"), message["message"])


class LiveSlotState:
    """A thread's or coroutine's slot: its inbox, and whether the engine abandoned it."""

    def __init__(self, inbox):
        self.inbox = inbox
        self.is_killed = False


def live_threading(out):
    """Each slot a threading.Thread with an inbox; the GIL lets one compute at a time. A
    thread cannot be stopped from outside: a killed slot is abandoned (its task runs on, its
    answer is dropped) and the host's exit ends it."""
    slots = {}

    def start(slot):
        state = LiveSlotState(queue.Queue())

        def send(message):
            if not state.is_killed:
                out.send({"slot": slot, "message": message})

        def body():
            tid = threading.get_native_id()
            worker = LiveWorker(slot, send, os.getpid(), tid, BlockingEnv)
            serve_live_blocking(worker, state.inbox.get)
            if worker.env is not None:
                worker.env.close()
            if not state.is_killed:
                out.send(exit_line(slot, 0))

        threading.Thread(target=body, name="corelab-worker-%d" % slot, daemon=True).start()
        return state

    def deliver(slot, message):
        if slot not in slots:
            slots[slot] = start(slot)
        slots[slot].inbox.put(message)

    def kill(slot):
        state = slots.get(slot)
        if state is not None:
            state.is_killed = True
            state.inbox.put(None)

    live_until_finish(deliver, kill)


def live_asyncio(out):
    """Each slot a coroutine with an asyncio.Queue inbox, all on one event loop on one thread.
    Lines are read on the main thread: a CPU-bound task blocks the loop, which then could not
    read them. A killed coroutine is cancelled at its next await (a task in hand runs on)."""
    import asyncio

    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, name="corelab-asyncio", daemon=True).start()
    slots = {}

    async def serve(slot, state):
        def send(message):
            if not state.is_killed:
                out.send({"slot": slot, "message": message})

        worker = LiveWorker(slot, send, os.getpid(), threading.get_native_id(), AsyncEnv)
        while True:
            message = await state.inbox.get()
            task_index = None if message is None else worker.receive(message)
            if message is None or task_index is STOPPED:
                break
            if task_index is not None:
                await worker.outcome_async(task_index)
                # Back to the loop between tasks, as in python-asyncio's batch run.
                await asyncio.sleep(0)
        if worker.env is not None:
            await worker.env.close()
        if not state.is_killed:
            out.send(exit_line(slot, 0))

    def deliver_on_loop(slot, message):
        if slot not in slots:
            slots[slot] = LiveSlotState(asyncio.Queue())
            loop.create_task(serve(slot, slots[slot]))
        slots[slot].inbox.put_nowait(message)

    def kill_on_loop(slot):
        state = slots.get(slot)
        if state is not None:
            state.is_killed = True
            state.inbox.put_nowait(None)

    live_until_finish(
        lambda slot, message: loop.call_soon_threadsafe(deliver_on_loop, slot, message),
        lambda slot: loop.call_soon_threadsafe(kill_on_loop, slot),
    )


def live_process_main(slot, conn):
    """One pool process of a live run: the per-worker protocol over its Pipe."""
    die_with_parent()
    parent_pid = os.getppid()

    def receive():
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return None
        # An orphan must not go on computing.
        return message if os.getppid() == parent_pid else None

    worker = LiveWorker(slot, conn.send, os.getpid(), os.getpid(), BlockingEnv, self_usage)
    serve_live_blocking(worker, receive)
    if worker.env is not None:
        worker.env.close()


def live_multiprocessing(out):
    """Each slot a multiprocessing.Process fed over its own Pipe; this process relays lines
    and messages from one thread (select over stdin, the pipes and the processes' sentinels),
    so forking a new process at a grow is safe."""
    import multiprocessing
    from multiprocessing import connection

    context = multiprocessing.get_context()
    members = {}  # slot -> PoolProcess
    killed = set()

    def start(slot):
        parent_conn, child_conn = context.Pipe()
        process = context.Process(
            target=live_process_main,
            args=(slot, child_conn),
            name="corelab-worker-%d" % slot,
            daemon=True,
        )
        process.start()
        child_conn.close()
        members[slot] = PoolProcess(slot, process, parent_conn)

    def on_line(message):
        slot = message.get("slot")
        if message.get("kill"):
            if slot in members:
                killed.add(slot)
                members[slot].process.kill()
            return
        if not isinstance(message.get("message"), dict):
            return
        if slot not in members:
            start(slot)
        try:
            members[slot].conn.send(message["message"])
        except OSError:
            pass  # it just died; its sentinel says so next

    def on_member(slot, member, woken):
        try:
            # Everything it sent, even after it died: its last answer counts.
            while member.conn.poll():
                body = member.conn.recv()
                if slot not in killed:
                    out.send({"slot": slot, "message": body})
        except (EOFError, OSError):
            pass  # the pipe closed: it exited
        if member.process.sentinel not in woken and member.process.is_alive():
            return
        member.process.join()
        code = member.process.exitcode
        signal_name = None
        if code is not None and code < 0:
            signal_name = signal.Signals(-code).name
            code = None
        out.send(exit_line(slot, code, signal_name))
        del members[slot]

    # Lines read along with `init` are waiting already; select would not report them.
    pending = STDIN.take_lines()
    is_open = True
    while is_open:
        for message in read_live_lines(pending):
            if message.get("type") == "finish":
                is_open = False
                break
            on_line(message)
        if not is_open:
            break
        waitables = [0]
        for member in members.values():
            waitables += [member.conn, member.process.sentinel]
        woken = connection.wait(waitables)
        for slot, member in list(members.items()):
            if member.conn in woken or member.process.sentinel in woken:
                on_member(slot, member, woken)
        pending = STDIN.read_lines() if 0 in woken else []
        if pending is None:
            break
    for member in members.values():
        member.process.kill()
    for member in members.values():
        member.process.join(0.5)


LIVE_HOSTS = {
    "python-multiprocessing": live_multiprocessing,
    "python-threading": live_threading,
    "python-asyncio": live_asyncio,
}


def run_live(config):
    """Hosts a live run's workers until `finish`; every thread ends with this process."""
    out = Output(None)
    if config.get("model") not in LIVE_HOSTS:
        out.send(
            {
                "type": "fatal",
                "error": serialize_error(
                    LabError("invalid-argument", "init.model must be one of " + ", ".join(LIVE_HOSTS))
                ),
            }
        )
        return 2
    LIVE_HOSTS[config["model"]](out)
    out.close()
    return 0


# --- pipeline mode (src/shared/pipeline/*) -----------------------------------------------------
#
# P producers put events on one bounded queue of capacity Q and C consumers take them, each
# with the queue its model really offers: multiprocessing.Queue between processes,
# queue.Queue between threads, asyncio.Queue between tasks of one loop. The engine reads
# `ready`, writes `go`, reads `tally` lines (the shapes of pipeline-tally.ts) and `depth`
# lines while it runs, writes `stop` (producers stop, consumers drain through one None
# sentinel each) or `stop` with force (everyone ends after the event in hand and the queue
# keeps the rest), and reads `end` with what was left in the queue.

WALK_STEP_MAX = 10
WALK_MAX = 255
PIPELINE_MIXES_PER_ROUND = 96
TALLY_INTERVAL_MS = 50
# How often blocked participants look at the stop flags, and the coordinator reports depth.
PIPELINE_POLL_S = 0.05


def imul(a, b):
    """Math.imul on unsigned 32-bit patterns."""
    return (a * b) & M32


class RandomWalk:
    """createRandomWalk of pipeline-event.ts: mulberry32 seeded from (seed, producer),
    each value within ±10 of the last, clamped to 0..255."""

    def __init__(self, seed, producer):
        self.state = mix32((seed ^ imul(producer + 1, 0x9E3779B1)) & M32)
        self.value = self.next_word() % (WALK_MAX + 1)
        self.is_first = True

    def next_word(self):
        self.state = (self.state + 0x6D2B79F5) & M32
        s = self.state
        t = imul(s ^ (s >> 15), 1 | s)
        t = ((t + imul(t ^ (t >> 7), 61 | t)) & M32) ^ t
        return (t ^ (t >> 14)) & M32

    def next(self):
        if self.is_first:
            self.is_first = False
            return self.value
        step = (self.next_word() % (2 * WALK_STEP_MAX + 1)) - WALK_STEP_MAX
        self.value = min(WALK_MAX, max(0, self.value + step))
        return self.value


def pipeline_work(value, rounds):
    """pipelineWork of pipeline-work.ts: `rounds` rounds of 96 chained mix32 calls."""
    h = value & M32
    for _ in range(rounds):
        for i in range(PIPELINE_MIXES_PER_ROUND):
            h = mix32(h + i)
    return h


def mono_ms():
    return time.perf_counter() * 1000


class EmitSchedule:
    """EmitSchedule of emit-schedule.ts: a fixed rate that makes up a late wake-up but does
    not burst to catch up after the queue held the producer back."""

    def __init__(self, interval_ms):
        self.interval_ms = interval_ms
        self.next_ms = mono_ms()

    def wait_ms(self):
        return max(0.0, self.next_ms - mono_ms())

    def advance(self):
        self.next_ms += self.interval_ms
        now = mono_ms()
        if now - self.next_ms > self.interval_ms:
            self.next_ms = now


class ProducerCounter:
    """ProducerCounter of pipeline-tally.ts, plus the deepest queue this producer saw."""

    def __init__(self, index):
        self.index = index
        self.produced = 0
        self.blocked_ms = 0.0
        self.idle_ms = 0.0
        self.max_depth = 0
        self.last_flush_ms = mono_ms()

    def record_put(self, blocked_ms, depth):
        self.produced += 1
        self.blocked_ms += blocked_ms
        if depth > self.max_depth:
            self.max_depth = depth

    def is_due(self):
        return mono_ms() - self.last_flush_ms >= TALLY_INTERVAL_MS

    def take(self, is_final):
        tally = {
            "role": "producer",
            "index": self.index,
            "produced": self.produced,
            "blockedMs": self.blocked_ms,
            "lockWaitMs": 0,
            "idleMs": self.idle_ms,
            "messagingMs": 0,
            "isFinal": is_final,
        }
        self.produced = 0
        self.blocked_ms = 0.0
        self.idle_ms = 0.0
        self.last_flush_ms = mono_ms()
        return {"type": "tally", "tally": tally, "maxDepth": self.max_depth}


class ConsumerCounter:
    """ConsumerCounter of pipeline-tally.ts: counts, (producer, seq) pairs for the engine's
    exactly-once check, latencies, and this consumer's own check of each producer's order."""

    def __init__(self, index):
        self.index = index
        self.last_seq = {}
        self.reset()
        self.last_flush_ms = mono_ms()

    def reset(self):
        self.idle_ms = 0.0
        self.consumed = 0
        self.events = []
        self.latencies_ms = []
        self.out_of_order = 0
        self.digest = 0

    def record(self, producer, seq, send_epoch_ms, digest):
        last = self.last_seq.get(producer)
        if last is not None and seq <= last:
            self.out_of_order += 1
        self.last_seq[producer] = seq
        self.consumed += 1
        self.events.append(producer)
        self.events.append(seq)
        self.latencies_ms.append(now_ms() - send_epoch_ms)
        self.digest ^= digest

    def has_pending(self):
        return self.consumed > 0

    def is_due(self):
        return mono_ms() - self.last_flush_ms >= TALLY_INTERVAL_MS

    def take(self, is_final):
        tally = {
            "role": "consumer",
            "index": self.index,
            "consumed": self.consumed,
            "events": self.events,
            "latenciesMs": self.latencies_ms,
            "outOfOrder": self.out_of_order,
            "lockWaitMs": 0,
            # Time in get while the queue was empty: the engine's thread-state split.
            "idleMs": self.idle_ms,
            "messagingMs": 0,
            "digest": self.digest,
            "isFinal": is_final,
        }
        self.reset()
        self.last_flush_ms = mono_ms()
        return {"type": "tally", "tally": tally}


class PipeOutput:
    """JSON lines straight to fd 1 under a lock that every process of the run shares, so
    lines from pool processes and the coordinator never interleave."""

    def __init__(self, run_id, lock):
        self.run_id = run_id
        self.lock = lock

    def send(self, message):
        message["runId"] = self.run_id
        data = (json.dumps(message, separators=(",", ":")) + "\n").encode()
        with self.lock:
            try:
                while data:
                    data = data[os.write(1, data) :]
            except OSError:
                pass  # the engine is gone; the end of stdin stops the run


def queue_depth(q):
    """Events in the queue; multiprocessing.Queue cannot say on macOS (sem_getvalue)."""
    try:
        return q.qsize()
    except NotImplementedError:
        return 0


class PipelineFlags:
    """go, stop and halt (forced stop) as events of one kind: threading or multiprocessing."""

    def __init__(self, make_event):
        self.go = make_event()
        self.stop = make_event()
        self.halt = make_event()

    def apply(self, message):
        """Applies one line from the engine; True once there is nothing more to wait for."""
        kind = message.get("type") if isinstance(message, dict) else None
        if kind == "stop":
            if message.get("force"):
                self.halt.set()
            self.stop.set()
        elif kind != "go":
            return False
        # Set last, so that whoever waits for go sees a stop that came before it.
        self.go.set()
        return self.halt.is_set()


def watch_pipeline_stdin(apply):
    """Hands every line from the engine to `apply`; the end of stdin is a forced stop."""

    def watch():
        while True:
            line = STDIN.readline()
            if not line:
                break
            try:
                message = json.loads(line)
            except ValueError:
                continue
            if apply(message):
                return
        apply({"type": "stop", "force": True})

    threading.Thread(target=watch, name="corelab-stdin", daemon=True).start()


def blocking_producer(index, config, q, flags, out):
    """One producer on a blocking queue (queue.Queue or multiprocessing.Queue)."""
    counter = ProducerCounter(index)
    walk = RandomWalk(config["seed"], index)
    flags.go.wait()
    schedule = EmitSchedule(config["intervalMs"])
    seq = 0
    while not flags.stop.is_set():
        wait_ms = schedule.wait_ms()
        if wait_ms > 0:
            sleep_start = mono_ms()
            is_stopped = flags.stop.wait(wait_ms / 1000)
            counter.idle_ms += mono_ms() - sleep_start
            if is_stopped:
                break
        event = (index, seq, walk.next(), now_ms())
        put_start = mono_ms()
        is_put = False
        # put with a timeout, not forever: a stop must reach a producer held by a full queue.
        while not flags.stop.is_set():
            try:
                q.put(event, timeout=PIPELINE_POLL_S)
                is_put = True
                break
            except queue.Full:
                continue
        if not is_put:
            break
        counter.record_put(mono_ms() - put_start, queue_depth(q))
        schedule.advance()
        seq += 1
        if counter.is_due():
            out.send(counter.take(False))
    out.send(counter.take(True))


def blocking_consumer(index, config, q, flags, out):
    """One consumer on a blocking queue: works each event until its None sentinel, or until
    a forced stop after the event in hand."""
    counter = ConsumerCounter(index)
    work = config["workPerEvent"]
    flags.go.wait()
    while not flags.halt.is_set():
        get_start = mono_ms()
        try:
            item = q.get(timeout=PIPELINE_POLL_S)
        except queue.Empty:
            counter.idle_ms += mono_ms() - get_start
            if counter.has_pending():
                out.send(counter.take(False))
            continue
        counter.idle_ms += mono_ms() - get_start
        if item is None:
            break
        producer, seq, value, send_epoch_ms = item
        counter.record(producer, seq, send_epoch_ms, pipeline_work(value, work))
        if counter.is_due():
            out.send(counter.take(False))
    out.send(counter.take(True))


def pipeline_process_main(role, index, config, q, flags, lock, started):
    """A multiprocessing participant: a producer or a consumer in a process of its own."""
    die_with_parent()
    out = PipeOutput(config["runId"], lock)
    started.release()
    if role == "producer":
        blocking_producer(index, config, q, flags, out)
    else:
        blocking_consumer(index, config, q, flags, out)


def drain_left(q, is_anyone_putting):
    """Takes what is left in the queue once consumers have ended, sentinels aside. Reads
    until empty while producers may still be flushing: a multiprocessing producer cannot
    exit before its feeder thread has written everything it put into the pipe."""
    left = 0
    while True:
        try:
            item = q.get(timeout=PIPELINE_POLL_S)
        except queue.Empty:
            if is_anyone_putting():
                continue
            return left
        if item is not None:
            left += 1


def report_depth_until(out, q, is_done):
    while not is_done():
        out.send({"type": "depth", "depth": queue_depth(q)})
        time.sleep(PIPELINE_POLL_S)


def put_sentinels(q, count, flags):
    """One None per consumer, behind every event: each consumer ends after the drain."""
    for _ in range(count):
        while not flags.halt.is_set():
            try:
                q.put(None, timeout=PIPELINE_POLL_S)
                break
            except queue.Full:
                continue


def pipeline_ready(out, worker_pids, worker_threads, start_method=None):
    """`worker_threads`: each participant's OS thread, producers first, for the engine's sampler."""
    message = {
        "type": "ready",
        "pid": os.getpid(),
        "epochMs": now_ms(),
        "workerPids": worker_pids,
        "workerThreads": [{"pid": pid, "tid": tid} for pid, tid in worker_threads],
    }
    if start_method is not None:
        message["startMethod"] = start_method
    out.send(message)


def coordinate_blocking(config, q, flags, out, producers, consumers):
    """The coordinator's part, the same for threads and processes: depth while it runs,
    sentinels after producers end, then the count of what was left."""
    # A forced stop goes straight to the consumers: a multiprocessing producer cannot exit
    # while its feeder thread still has events for a pipe that no one reads.
    report_depth_until(
        out, q, lambda: flags.halt.is_set() or all(not p.is_alive() for p in producers)
    )
    if not flags.halt.is_set():
        put_sentinels(q, len(consumers), flags)
    report_depth_until(out, q, lambda: all(not c.is_alive() for c in consumers))
    left = drain_left(q, lambda: any(p.is_alive() for p in producers))
    for member in producers + consumers:
        member.join()
    out.send({"type": "end", "leftInQueue": left})


def pipeline_threading(config):
    """P producer and C consumer threads on one queue.Queue(maxsize=Q)."""
    out = PipeOutput(config["runId"], threading.Lock())
    q = queue.Queue(maxsize=config["capacity"])
    flags = PipelineFlags(threading.Event)
    producers = [
        threading.Thread(target=blocking_producer, args=(i, config, q, flags, out), daemon=True)
        for i in range(config["producers"])
    ]
    consumers = [
        threading.Thread(target=blocking_consumer, args=(i, config, q, flags, out), daemon=True)
        for i in range(config["consumers"])
    ]
    for member in producers + consumers:
        member.start()
    pipeline_ready(out, [], [(os.getpid(), m.native_id) for m in producers + consumers])
    watch_pipeline_stdin(flags.apply)
    coordinate_blocking(config, q, flags, out, producers, consumers)


def pipeline_multiprocessing(config):
    """P producer and C consumer processes on one multiprocessing.Queue(maxsize=Q)."""
    import multiprocessing

    context = multiprocessing.get_context()
    lock = context.Lock()
    out = PipeOutput(config["runId"], lock)
    q = context.Queue(maxsize=config["capacity"])
    flags = PipelineFlags(context.Event)
    started = context.Semaphore(0)

    def spawn(role, index):
        return context.Process(
            target=pipeline_process_main,
            args=(role, index, config, q, flags, lock, started),
            name="corelab-%s-%d" % (role, index),
            daemon=True,
        )

    producers = [spawn("producer", i) for i in range(config["producers"])]
    consumers = [spawn("consumer", i) for i in range(config["consumers"])]
    for member in producers + consumers:
        member.start()
    for member in producers + consumers:
        # A process that dies while starting would hold the run forever; the engine's
        # start timeout ends it, and so would its own exit code here.
        while not started.acquire(timeout=PIPELINE_POLL_S):
            dead = [m for m in producers + consumers if m.exitcode is not None]
            if dead:
                how = describe_exit(dead[0].exitcode)
                raise LabError("worker-crashed", "%s %s" % (dead[0].name, how))
    members = producers + consumers
    # A participant process runs its role on its main thread, whose id is its pid.
    pipeline_ready(
        out, [m.pid for m in members], [(m.pid, m.pid) for m in members], context.get_start_method()
    )
    # After every fork: forking a process that has threads is unsafe.
    watch_pipeline_stdin(flags.apply)
    coordinate_blocking(config, q, flags, out, producers, consumers)


async def async_producer(index, config, q, go, stop, out):
    """One producer task; a stop cancels it at its sleep or its put, where nothing is lost."""
    import asyncio

    counter = ProducerCounter(index)
    walk = RandomWalk(config["seed"], index)
    try:
        await go.wait()
        schedule = EmitSchedule(config["intervalMs"])
        seq = 0
        while not stop.is_set():
            wait_ms = schedule.wait_ms()
            if wait_ms > 0:
                sleep_start = mono_ms()
                await asyncio.sleep(wait_ms / 1000)
                counter.idle_ms += mono_ms() - sleep_start
            event = (index, seq, walk.next(), now_ms())
            put_start = mono_ms()
            await q.put(event)
            counter.record_put(mono_ms() - put_start, q.qsize())
            schedule.advance()
            seq += 1
            if counter.is_due():
                out.send(counter.take(False))
            if wait_ms <= 0:
                # A put on a queue with room never suspends: yield, or no one else runs.
                await asyncio.sleep(0)
    except asyncio.CancelledError:
        pass
    out.send(counter.take(True))


async def async_consumer(index, config, q, out):
    """One consumer task; a forced stop cancels it at its get, after the event in hand."""
    import asyncio

    counter = ConsumerCounter(index)
    work = config["workPerEvent"]
    try:
        while True:
            if q.empty() and counter.has_pending():
                out.send(counter.take(False))
            get_start = mono_ms()
            item = await q.get()
            counter.idle_ms += mono_ms() - get_start
            if item is None:
                break
            producer, seq, value, send_epoch_ms = item
            counter.record(producer, seq, send_epoch_ms, pipeline_work(value, work))
            if counter.is_due():
                out.send(counter.take(False))
            # A get on a non-empty queue never suspends either.
            await asyncio.sleep(0)
    except asyncio.CancelledError:
        pass
    out.send(counter.take(True))


async def pipeline_asyncio_main(config, out):
    """P producer and C consumer tasks on one asyncio.Queue(maxsize=Q), one thread."""
    import asyncio

    loop = asyncio.get_running_loop()
    q = asyncio.Queue(maxsize=config["capacity"])
    go, stop = asyncio.Event(), asyncio.Event()
    halted = []
    producers = [
        loop.create_task(async_producer(i, config, q, go, stop, out))
        for i in range(config["producers"])
    ]
    consumers = [
        loop.create_task(async_consumer(i, config, q, out)) for i in range(config["consumers"])
    ]

    def apply(message):
        kind = message.get("type") if isinstance(message, dict) else None
        if kind == "stop":
            stop.set()
            for task in producers:
                task.cancel()
            if message.get("force"):
                halted.append(True)
                for task in consumers:
                    task.cancel()
        elif kind != "go":
            return
        go.set()

    def apply_from_thread(message):
        try:
            loop.call_soon_threadsafe(apply, message)
        except RuntimeError:
            return True  # the loop has closed: the run is over
        return False

    # Every task runs on this one thread.
    loop_thread = (os.getpid(), threading.get_native_id())
    pipeline_ready(out, [], [loop_thread] * (len(producers) + len(consumers)))
    watch_pipeline_stdin(apply_from_thread)

    async def report_depth_until_done(tasks):
        pending = set(tasks)
        while pending:
            out.send({"type": "depth", "depth": q.qsize()})
            _, pending = await asyncio.wait(pending, timeout=PIPELINE_POLL_S)

    await report_depth_until_done(producers)
    for _ in consumers:
        while not halted:
            try:
                q.put_nowait(None)
                break
            except asyncio.QueueFull:
                await asyncio.sleep(PIPELINE_POLL_S / 10)
    await report_depth_until_done(consumers)
    left = 0
    while not q.empty():
        if q.get_nowait() is not None:
            left += 1
    out.send({"type": "end", "leftInQueue": left})


def pipeline_asyncio(config):
    import asyncio

    asyncio.run(pipeline_asyncio_main(config, PipeOutput(config["runId"], threading.Lock())))


PIPELINES = {
    "python-multiprocessing": pipeline_multiprocessing,
    "python-threading": pipeline_threading,
    "python-asyncio": pipeline_asyncio,
}


def check_pipeline_init(config):
    """The pipeline `init` line's fields, checked as the engine's schema does."""
    checks = [
        ("runId", lambda v: isinstance(v, str), "a string"),
        ("model", lambda v: v in PIPELINES, "one of " + ", ".join(PIPELINES)),
        ("producers", lambda v: isinstance(v, int) and v >= 1, "a positive integer"),
        ("consumers", lambda v: isinstance(v, int) and v >= 1, "a positive integer"),
        ("intervalMs", lambda v: isinstance(v, int) and v >= 0, "a non-negative integer"),
        ("capacity", lambda v: isinstance(v, int) and v >= 1, "a positive integer"),
        ("workPerEvent", lambda v: isinstance(v, int) and v >= 0, "a non-negative integer"),
        ("seed", lambda v: isinstance(v, int) and 0 <= v <= M32, "an integer in 0..4294967295"),
    ]
    for name, is_valid, rule in checks:
        if not is_valid(config.get(name)):
            raise LabError("invalid-argument", "init.%s must be %s" % (name, rule))


def run_pipeline(config):
    """Runs the pipeline of `config` to its end; a LabError becomes a `fatal` line."""
    try:
        check_pipeline_init(config)
        PIPELINES[config["model"]](config)
    except LabError as error:
        PipeOutput(config.get("runId", ""), threading.Lock()).send(
            {"type": "fatal", "error": serialize_error(error)}
        )
        return 1
    return 0


# --- entry ------------------------------------------------------------------------------------

RUNS = {
    "python-multiprocessing": run_multiprocessing,
    "python-threading": run_threading,
    "python-asyncio": run_asyncio,
}


def is_absent_or_positive(value):
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 1)


def read_init():
    """The `init` line, checked field by field; a LabError names what is wrong."""
    try:
        config = json.loads(STDIN.readline() or b"null")
    except ValueError:
        config = None
    if not isinstance(config, dict) or config.get("type") != "init":
        raise LabError("invalid-argument", "the first line must be an init message")
    if config.get("mode") in ("pipeline", "live"):
        return config  # checked by run_pipeline, run_live
    checks = [
        ("runId", lambda v: isinstance(v, str), "a string"),
        ("model", lambda v: v in RUNS, "one of " + ", ".join(RUNS)),
        ("workers", lambda v: isinstance(v, int) and v >= 1, "a positive integer"),
        ("workload", lambda v: isinstance(v, str), "a string"),
        ("params", lambda v: isinstance(v, dict), "an object"),
        ("taskCount", lambda v: isinstance(v, int) and v >= 0, "a non-negative integer"),
        ("io", lambda v: isinstance(v, dict), "an object"),
        ("taskTimeoutMs", is_absent_or_positive, "a positive integer or absent"),
        ("memoryLimitMb", is_absent_or_positive, "a positive integer or absent"),
    ]
    for name, is_valid, rule in checks:
        if not is_valid(config.get(name)):
            raise LabError("invalid-argument", "init.%s must be %s" % (name, rule))
    return config


def main():
    try:
        config = read_init()
    except LabError as error:
        Output("").send({"type": "fatal", "error": serialize_error(error)})
        return 2
    if config.get("mode") == "pipeline":
        return run_pipeline(config)
    if config.get("mode") == "live":
        return run_live(config)
    out = Output(config["runId"])
    try:
        workload = make_workload(config["workload"], config["params"], config["taskCount"])
        check_memory_limit(config.get("memoryLimitMb"))
    except LabError as error:
        out.send({"type": "fatal", "error": serialize_error(error)})
        return 1
    RUNS[config["model"]](config, workload, out)
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    EXIT_LOCK.acquire()
    # _exit, not exit: the stdin thread may still be blocked in a read, and there is
    # nothing left to clean up (pool processes were joined, output flushed).
    os._exit(code)
