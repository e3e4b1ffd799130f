"""The fast pipeline: rule-based entities and memoised attributes instead of spaCy's ner."""
from __future__ import annotations

import re
from datetime import date

import pytest

from detente.actors.kb import default_kb
from detente.coding import Coder
from detente.nlp.entities import date_patterns
from detente.nlp.pipeline import load_model
from detente.schema import Story

NEWS = [
    "Russian Foreign Minister Sergey Lavrov met U.S. Secretary of State Marco Rubio in Riyadh, "
    "Saudi Arabia, on February 18, 2025.",
    "There is no date yet for the next round, and there were no talks last week, the Kremlin said.",
    "Let's be clear: we're gonna keep the sanctions until Moscow changes course, a senator said.",
    "The Ministry of Foreign Affairs of Ukraine said on Tuesday that President Volodymyr Zelensky "
    "would travel to Washington in early 2025.",
    "Teachers union spokesperson Dominique DuRant told a news conference on Thursday that the "
    "strike may continue into the spring of 2026.",
    "Houthi rebels fired missiles into the Red Sea, the White House said yesterday; earlier this "
    "month the Pentagon had sent two more destroyers.",
    "Ankara ain't going to accept that, an official said of the 24-25 March meetings.",
]


@pytest.fixture(scope="module")
def full_nlp():
    return load_model()


@pytest.fixture(scope="module")
def stock_nlp():
    """spaCy's own attribute_ruler and lemmatizer: what memo_attributes must equal."""
    return load_model(stock_attributes=True)


@pytest.fixture(scope="module")
def fast_nlp():
    return load_model(fast=True, names=default_kb().known_names())


def ents(doc, label=None):
    return [(e.text, e.label_) for e in doc.ents if label is None or e.label_ == label]


class TestPipeline:
    @pytest.mark.parametrize("text, words", [
        ("U.S.-Iranian talks resumed.", ["U.S.", "-", "Iranian", "talks"]),
        ("The U.K.-EU summit ended.", ["The", "U.K.", "-", "EU", "summit"]),
        ("A U.S.-led coalition struck.", ["A", "U.S.-led", "coalition"]),     # a small letter after: one word
        ("Turkish-Greek talks resumed.", ["Turkish", "-", "Greek", "talks"]),  # (spaCy's own infix)
    ])
    def test_a_hyphen_after_an_abbreviation_splits_two_names(self, full_nlp, fast_nlp, text, words):
        for nlp in (full_nlp, fast_nlp):
            assert [t.text for t in nlp.make_doc(text)][:len(words)] == words

    def test_fast_pipeline_has_no_statistical_ner(self, fast_nlp):
        assert "ner" not in fast_nlp.pipe_names
        assert {"date_entities", "proper_name_entities", "memo_attributes"} <= set(fast_nlp.pipe_names)
        assert "attribute_ruler" not in fast_nlp.pipe_names  # replaced by memo_attributes

    def test_both_pipelines_memoise_the_attributes(self, full_nlp, fast_nlp, stock_nlp):
        for nlp in (full_nlp, fast_nlp):
            assert "memo_attributes" in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names
        assert {"attribute_ruler", "lemmatizer"} <= set(stock_nlp.pipe_names)
        assert "memo_attributes" not in stock_nlp.component_names

    def test_memo_attributes_equal_the_stock_components_token_by_token(self, stock_nlp, full_nlp, fast_nlp):
        # twice over, so that the second pass runs from the memo
        for _ in range(2):
            for nlp in (full_nlp, fast_nlp):
                for a, b in zip(stock_nlp.pipe(NEWS), nlp.pipe(NEWS)):
                    assert [t.text for t in a] == [t.text for t in b]
                    for x, y in zip(a, b):
                        assert (x.pos_, str(x.morph), x.lemma_, x.tag_) == \
                            (y.pos_, str(y.morph), y.lemma_, y.tag_), x.text

    def test_every_multi_token_ruler_pattern_matches_the_stock_components(self, stock_nlp, fast_nlp):
        texts = ["There is a deal and there were talks, but it ain't over.",
                 "We're gonna sign it, y'all know we gotta. C'mon, let's go.",
                 "Are there any sanctions left? There's one, and there're two more."]
        for _ in range(2):
            for a, b in zip(stock_nlp.pipe(texts), fast_nlp.pipe(texts)):
                for x, y in zip(a, b):
                    assert (x.pos_, str(x.morph), x.lemma_, x.tag_) == (y.pos_, str(y.morph), y.lemma_, y.tag_), x.text

    def test_multi_token_ruler_patterns_still_apply(self, fast_nlp):
        doc = fast_nlp("There is a deal. Let's sign it.")
        by_text = {t.text: t for t in doc}
        assert by_text["is"].pos_ == "VERB"          # "there is": the ruler's expl pattern
        assert by_text["'s"].lemma_ == "us"          # "let 's"


class TestDates:
    @pytest.mark.parametrize("text,expected", [
        ("The talks were held on February 18, 2025 in Riyadh.", "February 18, 2025"),
        ("On February 18, Lavrov said the talks went well.", "February 18"),
        ("They met in Istanbul last week.", "last week"),
        ("Officials will meet again later this month.", "later this month"),
        ("The deal could be signed in early 2026.", "early 2026"),
        ("He arrived on Tuesday, March 4 for talks.", "Tuesday, March 4"),
        ("The embassy reopened on 2025-07-15 after years.", "2025-07-15"),
        ("The 24-25 March talks ended without a deal.", "24-25 March"),
        ("Forces withdrew three days ago from the town.", "three days ago"),
        ("Last May the two sides signed a memorandum.", "Last May"),
    ])
    def test_date_expressions(self, fast_nlp, text, expected):
        assert ents(fast_nlp(text), "DATE") == [(expected, "DATE")]

    def test_the_modal_may_and_durations_are_no_dates(self, fast_nlp):
        assert ents(fast_nlp("Russia may agree to talks that could last three years."), "DATE") == []

    def test_every_set_reference_resolves(self):
        pats = date_patterns()
        assert len(pats) > 20
        assert not [p for p in pats if "{" in p and "}" in p and re.search(r"\{[A-Z_]+\}", p)]
        for p in pats:
            re.compile(p)

    def test_longest_match_wins(self, fast_nlp):
        assert ents(fast_nlp("Talks resumed on Tuesday, March 4, 2025 in Riyadh."), "DATE") == \
            [("Tuesday, March 4, 2025", "DATE")]


class TestNames:
    def test_people_without_their_titles(self, fast_nlp):
        doc = fast_nlp("Saudi Crown Prince Mohammed bin Salman hosted U.S. envoy Steve Witkoff.")
        assert ("Mohammed bin Salman", "PERSON") in ents(doc)
        assert ("Steve Witkoff", "PERSON") in ents(doc)
        assert ("Saudi", "NORP") in ents(doc)

    def test_organisations_places_and_groups(self, fast_nlp):
        doc = fast_nlp("The Ministry of Foreign Affairs of Ukraine condemned strikes near the Black Sea "
                       "that Russian forces launched from Crimea, Kurdish officials said.")
        found = ents(doc)
        assert ("Ministry of Foreign Affairs of Ukraine", "ORG") in found
        assert ("Black Sea", "LOC") in found
        assert ("Russian", "NORP") in found and ("Kurdish", "NORP") in found
        assert ("Crimea", "GPE") in found

    def test_a_city_name_is_a_place_only_where_places_stand(self, fast_nlp):
        # "Roma" (the people) shares its name with Rome's Italian name: no place as a subject
        assert ("Roma", "GPE") not in ents(fast_nlp("Roma families protested outside the town hall."))
        assert ("Accra", "GPE") in ents(fast_nlp("Teachers marched in Accra on Monday."))

    def test_acronyms_are_organisations(self, fast_nlp):
        assert ("BJP", "ORG") in ents(fast_nlp("The BJP criticised the ruling."))


@pytest.fixture(scope="module")
def coders():
    return Coder(), Coder(fast=True)


class TestFastCoder:
    @pytest.mark.parametrize("text", [
        "Russian Foreign Minister Sergey Lavrov met U.S. Secretary of State Marco Rubio in Riyadh, "
        "Saudi Arabia, on Tuesday.",
        "Ukraine accused Russia on Monday of shelling civilians in Kharkiv.",
        "The European Union imposed new sanctions on Iran last week.",
    ])
    def test_same_events_as_the_full_pipeline(self, coders, text):
        story = Story(id="f1", text=text, date=date(2025, 4, 27))
        full, fast = (c.code_story(story).events for c in coders)
        def view(evs):
            return sorted((e.cameo, e.source and e.source.code, e.target and e.target.code, e.date,
                           e.location and e.location.name) for e in evs)
        assert view(fast) and view(fast) == view(full)


# ---------------------------------------------------------------- a name that is also a word
@pytest.mark.parametrize("text, subject, verb, obj", [
    ("Trump imposed tariffs on India.", "Trump", "imposed", "tariffs"),
    ("Trump paused military aid to Ukraine on Monday.", "Trump", "paused", "aid"),
    ("Trump doubled tariffs on Indian goods.", "Trump", "doubled", "tariffs"),
])
def test_a_name_read_as_a_word_before_a_past_verb_is_repaired(nlp, text, subject, verb, obj):
    doc = nlp(text)
    (sent,) = doc.sents
    assert sent.root.text == verb
    assert {(t.text, t.dep_) for t in sent.root.children} >= {(subject, "nsubj"), (obj, "dobj")}


def word(doc, text):
    """The first token of ``doc`` whose text is ``text``."""
    return next(t for t in doc if t.text == text)


# ---------------------------------------------------------------- a noun read as a verb after a plural noun
@pytest.mark.parametrize("text, verb, noun, modifier", [
    ("Ukraine and the United States signed the minerals deal in Washington.", "signed", "deal", "minerals"),
    ("Kyiv and Washington finalised the rare earths deal on Wednesday.", "finalised", "deal", "earths"),
])
def test_a_noun_read_as_a_verb_after_a_plural_modifier_is_repaired(nlp, text, verb, noun, modifier):
    doc = nlp(text)
    head = word(doc, noun)
    assert (head.dep_, head.head.text, head.pos_, head.lemma_) == ("dobj", verb, "NOUN", noun)
    assert word(doc, modifier).head.i == head.i


@pytest.mark.parametrize("text, noun, modifier, head, tag, lemma", [
    ("Israel walked away from the ceasefire deal with Hamas on Monday.", "deal", "ceasefire", "from", "NN", "deal"),
    # ... and a plural read as a bare present-tense verb, a clause with nothing of its own
    ("Colombia suspended intelligence sharing with the United States over the boat strikes.", "strikes", "boat",
     "over", "NNS", "strike"),
    ("He spoke about the missile strikes", "strikes", "missile", "about", "NNS", "strike"),
])
def test_a_noun_read_as_an_adverbial_clause_after_its_modifier_is_repaired(nlp, text, noun, modifier, head, tag, lemma):
    doc = nlp(text)
    tok = word(doc, noun)
    assert (tok.dep_, tok.head.text, tok.pos_, tok.tag_, tok.lemma_) == ("pobj", head, "NOUN", tag, lemma)
    assert word(doc, modifier).head.i == tok.i


@pytest.mark.parametrize("text, word, lemma", [
    ("Both sides pledged closer co-operation on energy.", "operation", "cooperation"),
    ("Police launched a crack-down on protesters.", "down", "crackdown"),
    ("Ukraine launched a counter-offensive in the south.", "offensive", "counteroffensive"),
    # (no one-word spelling: each half keeps its own)
    ("Ukraine invoked its right to self-defense.", "defense", "defense"),
    ("Canada imposed counter-tariffs on U.S. steel.", "tariffs", "tariff"),
])
def test_a_word_in_hyphened_halves_takes_its_one_word_lemma(nlp, text, word, lemma):
    assert next(t for t in nlp(text) if t.text == word).lemma_ == lemma


def test_a_ceasefire_in_ap_style_is_the_lexicons_ceasefire(coder):
    doc = coder.nlp("Djibouti declared a cease-fire on Friday.")
    assert next(t for t in doc if t.text == "fire").lemma_ == "ceasefire"


def test_a_verb_with_words_of_its_own_is_left_a_verb(nlp):
    doc = nlp("The ministry said the army strikes back whenever it is attacked.")
    assert word(doc, "strikes").pos_ == "VERB"


@pytest.mark.parametrize("text, noun", [
    ("Three Ukrainian civilians were killed by Russian shelling in Kherson.", "shelling"),
    ("The talks were stalled by continued shelling.", "shelling"),
])
def test_an_act_in_ing_with_a_modifier_after_a_preposition_is_a_noun(nlp, text, noun):
    tok = word(nlp(text), noun)
    assert (tok.pos_, tok.dep_, tok.lemma_) == ("NOUN", "pobj", noun)


def test_a_gerund_with_an_object_after_a_preposition_stays_a_verb(nlp):
    assert word(nlp("Kyiv responded by stepping up drone strikes."), "stepping").pos_ == "VERB"


def test_a_participle_set_off_by_commas_after_the_subject_describes_it(nlp):
    # "asked" read as Peskov asking, "said" left with no subject
    doc = nlp("Kremlin spokesman Dmitry Peskov, asked about the sanctions, said Russia had developed immunity.")
    said, asked, peskov = word(doc, "said"), word(doc, "asked"), word(doc, "Peskov")
    assert (peskov.dep_, peskov.head.i) == ("nsubj", said.i)
    assert (asked.dep_, asked.head.i, asked.tag_) == ("acl", peskov.i, "VBN")


@pytest.mark.parametrize("text, verb, subject, obj", [
    ("Trump called Putin on Tuesday.", "called", "Trump", "Putin"),
    # ("jailed" read as an adjective of "mayor", the root, with the court its subject)
    ("The court in Ankara jailed Istanbul mayor Ekrem Imamoglu pending trial.", "jailed", "court", "mayor"),
    # ("pressed" read as an adjective of "Zelensky", the subject of an infinitive made the root)
    ("Trump pressed Zelensky to accept Putin's offer immediately.", "pressed", "Trump", "Zelensky"),
    # ("renewed" read as a participle modifying "attacks", the root, with the Taliban its subject)
    ("The Taliban renewed attacks on Afghan forces.", "renewed", "Taliban", "attacks"),
    # ("retook" read as a noun compounded with "control", the root, with the army its subject)
    ("The Sudanese army retook control of Khartoum's presidential palace.", "retook", "army", "control"),
])
def test_a_name_read_as_named_by_the_verb_is_its_subject(nlp, text, verb, subject, obj):
    # "Trump called Putin on Tuesday" read as "Trump, called Putin": the name is the subject
    doc = nlp(text)
    v = word(doc, verb)
    assert v.dep_ == "ROOT"
    assert word(doc, subject).head.i == v.i
    assert word(doc, obj).head.i == v.i


@pytest.mark.parametrize("text, participle, patient", [
    ("A Kenyan court ordered the opposition leader arrested.", "arrested", "leader"),
    ("The minister ordered the ship seized.", "seized", "ship"),
])
def test_an_object_and_participle_after_an_order_are_a_passive(nlp, text, participle, patient):
    # "ordered the leader arrested" read as a clause whose subject arrested: the leader is arrested
    doc = nlp(text)
    p = word(doc, participle)
    assert word(doc, patient).head.i == p.i and word(doc, patient).dep_ == "nsubjpass"
    assert p.tag_ == "VBN" and p.head.lemma_ == "order"


@pytest.mark.parametrize("text, verb, particle, is_particle", [
    ("Russia handed over 1,000 prisoners of war to Ukraine.", "handed", "over", True),
    ("The army killed over 100 fighters near the border.", "killed", "over", False),   # a count: no "kill over"
])
def test_a_particle_before_a_number_is_the_verbs(nlp, text, verb, particle, is_particle):
    # "handed over 1,000" read as "more than 1,000": the verb's particle when the verb takes it
    doc = nlp(text)
    part = word(doc, particle)
    assert ((part.dep_, part.head.i) == ("prt", word(doc, verb).i)) is is_particle


def test_persona_non_grata_predicates_the_verbs_object(nlp):
    # "declared two diplomats persona non grata" read as a clause whose subject is the diplomats
    doc = nlp("Moscow declared two British diplomats persona non grata.")
    declared = word(doc, "declared")
    assert (word(doc, "diplomats").dep_, word(doc, "diplomats").head.i) == ("dobj", declared.i)
    assert (word(doc, "persona").dep_, word(doc, "persona").head.i) == ("oprd", declared.i)


@pytest.mark.parametrize("text, is_audience", [
    ("Secretary Rubio's Remarks to Press After Meeting with Turkish Foreign Minister Fidan", True),
    ("The statement to media in Geneva was short.", True),
    ("The remarks were meant to press Moscow into talks.", False),     # a verb with its object
])
def test_the_press_a_speech_is_made_to_is_its_audience(nlp, text, is_audience):
    # "Remarks to Press" read as an infinitive that presses someone
    doc = nlp(text)
    audience = next(t for t in doc if t.lower_ in ("press", "media"))
    assert (audience.pos_ == "NOUN" and audience.dep_ == "pobj" and audience.head.lower_ == "to") is is_audience


def test_a_reported_clause_read_as_a_participle_is_the_reported_clause(nlp):
    # "airstrikes [killed ...], the Taliban said" read as a noun with a reduced relative, "said"
    # with two subjects
    doc = nlp("Pakistani airstrikes killed at least 10 people in Paktika province, the Taliban said.")
    killed, said = word(doc, "killed"), word(doc, "said")
    assert (killed.dep_, killed.head.i) == ("ccomp", said.i)
    assert (word(doc, "airstrikes").dep_, word(doc, "airstrikes").head.i) == ("nsubj", killed.i)
    assert (word(doc, "Taliban").dep_, word(doc, "Taliban").head.i) == ("nsubj", said.i)


def test_a_participle_of_a_reporting_subject_stays_when_there_is_one_subject(nlp):
    doc = nlp("Officials briefed on the talks said the meeting went well.")
    assert word(doc, "briefed").dep_ != "ccomp"


def test_persona_non_grata_read_as_the_object_still_predicates_it(nlp):
    # "Trinidad's prime minister persona non grata": "grata" read as the object, "persona non" its
    # compounds and the prime minister the subject of "persona"
    doc = nlp("Caracas declared Trinidad's prime minister persona non grata.")
    declared = word(doc, "declared")
    assert (word(doc, "minister").dep_, word(doc, "minister").head.i) == ("dobj", declared.i)
    assert (word(doc, "persona").dep_, word(doc, "persona").head.i) == ("oprd", declared.i)


def test_a_long_name_after_its_title_takes_the_titles_place(nlp):
    # "detained President Umaro Sissoco Embalo": the title read as the object, the name's last
    # word hung on the verb as a modifier
    doc = nlp("Soldiers in Guinea-Bissau seized power on Wednesday and detained President Umaro Sissoco Embalo.")
    detained, name = word(doc, "detained"), word(doc, "Embalo")
    assert (name.dep_, name.head.i) == ("dobj", detained.i)
    assert (word(doc, "President").dep_, word(doc, "President").head.i) == ("compound", name.i)


@pytest.mark.parametrize("text, act, summary, judging", [
    ("Russia released two Americans, a gesture Washington welcomed.", "released", "gesture", "welcomed"),
    ("Pakistan closed its airspace to Indian airlines, a step India called regrettable.", "closed", "step", "called"),
])
def test_a_noun_summing_up_the_act_keeps_the_act_the_main_clause(nlp, text, act, summary, judging):
    # the relative clause on "a gesture" read as the main clause, the act its complement
    doc = nlp(text)
    (sent,) = doc.sents
    assert sent.root.text == act
    assert word(doc, summary).head.text == act
    assert (word(doc, judging).dep_, word(doc, judging).head.text) == ("relcl", summary)


def test_a_main_clause_read_as_the_subject_of_an_after_clause_is_repaired(nlp):
    # "Romania scrambled fighter jets" read as a noun phrase ("Romania-scrambled jets"), the
    # subject of "violated", which the parser made the root
    doc = nlp("Romania scrambled fighter jets after a Russian drone violated its airspace.")
    scrambled = word(doc, "scrambled")
    assert scrambled.dep_ == "ROOT"
    assert (word(doc, "Romania").dep_, word(doc, "jets").dep_) == ("nsubj", "dobj")
    assert (word(doc, "violated").dep_, word(doc, "violated").head.i) == ("advcl", scrambled.i)


def test_a_headline_that_reports_then_acts_keeps_the_reporter_the_doer(nlp):
    # "..., cancels Budapest summit" read as the main verb with the summit its subject
    doc = nlp("Trump says Putin 'not ready' for peace, cancels Budapest summit")
    says, cancels = word(doc, "says"), word(doc, "cancels")
    assert says.dep_ == "ROOT"
    assert (cancels.dep_, cancels.head.i) == ("conj", says.i)
    assert (word(doc, "summit").dep_, word(doc, "summit").head.i) == ("dobj", cancels.i)


def test_a_headlines_opening_name_read_as_its_verbs_compound_is_its_subject(nlp):
    doc = nlp("US strikes alleged drug boat off Venezuela, killing 11")
    assert (word(doc, "US").dep_, word(doc, "US").head.text) == ("nsubj", "strikes")


def test_a_headlines_first_name_read_as_a_clause_joins_the_second(nlp):
    doc = nlp("Modi, Xi agree to be partners not rivals")
    assert word(doc, "Modi").dep_ == "nsubj"
    assert (word(doc, "Xi").dep_, word(doc, "Xi").head.text) == ("conj", "Modi")


def test_a_past_tense_after_an_infinitive_is_the_main_verbs_conjunct(nlp):
    # "urged its citizens to avoid travel ... and suspended imports": "suspended" read as a
    # conjunct of "avoid"
    doc = nlp("China urged its citizens to avoid travel to Japan and suspended imports of Japanese seafood.")
    assert word(doc, "suspended").head.i == word(doc, "urged").i


def test_a_past_tense_with_an_object_after_a_noun_participle_is_the_main_verbs_conjunct(nlp):
    # "the lives lost in the attack and encouraged India ...": "encouraged" read as a conjunct of
    # the participle "lost", the lives its subject
    doc = nlp("The Secretary expressed his condolences for the lives lost in the Pahalgam attack and "
              "encouraged India and Pakistan to work together.")
    assert word(doc, "encouraged").head.i == word(doc, "expressed").i


def test_a_second_participle_of_the_noun_stays_the_participles_conjunct(nlp):
    # (no object of its own: still what was done to the weapons)
    doc = nlp("The army recovered weapons stolen by the gang and hidden in a warehouse.")
    assert word(doc, "hidden").head.i != word(doc, "recovered").i


def test_a_second_infinitive_stays_the_infinitives_conjunct(nlp):
    doc = nlp("Kyiv wants to join NATO and to end the war.")
    assert word(doc, "end").head.i == word(doc, "join").i


def test_a_past_form_after_an_opening_name_read_as_adjectives_is_the_main_verb(nlp):
    doc = nlp("Trump threatened military action in Nigeria if the killing of Christians did not stop.")
    v = word(doc, "threatened")
    assert (v.dep_, word(doc, "Trump").dep_, word(doc, "Trump").head.i) == ("ROOT", "nsubj", v.i)
    assert (word(doc, "action").dep_, word(doc, "action").head.i) == ("dobj", v.i)


def test_a_name_before_a_span_of_time_keeps_its_place(nlp):
    # "spoke with Putin days after the talks" read as one noun phrase "Putin days", a date
    doc = nlp("Trump spoke with Putin days after the talks in Istanbul.")
    putin, days = word(doc, "Putin"), word(doc, "days")
    assert (putin.dep_, putin.head.text) == ("pobj", "with")
    assert days.head.text == "spoke" and putin.ent_type_ != "DATE"


def test_a_verb_tagged_in_an_objects_slot_is_a_noun(nlp):
    doc = nlp("The Peruvian government would not meet hostage-takers demands to free the prisoners.")
    demands = word(doc, "demands")
    assert (demands.dep_, demands.pos_, demands.lemma_) == ("dobj", "NOUN", "demand")


@pytest.mark.parametrize("text", [
    "They said the ministers deal with such crises daily.",   # a clause under a verb of saying
    "The ministers deal with the crisis.",                    # a main clause
])
def test_a_plural_subject_and_its_verb_stay_a_clause(nlp, text):
    doc = nlp(text)
    deal = next(t for t in doc if t.text == "deal")
    assert deal.pos_ == "VERB"
    assert any(c.dep_ == "nsubj" and c.text == "ministers" for c in deal.children)


# ---------------------------------------------------------------- a verb read as the appositive's participle
@pytest.mark.parametrize("text, subject, verb, conjunct", [
    ("Malaysian Prime Minister Anwar Ibrahim, the current ASEAN chair, called on both sides to cease hostilities.",
     "Ibrahim", "called", None),
    ("Anwar Ibrahim, the current ASEAN chair, called on both sides to cease hostilities and said he had "
     "spoken to both leaders.", "Ibrahim", "called", "said"),
])
def test_a_verb_after_a_closed_appositive_is_the_main_verb(nlp, text, subject, verb, conjunct):
    (sent,) = nlp(text).sents
    assert sent.root.text == verb
    kids = {(t.text, t.dep_) for t in sent.root.children}
    assert (subject, "nsubj") in kids
    if conjunct:
        assert (conjunct, "conj") in kids


def test_a_participle_set_off_by_its_own_commas_stays_a_participle(nlp):
    (sent,) = nlp("Ruto, the AU chair, elected in 2024, said he would mediate.").sents
    assert sent.root.text == "said"
    assert next(t for t in sent if t.text == "elected").dep_ == "acl"


# ---------------------------------------------------------------- a reduced relative before a passive verb
@pytest.mark.parametrize("text, subject, verb, participle", [
    ("Two Iranians accused of plotting to kill an Israeli diplomat were arrested in Baku.",
     "Iranians", "arrested", "accused"),
    ("Protesters detained during the rally were released on Monday.", "Protesters", "released", "detained"),
])
def test_a_reduced_relative_before_a_passive_is_the_subjects_participle(nlp, text, subject, verb, participle):
    (sent,) = nlp(text).sents
    assert sent.root.text == verb
    assert next(t for t in sent if t.text == subject).dep_ == "nsubjpass"
    part = next(t for t in sent if t.text == participle)
    assert (part.dep_, part.head.text) == ("acl", subject)


@pytest.mark.parametrize("text, root", [
    ("The Macedonian army prepared to resume shelling Albanian rebel-held territory as attempts to resolve "
     "the crisis on the political front were deadlocked.", "prepared"),   # a verb with its own complement
    ("Russia accused Ukraine of attacking the plant.", "accused"),
])
def test_a_main_verb_with_an_object_or_complement_stays_the_main_verb(nlp, text, root):
    (sent,) = nlp(text).sents
    assert sent.root.text == root


def test_an_appositive_verb_repair_codes_the_appeal(coder):
    events = coder.code_text("Thai and Cambodian troops exchanged fire on the border on Thursday. Malaysian Prime "
                             "Minister Anwar Ibrahim, the current ASEAN chair, called on both sides to cease "
                             "hostilities and said he had spoken to both leaders.")
    appeals = [e for e in events if e.event_type == "REQUEST"]
    assert appeals and {e.source.country for e in appeals} == {"MYS"}
    assert {e.target.country for e in appeals} == {"THA", "KHM"}


@pytest.mark.parametrize("text, root", [
    ("Armed men stormed the building.", "stormed"),       # a participle that opens the sentence
    ("Elected officials met in Kyiv.", "met"),
    ("Delegations led by Sergei Ryabkov and Marcin Bosacki met in Geneva.", "met"),   # the first word's participle
    ("Putin met Witkoff. Trump imposed tariffs on India.", "met"),   # two sentences stay two
])
def test_the_repair_leaves_sound_parses_alone(nlp, text, root):
    doc = nlp(text)
    assert next(doc.sents).root.text == root
    assert len(list(doc.sents)) == text.count(". ") + 1


# ---------------------------------------------------------------- a person addressed is no party
@pytest.mark.parametrize("text, vocative, subject", [
    ("Mr. President, the army and the police must return to their barracks.", "President", "army"),
    ("Thank you, Madam Chair, for giving me the floor.", "Chair", None),
    ("We condemn these attacks, Mr. Secretary-General.", "General", "We"),
    ("Ladies and gentlemen, our talks were long and frank.", "Ladies", "talks"),
])
def test_a_vocative_is_rehung_and_its_appositive_is_the_subject(nlp, text, vocative, subject):
    (sent,) = nlp(text).sents
    addressed = next(t for t in sent if t.text == vocative)
    assert addressed.dep_ == "vocative" and addressed.head.i == sent.root.i
    if subject is not None:
        assert next(t for t in sent if t.text == subject).dep_ in ("nsubj", "nsubjpass")


@pytest.mark.parametrize("text, name", [
    ("Mr. Lavrov, the foreign minister, said Russia would respond.", "Lavrov"),   # a name, not a title
    ("Mr. President Trump said the talks went well.", "Trump"),                   # no comma: spoken of
    ("Madam Speaker, who chaired the session, left early.", "Speaker"),           # a relative clause follows
])
def test_a_title_spoken_of_is_no_vocative(nlp, text, name):
    assert all(t.dep_ != "vocative" for t in nlp(text))


def test_a_noun_heading_a_that_clause_with_an_object_is_its_verb(nlp):
    # the small model reads "[the Houthis release]" as one noun phrase with an object
    (sent,) = nlp("We demand that the Houthis release the detained UN personnel.").sents
    verb = next(t for t in sent if t.text == "release")
    assert verb.pos_ == "VERB"
    assert any(c.dep_ == "nsubj" and c.text == "Houthis" for c in verb.children)


@pytest.mark.parametrize("text, verb, subject", [
    ("The government is failing its refugees, a human rights group charged on Friday.", "charged", "group"),
    ("Ankara is breaking the law, an opposition party protested on Monday.", "protested", "party"),
])
def test_a_closing_reporting_clause_after_a_noun_is_the_main_verb(nlp, text, verb, subject):
    # the parser made the reporting clause a modifier of an appositive of the last noun
    (sent,) = nlp(text).sents
    assert sent.root.text == verb
    assert any(c.dep_ == "nsubj" and c.text == subject for c in sent.root.children)
    assert any(c.dep_ == "ccomp" for c in sent.root.children)


@pytest.mark.parametrize("text, subject", [
    ("The Russian attack killed three people, the governor of Odesa said.", "governor"),
    ("Israeli troops wounded two men, a hospital director in Jenin told reporters.", "director"),
])
def test_a_closing_reporters_appositive_is_the_reporting_verbs_subject(nlp, text, subject):
    # the parser hung the reporter on the last noun of what was said, as its appositive
    (sent,) = nlp(text).sents
    assert any(c.dep_ == "nsubj" and c.text == subject for c in sent.root.children)


def test_an_appositive_inside_what_was_said_stays_there(nlp):
    (sent,) = nlp("Police arrested Ivanov, a local official, the ministry said.").sents
    official = next(t for t in sent if t.text == "official")
    assert official.head.text == "Ivanov"


@pytest.mark.parametrize("text, first, second", [
    ("Ukraine, Russia swap 1,000 prisoners each in largest exchange of war", "Ukraine", "Russia"),
    ("Russia, US agree to work on restoring embassy operations", "Russia", "US"),
    ("Philippines, Japan sign defence pact", "Philippines", "Japan"),     # (a name tagged a plural noun)
])
def test_a_headlines_comma_pair_is_coordinated(nlp, text, first, second):
    # headlines write "X, Y" for "X and Y"; the parser hung both on the verb
    (sent,) = nlp(text).sents
    a, b = (next(t for t in sent if t.text == w) for w in (first, second))
    assert (a.dep_, a.head.i) == ("nsubj", sent.root.i)
    assert (b.dep_, b.head.i) == ("conj", a.i)


def test_a_headlines_name_read_as_a_noun_is_the_subject(nlp):
    # "Trump announces 25% tariffs": "trump" read as the main word, the verb hung on it
    (sent,) = nlp("Trump announces 25% tariffs on Japan and South Korea").sents
    assert sent.root.text == "announces"
    assert any(c.dep_ == "nsubj" and c.text == "Trump" for c in sent.root.children)
    assert any(c.dep_ == "dobj" and c.text == "tariffs" for c in sent.root.children)


def test_a_past_form_after_an_acronym_is_the_main_verb(nlp):
    # "NATO scrambled fighter jets" read as one noun phrase, "scrambled" an adjective of "jets"
    (sent,) = nlp("NATO scrambled fighter jets.").sents
    assert sent.root.text == "scrambled"
    assert any(c.dep_ == "nsubj" and c.text == "NATO" for c in sent.root.children)


def test_a_sentence_with_a_full_stop_is_no_headline(nlp):
    (sent,) = nlp("Riyadh, Saudi Arabia hosted the talks.").sents
    assert not any(t.dep_ == "conj" and t.head.text == "Riyadh" for t in sent)


def test_a_crossing_named_by_a_name_is_a_noun(nlp):
    # "[the Kerem Shalom] [crossing] to aid trucks": the noun in -ing read as a participle
    (sent,) = nlp("Israel reopened the Kerem Shalom crossing to aid trucks.").sents
    crossing = next(t for t in sent if t.text == "crossing")
    assert (crossing.pos_, crossing.dep_, crossing.head.text) == ("NOUN", "dobj", "reopened")


def test_a_participle_with_an_object_stays_a_participle(nlp):
    (sent,) = nlp("Russian troops were seen crossing the border.").sents
    assert next(t for t in sent if t.text == "crossing").pos_ == "VERB"


def test_a_participle_with_its_own_phrase_stays_a_participle(nlp):
    (sent,) = nlp("Police arrested the suspect, a man charged with murder.").sents
    assert sent.root.text == "arrested"



@pytest.mark.parametrize("text, city", [
    ("Fighting broke out near Goma on Monday.", "Goma"),           # read as a person
    ("The rebels attacked the town of Kisangani.", "Kisangani"),   # read as a people
    ("The rebels advanced to Kisangani on Monday.", "Kisangani"),
    ("The rebels captured Goma on Monday.", "Goma"),               # the object of a verb of taking
    ("Russian forces withdrew from Kharkiv on Friday.", "Kharkiv"),  # read as an organisation
    ("Russian troops pulled out of Mariupol.", "Mariupol"),
    ("Israeli strikes killed 30 people in Khan Younis.", "Khan Younis"),   # a name of two words
    ("Fighting continued near Deir al-Balah and El Fasher.", "El Fasher"),  # a conjoined place
])
def test_a_city_read_as_a_person_or_people_in_a_place_phrase_is_a_place(full_nlp, text, city):
    assert (city, "GPE") in ents(full_nlp(text))


def test_a_person_spoken_to_keeps_the_name_a_city_also_has(full_nlp):
    # Jackson, Mississippi, is a city of 150,000; "spoke to" names a person
    assert ("Jackson", "PERSON") in ents(full_nlp("The minister spoke to Jackson by phone on Tuesday."))


@pytest.mark.parametrize("text, obj, predicate", [
    # "move" taken for a verb with "a provocation" its object
    ("Germany called the Russian move a provocation.", "move", "provocation"),
    # "the strikes murder" read as one noun: the strikes are called murder
    ("Colombian President Gustavo Petro called the strikes murder.", "strikes", "murder"),
    # "speech" read as a compound on the adjective
    ("Pistorius called Vance's speech unacceptable.", "speech", "unacceptable"),
])
def test_a_named_noun_misread_is_the_object_of_the_verb_of_naming(full_nlp, text, obj, predicate):
    (sent,) = full_nlp(text).sents
    named = next(t for t in sent if t.text == obj)
    said = next(t for t in sent if t.text == predicate)
    assert (named.dep_, named.head.text) == ("dobj", "called")
    assert (said.dep_, said.head.text) == ("oprd", "called")


def test_two_peoples_titles_read_as_one_names_are_two_people(full_nlp):
    # "[The Secretary] and [Foreign Minister Wang]", not Wang's two titles
    doc = full_nlp("Secretary Rubio met Chinese Foreign Minister Wang Yi in Kuala Lumpur. "
                   "The Secretary and Foreign Minister Wang discussed trade.")
    sent = list(doc.sents)[1]
    secretary = next(t for t in sent if t.text == "Secretary")
    wang = next(t for t in sent if t.text == "Wang")
    assert (secretary.dep_, secretary.head.text) == ("nsubj", "discussed")
    assert (wang.dep_, wang.head.text) == ("conj", "Secretary")


def test_a_title_split_from_its_name_is_one_sentence_again(full_nlp):
    doc = full_nlp("Trump hosted Armenian Prime Minister Nikol Pashinyan and Azerbaijani President "
                   "Ilham Aliyev at the White House.")
    assert len(list(doc.sents)) == 1
    name = next(t for t in doc if t.text == "Pashinyan")
    assert (name.dep_, name.head.text) == ("dobj", "hosted")


def test_made_it_clear_that_is_a_verb_of_saying_with_its_clause(full_nlp):
    # the clause hung on "clear" and "to the Russians" on the adjective: the verb's speech instead
    (sent,) = full_nlp("We have made it clear to the Russians that they need to come to the table.").sents
    made = next(t for t in sent if t.text == "made")
    need = next(t for t in sent if t.text == "need")
    to = next(t for t in sent if t.text == "to" and t.i < need.i)
    assert made.lemma_ == "state"
    assert (need.dep_, need.head.text) == ("ccomp", "made")
    assert to.head.text == "made"


def test_made_clear_with_no_clause_stays_make(full_nlp):
    (sent,) = full_nlp("The report made clear the scale of the damage.").sents
    made = next(t for t in sent if t.text == "made")
    assert made.lemma_ == "make"


def test_two_phrases_read_as_one_modifier_are_conjoined_again(full_nlp):
    # "[the Congolese government and M23] rebels": the government heads its own phrase
    (sent,) = full_nlp("The Congolese government and M23 rebels signed a framework agreement.").sents
    government = next(t for t in sent if t.text == "government")
    rebels = next(t for t in sent if t.text == "rebels")
    m23 = next(t for t in sent if t.text == "M23")
    assert (government.dep_, government.head.text) == ("nsubj", "signed")
    assert (rebels.dep_, rebels.head.text) == ("conj", "government")
    assert (m23.dep_, m23.head.text) == ("compound", "rebels")


def test_a_headlines_pair_read_as_an_appositive_is_a_pair(full_nlp):
    # "Lavrov, Rubio hold phone call on Ukraine": the second name is no appositive of the first
    (sent,) = full_nlp("Lavrov, Rubio hold phone call on Ukraine").sents
    rubio = next(t for t in sent if t.text == "Rubio")
    assert (rubio.dep_, rubio.head.text) == ("conj", "Lavrov")


def test_a_subject_believed_to_be_something_keeps_its_main_verb(full_nlp):
    # "believed" read as the main verb and "attacked" its clause: the attack's subject again
    (sent,) = full_nlp("Hackers believed to be linked to Russia attacked Poland's water systems.").sents
    hackers = next(t for t in sent if t.text == "Hackers")
    believed = next(t for t in sent if t.text == "believed")
    assert sent.root.text == "attacked"
    assert (hackers.dep_, hackers.head.text) == ("nsubj", "attacked")
    assert (believed.dep_, believed.head.text) == ("acl", "Hackers")


@pytest.mark.parametrize("text, count, verb", [
    ("Thousands protested in Belgrade against the government of Serbia.", "Thousands", "protested"),
    ("Tens of thousands protested in Istanbul after the mayor's arrest.", "thousands", "protested"),
    ("Hundreds of students protested in Dhaka on Sunday.", "Hundreds", "protested"),
])
def test_a_crowds_act_after_a_bare_count_is_the_main_verb(full_nlp, text, count, verb):
    # "protested" read as a participle of the count (thousands who were protested)
    (sent,) = full_nlp(text).sents
    assert sent.root.text == verb
    subject = next(t for t in sent if t.text == count)
    assert (subject.dep_, subject.head.text) == ("nsubj", verb)


def test_a_count_with_a_passive_participle_stays_passive(full_nlp):
    # "killed" is done to the thousands: no crowd verb, no repair
    (sent,) = full_nlp("Thousands killed in the earthquake in Myanmar.").sents
    killed = next(t for t in sent if t.text == "killed")
    assert not any(c.dep_ == "nsubj" and c.text == "Thousands" for c in killed.children)


def test_a_second_main_verb_read_as_a_relative_clauses_conjunct_is_the_main_verbs(full_nlp):
    # "thank" hung on "took" (the relative clause) would make "that" the thanker
    (sent,) = full_nlp("We welcome the prisoner exchange that took place on Friday and thank "
                       "the United Arab Emirates for its mediation.").sents
    thank = next(t for t in sent if t.text == "thank")
    assert (thank.dep_, thank.head.text) == ("conj", "welcome")


def test_a_where_clause_after_a_place_is_its_relative_clause(full_nlp):
    # "killed" read as what "threatened" threatens
    (sent,) = full_nlp("Iran threatened to shell Iraqi towns in retaliation for an air raid on the city of "
                       "Susangerd where, it said, 100 people were killed.").sents
    killed = next(t for t in sent if t.text == "killed")
    assert (killed.dep_, killed.head.text) == ("relcl", "Susangerd")


# ---------------------------------------------------------------- a headline in title case parsed in sentence case
@pytest.mark.parametrize("text, verb, subject", [
    ("Zelensky Rejects Peace Plan That Would Cede Territory", "Rejects", "Zelensky"),
    ("India Expels Pakistani Diplomat Over Spying Allegations", "Expels", "India"),
])
def test_a_title_case_headline_is_parsed_in_sentence_case(nlp, text, verb, subject):
    doc = nlp(text)
    v = word(doc, verb)
    assert (v.dep_, v.pos_) == ("ROOT", "VERB")
    assert word(doc, subject).head.i == v.i and word(doc, subject).dep_ == "nsubj"
    assert doc.text == text     # the words as written: spans and names untouched


def test_a_title_case_headline_keeps_its_names(nlp):
    doc = nlp("Spain Denounces Actions By France")
    assert {e.text for e in doc.ents} >= {"Spain", "France"}


@pytest.mark.parametrize("text, headline", [
    ("Spain Denounces Actions By France", True),
    ("Spain denounces actions by France", False),              # a word of four letters or more written small
    ("Spain Denounces Actions By France.", False),             # a full stop: a sentence, not a headline
    ("Russia And Ukraine Swap Prisoners", True),
    ("Japan Suspends Relations with the West", True),            # function words may stay small
    ("India Bandits Kill 75 in Pre-dawn Massacre", True),         # ... and a hyphened word's second half
])
def test_what_counts_as_a_title_case_headline(nlp, text, headline):
    from detente.nlp.pipeline import _title_cased

    assert _title_cased(next(nlp(text).sents)) is headline


# ---------------------------------------------------------------- a verbless headline read with its subject as a pronoun
@pytest.mark.parametrize("text, verb, subject, obj", [
    ("US sanctions Russian oil giants Rosneft and Lukoil", "sanctions", "US", "giants"),
    ("Russia and Ukraine swap prisoners", "swap", "Russia", "prisoners"),
    # in title case, a verb the tagger keeps for a name even in lower case, tried written small
    ("Trump Cancels Budapest Summit With Putin", "Cancels", "Trump", "Summit"),
    # ... and one before a name the re-parse took for the verb
    ("Zelensky Meets Trump at White House", "Meets", "Zelensky", "Trump"),
    # a name's possessive opening the subject
    ("Poland's Foreign Minister Embarks on Tour of Neighboring Countries", "Embarks", "Minister", None),
    ("Kenya's Defence Minister Visits Troops on Somali Border", "Visits", "Minister", "Troops"),
    # ... a place or group in it, the head noun before the preposition deciding the verb's number
    ("Protesters in Nairobi Demand President's Resignation", "Demand", "Protesters", "Resignation"),
    ("Farmers in Poland Block Border Crossing with Ukraine", "Block", "Farmers", "Crossing"),
])
def test_a_verbless_headline_finds_its_verb(nlp, text, verb, subject, obj):
    doc = nlp(text)
    assert doc.text == text     # the words as written
    v = word(doc, verb)
    assert (v.dep_, v.pos_) == ("ROOT", "VERB")
    assert (word(doc, subject).dep_, word(doc, subject).head.i) == ("nsubj", v.i)
    if obj is not None:
        assert (word(doc, obj).dep_, word(doc, obj).head.i) == ("dobj", v.i)


def test_a_hyphened_verb_in_title_case_stays_one_word(nlp):
    doc = nlp("North Korea Test-Fires Hypersonic Missile")
    v = word(doc, "Test-Fires")
    assert (v.lemma_, v.dep_, v.pos_) == ("test-fire", "ROOT", "VERB")
    assert word(doc, "Missile").head.i == v.i


def test_a_pair_of_subjects_stays_a_pair(nlp):
    doc = nlp("Russia and Ukraine swap prisoners")
    assert (word(doc, "Ukraine").dep_, word(doc, "Ukraine").head.text) == ("conj", "Russia")


@pytest.mark.parametrize("text", [
    "Secretary Rubio's call with Russian Foreign Minister Lavrov",     # a possessive: a title, no act
    "Joint Statement on the Outcome of the Riyadh Meeting",
])
def test_a_title_naming_a_meeting_gets_no_verb(nlp, text):
    doc = nlp(text)
    assert not any(t.pos_ == "VERB" and t.dep_ == "ROOT" for t in doc)


def test_a_headline_noun_with_a_subject_and_an_object_is_its_verb(nlp):
    doc = nlp("Moderate Candidates in Pakistan Denounce Far-Right Party")
    v = word(doc, "Denounce")
    assert (v.dep_, v.pos_, v.tag_) == ("ROOT", "VERB", "VBP")
    assert word(doc, "Candidates").head.i == v.i and word(doc, "Party").head.i == v.i


@pytest.mark.parametrize("text, verb, subject", [
    # "Appeal" read as the headline's noun root, with "Police" its subject and "For Help" its phrase
    ("Police in Madrid Appeal For Help in Investigation", "Appeal", "Police"),
    # an opening common noun is no name: no earlier word is tried as the verb ("Rights")
    ("Human Rights Group Withdraws from Thailand Amid Increased Security Concerns", "Withdraws", "Group"),
])
def test_a_headlines_verb_keeps_its_subject(nlp, text, verb, subject):
    doc = nlp(text)
    v = word(doc, verb)
    assert (v.dep_, v.pos_) == ("ROOT", "VERB") and word(doc, subject).head.i == v.i


def test_a_name_read_as_a_verb_before_a_headlines_to_is_its_subject(nlp):
    doc = nlp("Trump to Meet Putin in Budapest")
    assert (word(doc, "Meet").dep_, word(doc, "Trump").dep_, word(doc, "Trump").pos_) == ("ROOT", "nsubj", "PROPN")


# ---------------------------------------------------------------- a headline's passive without "was"
@pytest.mark.parametrize("text, verb, subject", [
    ("American journalist detained in Moscow", "detained", "journalist"),
    ("Two Ukrainian soldiers killed in Russian drone strike", "killed", "soldiers"),
    ("Curfew lifted in Kathmandu after protests", "lifted", "Curfew"),
])
def test_a_headlines_passive_without_was_is_read_as_one(nlp, text, verb, subject):
    doc = nlp(text)
    v = word(doc, verb)
    assert v.dep_ == "ROOT"
    assert (word(doc, subject).dep_, word(doc, subject).head.i) == ("nsubjpass", v.i)


@pytest.mark.parametrize("text, subject", [
    ("Egyptian peacekeepers arrived in Argentina", "peacekeepers"),     # nothing done to them
    ("Talks collapsed in Geneva", "Talks"),
])
def test_a_headlines_intransitive_past_stays_active(nlp, text, subject):
    assert word(nlp(text), subject).dep_ == "nsubj"


def test_a_title_case_headlines_names_are_read_again_in_sentence_case(nlp):
    doc = nlp("Kenya President Visits Berlin")
    assert {(e.text, e.label_) for e in doc.ents} >= {("Kenya", "GPE"), ("Berlin", "GPE")}
    assert (word(doc, "Visits").dep_, word(doc, "Berlin").dep_) == ("ROOT", "dobj")
