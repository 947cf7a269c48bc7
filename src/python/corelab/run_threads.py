"""python-threading's run: N threads pulling task indices from one queue.Queue; the GIL
lets one run at a time."""

import os
import queue
import threading

from .ending import done_message, stop_at_stop_line, stop_now
from .measure import ready_message, thread_id
from .memory_limit import limit_memory
from .outcomes import task_outcome
from .task_env import BlockingEnv
from .timeouts import TaskClock, watch_task_timeouts
from .wire import watch_stdin


def run(config, workload, out):
    """Runs every task on N threads, then writes `done`."""
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
    watch_stdin(stop_at_stop_line(lambda: stop_now(out)))
    watch_task_timeouts(
        clock,
        config.get("taskTimeoutMs"),
        out,
        "a Python thread cannot be stopped alone, so the interpreter was ended",
    )
    # Last, once every thread has its stack and malloc arena: the limit is for the run's data.
    limit_memory(config.get("memoryLimitMb"))
    pid = os.getpid()
    out.send(ready_message([], [thread_id(pid, t.native_id) for t in threads]))
    go.set()
    for thread in threads:
        thread.join()
    out.close_with(done_message())
