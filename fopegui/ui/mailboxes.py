"""Which files given to a window are named as messages, which as mailboxes, and which are
mailbox files (an mbox of several messages, a .pst): those open in the triage window."""

from __future__ import annotations

from collections.abc import Iterable

MESSAGE_SUFFIXES = (".eml", ".msg", ".txt", ".hdr", ".headers")
MAILBOX_SUFFIXES = (".mbox", ".mbx", ".pst", ".ost")


def mailbox_files(paths: Iterable[str]) -> list[str]:
    """The mailbox files among ``paths``, in order (core.containers.mailbox_file). Files named
    as messages are not opened to look: on the GUI thread that costs about 60 µs a file, half
    a second for a dropped folder of 8,000. One that is an mbox all the same is read as its
    first message, with a finding that says so."""
    from fopegui.core.containers import mailbox_file  # with the first file, not at start

    return [path for path in paths if not path.lower().endswith(MESSAGE_SUFFIXES)
            and mailbox_file(path)]  # fmt: skip
