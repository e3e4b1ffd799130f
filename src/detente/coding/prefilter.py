"""A fast pass that sends only the parts of a story that can hold an event to the parser.

An event needs (a) a lexicon trigger -- a verb or noun whose spaCy lemma keys a pattern in
``lexicon.verbs`` / ``lexicon.nouns`` -- and (b) an actor the coder can resolve.  The prefilter
looks for both cues cheaply, per sentence of a regular-expression splitter (:func:`split_sentences`:
end punctuation before a capital, digit or quote unless the word is an abbreviation such as
"U.S." or "Gen."; blank lines), which is about ten times cheaper than tokenising the story:

* trigger: every word is lemmatised the way spaCy's rule lemmatizer would do it under any
  part of speech (the pipeline's own ``lemma_exc`` exception tables -- "met", "held",
  "struck" -- and its ``lemma_rules`` suffix rules), so any inflection of a trigger counts;
* actor cue: a KB surface form (country, demonym, capital, metonym, IGO, person), an office
  title or sector noun ("foreign minister", "officials", "teachers", "police"), a pronoun or
  "both sides" (resolved from earlier sentences), or a capitalised name that is not just a
  sentence-initial function word (PERSON names, organisations).

A sentence with both cues is a candidate.  Because the coder carries context across sentences
(pronouns resolve to the subjects of earlier sentences; the story's "home" country comes from
country mentions counted so far), a candidate also keeps the sentence before it when that one
names an actor (``context`` sentences).  Kept sentences that touch are sent to the parser as one
text, cut from the story exactly as written, so they parse together as they would in the full
story and the parser, not the sentencizer, decides where they break.

``benchmarks/ingest.py`` measures what this costs in recall against parsing everything.
"""
from __future__ import annotations

import re

import ahocorasick

from .lexicon import Lexicon
from .triggers import rule_trigger_slots
from .tables import prefilter_words

_WORD = re.compile(r"\w+", re.UNICODE)
_W = prefilter_words()

class Prefilter:
    def __init__(self, surface_forms: set[str], lexicon: Lexicon, nlp=None, *,
                 offices=None, agents=None, context: int = 1, lemma_tables: bool = True) -> None:

        if offices is None or agents is None:
            # the coder does not pass its KB's office titles and sector nouns (yet): those of
            # the default KB stand in for them
            from ..actors.kb import default_kb

            kb = default_kb()
            offices = kb.offices if offices is None else offices
            agents = kb.agents if agents is None else agents

        # KB names, matched as written (case-sensitive, like the coder's cased PhraseMatcher)
        self._automaton, self._has_names = _word_automaton(surface_forms)
        # office titles and sector nouns, matched lowercased (like the coder's LOWER matcher)
        self._terms, self._has_terms = _word_automaton((term or "").lower().strip()
                                                       for term in set(offices) | set(agents))
        self._context = context
        # trigger lemma -> the dependent/modifier slots its patterns also need ("impose sanction"
        # needs a word lemmatising to "sanction" too); () when the lemma alone is a pattern
        self._patterns: dict[str, set[tuple[frozenset[str], ...]]] = {}
        for index in (lexicon.verbs, lexicon.nouns):
            for lemma, pats in index.items():
                for pat in pats:
                    # a slot word that no single \w+ token can show ("cease-fire") counts as found
                    slots = tuple(slot for slot in pat.words[1:]
                                  if all(_WORD.fullmatch(w) for w in slot))
                    self._patterns.setdefault(lemma.lower(), set()).add(slots)
        for lemma, alts in rule_trigger_slots().items():   # what the coder's rules add
            self._patterns.setdefault(lemma, set()).update(alts)
        for lemma, alts in self._patterns.items():
            if () in alts:
                self._patterns[lemma] = {()}
        self._triggers = frozenset(self._patterns)
        self._exc: dict[str, set[str]] = {}
        self._rules: list[tuple[str, str]] = []
        if lemma_tables and nlp is not None and "lemmatizer" in nlp.component_names:
            # (the model's lemmatizer tables, read even while memo_attributes stands in for the
            # component; the fast pipeline keeps English inflection by hand, as it always had:
            # with the tables its 2-worker ingest of 1,500 stories took 45.6 s, without 35.6 s)
            try:
                lookups = nlp.get_pipe("lemmatizer").lookups
                if lookups.has_table("lemma_exc"):
                    exc = lookups.get_table("lemma_exc")
                    for pos in exc.keys():
                        for form, lemmas in exc[pos].items():
                            self._exc.setdefault(form.lower(), set()).update(l.lower() for l in lemmas)
                if lookups.has_table("lemma_rules"):
                    rules = lookups.get_table("lemma_rules")
                    seen = set()
                    for pos in rules.keys():
                        for old, new in rules[pos]:
                            if old and (old, new) not in seen:
                                seen.add((old, new))
                                self._rules.append((old, new))
            except (KeyError, ValueError, AttributeError):
                pass
        if not self._rules:   # no lemmatizer tables: English inflection by hand
            self._rules = list(_W.fallback_inflections)
        self._cache: dict[str, frozenset[str]] = {}

    # ------------------------------------------------------------------ cues
    def lemmas(self, word: str) -> frozenset[str]:
        """Every lemma spaCy's rule lemmatizer could give this word, under any part of speech."""
        w = word.lower()
        hit = self._cache.get(w)
        if hit is not None:
            return hit
        out = {w}
        out.update(self._exc.get(w, ()))
        out.update(_W.clitics.get(w, ()))
        for old, new in self._rules:
            if w.endswith(old) and len(w) > len(old):
                out.add(w[:len(w) - len(old)] + new)
        for suf in _W.doubling_suffixes:   # doubled final consonant: "planned", "stopping"
            if w.endswith(suf):
                stem = w[:-len(suf)]
                if len(stem) > 2 and stem[-1] == stem[-2]:
                    out.add(stem[:-1])
        hit = frozenset(out)
        if len(self._cache) < 200_000:
            self._cache[w] = hit
        return hit

    def is_trigger(self, word: str) -> bool:
        """Could spaCy lemmatise this word to the first word of some lexicon pattern?"""
        return not self.lemmas(word).isdisjoint(self._triggers)

    def _has_trigger(self, text: str) -> bool:
        """Does the sentence hold a trigger together with every other word one of its patterns
        needs?  (A necessary condition for a lexicon match in its parse.)"""
        lemmas: set[str] = set()
        for w in _WORD.findall(text):
            lemmas |= self.lemmas(w)
        patterns = self._patterns
        for lemma in lemmas & self._triggers:
            for slots in patterns[lemma]:
                if all(not slot.isdisjoint(lemmas) for slot in slots):
                    return True
        return False

    def _names_actor(self, text: str) -> bool:
        """A KB name (country, capital, demonym, metonym, IGO, person) as a whole word."""
        if not self._has_names:
            return False
        return _whole_word_hit(self._automaton, text)

    def _actor_cue(self, text: str) -> bool:
        if self._names_actor(text):
            return True
        if self._has_terms and _whole_word_hit(self._terms, text.lower()):
            return True
        words = _WORD.findall(text)
        for i, w in enumerate(words):
            if w.lower() in _W.pronouns:
                return True
            if w[0].isupper() and not w.isdigit():
                if i > 0 or w.lower() not in _W.function_words:
                    return True
        return False

    # ------------------------------------------------------------------ selection
    def candidate_sentences(self, text: str) -> list[tuple[str, int]]:
        """(text, character offset) of the stretches worth parsing: runs of adjacent kept
        sentences, cut from ``text`` as written."""
        spans = split_sentences(text)
        keep = [False] * len(spans)
        for i, (a, b) in enumerate(spans):
            s = text[a:b]
            if self._has_trigger(s) and self._actor_cue(s):
                keep[i] = True
        if self._context:
            base = list(keep)
            for i, k in enumerate(base):
                if not k:
                    continue
                for j in range(max(0, i - self._context), i):
                    if not keep[j] and self._actor_cue(text[spans[j][0]:spans[j][1]]):
                        keep[j] = True
        out: list[tuple[str, int]] = []
        run_start = run_end = None
        for (a, b), k in zip(spans, keep):
            if k and run_start is not None and run_end is not None and not text[run_end:a].strip():
                run_end = b
                continue
            if run_start is not None:
                out.append((text[run_start:run_end], run_start))
                run_start = None
            if k:
                run_start, run_end = a, b
        if run_start is not None:
            out.append((text[run_start:run_end], run_start))
        return out

    @staticmethod
    def word_count(text: str) -> int:
        return len(_WORD.findall(text))


# A sentence ends at . ! ? (closing quotes/brackets may follow) before whitespace and a capital,
# digit or opening quote; or at a blank line.
_BOUNDARY = re.compile(r"""[.!?]["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])|\n[ \t]*\n\s*""")
# Words whose final period is no sentence end: titles, months, corporate suffixes, initialisms
# ("U.S.", "J."); the next word is usually capitalised.
_ABBREVIATION = re.compile(r"""(?:^|[\s("'“‘])(?:(?:[A-Za-z]\.)+|(?:"""
                           + "|".join(re.escape(w) for w in sorted(_W.abbreviations)) + r""")\.)$""")


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of ``text``, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(0)[0] == "." and _ABBREVIATION.search(text, max(0, m.start() - 12), m.start() + 1) \
                and not _BLANK_LINE.search(m.group(0)):
            continue
        end = m.start() + len(m.group(0).rstrip())
        if m.group(0)[0] not in ".!?":
            end = m.start()                         # a blank line
        _add_span(text, start, end, spans)
        start = m.end()
    _add_span(text, start, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def _word_automaton(words) -> tuple[ahocorasick.Automaton, bool]:
    """An Aho-Corasick automaton over the words of two characters or more (each word's value
    is its length), and whether it holds any."""
    automaton = ahocorasick.Automaton()
    n = 0
    for word in words:
        if len(word) >= 2:
            automaton.add_word(word, len(word))
            n += 1
    if n:
        automaton.make_automaton()
    return automaton, bool(n)


def _whole_word_hit(automaton, text: str) -> bool:
    for end, length in automaton.iter(text):
        start = end - length + 1
        before = text[start - 1] if start > 0 else " "
        after = text[end + 1] if end + 1 < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return True
    return False
