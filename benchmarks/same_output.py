"""Check that a speed change changed no output: `fopegui-cli analyze` in json and jsonl, English
and Japanese, over folders of real mail, byte for byte against outputs saved before the change.

    python benchmarks/same_output.py save OUTDIR FOLDER...     # before the change
    python benchmarks/same_output.py check OUTDIR FOLDER...    # after it: exit 1 on a difference

OUTDIR lives outside the repository (e.g. /tmp): the outputs hold the messages' headers.
The only value that may differ between runs is ``parse_ms`` (a timing); it is blanked before
saving and comparing. Standard error and the exit status are compared too.

With ``--jsonl-as-data`` (given to both save and check) each jsonl line is compared as the
data it holds, written again in one form: for a change of the lines' spacing alone.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# A timing, different at every run. Inside a JSON string a quote is escaped, so this can only
# match the key itself.
_PARSE_MS = re.compile(rb'("parse_ms": ?)-?[0-9.eE+-]+')  # jsonl is compact: no space
RUNS = [(fmt, lang) for fmt in ("json", "jsonl") for lang in ("en", "ja")]


def run(folder: str, fmt: str, lang: str, as_data: bool = False) -> bytes:
    """stdout (timings blanked), stderr and the exit status of one analyze run, as one blob."""
    argv = [sys.executable, "-m", "fopegui.cli", "analyze", "--format", fmt, "--lang", lang,
            folder]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run(argv, capture_output=True, env=env, check=False)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{argv} exited {proc.returncode}: {proc.stderr.decode()[-2000:]}")
    out = _PARSE_MS.sub(rb"\g<1>0", proc.stdout)
    if as_data and fmt == "jsonl":
        out = b"".join(_as_data(line) for line in proc.stdout.splitlines(keepends=True))
    return out + b"\n--- stderr ---\n" + proc.stderr + f"\n--- exit {proc.returncode}\n".encode()


def _as_data(line: bytes) -> bytes:
    data = json.loads(line)
    if isinstance(data, dict) and "parse_ms" in data:
        data["parse_ms"] = 0
    return json.dumps(data, ensure_ascii=False).encode() + b"\n"


def _first_difference(old: bytes, new: bytes) -> str:
    old_lines, new_lines = old.split(b"\n"), new.split(b"\n")
    for number, (a, b) in enumerate(zip(old_lines, new_lines, strict=False), 1):
        if a != b:
            at = next(i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y) \
                if a[: len(b)] != b[: len(a)] else min(len(a), len(b))  # fmt: skip
            return (f"line {number}, byte {at}:\n  before: {a[max(at - 80, 0): at + 80]!r}\n"
                    f"  after:  {b[max(at - 80, 0): at + 80]!r}")  # fmt: skip
    return f"{len(old_lines)} lines before, {len(new_lines)} after"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=("save", "check"))
    ap.add_argument("outdir")
    ap.add_argument("folders", nargs="+")
    ap.add_argument("--only", metavar="FMT.LANG", action="append",
                    help="only these runs (e.g. jsonl.en), for a quick look while working")
    ap.add_argument("--jsonl-as-data", action="store_true",
                    help="compare jsonl lines as data, whatever their spacing")
    args = ap.parse_args()
    outdir = Path(args.outdir)
    if outdir.resolve().is_relative_to(REPO):
        ap.error("keep the outputs outside the repository: they hold the messages' headers")
    outdir.mkdir(parents=True, exist_ok=True)
    differences = 0
    for folder in args.folders:
        files = sum(1 for p in Path(folder).rglob("*") if p.is_file())
        for fmt, lang in RUNS:
            if args.only and f"{fmt}.{lang}" not in args.only:
                continue
            start = time.perf_counter()
            blob = run(folder, fmt, lang, args.jsonl_as_data)
            saved = outdir / f"{Path(folder).name}.{fmt}.{lang}"
            if args.action == "save":
                saved.write_bytes(blob)
                verdict = f"saved {len(blob):,} bytes"
            elif not saved.exists():
                verdict = "NOT SAVED BEFORE"
                differences += 1
            elif (old := saved.read_bytes()) == blob:
                verdict = "identical"
            else:
                differences += 1
                verdict = "DIFFERENT: " + _first_difference(old, blob)
            seconds = time.perf_counter() - start
            print(f"{folder} ({files:,} files) {fmt:5} {lang}: {verdict} [{seconds:.1f} s]",
                  flush=True)  # fmt: skip
    if args.action == "check":
        print("all identical" if not differences else f"{differences} run(s) differ")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
