"""The entry: the first line on stdin says which program this process is."""

import json
import sys

from .ending import exit_process
from .errors import LabError, fatal_line
from .wire import STDIN, Output


def read_init():
    """The `init` line; a LabError says it is not one."""
    try:
        config = json.loads(STDIN.readline() or b"null")
    except ValueError:
        config = None
    if not isinstance(config, dict) or config.get("type") != "init":
        raise LabError("invalid-argument", "the first line must be an init message")
    return config


def main():
    """Runs the program the `init` line asks for and returns the exit code. Each mode's
    module is imported only when it runs, so a run's start-up is its own."""
    try:
        config = read_init()
    except LabError as error:
        Output("").send(fatal_line(error))
        return 2
    mode = config.get("mode")
    if mode == "pipeline":
        from .pipeline import run_pipeline

        return run_pipeline(config)
    if mode == "live":
        from .live import run_live

        return run_live(config)
    from .comparison import run_comparison

    return run_comparison(config)


def run():
    """`python -I <app> [messages]`: the message explorer, or the worker of one run."""
    if sys.argv[1:] == ["messages"]:
        from .messages import main as explore_messages

        sys.exit(explore_messages())
    exit_process(main())
