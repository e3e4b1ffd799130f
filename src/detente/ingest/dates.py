"""Date strings to ``datetime.date``: ISO first, then RFC 2822, then dateparser (offline)."""
from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Optional

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?![\d])")


def parse_date(value: Any) -> Optional[date]:
    """Parse a publication date; None when there is none or it cannot be read.

    Accepts ``date``/``datetime`` objects, ``time.struct_time``, ISO strings (a leading
    ``YYYY-MM-DD`` is enough, so ``"2025-02-18 (readout dateline ...)"`` works), RFC 2822
    (RSS ``pubDate``) and, last, free text via dateparser (month-first for ambiguous
    numeric dates, English only, never the network).
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if hasattr(value, "tm_year"):                      # time.struct_time from feedparser
        try:
            return date(value.tm_year, value.tm_mon, value.tm_mday)
        except ValueError:
            return None
    s = str(value).strip()
    if not s:
        return None
    m = _ISO.match(s)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        pass
    if len(s) > 80:
        return None
    try:
        import dateparser
        dt = dateparser.parse(s, languages=["en"],
                              settings={"DATE_ORDER": "MDY", "PREFER_DAY_OF_MONTH": "first",
                                        "RETURN_AS_TIMEZONE_AWARE": False,
                                        "STRICT_PARSING": False})
    except Exception:                                   # dateparser raises assorted errors
        return None
    return dt.date() if dt else None
