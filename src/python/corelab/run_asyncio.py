"""python-asyncio's run: N coroutines in flight on one event loop, pulling from an
asyncio.Queue."""

import asyncio
import os
import threading

from .ending import done_message, stop_at_stop_line, stop_now
from .measure import ready_message, thread_id
from .memory_limit import limit_memory
from .outcomes import async_task_outcome
from .task_env import AsyncEnv
from .timeouts import TaskClock, watch_task_timeouts
from .wire import watch_stdin


async def asyncio_main(config, workload, out):
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
    out.send(ready_message([], [loop_thread] * config["workers"]))
    try:
        await asyncio.gather(*(worker(k) for k in range(config["workers"])))
    finally:
        await env.close()


def run(config, workload, out):
    """Runs every task on N coroutines, then writes `done`."""
    # Stop is watched from a thread: a CPU-bound task blocks the loop, so the loop itself
    # could not read stdin until the task ends. No task work ever runs on that thread.
    watch_stdin(stop_at_stop_line(lambda: stop_now(out)))
    asyncio.run(asyncio_main(config, workload, out))
    out.close_with(done_message())
