"""The live host: each worker a slot of the engine's pull loop.

In a live run (src/main/engine/python-live.ts) the engine's shared pull loop
(src/shared/pool/run-pool.ts) drives every Python worker one by one, as it drives Node's:
it grows and shrinks the pool, hands out each task and checks each answer. This process
hosts the workers with the model's own mechanism, a process, a thread or a coroutine per
slot, and carries the messages of src/shared/pool/shared-thread.ts as JSON lines:
{slot, message} both ways, {slot, kill} in, {slot, exit} out, and {type: finish} (or the
end of stdin) to end every worker and exit.
"""

import os
import queue
import threading

from .errors import LabError, check_fields, fatal_line, one_of
from .measure import self_usage
from .outcomes import async_task_outcome, task_outcome
from .processes import drain, exit_status, parent_inbox, start_with_pipe
from .task_env import AsyncEnv, BlockingEnv
from .wire import STDIN, Output, messages_of
from .workloads import make_workload

WARMUP_SPLIT = 4096  # serve-worker.ts: the warm-up runs task 0 of a split this fine
STOPPED = object()


class LiveWorker:
    """One slot's side of the per-worker protocol (src/shared/protocol.ts) as
    serve-worker.ts speaks it; the caller runs each task, blocking or awaited."""

    def __init__(self, slot, send, pid, tid, make_env, own_usage=None):
        self.slot = slot
        self.send = send
        self.pid = pid
        self.tid = tid
        self.make_env = make_env
        self.own_usage = own_usage  # a process reports its usage on stop; a thread does not
        self.run_id = ""
        self.env = None
        self.spec = None  # (workload id, params, task count) of the tasks sent from now on
        self.workload = None
        self.problem = None  # why the workload cannot be built; each task fails with it

    def post(self, message):
        message["runId"] = self.run_id
        self.send(message)

    def receive(self, message):
        """Answers `message`; returns a task index to run, STOPPED after `stop`, else None."""
        kind = message.get("type")
        if kind == "init":
            self.run_id = message["runId"]
            self.env = self.make_env(message["io"])
            self.resize(message["workload"], message["params"], message["taskCount"])
            self.post({"type": "ready", "worker": message["worker"], "pid": self.pid, "tid": self.tid})
        elif kind == "size":
            self.resize(self.spec[0], message["params"], message["taskCount"])
        elif kind == "warmup":
            self.warm_up()
        elif kind == "task":
            return message["taskIndex"]
        elif kind == "stop":
            if self.own_usage is not None:
                self.post(dict(self.own_usage(), type="usage", pid=self.pid))
            return STOPPED
        return None

    def resize(self, workload_id, params, task_count):
        self.spec = (workload_id, params, task_count)
        try:
            self.workload, self.problem = make_workload(workload_id, params, task_count), None
        except LabError as error:
            self.workload, self.problem = None, error

    def warm_up(self):
        """A sliver of a CPU kernel, as serve-worker.ts: first-call costs (imports, caches)
        stay out of the timed work. Its answer is dropped; a failure shows in the real tasks."""
        workload_id, params, _ = self.spec
        try:
            if workload_id.startswith("cpu."):
                make_workload(workload_id, params, WARMUP_SPLIT).run_blocking(self.env, 0)
        except Exception:  # a failing kernel fails its real tasks, with the message
            pass
        self.post({"type": "warm"})

    def outcome(self, task_index):
        """Runs a task to its result or error message; a live run's indices cycle through
        the task count, as in serve-worker.ts."""
        local = task_index % self.spec[2]

        def compute():
            if self.workload is None:
                raise self.problem
            return self.workload.run_blocking(self.env, local)

        return self.finish(task_outcome(task_index, self.slot, compute))

    async def outcome_async(self, task_index):
        local = task_index % self.spec[2]

        async def compute():
            if self.workload is None:
                raise self.problem
            return await self.workload.run_async(self.env, local)

        return self.finish(await async_task_outcome(task_index, self.slot, compute))

    def finish(self, message):
        del message["worker"]  # the slot says which worker it is
        self.post(message)


def serve_live_blocking(worker, receive):
    """A thread's or a process's loop: messages in order until `stop` or the inbox closes."""
    while True:
        message = receive()
        if message is None:
            return
        task_index = worker.receive(message)
        if task_index is STOPPED:
            return
        if task_index is not None:
            worker.outcome(task_index)


class LiveRelay:
    """What the host tells the engine of each slot. A slot the engine killed says no more:
    its task in hand may still finish, and its answer is dropped."""

    def __init__(self, out):
        self.out = out
        self.killed = set()

    def kill(self, slot):
        self.killed.add(slot)

    def sender(self, slot):
        """The function a slot's worker posts its messages with."""
        return lambda message: self.send(slot, message)

    def send(self, slot, message):
        if slot not in self.killed:
            self.out.send({"slot": slot, "message": message})

    def exited(self, slot, code=0, signal_name=None):
        if slot not in self.killed:
            self.out.send({"slot": slot, "exit": {"code": code, "signal": signal_name}})


def route_lines(lines, deliver, kill):
    """Hands each of the engine's lines to its slot; False once one is `finish`."""
    for message in messages_of(lines):
        if message.get("type") == "finish":
            return False
        if message.get("kill"):
            kill(message.get("slot"))
        elif isinstance(message.get("message"), dict):
            deliver(message.get("slot"), message["message"])
    return True


def live_until_finish(deliver, kill):
    """Reads the engine's lines on this (main) thread until `finish` or the end of stdin."""
    while True:
        line = STDIN.readline()
        if not line or not route_lines([line], deliver, kill):
            return


class Inboxes:
    """A thread's or coroutine's slots: each one's inbox, made (and its worker started) at
    its first message; a kill marks it abandoned and wakes it with None."""

    def __init__(self, relay, make_inbox, start):
        self.relay = relay
        self.make_inbox = make_inbox
        self.start = start  # (slot, inbox) -> None: starts the slot's worker
        self.inboxes = {}

    def deliver(self, slot, message):
        if slot not in self.inboxes:
            self.inboxes[slot] = self.make_inbox()
            self.start(slot, self.inboxes[slot])
        self.inboxes[slot].put_nowait(message)

    def kill(self, slot):
        if slot in self.inboxes:
            self.relay.kill(slot)
            self.inboxes[slot].put_nowait(None)


def live_threading(out):
    """Each slot a threading.Thread with an inbox; the GIL lets one compute at a time. A
    thread cannot be stopped from outside: a killed slot is abandoned (its task runs on, its
    answer is dropped) and the host's exit ends it."""
    relay = LiveRelay(out)

    def start(slot, inbox):
        def body():
            tid = threading.get_native_id()
            worker = LiveWorker(slot, relay.sender(slot), os.getpid(), tid, BlockingEnv)
            serve_live_blocking(worker, inbox.get)
            if worker.env is not None:
                worker.env.close()
            relay.exited(slot)

        threading.Thread(target=body, name="corelab-worker-%d" % slot, daemon=True).start()

    inboxes = Inboxes(relay, queue.Queue, start)
    live_until_finish(inboxes.deliver, inboxes.kill)


def live_asyncio(out):
    """Each slot a coroutine with an asyncio.Queue inbox, all on one event loop on one thread.
    Lines are read on the main thread: a CPU-bound task blocks the loop, which then could not
    read them. A killed coroutine is cancelled at its next await (a task in hand runs on)."""
    import asyncio

    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, name="corelab-asyncio", daemon=True).start()
    relay = LiveRelay(out)

    async def serve(slot, inbox):
        tid = threading.get_native_id()
        worker = LiveWorker(slot, relay.sender(slot), os.getpid(), tid, AsyncEnv)
        while True:
            message = await inbox.get()
            task_index = None if message is None else worker.receive(message)
            if message is None or task_index is STOPPED:
                break
            if task_index is not None:
                await worker.outcome_async(task_index)
                # Back to the loop between tasks, as in python-asyncio's batch run.
                await asyncio.sleep(0)
        if worker.env is not None:
            await worker.env.close()
        relay.exited(slot)

    # Inboxes lives on the loop's thread: every call reaches it through the loop.
    inboxes = Inboxes(relay, asyncio.Queue, lambda slot, inbox: loop.create_task(serve(slot, inbox)))
    live_until_finish(
        lambda slot, message: loop.call_soon_threadsafe(inboxes.deliver, slot, message),
        lambda slot: loop.call_soon_threadsafe(inboxes.kill, slot),
    )


def live_process_main(slot, conn):
    """One pool process of a live run: the per-worker protocol over its Pipe."""
    receive = parent_inbox(conn)
    worker = LiveWorker(slot, conn.send, os.getpid(), os.getpid(), BlockingEnv, self_usage)
    serve_live_blocking(worker, receive)
    if worker.env is not None:
        worker.env.close()


def live_multiprocessing(out):
    """Each slot a multiprocessing.Process fed over its own Pipe; this process relays lines
    and messages from one thread (select over stdin, the pipes and the processes' sentinels),
    so forking a new process at a grow is safe."""
    import multiprocessing
    from multiprocessing import connection

    context = multiprocessing.get_context()
    relay = LiveRelay(out)
    members = {}  # slot -> (process, our end of its Pipe)

    def deliver(slot, message):
        if slot not in members:
            members[slot] = start_with_pipe(context, live_process_main, slot)
        try:
            members[slot][1].send(message)
        except OSError:
            pass  # it just died; its sentinel says so next

    def kill(slot):
        if slot in members:
            relay.kill(slot)
            members[slot][0].kill()

    def on_member(slot, woken):
        process, conn = members[slot]
        drain(conn, relay.sender(slot))
        if process.sentinel not in woken and process.is_alive():
            return
        process.join()
        relay.exited(slot, *exit_status(process.exitcode))
        del members[slot]

    # Lines read along with `init` are waiting already; select would not report them.
    pending = STDIN.take_lines()
    while pending is not None and route_lines(pending, deliver, kill):
        waitables = [0]
        for process, conn in members.values():
            waitables += [conn, process.sentinel]
        woken = connection.wait(waitables)
        for slot, (process, conn) in list(members.items()):
            if conn in woken or process.sentinel in woken:
                on_member(slot, woken)
        pending = STDIN.read_lines() if 0 in woken else []
    for process, _ in members.values():
        process.kill()
    for process, _ in members.values():
        process.join(0.5)


LIVE_HOSTS = {
    "python-multiprocessing": live_multiprocessing,
    "python-threading": live_threading,
    "python-asyncio": live_asyncio,
}


def run_live(config):
    """Hosts a live run's workers until `finish`; every thread ends with this process."""
    out = Output(None)
    try:
        check_fields(config, [("model", *one_of(LIVE_HOSTS))])
    except LabError as error:
        out.send(fatal_line(error))
        return 2
    LIVE_HOSTS[config["model"]](out)
    out.close()
    return 0
