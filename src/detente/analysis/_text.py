"""Sentence matching shared by the stage ladder, the agenda register and the stances:
regular-expression groups guarded against negation and intent/future phrasing."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional

import yaml

NEGATION = re.compile(r"\b(not|never|no|n't|nor|yet to|failed to|fail to|without|refused to|"
                      r"declined to|rather than|instead of|neither)\b", re.I)
INTENT = re.compile(r"\b(will|would|shall|could|may|might|should|plans?|planned|planning|agreed|agree|"
                    r"agreeing|expected|expects?|intends?|intended|aims?|hopes?|pledged|promised|"
                    r"vowed|proposed|toward|towards|steps|nominat\w*|soon|ready|willing|seeks?|sought|"
                    r"wants?|calls? for|called for|urged?|demand\w*|if|unless|once)\b", re.I)
INFINITIVE = re.compile(r"\bto\b", re.I)        # "to <verb>": only right before the match
FUTURE_AFTER = re.compile(r"^[^,;:]{0,60}\b(within (the next )?(a |\w+ )?(days?|weeks?|months?|years?)|"
                          r"by the end of|next (week|month|year)|in the coming)\b", re.I)
LISTED = re.compile(r"(consensus|agenda|points?|steps|items|measures|priorities|plan)\s*:|\bagreed (on|to|upon)\b|"
                    r"\bagreement (on|to)\b|\bsteps to\b", re.I)   # enumerations of intended steps
RETRO = re.compile(r"\b(after|since|ago|years|when|which had|who had|had been)\b", re.I)
WINDOW_WORDS = 4
INTENT_WINDOW_WORDS = 8


@lru_cache(maxsize=None)
def regex(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.I)


def words_before(text: str, pos: int, n_words: int = WINDOW_WORDS) -> str:
    words = re.findall(r"[\w'’-]+", text[:pos])
    return " ".join(words[-n_words:])


def _clause_before(text: str, pos: int, n_words: int) -> str:
    head = re.split(r"[,;:()\u2014]", text[:pos])[-1]
    return words_before(head, len(head), n_words)


def group_match(pattern: str, text: str, *, realized: bool = False, current: bool = False) -> Optional[re.Match]:
    """First match of ``pattern`` that is not negated (negation within WINDOW_WORDS words
    before it) and, if ``realized``, not under an intent/future marker (one of INTENT within
    INTENT_WINDOW_WORDS words before it in the same clause, "to" right before it, or a
    deadline such as "within two months" after it in the same clause).  ``current`` also
    rejects retrospective mentions ("seven years after X cut ties")."""
    for m in regex(pattern).finditer(text):
        pre = words_before(text, m.start())
        if NEGATION.search(pre):
            continue
        if realized:
            clause = _clause_before(text, m.start(), INTENT_WINDOW_WORDS)
            last = words_before(text, m.start(), 1)
            if (INTENT.search(clause) or INFINITIVE.fullmatch(last or "-") or FUTURE_AFTER.search(text[m.end():])
                    or LISTED.search(text[:m.start()])):
                continue
        if current and RETRO.search(_clause_before(text, m.start(), 6)):
            continue
        return m
    return None


def pattern_match(groups: Iterable[str], text: Optional[str], *, realized: bool = False,
                  current: bool = False) -> bool:
    if not text:
        return False
    return all(group_match(g, text, realized=realized, current=current) is not None for g in groups)


def any_pattern(patterns: Iterable[Iterable[str]], text: Optional[str], *, realized: bool = False,
                current: bool = False) -> bool:
    return any(pattern_match(p, text, realized=realized, current=current) for p in patterns)


def cameo_in(code: Optional[str], prefixes: Iterable[str]) -> bool:
    prefixes = list(prefixes)
    if not prefixes:
        return True
    return bool(code) and any(str(code).startswith(p) for p in prefixes)


@lru_cache(maxsize=None)
def load_yaml(name: str) -> dict:
    """A rule file of ``detente/data/analysis/``."""
    return yaml.safe_load(resources.files("detente").joinpath("data", "analysis", name).read_text(encoding="utf-8"))
