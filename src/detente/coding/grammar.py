"""Grammar helpers over spaCy's dependency parse, shared by the coder's components.

Each helper answers one question about a token's clause -- who is its subject, its object, the
"by" agent of a passive, the speaker of reported speech; is the clause negated, conditional,
future -- and knows the small model's common misparses.  The English words they look for come
from ``data/coding/words.yaml`` (:mod:`detente.coding.tables`); dependency labels, part-of-speech
tags and entity labels are spaCy's own and stay here.
"""
from __future__ import annotations

from typing import Iterable, Optional

from spacy.tokens import Span, Token

from ..nlp.syntax import near_subtree, unstopped
from .tables import modality_rules, words

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
AUX_DEPS = ("aux", "auxpass")
VERB_POS = ("VERB", "AUX")
NOUN_POS = ("NOUN", "PROPN")
PLACE_LABELS = ("GPE", "LOC")
# a dependent under one of these belongs to another clause, or names who rather than what
_OTHER_CLAUSES = {"relcl", "advcl", "parataxis", "ccomp"}
# (and a person addressed, "Mr. President, we welcome ...": see nlp.pipeline.vocative_repair)
_SUBJECTS_AND_EXPLETIVES = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "vocative"}

_W = words()
_INTENT_ADJECTIVES = modality_rules().intent_adjectives
_NECESSITY_NOUNS = modality_rules().necessity_nouns
_OWN_POSSESSIVES = modality_rules().own_possessives
# verbs of keeping someone from an act ("stopped Hungary from vetoing"): the one kept is its doer
_PREVENTING_VERBS = modality_rules().preventing_verbs


def subject(verb: Token) -> Optional[Token]:
    """The subject of ``verb``'s clause, looking up through complements, conjuncts, relative
    and participle clauses ("the party issued a statement condemning ...": the party)."""
    speaker = _speaker_of_misplaced_conjunct(verb)
    if speaker is not None:
        return speaker
    t = verb
    for _ in range(5):
        for c in t.children:
            if c.dep_ in SUBJECT_DEPS:
                if c.pos_ == "VERB" and c.tag_ in ("VBG", "VBN"):
                    # small-model misparse: "The Red Cross operating in Iraq said ...", "troops
                    # stationed in X said ..." -- the participle's own subject is the actor
                    own = next((g for g in c.children if g.dep_ == "nsubj" and g.pos_ in NOUN_POS), None)
                    if own is not None:
                        return own
                return c
        for c in t.children:  # small-model misparse: the subject hung on an auxiliary ("have been")
            if c.dep_ in AUX_DEPS:
                for cc in c.children:
                    if cc.dep_ in SUBJECT_DEPS:
                        return cc
        if t.dep_ == "xcomp" and t.head.lemma_.lower() in _W.causing_verbs:
            obj = next((c for c in t.head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj   # "the shelling prompted Thailand to close its border": Thailand closes it
        if t.dep_ in ("xcomp", "conj", "advcl", "acomp") and t.head.i != t.i:
            t = t.head
            continue
        if t.dep_ == "oprd" and t.pos_ == "ADJ" and t.head.lemma_.lower() in _W.unrealized_copulas:
            t = t.head   # "Russia seemed inclined to agree", the adjective read as the copula's predicate
            continue
        if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.lower_ in _W.cause_object_prepositions and \
                t.head.head.pos_ in VERB_POS:
            obj = next((c for c in t.head.head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj   # "punish New Delhi for buying Russian oil": New Delhi buys
        if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.lower_ == "from" and \
                t.head.head.pos_ in VERB_POS and t.head.head.lemma_.lower() in _PREVENTING_VERBS:
            obj = next((c for c in t.head.head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj   # "did not stop Hungary from vetoing the package": Hungary vetoes
        if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.head.pos_ in VERB_POS:
            t = t.head.head  # "resorted to throwing stones", "responded by expelling"
            continue
        if t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.head.lemma_.lower() in _W.culpable_adjectives:
            t = t.head.head  # "X is guilty of violating ...", "X was responsible for shelling ..."
            continue
        if t.dep_ == "relcl":
            return t.head
        if t.dep_ == "acl" and t.head.pos_ in NOUN_POS:
            if issued_statement(t) or issued_statement(t, _W.law_nouns):
                return subject(t.head.head)  # "the party issued a statement condemning ...": the party
            return t.head
        break
    return None


def misread_main_verb(sent: Span) -> Optional[Token]:
    """Small-model misparse: in "Doctors from two aid groups donated and delivered goods to ..."
    the sentence has no verb root and its past-tense verb is read as a participle describing a
    noun. The first such participle of a verbless sentence is its main verb, unless it is a
    passive ("goods donated by ...", or with nothing of its own or its conjunct's -- no object,
    subject or complement, ``participle_clause_deps``: "two soldiers killed in a drone strike",
    the passive of a headline)."""
    if sent.root.pos_ not in NOUN_POS:
        return None
    first = next((t for t in sent if t.dep_ == "acl" and t.tag_ == "VBN"), None)
    if first is None or any(c.dep_ in ("agent", "auxpass") for c in first.children):
        return None
    if not any(c.dep_ in _W.participle_clause_deps for v in (first, *(c for c in first.children if c.dep_ == "conj"))
               for c in v.children):
        return None     # with nothing done to: a headline's passive ("two soldiers killed in a drone strike")
    return first


def phrasal_particles(verb_lemma: str) -> frozenset[str]:
    """The particles that make ``verb_lemma`` another verb ("kick" -> {"off"}: "kicked off")."""
    return _W.phrasal_verbs.get(verb_lemma, frozenset())


def phrasal_particle(verb: Token) -> Optional[Token]:
    """The particle that makes ``verb`` another verb ("kicked off the talks", "backed out of the
    deal"), or None."""
    particles = phrasal_particles(verb.lemma_.lower())
    if not particles:
        return None
    return next((c for c in verb.children if c.lower_ in particles and is_particle(c)), None)


def of_a_record(word: Token, slots) -> bool:
    """Is ``word`` the "of" object of a noun for a record of it, which no slot names ("exchanged
    lists of prisoners", "handed over the names of the hostages")?  The act is on the record,
    not on what it lists."""
    if word.dep_ != "pobj" or word.head.lower_ != "of":
        return False
    holder = word.head.head
    return holder.lemma_.lower() in _W.record_nouns and not any(holder.lemma_.lower() in s for s in slots)


def in_the_setting(word: Token, trigger: Token, slots) -> bool:
    """Is ``word`` the object of a phrase of setting (``setting_prepositions``) on the verb's
    object, or on the verb beside an object, where neither the object nor the preposition is a
    word of the pattern -- "declared victory in the war", "declared a truce during the war"?  The
    act is on the object; the war is where or when it happened, nothing declared."""
    prep = word.head
    if word.dep_ != "pobj" or prep.lower_ not in _W.setting_prepositions or \
            any(prep.lower_ in s for s in slots):
        return False
    holder = prep.head
    if holder.i == trigger.i:
        holder = next((c for c in trigger.children if c.dep_ == "dobj"), None)
        if holder is None:
            return False
    elif holder.dep_ != "dobj" or holder.head.i != trigger.i:
        return False
    if holder.ent_type_ in ("MONEY", "CARDINAL", "QUANTITY") or holder.lemma_.lower() in _W.currency_nouns:
        return False    # what an amount is in is what is given: "pledged 2 billion euros in aid"
    return not any(holder.lemma_.lower() in s for s in slots)


def in_an_adverbial_phrase(word: Token, trigger: Token, slots) -> bool:
    """Is ``word`` the noun of an "in support of", "in solidarity with" phrase on the verb
    (``adverbial_in_nouns``), the pattern naming no "in"?  The phrase tells how the act was
    done: "rallied in support of the jailed mayor" rallies no support."""
    prep = word.head
    return word.dep_ == "pobj" and prep.lower_ == "in" and prep.head.i == trigger.i and \
        word.lemma_.lower() in _W.adverbial_in_nouns and not any("in" in s for s in slots) and \
        any(c.dep_ == "prep" and c.lower_ in ("of", "with") for c in word.children)


def closes_its_phrase(prep: Token, noun: Token) -> bool:
    """Is ``prep`` (a preposition of the pattern) hung by the parser on the last noun of
    ``noun``'s "of" or topic phrases, closing them -- "raised the issue of detained Americans
    [with Lavrov]", "raised concerns about the detention of citizens [with Lavrov]"?  The
    phrase at the end of the clause goes with the verb, as the pattern reads it."""
    # (closing: only phrases of place or time may follow it under the same noun, "with Lavrov in
    # Riyadh")
    if prep.pos_ != "ADP" or not any(c.dep_ == "pobj" for c in prep.children) or \
            any(c.i > prep.i and c.dep_ != "prep" for c in prep.head.children) or \
            prep.lower_ == "with" and prep.head.lemma_.lower() in _W.with_complement_nouns:
        return False
    head = prep.head
    for _ in range(4):
        if head.i == noun.i:
            return True
        if head.dep_ != "pobj" or head.head.lower_ not in _W.topic_prepositions and head.head.lower_ != "of":
            return False
        head = head.head.head
    return False


def needed_of_someone(verb: Token) -> Optional[Token]:
    """The noun of need whose infinitive or gerund ``verb`` is, with a doer of its own -- "stressed
    the need for Russia to agree to a ceasefire", "underscored the importance of Russia agreeing"
    -- when that noun is the object of a verb or a preposition; None otherwise."""
    need = verb.head if verb.dep_ in ("acl", "relcl", "advcl") else \
        verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "of" else None
    if need is None or need.pos_ != "NOUN" or need.lemma_.lower() not in _NECESSITY_NOUNS or \
            need.dep_ not in ("dobj", "pobj", "attr") or need.head.pos_ not in VERB_POS + ("ADP",):
        return None
    if not any(c.dep_ in ("nsubj", "nsubjpass") or c.dep_ == "mark" and c.lower_ == "for" for c in verb.children):
        return None
    return need


def closing_prepositions(obj: Token) -> list[Token]:
    """The prepositions in ``obj``'s phrase that close its "of" or topic phrases (see
    :func:`closes_its_phrase`), in order: "raised the issue of detained Americans [with] Lavrov"."""
    return [t for t in obj.subtree if t.i != obj.i and t.pos_ == "ADP" and closes_its_phrase(t, obj)]


def judging_clause(verb: Token) -> Optional[Token]:
    """Of the that-clauses of a verb of saying, the one that judges -- its first clause of "be"
    ("said the attacks were outrageous, and that Iran reserved all options"), else its first."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    return next((c for c in clauses if c.lemma_ == "be"), clauses[0] if clauses else None)


def need_denied(verb: Token, need: Token) -> bool:
    """Is the need ``verb`` is asked by denied -- "there was no need for Russia to ...", "did not
    see the need for ...", "the need for Russia not to ..."?"""
    return negated(verb) or any(c.dep_ == "det" and c.lower_ == "no" for c in need.children) or \
        need.head.pos_ in VERB_POS and negated(need.head)


def other_sense(word: Token) -> Optional[Token]:
    """The object or modifier that makes ``word`` another word, as ``words.yaml``'s
    ``other_senses`` lists them: "met its obligations" (no meeting), "fight corruption" (no
    fighting), "a trade war", "a press conference"; also after "against"/"on" ("the war on drugs"),
    and a noun's "of" ("the release of the report": no one freed)."""
    if word.lemma_.lower() in _W.that_clause_senses and word.pos_ in VERB_POS:
        clause = next((c for c in word.children if c.dep_ == "ccomp" and
                       any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        if clause is not None:
            return clause     # "must demonstrate that it is serious": shown, no protest
    senses = _W.other_senses.get(word.lemma_.lower())
    if not senses:
        return None
    if word.pos_ in VERB_POS:
        passive = any(c.dep_ == "auxpass" for c in word.children)
        deps = ("dobj", "nsubjpass") if passive else ("dobj",)
    else:
        deps = ("compound", "amod", "nmod")
    def armed(noun: Token) -> bool:
        # "mobilized 4.5 million militia members": members of a force are the force
        return any(m.dep_ in ("compound", "amod") and m.lemma_.lower() in _W.force_nouns for m in noun.children)
    for c in word.children:
        if c.dep_ in deps and c.lemma_.lower() in senses and not armed(c):
            return c
        if c.dep_ in deps:
            # "mobilized thousands of voters": the quantity's "of" phrase names what is taken
            hit = next((p for p in counted(c) if p.lemma_.lower() in senses and not armed(p)), None)
            if hit is not None:
                return hit
        # (and a noun's "of" phrase, what its verb takes as object: "ordered the release of the report")
        if c.dep_ == "prep" and (c.lower_ in _W.other_sense_prepositions or
                                 c.lower_ == "of" and word.pos_ not in VERB_POS):
            hit = next((p for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in senses), None)
            if hit is not None:
                return hit
    # an object the parser hung elsewhere, right after a verb left with none: "China and Japan
    # traded accusations over Takaichi's remarks" ("accusations" read as a later verb's subject)
    nxt = noun_after_objectless_verb(word) if word.pos_ in VERB_POS else None
    return nxt if nxt is not None and nxt.lemma_.lower() in senses else None


def noun_after_objectless_verb(verb: Token) -> Optional[Token]:
    """The noun right after ``verb`` in its sentence when ``verb`` has no direct object -- often
    its object, hung elsewhere by the parser ("traded accusations over Takaichi's remarks",
    "accusations" read as a later verb's subject); None otherwise."""
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < verb.sent.end else None
    if nxt is None or nxt.pos_ != "NOUN" or any(c.dep_ == "dobj" for c in verb.children):
        return None
    return nxt


def relative_object_antecedent(verb: Token) -> Optional[Token]:
    """The noun whose non-restrictive relative clause ``verb`` is in, when its object is the
    relative pronoun: "proposed a truce, which the RSF said it accepted" -> "truce".  Only after a
    comma: a clause that adds news of the noun, not one that picks it out ("the sanctions that
    Washington imposed in 2022" names which sanctions, no new act)."""
    if not any(c.dep_ == "dobj" and c.lower_ in _W.nonrestrictive_relative_pronouns for c in verb.children):
        return None
    clause = verb
    while clause.dep_ in ("ccomp", "xcomp") and clause.head.i != clause.i:
        clause = clause.head      # "which the RSF said it accepted"
    if clause.dep_ != "relcl" or clause.head.pos_ not in NOUN_POS:
        return None
    first = clause.left_edge.i
    if first == 0 or clause.doc[first - 1].text != ",":
        return None
    return clause.head


def below_a_clause(tok: Token, head: Token) -> bool:
    """Does ``tok`` hang from ``head`` through a clause of its own -- a verb between them ("a
    deal to jointly hunt [submarines]" below "signed")?"""
    node = tok.head
    while node.i != head.i and node.head.i != node.i:
        if node.pos_ in VERB_POS:
            return True
        node = node.head
    return False


def singular(noun: Token) -> str:
    """A noun's lemma, with a name's plural made singular: a plural noun in a name keeps its -s as
    its lemma ("the Abraham Accords", "the Minsk Agreements": accord, agreement)."""
    low = noun.lemma_.lower()
    return low[:-1] if noun.pos_ == "PROPN" and low.endswith("s") else low


def counted(tok: Token) -> list[Token]:
    """What a quantity head counts: the "of" objects of "thousands", "a group", "a number" ...
    (``quantity_heads``); none for any other word."""
    if tok.lower_ in _W.quantity_heads or tok.lemma_.lower() in _W.quantity_heads:
        return prep_objects(tok, ("of",))
    return []


def takes_nothing(verb: Token) -> bool:
    """Is ``verb`` one of ``object_verbs`` with nothing it acts on -- no object, clause, passive
    subject, nor a noun it modifies or a coordinated verb that could share one?  "Secretary
    Rubio, welcome back to the program" greets; "welcomed the decision" endorses."""
    if verb.lemma_.lower() not in _W.object_verbs or verb.pos_ not in VERB_POS:
        return False
    if verb.dep_ in ("conj", "acl", "relcl", "amod") or any(c.dep_ == "conj" for c in verb.children):
        return False
    return not any(c.dep_ in ("dobj", "ccomp", "xcomp", "nsubjpass", "auxpass", "dative", "attr", "oprd")
                   for c in verb.children)


def is_particle(tok: Token) -> bool:
    """A particle, not a preposition with its own object: "gave in", "walked out of the talks" --
    not "in Nairobi"."""
    return tok.dep_ == "prt" or tok.dep_ in ("prep", "advmod") and not any(c.dep_ == "pobj" for c in tok.children)


def is_question(sent: Span) -> bool:
    """Does the sentence ask rather than tell ("Did Trump discuss sanctions with Putin?")?"""
    last = next((t for t in reversed(sent) if not t.is_space and not (t.is_punct and t.text != "?")), None)
    return last is not None and last.text == "?"


def presupposing_question(sent: Span) -> bool:
    """Does the sentence ask why or how something was done -- which takes the deed
    as told ("Why did Trump sanction Rosneft?", "How is China helping Russia?") -- rather than
    whether it was ("Did Trump sanction Rosneft?"), or would or could be ("Why would Russia attack
    NATO?": its modal auxiliary)?"""
    words = [t for t in sent if not (t.is_punct or t.is_space)][:2]
    return len(words) == 2 and words[0].lower_ in _W.presupposing_question_words and words[1].tag_ != "MD"


def question_infinitive(tok: Token) -> bool:
    """Is ``tok`` a to-infinitive that an interrogative word opens -- an open question, not an
    act: "how much military aid to send", "which targets to strike", "where to hold the talks"?"""
    if not infinitival(tok):
        return False
    start = tok.left_edge.i     # (the question word opens the clause, or follows its first word)
    return any(t.lower_ in _W.interrogative_words for t in tok.doc[start:min(start + 2, tok.i)])


def asks_a_question(verb: Token) -> bool:
    """Is ``verb`` a verb of asking whose clause is an indirect question -- "Putin asked who
    would monitor a truce", "asked whether Ukraine would use the pause" -- a question put, not a
    request made?"""
    if verb.lemma_.lower() not in _W.question_verbs or any(c.dep_ in ("dobj", "dative") for c in verb.children):
        return False
    return any(c.dep_ == "ccomp" and (verb.doc[c.left_edge.i].lower_ in _W.interrogative_words or
                                      any(m.dep_ == "mark" and m.lower_ in _W.question_marks for m in c.children))
               for c in verb.children)


def in_indirect_question(tok: Token) -> bool:
    """Is ``tok`` inside an indirect question (:func:`asks_a_question`): "asked whether Ukraine
    would use the pause to mobilize and rearm" tells no rearming."""
    t = tok
    for _ in range(8):
        if t.head.i == t.i:
            return False
        if t.dep_ == "ccomp" and asks_a_question(t.head):
            return True
        if t.dep_ in ("ccomp", "pcomp", "csubj") and t.left_edge.lower_ == "how" and t.left_edge.tag_ == "WRB":
            return True     # "depends on how much pressure Washington is willing to apply": a degree asked
        t = t.head
    return False


def inverted_question(tok: Token) -> bool:
    """Is ``tok`` in a clause that asks, its auxiliary before its subject at the clause's start,
    though the sentence does not end in "?": "We're going to focus on this: Are they going to stop
    fighting or not", "The question is: will Russia agree to a ceasefire"."""
    t = tok
    for _ in range(6):
        if t.pos_ in VERB_POS:
            aux = next((c for c in t.children if c.dep_ == "aux" and c.tag_ in ("MD", "VBP", "VBZ", "VBD")), None)
            subj = next((c for c in t.children if c.dep_ in SUBJECT_DEPS), None)
            if aux is not None and subj is not None and aux.i < subj.i <= tok.i and aux.i < tok.i:
                before = aux.doc[aux.i - 1] if aux.i > aux.sent.start else None
                if before is None or before.text in _QUESTION_OPENERS:
                    return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


# what may come right before the auxiliary of a question inside a sentence
_QUESTION_OPENERS = frozenset([":", "—", "–", "-", '"', "“", "("])


def background_clause(tok: Token) -> bool:
    """Does ``tok`` head a clause that tells what happened before (or after) the news ("since
    Russia launched its invasion", "after Estonia expelled ...", "before meeting Putin", a
    relative clause in the pluperfect: "whom they had taken hostage"), or a "since" phrase ("the
    first visit since Russia's invasion"), or a stretch of time after one ("six months after the
    first talks in Riyadh")?"""
    if tok.dep_ == "pcomp":
        return tok.head.lower_ in _W.background_clause_marks
    if tok.dep_ == "pobj":
        if tok.head.lower_ in _W.sequence_prepositions and any(
                c.dep_ == "npadvmod" and c.lemma_.lower() in _W.duration_units for c in tok.head.children):
            return True     # "six months after the first talks in Riyadh": that long ago
        return tok.head.lower_ in _W.background_phrase_marks
    if tok.pos_ in NOUN_POS and tok.left_edge.i > tok.sent.start:
        # the word before the noun phrase, however the small model hung it ("the first visit
        # since Russia's invasion took place", "since" read as the main verb's mark)
        return tok.doc[tok.left_edge.i - 1].lower_ in _W.background_phrase_marks
    if tok.dep_ == "relcl" and any(c.dep_ in AUX_DEPS and c.lower_ in _W.pluperfect_aux for c in tok.children):
        return True  # "the prime minister, whom they had taken hostage two weeks ago": done before
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _W.background_clause_marks
                                       for c in tok.children)


def reciprocal_object(verb: Token) -> bool:
    """Does ``verb`` take "each other" or "one another" as its object, or after its preposition
    or its object's ("accused each other of ...", "talked with one another", "expressed respect
    for each other"), or as their possessor ("expelled diplomats from each other's missions")?"""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    # (and after the object's own preposition: "expressed respect for each other")
    objects += [p for o in objects if o.dep_ == "dobj" for c in o.children if c.dep_ == "prep"
                for p in c.children if p.dep_ == "pobj"]
    objects += [p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    objects += [c for o in objects for c in o.children if c.dep_ == "poss"]
    for o in objects:
        pair = (o.doc[o.i - 1].lower_, o.lower_) if o.i > 0 else ("", o.lower_)
        nxt = (o.lower_, o.doc[o.i + 1].lower_) if o.i + 1 < len(o.doc) else (o.lower_, "")
        if pair in (("each", "other"), ("one", "another")) or nxt == ("one", "another"):
            return True
    return False


def third_party_object(verb: Token, words) -> bool:
    """Does ``verb`` take as its object, or after its preposition, a word for parties other than
    its subjects ("will engage with others", "work with partners")?  Then two subjects do it
    together, not with each other."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    objects += [p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    return any(o.lemma_.lower() in words or o.lower_ in words for o in objects)


def asserts_a_future(verb: Token, future_aux: Iterable[str]) -> bool:
    """Does ``verb`` take a that-clause in the future ("insisted that Kyiv would not accept any
    deal", "insists Russia will win") -- an assertion, where "must"/"should" would be a demand?"""
    return any(c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in future_aux for a in c.children)
               for c in verb.children)


def habitual(verb: Token) -> bool:
    """Is ``verb`` in the simple present with an adverb of frequency or a "when(ever)" clause --
    what someone does as a rule, not an act of the news: "I speak to him when it's necessary",
    "the two sides regularly exchange prisoners", "journalists are routinely harassed" -- or
    told as a tally of occasions ("have clashed on several occasions"), or in the simple present
    at a rate ("export 3.1 million barrels a day") or restricted ("it only targets military
    sites")?  (A headline's simple present -- "Russia and
    Ukraine hold talks" -- has none of these.)"""
    if any(c.dep_ == "prep" and c.lower_ == "on" and any(o.dep_ == "pobj" and o.lemma_.lower() in _W.occasion_nouns
                                                          and o.tag_ == "NNS" for o in c.children)
           for c in verb.children):
        return True     # "have clashed with police on several occasions": a tally, not an act
    present = verb.tag_ in ("VBP", "VBZ") or verb.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.tag_ in ("VBP", "VBZ") for c in verb.children)   # "are routinely harassed"
    if not present:
        return False
    if _at_a_rate(verb):
        return True
    if any(c.dep_ == "advmod" and c.lower_ in _W.restriction_adverbs
           for p in [verb] + [o for o in verb.children if o.dep_ == "dobj"] for c in p.children):
        return True     # "it only targets military sites", "strikes only military targets": a rule
    if verb.dep_ in ("advcl", "relcl") and any(m.dep_ in ("mark", "advmod") and m.lower_ in _W.habit_marks
                                              for m in verb.children):
        return True     # the "whenever" clause itself: "whenever Russia attacks Kyiv, ..."
    return any(c.dep_ == "advmod" and c.lower_ in _W.frequency_adverbs or
               c.dep_ == "advcl" and any(m.dep_ in ("mark", "advmod") and m.lower_ in _W.habit_marks
                                         for m in c.children) or
               c.dep_ in ("npadvmod", "advmod") and c.lemma_.lower() in _W.habit_time_nouns and
               any(d.dep_ == "det" and d.lower_ in _W.habit_time_determiners for d in c.children)
               for c in verb.children)


def _at_a_rate(verb: Token) -> bool:
    """Does an amount per day, week, month or year hang on ``verb`` or its object ("exports 3.1
    million barrels a day", "sells gas annually")?"""
    phrases = [verb] + [c for c in verb.children if c.dep_ in ("dobj", "attr")]
    for p in phrases:
        for c in p.children:
            if c.dep_ == "advmod" and c.lower_ in _W.rate_adverbs:
                return True
            if c.dep_ == "npadvmod" and c.lemma_.lower() in _W.rate_nouns and c.tag_ == "NN" and \
                    any(d.dep_ == "det" and d.lower_ in _W.rate_determiners for d in c.children):
                return True
            if c.dep_ == "prep" and c.lower_ == "per" and any(o.lemma_.lower() in _W.rate_nouns for o in c.children):
                return True
    return False


def generic_opinion(verb: Token) -> bool:
    """Is ``verb`` in the simple present with a generic subject -- "many residents blame the
    government", "the president's critics accuse him of authoritarian tendencies" -- a standing
    view of some people, not an act of the news?  So is what they want done ("some lawmakers want
    to give Ukraine more weapons")."""
    if verb.dep_ == "xcomp" and verb.head.tag_ == "VBP":
        verb = verb.head
    if verb.tag_ != "VBP":
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.tag_ != "NNS":
        return False
    return subj.lemma_.lower() in _W.commentator_nouns or any(
        c.dep_ in ("det", "amod") and c.lower_ in _W.generic_quantifiers for c in subj.children)


def told_as_past(verb: Token) -> bool:
    """Is ``verb`` set in times gone by -- "have been accused of abuses in the past", "had
    previously detained him", "refused to disarm in previous rounds of talks", done by "previous
    administrations" -- rather than told
    as news (``past_time_adverbs``, "in the past", ``past_time_modifiers``)?"""
    if any(c.dep_ == "advmod" and c.lower_ in _W.past_time_adverbs for c in verb.children):
        return True
    if any(c.dep_ == "nsubj" and any(m.dep_ == "amod" and m.lower_ in _W.past_time_modifiers for m in c.children)
           for c in verb.children):
        return True     # "previous U.S. administrations imposed sanctions on Russia": their time, gone by
    # a phrase on the verb or on one of its phrases, not inside a clause of its own: "in the past"
    # ("accused of abuses in the past"), or "in/during" a time named as gone by, on a verb the verb
    # governs ("has refused to disarm in previous rounds of talks"). The text is looked at first:
    # most verbs have no such phrase
    # (the span's own text: the doc's would be rebuilt from every token on each call)
    span_text = verb.doc[verb.left_edge.i:verb.right_edge.i + 1].text.lower()
    periods = [p for p in _W.historical_periods if p in span_text]
    if not periods and not any(w in span_text for w in _W.past_time_nouns | _W.past_time_modifiers):
        return False
    for t in verb.subtree:
        if t.dep_ != "prep":
            continue
        objects = [o for o in t.children if o.dep_ == "pobj"]
        in_the_past = t.lower_ == "in" and any(o.lower_ in _W.past_time_nouns for o in objects)
        in_past_time = t.lower_ in _W.past_time_prepositions and t.head.pos_ in VERB_POS and any(
            m.dep_ == "amod" and m.lower_ in _W.past_time_modifiers for o in objects for m in o.children)
        # "during the Second World War", "in Soviet times": an era gone by
        in_an_era = bool(periods) and t.lower_ in _W.past_time_prepositions and any(
            p in " ".join(w.lower_ for w in o.subtree) for o in objects for p in periods)
        if (in_the_past or in_past_time or in_an_era) and _in_own_clause(t, verb):
            return True
    return False


def _in_own_clause(tok: Token, verb: Token) -> bool:
    """Is ``tok`` (in ``verb``'s subtree) in ``verb``'s own clause, not in a clause of its own
    (relative, adverbial, paratactic, complement)?"""
    h = tok
    while h.i != verb.i and h.dep_ not in _OTHER_CLAUSES and h.head.i != h.i:
        h = h.head
    return h.i == verb.i


def undated_perfect(verb: Token) -> bool:
    """Is ``verb`` in the active perfect ("has drained", "have reshaped") with no time of its own?"""
    if verb.tag_ != "VBN" or not any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children):
        return False
    own_phrases = [t for c in verb.children if c.dep_ not in ("nsubj", "ccomp", "advcl", "conj") for t in c.subtree]
    return not any(t.ent_type_ in ("DATE", "TIME") for t in own_phrases)


def running_toll(verb: Token) -> bool:
    """Is ``verb`` a verb of harm in the active perfect whose subject is a war, conflict or
    unrest itself (``toll_subjects``) -- "the war in Yemen has killed more than 150,000 people",
    "fighting has displaced millions" -- with no time of its own: the running toll of a
    conflict, background to the news, not an attack? ("Fighting in Gaza killed 40 people on
    Tuesday" and "the fighting has killed 30 people since Sunday" are news.)"""
    if verb.lemma_.lower() in _W.toll_verbs and verb.dep_ == "conj" and verb.tag_ in ("VBN", "VBD") and \
            verb.head.pos_ in VERB_POS and not any(c.dep_ in ("nsubj", "aux") for c in verb.children):
        # "has killed or wounded hundreds of thousands", "has killed thousands and displaced
        # millions": the second verb shares the first one's perfect and subject (the tagger may
        # read it as a past tense)
        return running_toll(verb.head)
    if verb.lemma_.lower() not in _W.toll_verbs:
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subj is not None and subj.lemma_.lower() in _W.toll_subjects and undated_perfect(verb)


def conflict_onset(verb: Token) -> bool:
    """Is ``verb`` in the "when" clause that tells how a war or crisis began -- "the war began
    when Hamas-led militants attacked southern Israel" -- its origin, told as background?"""
    t = verb
    for _ in range(4):     # (or what that clause's act did: "..., killing about 1,200 people")
        if t.dep_ == "advcl" and any(c.dep_ in ("advmod", "mark") and c.lower_ == "when" for c in t.children):
            main = t.head
            subj = next((c for c in main.children if c.dep_ == "nsubj"), None)
            return main.lemma_.lower() in _W.onset_verbs and subj is not None and \
                subj.lemma_.lower() in _W.toll_subjects
        if t.dep_ not in ("conj", "advcl", "xcomp") or t.head.i == t.i:
            return False
        t = t.head
    return False


def in_perfect_aside(tok: Token) -> bool:
    """Is ``tok`` in (or heading) a relative clause set off by a comma and told in the perfect:
    "the Bolivian government, which has accused Chile of blocking its access to the sea, said
    ..." -- what an aside says someone has done is background to the news the sentence tells."""
    t = tok
    for _ in range(8):
        if t.dep_ == "relcl" and t.left_edge.i > t.sent.start and t.doc[t.left_edge.i - 1].text == "," \
                and any(c.dep_ in AUX_DEPS and c.lower_ in _W.perfect_aux for c in t.children):
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def standing_noun(noun: Token) -> Token:
    """The noun whose place in the sentence an event noun takes: the "agreement", "deal" or "plan"
    it modifies ("wanted a ceasefire agreement with Moscow" places the ceasefire as the agreement
    is), else the noun itself."""
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN" and noun.head.lemma_.lower() in _W.compound_event_heads:
        return noun.head
    return noun


def _denial_of_claim(noun: Token) -> Token | None:
    """The denial verb whose claim ``noun`` is ("a charge Kyiv denies": "denies"), or None.  The
    parser hangs a claim set off without "that" in several ways: as the verb's object, the passive's
    subject, the head of a relative clause -- or, where the denier's name has two words, as the
    verb's subject ("..., a charge Phnom Penh denied", the capital read as its apposition) or as
    a modifier of the name ("..., a charge Abu Dhabi denied")."""
    if noun.lemma_.lower() not in _W.denied_claim_nouns or noun.pos_ not in NOUN_POS:
        return None
    head = noun.head.head if noun.dep_ == "compound" and noun.head.dep_ == "nsubj" else noun.head
    if noun.dep_ in ("dobj", "nsubjpass", "nsubj", "compound") and head.pos_ in VERB_POS and \
            head.lemma_.lower() in _W.denial_verbs:
        return head
    return next((c for c in noun.children if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in _W.denial_verbs), None)


def _denied_claim_after(tok: Token) -> bool:
    """Does the sentence append, after ``tok``, a claim that someone denies ("..., a claim Kyiv
    denied", "..., a charge Moscow denies")?"""
    return any(t.i > tok.i and _denial_of_claim(t) is not None for t in tok.sent)


def _reported(tok: Token) -> bool:
    """Is ``tok``'s clause what a speech verb reports ("Russia said Ukraine had shelled ...")?"""
    t = tok
    for _ in range(5):
        if t.dep_ == "ccomp" and t.head.lemma_.lower() in _W.speech_verbs:
            return True
        if t.dep_ not in ("xcomp", "ccomp", "conj", "advcl") or t.head.i == t.i:
            return False
        t = t.head
    return False


def told_before_denied_claim(clause: Token) -> bool:
    """Is ``clause`` the writer's, set before "a charge/claim ... denies" that the parser hung it
    under ("Russia accused Ukraine of shelling the plant, a charge Kyiv denies")?  The denial is of
    the claim noun's content; the clause itself (the accusation) was made."""
    verb = clause.head
    return clause.dep_ == "ccomp" and any(clause.i < c.i and _denial_of_claim(c) == verb
                                          for c in verb.subtree)


def denied(tok: Token) -> bool:
    """Is ``tok``'s clause what someone denies: the complement of "deny" ("denied that it had
    agreed", "has long denied seeking nuclear weapons"), a report followed by a claim denied
    ("Russia said Ukraine had shelled the plant, a claim Kyiv denied"), or of a report, claim or
    allegation that is denied ("denied reports that ..."), or what someone did not confirm or say
    ("did not confirm that Putin had agreed")?"""
    if _reported(tok) and _denied_claim_after(tok):
        return True     # "Russia said Ukraine had shelled the plant, a claim Kyiv denied"
    t, through_clause = tok, False
    for _ in range(5):
        if t.head.i == t.i:
            return False
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in _W.hearsay_nouns:
            # "denied reports of a meeting between Putin and Zelensky": the meeting reported
            t, through_clause = t.head.head, True
            continue
        if t.dep_ in ("ccomp", "acl", "relcl", "advcl", "xcomp", "dobj", "conj"):
            through_clause = through_clause or t.dep_ in ("ccomp", "acl") or t.dep_ == "xcomp" and t.tag_ == "VBG"
        else:
            return False
        clause, t = t, t.head
        if t.pos_ in VERB_POS and t.lemma_.lower() in _W.denial_verbs:
            # (the clause told before "a charge Kyiv denies" was made; what it reports stays denied)
            return through_clause and not (clause is tok and told_before_denied_claim(clause))
        if through_clause and t.pos_ in VERB_POS and t.lemma_.lower() in _W.confirming_verbs and negated(t):
            return True     # "the Kremlin did not confirm that Putin had agreed to meet": not asserted
    return False


def alleged(tok: Token) -> bool:
    """Is ``tok`` what an accusation or allegation says someone did -- the "of" phrase or
    "that"-clause of such a noun ("rejected accusations of attacking civilians", "allegations of
    torture", "claims that its troops had shelled the town")?  Whoever makes or denies the claim,
    the act itself is told by no one as done.  ("In charge of" is no claim.)"""
    t = tok
    for _ in range(4):
        while t.dep_ == "conj" and t.head.i != t.i:
            t = t.head      # "accusations of shelling and killing civilians"
        head = t.head
        if head.i == t.i:
            return False
        if t.dep_ in ("pcomp", "pobj") and head.lower_ == "of":
            claim = head.head
        elif t.dep_ == "acl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children):
            claim = head
        else:
            return False
        if claim.pos_ in NOUN_POS and claim.lemma_.lower() in _W.alleging_nouns:
            return not (claim.dep_ == "pobj" and claim.head.lower_ == "in")
        t = claim
    return False


def topic_frame(verb: Token) -> list[Token]:
    """The party a sentence opens on as its topic, before the clause of ``verb``: "As for the
    Americans, we are ready ...", "Regarding Ukraine, ...", "With regard to Japan, ..." (words.yaml
    ``topic_frames``); nothing when the sentence opens otherwise."""
    sent = verb.sent
    words = [t.lower_ for t in sent[:4]]
    for frame in _W.topic_frames:
        n = len(frame.split())
        if words[:n] != frame.split():
            continue
        last = sent[n - 1]
        objects = [c for c in last.children if c.dep_ == "pobj"]
        if objects and all(o.i < verb.i for o in objects):
            return [o for obj in objects for o in (obj, *obj.conjuncts)]
    return []


def misread_noun(tok: Token) -> bool:
    """A noun the tagger read as a bare verb: the object of a preposition cannot be a verb's base
    form ("open to dialogue with the United States", "dialogue" tagged VB)."""
    return tok.dep_ == "pobj" and tok.tag_ == "VB"


def dates_only(prep: Token) -> bool:
    """Is every object of the preposition a date or time ("on Monday", "in March")?"""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objs) and all(o.ent_type_ in ("DATE", "TIME") for o in objs)


def gerund_subject(tok: Token) -> bool:
    """Is ``tok`` a gerund that is a clause's subject with no subject, object or auxiliary of its own
    ("Fighting between the army and the RSF resumed", not "Stopping the war is the goal")?"""
    return tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "nsubjpass") and \
        not any(c.dep_ in ("nsubj", "dobj", "aux", "auxpass", "ccomp", "xcomp") for c in tok.children)


def policy_rule(verb: Token) -> bool:
    """Is ``verb`` a rule a party keeps, not an act: denied in the simple present with "do", towards
    things or people of a kind, not named ones ("We do not negotiate with terrorists", "does not pay
    ransoms to kidnappers" -- not "does not recognize the elections in Moldova", "does not
    negotiate with Hamas")?"""
    if not any(c.dep_ == "aux" and c.lemma_ == "do" and c.tag_ in ("VBP", "VBZ") for c in verb.children) \
            or not negated(verb):
        return False
    mentions = verb.doc._.mention_at or {}
    objects = [c for c in verb.children if c.dep_ == "dobj"] + prep_objects(verb, ("with", "to", "against"))
    return bool(objects) and all(
        o.tag_ == "NNS" and (o.i not in mentions or mentions[o.i].kind == "agent")
        and not any(d.dep_ in ("det", "poss", "nummod") for d in o.children)
        for o in objects)


def standing_position(verb: Token) -> bool:
    """"The Kremlin has long sought to ...", "Moscow has always opposed ...", "have expelled dozens
    of diplomats over the past decade", "has conducted dozens of missile tests since 2022": a
    position held or acts done over years, in the perfect with an adverb of standing, a span of
    years up to now or "since" a year, not an act at the story's time."""
    if bare_participle_conjunct(verb):
        return standing_position(verb.head)    # "had been killed or injured ...": as its head
    if not any(c.dep_ == "aux" and c.lower_ in _W.perfect_aux for c in verb.children):
        return False
    if any(c.dep_ == "advmod" and c.lower_ in _W.standing_adverbs for c in verb.children):
        return True
    # (the phrases a coordinated participle shares: "had been killed or injured in Gaza since
    # October 2023" hangs the "since" on "injured")
    phrases = [*verb.children, *(c for v in verb.children if bare_participle_conjunct(v) for c in v.children)]
    # ... or since a year named ("Pyongyang has conducted dozens of missile tests since 2022")
    if any(t.ent_type_ == "DATE" and t.like_num and len(t.text) == 4
           for c in phrases if c.dep_ == "prep" and c.lower_ == "since" for t in c.subtree):
        return True
    # ... or over a span of years up to now: "have expelled dozens of diplomats over the past decade"
    return any(p.lemma_.lower() in _W.recap_units and any(m.lower_ in _W.recap_modifiers for m in p.children)
               for c in phrases if c.dep_ == "prep" and c.lower_ in _W.recap_prepositions
               for p in c.children if p.dep_ == "pobj")


def lasting(verb: Token) -> bool:
    """Is ``verb`` told as lasting over a stretch of time ("was detained for more than a year",
    "has been held since 2022") rather than as done at a time?"""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in _W.duration_prepositions:
            # the stretch of time itself, however the small model hung it under the preposition
            if any(p.i != c.i and (p.ent_type_ in ("DATE", "TIME") or p.lemma_.lower() in _W.duration_units)
                   for p in c.subtree):
                return True
            # "for more than a year before his release": the years read as modifying the next phrase
            nxt = c.doc[c.i + 1:c.i + 5]
            if c.n_rights == 0 and any(t.ent_type_ == "DATE" and t.lemma_.lower() in _W.duration_units for t in nxt):
                return True
    return False


def alternative_clause(tok: Token) -> bool:
    """Is ``tok`` what is not done in place of something else: "instead of testing missiles",
    "rather than meeting Zelensky", "escalate rather than negotiate"?"""
    start = tok.left_edge.i
    if start < tok.sent.start + 2:
        return False
    doc = tok.doc
    return f"{doc[start - 2].lower_} {doc[start - 1].lower_}" in _W.alternative_marks


def told_before(noun: Token) -> bool:
    """Does ``noun`` carry a determiner that points back to what the story told ("the meeting",
    "this summit", ``act_anaphora_determiners``)?"""
    return any(c.dep_ == "det" and c.lower_ in _W.act_anaphora_determiners for c in noun.children)


def act_anaphora(noun: Token) -> bool:
    """Is ``noun`` "the move", "the sanctions", "this decision" -- an act told before, named by
    nothing in its own phrase (``act_anaphora_nouns``)?"""
    # (a phrase that names no one does not name the act: "condemns these attacks in the
    # strongest terms", the manner hung on the noun)
    return noun.lemma_.lower() in _W.act_anaphora_nouns and told_before(noun) and \
        not any(c.dep_ in ("poss", "acl", "relcl") or c.dep_ == "prep" and any(
            t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "NORP", "ORG", "PERSON", "LOC", "FAC") for t in c.subtree)
            for c in noun.children)


def act_pronoun(obj: Token) -> bool:
    """Is ``obj`` "it"/"them" judged to be an act ("called them an unfriendly act", "described it as
    a provocation": ``act_predicate_nouns``) -- an act told before, as "the move" is?"""
    if obj.lower_ not in _W.act_pronouns or obj.pos_ != "PRON" or obj.dep_ != "dobj":
        return False
    verb = obj.head
    predicates = [c for c in verb.children if c.dep_ in ("oprd", "xcomp") and c.i > obj.i] + \
        [p for p in prep_objects(verb, ("as",)) if p.i > obj.i]
    return any(p.lemma_.lower() in _W.act_predicate_nouns or p.lemma_.lower() in _W.act_predicate_adjectives
               for p in predicates)


def phone_call(verb: Token) -> Optional[Token]:
    """The person ``verb`` calls on the telephone: "Trump called Putin on Tuesday", "he would call
    Putin after the meeting" -- a verb of calling (``calling_verbs``) whose one object is a person
    the knowledge base names (an office or a person mention, or a person's name), with no second
    predicate ("called Putin a killer"), no particle ("called off") and no "on"/"for" ("called on
    Putin to ...", "called for talks"); None when it is no call."""
    if verb.lemma_.lower() not in _W.calling_verbs or verb.pos_ not in VERB_POS:
        return None
    if any(c.dep_ in ("prt", "acomp", "ccomp", "nsubjpass") or
           c.dep_ == "prep" and c.lower_ in ("on", "upon", "for") and c.i == verb.i + 1 for c in verb.children):
        return None   # ("called on Putin", "called for talks"; "called Putin on Tuesday" is a call)
    objects = [c for c in verb.children if c.dep_ in ("dobj", "oprd")]
    if len(objects) != 1:
        return None
    return objects[0] if person_named(objects[0]) else None


def person_named(tok: Token) -> bool:
    """Is ``tok`` a person the knowledge base names (a person or an office), or a person's name?"""
    mention = (tok.doc._.mention_at or {}).get(tok.i)
    return mention is not None and mention.kind in ("person", "office") or \
        mention is None and tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN" or \
        tok.lemma_.lower() in _W.counterpart_nouns    # "called his Indian counterpart": a person of another side


def welcomed_guest(verb: Token) -> Optional[Token]:
    """The guest ``verb`` welcomes or greets: "Modi welcomed Putin at the airport", "Putin was
    greeted by Trump on the tarmac" -- a verb of welcoming (``welcoming_verbs``) whose one object
    (or passive subject) is a person (:func:`person_named`) with nothing judged of them ("welcomed
    Putin's remarks" has "remarks" as its object); None otherwise."""
    if verb.lemma_.lower() not in _W.welcoming_verbs or verb.pos_ not in VERB_POS:
        return None
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    objects = [c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
    if len(objects) != 1 or any(c.dep_ in ("oprd", "acomp", "ccomp", "xcomp") for c in verb.children):
        return None
    return objects[0] if person_named(objects[0]) else None


def sent_person(verb: Token) -> Optional[Token]:
    """The person ``verb`` sends somewhere: "Trump sent Witkoff to Moscow", "would dispatch
    Kellogg to Kyiv" -- a verb of dispatching (``dispatching_verbs``) whose one object is a person
    (:func:`person_named`) and which has a "to" phrase; None otherwise."""
    if verb.lemma_.lower() not in _W.dispatching_verbs or verb.pos_ not in VERB_POS:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    # (the parser may read the "to" as a dative: "sent Witkoff to Moscow")
    if len(objects) != 1 or not any(c.dep_ in ("prep", "dative") and c.lower_ == "to" and
                                    any(p.dep_ == "pobj" for p in c.children) for c in verb.children):
        return None
    return objects[0] if person_named(objects[0]) else None


def evaluates(verb: Token, obj: Token) -> bool:
    """Does ``verb`` judge its object rather than do it: "called the talks useful", "described
    the meeting as constructive"?"""
    if verb.lemma_.lower() not in _W.evaluation_verbs:
        return False
    return any(c.dep_ in ("oprd", "acomp", "xcomp", "ccomp") or c.dep_ == "prep" and c.lower_ == "as"
               for c in verb.children) or \
        any(c.dep_ == "amod" and c.i > obj.i or c.dep_ == "prep" and c.lower_ == "as" for c in obj.children)


def judgement_words(verb: Token, obj: Token) -> list[Token]:
    """The words that judge ``obj`` in "called [obj] [illegal]", "described [obj] as [an important
    partner]", "called [the decision by the FBI] [a positive step]" (the small model hangs that
    last one inside the object's clause)."""
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ in ("oprd", "acomp", "xcomp") or c.dep_ == "prep" and c.lower_ == "as":
            out.extend(c.subtree)
        elif c.dep_ == "dobj" and c.i > obj.i and c.pos_ == "NOUN":
            # "branded Hungary [a threat to European unity]", the predicate read as a second object
            out.extend(c.subtree)
    for c in obj.children:
        if c.dep_ == "amod" and c.i > obj.i or c.dep_ == "prep" and c.lower_ == "as":
            out.extend(c.subtree)
        elif c.dep_ == "appos" and c.i > obj.i and any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children):
            out.extend(c.subtree)   # "called Zelensky a dictator", read as an appositive
    out.extend(t for t in obj.subtree if t.dep_ in ("npadvmod", "oprd") and t.pos_ == "NOUN")
    # ... or as a second object of the object's own clause ("the decision by the Kenyan government
    # to reopen [the border] [a positive step]")
    for t in obj.subtree:
        if t.dep_ == "dobj" and t.pos_ == "NOUN" and any(o.dep_ == "dobj" and o.i < t.i for o in t.head.children):
            out.extend(t.subtree)
    return out


def predicative(verb: Token) -> bool:
    """Is ``verb`` a copula that says what its subject is ("the recent agreement is an
    indication of what is possible", "the visit was a success")?  (An adjective may describe an
    event that happened: "the protest was peaceful".)"""
    return verb.lemma_ == "be" and any(c.dep_ == "attr" for c in verb.children)


def unrealized_predicate(verb: Token) -> bool:
    """Is ``verb`` a copula that says its subject has not happened ("a deal remains distant", "a
    ceasefire is unlikely", "an agreement is impossible": ``unrealized_copulas`` with an
    ``unrealized_adjectives`` complement)?"""
    return verb.lemma_.lower() in _W.unrealized_copulas and any(
        c.dep_ in ("acomp", "attr") and c.lemma_.lower() in _W.unrealized_adjectives for c in verb.children)


def stative_present(verb: Token) -> bool:
    """Is ``verb`` a verb of having or being worth (``stative_verbs``) in the simple present
    ("cooperation holds tremendous potential", "the deal offers a path to peace", "trade has
    great prospects")?  What an event has or is worth describes it: no news of it."""
    return verb.lemma_.lower() in _W.stative_verbs and verb.tag_ in ("VBZ", "VBP") and \
        not any(c.dep_ in AUX_DEPS for c in verb.children)


def record_predicate(verb: Token) -> bool:
    """Is ``verb`` a copula that ranks its subject among events of its kind ("the visit was the
    first in six years", "the swap was the largest since the war began")?  Ranked, the event
    happened: news, not talk about it."""
    return verb.lemma_ == "be" and any(c.dep_ == "attr" and c.lemma_.lower() in _W.record_ranks for c in verb.children)


def issued_statement(verb: Token, nouns: Optional[Iterable[str]] = None) -> bool:
    """"X issued a statement condemning ...", "the council adopted a resolution demanding ...":
    the participle is what X said or did, not a description of some other document.  (``nouns``
    in place of ``statement_nouns``: ``law_nouns`` for "passed a law banning ...".)"""
    noun = verb.head
    return verb.dep_ == "acl" and verb.tag_ == "VBG" and \
        noun.lemma_.lower() in (_W.statement_nouns if nouns is None else nouns) \
        and noun.dep_ == "dobj" and noun.head.lemma_.lower() in _W.issue_verbs


def direct_object(verb: Optional[Token]) -> Optional[Token]:
    """The object of ``verb``: direct, dative, or after "on"/"upon"/"to" ("called on X"; not a
    date: "On Tuesday, Germany called on Russia to ...")."""
    if verb is None:
        return None
    for c in verb.children:
        if c.dep_ in ("dobj", "dative", "iobj"):
            return c
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in _W.object_prepositions and c.i > verb.i:
            for p in c.children:
                if p.dep_ == "pobj" and p.ent_type_ not in ("DATE", "TIME"):
                    return p
    return None


def in_speaker_label(tok: Token) -> bool:
    """Is ``tok`` in the speaker label that opens its sentence ("Vladimir Putin:", "SECRETARY
    RUBIO:"), which the parser may read as the subject of what is said after it?"""
    from .discourse import speaker_label, titled_label   # (the words a label has; discourse needs grammar)
    sent = tok.sent
    if not any(t.text == ":" for t in sent[:tok.i - sent.start + 8]) or \
            speaker_label(sent) is None and titled_label(sent) is None:
        return False
    colon = next(t.i for t in sent if t.text == ":")
    return tok.i < colon


_AGENT_ENTITIES = ("GPE", "ORG", "NORP", "PERSON")


def by_agent(verb: Token) -> Optional[Token]:
    """The "by" phrase's object of a passive: "were expelled by Poland" -> Poland -- also where
    the parser labels it a plain preposition, on the verb or on its "as" phrase, when it names an
    actor ("were granted asylum by Turkey"; on its predicate: "declared persona non grata by
    Estonia"), and where it hangs it on the gerund of the passive's
    "of" phrase: "has been accused of violating the truce by Ukrainian officials" (a gerund after
    "by" is the manner: "by firing on ...")."""
    for c in verb.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    # the parser's "prep" for the agent where the passive keeps an object ("were granted asylum
    # by Turkey"), or hung on its "as" phrase ("was hailed as a success story by the European
    # Union"): a name only (not "by phone", "by Friday", "by a wide margin")
    # (or on its predicate: "were declared persona non grata by Estonia")
    heads = [verb] + [o for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"
                      for o in c.children if o.dep_ == "pobj"] + \
        [c for c in verb.children if c.dep_ == "oprd"]
    mentions = verb.doc._.mention_at if verb.doc.has_extension("mention_at") else None
    for h in heads:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ == "by":
                named = [p for p in c.children if p.dep_ == "pobj" and (
                    p.ent_type_ in _AGENT_ENTITIES or mentions is not None and p.i in mentions)]
                if named:
                    return named[0]
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "for"):
            for g in c.children:
                if g.dep_ == "pcomp" and g.tag_ == "VBG":
                    found = [p for p in prep_objects(g, ("by",)) if p.pos_ in NOUN_POS]
                    if found:
                        return found[0]
    return None


def judging_verb(tok: Token, steps: int = 6) -> Optional[Token]:
    """The nearest verb of saying or judging above ``tok`` ("Waltz said the exchange was [a show
    of good faith]", "the White House called the release [a goodwill gesture]"), or None."""
    t = tok
    for _ in range(steps):
        if t.head.i == t.i:
            return None
        t = t.head
        if t.pos_ in VERB_POS and t.lemma_.lower() in (_W.speech_verbs | _W.evaluation_verbs):
            return t
    return None


def speaker(clause: Token) -> Optional[Token]:
    """The speaker of reported speech governing ``clause``: "Lavrov said (that) ...",
    "..., Lavrov said.", "according to X"."""
    t = clause
    for _ in range(4):
        if t.dep_ in ("ccomp", "parataxis", "xcomp", "conj") and t.head.lemma_.lower() in _W.speech_verbs:
            s = subject(t.head)
            if s is not None:
                return s
        if t.head.i == t.i:
            break
        # "..., Lavrov said." : the speech verb attached to our root as parataxis/advcl
        t = t.head
    for c in clause.children:
        if c.dep_ in ("parataxis", "advcl") and c.lemma_.lower() in _W.speech_verbs:
            s = subject(c)
            if s is not None:
                return s
    for tok in near_subtree(clause):
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to":
            for p in tok.nbor(1).children:
                if p.dep_ == "pobj":
                    return p
    return None


def foretold_by(anchor: Token, future_aux, denied: bool = False) -> Optional[Token]:
    """The verb of saying that foretells ``anchor``'s subject a fate ("Iran will pay a heavy
    price, Katz said"): in the future, not denied -- or, for a fate told as escaped (``denied``),
    denied ("the sanctions will not go unanswered, Zakharova said"); None when no one foretells it."""
    speech = speech_verb(anchor)
    if speech is None and anchor.dep_ == "ccomp" and anchor.head.lemma_.lower() in _W.vowing_verbs:
        speech = anchor.head    # "vowed that Israel would face a bitter fate"
    if speech is None and denied and anchor.dep_ == "relcl":
        # "noted that Kyiv had chosen the path of terror, which could not go unanswered": the
        # relative clause is said with the clause its noun is in
        verb = anchor.head
        while verb.pos_ not in VERB_POS and verb.head.i != verb.i:
            verb = verb.head
        speech = speech_verb(verb) if verb.pos_ in VERB_POS else None
    if speech is None or negated(anchor) != denied:
        return None
    # (a fate escaped "cannot" or "must not" be escaped either: "could not go unanswered")
    modals = future_aux | _W.escaped_fate_modals if denied else future_aux
    return speech if is_future(anchor, modals) else None


def _speaker_of_misplaced_conjunct(verb: Token) -> Optional[Token]:
    """The subject of a verb of saying whose that-clause the parser ended with another finite
    verb of saying or warning: "Trump said that Iran's facilities had been obliterated and warned
    Tehran ..." -- "warned" read as a conjunct of "obliterated", though Trump warned ("Kallas said
    China was enabling Russia's war and urged Beijing ...")."""
    if verb.dep_ != "conj" or verb.tag_ != "VBD" or verb.lemma_.lower() not in _W.speaker_conjunct_verbs \
            or verb.head.tag_ not in ("VBN", "VBG"):
        return None     # (a finite past after a participle: "was enabling Russia's war and urged ...")
    h = verb.head
    for _ in range(3):
        if h.dep_ not in ("acomp", "xcomp", "conj") or h.head.i == h.i:
            break
        h = h.head
    if h.dep_ != "ccomp" or h.head.lemma_.lower() not in _W.speech_verbs:
        return None
    return next((c for c in h.head.children if c.dep_ == "nsubj"), None)


def listed_members(noun: Token) -> list[Token]:
    """The members a plural noun is said to include: "our partners in the region, including Saudi
    Arabia, Egypt and the UAE", "several countries, such as China and India" -- the heads of the
    listed names (the parser may hang "including" on the verb of the clause the noun ends)."""
    if noun.tag_ != "NNS":
        return []
    def listing(prep: Token) -> bool:
        return prep.dep_ == "prep" and (prep.lower_ in _W.listing_prepositions or prep.lower_ == "as" and any(
            c.lower_ == "such" for c in prep.children))
    preps = [c for c in noun.children if listing(c)]
    if not preps and noun.dep_ == "pobj" and noun.head.head.pos_ in VERB_POS:
        # "work with our partners in the region, including ...": on the verb, right after the noun's phrase
        verb = noun.head.head
        preps = [c for c in verb.children if listing(c) and c.i > noun.right_edge.i and
                 all(t.is_punct for t in noun.doc[noun.right_edge.i + 1:c.i])]
    return [m for p in preps for o in p.children if o.dep_ == "pobj" for m in (o, *o.conjuncts)]


def attack_of_its_target(noun: Token, prepositions) -> Token:
    """The attack noun whose target ``noun`` is, after one of ``prepositions`` ("Russia's strike
    on Sumy": Sumy -> strike), else ``noun`` -- where the parser hangs a relative clause on the
    target though it tells of the attack ("..., which killed 30 civilians")."""
    if noun.dep_ == "pobj" and noun.head.lower_ in prepositions and noun.head.head.lemma_.lower() in _W.attack_nouns:
        return noun.head.head
    return noun


def ultimatum_by(anchor: Token, deontic_aux) -> Optional[Token]:
    """The verb of whoever demands an act with ``anchor`` as the alternative ("or face ..."):
    "Putin must agree to a ceasefire or face sanctions, Trump said" (the verb of saying), "gave
    Putin 50 days to reach a deal or face tariffs", "told Serbia to align its policy or face
    consequences" (the verb that sets the demand); None when ``anchor`` is no such alternative."""
    if anchor.dep_ != "conj" or not any(c.dep_ == "cc" and c.lower_ == "or" for c in anchor.head.children):
        return None
    demanded = anchor.head
    if has_aux(demanded, deontic_aux, deps=("aux",)) and is_speech_complement(demanded):
        return demanded.head
    if demanded.dep_ in ("xcomp", "advcl", "ccomp") and infinitival(demanded) and demanded.head.pos_ in VERB_POS \
            and demanded.head.lemma_.lower() in _W.ultimatum_verbs:
        return demanded.head
    return None


def speech_verb(clause: Token) -> Optional[Token]:
    """The verb of saying that reports ``clause``: "Katz said [Iran will pay]", "[Iran will pay],
    Katz said"."""
    if is_speech_complement(clause):
        return clause.head
    return next((c for c in clause.children if c.dep_ in ("parataxis", "advcl", "ccomp")
                 and c.lemma_.lower() in _W.speech_verbs), None)


def is_speech_complement(clause: Token) -> bool:
    """Is ``clause`` what a verb of saying reports ("said [Sudan must ...]")?"""
    return clause.dep_ in ("ccomp", "parataxis") and clause.head.lemma_.lower() in _W.speech_verbs


def condition_clause(verb: Token) -> Optional[Token]:
    """The "if"/"unless" clause attached to ``verb``, if any."""
    for c in verb.children:
        if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in _W.condition_conjunctions for g in c.children):
            return c
    return None


def infinitival(clause: Token) -> bool:
    """"(in order) to help defend ...": a to-infinitive with no subordinating conjunction."""
    return any(g.dep_ == "aux" and g.lower_ == "to" for g in clause.children) and \
        not any(g.dep_ == "mark" for g in clause.children)


def has_aux(tok: Token, auxiliaries: Iterable[str], deps: tuple[str, ...] = AUX_DEPS) -> bool:
    """Does ``tok`` have one of ``auxiliaries`` ("will", "could") among its auxiliaries?"""
    return any(c.dep_ in deps and c.lower_ in auxiliaries for c in tok.children)


def bare_participle_conjunct(verb: Token) -> bool:
    """Is ``verb`` a participle conjoined to a verb, with no subject or auxiliary of its own --
    one that shares its head's ("were killed or injured", "had been killed or injured since ...")?"""
    return verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head.i != verb.i and verb.head.pos_ in VERB_POS \
        and not any(c.dep_ in SUBJECT_DEPS or c.dep_ in AUX_DEPS for c in verb.children)


def shares_aux(tok: Token, auxiliaries: Iterable[str]) -> bool:
    """Does a verb conjunct with no subject or auxiliary of its own take one of ``auxiliaries``
    from the verb it is joined to: "could resume flights and work together" (work: could)?"""
    seen = 0
    while tok.dep_ == "conj" and tok.head.i != tok.i and seen < 4 and tok.head.pos_ in VERB_POS and \
            not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children):
        tok = tok.head
        if has_aux(tok, auxiliaries):
            return True
        seen += 1
    return False


def refused(verb: Token) -> bool:
    """Is ``verb`` the infinitive of a verb of refusing ("refused to rule out", "declined to rule
    out"): denied by another word, as "did not rule out" is by "not"?"""
    return verb.dep_ == "xcomp" and verb.head.i != verb.i and verb.head.lemma_.lower() in _W.refusing_verbs \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def rules_out(verb: Token) -> bool:
    """Is ``verb`` "rule out" ("ruled out new sanctions")?"""
    return verb.lemma_.lower() == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)


def summed_up_act(noun: Token) -> Optional[Token]:
    """The verb whose act ``noun`` sums up, set after its clause ("Washington doubled tariffs,
    [a move] New Delhi called unfair") -- a ``summary_nouns`` word as the appositive of the verb
    or of its last object ("Israel struck Doha, [an attack] Qatar called cowardly"); else None."""
    if noun.lemma_.lower() not in _W.summary_nouns or noun.dep_ not in ("npadvmod", "appos", "dobj", "pobj"):
        return None
    head = noun.head
    if noun.dep_ == "pobj":
        # "In a move condemned by Beijing, Japan's prime minister visited the shrine"
        verb = head.head
        return verb if head.lower_ == "in" and head.dep_ == "prep" and verb.pos_ in VERB_POS and \
            noun.i < verb.i else None
    if noun.dep_ == "dobj":
        # a second object after a comma: "seized a Venezuelan oil tanker, [an action] Caracas
        # denounced as piracy"
        first = next((c for c in head.children if c.dep_ == "dobj" and c.i < noun.i), None)
        return head if first is not None and head.pos_ in VERB_POS and \
            any(t.text == "," for t in head.doc[first.right_edge.i + 1:noun.left_edge.i]) else None
    if head.pos_ in VERB_POS:
        return head
    if noun.dep_ != "appos":
        return None
    # (hung on the clause's last phrase: "reopened its embassy in [Yerevan], a move ...")
    verb = _verb_through(head, ("dobj", "pobj", "prep"), steps=5)
    end = max(t.i for t in noun.subtree)
    return verb if verb is not None and all(t.is_punct for t in verb.doc[end + 1:verb.right_edge.i + 1]) else None


def _verb_through(tok: Token, deps: tuple[str, ...], steps: int) -> Optional[Token]:
    """The verb ``tok`` is or hangs on, up through heads it reaches by ``deps`` only, looking at
    most ``steps`` tokens up (``tok`` the first); else None."""
    for _ in range(steps):
        if tok.pos_ in VERB_POS:
            return tok
        if tok.dep_ not in deps:
            return None
        tok = tok.head
    return None


def doers_of(verb: Token) -> list[Token]:
    """Who does ``verb``'s act: its "by" agent when it has one, else its subjects."""
    agent = by_agent(verb)
    return [agent] if agent is not None else [c for c in verb.children if c.dep_ == "nsubj"]


def sentential_which(verb: Token) -> Optional[Token]:
    """The verb of the clause a relative clause's "which" stands for -- "Israel struck Doha on
    Tuesday, which Qatar called a cowardly attack" -- when that "which" (after a comma, the clause's
    object) hangs on a date, or is judged as an act (``clause_judging_nouns``); else None."""
    which = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "which"), None)
    if verb.dep_ != "relcl" or which is None or which.i == 0 or verb.doc[which.i - 1].text != ",":
        return None
    # (the predicate noun may be read as a second object: "which Tallinn called [a provocation]")
    judged_as = [t for c in verb.children if c.dep_ in ("oprd", "dobj") and c.i > which.i or
                 c.dep_ == "prep" and c.lower_ == "as"
                 for t in ([c] if c.dep_ != "prep" else [p for p in c.children if p.dep_ == "pobj"])]
    antecedent = verb.head
    if antecedent.ent_type_ not in ("DATE", "TIME") and \
            not any(t.lemma_.lower() in _W.clause_judging_nouns for t in judged_as):
        return None
    return _verb_through(antecedent, ("dobj", "pobj", "prep", "npadvmod"), steps=4)


def existential(noun: Token) -> bool:
    """Is ``noun`` what "there" is said to be -- "there have been contacts between X and Y",
    "there were talks in Geneva" -- the predicate of a "be" with an expletive subject?"""
    be = noun.head
    return noun.dep_ in ("attr", "nsubj") and be.lemma_ == "be" and \
        any(c.dep_ == "expl" and c.lower_ == "there" for c in be.children)


def negated(tok: Token) -> bool:
    """"did not meet", "never agreed", "nobody attended"."""
    for c in tok.children:
        if c.dep_ == "neg":
            return True
        if c.dep_ in SUBJECT_DEPS and (c.lower_ in _W.negative_subjects or any(
                d.dep_ in ("det", "preconj") and d.lower_ in _W.subject_denying_determiners for d in c.children)
                and not (c.dep_ == "nsubjpass" and tok.lemma_.lower() in _W.light_passive_verbs)):
            return True
    if tok.dep_ == "xcomp" and tok.head.lemma_ == "go" and tok.head.i != tok.i and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return negated(tok.head)    # "aren't going to agree": the future's negation is the act's
    if tok.dep_ == "conj" and tok.head.i != tok.i and tok.head.pos_ in VERB_POS and \
            not any(c.dep_ in SUBJECT_DEPS or c.dep_ in ("aux", "auxpass", "ccomp") for c in tok.children) and \
            not any(c.dep_ == "cc" and c.lower_ in _W.contrast_conjunctions for c in tok.head.children
                    if tok.head.i < c.i < tok.i):
        # "won't stop the war and withdraw its troops", "did not sign the deal or resume talks": a
        # verb that shares its subject and auxiliary shares the negation ("did not attack but
        # retreated" does not, nor a verb with a clause of its own: "said the embargo would not work
        # and warned that ...", the warning the speaker's, hung on the wrong verb)
        return negated(tok.head)
    return False


def in_public_manner(tok: Token) -> bool:
    """"negotiate in public", "discuss it publicly", "through the media": the verb says how, on
    the public stage (what a negation of it denies)."""
    for c in tok.children:
        if c.dep_ == "advmod" and c.lower_ in _W.public_manner_adverbs:
            return True
        if c.dep_ == "prep" and c.lower_ in ("in", "through", "via") and \
                any(o.dep_ == "pobj" and {o.lower_, o.lemma_.lower()} & _W.public_manner_nouns
                    for o in c.children):
            return True
    return False


def no_longer(tok: Token) -> bool:
    """"would no longer cooperate", "will no longer buy": an adverb of time denied on the verb
    (a halt of what was done, not a refusal)."""
    return any(c.dep_ == "advmod" and c.lemma_.lower() in _W.halting_adverbs and
               any(g.dep_ in ("neg", "det", "advmod") and g.lower_ == "no" for g in c.children)
               for c in tok.children)


def is_future(tok: Token, future_aux: frozenset[str]) -> bool:
    """"will meet", "would allow", "is going to meet", and "would help restore" (the future
    sits on a verb the event verb complements) -- and a headline's "to": "Japan to impose
    sanctions on Russian oil firms", "Prime Minister to Extend Martial Law"."""
    if headline_infinitive(tok):
        return True
    t = tok
    for _ in range(3):
        for c in t.children:
            if c.dep_ in AUX_DEPS and c.lower_ in future_aux:
                return True
            if c.dep_ == "aux" and c.lower_ == "to" and t.head.lemma_ == "go" and t.dep_ == "xcomp":
                return True
        if t.dep_ == "xcomp" and t.head.i != t.i:
            t = t.head
        elif t.dep_ == "conj" and t.head.i != t.i and t.head.pos_ in VERB_POS and \
                not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in t.children):
            t = t.head   # "will lift the pause and resume assistance": a conjunct shares the future
        else:
            break
    return False


def headline_infinitive(tok: Token) -> bool:
    """Is ``tok`` a headline's main verb in the infinitive, which headlines write for "will"
    ("Japan to impose sanctions", "Trump to Meet Putin in Budapest"): the main verb after "to"
    with a subject of its own, or hung on the name that opens a sentence with no verb and no full
    stop ("Prime Minister to extend martial law", read as the name's modifier)?"""
    if not any(c.dep_ == "aux" and c.lower_ == "to" and c.i < tok.i for c in tok.children):
        return False
    if tok.dep_ == "ROOT":
        return any(c.dep_ == "nsubj" and c.i < tok.i for c in tok.children)
    head = tok.head
    sent = tok.sent
    return tok.dep_ == "acl" and head.dep_ == "ROOT" and head.pos_ in NOUN_POS and head.i < tok.i and \
        unstopped(sent) and not any(t.pos_ in VERB_POS and t.i != tok.i and t.dep_ in ("ROOT", "conj", "ccomp")
                                    for t in sent)


def has_mark(tok: Token, marks: frozenset[str], hypothetical_main: bool = False) -> bool:
    """Is ``tok``'s clause conditional ("if they meet")?  With ``hypothetical_main``, also a
    main clause that only happens under a condition ("would only happen once a deal is
    ready") -- used for nominal events; a conditional offer with an event verb ("they would
    meet him if ...") is still an offer, as CAMEO codes it."""
    t = tok
    checked = 0
    while True:
        for c in t.children:
            if c.dep_ == "mark" and c.lower_ in marks:
                return True
            if hypothetical_main and checked < 2 and c.dep_ == "advcl" and \
                    any(g.dep_ == "mark" and g.lower_ in marks for g in c.children) and \
                    any(a.dep_ == "aux" and a.lower_ in _W.hypothetical_aux for a in t.children):
                return True
        checked += 1
        if checked < 2 and t.dep_ in ("conj", "xcomp") and t.head.i != t.i:
            t = t.head
        elif checked < 3 and t.dep_ == "ccomp" and t.head.i != t.i and t.head.dep_ == "advcl":
            t = t.head   # "if he concluded (that) Russia was to blame": what a condition supposes
        else:
            return False


def depth(t: Token) -> int:
    """Steps from ``t`` up to its sentence root (at most 20)."""
    d = 0
    while t.head.i != t.i and d < 20:
        t = t.head
        d += 1
    return d


def _counts(tok: Token) -> bool:
    """Is ``tok`` a head whose "of" phrase is what it counts: a quantity ("hundreds of") or a
    volley ("waves of")?"""
    return tok.lower_ in _W.quantity_heads or tok.lemma_.lower() in _W.volley_nouns


def dependents(verb: Token, max_depth: int = 3, into_complements: bool = False) -> list[Token]:
    """The verb's dependents in sentence order, outside its subject and other clauses."""
    out: list[Token] = []
    # in the passive the grammatical subject is the verb's object: "diplomats were expelled"
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    stack = [(c, 1) for c in verb.children
             if c.dep_ not in _SUBJECTS_AND_EXPLETIVES or (passive and c.dep_ == "nsubjpass")]
    while stack:
        t, d = stack.pop()
        # "allowed refugees to return": the small model reads the object and its infinitive as
        # a clause (ccomp); an infinitival complement counts like xcomp, the verb only
        is_infinitival = t.dep_ == "ccomp" and d == 1 and t.pos_ in VERB_POS and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
        # "found the former president guilty": the object's predicate, read as a clause with no
        # verb, is the verb's own word (the adjective only, not its phrases)
        if t.dep_ == "ccomp" and d == 1 and t.pos_ == "ADJ":
            out.append(t)
            continue
        if not is_infinitival and t.dep_ in _OTHER_CLAUSES or t.dep_ == "conj" and t.pos_ == "VERB" \
                or t.dep_ == "conj" and t.pos_ == "AUX" and any(c.dep_ in SUBJECT_DEPS for c in t.children) \
                or t.dep_ == "poss" and t.lower_ not in _OWN_POSSESSIVES \
                or t.dep_ == "prep" and t.lower_ in _W.attribution_prepositions:
            continue  # a possessor names who, not what: "welcomed President Reagan's statement"
            # (a pattern may still name a pronoun's own: "hand over its weapons" lays them down)
            # (and "according to the Pentagon" who says so; a coordinated clause of "be" with its own
            # subject is its own: "had given the order, and that a condition was a halt to aid")
        if d >= 3 and t.pos_ == "PROPN" and t.ent_type_ == "ORG" and \
                any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in t.children):
            continue  # an organisation named far down is a name, not the act's thing: "formed a
            # coalition with the Democratic Alliance" forms no alliance
        if t.dep_ == "compound" and t.head.lemma_.lower() in _W.occupation_nouns:
            continue  # the field of people named by their work is no object: "aid workers held by
            # Al-Shabaab were released" released people, no aid
        out.append(t)
        if d >= max_depth and t.pos_ == "PROPN":
            # a name's kind, its common noun before it or in apposition, is the name's own word
            # however deep it lies: "took control of the chipmaker Nexperia", "of Nexperia, a
            # Chinese-owned chipmaker" takes a company
            out.extend(c for c in t.children if c.dep_ in ("compound", "appos") and c.pos_ == "NOUN")
        if is_infinitival:
            # ... and so does its subject, the object of the verb: "allowed IAEA inspectors to visit"
            # (the noun itself, not its modifiers: "allowed the exiled opposition leader to return"
            # lets a person return, it does not legalise the opposition)
            out.extend(c for c in t.children if c.dep_ == "nsubj")
        if t.dep_ == "agent" and d == 1 and (passive or not any(c.dep_ == "nsubj" for c in verb.children)):
            continue  # the passive's doer is no object: "the package was approved by EU
            # ambassadors" approved no ambassador ("by" itself still counts); a verb with an
            # active subject has no such doer -- "Ethiopia abided by the accord" is read so
            # by the small model
        if t.dep_ == "prep" and t.lower_ in _W.background_words and t.i != verb.i + 1:
            continue  # what happened before or after is not the verb's object: "suspended the
            # treaty after the attack" is no "suspend attack" ("look after" still is a phrase)
        if t.dep_ == "prep" and (d >= 2 or d == 1 and any(c.dep_ == "dobj" for c in verb.children)) and (
                t.lower_ in _W.object_reason_prepositions or t.lower_ in _W.grievance_prepositions
                and any(o.lemma_.lower() in _W.attack_nouns for o in t.children)):
            continue  # nor is why it was done, told of its object (or of the verb, beside its
            # object): "expelled the envoy amid the row", "suspended intelligence sharing (with the
            # United States) over the boat strikes" suspends no strikes
        # a complement verb counts ("agree to cooperate"), its own phrases do not ("agreed to
        # return the villages under a deal" is no "agree deal")
        if t.pos_ in NOUN_POS and t.lemma_.lower() in _W.framing_nouns and t.dep_ in ("dobj", "pobj", "nsubjpass"):
            continue  # what a stand or a step is about is not what the verb acts on: "ended its opposition
            # to the sanctions", "suspended the vote on new sanctions" lift no sanctions
        if d < max_depth and not is_infinitival and (into_complements or t.dep_ != "xcomp"):
            # a quantity or a volley and its "of" are no step down: "with hundreds of drones", "with
            # waves of missiles" are "with drones", "with missiles"
            # (nor is the "to" of an ending: "called for an end to the war" is "call for end war")
            step = 0 if _counts(t) or (t.dep_ == "prep" and t.lower_ == "of" and _counts(t.head)) or \
                (t.pos_ in NOUN_POS and t.lemma_.lower() in _W.ending_nouns and verb.i in (t.head.i, t.head.head.i)) \
                else 1
            stack.extend((c, d + step) for c in t.children)
    particles = [c.i for c in verb.children if c.dep_ == "prt"] if passive else []
    if particles:
        # the passive's subject is the phrasal verb's object, read after its particle: "a planned
        # meeting was called off" is "call off meeting"
        subject = {t.i for c in verb.children if c.dep_ == "nsubjpass" for t in c.subtree}
        out.sort(key=lambda t: (max(particles), 1, t.i) if t.i in subject else (t.i, 0, 0))
    else:
        out.sort(key=lambda t: t.i)
    return out


def misplaced_by_agents(noun: Token) -> list[Token]:
    """The doers of an event noun named in a "by" phrase the parser hung on the noun's "of"
    object: "the expulsion of two Polish diplomats by Belarus" -> Belarus.  (An attack noun's
    "by" is its own: "a wave of attacks by Russia" names the attacks' doer.)"""
    return [a for o in prep_objects(noun, ("of",)) if o.pos_ in NOUN_POS and o.lemma_.lower() not in _W.attack_nouns
            for a in prep_objects(o, ("by",))]


def clause_parties(verb: Token) -> list[Token]:
    """The words that may name whom ``verb``'s that-clause is about, in the order to try them:
    its subject, then its nouns ("frustrated that there has been no flexibility on the Russian
    side")."""
    out: list[Token] = []
    for clause in verb.children:
        if clause.dep_ != "ccomp" or not any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
            continue
        out += [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ != "PRON"]
        out += [t for t in clause.subtree if t.pos_ in NOUN_POS and t not in out]
    return out


def attacks_suffered(verb: Token) -> list[Token]:
    """The attack nouns ``verb``'s harm happened in: "killed in a Russian drone strike" -> strike."""
    return [n for p in verb.children if p.dep_ == "prep" and p.lower_ in _W.attack_prepositions
            for n in p.children if n.dep_ == "pobj" and n.lemma_.lower() in _W.attack_nouns]


def attack_authors(noun: Token) -> list[Token]:
    """Who an attack noun says did it, in the order to try: its possessor, its demonym or name
    modifiers ("a Russian drone strike"), its by-phrase ("an attack by militants"), and whom a
    participle after it gives it to ("a drone attack blamed on the RSF", "a bombing claimed by
    the Islamic State", "attributed to the Houthis")."""
    given = [x for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"
             for x in [by_agent(c), *prep_objects(c, _W.attributing_participles.get(c.lemma_.lower(), ()))]
             if x is not None]
    # ... and whom a relative clause blames it on, which the parser may hang on the attack's own
    # target: "the strike on the hospital, which Ukraine blamed on Russia"
    hosts = [noun, *(o for p in noun.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj")]
    clauses = [c for h in hosts for c in h.children
               if c.dep_ == "relcl" and c.lemma_.lower() in _W.attributing_participles
               and any(r.dep_ in ("dobj", "nsubjpass") and r.lower_ in _W.relative_pronouns for r in c.children)]
    given += [x for c in clauses for x in prep_objects(c, _W.attributing_participles[c.lemma_.lower()])]
    # (and the demonym the parser hung on its first compound word: "in Russian drone strike")
    compounds = [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
    return [c for c in noun.children if c.dep_ == "poss"] + \
        [c for c in noun.children if c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "PROPN")] + \
        prep_objects(noun, ("by",)) + given + \
        [c for w in compounds for c in w.children if c.dep_ == "amod" and c.pos_ == "ADJ" and c.i < w.i] + \
        _coordinated_possessor(noun)


def _coordinated_possessor(noun: Token) -> list[Token]:
    """The possessor of a coordinated modifier the parser made the noun's head: "Russia's latest
    missile and drone strikes" read as "[Russia's latest missile] and [drone [strikes]]"."""
    t, coordinated = noun, False
    while t.head.i < t.i and t.head.pos_ in NOUN_POS and t.dep_ in ("conj", "dobj", "compound"):
        coordinated = coordinated or t.dep_ == "conj"
        t = t.head
    return [c for c in t.children if c.dep_ == "poss"] if coordinated and t.i != noun.i else []


def reason_parties(head: Token) -> list[Token]:
    """The words that may name whose conduct ``head``'s reason phrase gives, in the order to try
    them: "as a result of Russia's lack of commitment" -> Russia, "because of Iran's support" ->
    Iran, "over Moscow's annexation of Crimea" -> Moscow (the reason noun's possessor, then its
    by- or of-phrase; with "because", "due" and "given" the noun itself too: "because of Iran")."""
    out: list[Token] = []
    for prep in head.children:
        if prep.dep_ != "prep":
            continue
        low = prep.lower_
        if low in _W.reason_frame_prepositions:
            frames = [n for n in prep.children if n.dep_ == "pobj" and n.lemma_.lower() in _W.reason_frame_nouns]
            nouns = [x for n in frames for x in prep_objects(n, ("of", "to"))]
        elif low in _W.reason_prepositions:
            # "because of X" and "due to X" hang X on a second preposition
            nouns = [c for c in prep.children if c.dep_ == "pobj"] + \
                [x for c in prep.children if c.dep_ in ("pcomp", "prep") for x in c.children if x.dep_ == "pobj"]
        else:
            continue
        for noun in nouns:
            if aside_phrase(noun):
                continue    # "for its part" gives no reason
            out += [c for c in noun.children if c.dep_ == "poss"]
            out += prep_objects(noun, ("by", "of"))
            if low not in _W.reason_conduct_prepositions:
                out.append(noun)
    return out


def extraposed_infinitive(tok: Token) -> bool:
    """Is ``tok`` the infinitive that "it is/was ..." condemns ("it was wrong and dangerous to deny
    Zelensky's legitimacy")?  An act spoken of, done by no one.  An adjective of intent ("it is
    willing to open dialogue") has "it" for a party, no judgement; a judgement of praise or need
    ("it is important to hold talks") is left to the rules after (tried as no event: a blind story
    lost its cooperation, benchmarks/doc_labels.py)."""
    be = tok.head
    if tok.dep_ not in ("xcomp", "ccomp", "advcl") or not infinitival(tok) or be.lemma_ != "be" or \
            not any(c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in be.children):
        return False
    words = [c for c in be.children if c.dep_ in ("acomp", "attr")]
    if not words or any(c.lemma_.lower() in _INTENT_ADJECTIVES for c in words):
        return False
    return any(c.lemma_.lower() in _W.judgements["criticism"] for c in words)


def aside_phrase(obj: Token) -> bool:
    """Is ``obj`` the noun of a set aside like "for its part", "on their part" (``aside_nouns``
    with a possessive pronoun) -- the doer's own turn in the story, not anyone acted on?"""
    return obj.lemma_.lower() in _W.aside_nouns and any(
        c.dep_ == "poss" and c.pos_ == "PRON" for c in obj.children)


def absolute_phrase(obj: Token) -> bool:
    """Is ``obj``, the object of "with", a clause of its own -- "with the UAE mediating", "with
    Turkey acting as mediator" -- that says what went on around the act, not with whom it was
    done?  (The small model reads "the UAE mediating" as a noun "mediating" with a compound.)"""
    if obj.head.lower_ != "with" or not obj.lower_.endswith("ing"):
        return False
    return any(c.dep_ in ("nsubj", "compound") and c.i < obj.i and c.pos_ in NOUN_POS for c in obj.children)


def prep_objects(head: Token, prepositions: Iterable[str], deps: tuple[str, ...] = ("pobj",)) -> list[Token]:
    """The objects of ``head``'s prepositions among ``prepositions``: ("talks", {"between"})
    -> the parties of "talks between X and Y"."""
    return [p for c in head.children if c.dep_ == "prep" and c.lower_ in prepositions
            for p in c.children if p.dep_ in deps]
