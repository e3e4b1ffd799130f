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

Used by every pipeline ``load_model`` gives (the full one too since 2026-12-06: full coding
0.72 x -> 0.86 x stock bare spaCy in ``benchmarks/throughput.py``, old and new run back to back,
with identical tokens on 2,000 synthetic stories); the stock components stay loaded, disabled,
as the source of the tables, and ``load_model(stock_attributes=True)`` runs them instead.
"""
from __future__ import annotations

import re
from typing import Any

import numpy
from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language

_KEY_ATTRS = [ORTH, TAG, DEP]
_SET_ATTRS = [POS, MORPH, LEMMA, TAG]


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
        # multi-token patterns ("there is", "gon na"): (attr_id, index, per-token conditions);
        # fixed length (no "OP"), evaluated here only where a token meets the first condition,
        # which is memoised per key like the rest -- a spaCy Matcher over every doc cost more
        # than the whole memo
        self.multi: list[tuple[int, int, list[list]]] = []
        for attr_id, entry in enumerate(self.ruler.patterns):
            for pattern in entry["patterns"]:
                if len(pattern) > 1:
                    if any("OP" in spec for spec in pattern):
                        raise UnsupportedPattern("OP in a multi-token pattern")
                    self.multi.append((attr_id, entry.get("index", 0),
                                       [[_condition(k, v) for k, v in spec.items()] for spec in pattern]))
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
        # (orth, tag, dep) as 24 bytes -> (pos, morph, lemma, tag, multi-token patterns whose
        # first token this can be)
        self.memo: dict[bytes, tuple[int, int, int, int, tuple[int, ...]]] = {}

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

    @staticmethod
    def _view(token) -> tuple[str, str, str, bool]:
        return (token.lower_, token.tag_, token.dep_, token.is_space)

    def _entry(self, token) -> tuple[int, int, int, int, tuple[int, ...]]:
        view = self._view(token)
        starts = tuple(j for j, (_, _, conds) in enumerate(self.multi) if all(c(view) for c in conds[0]))
        return (*self._compute(token), starts)

    def __call__(self, doc):
        memo = self.memo
        # read (form, tag, dep) and write (pos, morph, lemma, tag) as arrays: a Token object
        # per token costs more than the memo lookup itself
        raw = doc.to_array(_KEY_ATTRS).tobytes()
        width = 8 * len(_KEY_ATTRS)
        out = []
        targets: dict[int, list[int]] = {}
        for i in range(len(doc)):
            key = raw[i * width:(i + 1) * width]
            hit = memo.get(key)
            if hit is None:
                hit = memo[key] = self._entry(doc[i])
            out.append(hit[:4])
            for j in hit[4]:
                attr_id, index, conds = self.multi[j]
                end = i + len(conds)
                if end <= len(doc) and all(all(c(self._view(doc[i + k])) for c in conds[k])
                                           for k in range(1, len(conds))):
                    targets.setdefault((i if index >= 0 else end) + index, []).append(attr_id)
        # tokens that are the target of a multi-token pattern are computed afresh, not memoised
        for i, attr_ids in targets.items():
            if 0 <= i < len(doc):
                out[i] = self._compute(doc[i], tuple(attr_ids))
        if out:
            doc.from_array(_SET_ATTRS, numpy.array(out, dtype="uint64"))
        if len(memo) > 500_000:          # bounded: a long run over many corpora
            memo.clear()
        return doc


@Language.factory("memo_attributes")
def make_memo_attributes(nlp, name):
    return MemoAttributes(nlp)
