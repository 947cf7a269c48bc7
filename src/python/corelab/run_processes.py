"""python-multiprocessing's run: N processes, each with its own interpreter and GIL, fed one
task index at a time; this process only dispatches."""

import multiprocessing
import os
from multiprocessing import connection

from .ending import done_message, stop_at_stop_line, stop_now
from .measure import children_usage, now_ms, ready_message, self_usage, thread_id
from .memory_limit import limit_memory
from .outcomes import task_outcome
from .processes import describe_exit, drain, parent_inbox, start_with_pipe
from .task_env import BlockingEnv
from .timeouts import timeout_error, watch_period_s
from .wire import watch_stdin
from .workloads import make_workload


def process_worker(index, conn, config):
    """One pool process: answers each task index sent over its Pipe until it gets None."""
    receive = parent_inbox(conn)
    env = BlockingEnv(config["io"])
    workload = make_workload(config["workload"], config["params"], config["taskCount"])
    # Each pool process has its own limit, as each Node worker has its own heap limit.
    limit_memory(config.get("memoryLimitMb"))
    conn.send(("ready", os.getpid()))
    while True:
        task_index = receive()
        if task_index is None:
            break
        outcome = task_outcome(task_index, index, lambda: workload.run_blocking(env, task_index))
        conn.send(("task", outcome))
    env.close()
    try:
        conn.send(("usage", dict(self_usage(), pid=os.getpid(), worker=index)))
    except OSError:
        pass  # the parent is gone: no one is left to tell


class PoolProcess:
    """The parent's view of one pool process."""

    def __init__(self, index, process, conn):
        self.index = index
        self.process = process
        self.conn = conn
        self.is_ready = False
        self.is_finished = False  # sent None: takes no more tasks
        self.current = None  # the task it is computing
        self.current_since = 0.0  # when it was sent that task (epoch ms)
        self.is_timed_out = False  # killed for its task's timeout; its later lines are void
        self.usage = None  # its own report, sent as it finishes


class ProcessPool:
    """N processes fed one task index at a time, like run-pool.ts's pull loop: each idle
    process gets the next index over its own Pipe. Not multiprocessing.Pool, which hides
    which process ran a task and waits forever for a task whose process was killed."""

    def __init__(self, config, out):
        self.config = config
        self.out = out
        self.context = multiprocessing.get_context()
        self.members = []
        self.next_task = 0
        self.is_working = False

    def start(self):
        for index in range(self.config["workers"]):
            process, conn = start_with_pipe(self.context, process_worker, index, self.config)
            self.members.append(PoolProcess(index, process, conn))

    def end(self):
        """Terminates and reaps every process, so RUSAGE_CHILDREN counts them all."""
        for member in self.members:
            if member.process.is_alive():
                member.process.terminate()
        for member in self.members:
            member.process.join(0.5)
            if member.process.is_alive():
                member.process.kill()
                member.process.join(0.5)
        return children_usage()

    def dispatch(self, member):
        if self.next_task < self.config["taskCount"]:
            member.current = self.next_task
            member.current_since = now_ms()
            self.next_task += 1
        else:
            member.current = None
            member.is_finished = True
        try:
            member.conn.send(member.current)
        except OSError:
            pass  # it just died; its sentinel says so next, and its task is reported lost

    def begin_if_all_ready(self, listening):
        """Starts handing out tasks once every live process is ready (run-pool's rule)."""
        if self.is_working or not all(m.is_ready for m in listening):
            return
        self.is_working = True
        pids = [m.process.pid for m in self.members]
        self.out.send(
            ready_message(
                pids,
                # A pool process runs its tasks on its main thread, whose id is its pid.
                [thread_id(pid, pid) for pid in pids],
                self.context.get_start_method(),
            )
        )
        for member in listening:
            self.dispatch(member)

    def handle(self, member, message, listening):
        kind, body = message
        if member.is_timed_out:
            return  # its task is already on record as timed out
        if kind == "ready":
            member.is_ready = True
            self.begin_if_all_ready(listening)
        elif kind == "task":
            self.out.send(body)
            self.dispatch(member)
        elif kind == "usage":
            member.usage = body

    def report_lost(self, member):
        """A process died unasked: the task it held is lost; the others take the rest."""
        member.process.join(0.5)
        at = now_ms()
        message = "worker %d %s" % (member.index, describe_exit(member.process.exitcode))
        self.out.send(
            {
                "type": "error",
                "taskIndex": member.current,
                "worker": member.index,
                "error": {"name": "LabError", "code": "worker-crashed", "message": message},
                "startEpochMs": at,
                "endEpochMs": at,
            }
        )

    def seconds_to_next_check(self, listening):
        """How long the dispatcher may sleep before a busy process could be overdue."""
        busy = [m for m in listening if m.current is not None and not m.is_timed_out]
        if not busy or self.config.get("taskTimeoutMs") is None:
            return None
        return watch_period_s(self.config["taskTimeoutMs"])

    def stop_overdue(self, listening):
        """Fails each task that has run past the timeout and kills its process, as
        run-pool.ts does; the other processes go on with the rest."""
        timeout_ms = self.config.get("taskTimeoutMs")
        if timeout_ms is None:
            return
        at = now_ms()
        for member in listening:
            if member.current is None or member.is_timed_out:
                continue
            if at - member.current_since < timeout_ms:
                continue
            member.is_timed_out = True
            self.out.send(
                timeout_error(
                    member.current,
                    member.index,
                    member.current_since,
                    timeout_ms,
                    "the worker was stopped",
                )
            )
            member.process.kill()

    def run(self):
        listening = list(self.members)
        while listening:
            waitables = [m.conn for m in listening] + [m.process.sentinel for m in listening]
            woken = connection.wait(waitables, self.seconds_to_next_check(listening))
            self.stop_overdue(listening)
            for member in [m for m in listening if m.conn in woken or m.process.sentinel in woken]:
                drain(member.conn, lambda message: self.handle(member, message, listening))
                if member.usage is None and member.process.is_alive():
                    continue
                if member.usage is None and not member.is_timed_out:
                    self.report_lost(member)
                listening.remove(member)
                # One that died before it was ready must not hold the others back.
                if listening:
                    self.begin_if_all_ready(listening)
        for member in self.members:
            member.process.join()
        unrun = self.config["taskCount"] - self.next_task
        if unrun > 0:
            self.out.send(
                {
                    "type": "fatal",
                    "error": {
                        "name": "LabError",
                        "code": "worker-crashed",
                        "message": "every worker process died; %d tasks were not run" % unrun,
                    },
                }
            )
        self.out.close_with(done_message(m.usage for m in self.members if m.usage is not None))


def run(config, _workload, out):
    """Runs every task on N processes, then writes `done`. Each process builds its own
    kernel; the one built here only validated the request."""
    pool = ProcessPool(config, out)
    pool.start()
    # The stdin thread starts after every fork: forking a process that has threads is unsafe.
    watch_stdin(stop_at_stop_line(lambda: stop_now(out, pool.end)))
    pool.run()
