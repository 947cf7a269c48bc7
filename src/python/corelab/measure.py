"""Clocks, CPU time and memory, and the OS threads the engine samples."""

import os
import sys
import time

try:
    import resource
except ImportError:  # Windows has no getrusage; usage figures are reported as zero there.
    resource = None


def now_ms():
    """Epoch milliseconds; the engine aligns this clock with its own at `ready`."""
    return time.time() * 1000


def mono_ms():
    return time.perf_counter() * 1000


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


def children_usage():
    """The reaped children's total, or None where there is no getrusage."""
    return usage(resource.RUSAGE_CHILDREN) if resource else None


def thread_id(pid, tid):
    """The OS thread that runs a worker's tasks, for the engine's thread-state sampler."""
    return {"pid": pid, "tid": tid}


def ready_message(worker_pids, worker_threads=None, start_method=None):
    """The `ready` line: every worker is up, and this process's clock now."""
    message = {"type": "ready", "pid": os.getpid(), "epochMs": now_ms(), "workerPids": worker_pids}
    if start_method is not None:
        message["startMethod"] = start_method
    if worker_threads is not None:
        message["workerThreads"] = worker_threads
    return message
