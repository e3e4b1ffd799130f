"""Sentence matching shared by the stage ladder, the agenda register and the stances:
regular-expression groups guarded against negation and intent/future phrasing."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import yaml

NEGATION = re.compile(r"\b(not|never|no|n't|nor|yet to|failed to|fail to|without|refused to|"
                      r"declined to|rather than|instead of|neither)\b", re.I)
INTENT = re.compile(r"\b(will|would|shall|could|may|might|should|plans?|planned|planning|agreed|agree|"
                    r"agreeing|expected|expects?|intends?|intended|aims?|hopes?|pledged|promised|"
                    r"vowed|proposed|to|toward|towards|steps to|in order to|nominat\w*|soon)\b", re.I)
WINDOW_WORDS = 4


@lru_cache(maxsize=None)
def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.I)


def _before(text: str, pos: int, n_words: int = WINDOW_WORDS) -> str:
    words = re.findall(r"[\w'’-]+", text[:pos])
    return " ".join(words[-n_words:])


def group_match(pattern: str, text: str, *, realized: bool = False) -> Optional[re.Match]:
    """First match of ``pattern`` that is not negated (and, if ``realized``, not under an
    intent/future marker) within WINDOW_WORDS words before it."""
    for m in _rx(pattern).finditer(text):
        pre = _before(text, m.start())
        if NEGATION.search(pre):
            continue
        if realized and INTENT.search(pre):
            continue
        return m
    return None


def pattern_match(groups: Iterable[str], text: Optional[str], *, realized: bool = False) -> bool:
    if not text:
        return False
    return all(group_match(g, text, realized=realized) is not None for g in groups)


def any_pattern(patterns: Iterable[Iterable[str]], text: Optional[str], *, realized: bool = False) -> bool:
    return any(pattern_match(p, text, realized=realized) for p in patterns)


def cameo_in(code: Optional[str], prefixes: Iterable[str]) -> bool:
    prefixes = list(prefixes)
    if not prefixes:
        return True
    return bool(code) and any(str(code).startswith(p) for p in prefixes)


@lru_cache(maxsize=None)
def load_yaml(name: str) -> dict:
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "analysis"
