"""Writing that fails cleanly: a full disk or a file-size limit is one line, not a traceback.

Every write of the command line and the batch goes through here or raises :class:`WriteError`:
the temporary file of an atomic write is removed, and the error names the file and the cause
(``out/a.xml: cannot write: No space left on device``). Such an error ends the run, since every
later write would fail alike; what was written before it stays, recorded, so that a rerun once
there is room skips it and completes the rest. A short write to standard output is an error
too, never a cut item that looks whole.
"""

from __future__ import annotations

import errno
import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import IO, TypeVar

__all__ = ["WriteError", "ignore_file_size_signal", "reporting", "write_stream"]

Result = TypeVar("Result")


class WriteError(Exception):
    """A file could not be written (disk full, size limit, permissions): the run stops."""

    def __init__(self, name: str, cause: str) -> None:
        super().__init__(name, cause)
        self.name = name
        self.cause = cause

    def __str__(self) -> str:
        return f"{self.name}: cannot write: {self.cause}"

    @classmethod
    def of(cls, name: str | Path, error: BaseException) -> WriteError:
        cause = getattr(error, "strerror", None) or str(error) or type(error).__name__
        return cls(str(name), cause)


def reporting(
    name: str | Path, errors: tuple[type[BaseException], ...], write: Callable[[], Result]
) -> Result:
    """``write()``, with the ``errors`` it raises as a :class:`WriteError` naming ``name``."""
    try:
        return write()
    except errors as error:
        raise WriteError.of(name, error) from error


def write_stream(stream: IO[bytes], data: bytes, name: str = "standard output") -> None:
    """Write all of ``data`` to ``stream`` and flush it, or raise :class:`WriteError`.

    A stream with a file descriptor is written with ``os.write`` until every byte is out, so a
    short write (the last bytes under a size limit, a full disk) cannot go unnoticed. A broken
    pipe stays a :class:`BrokenPipeError`: the reader went away, which is not a fault.
    """
    try:
        stream.flush()
        try:
            descriptor = stream.fileno()
        except (AttributeError, OSError, ValueError):  # a stream of a test, an io.BytesIO
            stream.write(data)
            stream.flush()
            return
        view = memoryview(data)
        while view:
            written = os.write(descriptor, view)
            if written <= 0:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            view = view[written:]
    except BrokenPipeError:
        raise
    except OSError as error:
        raise WriteError.of(name, error) from error


def ignore_file_size_signal() -> None:
    """Make a file-size limit an error of the write that meets it (EFBIG), not a kill by
    SIGXFSZ that would leave a temporary file and say nothing."""
    if hasattr(signal, "SIGXFSZ"):
        try:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        except ValueError:  # not the main thread: leave the process's disposition alone
            pass
