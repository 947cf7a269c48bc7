"""The pipeline's producers' schedule and each participant's tally (emit-schedule.ts and
pipeline-tally.ts of src/shared/pipeline)."""

from .measure import mono_ms, now_ms

TALLY_INTERVAL_MS = 50


class EmitSchedule:
    """EmitSchedule of emit-schedule.ts: a fixed rate that makes up a late wake-up but does
    not burst to catch up after the queue held the producer back."""

    def __init__(self, interval_ms):
        self.interval_ms = interval_ms
        self.next_ms = mono_ms()

    def wait_ms(self):
        return max(0.0, self.next_ms - mono_ms())

    def advance(self):
        self.next_ms += self.interval_ms
        now = mono_ms()
        if now - self.next_ms > self.interval_ms:
            self.next_ms = now


class ProducerCounter:
    """ProducerCounter of pipeline-tally.ts, plus the deepest queue this producer saw."""

    def __init__(self, index):
        self.index = index
        self.produced = 0
        self.blocked_ms = 0.0
        self.idle_ms = 0.0
        self.max_depth = 0
        self.last_flush_ms = mono_ms()

    def record_put(self, blocked_ms, depth):
        self.produced += 1
        self.blocked_ms += blocked_ms
        if depth > self.max_depth:
            self.max_depth = depth

    def is_due(self):
        return mono_ms() - self.last_flush_ms >= TALLY_INTERVAL_MS

    def take(self, is_final):
        tally = {
            "role": "producer",
            "index": self.index,
            "produced": self.produced,
            "blockedMs": self.blocked_ms,
            "lockWaitMs": 0,
            "idleMs": self.idle_ms,
            "messagingMs": 0,
            "isFinal": is_final,
        }
        self.produced = 0
        self.blocked_ms = 0.0
        self.idle_ms = 0.0
        self.last_flush_ms = mono_ms()
        return {"type": "tally", "tally": tally, "maxDepth": self.max_depth}


class ConsumerCounter:
    """ConsumerCounter of pipeline-tally.ts: counts, (producer, seq) pairs for the engine's
    exactly-once check, latencies, and this consumer's own check of each producer's order."""

    def __init__(self, index):
        self.index = index
        self.last_seq = {}
        self.reset()
        self.last_flush_ms = mono_ms()

    def reset(self):
        self.idle_ms = 0.0
        self.consumed = 0
        self.events = []
        self.latencies_ms = []
        self.out_of_order = 0
        self.digest = 0

    def record(self, producer, seq, send_epoch_ms, digest):
        last = self.last_seq.get(producer)
        if last is not None and seq <= last:
            self.out_of_order += 1
        self.last_seq[producer] = seq
        self.consumed += 1
        self.events.append(producer)
        self.events.append(seq)
        self.latencies_ms.append(now_ms() - send_epoch_ms)
        self.digest ^= digest

    def has_pending(self):
        return self.consumed > 0

    def is_due(self):
        return mono_ms() - self.last_flush_ms >= TALLY_INTERVAL_MS

    def take(self, is_final):
        tally = {
            "role": "consumer",
            "index": self.index,
            "consumed": self.consumed,
            "events": self.events,
            "latenciesMs": self.latencies_ms,
            "outOfOrder": self.out_of_order,
            "lockWaitMs": 0,
            # Time in get while the queue was empty: the engine's thread-state split.
            "idleMs": self.idle_ms,
            "messagingMs": 0,
            "digest": self.digest,
            "isFinal": is_final,
        }
        self.reset()
        self.last_flush_ms = mono_ms()
        return {"type": "tally", "tally": tally}
