"""The workloads of src/shared/workloads/registry.ts that have a Python port: each task's
function in a blocking and an awaitable form, built from the kernels.

The fault.* demo workloads have no port (their hang timeout and memory limit belong to the
engine's pool); the engine refuses them for the Python models, and make_workload answers them
with "has no Python port".
"""

from .errors import LabError
from .kernels import (
    chained_hash,
    count_primes_of_task,
    file_contents,
    fnv1a,
    http_path,
    mandelbrot_rows,
    mixed_checksum,
    sleep_checksum,
)

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
