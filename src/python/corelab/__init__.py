"""Corelab's Python models and the message explorer's Python side. Standard library only;
Python 3.8+.

The engine starts `python -I src/python` (out/python once built, python/ among the installed
app's resources) and writes one `init` line on stdin; its fields choose the program:
  comparison  one model's whole run (comparison.py, with run_threads, run_asyncio and
              run_processes);
  live        a live run's host: the engine's pull loop drives each worker (live.py);
  pipeline    producers and consumers on the model's own queue (pipeline.py).
`python -I src/python messages` is the message explorer's Python side (messages.py).

Shared by them: the kernels (exact ports of src/shared/workloads), the workloads built from
them, the task environments, the JSON-lines wire, errors, the memory limit and the task
timeout. asyncio, http.client and multiprocessing are imported only by the code that uses
them: each costs tens of ms at start-up, and a model's start-up should be what a program of
that model pays.
"""
