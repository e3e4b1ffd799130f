"""A phrase automaton for tens of thousands of names: a trie over lower-cased token texts.

spaCy's PhraseMatcher needs a Doc per phrase, and making 40,000 Docs (a lexeme for every new
word) costs seconds and a hundred megabytes at every start; the compiled dictionaries' names
(:mod:`detente.actors.compiled`) are matched here instead.  A phrase is its tokens as spaCy
splits them (plain words are split on spaces without asking the tokenizer); matching walks the
trie from each token of a doc, so the cost grows with the doc's length, not with the number of
phrases.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Iterator

from spacy.tokens import Doc

_PLAIN = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*\Z")   # letters and single spaces only
_END = None                                          # the key of a node's values (no token is None)


class PhraseTrie:
    """Phrases -> values, matched case-insensitively on a doc's tokens (every match, any length)."""

    def __init__(self, tokenize: Callable[[str], Iterable[str]]) -> None:
        self.root: dict = {}
        self._tokenize = tokenize      # a phrase's token texts, for phrases that are not plain words
        self.size = 0

    def words(self, phrase: str) -> list[str]:
        if _PLAIN.match(phrase):
            return phrase.lower().split()
        return [w.lower() for w in self._tokenize(phrase) if not w.isspace()]

    def add(self, phrase: str, value: Any) -> None:
        words = self.words(phrase)
        if not words:
            return
        node = self.root
        for w in words:
            node = node.setdefault(w, {})
        node.setdefault(_END, []).append(value)
        self.size += 1

    def matches(self, doc: Doc) -> Iterator[tuple[int, int, Any]]:
        """(start, end, value) of every phrase found in ``doc``, by start then length."""
        root = self.root
        if not root:
            return
        lowers = [t.lower_ for t in doc]
        n = len(lowers)
        for i in range(n):
            node = root.get(lowers[i])
            j = i + 1
            while node is not None:
                for value in node.get(_END, ()):
                    yield i, j, value
                if j >= n:
                    break
                node = node.get(lowers[j])
                j += 1
