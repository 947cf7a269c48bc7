"""How a comparison run ends: its `done` line, a stop that cannot wait for a task, and the
process's exit."""

import os
import sys
import threading

from .measure import self_usage

# Held by whichever thread ends the process: a stop and a run finishing at the same moment
# must not exit in the middle of each other (the main thread's exit would cut off `done`).
EXIT_LOCK = threading.Lock()


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


def stop_at_stop_line(stop):
    """A stdin handler that calls stop at a `stop` line (or the end of stdin)."""
    return lambda message: message.get("type") == "stop" and stop()


def exit_process(code):
    """Leaves with _exit, not exit: the stdin thread may still be blocked in a read, and
    there is nothing left to clean up (pool processes were joined, output written)."""
    sys.stdout.flush()
    EXIT_LOCK.acquire()
    os._exit(code)
