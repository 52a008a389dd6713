"""`fopegui-cli analyze` over a folder of real mail vs a bare standard-library parser loop over
the same files, and per message vs decode-spam-headers (mgeeky), all in the same run.

1. Whole processes, interleaved: `fopegui-cli analyze --format jsonl FOLDER` and a bare
   `BytesHeaderParser` loop reading the same files (goal, issue 16: ratio ≤ 2).
2. Per message: decode-spam-headers run on a sample of the files, one process per file as
   it is used, cut off from the network (`unshare -n`: it would otherwise look up the
   tenant of Microsoft mail online); against fopegui's per-message time in a batch and in
   one process per file (goal: ≥ 100× faster).

    python benchmarks/bench_analyze_real.py FOLDER [--dsh PATH/decode-spam-headers.py
        --dsh-python PATH/python] [--sample 20] [--repeat 5]

FOLDER holds real messages (e.g. the 1,337 linux-hyperv list messages with Microsoft stamps
that ../shared/tools/extract-list-archive writes); nothing of it is committed. The
decode-spam-headers checkout and its virtual environment live outside the repository.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from procs import ensure_bytecode, other_checkout, report, side_by_side

REPO = Path(__file__).resolve().parent.parent
BARE = """
import os, sys
from email import policy
from email.parser import BytesHeaderParser
parser = BytesHeaderParser(policy=policy.compat32)
for root, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for name in sorted(files):
        with open(os.path.join(root, name), "rb") as handle:
            parser.parsebytes(handle.read())
"""


def files_of(folder: str) -> list[str]:
    return sorted(str(p) for p in Path(folder).rglob("*") if p.is_file())


def per_process(
    argv_of: Callable[[str], list[str]], files: list[str], env: dict[str, str]
) -> float:
    """Median wall seconds of one process per file."""
    walls = []
    for path in files:
        start = time.perf_counter()
        subprocess.run(argv_of(path), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=env, check=False)  # fmt: skip
        walls.append(time.perf_counter() - start)
    return statistics.median(walls)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default=os.environ.get("FOPEGUI_BENCH_FOLDER"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--dsh", help="decode-spam-headers.py (a checkout outside the repository)")
    ap.add_argument("--dsh-python", default=sys.executable, help="the Python it runs with")
    ap.add_argument("--sample", type=int, default=20, help="files to run it on")
    ap.add_argument("--compare", metavar="CHECKOUT",
                    help="also run the same command from this checkout of fopegui (e.g. the "
                         "commit before a change, unpacked outside the repository)")
    args = ap.parse_args()
    if not args.folder or not Path(args.folder).is_dir():
        ap.error("give a folder of real messages (or set FOPEGUI_BENCH_FOLDER)")
    py = sys.executable
    ensure_bytecode(REPO / "fopegui")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    files = files_of(args.folder)
    print(f"folder: {args.folder}, {len(files):,} files; {args.repeat} runs each, interleaved; "
          f"{os.cpu_count()} cores")  # fmt: skip
    commands = {
        "bare BytesHeaderParser loop": [py, "-c", BARE, args.folder],
        "fopegui-cli analyze --format jsonl": [
            py, "-m", "fopegui.cli", "analyze", "--format", "jsonl", args.folder
        ],
    }
    if args.compare:
        ours = commands["fopegui-cli analyze --format jsonl"]
        commands[f"the same, from {args.compare}"] = other_checkout(ours, args.compare)
    runs = side_by_side(commands, args.repeat, env=env)
    report(runs, "bare BytesHeaderParser loop", goal=2.0)
    batch = runs["fopegui-cli analyze --format jsonl"].wall / len(files)
    if not args.dsh:
        return 0
    if shutil.which("unshare") is None:
        print("decode-spam-headers: not run (unshare is needed to keep it off the network)")
        return 0
    sample = files[:: max(len(files) // args.sample, 1)][: args.sample]
    dsh = per_process(
        lambda p: ["unshare", "-n", args.dsh_python, args.dsh, "-R", "-N", "-f", "json", p],
        sample, env={**os.environ},
    )  # fmt: skip
    ours_single = per_process(lambda p: [py, "-m", "fopegui.cli", "analyze", "--format", "json",
                                         p], sample, env)  # fmt: skip
    print(f"per message, median over {len(sample)} files:")
    print(f"  decode-spam-headers (one process per file, no network)  {dsh * 1000:8.1f} ms")
    print(f"  fopegui-cli analyze, one process per file               {ours_single * 1000:8.1f} ms"
          f"  ({dsh / ours_single:.1f}× faster)")  # fmt: skip
    print(f"  fopegui-cli analyze, per message of the folder batch    {batch * 1000:8.2f} ms"
          f"  ({dsh / batch:.0f}× faster; goal ≥ 100)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
