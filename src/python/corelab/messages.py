"""Corelab's message explorer, Python side: what a round trip costs per way of passing data.

The engine (src/main/engine/messages/python-message-cost.ts) runs `python -I <app> messages`,
writes one JSON line on stdin ({"modes", "sizes", "budget"}; the budget names the
untimed warm-up round trips per size) and reads JSON lines from stdout:
one `row` per mode and size with its round-trip times in ms, then `done`, or `error`.
This process is the parent; the worker is one process or one thread:
  queue-pickle   multiprocessing.Queue each way: the payload is pickled there and back;
  shared-memory  multiprocessing.shared_memory: only the round-trip number crosses a Pipe;
  shared-object  a threading.Thread reading the parent's bytearray, numbers over queue.Queue.
Each round trip writes the payload's first byte and checks the worker's checksum, the same
stride sum as src/shared/messages/message-echo.ts.
"""

import json
import multiprocessing
import queue
import sys
import threading
import time
from multiprocessing import shared_memory

CHECKSUM_STRIDE = 4096


def checksum(buf, length):
    """Bytes at every CHECKSUM_STRIDE-th index, plus the last one, summed."""
    if length == 0:
        return 0
    return sum(buf[0:length:CHECKSUM_STRIDE]) + buf[length - 1]


def make_payload(size):
    return bytearray((i * 7) & 255 for i in range(256)) * (size // 256) + bytearray(
        (i * 7) & 255 for i in range(size % 256)
    )


def queue_worker(inbox, outbox):
    while True:
        item = inbox.get()
        if item is None:
            return
        seq, payload = item
        outbox.put((seq, checksum(payload, len(payload)), payload))


def shared_memory_worker(conn):
    # The parent owns every block and unlinks it; a worker that registered its attachments
    # with the resource tracker would have them unlinked (or warned about) a second time.
    from multiprocessing import resource_tracker

    resource_tracker.register = lambda *args, **kwargs: None
    block = None
    while True:
        message = conn.recv()
        if message is None:
            return
        if message[0] == "attach":
            if block is not None:
                block.close()
            block = shared_memory.SharedMemory(name=message[1])
            length = message[2]
            conn.send("attached")
        elif message[0] == "detach":
            block.close()
            block = None
            conn.send("detached")
        else:
            conn.send((message[1], checksum(block.buf, length)))


def is_cell_done(budget, count, elapsed_ms):
    """isCellDone in src/shared/messages/message-row.ts."""
    if count >= budget["maxRoundTrips"]:
        return True
    if count >= budget["minRoundTrips"] and elapsed_ms >= budget["cellMs"]:
        return True
    return count >= budget["slowMinRoundTrips"] and elapsed_ms >= budget["slowCellMs"]


def time_round_trips(size, round_trip, budget):
    seq = 0
    for _ in range(budget["warmUps"][str(size)]):
        seq += 1
        round_trip(seq)
    times = []
    start = time.perf_counter()
    while not is_cell_done(budget, len(times), (time.perf_counter() - start) * 1000):
        seq += 1
        t0 = time.perf_counter()
        round_trip(seq)
        times.append((time.perf_counter() - t0) * 1000)
    return times


def emit(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def check(mode, size, got, expected):
    if got != expected:
        raise RuntimeError("%s at %d B: checksum %r, expected %r" % (mode, size, got, expected))


def measure_queue(sizes, budget):
    inbox, outbox = multiprocessing.Queue(), multiprocessing.Queue()
    worker = multiprocessing.Process(target=queue_worker, args=(inbox, outbox), daemon=True)
    worker.start()
    try:
        for size in sizes:
            payload = make_payload(size)

            def round_trip(seq):
                payload[0] = seq & 255
                inbox.put((seq, payload))
                got_seq, got_sum, echoed = outbox.get()
                expected = checksum(payload, size)
                check("queue-pickle", size, (got_seq, got_sum, checksum(echoed, size)),
                      (seq, expected, expected))

            yield "python-multiprocessing", "queue-pickle", size, time_round_trips(size, round_trip, budget)
    finally:
        inbox.put(None)
        worker.join(5)


def measure_shared_memory(sizes, budget):
    parent_end, worker_end = multiprocessing.Pipe()
    worker = multiprocessing.Process(target=shared_memory_worker, args=(worker_end,), daemon=True)
    worker.start()
    try:
        for size in sizes:
            block = shared_memory.SharedMemory(create=True, size=size)
            try:
                view = block.buf
                view[:size] = make_payload(size)
                parent_end.send(("attach", block.name, size))
                parent_end.recv()

                def round_trip(seq):
                    view[0] = seq & 255
                    parent_end.send(("read", seq))
                    check("shared-memory", size, parent_end.recv(), (seq, checksum(view, size)))

                times = time_round_trips(size, round_trip, budget)
                parent_end.send(("detach",))
                parent_end.recv()
                del view
            finally:
                block.close()
                block.unlink()
            yield "python-multiprocessing", "shared-memory", size, times
    finally:
        parent_end.send(None)
        worker.join(5)


def measure_shared_object(sizes, budget):
    inbox, outbox = queue.Queue(), queue.Queue()
    shared = {"payload": bytearray()}

    def thread_worker():
        while True:
            seq = inbox.get()
            if seq is None:
                return
            payload = shared["payload"]
            outbox.put((seq, checksum(payload, len(payload))))

    worker = threading.Thread(target=thread_worker, daemon=True)
    worker.start()
    try:
        for size in sizes:
            payload = shared["payload"] = make_payload(size)

            def round_trip(seq):
                payload[0] = seq & 255
                inbox.put(seq)
                check("shared-object", size, outbox.get(), (seq, checksum(payload, size)))

            yield "python-threading", "shared-object", size, time_round_trips(size, round_trip, budget)
    finally:
        inbox.put(None)
        worker.join(5)


MEASURES = {
    "queue-pickle": measure_queue,
    "shared-memory": measure_shared_memory,
    "shared-object": measure_shared_object,
}


def main():
    """Measures what the request on stdin asks for; returns the exit code."""
    request = json.loads(sys.stdin.readline())
    try:
        for mode in request["modes"]:
            for model, measured_mode, size, times in MEASURES[mode](request["sizes"], request["budget"]):
                emit({"type": "row", "model": model, "mode": measured_mode, "bytes": size,
                      "roundTripsMs": times})
        emit({"type": "done"})
    except Exception as error:  # one line the engine can show, whatever went wrong
        emit({"type": "error", "message": "%s: %s" % (type(error).__name__, error)})
        return 1
    return 0
