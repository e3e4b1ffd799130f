"""The compiled PETRARCH2/Phoenix dictionaries wired into the knowledge base and the lexicon
(detente.actors.compiled, detente.actors.automaton, Lexicon.load(compiled=...)): ours win,
their dates hold, their patterns fire only through detente's grammar."""
from __future__ import annotations

import itertools
from datetime import date

import pytest

from detente.actors.automaton import PhraseTrie
from detente.actors.compiled import ACTOR_UNITS, CompiledSelection, UnitChoice, VerbSelection, selection
from detente.actors.kb import ActorKB
from detente.coding.lexicon import Lexicon, _less_form, _without_forms
from detente.datafiles import parse
from detente.errors import DetenteError
from detente.schema import Story

ALL_ACTOR_UNITS = ACTOR_UNITS


@pytest.fixture(scope="module")
def kb_all():
    return ActorKB.load(compiled=ALL_ACTOR_UNITS)


@pytest.fixture(scope="module")
def coder_all(nlp, kb_all):
    from detente.coding import Coder

    return Coder(nlp, kb=kb_all)


def _events(coder, text, day=None):
    return coder.code_story(Story(id="t", text=text, date=day)).events


# ---------------------------------------------------------------------- the knowledge base
def test_nothing_compiled_loads_unless_asked():
    kb = ActorKB.load(compiled=())
    assert kb.compiled_units == () and not kb.folded and not kb.discards


def test_unknown_unit_is_a_catalogued_error():
    with pytest.raises(DetenteError, match="E203.*no such unit"):
        ActorKB.load(compiled=("people", "pharaohs"))


def test_our_people_keep_only_our_tenures(kb_all):
    ours = ActorKB.load(compiled=())
    for name in ("Vladimir Putin", "Sergey Lavrov", "Marco Rubio"):
        assert kb_all.people[name] == ours.people[name]
        assert not any(t.strict for t in kb_all.people[name])


def test_a_compiled_office_holder_resolves_only_on_the_dates_the_dictionary_gives(kb_all):
    oshima = kb_all.people["Kenzo Oshima"]      # Japan's government 2005-06 .. 2007-08, no fallback
    assert all(t.strict for t in oshima)
    assert kb_all.person("Kenzo Oshima", date(2006, 3, 1)).iso3 == "JPN"
    assert kb_all.person("Kenzo Oshima", date(2025, 3, 1)) is None     # not the nearest tenure
    assert kb_all.person("Kenzo Oshima", date(1990, 3, 1)) is None


def test_with_no_date_only_an_undated_fallback_holds(kb_all):
    assert kb_all.person("Kenzo Oshima", None) is None
    undated = kb_all.person("Mykola Azarov", None)
    assert undated.fallback and undated.iso3 == "UKR"


def test_a_fallback_applies_only_where_no_dated_row_covers(kb_all):
    azarov = "Mykola Azarov"                   # dated GOV rows to 2015, an undated ELI fallback
    assert kb_all.person(azarov, date(2011, 6, 1)).sector == "GOV"
    late = kb_all.person(azarov, date(2024, 6, 1))
    assert late.fallback and late.sector == "ELI" and late.iso3 == "UKR"


def test_a_fallback_coded_no_actor_means_no_one(kb_all):
    # an IGO official 2000-2008 whose undated code is [---]
    assert kb_all.person("Jean Marie Guehenno", date(2004, 1, 1)).sector == "IGO"
    assert kb_all.person("Jean Marie Guehenno", date(2012, 1, 1)) is None


def test_one_word_names_of_people_are_left_out(kb_all):
    assert "Hassan" not in kb_all.people                  # a name many share
    assert "Mykola Azarov" in kb_all.people


def test_compiled_surfaces_we_have_are_skipped(kb_all):
    ours = ActorKB.load(compiled=())
    assert kb_all.metonyms["Kremlin"] == ours.metonyms["Kremlin"]
    assert kb_all.igos["NATO"] == ours.igos["NATO"]
    assert not any(s.lower() in {k.lower() for k in ours.country_names}
                   for s in kb_all.folded.get("metonym", {}).values())


# ---------------------------------------------------------------------- matching
def test_phrase_trie_finds_every_phrase_case_insensitively(nlp):
    trie = PhraseTrie(lambda phrase: [t.text for t in nlp.tokenizer(phrase)])
    trie.add("Red Hand Defenders", "a")
    trie.add("Red Hand", "b")
    trie.add("Al-Tawhid", "c")
    doc = nlp.make_doc("The RED HAND Defenders and al-Tawhid; red herring.")
    found = {(doc[s:e].text, v) for s, e, v in trie.matches(doc)}
    assert found == {("RED HAND Defenders", "a"), ("RED HAND", "b"), ("al-Tawhid", "c")}


def test_compiled_names_match_in_any_casing_but_not_as_common_words(coder_all):
    matcher = coder_all.matcher
    doc = coder_all.nlp("The RED HAND DEFENDERS claimed it; red hand defenders is no name.")
    kinds = [(doc[m.start:m.end].text, m.kind) for m in matcher.mentions(doc)]
    assert ("RED HAND DEFENDERS", "metonym") in kinds
    assert not any(text == "red hand defenders" for text, _ in kinds)


def test_no_actor_phrase_blocks_the_name_inside_it(coder_all):
    doc = coder_all.nlp("Indian Ocean states met. Indian officials spoke.")
    texts = [doc[m.start:m.end].text for m in coder_all.matcher.mentions(doc)]
    assert "Indian" in texts and texts.count("Indian") == 1        # the second sentence's only


def test_compiled_person_resolves_by_the_story_date(coder_all):
    text = "Kenzo Oshima criticized Iran over its nuclear programme."
    then = _events(coder_all, text, date(2006, 5, 2))
    assert any(e.source.country == "JPN" for e in then)
    now = _events(coder_all, text, date(2025, 5, 2))
    assert not any(e.source.country == "JPN" for e in now)


def test_a_title_still_places_a_name_known_only_on_other_dates(coder_all):
    # the dictionaries know Oshima for 2005-2007 only; in 2025 "Japanese Ambassador" says who he is
    events = _events(coder_all, "Japanese Ambassador Kenzo Oshima criticized Iran.", date(2025, 5, 2))
    assert any(e.source.country == "JPN" and e.target.country == "IRN" for e in events)


def test_discard_phrases_drop_their_sentence_or_story(coder_all):
    sentence = "Russia accused Ukraine of shelling the stadium during the basketball final."
    assert not _events(coder_all, sentence, date(2025, 5, 2))
    kept = _events(coder_all, "Russia accused Ukraine of shelling Kharkiv.", date(2025, 5, 2))
    assert any(e.event_type == "ACCUSE" for e in kept)
    story = "Russia accused Ukraine of shelling Kharkiv. Andre Agassi won in straight sets."
    assert not _events(coder_all, story, date(2025, 5, 2))


# ---------------------------------------------------------------------- the verb families
def _forms(patterns):
    return {f for p in patterns for f in itertools.product(*p)}


@pytest.mark.parametrize("slots, removed", [
    ([{"meet", "confer"}, {"with"}], {("meet", "with")}),
    ([{"sign"}, {"deal", "pact", "accord"}, {"with", "alongside"}], {("sign", "pact", "with"), ("sign", "deal", "alongside")}),
    ([{"attack"}], {("attack",)}),
])
def test_without_forms_leaves_out_exactly_the_forms_we_have(slots, removed):
    slots = [frozenset(s) for s in slots]
    ours: dict = {}
    for f in removed:
        ours.setdefault((f[0], len(f)), set()).add(f)
    kept = _without_forms(slots, ours)
    assert _forms(kept) == _forms([slots]) - removed


def test_less_form_of_a_pattern_without_it_is_the_pattern():
    pattern = (frozenset({"meet"}), frozenset({"with"}))
    assert _less_form(pattern, ("confer", "with")) == [pattern]


def _selection(*roots, drop=()):
    return VerbSelection(roots={r: UnitChoice(load=True, measured="test") for r in roots},
                         drop_families={f: "test" for f in drop})


def test_compiled_verbs_load_by_root_and_never_override_our_forms():
    ours = Lexicon.load(compiled=VerbSelection())
    lex = Lexicon.load(compiled=_selection("04"))
    assert any("compiled/petrarch2" in f for f in lex.files)
    # every form of ours keeps our code and our pattern only
    for lemma, pats in ours.verbs.items():
        for pat in pats:
            for form in itertools.product(*pat.words):
                compiled = [p for p in lex.verbs[lemma] if "compiled" in p.source_file
                            and len(p.words) == len(form) and all(w in s for w, s in zip(form, p.words))]
                assert not compiled, (form, compiled[0].text)
    added = {p.code for pats in lex.verbs.values() for p in pats if "compiled" in p.source_file}
    assert added and all(code.startswith("04") for code in added)


def test_a_dropped_family_is_not_loaded():
    lex = Lexicon.load(compiled=_selection("04", drop=("GO_SOMEWHERE",)))
    whole = Lexicon.load(compiled=_selection("04"))
    n = lambda lx: len({id(p) for pats in lx.verbs.values() for p in pats})  # noqa: E731
    assert n(lex) < n(whole)


def test_a_dropped_entry_is_not_loaded_and_its_block_is():
    whole = Lexicon.load(compiled=_selection("07"))
    less = Lexicon.load(compiled=VerbSelection(roots={"07": UnitChoice(load=True, measured="test")},
                                               drop_entries={"CAMEO.2.0.txt:6173": "test"}))
    bare = lambda lx: [p for p in lx.verbs.get("contribute", []) if "compiled" in p.source_file  # noqa: E731
                       and len(p.words) == 1]
    assert bare(whole) and not bare(less)
    grant = lambda lx: {p.text for pats in lx.verbs.values() for p in pats if "compiled" in p.source_file}  # noqa: E731
    assert len(grant(whole) - grant(less)) == 1      # the rest of the GRANT block stays


def test_bare_verbs_left_out_leave_only_patterns_with_an_object_or_phrase():
    whole = Lexicon.load(compiled=_selection("05"))
    less = Lexicon.load(compiled=VerbSelection(roots={"05": UnitChoice(load=True, measured="test",
                                                                       bare_verbs=False)}))
    compiled = lambda lx: [p for pats in lx.verbs.values() for p in pats if "compiled" in p.source_file]  # noqa: E731
    assert any(len(p.words) == 1 for p in compiled(whole))      # "deal", "cooperate", ...
    assert compiled(less) and all(len(p.words) > 1 for p in compiled(less))
    assert {p.text for p in compiled(less)} <= {p.text for p in compiled(whole)}


def test_a_roots_own_dropped_family_leaves_other_roots_theirs():
    sel = VerbSelection(roots={"07": UnitChoice(load=True, measured="test", drop_families=["OVERSEE_MANAGE"]),
                               "15": UnitChoice(load=True, measured="test")})
    lex = Lexicon.load(compiled=sel)
    sources = {p.source_file.rsplit("(", 1)[1].rstrip(")") for pats in lex.verbs.values() for p in pats
               if "compiled" in p.source_file}
    assert "CAMEO.2.0.txt:6463" in sources        # root 15's "order police" (block OVERSEE_MANAGE)
    assert "CAMEO.2.0.txt:6421" not in sources    # root 07's entries of the same block


def test_the_packaged_selection_leaves_out_the_blocks_it_drops():
    # root 07 is loaded less its AID and DEFEND blocks ("help", "guard", "protect" alone coded aid)
    lex = Lexicon.load()
    compiled = [p for pats in lex.verbs.values() for p in pats if "compiled" in p.source_file]
    assert any(p.code.startswith("07") for p in compiled)
    assert not any(p.code.startswith("07") and p.words[0] & {"help", "guard", "protect"} for p in compiled)


def test_the_selection_file_names_known_units_only():
    chosen = selection()
    assert set(chosen.actors) == set(ACTOR_UNITS)
    with pytest.raises(DetenteError, match="E206"):
        parse(CompiledSelection, "actors: {pharaohs: {load: true, measured: x}}\nverbs: {}\n"
                                 "international_sectors: {}\n", "selection.yaml")


def test_a_dependency_resolves_to_the_state_that_controls_it():
    kb = ActorKB.load(compiled=("dependencies",))
    assert kb.country_names["Greenland"] == "DNK" and kb.dependencies["PRI"] == "USA"
    assert kb.demonyms["Puerto Rican"] == "USA"
    assert ActorKB.load(compiled=()).country_names["Greenland"] == "GRL"     # our own table alone
    assert kb.country_names["Cayman Islands"] == "CYM"    # the dictionaries code it on its own
