"""A fast pass that sends only sentences that can hold an event to the parser.

A sentence can hold an event when it names an actor we know (a country, demonym, capital,
seat of power, IGO or person: one Aho-Corasick pass over the story) or continues the
previous such sentence with a pronoun subject ("It said ..."), and contains a word that
begins some lexicon pattern.  Sentence boundaries come from spaCy's rule-based sentencizer,
so the parser never sees the rest.  ``benchmarks/ingest.py`` measures what this costs in
recall against parsing everything.
"""
from __future__ import annotations

import re

import ahocorasick

from .lexicon import Lexicon

_WORD = re.compile(r"\w+", re.UNICODE)
_PRONOUN_START = re.compile(r"^\W*(it|they|he|she|both|the two|its|their|his|her)\b", re.I)


class Prefilter:
    def __init__(self, surface_forms: set[str], lexicon: Lexicon, nlp=None) -> None:
        from spacy.lang.en import English

        self._automaton = ahocorasick.Automaton()
        for form in surface_forms:
            if len(form) >= 2:
                self._automaton.add_word(form, len(form))
        self._automaton.make_automaton()
        self._sentencizer = English()
        self._sentencizer.add_pipe("sentencizer")
        # trigger words as they may appear inflected: index their first 4 letters
        stems = set()
        for lemma in list(lexicon.verbs) + list(lexicon.nouns):
            stems.add(lemma[:4].lower())
        # irregular forms ("met", "held", "struck") from the pipeline's own lemmatizer tables
        if nlp is not None and "lemmatizer" in nlp.pipe_names:
            try:
                exc = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")
                triggers = set(lexicon.verbs) | set(lexicon.nouns)
                for pos in ("verb", "noun"):
                    for form, lemmas in exc[pos].items():
                        if any(lm in triggers for lm in lemmas):
                            stems.add(form[:4].lower())
            except (KeyError, ValueError):
                pass
        self._stems = stems

    def _names_actor(self, text: str) -> bool:
        for end, length in self._automaton.iter(text):
            start = end - length + 1
            before = text[start - 1] if start > 0 else " "
            after = text[end + 1] if end + 1 < len(text) else " "
            if not before.isalnum() and not after.isalnum():
                return True
        return False

    def _has_trigger(self, text: str) -> bool:
        stems = self._stems
        return any(w[:4].lower() in stems for w in _WORD.findall(text))

    def candidate_sentences(self, text: str) -> list[tuple[str, int]]:
        """(sentence text, character offset) of the sentences worth parsing."""
        doc = self._sentencizer(text)
        kept: list[tuple[str, int]] = []
        prev_kept = False
        for sent in doc.sents:
            s = sent.text
            if not s.strip():
                continue
            names = self._names_actor(s)
            follows = prev_kept and bool(_PRONOUN_START.match(s))
            if (names or follows) and self._has_trigger(s):
                kept.append((s, sent.start_char))
                prev_kept = True
            else:
                prev_kept = names
        return kept

    @staticmethod
    def word_count(text: str) -> int:
        return len(_WORD.findall(text))
