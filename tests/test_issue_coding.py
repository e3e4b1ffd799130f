"""Issues on events: the taxonomy file, its compilation from the Phoenix dictionary, the phrase
matcher, and the coder's ``event_issues`` component (issues from the event's own clause only)."""
from __future__ import annotations

import sys
from datetime import date

import pytest
from conftest import REPO, shared_path

from detente.coding.issues import PhraseIndex
from detente.datafiles import IssueTaxonomy, check_issue_ids, issue_taxonomy, parse
from detente.errors import BadValue, DetenteError

sys.path.insert(0, str(REPO / "scripts"))
import build_issues  # noqa: E402

STORY_DATE = date(2025, 3, 5)
NORMALIZATION = ("embassy_operations", "diplomatic_property", "visas", "direct_flights", "prisoner_exchange",
                 "sanctions", "war_settlement", "arms_control", "energy", "trade_investment", "critical_minerals",
                 "maritime_navigation")


def issues_of(coder, text: str, story_date: date = STORY_DATE) -> list[tuple[str, list[str]]]:
    return [(e.event_type, e.issues) for e in coder.code_text(text, story_date=story_date)]


# ------------------------------------------------------------------------- the taxonomy
def test_the_taxonomy_has_the_normalization_items_and_the_phoenix_issues():
    tax = issue_taxonomy()
    assert set(NORMALIZATION) <= set(tax.ids)
    phoenix = [e for e in tax.issues if e.source.startswith("Phoenix.IssueCoding.txt:")]
    assert len(phoenix) > 100 and {"oil", "refugees", "cyber_security", "nuclear_weapons"} <= {e.id for e in phoenix}
    assert tax.entry("oil").category == "energy" and "olive oil" in tax.entry("oil").exclude
    assert tax.entry("sanctions").source == "detente" and "163" in tax.entry("sanctions").cameo


BASE = """
clause: {topic_prepositions: [about], topic_predicates: [focus], circumstance_prepositions: [at],
         other_clauses: [relcl], portfolio_heads: [minister]}
issues:
"""


@pytest.mark.parametrize("entries, code", [
    ("  - {id: visas, label: V, category: c, source: detente, phrases: [visa]}\n"
     "  - {id: visas, label: W, category: c, source: detente, phrases: [entry permit]}\n", "E207"),
    ("  - {id: visas, label: V, category: c, source: detente, phrases: [visa, visa]}\n", "E207"),
    ("  - {id: visas, label: V, category: c, source: detente, phrases: [visa], cameo: ['999']}\n", "E208"),
    ("  - {id: Visas, label: V, category: c, source: detente, phrases: [visa]}\n", "E206"),
    ("  - {id: visas, label: V, category: c, source: detente}\n", "E206"),
])
def test_a_bad_taxonomy_names_the_file_and_the_problem(entries, code):
    with pytest.raises(DetenteError, match=code) as err:
        parse(IssueTaxonomy, BASE + entries, "my_issues.yaml")
    assert "my_issues.yaml" in str(err.value)


def test_unknown_issue_ids_are_refused_with_the_closest_ones():
    assert check_issue_ids(["sanctions", "visas"]) == ["sanctions", "visas"]
    with pytest.raises(BadValue, match="E309") as err:
        check_issue_ids(["sanction"])
    assert "'sanction'" in str(err.value) and "sanctions" in str(err.value)


# ------------------------------------------------------------------------- the compiler
PHOENIX = """# test dictionary
<ISSUE CATEGORY="ENERGY" TYPE="ALL">
oil [OIL]
n:pipe+line [OIL]
tar n:sand [OIL]
~olive oil
~some other thing
natural gas [NATURAL_GAS]
</ISSUE>
</ISSUE>

<ISSUE CATEGORY="KIDNAP" TYPE="COUNTEVENT">
v:kidnap
abduction
abduction
</ISSUE>
<ISSUE CATEGORY="SANCTIONS" TYPE="ALL">
n:embargo [SANCTIONS]
</ISSUE>
"""


def test_the_compiler_reads_the_phoenix_syntax_and_accounts_for_every_line(tmp_path):
    src = tmp_path / "Phoenix.IssueCoding.txt"
    src.write_text(PHOENIX, encoding="utf-8")
    entries, account = build_issues.compile_phoenix(src, taken={"sanctions"})
    by_id = {e.id: e for e in entries}
    assert list(by_id) == ["oil", "natural_gas", "kidnap"]
    assert by_id["oil"].phrases == ["oil", "pipe line", "pipe-line", "pipeline", "tar sand"]
    assert by_id["oil"].exclude == ["olive oil"] and by_id["natural_gas"].exclude == []
    assert by_id["oil"].source == "Phoenix.IssueCoding.txt:3" and by_id["oil"].category == "energy"
    assert by_id["kidnap"].phrases == ["kidnap", "abduction"]       # no code: the block's own
    assert account["phrase lines read"] == 10
    assert account["phrase lines read"] == (account["phrases"] + account["exclusions"]
                                            + sum(n for k, n in account.items() if k.startswith(("left out", "exclusions left"))))


def test_the_compiled_part_is_what_the_script_writes():
    phoenix = shared_path("petrarch2", "Phoenix.IssueCoding.txt")
    new, _ = build_issues.build(phoenix, build_issues.DEFAULT_TAXONOMY)
    assert new == build_issues.DEFAULT_TAXONOMY.read_text(encoding="utf-8"), \
        "refresh it: python scripts/build_issues.py"


# ------------------------------------------------------------------------- the matcher
def test_phrases_match_lemmas_and_forms_in_a_row_and_exclusions_cancel(nlp):
    tax = parse(IssueTaxonomy, BASE + """
  - {id: sanctions, label: S, category: c, source: detente, phrases: [sanction relief]}
  - {id: visas, label: V, category: c, source: detente, phrases: [visa-free]}
  - {id: oil, label: O, category: c, source: t, phrases: [oil], exclude: [olive oil]}
""", "t.yaml")
    index = PhraseIndex(tax, nlp.tokenizer)

    def found(text: str) -> set[str]:
        return index.find(list(nlp(text)))

    assert found("They sought sanctions relief.") == {"sanctions"}
    assert found("Sanction talks brought relief.") == set()            # not in a row
    assert found("a visa-free regime") == {"visas"}
    assert found("olive oil prices") == set() and found("oil prices") == {"oil"}
    # an exclusion cancels its own entry's phrases, not another's it overlaps
    farming = PhraseIndex(parse(IssueTaxonomy, BASE + """
  - {id: oil, label: O, category: c, source: t, phrases: [oil], exclude: [olive oil]}
  - {id: farming, label: F, category: c, source: t, phrases: [olive]}
""", "t.yaml"), nlp.tokenizer)
    assert farming.find(list(nlp("olive oil prices"))) == {"farming"}
    doc = nlp("sanctions relief")
    assert index.find([doc[0]]) == set()                               # only the tokens given


# ------------------------------------------------------------------------- the component
def test_issues_come_from_the_event_s_own_clause(coder):
    assert issues_of(coder, "Lavrov and Rubio discussed sanctions relief.") == [("CONSULT", ["sanctions"])] * 2
    # the relative clause is another clause: the meeting is not about sanctions
    got = issues_of(coder, "Lavrov and Rubio met in Riyadh, where sanctions were not discussed.")
    assert got and all(issues == [] for _, issues in got)
    assert ("RETREAT", ["prisoner_exchange"]) in [(t, [i for i in iss if i == "prisoner_exchange"])
                                                 for t, iss in issues_of(coder, "Russia released a US teacher in a prisoner swap.")]


def test_a_topic_is_not_an_outcome(coder):
    got = issues_of(coder, "Talks between Russian and American diplomats focused on resuming embassy operations.")
    assert got == [("CONSULT", ["embassy_operations"])] * 2
    got = issues_of(coder, "Lavrov and Rubio held talks that focused on resuming embassy operations.")
    assert got == [("CONSULT", ["embassy_operations"])] * 2


@pytest.mark.parametrize("text, issues", [
    ("Russian and American diplomats held talks in Istanbul on embassy operations.", ["embassy_operations"]),
    ("Russia and the United States agreed to restore the functionality of their respective missions.",
     ["embassy_operations"]),
    ("The United States agreed to discuss the return of the properties with Russia.", ["diplomatic_property"]),
    ("Putin and Trump agreed to resume direct flights between the two countries.", ["direct_flights"]),
    ("Lavrov said Moscow and Washington discussed visas and diplomatic property.", ["diplomatic_property", "visas"]),
    ("Russia said it was ready to discuss arms control with the United States.", ["arms_control"]),
    ("The United States imposed sanctions on Rosneft and Lukoil.", ["sanctions"]),           # and by its code
    ("Rubio spoke with Lavrov about the war in Ukraine.", ["war_settlement"]),
    # where and who are not what: the place, the actors' names, a title's portfolio
    ("Rubio met Lavrov at the embassy in Riyadh.", []),
    ("Lavrov met the US energy secretary in Moscow.", []),
    # ... but what is agreed to be done "at" the embassies is about them
    ("Russia and the United States agreed to restore staffing at their embassies.", ["embassy_operations"]),
    # what a copula says was the focus or topic of the talks
    ("Embassy operations were the focus of talks in Istanbul between Russian and U.S. diplomats.",
     ["embassy_operations"]),
    ("Sanctions relief was the main topic of the talks between Iran and the United States.", ["sanctions"]),
    # strikes on facilities are attacks, not a labour strike (the dictionary's "on strike" read by lemma)
    ("Russia and Ukraine agreed to a 30-day moratorium on strikes on energy facilities.", ["energy"]),
    ("Teachers in Kenya went on strike over unpaid wages.", ["labor_strike"]),
    # an exclusion cancels its own entry only: a trade war is no war, and still trade
    ("China and the United States discussed ending the trade war.", ["trade_investment"]),
])
def test_issue_constructions(coder, text, issues):
    got = issues_of(coder, text)
    assert got, "an event must be coded"
    assert all(iss == issues for _, iss in got), got


def test_the_fast_pipeline_finds_the_same_issues(coder_fast):
    assert issues_of(coder_fast, "Lavrov and Rubio discussed sanctions relief.") == [("CONSULT", ["sanctions"])] * 2


def test_a_complement_s_conjuncts_are_the_event_s_content_but_another_verb_is_not(coder):
    got = issues_of(coder, "Russia and the United States agreed to restore the staffing of their embassies "
                           "and to resume direct flights.")
    assert got and all(iss == ["direct_flights", "embassy_operations"] for t, iss in got if t == "AGREE"), got
    # ("discussed" is another verb; its partner is whom Lavrov met, so the talks told twice are one
    # event, about what the second telling names)
    got = [(e.trigger, e.issues) for e in coder.code_text("Lavrov met Rubio in Riyadh and discussed sanctions.",
                                                          story_date=STORY_DATE)]
    assert got == [("met", ["sanctions"])]
    got = [(e.trigger, e.issues) for e in coder.code_text("Lavrov met Rubio in Riyadh, and Putin criticised "
                                                          "the sanctions.", story_date=STORY_DATE)]
    assert ("met", []) in got


# ------------------------------------------------------------------------- purpose, depth, pointing back
@pytest.mark.parametrize("text, issue", [
    # an infinitive of purpose is what the event is for, so what it is about
    ("Russian and American envoys met in Geneva to discuss consular services.", "embassy_operations"),
    # the last word a clause reaches is read with its modifiers ("diplomatic missions", not "missions")
    ("Moscow and Washington agreed to set up a mechanism to normalize the operation of their diplomatic missions.",
     "embassy_operations"),
    # the pattern's own noun carries its content at its own depth
    ("Putin and Trump agreed that the talks will begin with technical negotiations on the implementation of "
     "a maritime truce in the Baltic Sea.", "maritime_navigation"),
    # vocabulary families: how missions work, strategic weapons, economic opportunities
    ("American and Russian diplomats discussed embassy staffing.", "embassy_operations"),
    ("Lavrov and Rubio discussed banking access for diplomats.", "embassy_operations"),
    ("Putin and Trump discussed the need to curb the proliferation of strategic weapons.", "arms_control"),
    ("Washington and Moscow agreed to explore economic opportunities.", "trade_investment"),
    # held unjustly, in any form of the verb
    ("Russia continues to unjustly detain two Americans.", "prisoner_exchange"),
    # what follows a colon spells out what was agreed
    ("Armenia and Azerbaijan have agreed on four points: restoring embassies, forming negotiating teams, "
     "exploring economic cooperation, and ending the war.", "embassy_operations"),
])
def test_issue_families(coder, text, issue):
    got = issues_of(coder, text)
    assert got and all(issue in iss for _, iss in got), got


def test_an_arrest_is_not_a_detained_citizens_issue(coder):
    got = issues_of(coder, "Russian police detained two protesters in Moscow.")
    assert got and all("prisoner_exchange" not in iss for _, iss in got), got


def test_a_clause_after_a_colon_belongs_to_its_own_head_only(coder):
    got = issues_of(coder, "Lavrov met Rubio in Riyadh. Officials listed the obstacles: sanctions and frozen assets.")
    assert any(t == "CONSULT" for t, _ in got), got
    assert all("sanctions" not in iss for t, iss in got if t == "CONSULT"), got


def test_an_after_clause_is_still_another_clause(coder):
    got = issues_of(coder, "Lavrov met Rubio in Vienna after Russia expelled two consular officers.")
    assert any(t == "CONSULT" for t, _ in got), got
    assert all(iss == [] for t, iss in got if t == "CONSULT"), got


def test_these_issues_points_back_to_the_issues_named_before(coder):
    before = "The envoys raised concerns about banking access for diplomats and embassy staffing. "
    got = issues_of(coder, before + "Lavrov and Rubio agreed to hold another round on these issues.")
    assert got and all(iss == ["embassy_operations"] for _, iss in got), got
    # no pointing back: the round's topic is not named
    got = issues_of(coder, before + "Lavrov and Rubio agreed to hold another round next month.")
    assert got and all(iss == [] for _, iss in got), got
    # a place is not a topic it can point back to
    got = issues_of(coder, "Lavrov and Rubio met at the embassy in Vienna. Lavrov and Rubio agreed to meet again "
                           "on these matters.")
    assert any(t == "AGREE" for t, _ in got) and all(iss == [] for _, iss in got), got


def test_a_conjunct_of_deep_content_is_still_the_event_s_content(coder):
    # the second item sits under the first's verb ("toward ending ... and to restore ..."), deeper
    # than the clause walk reached before conjuncts and prepositions stopped counting as steps
    got = issues_of(coder, "Armenian and Azerbaijani officials agreed to work toward ending the border "
                           "conflict and to restore the staffing of their consulates.")
    agreed = [iss for t, iss in got if t == "AGREE"]
    assert agreed and all("embassy_operations" in iss for iss in agreed), got


def test_resuming_flights_is_cooperation_about_flights(coder):
    got = issues_of(coder, "Georgia proposed resuming direct flights between Tbilisi and Moscow.")
    assert got and all("direct_flights" in iss for t, iss in got), got
    assert any(t == "AGREE" for t, _ in got), got


def test_a_verb_is_no_thing_its_lemma_names(coder):
    # "training" (a verb) is about no train; "trains" (a noun) still is
    got = issues_of(coder, "Russia accused Britain of training Ukrainian saboteurs.")
    assert got and all("public_transit" not in iss for _, iss in got), got
    got = issues_of(coder, "Russia accused Ukraine of attacking passenger trains.")
    assert any("public_transit" in iss for _, iss in got), got


def test_a_verb_in_its_base_form_is_no_thing_either(coder):
    # "to train the army": a one-word phrase ("train") names no thing on a verb in any form
    got = issues_of(coder, "Turkey sent soldiers to Somalia to train the army.")
    assert got and all("public_transit" not in iss for _, iss in got), got
    got = issues_of(coder, "Russia accused Ukraine of attacking a passenger train.")
    assert any("public_transit" in iss for _, iss in got), got


def test_an_exclusion_past_the_clauses_edge_still_cancels_its_issue(coder):
    # the clause ends at "strikes", the "against energy facilities" that makes them attacks after it
    got = issues_of(coder, "The United States and Russia agreed to develop measures for implementing the ban "
                           "on strikes against energy facilities.")
    assert got and all("labor_strike" not in issues for _, issues in got)
    # ... and a strike of workers is still one
    assert any("labor_strike" in issues for _, issues in issues_of(coder, "Kenyan doctors went on strike over pay."))



def test_where_a_meeting_is_held_is_no_topic_of_it(coder):
    # "in" on a meeting says where; the relative clause on the place is no content either
    met = issues_of(coder, "Aliyev and Pashinyan met in Abu Dhabi, in a territory far from their disputed border.")
    assert met and all(not {"territory"} & set(iss) for _, iss in met)
    # ... while what a meeting is about still is ("met in Tianjin on border territory")
    about = issues_of(coder, "Modi and Xi met in Tianjin to discuss the disputed border territory.")
    assert any("territory" in iss for _, iss in about)
