"""Pool processes as both process hosts start and watch them (the comparison runner's pool
and the live host's): started with a Pipe, tied to their parent, and described at exit."""

import os
import signal
import sys


def die_with_parent():
    """On Linux, asks the kernel to SIGKILL this process when its parent dies."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # best effort: the getppid check between messages still catches an orphan


def parent_inbox(conn):
    """In a pool process: ties it to its parent and returns a function that gives the next
    message from the parent over `conn`, or None once the pipe has closed or the parent
    died (an orphan must not go on computing)."""
    die_with_parent()
    # The parent as it is now (our main process, or the forkserver): it changes if it dies.
    parent_pid = os.getppid()

    def receive():
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return None
        return message if os.getppid() == parent_pid else None

    return receive


def start_with_pipe(context, target, index, *args):
    """Starts target(index, conn, *args) in a daemonic process of `context` (multiprocessing
    terminates those if this process exits normally); returns it and our end of the Pipe."""
    parent_conn, child_conn = context.Pipe()
    process = context.Process(
        target=target,
        args=(index, child_conn) + args,
        name="corelab-worker-%d" % index,
        daemon=True,
    )
    process.start()
    child_conn.close()
    return process, parent_conn


def drain(conn, handle):
    """Hands `handle` everything the process sent, even after it died: its last answer
    counts. Returns once nothing is waiting or the pipe has closed (it exited)."""
    try:
        while conn.poll():
            handle(conn.recv())
    except (EOFError, OSError):
        pass  # the pipe closed: it exited; its sentinel says how


def exit_status(exitcode):
    """(code, signal name) of a process's exitcode: a negative one is the signal's number."""
    if exitcode is None or exitcode >= 0:
        return exitcode, None
    try:
        return None, signal.Signals(-exitcode).name
    except ValueError:
        return None, "signal %d" % -exitcode


def describe_exit(exitcode):
    """'was killed by SIGKILL' or 'exited with code 1', as run-pool.ts words it."""
    code, signal_name = exit_status(exitcode)
    if signal_name is not None:
        return "was killed by %s" % signal_name
    return "exited with code %s" % code
