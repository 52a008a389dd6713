"""Write a public-inbox style list archive mirror (one message per commit, file `m`) as one
mbox file, streamed: the benchmarks' real-mail mbox (e.g. the 26,431 messages of
linux-hyperv, about 270 MB). For measuring only: never commit the result.

    python benchmarks/make_mbox.py MIRROR_GIT_DIR OUT.mbox [--limit N]

Each message gets a ``From `` separator line (sender and date from its own headers where
they parse, as mbox writers do) and body lines starting with ``From `` are quoted with ``>``
(mboxo, what the standard library's ``mailbox.mbox`` writes and reads back).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import threading
import time
from email.utils import parsedate_tz

_FROM_LINE = re.compile(rb"^From ", re.M)
_ADDRESS = re.compile(rb"<([^<>\s]+@[^<>\s]+)>|([^<>\s\"]+@[^<>\s\"]+)")


def _separator(message: bytes) -> bytes:
    head = message.split(b"\n\n", 1)[0]
    sender, when = b"MAILER-DAEMON", time.gmtime(0)
    for line in head.split(b"\n"):
        low = line[:6].lower()
        if low == b"from: " and sender == b"MAILER-DAEMON":
            m = _ADDRESS.search(line)
            if m:
                sender = m.group(1) or m.group(2)
        elif low == b"date: ":
            parsed = parsedate_tz(line[6:].decode("latin-1"))
            if parsed:
                when = time.struct_time((*parsed[:6], 0, 1, -1))
    return b"From " + sender + b" " + time.strftime("%a %b %d %H:%M:%S %Y", when).encode() + b"\n"


def write_mbox(mirror: str, out: str, limit: int = 0) -> int:
    commits = subprocess.run(
        ["git", "-C", mirror, "log", "--format=%H:m"], capture_output=True, check=True
    ).stdout
    proc = subprocess.Popen(
        ["git", "-C", mirror, "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )

    def feed() -> None:  # in a thread: git blocks on stdout while we have not read it yet
        try:
            proc.stdin.write(commits)
            proc.stdin.close()
        except BrokenPipeError:
            pass

    threading.Thread(target=feed, daemon=True).start()
    count = 0
    with open(out, "wb") as mbox:
        while True:
            head = proc.stdout.readline()
            if not head:
                break
            parts = head.split()
            if parts[-1] == b"missing":
                continue
            body = proc.stdout.read(int(parts[2]))
            proc.stdout.read(1)
            body = body.replace(b"\r\n", b"\n")
            mbox.write(_separator(body))
            mbox.write(_FROM_LINE.sub(b">From ", body))
            mbox.write(b"\n" if body.endswith(b"\n") else b"\n\n")
            count += 1
            if limit and count >= limit:
                break
    proc.stdout.close()
    proc.kill()
    proc.wait()
    return count


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mirror")
    ap.add_argument("out")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    count = write_mbox(args.mirror, args.out, args.limit)
    print(f"{count} messages written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
