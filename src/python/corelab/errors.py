"""Errors as the engine reads them: LabError codes of src/shared/errors.ts."""

import traceback


class LabError(Exception):
    """An expected failure with one of the LabErrorCode values of src/shared/errors.ts."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def serialize_error(error):
    """The SerializedError shape of src/shared/errors.ts."""
    if isinstance(error, LabError):
        name, code = "LabError", error.code
    else:
        name, code = type(error).__name__, "io" if isinstance(error, OSError) else "task-failed"
    stack = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return {"name": name, "message": str(error) or name, "code": code, "stack": stack}


def fatal_line(error):
    """The `fatal` line: the run cannot go on, for the reason of `error`."""
    return {"type": "fatal", "error": serialize_error(error)}


def check_fields(message, checks):
    """Checks an `init` line's fields as the engine's schema does; `checks` are
    (name, is_valid, rule) and the first that fails is refused by name."""
    for name, is_valid, rule in checks:
        if not is_valid(message.get(name)):
            raise LabError("invalid-argument", "init.%s must be %s" % (name, rule))


def is_positive_int(value):
    return isinstance(value, int) and value >= 1


def is_non_negative_int(value):
    return isinstance(value, int) and value >= 0


def one_of(names):
    """A check that the value is one of `names`, and its rule's words."""
    return lambda value: value in names, "one of " + ", ".join(names)
