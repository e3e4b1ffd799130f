"""Words around a match: the negation guard of the stance lexicon ("no dialogue" is not dialogue)."""
from __future__ import annotations

import re

NEGATION = re.compile(r"\b(not|never|no|n't|nor|yet to|failed to|fail to|without|refused to|"
                      r"declined to|rather than|instead of|neither)\b", re.I)
WINDOW_WORDS = 4


def words_before(text: str, pos: int, n_words: int = WINDOW_WORDS) -> str:
    """The last ``n_words`` words of ``text`` before position ``pos``."""
    words = re.findall(r"[\w'’-]+", text[:pos])
    return " ".join(words[-n_words:])
