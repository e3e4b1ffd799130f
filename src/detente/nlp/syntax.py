"""Walks over a dependency parse that stay bounded in very long sentences.

A real sentence has at most a few hundred tokens (the longest in 2,300 evaluation stories has
159); a parse of a text with no sentence ends can hold tens of thousands.  Reading a whole
subtree, or every ancestor, once per trigger would then make coding quadratic in the length of
the text.  These helpers read at most ``SCAN_RADIUS`` tokens each side of where they start;
below that size they are exactly spaCy's own walks.
"""
from __future__ import annotations

import functools
from itertools import islice
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

SCAN_RADIUS = 250
# the longest sentence the pipeline makes (nlp.pipeline's paragraph_breaks cuts longer ones)
MAX_SENTENCE_TOKENS = 2 * SCAN_RADIUS


def near_subtree(tok: "Token", radius: int = SCAN_RADIUS) -> Iterable["Token"]:
    """``tok.subtree``; when the subtree spans more than ``2 * radius + 1`` tokens, the tokens
    of its span within ``radius`` of ``tok`` instead."""
    lo, hi = tok.left_edge.i, tok.right_edge.i
    if hi - lo <= 2 * radius:
        return tok.subtree
    return tok.doc[max(lo, tok.i - radius):min(hi, tok.i + radius) + 1]


def hyphen_joined(first: "Token", second: "Token") -> bool:
    """Are the two words one hyphenated word split by the tokenizer ("Russian-American",
    "U.S.-Russian")?"""
    doc = first.doc
    return second.i == first.i + 2 and doc[first.i + 1].text in ("-", "\u2013") and \
        not doc[first.i].whitespace_ and not doc[first.i + 1].whitespace_


@functools.cache
def sentence_ends() -> frozenset[str]:
    """Sentence-final punctuation, as spaCy's rule-based sentencizer knows it."""
    from spacy.pipeline import Sentencizer

    return frozenset(Sentencizer.default_punct_chars)


def unstopped(sent) -> bool:
    """Does the sentence end with no full stop, exclamation or question mark (a headline, a title,
    a label)?  Closing quotes and brackets after the mark do not hide it."""
    last = next((t for t in reversed(sent) if not t.is_space and not t.is_quote and t.text not in ")]"), None)
    return last is not None and last.text not in sentence_ends()


def near_ancestors(tok: "Token", radius: int = SCAN_RADIUS) -> Iterable["Token"]:
    """``tok.ancestors``, the first ``2 * radius`` of them."""
    return islice(tok.ancestors, 2 * radius)


def steps_up(tok: "Token", ancestor: "Token", most: int = 12) -> int:
    """How many heads up from ``tok`` ``ancestor`` is (0 for the token itself; ``most`` when it
    is not above it within that many steps)."""
    for n in range(most):
        if tok.i == ancestor.i:
            return n
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return most


def within_reach(tok: "Token", other: "Token", radius: int = SCAN_RADIUS) -> bool:
    """Are the two tokens at most ``radius`` tokens apart?"""
    return abs(tok.i - other.i) <= radius
