"""The JSON-lines wire: the engine's lines on stdin, ours on stdout."""

import json
import os
import threading

# What the end of stdin means to a run: the engine is gone, so stop now, keeping nothing.
END_OF_INPUT = {"type": "stop", "force": True}


class LineReader:
    """Reads lines from stdin's file descriptor without Python's buffered reader: a daemon
    thread blocked in sys.stdin would hold its lock while the interpreter shuts down."""

    def __init__(self):
        self.pending = b""

    def read_lines(self):
        """The whole lines one read brings (after a select said stdin is readable), or None
        once stdin has ended."""
        chunk = os.read(0, 65536)
        if not chunk:
            return None
        self.pending += chunk
        return self.take_lines()

    def take_lines(self):
        """The whole lines already read (by readline, say), leaving any partial one."""
        *lines, self.pending = self.pending.split(b"\n")
        return lines

    def readline(self):
        """The next line, or b"" once stdin has ended."""
        while b"\n" not in self.pending:
            chunk = os.read(0, 65536)
            if not chunk:
                line, self.pending = self.pending, b""
                return line
            self.pending += chunk
        line, _, self.pending = self.pending.partition(b"\n")
        return line + b"\n"


STDIN = LineReader()


def messages_of(lines):
    """The engine's lines as dicts; a line that is not a JSON object is skipped."""
    for line in lines:
        try:
            message = json.loads(line)
        except ValueError:
            continue
        if isinstance(message, dict):
            yield message


def watch_stdin(on_message):
    """Hands each message from the engine to on_message on a thread of its own, and
    END_OF_INPUT once stdin ends; stops watching when on_message returns True."""

    def watch():
        while True:
            line = STDIN.readline()
            if not line:
                break
            for message in messages_of([line]):
                if on_message(message):
                    return
        on_message(END_OF_INPUT)

    threading.Thread(target=watch, name="corelab-stdin", daemon=True).start()


class Output:
    """Writes JSON lines to stdout, each whole in one hold of `lock`, from any thread; with a
    multiprocessing lock, from any process of the run, so their lines never interleave."""

    def __init__(self, run_id, lock=None):
        self.run_id = run_id  # None: lines without a runId (the live host's)
        self.lock = lock or threading.Lock()
        self.is_closed = False

    def send(self, message):
        data = self._encode(message)
        with self.lock:
            if not self.is_closed:
                self._write(data)

    def close(self):
        """Refuses every later send; True for the one caller that closed it."""
        with self.lock:
            was_open = not self.is_closed
            self.is_closed = True
            return was_open

    def write_last(self, message):
        """Writes the closing message, after close()."""
        data = self._encode(message)
        with self.lock:
            self._write(data)

    def close_with(self, message):
        """Writes the last message, unless a stop racing a finishing run closed it first.
        One hold of the lock: a stop that finds it closed knows `done` is fully written."""
        data = self._encode(message)
        with self.lock:
            if not self.is_closed:
                self.is_closed = True
                self._write(data)

    def _encode(self, message):
        # Outside the lock: a consumer's tally can be long, and other processes wait on it.
        if self.run_id is not None:
            message["runId"] = self.run_id
        return (json.dumps(message, separators=(",", ":")) + "\n").encode()

    def _write(self, data):
        try:
            # Straight to fd 1: no buffer that a forked child could inherit and write again.
            while data:
                data = data[os.write(1, data) :]
        except OSError:
            # The engine is gone; its end of stdin closes too, and the stdin watcher ends
            # the run. Nothing more can be said.
            self.is_closed = True
