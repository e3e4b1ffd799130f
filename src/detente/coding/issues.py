"""The ``event_issues`` component: what each event is about, from the taxonomy's phrases in the
event's own clause.

The taxonomy is ``data/analysis/issues.yaml`` (:class:`~detente.datafiles.IssueTaxonomy`,
checked on load; re-exported here): the
hand-written issues of bilateral relations and the Phoenix issue dictionary compiled by
``scripts/build_issues.py``.  For every trigger this component sets ``trigger.issues`` (sorted
ids) from

* the phrases found in the trigger's clause (:func:`clause_tokens`): for a verb, the verb and
  what it governs outside its subject and outside other clauses (relative, adverbial and
  paratactic clauses, a complement clause or a coordinated verb that holds an event of its
  own); for an event noun, its modifiers and prepositional phrases, the light verb it is the
  object of ("held talks on sanctions") and what a topic predicate says of it ("the talks
  focused on resuming embassy operations"); on/about/over phrases of the governing verb
  ("agreed with Russia on a prisoner swap to ...").  Places and dates ("at the embassy",
  "in Riyadh") and the names of actors ("the energy minister") are not topics;
* the CAMEO codes that are about an issue by definition (the lexicon pattern's code or the
  code after modality: "refused to release" is still about a release).

Matching is a token trie (first word -> candidate phrases), not a loop over the phrases: each
token of a clause costs two dictionary lookups (its lower-case form and its lemma).  A phrase
word matches a token whose lower-case form or lemma it is.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..datafiles import IssueClause, IssueEntry, IssueTaxonomy, check_issue_ids, issue_taxonomy
from . import grammar
from .modality import Trigger

__all__ = ["EventIssues", "IssueEntry", "IssueTaxonomy", "PhraseIndex", "check_issue_ids", "clause_tokens",
           "issue_taxonomy"]

# mention kinds that name an actor: their words say who, not what ("met the energy minister")
_NAMING_KINDS = frozenset({"person", "office", "metonym", "igo", "country", "capital", "demonym"})
# entity labels of prepositional objects that say where or when ("in Riyadh", "in February")
_PLACE_TIME_LABELS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME"})
# how far below the event word a clause reaches: "agreed to resume direct flights" is 3 steps;
# "vetoed the bill authorizing force against the group behind the attacks on the mission" is
# no longer about the mission
_MAX_DEPTH = 5
# how many sentences back "these issues" looks for the issues it points to (the nearest that names any)
_ANAPHORA_REACH = 3


# ------------------------------------------------------------------------- phrase matching
@dataclass(frozen=True)
class _Phrase:
    words: tuple[str, ...]
    issue: str
    exclude: bool


class PhraseIndex:
    """The taxonomy's phrases as a trie on their first word, tokenized by ``tokenizer`` (the
    pipeline's, so that "visa-free" splits as the text will)."""

    def __init__(self, taxonomy: IssueTaxonomy, tokenizer) -> None:
        self.by_first: dict[str, list[_Phrase]] = {}
        for entry in taxonomy.issues:
            for kind, phrases in ((False, entry.phrases), (True, entry.exclude)):
                for text in sorted(phrases):
                    toks = tuple(t.lower_ for t in tokenizer(text) if not t.is_space)
                    if toks:
                        self.by_first.setdefault(toks[0], []).append(_Phrase(toks, entry.id, kind))

    def exclusions(self, sent: Span) -> list[tuple[int, int, str]]:
        """(start, end, issue) of each exclusion phrase in the sentence ``sent``."""
        return [(a, b, p.issue) for a, b, p in self._matches(list(sent)) if p.exclude]

    def find(self, tokens: list[Token], blocked: Optional[list[tuple[int, int, str]]] = None) -> set[str]:
        """Issue ids whose phrases occur in ``tokens`` (consecutive sentence tokens only),
        less those an exclusion phrase of the same issue overlaps (``blocked``: the sentence's
        ``exclusions``, when already found)."""
        found = self._matches(tokens)
        # (an exclusion cancels its own entry's phrases only: "trade war" is no war, still trade;
        # it is looked for in the whole sentence, past the clause's edge: "the ban on strikes
        # against energy facilities" is no labour strike, though the clause ends at "strikes")
        if blocked is None:
            blocked = self.exclusions(tokens[0].sent) if tokens else []
        return {p.issue for a, b, p in found
                if not p.exclude and not any(a < y and x < b and issue == p.issue for x, y, issue in blocked)}

    def _matches(self, tokens: list[Token]) -> list[tuple[int, int, _Phrase]]:
        """(start, end, phrase) of every phrase, kept or excluding, found in ``tokens``."""
        # (a word matched by its lemma alone is no match on a verb: the taxonomy's phrases name
        # things, and "accused Britain of training saboteurs" is about no train)
        forms = [(t.lower_, t.lemma_.lower() if t.lemma_ and t.pos_ not in grammar.VERB_POS else t.lower_)
                 for t in tokens]
        index = [t.i for t in tokens]
        found: list[tuple[int, int, _Phrase]] = []
        for k, (lower, lemma) in enumerate(forms):
            candidates = self.by_first.get(lower, [])
            if lemma != lower:
                candidates = candidates + self.by_first.get(lemma, [])
            for p in candidates:
                n = len(p.words)
                if k + n > len(forms) or index[k + n - 1] - index[k] != n - 1:
                    continue
                if n == 1 and tokens[k].pos_ in grammar.VERB_POS:
                    continue   # (nor in its own form: "sent trainers to train the army" is no train)
                if all(w in forms[k + j] for j, w in enumerate(p.words)):
                    found.append((index[k], index[k] + n, p))
        return found


# ------------------------------------------------------------------------- the clause
def _phrase_at(tok: Token, phrases: frozenset[str]) -> bool:
    """Does a phrase of ``phrases`` ("with regard to") start at ``tok``?"""
    doc = tok.doc
    for p in phrases:
        parts = p.split()
        if tok.lower_ == parts[0] and [t.lower_ for t in doc[tok.i:tok.i + len(parts)]] == parts:
            return True
    return False


def _where_or_when(prep: Token, clause: IssueClause, own: Optional[set[int]] = None) -> bool:
    """A prepositional phrase that places the event: "at the embassy", "in Riyadh", "in 2022".
    On what the event is about -- a noun, or a verb the event verb completes ("agreed to restore
    staffing at their embassies") -- it is part of that content, unless it names a place or a
    time; ``own``: the event's own words (trigger and anchor)."""
    if prep.lower_ in clause.circumstance_prepositions and (own is None or prep.head.i in own):
        return True
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objs) and all(o.ent_type_ in _PLACE_TIME_LABELS for o in objs)


def _purpose(c: Token, clause: IssueClause) -> bool:
    """An infinitive of purpose: "met in Istanbul TO DISCUSS consular services", "set up a
    mechanism TO NORMALIZE the missions' work" -- what the event is for is what it is about
    (an "after ...", "because ..." or "when ..." clause is not)."""
    if c.dep_ != "advcl" or c.pos_ not in grammar.VERB_POS:
        return False
    kids = list(c.children)
    return (any(k.dep_ == "aux" and k.lower_ == "to" for k in kids)
            and all(k.lower_ in clause.purpose_marks for k in kids if k.dep_ == "mark"))


def _after_colon(c: Token) -> bool:
    """A clause right after a colon spells out what its head says: "agreed on four points:
    restoring embassies, forming negotiating teams, ..." -- the points are what was agreed."""
    start = c.left_edge.i
    return start > 0 and c.doc[start - 1].text == ":" and c.doc[start - 1].head.i == c.head.i


def clause_tokens(trig: Trigger, event_heads: set[int], clause: IssueClause) -> list[Token]:
    """The tokens of ``trig``'s own clause, in sentence order (see the module docstring).
    ``event_heads``: the trigger and anchor tokens of the sentence's events, whose complement
    clauses are theirs, not this event's."""
    trigger, anchor = trig.match.trigger, trig.anchor
    own = {trigger.i, anchor.i}
    meeting = trig.code.startswith(tuple(clause.meeting_codes))
    keep: dict[int, Token] = {}
    depth: dict[int, int] = {}             # the shallowest depth a token was reached at

    def walk(root: Token, skip: Optional[Token] = None) -> None:
        passive = any(c.dep_ == "auxpass" for c in root.children)
        stack = [(root, 0)]
        while stack:
            t, d = stack.pop()
            keep[t.i] = t
            depth[t.i] = min(d, depth.get(t.i, d))
            if d >= _MAX_DEPTH:       # the last word reached is read whole: "(the operation of)
                for c in t.children:  # their diplomatic missions", not "missions" alone
                    if c.dep_ in ("compound", "amod") and c.i < t.i:
                        keep[c.i] = c
                continue
            for c in t.children:
                if skip is not None and c.i == skip.i or depth.get(c.i, _MAX_DEPTH + 1) <= d + 1:
                    continue
                if c.dep_ in grammar.SUBJECT_DEPS + ("csubjpass", "expl") and not (passive and c.dep_ == "nsubjpass"
                                                                                     and t.i == root.i):
                    continue
                if c.dep_ in clause.other_clauses and not (_purpose(c, clause) and c.i not in event_heads) \
                        and not _after_colon(c):
                    continue
                if c.dep_ == "conj" and c.pos_ in grammar.VERB_POS and t.i in own:
                    continue      # "met and discussed X": another event; "agreed to restore Y and
                    # to set up Z" (a complement's conjunct) is this one's content
                if c.dep_ in ("ccomp", "xcomp") and c.i in event_heads and c.i not in own:
                    continue      # "said the sides discussed X": the discussion's, not the statement's
                if c.dep_ == "prep" and _where_or_when(c, clause, own | {root.i}):
                    continue
                if c.dep_ == "prep" and meeting and t.i in own and c.lower_ in clause.meeting_place_prepositions:
                    continue      # "met in Anchorage, in a territory ...": where they met
                # a conjunct stands where its head stands ("to work toward ending the war and to
                # restore the staffing of their embassies"), and a preposition is no step of its own
                stack.append((c, d if c.dep_ in ("conj", "prep") else d + 1))

    walk(trigger)
    if anchor.i != trigger.i:
        walk(anchor, skip=trigger)          # "held talks ... on sanctions" (attached to the verb)
    for noun in trig.match.tokens:          # the pattern's own noun carries its content at its own
        if noun.pos_ in grammar.NOUN_POS and noun.i != trigger.i:    # depth: "(agreed to) begin (...)
            walk(noun)                      # technical negotiations on a maritime truce"
    if trigger.pos_ in grammar.NOUN_POS:
        if trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.lemma_.lower() in clause.topic_predicates:
            walk(trigger.head, skip=trigger)    # "the talks focused on resuming embassy operations"
        topic = trigger.head.head if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" else None
        if topic is not None and topic.lemma_.lower() in clause.topic_nouns and topic.dep_ == "attr" \
                and topic.head.lemma_ == "be":
            for subj in (c for c in topic.head.children if c.dep_ == "nsubj"):
                walk(subj)                      # "embassy operations were the focus of the talks"
    for noun in trig.match.tokens:              # "(held) talks that focused on ..."
        if noun.pos_ in grammar.NOUN_POS:
            for c in noun.children:
                if c.dep_ == "relcl" and c.lemma_.lower() in clause.topic_predicates:
                    walk(c)
    gov = trig.governor
    if gov is not None and gov.i not in keep:
        for c in gov.children:              # "agreed with Kyiv on a prisoner swap to ..."
            if c.dep_ == "prep" and _phrase_at(c, clause.topic_prepositions):
                walk(c)
        # "agreed to restore the staffing of their embassies and to resume direct flights": the
        # governed complement's conjuncts that are no event of their own are agreed with it
        for c in gov.children:
            if c.dep_ in ("xcomp", "ccomp") and anchor.i in {c.i, *(k.i for k in c.conjuncts)}:
                for k in (c, *c.conjuncts):
                    if k.i not in keep and k.i not in event_heads:
                        walk(k)
    return sorted(keep.values(), key=lambda t: t.i)


def anaphoric(tokens: list[Token], clause: IssueClause) -> bool:
    """Does the clause name its topic by pointing back: "these issues", "those matters", "the
    same questions"?"""
    for t in tokens:
        if t.pos_ in grammar.NOUN_POS and t.lemma_.lower() in clause.anaphora_nouns:
            if any(c.dep_ in ("det", "amod") and c.lower_ in clause.anaphora_determiners for c in t.children):
                return True
    return False


def _naming_tokens(doc: Doc) -> set[int]:
    """Tokens that name an actor: the knowledge base's names, people's names and the titles
    before them ("Ambassador Richard Burt")."""
    mentions = doc._.mention_at or {}
    out = {i for i, m in mentions.items() if m.kind in _NAMING_KINDS}
    for t in doc:
        if t.ent_type_ == "PERSON":
            out.add(t.i)
            out.update(c.i for c in t.children if c.dep_ in ("compound", "amod") and c.i < t.i)
    return out


_PORTFOLIO_DEPS = frozenset({"compound", "amod", "nmod", "poss", "prep"})


def _portfolio_tokens(tokens: list[Token], clause: IssueClause) -> set[int]:
    """A title and what names its portfolio: "energy" in "the US energy secretary", "of Energy"
    in "the Minister of Energy"."""
    out: set[int] = set()
    for t in tokens:
        if t.pos_ in grammar.NOUN_POS and t.lemma_.lower() in clause.portfolio_heads:
            out.add(t.i)
            for c in t.children:
                if c.dep_ in _PORTFOLIO_DEPS and (c.dep_ != "prep" or c.lower_ == "of"):
                    out.update(x.i for x in c.subtree)
    return out


def _sentence_topic_tokens(sent, naming: set[int], clause: IssueClause) -> list[Token]:
    """The words of a whole sentence that may name a topic: not the actors' names, a title's
    portfolio, or a phrase of place or time ("at the embassy", "in Riyadh")."""
    words = list(sent)
    drop = naming | _portfolio_tokens(words, clause)
    for t in words:
        if t.dep_ == "prep" and _where_or_when(t, clause):
            drop.update(x.i for x in t.subtree)
    return [t for t in words if t.i not in drop]


# ------------------------------------------------------------------------- the component
class EventIssues:
    """Sets ``trigger.issues`` on every trigger of ``sent._.event_triggers`` (after
    ``event_modality``; reads ``doc._.mention_at`` from ``actor_mentions`` when present)."""

    def __init__(self, tokenizer, taxonomy: Optional[IssueTaxonomy] = None) -> None:
        self.taxonomy = taxonomy or issue_taxonomy()
        self.index = PhraseIndex(self.taxonomy, tokenizer)
        self.by_code: dict[str, list[str]] = {}
        for e in self.taxonomy.issues:
            for code in e.cameo:
                self.by_code.setdefault(code, []).append(e.id)

    def __call__(self, doc: Doc) -> Doc:
        naming = _naming_tokens(doc)
        clause = self.taxonomy.clause
        named: list[set[str]] = []          # the issues each sentence so far names, anywhere in it
        for sent in doc.sents:
            blocked = self.index.exclusions(sent)
            triggers = sent._.event_triggers or []
            heads = {t.match.trigger.i for t in triggers} | {t.anchor.i for t in triggers}
            for trig in triggers:
                tokens = clause_tokens(trig, heads, clause)
                drop = naming | _portfolio_tokens(tokens, clause)
                if trig.match.pattern.kind == "verb" and len(trig.match.tokens) > 1:
                    # the verb of a pattern with more words says what is done, its other words
                    # what it is about: "traded accusations" is no trade, "exchanged fire" no exchange
                    drop = drop | {trig.match.trigger.i}
                tokens = [t for t in tokens if t.i not in drop]
                found = self.index.find(tokens, blocked)
                if anaphoric(tokens, clause):       # "a follow-up meeting on these issues"
                    found.update(next((s for s in reversed(named[-_ANAPHORA_REACH:]) if s), ()))
                for code in (trig.match.pattern.code, trig.code):
                    found.update(self.by_code.get(code, ()))
                trig.issues = sorted(found)
            named.append(self.index.find(_sentence_topic_tokens(sent, naming, clause), blocked))
        return doc


@Language.factory("event_issues")
def make_event_issues(nlp: Language, name: str) -> EventIssues:
    """``nlp.add_pipe("event_issues")`` after ``event_modality`` (and ``actor_mentions``)."""
    return EventIssues(nlp.tokenizer)

