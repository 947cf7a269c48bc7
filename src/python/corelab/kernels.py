"""The workloads' kernels: exact ports of src/shared/workloads/*.ts and the pipeline's
src/shared/pipeline/pipeline-event.ts and pipeline-work.ts.

The same 32-bit arithmetic (Math.imul becomes (a * b) & 0xFFFFFFFF, >>> 0 becomes
& 0xFFFFFFFF), the same mulberry32 bytes and the same double-precision order of operations,
so every task's checksum equals the JavaScript one and a run is verified against the same
reference.
"""

import struct

M32 = 0xFFFFFFFF

# --- checksums (checksum.ts, prng.ts) ---------------------------------------------------------


def imul(a, b):
    """Math.imul on unsigned 32-bit patterns."""
    return (a * b) & M32


def mix32(value):
    """murmur3's finaliser on 32 bits, as mix32 in checksum.ts."""
    h = value & M32
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & M32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & M32
    h ^= h >> 16
    return h


def fnv1a(data):
    """FNV-1a over bytes, as fnv1a in checksum.ts."""
    h = 0x811C9DC5
    for byte in data:
        h = ((h ^ byte) * 0x01000193) & M32
    return h


def mulberry32_word(state):
    """One mulberry32 step of prng.ts: (the next state, its 32-bit output)."""
    state = (state + 0x6D2B79F5) & M32
    t = imul(state ^ (state >> 15), 1 | state)
    t = ((t + imul(t ^ (t >> 7), 61 | t)) & M32) ^ t
    return state, (t ^ (t >> 14)) & M32


def deterministic_bytes(seed, size):
    """The mulberry32 byte stream of prng.ts: each 32-bit output written little-endian."""
    state = seed & M32
    words = []
    # mulberry32_word inlined: a call per word makes this loop about a third slower.
    for _ in range((size + 3) // 4):
        state = (state + 0x6D2B79F5) & M32
        t = ((state ^ (state >> 15)) * (1 | state)) & M32
        t = ((t + (((t ^ (t >> 7)) * (61 | t)) & M32)) & M32) ^ t
        words.append(t ^ (t >> 14))
    return struct.pack("<%dI" % len(words), *words)[:size]


# --- cpu.primes (primes.ts) -------------------------------------------------------------------


def is_prime_by_trial_division(n):
    if n < 2:
        return False
    if n < 4:
        return True
    if n % 2 == 0:
        return False
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True


def count_primes_by_trial_division(start, end):
    count = 0
    for n in range(start, end):
        if is_prime_by_trial_division(n):
            count += 1
    return count


PRIME_BLOCK = 512  # primes.ts: blocks dealt round-robin so every task costs about the same


def count_primes_of_task(limit, task_index, task_count):
    count = 0
    for start in range(task_index * PRIME_BLOCK, limit, task_count * PRIME_BLOCK):
        count += count_primes_by_trial_division(start, min(start + PRIME_BLOCK, limit))
    return count


# --- cpu.hash (hash.ts) -------------------------------------------------------------------------


def hash_round(buffer, previous_digest):
    h = (0x811C9DC5 ^ previous_digest) & M32
    for byte in buffer:
        h = ((h ^ byte) * 0x01000193) & M32
    return mix32(h)


def chained_hash(task_index, buffer_bytes, rounds):
    buffer = deterministic_bytes(mix32(task_index + 1), buffer_bytes)
    digest = task_index & M32
    for _ in range(rounds):
        digest = hash_round(buffer, digest)
    return digest


# --- cpu.mandelbrot (mandelbrot.ts) -----------------------------------------------------------

X_MIN, X_SPAN, Y_MIN, Y_SPAN = -2.5, 3.5, -1.3125, 2.625


def escape_iterations(cx, cy, max_iterations):
    x = 0.0
    y = 0.0
    iterations = 0
    while iterations < max_iterations and x * x + y * y <= 4:
        next_x = x * x - y * y + cx
        y = 2 * x * y + cy
        x = next_x
        iterations += 1
    return iterations


def mandelbrot_rows(width, height, max_iterations, task_index, task_count):
    # mandelbrot.ts: rows task_index, +T, +2T, ... so every task costs about the same
    acc = 0x811C9DC5
    for row in range(task_index, height, task_count):
        cy = Y_MIN + (Y_SPAN * row) / height
        for col in range(width):
            cx = X_MIN + (X_SPAN * col) / width
            acc = ((acc ^ escape_iterations(cx, cy, max_iterations)) * 0x01000193) & M32
    return mix32(acc)


# --- io.* and mixed (sleep.ts, file.ts, http.ts, mixed.ts) -------------------------------------


def sleep_checksum(task_index):
    return mix32(task_index ^ 0x51EE9)


def file_contents(task_index, size):
    return deterministic_bytes(mix32(task_index ^ 0xF11E0000), size)


def http_path(task_index, size, latency_ms):
    return "/data/%d?bytes=%d&latencyMs=%d" % (task_index, size, latency_ms)


MIXED_BUFFER_BYTES = 64 * 1024


def mixed_checksum(task_index, rounds):
    digest = chained_hash(task_index, MIXED_BUFFER_BYTES, rounds)
    return mix32(digest ^ ((task_index * 0x9E3779B1) & M32))


# --- the pipeline's events and work (pipeline-event.ts, pipeline-work.ts) -----------------------

WALK_STEP_MAX = 10
WALK_MAX = 255
PIPELINE_MIXES_PER_ROUND = 96


class RandomWalk:
    """createRandomWalk of pipeline-event.ts: mulberry32 seeded from (seed, producer),
    each value within ±10 of the last, clamped to 0..255."""

    def __init__(self, seed, producer):
        self.state = mix32((seed ^ imul(producer + 1, 0x9E3779B1)) & M32)
        self.value = self.next_word() % (WALK_MAX + 1)
        self.is_first = True

    def next_word(self):
        self.state, word = mulberry32_word(self.state)
        return word

    def next(self):
        if self.is_first:
            self.is_first = False
            return self.value
        step = (self.next_word() % (2 * WALK_STEP_MAX + 1)) - WALK_STEP_MAX
        self.value = min(WALK_MAX, max(0, self.value + step))
        return self.value


def pipeline_work(value, rounds):
    """pipelineWork of pipeline-work.ts: `rounds` rounds of 96 chained mix32 calls."""
    h = value & M32
    for _ in range(rounds):
        for i in range(PIPELINE_MIXES_PER_ROUND):
            h = mix32(h + i)
    return h
