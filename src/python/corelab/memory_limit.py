"""The run's memory limit: RLIMIT_DATA on each Python process, beyond what it held at start."""

import sys

from .errors import LabError
from .measure import resource

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


def out_of_memory_error():
    """The error of a task that ran out of memory, naming the limit when there was one."""
    limit = "" if MEMORY_LIMIT_MB is None else " (limit %d MiB, RLIMIT_DATA)" % MEMORY_LIMIT_MB
    return LabError("task-failed", "ran out of memory" + limit)
