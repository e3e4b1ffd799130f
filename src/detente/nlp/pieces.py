"""Text the spaCy pipeline can take in time linear in its length.

Two things in real input make spaCy slow or make it fail:

* a long run of symbols with no space ("########", "=-=-=-...", a dump of "$" signs): the
  tokenizer splits it one character at a time, re-reading the rest of the run at every split,
  so its time grows with the square of the run's length (20,000 "#" take minutes).
  :func:`blank_symbol_runs` replaces every run of more than ``MAX_SYMBOL_RUN`` symbols (not
  letters, digits or spaces) by as many spaces: character offsets are unchanged, and nothing of
  value is lost (no word is made of symbols);
* a text longer than the pipeline's ``max_length`` (1,000,000 characters): spaCy refuses it
  (E088).  :func:`pieces` cuts a long text into pieces of at most ``PIECE_CHARS`` characters
  at paragraph breaks (else at line breaks, sentence ends, spaces), each with its offset in the
  text, so that events keep spans relative to the story.  A blank line always ends a sentence
  (``paragraph_breaks``), so cutting there splits no sentence.
"""
from __future__ import annotations

import re
from typing import Optional

MAX_SYMBOL_RUN = 100
PIECE_CHARS = 100_000

_SYMBOL_RUN = re.compile(r"[^\w\s]{%d,}" % (MAX_SYMBOL_RUN + 1))
# where a piece may end, best first: after a blank line, a line break, a sentence end, a space
_CUTS = (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"'”’)\]]*\s+"), re.compile(r"\s+"))


def blank_symbol_runs(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with every run of more than ``MAX_SYMBOL_RUN`` symbols replaced by spaces, and
    the (start, end) offsets of the runs replaced."""
    runs = [(m.start(), m.end()) for m in _SYMBOL_RUN.finditer(text)]
    if not runs:
        return text, runs
    parts = []
    last = 0
    for start, end in runs:
        parts.append(text[last:start])
        parts.append(" " * (end - start))
        last = end
    parts.append(text[last:])
    return "".join(parts), runs


# a typographic apostrophe inside a word ("He’s", "didn’t", "Russia’s"): the English models were
# trained on straight ones and read "He’s disappointed" as a passive with an unknown verb "’s"
_CURLY_APOSTROPHE = re.compile(r"(?<=[^\W\d_])[\u2019\u02bc](?=[^\W\d_])")


def straight_apostrophes(text: str) -> str:
    """``text`` with every apostrophe inside a word made straight (same length: offsets hold)."""
    return _CURLY_APOSTROPHE.sub("'", text) if "\u2019" in text or "\u02bc" in text else text


def as_written(parsed: str, original: str, start: int) -> str:
    """``parsed`` (a stretch of the parsed copy of ``original`` beginning at ``start``) with the
    apostrophes ``straight_apostrophes`` changed put back as written."""
    written = original[start:start + len(parsed)]
    if len(written) != len(parsed) or written == parsed:
        return parsed
    return "".join(w if p == "'" and w in "\u2019\u02bc" else p for p, w in zip(parsed, written))


def pieces(text: str, max_chars: Optional[int] = None) -> list[tuple[str, int]]:
    """(piece, offset) pairs that make up ``text``, none longer than ``max_chars`` (default
    ``PIECE_CHARS``); the whole text when it is short enough."""
    max_chars = max_chars or PIECE_CHARS
    if len(text) <= max_chars:
        return [(text, 0)]
    out = []
    start = 0
    while len(text) - start > max_chars:
        end = start + max_chars
        cut = None
        for rx in _CUTS:
            # the last cut point in the second half of the window: pieces are not cut too small
            hits = [m.end() for m in rx.finditer(text, start + max_chars // 2, end) if m.end() <= end]
            if hits:
                cut = hits[-1]
                break
        if cut is None:
            cut = end               # no space in half a piece: one very long word is cut
        out.append((text[start:cut], start))
        start = cut
    out.append((text[start:], start))
    return out
