"""Data checks for the CAMEO/PLOVER pattern lexicon (src/detente/data/lexicon/NN_*.yaml).

These tests read the YAML directly; they do not need the matching engine.
"""
from __future__ import annotations

import csv
import itertools
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
LEX_DIR = ROOT / "src" / "detente" / "data" / "lexicon"
CAMEO_CSV = ROOT / "src" / "detente" / "data" / "ontology" / "cameo.csv"

EXPECTED_FILES = {
    "01": "01_statement.yaml", "02": "02_appeal.yaml", "03": "03_intent.yaml",
    "04": "04_consult.yaml", "05": "05_diplomatic_cooperation.yaml",
    "06": "06_material_cooperation.yaml", "07": "07_aid.yaml", "08": "08_yield.yaml",
    "09": "09_investigate.yaml", "10": "10_demand.yaml", "11": "11_disapprove.yaml",
    "12": "12_reject.yaml", "13": "13_threaten.yaml", "14": "14_protest.yaml",
    "15": "15_force_posture.yaml", "16": "16_reduce_relations.yaml", "17": "17_coerce.yaml",
    "18": "18_assault.yaml", "19": "19_fight.yaml", "20": "20_mass_violence.yaml",
}
ALLOWED_KEYS = {"code", "label", "verbs", "nouns", "passive_only", "active_only", "swap", "speaker_threatens", "speaker_praises", "owed_to_others", "needs_target", "future_only", "denied_only", "negated_code", "also_code", "plover_type", "note"}
WORD = r"[a-z]+(?:-[a-z]+)?(?:\|[a-z]+(?:-[a-z]+)?)*"
PATTERN_RE = re.compile(rf"^{WORD}(?: {WORD})*$")

# Words whose spaCy lemma in the neutral test frame is not the word itself although the
# word IS the right lemma for news text.  Keep this list short and say why.
LEMMA_EXCEPTIONS = {
    "lay",  # "They lay it." is read as the past of "lie"; "laid a wreath" lemmatizes to "lay"
}


def _cameo_rows():
    with open(CAMEO_CSV, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


CAMEO = {r["code"]: r for r in _cameo_rows()}


def _load_all():
    data = {}
    for root, name in EXPECTED_FILES.items():
        path = LEX_DIR / name
        with open(path, encoding="utf-8") as fh:
            data[root] = yaml.safe_load(fh)
    return data


@pytest.fixture(scope="module")
def lexicon():
    return _load_all()


def _entries(lexicon):
    for root, entries in lexicon.items():
        for e in entries:
            yield root, e


def _expand(pattern: str):
    slots = [w.split("|") for w in pattern.split(" ")]
    for combo in itertools.product(*slots):
        yield " ".join(combo)


def test_every_file_parses_as_list_of_entries(lexicon):
    for root, entries in lexicon.items():
        assert isinstance(entries, list) and entries, f"{root}: empty or not a list"
        for e in entries:
            assert isinstance(e, dict), f"{root}: entry is not a mapping: {e!r}"
            assert set(e) <= ALLOWED_KEYS, f"{root}/{e.get('code')}: unknown keys {set(e) - ALLOWED_KEYS}"
            assert isinstance(e.get("code"), str), f"{root}: code must be a quoted string: {e!r}"
            assert e.get("verbs") or e.get("nouns"), f"{root}/{e['code']}: no patterns"
            for key in ("verbs", "nouns"):
                assert isinstance(e.get(key, []), list)
            for key in ("swap", "passive_only", "active_only"):
                if key in e:
                    assert isinstance(e[key], bool)
            assert not (e.get("passive_only") and e.get("active_only"))


def test_codes_exist_and_sit_in_their_root_file(lexicon):
    for root, e in _entries(lexicon):
        assert e["code"] in CAMEO, f"unknown CAMEO code {e['code']!r} in {root}"
        assert e["code"][:2] == root, f"code {e['code']} is in the {root} file"
        assert e["label"] == CAMEO[e["code"]]["name"], f"{e['code']}: label differs from cameo.csv"


def test_every_cameo_code_has_a_pattern(lexicon):
    covered = {e["code"] for _, e in _entries(lexicon) if e.get("verbs") or e.get("nouns")}
    missing = sorted(c for c in CAMEO if len(c) >= 3 and c not in covered)
    assert not missing, f"CAMEO codes without any pattern: {missing}"


def test_every_plover_type_is_reachable(lexicon):
    covered = {e["code"] for _, e in _entries(lexicon)}
    wanted = {r["plover_type"] for r in CAMEO.values() if r["plover_type"]}
    reached = {CAMEO[c]["plover_type"] for c in covered if CAMEO[c]["plover_type"]}
    assert wanted <= reached, f"PLOVER types without patterns: {sorted(wanted - reached)}"


def test_hyphenated_pattern_words_are_kept_whole_by_the_tokenizer(lexicon):
    """A hyphenated word can only match when the pipeline keeps it one token
    (data/nlp/parse_repairs.yaml unsplit_verbs); any other would never fire."""
    from detente.nlp.pipeline import _REPAIR

    hyphenated = {w for _, e in _entries(lexicon) for key in ("verbs", "nouns") for p in e.get(key, [])
                  for slot in p.split() for w in slot.split("|") if "-" in w}
    assert hyphenated, "the lexicon has hyphenated verbs (test-fire): this check must see them"
    assert hyphenated <= set(_REPAIR.unsplit_verbs), sorted(hyphenated - set(_REPAIR.unsplit_verbs))


def test_patterns_are_lowercase_lemma_words(lexicon):
    bad = []
    for _, e in _entries(lexicon):
        for key in ("verbs", "nouns"):
            for p in e.get(key, []):
                if not isinstance(p, str) or not PATTERN_RE.match(p):
                    bad.append((e["code"], key, p))
    assert not bad, f"malformed patterns: {bad[:20]}"


def test_nouns_have_no_alternation(lexicon):
    # noun triggers are listed one per line so that modifiers stay readable
    bad = [(e["code"], p) for _, e in _entries(lexicon) for p in e.get("nouns", []) if "|" in p]
    assert not bad, bad


def test_no_surface_form_under_two_codes(lexicon):
    """After expanding `|` alternatives, a surface form may belong to one code only.

    Swap entries (subject = target) are a separate namespace because the same words
    with reversed roles are a different reading.
    """
    for key in ("verbs", "nouns"):
        owner: dict[tuple, set] = defaultdict(set)
        for _, e in _entries(lexicon):
            ns = "swap" if e.get("swap") else "plain"
            for p in e.get(key, []):
                for form in _expand(p):
                    owner[(ns, form)].add(e["code"])
        clashes = {f: sorted(c) for f, c in owner.items() if len(c) > 1}
        assert not clashes, f"{key}: same surface form under several codes: {dict(list(clashes.items())[:25])}"


def test_common_codes_have_breadth(lexicon):
    counts = defaultdict(int)
    for _, e in _entries(lexicon):
        counts[e["code"]] += len(e.get("verbs", [])) + len(e.get("nouns", []))
    for code in ("040", "041", "042", "043", "046", "051", "057", "0841", "0871",
                 "111", "112", "130", "141", "163", "173", "190", "193", "195"):
        assert counts[code] >= 6, f"{code} has only {counts[code]} patterns"


@pytest.fixture
def tagger(nlp):
    """The session's pipeline with only what lemmas need (no parser, no entities)."""
    with nlp.select_pipes(disable=[p for p in ("parser", "ner") if p in nlp.pipe_names]):
        yield nlp


def _not_their_own_lemma(nlp, words, frame: str, at: int) -> list[tuple[str, str | None]]:
    """The words (outside LEMMA_EXCEPTIONS) whose lemma is not the word itself when put in
    ``frame`` ("They {} it."; the word is token ``at``), with the lemma found."""
    n_tokens = len(nlp.make_doc(frame.format("word")))
    bad = []
    for word, doc in zip(words, nlp.pipe(frame.format(w) for w in words)):
        lemma = doc[at].lemma_.lower() if len(doc) == n_tokens else None
        if lemma != word and word not in LEMMA_EXCEPTIONS:
            bad.append((word, lemma))
    return bad


def test_verb_heads_are_verb_lemmas(lexicon, tagger):
    from detente.coding.tables import words

    # (a predicate adjective -- "are opposed to" -- is its own lemma after "be", not as a verb)
    adjectives = set(words().predicate_adjectives)
    heads = sorted({h for _, e in _entries(lexicon) for p in e.get("verbs", [])
                    for h in p.split(" ")[0].split("|")})
    bad = _not_their_own_lemma(tagger, [h for h in heads if h not in adjectives], "They {} it.", 1)
    bad += _not_their_own_lemma(tagger, [h for h in heads if h in adjectives], "They are strongly {} to it.", 3)
    assert not bad, f"verb heads that are not lemmas: {bad}"


def test_dependent_words_are_lemmas(lexicon, tagger):
    """Every non-head word of a verb pattern must be its own lemma as a noun or a verb
    ("talk" not "talks", "arm" not "arms", "medium" not "media")."""
    nlp = tagger
    words = sorted({w for _, e in _entries(lexicon) for p in e.get("verbs", [])
                    for slot in p.split(" ")[1:] for w in slot.split("|")})
    as_noun = nlp.pipe(f"They reported the {w} yesterday." for w in words)
    as_verb = nlp.pipe(f"They will {w} it." for w in words)
    bad = []
    for w, d1, d2 in zip(words, as_noun, as_verb):
        n = d1[3].lemma_.lower() if len(d1) == 6 else None
        v = d2[2].lemma_.lower() if len(d2) == 5 else None
        if w not in (n, v) and w not in LEMMA_EXCEPTIONS:
            bad.append((w, n, v))
    assert not bad, f"pattern words that are not lemmas: {bad}"


def test_noun_heads_are_noun_lemmas(lexicon, tagger):
    heads = sorted({p.split(" ")[-1] for _, e in _entries(lexicon) for p in e.get("nouns", [])})
    bad = _not_their_own_lemma(tagger, heads, "They reported the {} yesterday.", 3)
    assert not bad, f"noun heads that are not lemmas: {bad}"


# ----------------------------------------------------------------------------- data files on load
# Every word list and code table the coder, the NLP layer and the actor matcher use is a data
# file checked on load: a bad one is an error naming the file and the key, with a catalogue code.

from detente.actors.tables import ActorRules  # noqa: E402
from detente.coding.lexicon import Lexicon  # noqa: E402
from detente.coding.tables import CoderCodes, CoderWords, ModalityRules, PrefilterWords  # noqa: E402
from detente.datafiles import load, parse  # noqa: E402
from detente.errors import DetenteError  # noqa: E402
from detente.nlp.dates import DateWords  # noqa: E402
from detente.nlp.entities import EntityWords  # noqa: E402
from detente.nlp.places import PlaceWords  # noqa: E402

DATA = ROOT / "src" / "detente" / "data"
MODALITY = (LEX_DIR / "modality.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("model,parts", [
    (CoderWords, ("coding", "words.yaml")), (CoderCodes, ("coding", "codes.yaml")),
    (ModalityRules, ("lexicon", "modality.yaml")), (PrefilterWords, ("coding", "prefilter.yaml")),
    (EntityWords, ("nlp", "entities.yaml")), (PlaceWords, ("nlp", "places.yaml")),
    (DateWords, ("nlp", "dates.yaml")), (ActorRules, ("actors", "rules.yaml")),
])
def test_packaged_data_files_load(model, parts):
    loaded = load(model, *parts)
    assert all(value is not None for _, value in loaded)


def test_a_word_under_two_governor_kinds_is_an_error():
    # "call" was listed as both an appeal and a halt; the second was silently dropped
    text = MODALITY.replace("halt: [cancel,", "halt: [call, cancel,")
    with pytest.raises(DetenteError) as err:
        parse(ModalityRules, text, "my_modality.yaml")
    assert err.value.code == "E207"
    assert "my_modality.yaml" in str(err.value) and "'call'" in str(err.value) and "appeal" in str(err.value)


def test_a_key_written_twice_is_an_error():
    text = MODALITY.replace('    "03": keep\n', '    "03": keep\n    "03": "020"\n', 1)
    with pytest.raises(DetenteError) as err:
        parse(ModalityRules, text, "my_modality.yaml")
    assert err.value.code == "E207" and "'03'" in str(err.value) and "my_modality.yaml" in str(err.value)


def test_an_unknown_cameo_code_is_an_error():
    text = MODALITY.replace('"064": none', '"064": "1214"')
    with pytest.raises(DetenteError) as err:
        parse(ModalityRules, text, "my_modality.yaml")
    assert err.value.code == "E208" and "maps.reject.064" in str(err.value) and "'1214'" in str(err.value)


def test_an_unknown_governor_kind_is_an_error():
    text = MODALITY.replace("  threaten: [threaten, warn]", "  threat: [threaten, warn]")
    with pytest.raises(DetenteError) as err:
        parse(ModalityRules, text, "my_modality.yaml")
    assert err.value.code == "E209" and "governors.threat" in str(err.value)


def test_a_word_twice_in_one_list_and_a_yaml_boolean_are_errors():
    text = (DATA / "coding" / "words.yaml").read_text(encoding="utf-8")
    with pytest.raises(DetenteError) as err:
        parse(CoderWords, text.replace("light_verbs: [hold,", "light_verbs: [hold, hold,"), "w.yaml")
    assert err.value.code == "E207" and "'hold'" in str(err.value)
    with pytest.raises(DetenteError) as err:      # unquoted `on` is YAML's true
        parse(CoderWords, text.replace('target_prepositions: [with, to, against, "on",', "target_prepositions: [with, to, against, on,"), "w.yaml")
    assert err.value.code == "E206" and "target_prepositions" in str(err.value)


def test_a_users_pattern_file_is_checked_and_named(tmp_path):
    good = tmp_path / "mine.yaml"
    good.write_text('- code: "042"\n  verbs: [drop by]\n', encoding="utf-8")
    lex = Lexicon.load(extra=[good])
    assert any(p.source_file == str(good) for p in lex.verbs["drop"])
    bad = tmp_path / "bad.yaml"
    bad.write_text('- code: "0999"\n  verbs: [frobnicate]\n', encoding="utf-8")
    with pytest.raises(DetenteError) as err:
        Lexicon.load(extra=[bad])
    assert err.value.code == "E208" and "bad.yaml" in str(err.value) and "'0999'" in str(err.value)
    bad.write_text('- code: "051"\n  negated_code: "1199"\n  verbs: [be fond of]\n', encoding="utf-8")
    with pytest.raises(DetenteError) as err:     # what a denial codes is checked like the code
        Lexicon.load(extra=[bad])
    assert err.value.code == "E208" and "negated_code" in str(err.value) and "'1199'" in str(err.value)
    bad.write_text('- code: "116"\n  also_code: "1799"\n  verbs: [sentence fine]\n', encoding="utf-8")
    with pytest.raises(DetenteError) as err:
        Lexicon.load(extra=[bad])
    assert err.value.code == "E208" and "also_code" in str(err.value) and "'1799'" in str(err.value)
    bad.write_text('- code: "042"\n  verb: [drop by]\n', encoding="utf-8")
    with pytest.raises(DetenteError) as err:
        Lexicon.load(extra=[bad])
    assert err.value.code == "E206" and "bad.yaml" in str(err.value) and "verb" in str(err.value)


def test_a_plover_type_of_a_pattern_must_be_a_plover_type():
    from detente.coding.lexicon import PatternFile
    from detente.datafiles import parse
    from detente.errors import DetenteError

    good = '- code: "0871"\n  plover_type: CONCEDE\n  verbs: ["agree to ceasefire"]\n'
    assert parse(PatternFile, good, "test.yaml").root[0].plover_type == "CONCEDE"
    bad = '- code: "0871"\n  plover_type: TRUCE\n  verbs: ["agree to ceasefire"]\n'
    with pytest.raises(DetenteError, match="no PLOVER event type"):
        parse(PatternFile, bad, "test.yaml")


def test_the_parse_repairs_and_the_coder_sum_up_acts_with_the_same_nouns():
    # the nlp layer cannot read the coder's tables, so the list is written twice: one word added
    # to one of them alone would repair parses the coder then does not read (or the reverse)
    repairs = yaml.safe_load((ROOT / "src/detente/data/nlp/parse_repairs.yaml").read_text(encoding="utf-8"))
    words = yaml.safe_load((ROOT / "src/detente/data/coding/words.yaml").read_text(encoding="utf-8"))
    assert sorted(repairs["summary_nouns"]) == sorted(words["summary_nouns"])
