"""`fopegui-cli`: the engine for scripts and batch work (see shared CONTRACT.md)."""

from __future__ import annotations

import argparse
import importlib
import io
import os
import signal
import sys

from fopegui import __version__
from fopegui.commands import SUMMARIES

# Sub-command modules in fopegui.commands; each has add_parser(subparsers) and run(args) -> int.
COMMANDS = tuple(SUMMARIES)
# First words answered by the top-level parser alone: its commands need only their summaries.
_TOP_LEVEL_ONLY = frozenset(("-h", "--help", "--version"))

# Standard output closed by the reader (`| head`): the status a shell reports for a program
# SIGPIPE stops (128 + 13), as `cat` gives. Python's signal docs suggest 1, but 1 already
# means "listed" (dnsbl) and "a file could not be read" (analyze) here.
BROKEN_PIPE_EXIT = 128 + getattr(signal, "SIGPIPE", 13)
# A failure the command could not report itself (the output could not be written: full disk,
# quota, I/O error; a path the system refuses): 1 = error, except where a command gives 1 a
# meaning of its own: dnsbl's 1 is "listed", so its failures say 3, "inconclusive".
FAILED_EXIT = {"dnsbl": 3}


class OutputError(OSError):
    """Standard output refused bytes (ENOSPC, EFBIG, EIO …)."""


class _WholeWrites(io.RawIOBase):
    """File descriptor 1, whose write() writes every byte or raises.

    CPython's BufferedWriter returns a short count when the system writes part of a large
    block, and TextIOWrapper drops the rest silently: on a full disk `analyze > out.json`
    ended cut off with status 0. Writing in a loop turns the short write into the error that
    the next write reports."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self._fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return os.isatty(self._fd)

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(data).cast("B")
        done = 0
        while done < len(view):
            try:
                done += os.write(self._fd, view[done:])
            except BrokenPipeError:
                raise
            except OSError as err:
                raise OutputError(err.errno, err.strerror) from None
        return done


def _whole_writes_stdout() -> None:
    """Route standard output through :class:`_WholeWrites` when it is a file or a pipe (a
    terminal keeps Python's own stream: the Windows console needs it for Unicode)."""
    out = sys.stdout
    if out is not sys.__stdout__ or out is None:
        return  # replaced by the caller (tests capture output): leave it alone
    try:
        fd = out.fileno()
        if os.isatty(fd):
            return
        out.flush()
    except (OSError, ValueError):
        return
    buffered = io.BufferedWriter(_WholeWrites(fd))
    sys.stdout = io.TextIOWrapper(
        buffered, encoding=out.encoding, errors=out.errors, line_buffering=out.line_buffering
    )


def _discard_stdout() -> None:
    """After a failed write nothing more can reach standard output: point it at the null
    device, so the flush at exit neither fails again nor prints "Exception ignored"."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):
        pass


def build_parser(
    command: str | None = None, *, summaries_only: bool = False
) -> argparse.ArgumentParser:
    """The whole parser, or with ``command`` only that sub-command's: each sub-command module
    imports what it runs (dnsbl brings dnspython and asyncio, a third of the start-up time of
    `analyze`), and a parser is only asked about the command it was given. With
    ``summaries_only`` the commands are listed by name and summary and none is imported:
    enough for ``--help`` and ``--version``."""
    parser = argparse.ArgumentParser(
        prog="fopegui-cli",
        description="Analyse Microsoft FOPE / EOP filtering headers, check DNS blacklists, "
        "prepare false-positive submissions.",
    )
    parser.add_argument("--version", action="version", version=f"fopegui {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS if command is None else (command,):
        if summaries_only:
            subparsers.add_parser(name, help=SUMMARIES[name])
        else:
            importlib.import_module(f"fopegui.commands.{name}").add_parser(subparsers)
    return parser


# Commands after which the process ends at once, without the interpreter's teardown (freeing
# every module and object: 10-12 ms, about 2 % of `analyze` over a folder of a thousand
# messages): their output is written by then and their files closed. Exit handlers still run.
QUICK_EXIT = frozenset(("analyze", "triage"))


def entry() -> int:
    """The console script (and ``python -m fopegui.cli``): :func:`main` in its own process."""
    try:
        status = main()
    except KeyboardInterrupt:  # Ctrl+C while the command is still being set up (its imports)
        status = 130
    if sys.argv[1:2] and sys.argv[1] in QUICK_EXIT:
        _end_now(status)
    return status


def _end_now(status: int) -> None:
    """End the process with ``status`` once exit handlers have run and the standard streams
    are flushed; if a stream will not flush, return (the usual exit reports it)."""
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            return
    os._exit(status)


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    if words and words[0] in COMMANDS:
        parser = build_parser(words[0])
    else:  # usage, --help, --version: summaries do; anything else gets the whole parser's error
        parser = build_parser(summaries_only=not words or words[0] in _TOP_LEVEL_ONLY)
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_usage(sys.stderr)
        return 2
    module = importlib.import_module(f"fopegui.commands.{args.command}")
    _whole_writes_stdout()
    failed = FAILED_EXIT.get(args.command, 1)
    try:
        status = module.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _discard_stdout()
        return BROKEN_PIPE_EXIT
    except OSError as err:  # a clear sentence, never a traceback (e.g. ENAMETOOLONG)
        _report_os_error(err)
        return failed
    except RuntimeError as err:
        if not _worker_lost(err):
            raise
        print("fopegui-cli: a worker process ended abruptly (killed, or the system ran out of "
              "memory); the output is incomplete", file=sys.stderr)  # fmt: skip
        return failed
    try:
        sys.stdout.flush()  # what is still buffered must arrive before a status says "done"
    except BrokenPipeError:
        _discard_stdout()
        return BROKEN_PIPE_EXIT
    except OSError as err:
        _report_os_error(err, quiet=status != 0)  # a failing command has said why already
        return status or failed
    return status


def _worker_lost(err: RuntimeError) -> bool:
    """A process pool's worker died; looked up only when a pool was used, so that the
    commands without one do not import it."""
    pool = sys.modules.get("fopegui.core.pool")
    return pool is not None and pool.worker_lost(err)


def _report_os_error(err: OSError, quiet: bool = False) -> None:
    if isinstance(err, OutputError):
        _discard_stdout()
        message = f"cannot write the output: {err.strerror}"
    else:
        from fopegui.core.visible import printable  # the file name is the user's, or a stranger's

        where = f"{printable(err.filename)}: " if err.filename else ""
        message = f"{where}{err.strerror or err}"
    if not quiet:
        print(f"fopegui-cli: {message}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(entry())
