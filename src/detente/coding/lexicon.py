"""The event lexicon: verb and noun patterns per CAMEO code, read from
``detente/data/lexicon/*.yaml`` (syntax in that folder's README.md), matched on spaCy parses.

A verb pattern "impose sanction" fires on a verb whose lemma is "impose" when "sanction" is
found among its dependents (objects, particles, prepositions, complement verbs, up to three
levels down, never inside its subject).  A noun pattern "peace talk" fires on a noun "talk"
modified by "peace".  When several patterns fire on one trigger the most specific wins: more
matched words first, then the more specific CAMEO code.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

import yaml
from spacy.tokens import Token

from ..errors import DetenteError
from ..ontology import cameo_table

_SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
_STOP_DESCENT = {"relcl", "advcl", "parataxis", "ccomp"}  # other clauses: their words are not ours


@dataclass(frozen=True)
class Pattern:
    code: str
    words: tuple[frozenset[str], ...]     # first slot: trigger lemma(s); then required dependents
    kind: str                             # "verb" | "noun"
    text: str                             # as written in the YAML
    source_file: str
    passive_only: bool = False
    active_only: bool = False
    swap: bool = False

    @property
    def rule_id(self) -> str:
        return f"{self.kind}:{self.code}:{self.text}"

    @property
    def specificity(self) -> tuple[int, int]:
        return (len(self.words), len(self.code))


@dataclass
class Match:
    pattern: Pattern
    trigger: Token
    tokens: tuple[Token, ...]             # trigger + the dependents that matched

    @property
    def score(self) -> tuple[int, int]:
        return self.pattern.specificity


@dataclass
class Lexicon:
    verbs: dict[str, list[Pattern]] = field(default_factory=dict)
    nouns: dict[str, list[Pattern]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, extra: Iterable[str | Path] = ()) -> "Lexicon":
        lex = cls()
        base = resources.files("detente") / "data" / "lexicon"
        names = sorted(p.name for p in base.iterdir() if p.name.endswith(".yaml")
                       and p.name != "modality.yaml")
        for name in names:
            lex._add_file((base / name).read_text(encoding="utf-8"), name)
        for path in extra:
            lex._add_file(Path(path).read_text(encoding="utf-8"), str(path))
        return lex

    def _add_file(self, text: str, where: str) -> None:
        try:
            entries = yaml.safe_load(text) or []
        except yaml.YAMLError as exc:
            raise DetenteError("E202", error=f"{where}: {exc}") from exc
        codes = cameo_table()
        self.files.append(where)
        for entry in entries:
            if not isinstance(entry, dict) or "code" not in entry:
                raise DetenteError("E202", error=f"{where}: entry without a code: {entry!r}")
            code = str(entry["code"])
            if code not in codes:
                raise DetenteError("E204", code=code)
            for kind, key in (("verb", "verbs"), ("noun", "nouns")):
                for text_ in entry.get(key) or []:
                    text_ = str(text_).strip().lower()
                    slots = [frozenset(w.split("|")) for w in text_.split()]
                    if not slots:
                        continue
                    if kind == "noun":  # the head noun is the last word; modifiers precede it
                        slots = [slots[-1], *slots[:-1]]
                    pat = Pattern(code=code, words=tuple(slots), kind=kind, text=text_,
                                  source_file=where,
                                  passive_only=bool(entry.get("passive_only")),
                                  active_only=bool(entry.get("active_only")),
                                  swap=bool(entry.get("swap")))
                    index = self.verbs if kind == "verb" else self.nouns
                    for lemma in slots[0]:
                        index.setdefault(lemma, []).append(pat)

    # ------------------------------------------------------------------ matching
    def match_verb(self, verb: Token) -> Optional[Match]:
        pats = self.verbs.get(verb.lemma_.lower())
        if not pats:
            return None
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        deps = None
        best: Optional[Match] = None
        for pat in pats:
            if pat.passive_only and not passive or pat.active_only and passive:
                continue
            if best is not None and pat.specificity <= best.score:
                continue
            if len(pat.words) == 1:
                best = Match(pat, verb, (verb,))
                continue
            if deps is None:
                deps = _dependents(verb)
            found = _find_in_order(pat.words[1:], deps, verb)
            if found is not None:
                best = Match(pat, verb, (verb, *found))
        return best

    def match_noun(self, noun: Token) -> Optional[Match]:
        pats = self.nouns.get(noun.lemma_.lower())
        if not pats:
            return None
        mods = None
        best: Optional[Match] = None
        for pat in pats:
            if best is not None and pat.specificity <= best.score:
                continue
            if len(pat.words) == 1:
                best = Match(pat, noun, (noun,))
                continue
            if mods is None:
                mods = [c for c in noun.lefts if c.dep_ in ("compound", "amod", "nmod", "npadvmod")]
                # the "of" phrase of a nominalization is its object: "a suspension of air links"
                # is an "air link suspension", "the sale of arms" an "arm sale"
                for prep in noun.rights:
                    if prep.dep_ == "prep" and prep.lower_ == "of":
                        for obj in prep.children:
                            if obj.dep_ == "pobj":
                                mods += [c for c in obj.lefts if c.dep_ in ("compound", "amod")] + [obj]
            found = _find_in_order(pat.words[1:], mods)
            if found is not None:
                best = Match(pat, noun, (noun, *found))
        return best



def _dependents(verb: Token, max_depth: int = 3, into_complements: bool = False) -> list[Token]:
    """The verb's dependents in sentence order, outside its subject and other clauses."""
    out: list[Token] = []
    # in the passive the grammatical subject is the verb's object: "diplomats were expelled"
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    stack = [(c, 1) for c in verb.children
             if c.dep_ not in _SUBJECT_DEPS or (passive and c.dep_ == "nsubjpass")]
    while stack:
        t, d = stack.pop()
        # "allowed refugees to return": the small model reads the object and its infinitive as
        # a clause (ccomp); an infinitival complement counts like xcomp, the verb only
        infinitival = t.dep_ == "ccomp" and d == 1 and t.pos_ in ("VERB", "AUX") and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
        if not infinitival and t.dep_ in _STOP_DESCENT or t.dep_ == "conj" and t.pos_ == "VERB" or t.dep_ == "poss":
            continue  # a possessor names who, not what: "welcomed President Reagan's statement"
        out.append(t)
        # a complement verb counts ("agree to cooperate"), its own phrases do not ("agreed to
        # return the villages under a deal" is no "agree deal")
        if d < max_depth and not infinitival and (into_complements or t.dep_ != "xcomp"):
            stack.extend((c, d + 1) for c in t.children)
    out.sort(key=lambda t: t.i)
    return out


def _find_in_order(slots: tuple[frozenset[str], ...], tokens: list[Token],
                   trigger: Optional[Token] = None) -> Optional[list[Token]]:
    """Find each slot's word among ``tokens`` in order.  A preposition or particle must hang
    on the trigger or on a word already matched: "approve of" is not "approved a package of
    sanctions"."""
    found = []
    pos = 0
    for slot in slots:
        for j in range(pos, len(tokens)):
            t = tokens[j]
            if t.lemma_.lower() in slot or t.lower_ in slot:
                if trigger is not None and t.pos_ in ("ADP", "PART") and \
                        t.head.i not in {trigger.i, *(f.i for f in found)}:
                    continue
                found.append(t)
                pos = j + 1
                break
        else:
            return None
    return found


@functools.lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    return Lexicon.load()
