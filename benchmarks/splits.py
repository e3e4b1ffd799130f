"""The one split of every gold set into a tuning half and a blind half.

A record's half is fixed by a stable hash of its id (SHA-256, not Python's salted ``hash``), so
it never changes between runs, machines or sessions, and adding records never moves old ones.
Rules are written only from misses on the tuning half; the blind half is reported as
aggregates only (``benchmarks/evaluate.py``): nobody prints or reads its sentences or its
per-record output.
"""
from __future__ import annotations

import hashlib

TUNE = "tune"
BLIND = "blind"


def split_of(record_id: str) -> str:
    """``"tune"`` or ``"blind"`` for a gold record id (about half each)."""
    digest = hashlib.sha256(str(record_id).encode("utf-8")).digest()
    return TUNE if digest[0] % 2 == 0 else BLIND


def is_blind(record_id: str) -> bool:
    return split_of(record_id) == BLIND
