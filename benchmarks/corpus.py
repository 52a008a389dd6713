"""A synthetic corpus for benchmarks: the test samples varied into many distinct messages.

Bodies get realistic sizes (1–40 KB of text) because real mail has bodies and the
standard parser reads them while fopegui reads only the header block.
"""

from __future__ import annotations

import random
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "tests" / "data" / "samples"
WORDS = [
    "meeting",
    "invoice",
    "schedule",
    "report",
    "会議",
    "請求書",
    "予定",
    "報告",
    "the",
    "of",
    "and",
    "to",
    "a",
    "in",
    "for",
    "is",
    "on",
    "that",
    "by",
    "this",
    "with",
    "you",
    "it",
    "not",
    "or",
    "be",
    "are",
    "from",
    "at",
    "as",
    "your",
    "all",
    "have",
    "new",
    "more",
]


def make_corpus(folder: Path, count: int = 1200, seed: int = 2669119) -> list[Path]:
    rng = random.Random(seed)
    templates = [p.read_bytes() for p in sorted(SAMPLES.glob("*.eml"))]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        data = rng.choice(templates)
        head, sep, _ = data.partition(b"\n\n")
        head = head.replace(b"203.0.113.25", f"203.0.113.{i % 250}".encode())
        head = head.replace(b"SCL:5", f"SCL:{rng.choice([-1, 1, 5, 6, 9])}".encode())
        body_words = rng.randint(150, 6000)
        body = " ".join(rng.choice(WORDS) for _ in range(body_words))
        lines = [body[j : j + 76] for j in range(0, len(body), 76)]
        path = folder / f"msg{i:05d}.eml"
        path.write_bytes(head + (sep or b"\n\n") + "\n".join(lines).encode() + b"\n")
        paths.append(path)
    return paths
