"""``memo_attributes``: spaCy's attribute_ruler + lemmatizer, memoised per word form.

In ``en_core_web_sm`` the ``attribute_ruler`` (tag -> POS/morphology, with word exceptions)
and the rule ``lemmatizer`` together take about a fifth of the pipeline's time, nearly all of
it per-token Python and Matcher overhead: their output for a token depends only on its form,
its fine-grained tag and its dependency label (every single-token ruler pattern tests only
LOWER, TAG, DEP and IS_SPACE, and the lemmatizer reads the POS and morphology the ruler set).
This component therefore computes each (form, tag, dep) once -- by running the stock
components' own pattern table and lemmatizer on that token -- and copies the result to every
later token with the same key.  Output is identical to the stock components (checked token by
token in tests/test_entities.py); a doc holding one of the ruler's few multi-token patterns
("gon na", "let 's") goes through the stock components whole.

Used by the fast pipeline (``load_model(fast=True)``); the stock components stay loaded,
disabled, as the source of the tables.
"""
from __future__ import annotations

import re
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.matcher import Matcher

_ATTR_NAMES = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}


class UnsupportedPattern(ValueError):
    """A ruler pattern this component cannot evaluate: use the stock components instead."""


def _condition(key: str, value: Any):
    """A predicate over (lower, tag, dep, is_space) for one token-pattern key."""
    field = {"LOWER": 0, "TAG": 1, "DEP": 2, "IS_SPACE": 3}.get(key)
    if field is None:
        raise UnsupportedPattern(key)
    if isinstance(value, (str, bool)):
        return lambda t: t[field] == value
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN":
            s = frozenset(arg)
            return lambda t: t[field] in s
        if op == "NOT_IN":
            s = frozenset(arg)
            return lambda t: t[field] not in s
        if op == "REGEX":
            rx = re.compile(arg)
            return lambda t: bool(rx.search(t[field]))
    raise UnsupportedPattern(f"{key}: {value!r}")


class MemoAttributes:
    def __init__(self, nlp, ruler_name: str = "attribute_ruler", lemmatizer_name: str = "lemmatizer") -> None:
        from spacy.tokens._retokenize import set_token_attrs

        self._set_token_attrs = set_token_attrs
        self.ruler = nlp.get_pipe(ruler_name)
        self.lemmatizer = nlp.get_pipe(lemmatizer_name)
        if getattr(self.lemmatizer, "overwrite", False):
            raise UnsupportedPattern("lemmatizer with overwrite=True")
        # single-token patterns, indexed by the word or tag they require so that a new token
        # is checked against the few patterns that can apply to it, in ruler order
        self.conditions: dict[int, list] = {}
        self.by_lower: dict[str, list[int]] = {}
        self.by_tag: dict[str, list[int]] = {}
        self.always: list[int] = []
        self.multi = Matcher(nlp.vocab)
        self.multi_index: dict[str, int] = {}
        for attr_id, entry in enumerate(self.ruler.patterns):
            for pattern in entry["patterns"]:
                if len(pattern) > 1:
                    self.multi.add(str(attr_id), [pattern])
                    self.multi_index[str(attr_id)] = entry.get("index", 0)
                    continue
                if entry.get("index", 0) not in (0, -1):
                    raise UnsupportedPattern(f"index {entry['index']}")
                spec = pattern[0]
                self.conditions.setdefault(attr_id, []).append([_condition(k, v) for k, v in spec.items()])
                lower, tag = spec.get("LOWER"), spec.get("TAG")
                if isinstance(lower, str) or (isinstance(lower, dict) and list(lower) == ["IN"]):
                    for w in ([lower] if isinstance(lower, str) else lower["IN"]):
                        self.by_lower.setdefault(w, []).append(attr_id)
                elif isinstance(tag, str) or (isinstance(tag, dict) and list(tag) == ["IN"]):
                    for t in ([tag] if isinstance(tag, str) else tag["IN"]):
                        self.by_tag.setdefault(t, []).append(attr_id)
                else:
                    self.always.append(attr_id)
        self.memo: dict[tuple[int, int, int], tuple[int, int, int, int]] = {}

    def _compute(self, token, multi_ids: tuple[int, ...] = ()) -> tuple[int, int, int, int]:
        """Set the token's attributes as the stock components would; ``multi_ids``: the
        multi-token patterns that matched with this token as their target."""
        view = (token.lower_, token.tag_, token.dep_, token.is_space)
        candidates = set(self.by_lower.get(view[0], ())) | set(self.by_tag.get(view[1], ())) | set(self.always)
        single = {a for a in candidates
                  if any(all(c(view) for c in conds) for conds in self.conditions[a])}
        # ruler order: all matches sorted by pattern id, later ones overriding earlier ones
        for attr_id in sorted(single | set(multi_ids)):
            self._set_token_attrs(token, self.ruler.attrs[attr_id])
        if token.lemma == 0:
            token.lemma_ = self.lemmatizer.lemmatize(token)[0]
        return token.pos, token.morph.key, token.lemma, token.tag

    def __call__(self, doc):
        # multi-token patterns ("there is", "gon na"): their target tokens are computed
        # afresh, with those patterns, and not memoised
        targets: dict[int, list[int]] = {}
        for match_id, start, end in self.multi(doc):
            name = doc.vocab.strings[match_id]
            index = self.multi_index[name]
            targets.setdefault((start if index >= 0 else end) + index, []).append(int(name))
        memo = self.memo
        for token in doc:
            if targets and token.i in targets:
                self._compute(token, tuple(targets[token.i]))
                continue
            key = (token.orth, token.tag, token.dep)
            hit = memo.get(key)
            if hit is None:
                memo[key] = self._compute(token)
                continue
            pos, morph, lemma, tag = hit
            token.pos = pos
            token.set_morph(morph)
            token.lemma = lemma
            if tag != key[1]:
                token.tag = tag
        if len(memo) > 500_000:          # bounded: a long run over many corpora
            memo.clear()
        return doc
