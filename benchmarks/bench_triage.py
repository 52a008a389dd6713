"""`fopegui-cli triage` of a real mbox vs a bare standard-library loop over the same file.

Both are whole processes, run interleaved in the same run; the figure is the ratio of the
median wall times (goal ≤ 1.5, issue 16) and the peak resident memory of each process tree
(the mbox is streamed: memory must not grow with the file).

    python benchmarks/bench_triage.py MBOX [--repeat 5] [--jobs N]
    FOPEGUI_BENCH_MBOX=/path/to/list.mbox python benchmarks/bench_triage.py

The mbox is real mail, never committed: e.g. the linux-hyperv list archive written as an
mbox by benchmarks/make_mbox.py (26,431 messages, about 270 MB).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from procs import ensure_bytecode, other_checkout, report, side_by_side

REPO = Path(__file__).resolve().parent.parent

# The baseline: what any script would do with the standard library alone.
BARE = """
import mailbox, sys
from email import policy
from email.parser import BytesHeaderParser
parser = BytesHeaderParser(policy=policy.compat32)
box = mailbox.mbox(sys.argv[1], create=False)
count = 0
for key in box.iterkeys():
    parser.parsebytes(box.get_bytes(key))
    count += 1
print(count)
"""
# The same loop as people often write it: iterating the mailbox parses each whole message.
BARE_ITER = """
import mailbox, sys
count = 0
for message in mailbox.mbox(sys.argv[1], create=False):
    count += 1
print(count)
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mbox", nargs="?", default=os.environ.get("FOPEGUI_BENCH_MBOX"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--format", default="csv", choices=("csv", "jsonl"))
    ap.add_argument("--compare", metavar="CHECKOUT",
                    help="also run the same command from this checkout of fopegui (e.g. the "
                         "commit before a change, unpacked outside the repository)")
    args = ap.parse_args()
    if not args.mbox or not Path(args.mbox).is_file():
        ap.error("give an mbox file (or set FOPEGUI_BENCH_MBOX)")
    py = sys.executable
    ensure_bytecode(REPO / "fopegui")
    triage = [py, "-m", "fopegui.cli", "triage", "--format", args.format, args.mbox]
    if args.jobs:
        triage[4:4] = ["--jobs", str(args.jobs)]
    commands = {
        "bare mailbox.mbox + BytesHeaderParser": [py, "-c", BARE, args.mbox],
        "bare iteration of mailbox.mbox": [py, "-c", BARE_ITER, args.mbox],
        f"fopegui-cli triage --format {args.format}": triage,
    }
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    size = Path(args.mbox).stat().st_size
    print(f"mbox: {args.mbox}, {size / 2**20:.0f} MiB; {args.repeat} runs each, interleaved; "
          f"{os.cpu_count()} cores")  # fmt: skip
    if args.compare:
        commands[f"the same, from {args.compare}"] = other_checkout(triage, args.compare)
    runs = side_by_side(commands, args.repeat, watch_memory=True, env=env)
    report(runs, "bare mailbox.mbox + BytesHeaderParser", goal=1.5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
