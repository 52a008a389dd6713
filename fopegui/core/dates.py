"""The Date header as written: an aware datetime, a fixed-width display and a sort key.

``email.utils`` widens every year below 100 the RFC 5322 (4.3) way for two-digit years, so
``Date: … 0001`` would read as 2001; here a year is taken as written unless it has one or two
digits. Nothing here raises on hostile values: year 1, offsets beyond a day and dates Python
cannot represent simply give None (or the value as written).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

# "[Day,] DD Mon YYYY": the year token, to see how many digits it was written with.
_YEAR = re.compile(r"\b\d{1,2}\s+[A-Za-z]{3}[A-Za-z]*\.?\s+(\d+)\b")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def parse_date(value: str | None) -> datetime | None:
    """A Date header value (RFC 5322, its obsolete forms, or ISO 8601) as an aware datetime;
    an unknown zone (``-0000``, no offset) is taken as UTC. None when it is not a date."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return _parse_rfc5322(value)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _parse_rfc5322(value: str) -> datetime | None:
    from email.utils import parsedate_tz  # ~10 ms of imports: not at the window's start-up

    try:
        fields = parsedate_tz(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if fields is None:
        return None
    year = fields[0]
    written = _YEAR.search(value)
    if written is not None and len(written.group(1)) > 2:
        year = int(written.group(1))  # "0001" is year 1, not 2001
    offset = fields[9] or 0
    try:
        zone = timezone(timedelta(seconds=offset)) if offset else UTC
        return datetime(year, *fields[1:6], tzinfo=zone)
    except (ValueError, OverflowError):  # year 0 or > 9999, a zone of a day or more
        return None


def display(when: datetime, seconds: bool = False) -> str:
    """``0001-01-01 09:00`` (``…:00 +0900`` with ``seconds``): a four-digit year always
    (``strftime`` writes year 1 as ``1``), in the zone the date was written in."""
    text = f"{when.year:04d}-{when.month:02d}-{when.day:02d} {when.hour:02d}:{when.minute:02d}"
    if seconds:
        text += f":{when.second:02d}" + (when.strftime(" %z") if when.tzinfo else "")
    return text


def sort_key(when: datetime) -> float:
    """Seconds since 1970 for ordering. Computed by subtraction, which covers years 1 to 9999
    in any zone, where ``datetime.timestamp()`` raises for dates near the ends."""
    return (when - _EPOCH).total_seconds()
