"""The evaluation harness (benchmarks/evaluate.py and its gold loaders) and the calibrated
confidence: the split, the scoring arithmetic, that blind halves print aggregates only, the
PETRARCH dictionary reader, the official-text offsets, and the calibration table."""
from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import REPO

BENCHMARKS = REPO / "benchmarks"
if str(BENCHMARKS) not in sys.path:
    sys.path.insert(0, str(BENCHMARKS))

import evaluate  # noqa: E402
import scoring  # noqa: E402
from gold import GoldEvent, GoldRecord, GoldSet, country_or_body  # noqa: E402
from gold import official, petrarch  # noqa: E402
from splits import BLIND, TUNE, split_of  # noqa: E402

from detente.coding.calibration import CalibrationTable, EventFeatures, calibrated_confidence, rule_parts  # noqa: E402
from detente.errors import DetenteError  # noqa: E402
from detente.schema import Actor, CodedStory, Event  # noqa: E402


# ---------------------------------------------------------------------- helpers
def actor(country, sector=None, inferred=False):
    return Actor(text=country or "someone", country=country, sector=sector, inferred=inferred)


def event(event_type, source, target, *, cameo="040", rule="verb:040:meet", confidence=0.8, story="s",
          span=(0, 10), trigger=None, sentence="", inferred=False):
    return Event(event_id=f"e{abs(hash((story, event_type, source, target, span)))}", story_id=story, sentence_id=0,
                 sentence=sentence, span=span, date=None, date_precision="story",
                 source=actor(source, inferred=inferred) if source else None,
                 target=actor(target) if target else None, event_type=event_type, mode=None, context=None,
                 cameo=cameo, goldstein=1.0, quad_class=1, rule=rule, confidence=confidence, trigger=trigger)


class ScriptedCoder:
    """A fake coder: the events for each story text are written in the test."""

    def __init__(self, script: dict[str, list[Event]]):
        self.script = script

    def code_stories(self, stories):
        for story in stories:
            yield CodedStory(story=story, events=list(self.script.get(story.text, [])))

    def code_story(self, story):
        return next(self.code_stories([story]))


def ids_in(half: str, n: int, prefix: str) -> list[str]:
    out, i = [], 0
    while len(out) < n:
        rid = f"{prefix}-{i}"
        if split_of(rid) == half:
            out.append(rid)
        i += 1
    return out


# ---------------------------------------------------------------------- the split
def test_split_is_stable_across_processes_and_about_half():
    ids = [f"rec-{i}" for i in range(2000)]
    here = [split_of(i) for i in ids]
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from splits import split_of; "
            "print(''.join('t' if split_of(f'rec-{i}') == 'tune' else 'b' for i in range(2000)))")
    env = dict(os.environ, PYTHONHASHSEED="12345")
    there = subprocess.run([sys.executable, "-c", code, str(BENCHMARKS)], capture_output=True, text=True,
                           env=env, check=True).stdout.strip()
    assert there == "".join("t" if h == TUNE else "b" for h in here)
    share = here.count(TUNE) / len(ids)
    assert 0.45 < share < 0.55
    # a record's half depends on its id alone: adding records moves none
    assert [split_of(i) for i in ids[:50]] == here[:50]


# ---------------------------------------------------------------------- scoring arithmetic
def test_max_matching_is_one_to_one_and_maximal():
    gold = [GoldEvent("AGREE", frozenset({"USA", "RUS"})), GoldEvent("AGREE", frozenset({"USA"}))]
    coded = [scoring.Coded("AGREE", "USA", None), scoring.Coded("AGREE", "RUS", None)]
    # taking gold 0 for the first coded event would leave the second unmatched: 2 is possible
    assert scoring.max_matching(coded, gold, lambda g, c: scoring.actors_accepted(g, c)) == 2
    # one gold event cannot be matched twice
    assert scoring.max_matching(coded, gold[:1], lambda g, c: True) == 1


def test_sentence_scores_and_aggregates():
    agree = GoldEvent("AGREE", frozenset({"USA"}), frozenset({"RUS"}))
    accuse = GoldEvent("ACCUSE", frozenset({"CHN"}), frozenset())
    cases = [
        ([agree], [scoring.Coded("AGREE", "USA", "RUS"), scoring.Coded("AGREE", "RUS", "USA")]),
        ([accuse], [scoring.Coded("REQUEST", "CHN", "USA")]),
        ([], []),
        ([], [scoring.Coded("CONSULT", "FRA", "DEU")]),
    ]
    outcomes = [scoring.score_sentence(g, c) for g, c in cases]
    assert [o.type_ok for o in outcomes] == [True, False, True, False]
    assert outcomes[0].correct == [True, False]        # the reversed pair is not what gold says
    assert outcomes[1].actors_ok is False
    agg = scoring.aggregate(outcomes)
    assert agg.n == 4
    assert agg.type_accuracy == 0.5
    assert agg.recall == 0.5                  # 1 of 2 gold events found
    assert agg.precision == 0.25              # 1 of 4 coded events matched
    assert agg.no_event_n == 2 and agg.no_event_false_rate == 0.5
    assert agg.events_per_sentence == 1.0
    per = scoring.per_label(outcomes)
    assert per["AGREE"] == (0.5, 1.0, 1) and per["ACCUSE"] == (None, 0.0, 1)


def test_any_label_level_scores_actors_only():
    gold = [GoldEvent("122", frozenset({"CAL"}), frozenset({"OSG"}))]
    o = scoring.score_sentence(gold, [scoring.Coded("111", "CAL", "OSG")], scoring.any_label)
    assert o.type_ok and o.actors_ok and o.matched_actors == 1
    o = scoring.score_sentence(gold, [scoring.Coded("111", "OSG", "CAL")], scoring.any_label)
    assert o.type_ok and not o.actors_ok


def test_reliability_bins_and_threshold():
    pairs = [(0.85, True), (0.95, False), (0.82, True), (0.35, False)]
    rows = scoring.reliability(pairs)
    assert sum(n for _, _, n, _ in rows) == 4
    top = [r for r in rows if r[0] == 0.8][0]
    assert top[2] == 2 and top[3] == 1.0
    assert scoring.share_correct_at_least(pairs, 0.8) == (3, pytest.approx(2 / 3))


# ---------------------------------------------------------------------- blind halves stay blind
def _toy_set():
    tune_ids = ids_in(TUNE, 3, "toy")
    blind_ids = ids_in(BLIND, 4, "toy")
    texts = {
        tune_ids[0]: "Tuneland's envoy met the Blindovian minister in the old harbour.",
        tune_ids[1]: "The council of Tuneland accused its neighbour of hoarding grain.",
        tune_ids[2]: "Tuneland said nothing about the weather in the valley.",
        blind_ids[0]: "Secretblind officials agreed to reopen the mountain crossing next spring.",
        blind_ids[1]: "A Secretblind court fined a visiting trawler captain for poaching.",
        blind_ids[2]: "Secretblind forecasters expect a dry harvest season ahead.",
        blind_ids[3]: "The Secretblind cabinet rejected the neighbour's request for water.",
    }
    gold = {
        tune_ids[0]: (GoldEvent("CONSULT", frozenset({"TUN"}), frozenset({"BLD"})),),
        tune_ids[1]: (GoldEvent("ACCUSE", frozenset({"TUN"}), frozenset()),),
        tune_ids[2]: (),
        blind_ids[0]: (GoldEvent("AGREE", frozenset({"SEC"}), frozenset()),),
        blind_ids[1]: (GoldEvent("SANCTION", frozenset({"SEC"}), frozenset()),),
        blind_ids[2]: (),
        blind_ids[3]: (GoldEvent("REJECT", frozenset({"SEC"}), frozenset({"NBR"})),),
    }
    script = {
        texts[tune_ids[0]]: [event("CONSULT", "TUN", "BLD")],
        texts[tune_ids[1]]: [event("REQUEST", "TUN", None, cameo="020", rule="verb:020:urge")],   # a miss
        texts[tune_ids[2]]: [],
        texts[blind_ids[0]]: [event("AGREE", "SEC", None, cameo="030")],
        texts[blind_ids[1]]: [event("COERCE", "SEC", "NBR", cameo="170")],                       # a miss
        texts[blind_ids[2]]: [event("CONSULT", "SEC", None)],                                    # false event
        texts[blind_ids[3]]: [event("REJECT", "SEC", "NBR", cameo="120"), event("REJECT", "NBR", "SEC", cameo="120")],
    }
    records = [GoldRecord(key=i, record_id=i, half=split_of(i), text=texts[i], events=gold[i])
               for i in tune_ids + blind_ids]
    gs = GoldSet(name="toy", title="toy set", scheme="plover", records=records, actor_key=country_or_body)
    return gs, ScriptedCoder(script), texts, blind_ids, tune_ids


def _row(output: str, label: str) -> list[str]:
    line = next(ln for ln in output.splitlines() if ln.strip().startswith(label))
    return line[len(line) - len(line.lstrip()) + len(label):].split()


def test_blind_half_prints_aggregates_only(tmp_path):
    gs, coder, texts, blind_ids, tune_ids = _toy_set()
    result = evaluate.code_set(gs, coder, tmp_path)
    buf = io.StringIO()
    summary = evaluate.print_report(result, buf, tune_errors=100)
    out = buf.getvalue()
    for rid in blind_ids:
        assert texts[rid] not in out and rid not in out
        assert texts[rid][:30] not in out
    # the tuning half's miss is listed for rule writers, with its sentence and rule
    assert texts[tune_ids[1]] in out and "verb:020:urge" in out
    # aggregates, blind half: 4 records; primary type right on 2 (AGREE, REJECT); the no-event
    # sentence got an event; 5 events coded, 2 of them match one of the 3 gold events
    assert _row(out, "records") == ["3", "4"]
    assert _row(out, "type accuracy (primary event)") == ["0.667", "0.500"]
    assert _row(out, "precision (type)") == ["0.500", "0.400"]
    assert _row(out, "no-event false rate") == ["0.000", "1.000"]
    blind = summary["halves"][BLIND]["levels"]["type"]
    assert blind["recall"] == pytest.approx(2 / 3) and blind["events_per_sentence"] == 1.25
    assert "per_label" not in summary["halves"][BLIND]
    # the JSON form of the aggregates holds no record text either
    dumped = json.dumps(summary, default=list)
    assert all(texts[rid] not in dumped for rid in blind_ids)


def test_tune_error_listing_never_shows_blind_records(tmp_path):
    gs, coder, texts, blind_ids, _ = _toy_set()
    buf = io.StringIO()
    evaluate.print_tune_errors(evaluate.code_set(gs, coder, tmp_path), 1000, buf)
    assert all(texts[rid] not in buf.getvalue() for rid in blind_ids)


# ---------------------------------------------------------------------- PETRARCH dictionaries
ACTOR_SNIPPET = """<!-- a header <!-- with a nested comment --> still a comment -->
WESTMARCH_  [WMR]
+WESTMARCHIAN
# a comment line
OLD_TOBY  [WMRGOV]  # trailing comment
HALDIR # no code on this line
+HALDIR_OF_LORIEN
\t[ELFGOV 950601 - 990815]
\t[ELFMIL >990816]
NOBODY  [---]
"""

AGENT_SNIPPET = """!PERSON! = MAN, MEN
WATCHMEN {} [~COP] # comment
TAX_COLLECTOR [~GOVTAX]
CHIEF!PERSON! [~GOV]
"""


def test_strip_comments_handles_nesting():
    assert petrarch.strip_comments("a<!-- b <!-- c --> d -->e<!--f-->g") == "aeg"


def test_actor_dictionary_reader():
    entries = petrarch.read_actor_dictionary(ACTOR_SNIPPET)
    assert [e.names for e in entries] == [["WESTMARCH", "WESTMARCHIAN"], ["OLD TOBY"],
                                          ["HALDIR", "HALDIR OF LORIEN"]]   # the null actor is dropped
    assert entries[0].codes == [("WMR", None, None)]
    assert entries[2].codes == [("ELFGOV", date(1995, 6, 1), date(1999, 8, 15)),
                                ("ELFMIL", date(1999, 8, 16), None)]
    assert petrarch._petrarch_date("080120") == date(2008, 1, 20)
    assert petrarch.surface_forms("HALDIR OF LORIEN")[0] == "Haldir of Lorien"


def test_agent_dictionary_reader():
    assert petrarch.read_agent_dictionary(AGENT_SNIPPET) == [("watchmen", "COP"), ("tax collector", "GOV")]


def test_dictionary_becomes_actor_files_the_kb_reads(tmp_path):
    from detente.actors.kb import ActorKB

    entries = petrarch.read_actor_dictionary(ACTOR_SNIPPET)
    roots = petrarch.ActorRoots(entries)
    files = petrarch.write_actor_files(entries, [("watchmen", "COP")], roots, tmp_path)
    kb = ActorKB.load(extra=files)
    assert kb.country_names["Westmarch"] == "WMR" and kb.country_names["Westmarchian"] == "WMR"
    assert kb.metonyms["Old Toby"][:2] == ("WMR", "GOV")
    assert kb.person("Haldir", date(1997, 1, 1)).sector == "GOV"
    assert kb.person("Haldir", date(2001, 1, 1)).sector == "MIL"
    assert kb.agents["watchmen"] == "COP"
    # gold codes compare by root, the null actor accepts anything
    assert roots.root("WMRGOV") == "WMR" and roots.root("---") is None


def test_dictionary_codes_of_real_countries_map_to_detente_codes():
    roots = petrarch.ActorRoots(petrarch.read_actor_dictionary("EGYPT [UAR]\nARGENTIN [ARG]\nFRANCE [FRA]\n"))
    assert roots.root("UAR") == "EGY" and roots.root("UARGOV") == "EGY"
    assert roots.fictional == []
    assert roots.root("ROM") == "ROU"         # a CAMEO country code from detente's table


def test_petrarch_unit_records_load(tmp_path):
    from conftest import shared_path

    shared_path("petrarch2", petrarch.RECORDS)
    gs = petrarch.load(shared_path(), tmp_path)
    assert gs.scheme == "dyad" and gs.excluded.get("expects an input error", 0) > 0
    assert len(gs.records) + sum(gs.excluded.values()) == 284
    halves = {r.half for r in gs.records}
    assert halves == {TUNE, BLIND}
    assert all(Path(p).is_file() for p in gs.coder_options["actor_files"])
    assert len({r.key for r in gs.records}) == len(gs.records)


# ---------------------------------------------------------------------- official texts
def _official_fixture(tmp_path):
    folder = tmp_path / "data" / official.TEXTS
    folder.mkdir(parents=True)
    text = ("Title: x\nDate: 2025-03-01\n---\nThe minister of Alpha met the envoy of Beta. "
            "They discussed fishing quotas. Alpha later accused Beta of delays.\n")
    (folder / "a.txt").write_text(text, encoding="utf-8")
    first = text.index("The minister")
    second = text.index("Alpha later")
    spans = [(first, text.index(" They")), (second, len(text) - 1)]

    def rec(i, s, e, sha=None):
        piece = text[s:e]
        return {"id": f"off-{i}", "file": "a.txt", "start": s, "end": e,
                "sha1": sha or hashlib.sha1(piece.encode()).hexdigest(), "date": "2025-03-01",
                "events": [{"event_type": "CONSULT", "source": "AAA", "target": "BBB"}]}
    return text, spans, rec


def test_official_record_with_drifted_offsets_is_refused(tmp_path, capsys):
    text, spans, rec = _official_fixture(tmp_path)
    gold = tmp_path / "official.jsonl"
    gold.write_text(json.dumps(rec(1, *spans[0])) + "\n" + json.dumps(rec(2, *spans[1], sha="0" * 40)) + "\n")
    gs = official.load(tmp_path / "data", gold)
    assert [r.key for r in gs.records] == ["off-1"] and gs.whole_set_blind
    assert all(r.half == BLIND for r in gs.records)
    out = capsys.readouterr().out
    assert "official.jsonl:2" in out and "off-2" in out and "sha1" in out


def test_events_go_to_the_gold_sentence_their_trigger_lies_in(tmp_path):
    text, spans, rec = _official_fixture(tmp_path)
    records = [GoldRecord(key=f"off-{i}", record_id=f"off-{i}", half=BLIND, text="", events=(),
                          file="a.txt", start=s, end=e) for i, (s, e) in enumerate(spans)]
    body_at = text.index("The minister")
    body = text[body_at:]
    # story offsets: sentence 1 at 0, sentence 2 ("They discussed") between, sentence 3 last
    s2 = body.index("They")
    s3 = body.index("Alpha later")
    events = [event("CONSULT", "AAA", "BBB", span=(0, s2 - 1), trigger="met"),
              event("CONSULT", "AAA", "BBB", span=(s2, s3 - 1), trigger="discussed"),   # not a gold sentence
              event("ACCUSE", "AAA", "BBB", span=(s3, len(body) - 1), trigger="accused")]
    got = evaluate.assign_to_records(events, body, body_at, records)
    assert [e.trigger for e in got["off-0"]] == ["met"]
    assert [e.trigger for e in got["off-1"]] == ["accused"]


# ---------------------------------------------------------------------- calibration
def test_rule_parts_and_features():
    assert rule_parts("verb:040:meet +intent:agree+negated") == ("verb", "040", 1, ("intent", "negated"))
    assert rule_parts("noun:0211:aid|assistance request") == ("noun", "0211", 2, ())
    e = event("AGREE", "USA", None, rule="verb:057:sign agreement|accord +intent:agree", inferred=True)
    f = EventFeatures.of(e)
    assert (f.family, f.words, f.notes, f.source, f.target) == ("verb:05", "2", "intent", "inferred", "none")


def test_table_round_trip_and_interpolation():
    table = CalibrationTable(0.5, {("family", "verb:04"): 1.0, ("target", "none"): -1.0},
                             ((0.0, 0.2), (1.0, 0.6), (2.0, 0.9)), ("fitted in a test",))
    again = CalibrationTable.parse(table.to_csv(), "t.csv")
    assert again == table
    assert again.confidence_at(-5) == 0.2 and again.confidence_at(9) == 0.9
    assert again.confidence_at(1.5) == pytest.approx(0.75)
    meet = event("CONSULT", "USA", "RUS", rule="verb:040:meet")
    alone = event("CONSULT", "USA", None, rule="verb:040:meet")
    assert calibrated_confidence(meet, again) == pytest.approx(0.75)      # 0.5 + 1.0
    assert calibrated_confidence(alone, again) == pytest.approx(0.4)      # 0.5 + 1.0 - 1.0


def test_table_errors_name_the_file():
    with pytest.raises(DetenteError) as bad:
        CalibrationTable.parse("part,feature,value,score,confidence\nknot,,,x,0.5\nintercept,,,0,\n", "cal.csv")
    assert bad.value.code == "E206" and "cal.csv" in str(bad.value)
    twice = ("part,feature,value,score,confidence\nintercept,,,0,\nweight,words,1,0.1,\nweight,words,1,0.2,\n"
             "knot,,,0,0.5\n")
    with pytest.raises(DetenteError) as dup:
        CalibrationTable.parse(twice, "cal.csv")
    assert dup.value.code == "E207"


def test_fit_orders_events_by_how_often_they_were_right():
    pytest.importorskip("sklearn", reason="scikit-learn fits the calibration (benchmark dependency)")
    import calibrate

    good = EventFeatures("verb:04", "2", "none", "resolved", "resolved")
    bad = EventFeatures("verb:17", "1", "none", "resolved", "none")
    samples, groups = [], []
    for i in range(60):
        samples.append((good, i % 10 != 0))       # 90% right
        groups.append(f"g{i}")
        samples.append((bad, i % 10 < 3))         # 30% right
        groups.append(f"b{i}")
    table, _ = calibrate.fit(samples, groups, prior=10, folds=5, provenance=["test"])
    hi, lo = table.calibrate(good), table.calibrate(bad)
    assert 0.0 <= lo < hi <= 1.0
    assert hi == pytest.approx(0.9, abs=0.1) and lo == pytest.approx(0.3, abs=0.1)
    # the runtime reader gives the same function as scikit-learn's predict on the knots
    from sklearn.isotonic import IsotonicRegression
    xs, ys = zip(*table.knots)
    iso = IsotonicRegression(out_of_bounds="clip").fit(xs, ys)
    for s in (xs[0] - 1, (xs[0] + xs[-1]) / 2, xs[-1] + 1):
        assert table.confidence_at(s) == pytest.approx(float(iso.predict([s])[0]))


def test_the_prior_is_the_smallest_whose_nested_check_meets_the_target(monkeypatch):
    import calibrate

    f = EventFeatures("verb:04", "1", "none", "resolved", "resolved")
    samples = [(f, i % 2 == 0) for i in range(40)]          # half of them right
    groups = [f"s{i}" for i in range(40)]
    # small priors put every event at 0.9 (half right: the target fails), larger ones at 0.7
    monkeypatch.setattr(calibrate, "nested_predictions",
                        lambda s, g, prior, folds: [0.9 if prior < 20 else 0.7] * len(s))
    prior, lines = calibrate.choose_prior(samples, groups, 5, priors=(10, 15, 20, 30))
    assert prior == 20 and len(lines) == 3
    assert "40 events at >= 0.8, 0.500 right" in lines[0] and "0 events at >= 0.8" in lines[2]
    # nothing meets it: the largest prior
    monkeypatch.setattr(calibrate, "nested_predictions", lambda s, g, prior, folds: [0.9] * len(s))
    assert calibrate.choose_prior(samples, groups, 5, priors=(10, 15))[0] == 15


def test_the_nested_check_predicts_each_sentence_without_it():
    pytest.importorskip("sklearn", reason="scikit-learn fits the calibration (benchmark dependency)")
    import calibrate

    good = EventFeatures("verb:04", "2", "none", "resolved", "resolved")
    bad = EventFeatures("verb:17", "1", "none", "resolved", "none")
    samples = [(good, i % 10 != 0) for i in range(60)] + [(bad, i % 10 < 3) for i in range(60)]
    groups = [f"g{i}" for i in range(120)]
    pred = calibrate.nested_predictions(samples, groups, 10, 5)
    assert len(pred) == 120 and all(0.0 <= p <= 1.0 for p in pred)
    assert sum(pred[:60]) / 60 > sum(pred[60:]) / 60 + 0.3      # the good kind stays above


def test_packaged_table_gives_probabilities():
    from detente.coding.calibration import load_table

    table = load_table()
    if table is None:
        pytest.skip("no packaged calibration table (benchmarks/calibrate.py writes it)")
    assert table.provenance and "Tuning halves only" in " ".join(table.provenance)
    value = calibrated_confidence(event("CONSULT", "USA", "RUS"))
    assert 0.0 <= value <= 1.0


def test_heuristic_confidence_is_the_hand_set_score():
    from detente.coding.calibration import heuristic_confidence, raw_confidence

    usa, rus = actor("USA"), actor("RUS")
    # one-word verb, placed source, a target: 0.45 + 0.15 + 0.15 + 0.05
    assert heuristic_confidence("verb:040:meet", usa, rus) == pytest.approx(0.80)
    # two words (+0.08), placed source, a noun (no +0.05), a modality note (-0.05), no target
    assert heuristic_confidence("noun:0211:aid request +intent:ask", usa, None) == pytest.approx(0.63)
    # a source whose country came from context is not placed; an international body is
    assert heuristic_confidence("verb:040:meet", actor("USA", inferred=True), rus) == pytest.approx(0.65)
    un = Actor(text="the UN", name="United Nations", sector="IGO")
    assert heuristic_confidence("verb:040:meet", un, rus) == pytest.approx(0.80)
    e = event("CONSULT", "USA", "RUS", rule="verb:040:meet", confidence=0.1)
    assert raw_confidence(e) == pytest.approx(0.80)      # from the record, not from its confidence


def test_placed_sectors_come_from_the_data_file():
    from detente.coding.calibration import actor_state, settings

    assert {"IGO", "NGO"} <= settings().placed_sectors
    assert actor_state(Actor(text="the Red Cross", sector="NGO")) == "resolved"
    assert actor_state(Actor(text="the rebels", sector="REB")) == "unresolved"
    assert actor_state(None) == "none"


def test_the_coder_writes_the_calibrated_confidence(coder):
    from detente.coding.calibration import load_table, raw_confidence
    from detente.schema import Story

    if load_table() is None:
        pytest.skip("no packaged calibration table (benchmarks/calibrate.py writes it)")
    done = coder.code_story(Story(id="cal", text="The foreign minister of Freedonia met the Chinese "
                                  "ambassador in Paris. Japan condemned the missile test by North Korea.",
                                  date=date(2025, 3, 4)))
    assert done.events
    for e in done.events:
        assert e.confidence == pytest.approx(calibrated_confidence(e))
    assert any(e.confidence != pytest.approx(raw_confidence(e)) for e in done.events)


def test_without_a_table_the_coder_falls_back_to_the_heuristic_and_says_so(monkeypatch, caplog):
    from detente.coding import calibration

    monkeypatch.setattr(calibration, "load_table", lambda path=None: None)
    calibration._warn_no_table.cache_clear()
    usa, rus = actor("USA"), actor("RUS")
    with caplog.at_level("WARNING", logger="detente.coding.calibration"):
        assert calibration.event_confidence("verb:040:meet", usa, rus) == pytest.approx(0.80)
        calibration.event_confidence("verb:040:meet", usa, rus)
    assert sum("calibration table" in r.getMessage() for r in caplog.records) == 1   # said once
    calibration._warn_no_table.cache_clear()


def test_absent_gold_files_are_skipped_with_a_message(tmp_path, capsys):
    sets = evaluate.load_sets(["plover", "petrarch", "official"], tmp_path / "no-data", tmp_path)
    assert sets == []
    out = capsys.readouterr().out
    assert out.count("skipped") == 3 and str(tmp_path / "no-data") in out


def test_real_newswire_blind_half_stays_out_of_the_report(coder, tmp_path):
    from gold import newswire

    gs = newswire.load()
    result = evaluate.code_set(gs, coder, tmp_path)
    buf = io.StringIO()
    evaluate.print_report(result, buf, tune_errors=1000)
    out = buf.getvalue()
    blind = [r for r in gs.records if r.half == BLIND]
    assert blind and not any(r.text in out or f"[{r.key}]" in out for r in blind)
    assert any(r.text in out for r in gs.records if r.half == TUNE)   # misses are listed
