"""Pipeline mode (src/shared/pipeline/*).

P producers put events on one bounded queue of capacity Q and C consumers take them, each
with the queue its model really offers: multiprocessing.Queue between processes,
queue.Queue between threads, asyncio.Queue between tasks of one loop. The engine reads
`ready`, writes `go`, reads `tally` lines (the shapes of pipeline-tally.ts) and `depth`
lines while it runs, writes `stop` (producers stop, consumers drain through one None
sentinel each) or `stop` with force (everyone ends after the event in hand and the queue
keeps the rest), and reads `end` with what was left in the queue.
"""

import os
import queue
import threading
import time

from .errors import (
    LabError,
    check_fields,
    fatal_line,
    is_non_negative_int,
    is_positive_int,
    one_of,
)
from .kernels import M32, RandomWalk, pipeline_work
from .measure import mono_ms, now_ms, ready_message
from .pipeline_tally import ConsumerCounter, EmitSchedule, ProducerCounter
from .processes import describe_exit, die_with_parent
from .wire import Output, watch_stdin

# How often blocked participants look at the stop flags, and the coordinator reports depth.
PIPELINE_POLL_S = 0.05


def queue_depth(q):
    """Events in the queue; multiprocessing.Queue cannot say on macOS (sem_getvalue)."""
    try:
        return q.qsize()
    except NotImplementedError:
        return 0


class PipelineFlags:
    """go, stop and halt (forced stop) as events of one kind: threading or multiprocessing."""

    def __init__(self, make_event):
        self.go = make_event()
        self.stop = make_event()
        self.halt = make_event()

    def apply(self, message):
        """Applies one line from the engine; True once there is nothing more to wait for."""
        kind = message.get("type")
        if kind == "stop":
            if message.get("force"):
                self.halt.set()
            self.stop.set()
        elif kind != "go":
            return False
        # Set last, so that whoever waits for go sees a stop that came before it.
        self.go.set()
        return self.halt.is_set()


def blocking_producer(index, config, q, flags, out):
    """One producer on a blocking queue (queue.Queue or multiprocessing.Queue)."""
    counter = ProducerCounter(index)
    walk = RandomWalk(config["seed"], index)
    flags.go.wait()
    schedule = EmitSchedule(config["intervalMs"])
    seq = 0
    while not flags.stop.is_set():
        wait_ms = schedule.wait_ms()
        if wait_ms > 0:
            sleep_start = mono_ms()
            is_stopped = flags.stop.wait(wait_ms / 1000)
            counter.idle_ms += mono_ms() - sleep_start
            if is_stopped:
                break
        event = (index, seq, walk.next(), now_ms())
        put_start = mono_ms()
        is_put = False
        # put with a timeout, not forever: a stop must reach a producer held by a full queue.
        while not flags.stop.is_set():
            try:
                q.put(event, timeout=PIPELINE_POLL_S)
                is_put = True
                break
            except queue.Full:
                continue
        if not is_put:
            break
        counter.record_put(mono_ms() - put_start, queue_depth(q))
        schedule.advance()
        seq += 1
        if counter.is_due():
            out.send(counter.take(False))
    out.send(counter.take(True))


def blocking_consumer(index, config, q, flags, out):
    """One consumer on a blocking queue: works each event until its None sentinel, or until
    a forced stop after the event in hand."""
    counter = ConsumerCounter(index)
    work = config["workPerEvent"]
    flags.go.wait()
    while not flags.halt.is_set():
        get_start = mono_ms()
        try:
            item = q.get(timeout=PIPELINE_POLL_S)
        except queue.Empty:
            counter.idle_ms += mono_ms() - get_start
            if counter.has_pending():
                out.send(counter.take(False))
            continue
        counter.idle_ms += mono_ms() - get_start
        if item is None:
            break
        producer, seq, value, send_epoch_ms = item
        counter.record(producer, seq, send_epoch_ms, pipeline_work(value, work))
        if counter.is_due():
            out.send(counter.take(False))
    out.send(counter.take(True))


def pipeline_process_main(role, index, config, q, flags, lock, started):
    """A multiprocessing participant: a producer or a consumer in a process of its own."""
    die_with_parent()
    out = Output(config["runId"], lock)
    started.release()
    if role == "producer":
        blocking_producer(index, config, q, flags, out)
    else:
        blocking_consumer(index, config, q, flags, out)


def drain_left(q, is_anyone_putting):
    """Takes what is left in the queue once consumers have ended, sentinels aside. Reads
    until empty while producers may still be flushing: a multiprocessing producer cannot
    exit before its feeder thread has written everything it put into the pipe."""
    left = 0
    while True:
        try:
            item = q.get(timeout=PIPELINE_POLL_S)
        except queue.Empty:
            if is_anyone_putting():
                continue
            return left
        if item is not None:
            left += 1


def report_depth_until(out, q, is_done):
    while not is_done():
        out.send({"type": "depth", "depth": queue_depth(q)})
        time.sleep(PIPELINE_POLL_S)


def put_sentinels(q, count, flags):
    """One None per consumer, behind every event: each consumer ends after the drain."""
    for _ in range(count):
        while not flags.halt.is_set():
            try:
                q.put(None, timeout=PIPELINE_POLL_S)
                break
            except queue.Full:
                continue


def pipeline_ready(out, worker_pids, worker_threads, start_method=None):
    """`worker_threads`: each participant's OS thread, producers first, for the engine's sampler."""
    threads = [{"pid": pid, "tid": tid} for pid, tid in worker_threads]
    out.send(ready_message(worker_pids, worker_threads=threads, start_method=start_method))


def coordinate_blocking(config, q, flags, out, producers, consumers):
    """The coordinator's part, the same for threads and processes: depth while it runs,
    sentinels after producers end, then the count of what was left."""
    # A forced stop goes straight to the consumers: a multiprocessing producer cannot exit
    # while its feeder thread still has events for a pipe that no one reads.
    report_depth_until(
        out, q, lambda: flags.halt.is_set() or all(not p.is_alive() for p in producers)
    )
    if not flags.halt.is_set():
        put_sentinels(q, len(consumers), flags)
    report_depth_until(out, q, lambda: all(not c.is_alive() for c in consumers))
    left = drain_left(q, lambda: any(p.is_alive() for p in producers))
    for member in producers + consumers:
        member.join()
    out.send({"type": "end", "leftInQueue": left})


def pipeline_threading(config):
    """P producer and C consumer threads on one queue.Queue(maxsize=Q)."""
    out = Output(config["runId"])
    q = queue.Queue(maxsize=config["capacity"])
    flags = PipelineFlags(threading.Event)
    producers = [
        threading.Thread(target=blocking_producer, args=(i, config, q, flags, out), daemon=True)
        for i in range(config["producers"])
    ]
    consumers = [
        threading.Thread(target=blocking_consumer, args=(i, config, q, flags, out), daemon=True)
        for i in range(config["consumers"])
    ]
    for member in producers + consumers:
        member.start()
    pipeline_ready(out, [], [(os.getpid(), m.native_id) for m in producers + consumers])
    watch_stdin(flags.apply)
    coordinate_blocking(config, q, flags, out, producers, consumers)


def pipeline_multiprocessing(config):
    """P producer and C consumer processes on one multiprocessing.Queue(maxsize=Q)."""
    import multiprocessing

    context = multiprocessing.get_context()
    lock = context.Lock()
    out = Output(config["runId"], lock)
    q = context.Queue(maxsize=config["capacity"])
    flags = PipelineFlags(context.Event)
    started = context.Semaphore(0)

    def spawn(role, index):
        return context.Process(
            target=pipeline_process_main,
            args=(role, index, config, q, flags, lock, started),
            name="corelab-%s-%d" % (role, index),
            daemon=True,
        )

    producers = [spawn("producer", i) for i in range(config["producers"])]
    consumers = [spawn("consumer", i) for i in range(config["consumers"])]
    for member in producers + consumers:
        member.start()
    for member in producers + consumers:
        # A process that dies while starting would hold the run forever; the engine's
        # start timeout ends it, and so would its own exit code here.
        while not started.acquire(timeout=PIPELINE_POLL_S):
            dead = [m for m in producers + consumers if m.exitcode is not None]
            if dead:
                how = describe_exit(dead[0].exitcode)
                raise LabError("worker-crashed", "%s %s" % (dead[0].name, how))
    members = producers + consumers
    # A participant process runs its role on its main thread, whose id is its pid.
    pipeline_ready(
        out, [m.pid for m in members], [(m.pid, m.pid) for m in members], context.get_start_method()
    )
    # After every fork: forking a process that has threads is unsafe.
    watch_stdin(flags.apply)
    coordinate_blocking(config, q, flags, out, producers, consumers)


async def async_producer(index, config, q, go, stop, out):
    """One producer task; a stop cancels it at its sleep or its put, where nothing is lost."""
    import asyncio

    counter = ProducerCounter(index)
    walk = RandomWalk(config["seed"], index)
    try:
        await go.wait()
        schedule = EmitSchedule(config["intervalMs"])
        seq = 0
        while not stop.is_set():
            wait_ms = schedule.wait_ms()
            if wait_ms > 0:
                sleep_start = mono_ms()
                await asyncio.sleep(wait_ms / 1000)
                counter.idle_ms += mono_ms() - sleep_start
            event = (index, seq, walk.next(), now_ms())
            put_start = mono_ms()
            await q.put(event)
            counter.record_put(mono_ms() - put_start, q.qsize())
            schedule.advance()
            seq += 1
            if counter.is_due():
                out.send(counter.take(False))
            if wait_ms <= 0:
                # A put on a queue with room never suspends: yield, or no one else runs.
                await asyncio.sleep(0)
    except asyncio.CancelledError:
        pass
    out.send(counter.take(True))


async def async_consumer(index, config, q, out):
    """One consumer task; a forced stop cancels it at its get, after the event in hand."""
    import asyncio

    counter = ConsumerCounter(index)
    work = config["workPerEvent"]
    try:
        while True:
            if q.empty() and counter.has_pending():
                out.send(counter.take(False))
            get_start = mono_ms()
            item = await q.get()
            counter.idle_ms += mono_ms() - get_start
            if item is None:
                break
            producer, seq, value, send_epoch_ms = item
            counter.record(producer, seq, send_epoch_ms, pipeline_work(value, work))
            if counter.is_due():
                out.send(counter.take(False))
            # A get on a non-empty queue never suspends either.
            await asyncio.sleep(0)
    except asyncio.CancelledError:
        pass
    out.send(counter.take(True))


async def pipeline_asyncio_main(config, out):
    """P producer and C consumer tasks on one asyncio.Queue(maxsize=Q), one thread."""
    import asyncio

    loop = asyncio.get_running_loop()
    q = asyncio.Queue(maxsize=config["capacity"])
    go, stop = asyncio.Event(), asyncio.Event()
    halted = []
    producers = [
        loop.create_task(async_producer(i, config, q, go, stop, out))
        for i in range(config["producers"])
    ]
    consumers = [
        loop.create_task(async_consumer(i, config, q, out)) for i in range(config["consumers"])
    ]

    def apply(message):
        kind = message.get("type")
        if kind == "stop":
            stop.set()
            for task in producers:
                task.cancel()
            if message.get("force"):
                halted.append(True)
                for task in consumers:
                    task.cancel()
        elif kind != "go":
            return
        go.set()

    def apply_from_thread(message):
        try:
            loop.call_soon_threadsafe(apply, message)
        except RuntimeError:
            return True  # the loop has closed: the run is over
        return False

    # Every task runs on this one thread.
    loop_thread = (os.getpid(), threading.get_native_id())
    pipeline_ready(out, [], [loop_thread] * (len(producers) + len(consumers)))
    watch_stdin(apply_from_thread)

    async def report_depth_until_done(tasks):
        pending = set(tasks)
        while pending:
            out.send({"type": "depth", "depth": q.qsize()})
            _, pending = await asyncio.wait(pending, timeout=PIPELINE_POLL_S)

    await report_depth_until_done(producers)
    for _ in consumers:
        while not halted:
            try:
                q.put_nowait(None)
                break
            except asyncio.QueueFull:
                await asyncio.sleep(PIPELINE_POLL_S / 10)
    await report_depth_until_done(consumers)
    left = 0
    while not q.empty():
        if q.get_nowait() is not None:
            left += 1
    out.send({"type": "end", "leftInQueue": left})


def pipeline_asyncio(config):
    import asyncio

    asyncio.run(pipeline_asyncio_main(config, Output(config["runId"])))


PIPELINES = {
    "python-multiprocessing": pipeline_multiprocessing,
    "python-threading": pipeline_threading,
    "python-asyncio": pipeline_asyncio,
}


# The pipeline `init` line's fields, checked as the engine's schema does.
PIPELINE_CHECKS = [
    ("runId", lambda v: isinstance(v, str), "a string"),
    ("model", *one_of(PIPELINES)),
    ("producers", is_positive_int, "a positive integer"),
    ("consumers", is_positive_int, "a positive integer"),
    ("intervalMs", is_non_negative_int, "a non-negative integer"),
    ("capacity", is_positive_int, "a positive integer"),
    ("workPerEvent", is_non_negative_int, "a non-negative integer"),
    ("seed", lambda v: isinstance(v, int) and 0 <= v <= M32, "an integer in 0..4294967295"),
]


def run_pipeline(config):
    """Runs the pipeline of `config` to its end; a LabError becomes a `fatal` line."""
    try:
        check_fields(config, PIPELINE_CHECKS)
        PIPELINES[config["model"]](config)
    except LabError as error:
        Output(config.get("runId", "")).send(fatal_line(error))
        return 1
    return 0
