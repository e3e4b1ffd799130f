"""A doc's named entities indexed once: by token, by sentence, by label.

spaCy's ``Span.ents`` walks all of the doc's entities on every call, and finding the entity
around a token means walking them too; asked once per sentence and per trigger, that makes
coding a long story quadratic in its length.  The functions here answer the same questions from
an index built on first use and kept in ``doc.user_data``: build it only once the pipeline has
set the doc's entities (the coder reads docs after ``nlp.pipe``).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

_KEY = "detente.entity_index"


class EntityIndex:
    def __init__(self, doc: "Doc") -> None:
        self.ents: list["Span"] = list(doc.ents)
        self.starts = [e.start for e in self.ents]
        self.at: dict[int, "Span"] = {i: e for e in self.ents for i in range(e.start, e.end)}
        self._within: dict[tuple, list["Span"]] = {}
        self._starts: dict[tuple, list[int]] = {}
        self._by_text: dict[tuple, dict[str, "Span"]] = {}

    def within(self, start: int, end: int, label: Optional[str] = None) -> list["Span"]:
        """The entities (with ``label``, when given) that lie completely inside tokens
        ``start:end``, as ``Span.ents`` has them (a shared list: do not change it)."""
        key = (start, end, label)
        found = self._within.get(key)
        if found is None:
            if label is not None:
                found = [e for e in self.within(start, end) if e.label_ == label]
            else:
                found = []
                for k in range(bisect_left(self.starts, start), len(self.ents)):
                    if self.ents[k].end > end:
                        break
                    found.append(self.ents[k])
            self._within[key] = found
        return found

    def first_with_text(self, start: int, end: int, label: str, text: str) -> Optional["Span"]:
        """The first of :meth:`within`'s entities whose text is ``text``."""
        key = (start, end, label)
        by_text = self._by_text.get(key)
        if by_text is None:
            by_text = self._by_text[key] = {}
            for e in self.within(start, end, label):
                by_text.setdefault(e.text, e)
        return by_text.get(text)

    def starts_within(self, start: int, end: int, label: Optional[str] = None) -> list[int]:
        """The start tokens of :meth:`within`'s entities, in the same order."""
        key = (start, end, label)
        found = self._starts.get(key)
        if found is None:
            found = self._starts[key] = [e.start for e in self.within(start, end, label)]
        return found


def entity_index(doc: "Doc") -> EntityIndex:
    index = doc.user_data.get(_KEY)
    if index is None:
        index = doc.user_data[_KEY] = EntityIndex(doc)
    return index


def entities_in(span: "Span", label: Optional[str] = None) -> list["Span"]:
    """``span.ents`` (those with ``label``, when given), from the doc's index."""
    return entity_index(span.doc).within(span.start, span.end, label)


def entities_near(span: "Span", token: "Token", radius: int, label: Optional[str] = None) -> list["Span"]:
    """The entities of ``span`` (with ``label``) that start within ``radius`` tokens of
    ``token``: all of them in a span of at most ``radius`` tokens."""
    index = entity_index(span.doc)
    ents = index.within(span.start, span.end, label)
    if span.end - span.start <= radius:
        return ents
    starts = index.starts_within(span.start, span.end, label)
    return ents[bisect_left(starts, token.i - radius):bisect_right(starts, token.i + radius)]


def entity_at(token: "Token") -> Optional["Span"]:
    """The entity that covers ``token``, or None."""
    return entity_index(token.doc).at.get(token.i)
