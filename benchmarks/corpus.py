"""A synthetic corpus for benchmarks: the test samples' header blocks on varied bodies.

Real mail has bodies, and the standard parser reads every body line while fopegui reads
only the header block, so body sizes decide the comparison. The mix below follows common
business mail (documented so the figures can be judged):

- "text":       45 %, a text/plain body of 1–20 KiB
- "html":       35 %, multipart/alternative text + HTML, 10–80 KiB
- "attachment": 20 %, multipart/mixed with a base64 attachment of 50–600 KiB
"""

from __future__ import annotations

import base64
import random
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "tests" / "data" / "samples"
_WORD_TEXT = (
    "meeting invoice schedule report 会議 請求書 予定 報告 the of and to a in for is on "
    "that by this with you it not or be are from at as your all have new more"
)
WORDS = tuple(_WORD_TEXT.split(" "))
BANDS = (("text", 0.45), ("html", 0.35), ("attachment", 0.20))


def _text(rng: random.Random, size: int) -> str:
    words = []
    total = 0
    while total < size:
        word = rng.choice(WORDS)
        words.append(word)
        total += len(word.encode()) + 1
    body = " ".join(words)
    return "\n".join(body[i : i + 76] for i in range(0, len(body), 76))


def _body(rng: random.Random, band: str) -> tuple[bytes, bytes]:
    """(Content-Type header lines, body) for a band."""
    if band == "text":
        text = _text(rng, rng.randint(1024, 20 * 1024))
        return b"Content-Type: text/plain; charset=UTF-8\n", text.encode()
    boundary = f"b{rng.getrandbits(64):x}"
    text = _text(rng, rng.randint(4 * 1024, 30 * 1024))
    html = "<html><body><p>" + text.replace("\n", "</p>\n<p>") + "</p></body></html>"
    alt = (
        f"--{boundary}\nContent-Type: text/plain; charset=UTF-8\n\n{text}\n"
        f"--{boundary}\nContent-Type: text/html; charset=UTF-8\n\n{html}\n--{boundary}--\n"
    )
    if band == "html":
        return (
            f'Content-Type: multipart/alternative; boundary="{boundary}"\n'.encode(),
            alt.encode(),
        )
    outer = f"o{rng.getrandbits(64):x}"
    blob = base64.encodebytes(rng.randbytes(rng.randint(50 * 1024, 600 * 1024))).decode()
    mixed = (
        f'--{outer}\nContent-Type: multipart/alternative; boundary="{boundary}"\n\n{alt}'
        f"--{outer}\nContent-Type: application/pdf; name=report.pdf\n"
        f"Content-Transfer-Encoding: base64\n\n{blob}--{outer}--\n"
    )
    return f'Content-Type: multipart/mixed; boundary="{outer}"\n'.encode(), mixed.encode()


def make_corpus(folder: Path, count: int = 1200, seed: int = 2669119) -> list[tuple[Path, str]]:
    """Write ``count`` messages into ``folder``; returns (path, band) pairs."""
    rng = random.Random(seed)
    templates = []
    for path in sorted(SAMPLES.glob("*.eml")):
        head = path.read_bytes().replace(b"\r\n", b"\n").partition(b"\n\n")[0]
        lines = [ln for ln in head.split(b"\n") if not ln.lower().startswith(b"content-")]
        templates.append(b"\n".join(lines) + b"\n")
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    names, weights = zip(*BANDS, strict=True)
    for i in range(count):
        band = rng.choices(names, weights)[0]
        head = rng.choice(templates)
        head = head.replace(b"203.0.113.25", f"203.0.113.{i % 250}".encode())
        head = head.replace(b"SCL:5", f"SCL:{rng.choice([-1, 1, 5, 6, 9])}".encode())
        content_type, body = _body(rng, band)
        path = folder / f"msg{i:05d}.eml"
        path.write_bytes(head + content_type + b"\n" + body)
        out.append((path, band))
    return out
