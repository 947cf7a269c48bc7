"""The comparison runner: one model's whole run, the way Python programs pool their workers.

  python-multiprocessing  N processes, each fed task indices over its own Pipe (run_processes);
  python-threading        N threads pulling task indices from a queue.Queue (run_threads);
  python-asyncio          N coroutines pulling from an asyncio.Queue on one loop (run_asyncio).

The engine (src/main/engine/python-runner.ts) writes one `init` line and reads `ready` once
every worker is up, one `result` or `error` per task, and `done` with the processes' CPU time
and peak memory. A `stop` line or the end of stdin ends the run at once.
"""

import importlib

from .errors import LabError, check_fields, fatal_line, is_non_negative_int, is_positive_int, one_of
from .memory_limit import check_memory_limit
from .wire import Output
from .workloads import make_workload

# Each model's module is imported only for its run: a model's start-up should be what a
# program of that model pays, not the import time of the other models' modules.
RUNS = {
    "python-multiprocessing": "run_processes",
    "python-threading": "run_threads",
    "python-asyncio": "run_asyncio",
}


def is_absent_or_positive(value):
    return value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 1)


COMPARISON_CHECKS = [
    ("runId", lambda v: isinstance(v, str), "a string"),
    ("model", *one_of(RUNS)),
    ("workers", is_positive_int, "a positive integer"),
    ("workload", lambda v: isinstance(v, str), "a string"),
    ("params", lambda v: isinstance(v, dict), "an object"),
    ("taskCount", is_non_negative_int, "a non-negative integer"),
    ("io", lambda v: isinstance(v, dict), "an object"),
    ("taskTimeoutMs", is_absent_or_positive, "a positive integer or absent"),
    ("memoryLimitMb", is_absent_or_positive, "a positive integer or absent"),
]


def run_comparison(config):
    """Runs the model of `config` to its `done` line; a LabError becomes a `fatal` line."""
    try:
        check_fields(config, COMPARISON_CHECKS)
    except LabError as error:
        Output("").send(fatal_line(error))
        return 2
    out = Output(config["runId"])
    try:
        workload = make_workload(config["workload"], config["params"], config["taskCount"])
        check_memory_limit(config.get("memoryLimitMb"))
    except LabError as error:
        out.send(fatal_line(error))
        return 1
    run = importlib.import_module("." + RUNS[config["model"]], __package__).run
    run(config, workload, out)
    return 0
