"""The run's task timeout (taskTimeoutMs), worded as run-pool.ts words it."""

import threading
import time

from .ending import stop_now
from .measure import now_ms


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
                    out.send(timeout_error(task_index, worker, start, timeout_ms, consequence))
                    stop_now(out)

    threading.Thread(target=watch, name="corelab-timeouts", daemon=True).start()
