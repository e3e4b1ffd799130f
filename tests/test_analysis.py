"""Tests of detente.analysis: the rules on hand-built events (made-up sentences, one case per
rule), historical normalizations (dates are public facts), the series, the outlook, the CLI."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from detente import analysis as A
from detente.analysis import make_events
from detente.schema import MENTION_ARROW_SCHEMA
from detente.store import EventStore

FX = Path(__file__).parent / "fixtures" / "analysis"
CASES = {"us_cuba": ("USA", "CUB"), "us_vietnam": ("USA", "VNM"), "saudi_iran": ("SAU", "IRN")}


def _records(path: Path) -> list[dict]:
    df = pd.read_csv(path, dtype=str, comment="#").fillna("")
    return [{**r, "issues": [i for i in r.get("issues", "").split(";") if i]} for r in df.to_dict("records")]


def hist(case: str) -> pa.Table:
    return make_events([{k: v for k, v in r.items() if k != "case"}
                        for r in _records(FX / "historical_events.csv") if r["case"] == case])


def usrus() -> pa.Table:
    return make_events([{k: v for k, v in r.items() if k != "event_type"} for r in _records(FX / "usa_rus_2025.csv")])


def icews() -> pa.Table:
    df = pd.read_csv(FX / "icews_style.csv", dtype=str).fillna("")
    return make_events(df.to_dict("records"), origin="icews")


def row(date, s, t, cameo, sentence, name=None, **kw):
    return {"date": date, "source_country": s, "target_country": t, "cameo": cameo, "sentence": sentence,
            "source_name": name, "rule": kw.pop("rule", f"verb:{cameo}:x"), **kw}


def both(date, a, b, cameo, sentence, **kw):
    """A joint act ("A and B restored relations"): two events, A->B and B->A, as the coder codes it."""
    return [row(date, a, b, cameo, sentence, **kw), row(date, b, a, cameo, sentence, **kw)]


def items(t, a="AAA", b="BBB", **kw) -> dict:
    return {i["item"]: i for i in A.agenda(t, a, b, **kw).to_json()}


def stage(t, a="AAA", b="BBB", **kw) -> A.StageResult:
    return A.normalization_stage(t, a, b, **kw)


# ---- historical cases ---------------------------------------------------------------------
@pytest.mark.parametrize("case,stage_no,since", [
    ("us_cuba", 8, "2016-08-31"),        # first regular commercial flight; ambassador never confirmed
    ("us_vietnam", 6, "1995-07-11"),     # normalized; only the US ambassador is in the reports
    ("saudi_iran", 7, "2023-09-05"),     # both ambassadors in place
])
def test_historical_final_stage(case, stage_no, since):
    a, b = CASES[case]
    r = A.normalization_stage(hist(case), a, b)
    assert (r.stage, r.since) == (stage_no, since)
    assert r.evidence and all(e["sentence"] for e in r.evidence)
    assert set(r.claimed_by) <= {a, b} and r.claimed_by


def test_us_cuba_milestones():
    lad = A.normalization_stage(hist("us_cuba"), "USA", "CUB").ladder.set_index("stage")
    assert lad.loc[2, "since"] == "2014-12-17"
    assert lad.loc[3, "since"] == "2015-01-22"   # first round on relations
    assert lad.loc[4, "since"] == "2015-05-29"   # removed from the state-sponsors list
    assert lad.loc[6, "since"] == "2015-07-20"   # relations restored by both
    assert not lad.loc[7, "reached"] and lad.loc[7, "partial"] is None   # nominated, never confirmed
    assert A.normalization_stage(hist("us_cuba"), "USA", "CUB", as_of="2015-06-30").stage == 4


def test_us_vietnam_milestones_and_one_sided_ambassador():
    r = A.normalization_stage(hist("us_vietnam"), "USA", "VNM")
    lad = r.ladder.set_index("stage")
    assert lad.loc[4, "since"] == "1994-02-03"   # embargo lifted
    assert lad.loc[5, "since"] == "1995-01-28"   # liaison offices
    assert lad.loc[6, "since"] == "1995-07-11"   # normalized
    assert [(p["stage"], p["side"], p["since"]) for p in r.partial] == [(7, "USA", "1997-05-09")]
    assert lad.loc[7, "partial"] == "USA" and not lad.loc[7, "reached"]


def test_saudi_iran_agreement_is_not_reopening_and_one_embassy_is_partial():
    early = A.normalization_stage(hist("saudi_iran"), "SAU", "IRN", as_of="2023-03-31")
    assert (early.stage, early.since) == (2, "2023-03-10")
    mid = A.normalization_stage(hist("saudi_iran"), "SAU", "IRN", as_of="2023-07-01")
    # Iran's embassy alone: partial; "seven years after Saudi Arabia cut ties" (background) reverses nothing
    assert mid.stage == 2 and [(p["stage"], p["side"]) for p in mid.partial] == [(6, "IRN")]
    lad = A.normalization_stage(hist("saudi_iran"), "SAU", "IRN").ladder.set_index("stage")
    assert lad.loc[6, "since"] == "2023-08-09"   # the Saudi embassy too: both sides


# ---- the stage rules, one made-up case each ----------------------------------------------
EMB = ["embassy_operations"]


def test_topic_only_talks_raise_no_achievement():
    t = make_events(both("2024-02-01", "AAA", "BBB", "040", "The talks focused on resuming embassy operations.",
                         issues=EMB))
    assert items(t)["embassy_operations"]["status"] == 1            # under negotiation, not implemented
    r = stage(t)
    assert r.stage == 1 and not r.partial


def test_refused_step_lowers_status_and_raises_nothing():
    t = make_events(both("2024-02-01", "AAA", "BBB", "030", "AAA and BBB agreed to reopen their embassies.",
                         rule="verb:030:agree", issues=EMB)
                    + [row("2024-03-01", "BBB", "AAA", "1246", "BBB refused to reopen its embassy in AAA.",
                           rule="verb:050:reopen embassy +reject:refuse", event_type="REJECT", issues=EMB)])
    it = items(t)["embassy_operations"]
    assert it["status"] == 1 and [c["change"] for c in it["changes"]] == ["new", "refused"]
    assert it["changes"][1]["evidence"][0]["sentence"].startswith("BBB refused")
    assert stage(t).stage == 2                                        # the agreement: a public framework


def test_intended_step_is_not_implemented():
    t = make_events(both("2024-02-01", "AAA", "BBB", "036", "AAA and BBB will reopen their embassies next month.",
                         rule="verb:050:reopen embassy +future", issues=EMB)
                    + both("2024-02-02", "AAA", "BBB", "050", "AAA and BBB would reopen embassies.",
                           rule="verb:050:reopen embassy +intent:be", issues=EMB))
    assert items(t)["embassy_operations"]["status"] == 1
    assert stage(t).stage < 6


def test_one_sided_reopening_is_partial_until_the_other_side_follows():
    t = make_events([row("2024-05-01", "BBB", "AAA", "050", "BBB reopened its embassy in AAA.",
                         rule="verb:050:reopen embassy", issues=EMB)])
    r = stage(t)
    assert r.stage == 0 and [(p["stage"], p["side"]) for p in r.partial] == [(6, "BBB")]
    it = items(t)["embassy_operations"]
    assert (it["status"], it["by_side"]) == (3, {"AAA": None, "BBB": 3})
    t2 = make_events([row("2024-05-01", "BBB", "AAA", "050", "BBB reopened its embassy in AAA.",
                          rule="verb:050:reopen embassy", issues=EMB),
                      row("2024-06-01", "AAA", "BBB", "050", "AAA resumed operations at its embassy in BBB.",
                          rule="verb:050:resume operation", issues=EMB)])
    r2 = stage(t2)
    assert (r2.stage, r2.since, r2.claimed_by, r2.partial) == (6, "2024-06-01", ["AAA", "BBB"], [])


def test_background_events_move_nothing():
    bg = {"date_precision": "background", "issues": EMB}
    t = make_events(both("2024-05-01", "AAA", "BBB", "050", "The embassies, reopened in 2015, ...",
                         rule="verb:050:reopen embassy", **bg)
                    + both("2024-05-01", "AAA", "BBB", "161", "... years after AAA severed relations",
                           rule="verb:161:sever relation", **bg))
    assert items(t)["embassy_operations"]["status"] == 0              # named, nothing more
    assert stage(t).stage == 0 and not stage(t).partial


def test_a_named_step_is_not_a_step_taken():
    # "talks on lifting sanctions", "a commitment to a ceasefire": the noun names the step, no verb says it happened
    t = make_events(both("2024-03-01", "AAA", "BBB", "085", "Talks turned to the lifting of sanctions.",
                         rule="noun:085:lifting", issues=["sanctions"])
                    + [row("2024-03-02", "AAA", "BBB", "0871", "AAA will judge BBB's commitment to a ceasefire.",
                           rule="noun:0871:ceasefire", issues=["war_settlement"])])
    got = items(t)
    assert got["sanctions"]["status"] == 1 and got["war_settlement"]["status"] == 1
    assert stage(t).stage == 0


def test_talks_called_off_lower_an_agreed_item_one_step():
    # the round on the item is off; what the sides agreed before stands (a reversal -- an
    # expulsion -- undoes it)
    agreed = both("2024-02-01", "AAA", "BBB", "030", "AAA and BBB agreed to restore embassy staffing.",
                  rule="verb:030:agree", issues=EMB)
    off = [row("2024-05-01", "AAA", "BBB", "164", "AAA called off the next round of talks on the embassies.",
               rule="verb:046:talk +halt:call", issues=EMB)]
    it = items(make_events(agreed + off))["embassy_operations"]
    assert [(c["status"], c["change"]) for c in it["changes"]] == [(2, "new"), (1, "halted")]
    expelled = [row("2024-05-01", "AAA", "BBB", "161", "AAA expelled BBB's diplomats.", rule="verb:161:expel diplomat",
                    issues=EMB)]
    it = items(make_events(agreed + expelled))["embassy_operations"]
    assert [(c["status"], c["change"]) for c in it["changes"]] == [(2, "new"), (0, "reversed")]


def test_negated_step_is_a_refusal():
    t = make_events(both("2024-01-10", "AAA", "BBB", "057", "AAA and BBB signed a memorandum on flights.",
                         rule="noun:057:memorandum", issues=["direct_flights"])
                    + [row("2024-02-10", "AAA", "BBB", "1211", "No flight between AAA and BBB has resumed.",
                           rule="verb:061:resume flight +negated", event_type="REJECT", issues=["direct_flights"])])
    it = items(t)["direct_flights"]
    assert [(c["status"], c["change"]) for c in it["changes"]] == [(2, "new"), (1, "refused")]
    assert stage(t).stage == 2


def test_structured_rounds_need_named_issues():
    calls = [row(d, "AAA", "BBB", "040", "The ministers spoke by phone.") for d in ("2024-01-05", "2024-02-05")]
    assert stage(make_events(calls)).stage == 1
    on_issue = [row(d, "AAA", "BBB", "040", "The ministers met on embassy operations.", issues=EMB)
                for d in ("2024-01-05", "2024-02-05")]
    r = stage(make_events(on_issue))
    assert (r.stage, r.since) == (3, "2024-02-05")                      # the second meeting on the same issue
    assert stage(make_events(on_issue[:1])).stage == 1
    rounds = make_events(both("2024-03-01", "AAA", "BBB", "046", "Delegations negotiated on embassy staffing.",
                              issues=EMB))
    assert stage(rounds).stage == 3


def test_contacts_and_agreements_are_acts_of_both_sides():
    alone = [row("2024-01-05", "AAA", None, "040", "AAA's minister attended the talks."),
             row("2024-01-06", "AAA", None, "030", "AAA agreed to keep talking.", rule="verb:030:agree")]
    assert stage(make_events(alone)).stage == 0
    # "X of AAA and Y of BBB agreed to meet again", coded without a counterpart: both sides' act
    joint = [row("2024-01-06", s, None, "036", "X and Y agreed to meet again.", rule="verb:040:meet +intent:agree",
                 story_id="j", sentence_id=1) for s in ("AAA", "BBB")]
    assert stage(make_events(joint)).stage == 2


def test_ambassadors_need_both_sides():
    amb = ["ambassadors"]
    one = [row("2024-01-10", "AAA", "BBB", "050", "AAA's new ambassador presented his credentials in BBB.",
               rule="verb:050:present credentials", issues=amb)]
    r = stage(make_events(one))
    assert r.stage == 0 and [(p["stage"], p["side"], p["since"]) for p in r.partial] == [(7, "AAA", "2024-01-10")]
    two = one + [row("2024-03-01", "BBB", "AAA", "050", "BBB's ambassador took up her post in AAA.",
                     rule="verb:050:take up post", issues=amb)]
    r2 = stage(make_events(two))
    assert (r2.stage, r2.since) == (7, "2024-03-01") and r2.claimed_by == ["AAA", "BBB"]


def test_reversals_and_recovery():
    t = make_events(
        both("2020-01-05", "AAA", "BBB", "050", "AAA and BBB restored diplomatic relations.",
             rule="verb:050:restore relation", issues=["diplomatic_relations"])
        + [row("2020-03-01", "AAA", "BBB", "085", "AAA lifted its sanctions on BBB.", rule="verb:085:lift sanction",
               issues=["sanctions"]),
           row("2020-06-01", "AAA", "BBB", "163", "AAA reimposed sanctions on BBB.", rule="verb:163:impose sanction",
               issues=["sanctions"]),
           row("2020-09-01", "AAA", "BBB", "161", "AAA severed relations with BBB.", rule="verb:161:sever relation",
               issues=["diplomatic_relations"])]
        + both("2021-02-01", "AAA", "BBB", "050", "AAA and BBB restored diplomatic relations.",
               rule="verb:050:restore relation", issues=["diplomatic_relations"]))
    r = stage(t)
    assert list(r.history["stage"]) == [6, 0, 6]
    assert list(r.history["reason"]) == ["evidence", "relations severed", "evidence"]
    assert (r.stage, r.since) == (6, "2021-02-01")
    assert stage(t, as_of="2020-12-31").stage == 0
    lad = r.ladder.set_index("stage")
    assert not lad.loc[4, "reached"]                                    # lifted, then reimposed
    assert stage(t, as_of="2020-04-01").ladder.set_index("stage").loc[4, "reached"]
    sanc = items(t)["sanctions"]
    assert [(c["status"], c["change"]) for c in sanc["changes"]] == [(3, "new"), (0, "reversed")]


def test_talks_halted_reverses_rounds_only():
    t = make_events(both("2024-01-05", "AAA", "BBB", "046", "Delegations negotiated on visas.", issues=["visas"])
                    + [row("2024-02-05", "AAA", "BBB", "164", "AAA called off the next round of talks.",
                           rule="verb:046:talk +halt:call", issues=["visas"])])
    r = stage(t)
    assert r.stage == 1 and list(r.history["reason"]) == ["evidence", "talks halted"]


def test_a_summit_called_off_does_not_undo_working_rounds():
    rounds = both("2024-01-05", "AAA", "BBB", "046", "Delegations negotiated on visas.", issues=["visas"]) \
        + [row("2024-01-02", "AAA", "BBB", "036", "AAA and BBB agreed to hold talks on visas.", rule="verb:036:agree meet",
               issues=["visas"])]
    assert stage(make_events(rounds)).stage == 3
    summit = make_events(rounds + [row("2024-02-05", "AAA", "BBB", "164", "AAA cancelled the planned summit with BBB.",
                                       rule="verb:164:halt|suspend|end|freeze|abandon|postpone|cancel|quit|leave|"
                                            "withdraw|shelve|scrap summit")])
    assert stage(summit).stage == 3 and list(stage(summit).history["reason"]) == ["evidence", "evidence"]
    talks = make_events(rounds + [row("2024-02-05", "AAA", "BBB", "164", "AAA suspended the talks with BBB.",
                                      rule="verb:164:halt|suspend|end|freeze|abandon|postpone|cancel|quit|leave|"
                                           "withdraw|shelve|scrap talk|negotiation|dialogue|process")])
    r = stage(talks)
    assert r.stage == 2 and list(r.history["reason"]) == ["evidence", "evidence", "talks halted"]


def test_imported_rows_reach_stages_by_cameo_alone():
    r = A.normalization_stage(icews(), "USA", "RUS")
    assert (r.stage, r.since) == (6, "2025-03-24")                      # 054: recognition granted
    assert r.note and "no event of this pair carries issues" in r.note
    assert A.agenda(icews(), "USA", "RUS").note


def test_ladder_names_come_from_the_rule_file():
    names = A.stage_names()
    assert names[0] == "none reached" and names[3] == "structured working rounds" and len(names) == 11
    lad = A.normalization_stage(usrus(), "USA", "RUS").ladder
    assert dict(zip(lad["stage"], lad["name"])) == {k: v for k, v in names.items() if k}


# ---- the agenda register ----------------------------------------------------------------
def test_agenda_statuses_follow_what_the_events_are():
    pe = ["prisoner_exchange"]
    t = make_events([
        row("2024-01-05", "AAA", "BBB", "112", "AAA demanded the release of its citizens.", issues=pe),
        row("2024-02-05", "AAA", "BBB", "046", "AAA and BBB negotiated a prisoner swap.", issues=pe),
        row("2024-03-05", "AAA", "BBB", "030", "AAA and BBB agreed to exchange prisoners.", rule="verb:030:agree",
            issues=pe),
        row("2024-04-05", "BBB", "AAA", "0841", "BBB released two citizens of AAA in the swap.",
            rule="verb:0841:release", issues=pe),
        row("2024-05-05", "AAA", "BBB", "1041", "AAA demanded the release of a third man.", issues=pe),
    ])
    it = items(t)["prisoner_exchange"]
    assert [(c["date"], c["status"]) for c in it["changes"]] == [
        ("2024-01-05", 0), ("2024-02-05", 1), ("2024-03-05", 2), ("2024-04-05", 3)]    # a later demand lowers nothing
    assert (it["status"], it["status_name"], it["since"]) == (3, "implemented", "2024-04-05")
    assert it["by_side"] == {"AAA": 2, "BBB": 3}
    assert all(c["evidence"] and c["evidence"][0]["sentence"] for c in it["changes"])
    assert items(t, as_of="2024-03-31")["prisoner_exchange"]["status"] == 2


def test_working_together_on_an_issue_is_not_its_step_taken():
    ws, tr = ["war_settlement"], ["trade_investment"]
    t = make_events(both("2024-02-01", "AAA", "BBB", "060", "AAA and BBB collaborated on a durable settlement.",
                         rule="verb:060:collaborate", issues=ws)
                    + both("2024-02-01", "AAA", "BBB", "061", "AAA and BBB resumed trade.",
                           rule="verb:061:resume trade", issues=tr))
    got = items(t)
    assert got["war_settlement"]["status"] == 1                     # work on it, under way
    assert got["trade_investment"]["status"] == 3                   # a specific cooperation, done


def test_agenda_items_are_taxonomy_ids_never_text():
    r = A.agenda(usrus(), "USA", "RUS")
    got = {i["item"]: i for i in r.to_json()}
    assert set(got) == {"sanctions", "diplomatic_relations", "embassy_operations", "direct_flights",
                        "diplomatic_property", "ambassadors"}
    assert got["embassy_operations"]["status"] == 2 and got["embassy_operations"]["since"] == "2025-02-18"
    assert got["sanctions"]["status"] == 0                              # imposed, threatened, never negotiated
    assert got["ambassadors"]["by_side"] == {"USA": None, "RUS": 3}
    assert all(i["label"] for i in got.values())
    assert list(r.to_frame()["item"]) == [i["item"] for i in r.to_json()]
    assert set(r.history.columns) >= {"date", "item", "status", "change", "sentence"}


def test_agenda_tracks_the_negotiated_categories():
    # "freed Marc Fogel, an American teacher": the event is about teachers too, which is no agenda item
    t = make_events([row("2024-01-05", "BBB", "AAA", "0841", "BBB freed a teacher of AAA in a swap.",
                         rule="verb:0841:free", issues=["prisoner_exchange", "teachers", "no_such_issue"])])
    assert set(items(t)) == {"prisoner_exchange", "no_such_issue"}
    assert set(items(t, all_issues=True)) == {"prisoner_exchange", "teachers", "no_such_issue"}


def test_a_step_toward_an_international_body_is_not_one_sided():
    # "AAA pledged to defend NATO territory" is between AAA and NATO, not a step of the pair's;
    # "AAA imposed sanctions" with no one named is
    t = make_events([row("2024-01-05", "AAA", None, "032", "AAA pledged to defend the alliance's territory.",
                         target_code="IGONAT", target_name="NATO", issues=["territory"]),
                     row("2024-01-06", "AAA", None, "163", "AAA imposed sanctions.", issues=["sanctions"])])
    assert set(items(t)) == {"sanctions"}


def test_agenda_ignores_third_party_events():
    t = make_events([row("2024-01-05", "AAA", "CCC", "0841", "AAA released prisoners of CCC.",
                         issues=["prisoner_exchange"])])
    assert items(t) == {}


# ---- stances --------------------------------------------------------------------------------
def test_stance_sign_comes_from_what_the_statement_does():
    # a release is conciliatory whatever the sentence's words; an accusation is hostile however polite
    release = row("2024-01-05", "AAA", "BBB", "0841", "The envoy flew the freed prisoner home after years of "
                  "brutal detention.", "Envoy One")
    accuse = row("2024-01-05", "BBB", "AAA", "112", "The spokesman politely accused AAA of bad faith.", "Speaker Two")
    sc = A.stances(make_events([release, accuse]), "AAA", "BBB")
    by = {x["actor"]: x for x in sc.to_json()["actors"]}
    assert by["Envoy One"]["score"] > 0 > by["Speaker Two"]["score"]


def test_a_body_coded_as_its_country_speaks_as_itself():
    # "the U.S. Department of Commerce imposed export controls on Russia": the coder resolved the
    # source to the United States; the speaker is the department, scored by what it did (hostile)
    t = make_events([
        row("2024-01-05", "USA", "RUS", "163", "The U.S. Department of Commerce imposed export controls on Russia.",
            "United States", source_text="The U.S. Department of Commerce"),
        row("2024-01-06", "USA", None, "163", "The Office of Sanctions Enforcement (OSE) is imposing sanctions on "
            "Russian banks.", "United States", source_text="the Office of Sanctions Enforcement (OSE)"),
        # the country itself, however it is named, is no speaker
        row("2024-01-07", "USA", "RUS", "112", "We accused Russia of bad faith.", "United States", source_text="We"),
        row("2024-01-08", "RUS", "USA", "112", "Moscow accused Washington of bad faith.", "Russia",
            source_text="Moscow"),
        row("2024-01-09", "RUS", "USA", "112", "Russian diplomats accused Washington of bad faith.", "Russia",
            source_text="Russian diplomats"),
        # capitalised only for opening the sentence, or for naming countries: no body either
        row("2024-01-10", "RUS", "USA", "112", "Senior U.S. and Russian officials accused each other.", "Russia",
            source_text="Senior U.S. and Russian officials"),
    ])
    by = {x["actor"]: x for x in A.stances(t, "USA", "RUS").to_json()["actors"]}
    assert set(by) == {"U.S. Department of Commerce", "Office of Sanctions Enforcement"}
    assert by["U.S. Department of Commerce"]["score"] < 0 and by["Office of Sanctions Enforcement"]["score"] < 0
    assert by["U.S. Department of Commerce"]["country"] == "USA"


def test_stances_rank_only_speakers_with_enough_statements():
    r = A.stances(usrus(), "USA", "RUS")
    j = r.to_json()
    by = {x["actor"]: x for x in j["actors"]}
    assert by["Dmitry Medvedev"]["n_statements"] == 3 and by["Dmitry Medvedev"]["rank"] is not None
    assert by["Dmitry Medvedev"]["score"] < 0 < by["Steve Witkoff"]["score"]
    assert by["Vladimir Putin"]["rank"] is None and by["Vladimir Putin"]["n_statements"] == 1
    ranked = [x for x in j["actors"] if x["rank"]]
    assert [x["rank"] for x in ranked] == list(range(1, len(ranked) + 1))
    assert [x["score"] for x in ranked] == sorted((x["score"] for x in ranked), reverse=True)
    for x in j["actors"]:
        lo, hi = x["interval"]
        assert -1 <= lo <= x["score"] <= hi <= 1
    assert "Russia" not in by and "United States" not in by
    assert j["min_statements"] == 3 and set(r.dual_track) == {"USA", "RUS"}


def test_stance_interval_narrows_with_more_alike_statements():
    few = [row(f"2024-01-0{d}", "AAA", "BBB", "051", "Minister X praised BBB.", "Minister X") for d in (1, 2, 3)]
    many = few + [row(f"2024-02-0{d}", "AAA", "BBB", "051", "Minister X praised BBB.", "Minister X")
                  for d in range(1, 10)]
    w = [A.stances(make_events(x), "AAA", "BBB").to_json()["actors"][0]["interval"] for x in (few, many)]
    assert w[1][1] - w[1][0] < w[0][1] - w[0][0]


def test_statements_about_third_parties_do_not_count():
    t = make_events([row("2024-01-05", "AAA", "CCC", "112", "Minister X accused CCC.", "Minister X"),
                     row("2024-01-06", "AAA", None, "010", "Minister X said the talks with CCC were constructive.",
                         "Minister X")])
    assert A.stances(t, "AAA", "BBB").actors == []


def test_dual_track():
    hawk = [row(f"2024-01-0{d}", "AAA", "BBB", "138", "Hawk threatened BBB.", "Hawk") for d in (1, 2, 3)]
    dove = [row(f"2024-01-0{d}", "AAA", "BBB", "051", "Dove welcomed BBB's offer.", "Dove") for d in (1, 2, 3)]
    assert A.stances(make_events(hawk + dove), "AAA", "BBB").dual_track == {"AAA": True, "BBB": False}
    assert A.stances(make_events(hawk + dove[:2]), "AAA", "BBB").dual_track["AAA"] is False   # dove unranked


# ---- series and the story period ------------------------------------------------------------
def _mentions(days: list[str], n: int = 10) -> pa.Table:
    return pa.table({"story_id": [f"m{i}" for i in range(len(days))],
                     "event_date": [pd.Timestamp(d).date() for d in days],
                     "country": ["USA"] * len(days), "n": [n] * len(days)}, schema=MENTION_ARROW_SCHEMA)


def test_dyad_series_directed_zero_filled_and_normalised():
    t = make_events([
        row("2025-01-06", "USA", "RUS", "111", "x"),
        row("2025-01-07", "RUS", "USA", "040", "y"),
        row("2025-01-27", "USA", "RUS", "057", "z"),
        row("2025-01-08", "USA", "CHN", "040", "w"),
    ])
    ds = A.dyad_series(t, "USA", "RUS", freq="week")
    assert set(ds["direction"]) == {"USA→RUS", "RUS→USA"}
    ab = ds[ds["direction"] == "USA→RUS"].reset_index(drop=True)
    assert len(ab) == 4 and list(ab["n_events"]) == [1, 0, 0, 1]          # empty weeks filled
    assert ab.loc[0, "accuse"] == 1 and ab.loc[0, "q3"] == 1
    assert ab.loc[0, "volume"] == 3 and ab.loc[0, "volume_basis"] == "events"
    assert ab.loc[0, "n_events_per_1k"] == pytest.approx(1000 / 3)
    m = pa.table({"story_id": ["a", "b"], "event_date": [pd.Timestamp("2025-01-06").date()] * 2,
                  "country": ["USA", "RUS"], "n": [40, 60]}, schema=MENTION_ARROW_SCHEMA)
    ds2 = A.dyad_series(t, "USA", "RUS", freq="week", mentions=m)
    first = ds2[ds2["direction"] == "USA→RUS"].iloc[0]
    assert first["volume"] == 100 and first["n_events_per_1k"] == pytest.approx(10.0)


def test_analytics_default_to_the_period_the_stories_cover():
    # a 2025 story's background clause dated an event 2022: the series, outlook and report axis
    # start with the stories, not with it
    # (an event of the days before the first story -- "met on Tuesday" -- still counts)
    t = make_events([row("2022-02-24", "RUS", "USA", "190", "the war it launched in February 2022"),
                     row("2025-02-25", "USA", "RUS", "040", "Rubio met Lavrov on Tuesday."),
                     row("2025-04-07", "USA", "RUS", "040", "Rubio met Lavrov again.")])
    store = EventStore.from_events(t, mentions=_mentions(["2025-03-03", "2025-04-07"]))
    assert A.story_period(store, "USA", "RUS") == (pd.Timestamp("2025-03-03").date(), pd.Timestamp("2025-04-07").date())
    ds = A.dyad_series(store, "USA", "RUS", freq="month")
    assert ds["period"].min() >= pd.Timestamp("2025-01-01") and ds["n_events"].sum() == 2
    assert A.dyad_series(store, "USA", "RUS", freq="month", start="2022-01-01")["n_events"].sum() == 3
    assert A.normalization_stage(store, "USA", "RUS").history["date"].min() == pd.Timestamp("2025-02-25")
    assert A.story_period(t, "USA", "RUS") == (None, None)          # no stories: every event counts


def test_more_news_is_not_more_conflict():
    base = [row("2025-01-06", "USA", "RUS", "111", "x")]
    double = base + [row("2025-01-06", "USA", "RUS", "111", "x2"), row("2025-01-06", "USA", "GBR", "040", "y"),
                     row("2025-01-06", "USA", "FRA", "040", "z")]
    one = A.dyad_series(make_events(base + [row("2025-01-06", "USA", "GBR", "040", "y")]), "USA", "RUS")
    two = A.dyad_series(make_events(double), "USA", "RUS")
    assert one["q3_per_1k"].iloc[0] == pytest.approx(two["q3_per_1k"].iloc[0])


def test_relationship_score_memory():
    t = make_events([row("2025-01-06", "USA", "RUS", "057", "a")] + [row("2025-01-06", "USA", "GBR", "040", "b")])
    rs = A.relationship_score(t, "USA", "RUS", start="2025-01-06", end="2025-02-28", half_life_periods=2)
    assert rs["index"].iloc[0] == pytest.approx(1.0)
    lv = rs["level"].values
    assert lv[0] > 0 and lv[2] == pytest.approx(lv[0] * 0.5)            # half-life of 2 periods


def test_sources_equivalent(tmp_path):
    t = usrus()
    path = tmp_path / "r.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE events AS SELECT * FROM t")
    con.close()
    frames = [A.dyad_series(x, "USA", "RUS") for x in (t, t.to_pandas(), str(path), duckdb.connect(str(path), read_only=True))]
    for f in frames[1:]:
        pd.testing.assert_frame_equal(frames[0], f)


def test_bad_inputs():
    with pytest.raises(A.AnalysisError):
        A.dyad_series(usrus(), "US", "RUS")
    with pytest.raises(A.AnalysisError):
        A.dyad_series(usrus(), "USA", "RUS", start="2025-13-01")
    with pytest.raises(A.AnalysisError):
        A.dyad_series("/nonexistent.duckdb", "USA", "RUS")
    with pytest.raises(A.AnalysisError):
        A.agenda(usrus(), "USA", "RUS", as_of="soon")


# ---- third parties / outlook --------------------------------------------------------------
def test_third_parties_leverage():
    r = A.third_parties(usrus(), "USA", "RUS")
    j = r.to_json()
    assert j["leverage"][0]["country"] == "CHN" and j["leverage"][0]["n_sentences"] == 2
    p = r.to_frame().set_index(["side", "country"])
    assert p.loc[("RUS", "CHN"), "n_events"] == 3
    json.dumps(j)


def test_outlook_forecast_and_backtest():
    o = A.outlook(usrus(), "USA", "RUS")
    j = o.to_json()
    f = j["forecast"]
    assert f["interval_90"][0] <= f["goldstein_mean"] <= f["interval_90"][1]
    assert sum(f["quad_shares"].values()) == pytest.approx(1, abs=1e-3)
    bt = j["backtest"]
    assert bt["n_origins"] > 5
    for k in ("goldstein_mae", "quad_share_brier", "conflict_gt_coop_brier"):
        m, n, s = bt[k]["model"], bt[k]["naive"], bt[k]["skill"]
        assert s == pytest.approx(1 - m / n, abs=2e-3)
    assert "accuracy" not in json.dumps(j)


def _weeks(first: int, last: int, cameo_ab: str, cameo_ba: str, sentence: str) -> list[dict]:
    out = []
    for w in range(first, last):
        d = (pd.Timestamp("2025-01-06") + pd.Timedelta(weeks=w)).date().isoformat()
        out += [row(d, "AAA", "BBB", cameo_ab, sentence), row(d, "BBB", "AAA", cameo_ba, sentence)]
    return out


def test_outlook_finds_the_turns_with_their_direction():
    rows = (_weeks(0, 10, "112", "111", "hostile") + _weeks(10, 20, "057", "046", "deal")
            + _weeks(20, 23, "163", "1123", "sanctions and accusations") + _weeks(23, 26, "057", "046", "deal again"))
    cps = A.outlook(make_events(rows), "AAA", "BBB").change_points
    assert [(c["period"], c["direction"]) for c in cps] == [
        ("2025-03-17", "up"), ("2025-05-26", "down"), ("2025-06-16", "up")]
    down = cps[1]
    assert down["level_after"] < down["level_before"] and down["top_events"]
    assert down["driven_by"] == "AAA→BBB"                              # sanctions (-8) outweigh accusations
    assert down["top_events"][0]["cameo"] == "163"                     # the most hostile event first


# weeks of ordinary contact, codes drawn at random (seeded) as real weeks vary
TALKS = ("040", "051", "036", "042", "043", "057")


def _varied_weeks(first: int, last: int, per_week: int = 4, seed: int = 3) -> list[dict]:
    rng = np.random.default_rng(seed + first)
    out = []
    for w in range(first, last):
        d = (pd.Timestamp("2025-01-06") + pd.Timedelta(weeks=w)).date().isoformat()
        out += [row(d, *(("AAA", "BBB") if k % 2 == 0 else ("BBB", "AAA")), TALKS[int(rng.integers(len(TALKS)))],
                    "talks") for k in range(per_week)]
    return out


def test_a_single_week_of_many_hostile_events_is_a_turn():
    # one week of sanctions, accusations and threats between weeks of talks stands on its own
    hostile = [row("2025-03-05", "AAA", "BBB", c, "hostile week") for c in ("163", "112", "138", "163", "112", "172")]
    cps = A.outlook(make_events(_varied_weeks(0, 8) + hostile + _varied_weeks(9, 16)), "AAA", "BBB").change_points
    assert [(c["period"], c["direction"]) for c in cps] == [("2025-03-03", "down"), ("2025-03-10", "up")]
    assert cps[0]["top_events"][0]["cameo"] == "163"                 # the most hostile event first
    assert cps[0]["goldstein_mean_after"] < cps[0]["goldstein_mean_before"]


def test_one_accusation_among_weeks_of_talks_is_no_turn():
    # a week with a single accusation is one event's evidence, well within the weeks' variation
    lone = [row("2025-03-05", "AAA", "BBB", "112", "AAA accused BBB.")]
    assert A.outlook(make_events(_varied_weeks(0, 8) + lone + _varied_weeks(9, 16)), "AAA", "BBB").change_points == []


def test_change_points_weigh_each_week_by_its_events():
    # the same tone in two corpora: one hostile week of a single event is no break, the same
    # tone over ten events in that week is
    base = _varied_weeks(0, 8) + _varied_weeks(9, 16)
    one = [row("2025-03-05", "AAA", "BBB", "112", "accusation")]
    ten = [row("2025-03-05", "AAA", "BBB", "112", "accusation") for _ in range(10)]
    assert A.outlook(make_events(base + one), "AAA", "BBB").change_points == []
    assert [c["direction"] for c in A.outlook(make_events(base + ten), "AAA", "BBB").change_points] == ["down", "up"]


def test_steady_relation_with_news_noise_has_few_change_points():
    # twenty seeded years of one steady relation: 2-12 events a week, 70 % cooperative, Goldstein
    # values of the codebook; the breaks found are false ones, and they must stay rare
    rng = np.random.default_rng(11)
    coop, conflict = ("040", "042", "051", "036", "057", "043"), ("112", "163", "138", "111", "130")
    found = 0
    for year in range(20):
        rows = []
        for w in range(40):
            d = (pd.Timestamp("2025-01-06") + pd.Timedelta(weeks=w)).date().isoformat()
            for _ in range(int(rng.integers(2, 13))):
                codes = coop if rng.random() < 0.7 else conflict
                rows.append(row(d, "AAA", "BBB", codes[int(rng.integers(len(codes)))], "news"))
        found += len(A.outlook(make_events(rows), "AAA", "BBB").change_points)
    assert found / 20 < 0.5


def test_change_points_are_volume_normalised():
    # twice the coverage with twice the events in some weeks is the same relation: no break
    rows = _weeks(0, 12, "040", "051", "talks")
    extra = [r | {"story_id": f"x{i}"} for i, r in enumerate(_weeks(4, 8, "040", "051", "talks"))]
    days = sorted({r["date"] for r in rows})
    m = _mentions(days + [r["date"] for r in extra[::2]])
    store = EventStore.from_events(make_events(rows + extra), mentions=m)
    assert A.outlook(store, "AAA", "BBB").change_points == []


# ---- real coder over the reports (when it exists) ---------------------------------------
@pytest.mark.parametrize("case,fname", [
    ("us_cuba", "us_cuba_2014_2016.jsonl"), ("us_vietnam", "us_vietnam_1991_1997.jsonl"),
    ("saudi_iran", "saudi_iran_2023.jsonl")])
def test_real_coder_on_reports(coder, case, fname):
    from datetime import date
    from detente.schema import Story, events_to_arrow
    events = []
    for ln in (FX / fname).read_text().splitlines():
        d = json.loads(ln)
        cs = coder.code_story(Story(id=d["id"], text=d["text"], title=d["title"], date=date.fromisoformat(d["date"])))
        events += cs.events
    assert events
    a, b = CASES[case]
    r = A.normalization_stage(events_to_arrow(events), a, b)
    assert r.stage >= 1, r.ladder                      # they met and talked
    assert A.stage_names()[r.stage] == r.name


# ---- CLI -----------------------------------------------------------------------------------
@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "relations.duckdb"
    t, ic = usrus(), icews()
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE events AS SELECT * FROM t")
    con.close()
    path2 = tmp_path / "icews.duckdb"
    con = duckdb.connect(str(path2))
    con.execute("CREATE TABLE events AS SELECT * FROM ic")
    con.close()
    return path, path2


def _app():
    import typer
    from detente.cli.analyze import register
    app = typer.Typer()
    register(app)
    return app


@pytest.mark.parametrize("cmd", ["dyad", "stage", "agenda", "stances", "outlook", "third-parties"])
@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_cli_commands(db, cmd, fmt):
    from typer.testing import CliRunner
    for path in db:
        res = CliRunner().invoke(_app(), [cmd, "USA", "RUS", "--db", str(path), "--format", fmt])
        assert res.exit_code == 0, res.output
        if fmt == "json":
            json.loads(res.stdout)


def test_cli_json_shapes(db):
    from typer.testing import CliRunner
    r = CliRunner()

    def js(*args):
        return json.loads(r.invoke(_app(), [*args, "--db", str(db[0]), "--format", "json"]).stdout)
    st = js("stage", "USA", "RUS")
    assert set(st) == {"stage", "name", "since", "claimed_by", "evidence", "partial", "note"}
    assert (st["stage"], st["name"]) == (3, "structured working rounds")
    assert [(p["stage"], p["side"]) for p in st["partial"]] == [(7, "RUS")]
    assert js("stage", "USA", "RUS", "--as-of", "2025-02-20")["stage"] == 2
    ag = js("agenda", "USA", "RUS")
    assert all(set(x) == {"item", "label", "status", "status_name", "since", "by_side", "changes", "evidence"}
               for x in ag)
    early = {x["item"]: x["status"] for x in js("agenda", "USA", "RUS", "--as-of", "2025-02-20")}
    assert "ambassadors" not in early and early["embassy_operations"] == 2
    sc = js("stances", "USA", "RUS")
    assert set(sc) == {"actors", "dual_track", "min_statements"}
    assert all(set(x) == {"actor", "country", "score", "interval", "n_statements", "rank", "evidence"}
               for x in sc["actors"])
    assert all(x["n_statements"] >= 1 for x in js("stances", "USA", "RUS", "--from", "2025-04-01")["actors"])
    dy = js("dyad", "USA", "RUS", "--from", "2025-02-01", "--to", "2025-02-28", "--freq", "week", "--gov-only")
    assert dy and all(x["period"] >= "2025-01-27" for x in dy)
    out = js("outlook", "USA", "RUS", "--from", "2025-01-01")
    assert all(set(c) >= {"period", "direction", "top_events"} for c in out["change_points"])


@pytest.mark.parametrize("args", [
    ["dyad", "USA", "RU", "--db", "{db}"],
    ["dyad", "USA", "RUS", "--db", "{db}", "--from", "2025-02-30"],
    ["stage", "USA", "RUS", "--db", "{db}", "--as-of", "yesterday"],
    ["agenda", "USA", "RUS", "--db", "{db}", "--as-of", "soon"],
    ["agenda", "USA", "RUS", "--db", "{missing}"],
])
def test_cli_errors(db, tmp_path, args):
    from typer.testing import CliRunner
    args = [a.format(db=db[0], missing=tmp_path / "nope.duckdb") for a in args]
    res = CliRunner().invoke(_app(), args)
    assert res.exit_code == 2
    assert "error" in res.output.lower()


def test_a_round_on_a_named_issue_after_a_framework_is_a_working_round():
    framework = both("2024-01-10", "AAA", "BBB", "030", "AAA and BBB agreed to set up a consultation mechanism.",
                     rule="verb:030:agree", issues=EMB)
    meeting = both("2024-02-20", "AAA", "BBB", "040", "Delegations of AAA and BBB met on embassy staffing.",
                   issues=EMB)
    r = stage(make_events(framework + meeting))
    assert (r.stage, r.since) == (3, "2024-02-20")
    assert stage(make_events(framework + meeting), as_of="2024-02-19").stage == 2
    # a meeting with no named issue is a contact; one side at the talks alone is no round
    bare = both("2024-02-20", "AAA", "BBB", "040", "Delegations of AAA and BBB met.")
    assert stage(make_events(framework + bare)).stage == 2
    alone = [row("2024-02-20", "AAA", None, "040", "AAA's delegation attended talks on embassy staffing.",
                 issues=EMB)]
    assert stage(make_events(framework + alone)).stage == 2
    # the same day as the framework: not after it; before it: no framework yet
    same_day = both("2024-01-10", "AAA", "BBB", "040", "Delegations of AAA and BBB met on embassy staffing.",
                    issues=EMB)
    assert stage(make_events(framework + same_day)).stage == 2
    early = both("2024-01-05", "AAA", "BBB", "040", "Delegations of AAA and BBB met on embassy staffing.",
                 issues=EMB)
    assert stage(make_events(early + framework)).stage == 2
    # hypothetical or refused rounds raise nothing ("will meet" is coded as an intent, 036)
    future = both("2024-02-20", "AAA", "BBB", "036", "Delegations of AAA and BBB will meet on embassy staffing.",
                  rule="verb:040:meet +future", issues=EMB)
    refused = both("2024-02-20", "AAA", "BBB", "040", "Delegations of AAA and BBB did not meet on embassy staffing.",
                   rule="verb:040:meet +negated", issues=EMB)
    assert stage(make_events(framework + future)).stage == 2
    assert stage(make_events(framework + refused)).stage == 2
    # a round a later story recalls as background ("the round, held in 2019, ...") moves nothing
    recalled = both("2024-02-20", "AAA", "BBB", "040", "The round on embassy staffing, held in 2019, ...",
                    issues=EMB, date_precision="background")
    assert stage(make_events(framework + recalled)).stage == 2



def test_an_expelled_ambassador_is_no_severance():
    # ambassadors in place on both sides, embassies open: stage 7; expelling (or recalling) an
    # ambassador -- coded 161 like a severance -- un-reaches stage 7, not the whole ladder
    base = (both("2024-01-10", "AAA", "BBB", "050", "AAA and BBB reopened their embassies.",
                 rule="verb:050:reopen embassy", issues=EMB)
            + [row("2024-02-01", "AAA", "BBB", "050", "AAA's ambassador presented her credentials in BBB.",
                   rule="verb:050:present credentials", issues=["ambassadors"]),
               row("2024-02-02", "BBB", "AAA", "050", "BBB's ambassador took up his post in AAA.",
                   rule="verb:050:take up post", issues=["ambassadors"])])
    assert stage(make_events(base)).stage == 7
    expel = [row("2024-05-01", "AAA", "BBB", "161", "AAA expelled BBB's ambassador.",
                 rule="verb:161:expel ambassador|diplomat|envoy|attache", issues=["ambassadors", "diplomatic_relations"])]
    r = stage(make_events(base + expel))
    assert r.stage == 6 and list(r.history["reason"])[-1] == "ambassador expelled or recalled"
    # cutting ties is a severance: everything from stage 2 up
    sever = [row("2024-05-01", "AAA", "BBB", "161", "AAA severed diplomatic relations with BBB.",
                 rule="verb:161:sever|cut|break|suspend|freeze|downgrade relation|tie",
                 issues=["diplomatic_relations"])]
    r = stage(make_events(base + sever))
    assert r.stage < 2 and list(r.history["reason"])[-1] == "relations severed"
    # a row without the coder's pattern (an imported data set) is told by its code alone
    bare = [row("2024-05-01", "AAA", "BBB", "161", "AAA cut ties with BBB.", rule="", issues=[])]
    assert stage(make_events(base + bare)).stage < 2


def test_one_sides_readiness_is_no_framework():
    ready = [row("2024-01-10", "AAA", "BBB", "036", "AAA remained ready for dialogue with BBB.",
                 rule="noun:046:dialogue +intent:remain")]
    assert stage(make_events(ready)).stage == 0
    agreed = ready + [row("2024-02-01", "AAA", "BBB", "036", "AAA and BBB agreed to start talks.",
                          rule="verb:046:start talk +intent:agree")]
    r = stage(make_events(agreed))
    assert (r.stage, r.since) == (2, "2024-02-01")
    announced = ready + [row("2024-03-01", "AAA", "BBB", "036", "AAA will hold talks with BBB on Tuesday.",
                             rule="verb:046:hold talk +future")]
    assert stage(make_events(announced)).stage == 2


def test_a_one_sided_step_told_with_a_third_country_is_not_the_pairs():
    # the coder missed the counterpart: a sentence that names China and not the United States is
    # Russia's step with China, not with the United States
    en = ["energy"]
    t = make_events([
        row("2025-09-02", "RUS", None, "057", "Russia's Gazprom signed a memorandum on a gas pipeline to China.",
            rule="verb:057:sign memorandum", issues=en),
        row("2025-09-03", "RUS", None, "057", "Russia signed an energy memorandum, the United States and China said.",
            rule="verb:057:sign memorandum", issues=["trade_investment"]),
        row("2025-09-04", "USA", None, "163", "The United States imposed sanctions.", issues=["sanctions"])])
    got = items(t, "USA", "RUS")
    assert "energy" not in got                         # with China only
    assert {"trade_investment", "sanctions"} <= set(got)   # names the other side too / names no one
