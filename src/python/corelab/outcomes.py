"""A task's `result` or `error` line, as every model's worker reports it."""

from .errors import serialize_error
from .measure import now_ms
from .memory_limit import out_of_memory_error


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
