"""The coder's actor cases (tests/fixtures/coder_cases_actors*.yaml), checked like the main case
table (tests/test_coder.py), and the transcript speaker labels they rely on."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import test_coder

CASES = [case for path in sorted((Path(__file__).parent / "fixtures").glob("coder_cases_actors*.yaml"))
         for case in yaml.safe_load(path.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_actor_case(coder, case):
    test_coder.test_case(coder, case)


def test_every_actor_case_checks_something():
    checks = {"first", "every", "some", "none", "empty", "cameos", "sets"}
    assert len({c["id"] for c in CASES}) == len(CASES)
    assert all(checks & set(c) for c in CASES)


@pytest.mark.parametrize("text, label", [
    ("SECRETARY RUBIO: We raised it.", ["SECRETARY", "RUBIO"]),
    ("QUESTION: Did you?", ["QUESTION"]),
    ("MR. LAVROV: Thank you.", ["MR", "LAVROV"]),
    ("Rubio said: we raised it.", None),
    ("The U.S. and Russia: a timeline.", None),
])
def test_speaker_labels(nlp, text, label):
    from detente.coding.discourse import speaker_label

    first = next(iter(nlp(text).sents))
    assert speaker_label(first) == label


def test_a_speaker_label_names_a_known_person_after_titles_only(coder):
    from datetime import date

    resolver = coder.assembler.resolver
    on = date(2025, 3, 5)
    assert resolver.speaker(["SECRETARY", "RUBIO"], on).name == "Marco Rubio"
    assert resolver.speaker(["PRESIDENT", "PUTIN"], on).country == "RUS"
    assert resolver.speaker(["QUESTION"], on) is None
    assert resolver.speaker(["MARGARET", "BRENNAN"], on) is None     # a journalist, not a Brennan of ours


def test_a_statement_on_a_meeting_with_someone_is_said_of_them(coder):
    # the statement (CAMEO 010, no PLOVER type) that stances read: said of the one met
    from datetime import date

    got = coder.code_text("Fidan said his meeting with Lavrov had been very productive.", story_date=date(2025, 4, 27))
    said = [e for e in got if e.cameo == "010"]
    assert said and said[0].source.country == "TUR" and said[0].target is not None
    assert said[0].target.country == "RUS"


@pytest.mark.parametrize("text, on, name, code", [
    # the post alone names whoever held it that day, acting for the organisation
    ("The UN Secretary-General condemned Moldova.", "2025-03-01", "António Guterres", "IGOUNO"),
    ("The UN Secretary-General condemned Moldova.", "2012-05-01", "Ban Ki-moon", "IGOUNO"),
    ("The Secretary-General of the United Nations criticized Moldova.", "2025-03-01", "António Guterres", "IGOUNO"),
    ("The NATO Secretary General criticized Moldova.", "2025-03-01", "Mark Rutte", "IGONAT"),
    ("The NATO Secretary General criticized Moldova.", "2020-03-01", "Jens Stoltenberg", "IGONAT"),
    # named, the person carries the organisation's code too
    ("NATO chief Mark Rutte criticized Moldova.", "2025-03-01", "Mark Rutte", "IGONAT"),
])
def test_an_international_post_names_its_holder_and_organisation(coder, text, on, name, code):
    from datetime import date

    got = [e for e in coder.code_text(text, story_date=date.fromisoformat(on)) if e.event_type == "ACCUSE"]
    assert got and got[0].source.name == name and got[0].source.code == code
    assert got[0].target.country == "MDA"


def test_a_former_holder_of_an_international_post_is_no_longer_its_voice(coder):
    from datetime import date

    got = coder.code_text("Former UN Secretary-General Ban Ki-moon criticized Moldova.", story_date=date(2025, 3, 1))
    assert got and got[0].source.name == "Ban Ki-moon" and got[0].source.code != "IGOUNO"


@pytest.mark.parametrize("text, speaker, source", [
    # a bare title in a government's own statement is that government's office-holder, whom a
    # later "he" stands for (curly apostrophes read as straight ones)
    ("And look, the President's been pretty clear. He's disappointed with Russia.", "Secretary of State Marco Rubio",
     "Donald Trump"),
    ("And look, the President\u2019s been pretty clear. He\u2019s disappointed with Russia.",
     "Secretary of State Marco Rubio", "Donald Trump"),
    # ... not a title another country or a name goes with, nor any title in a story with no author
    ("The Russian President is disappointed with Ukraine.", "Secretary of State Marco Rubio", "Vladimir Putin"),
    ("President Lula met Rubio. He is disappointed with Russia.", "Secretary of State Marco Rubio", "not Trump"),
    ("The President spoke on Monday. He is disappointed with Russia.", None, None),
])
def test_a_bare_title_in_a_statement_is_the_authors_own_office_holder(coder, text, speaker, source):
    from datetime import date

    from detente.schema import Story

    got = coder.code_story(Story(id="t", text=text, date=date(2025, 7, 10), speaker=speaker)).events
    names = [e.source.name for e in got if e.event_type == "ACCUSE"]
    if source is None:
        assert names == []
    elif source == "not Trump":
        assert "Donald Trump" not in names
    else:
        assert names[:1] == [source]


@pytest.mark.parametrize("text, speaker, event_type, country", [
    # "our team", "our delegation", "someone from our team": the speaker's own side
    ("Our delegation will take part in the talks in Geneva next week.", "Secretary of State Marco Rubio",
     "AGREE", "USA"),
    ("Someone from our team will travel to Kyiv on Friday.", "Foreign Minister Sergey Lavrov", "AGREE", "RUS"),
    ("Members of our delegation met the Ukrainian negotiators in Riyadh.", "Secretary of State Marco Rubio",
     "CONSULT", "USA"),
    # ... and with no speaker, "our" is no one
    ("Our delegation will take part in the talks in Geneva next week.", None, None, None),
])
def test_our_side_in_a_statement_is_the_speakers_side(coder, text, speaker, event_type, country):
    from datetime import date

    from detente.schema import Story

    got = coder.code_story(Story(id="t", text=text, date=date(2025, 7, 10), speaker=speaker)).events
    if event_type is None:
        assert got == []
    else:
        assert [(e.event_type, e.source.country) for e in got][:1] == [(event_type, country)]


@pytest.mark.parametrize("text, event_type, country", [
    # taking part in talks, said with a passive participle, is the subject's own part in them
    ("Egypt was involved in the negotiations on the Gaza ceasefire.", "CONSULT", "EGY"),
    ("Norway is engaged in talks with the Colombian rebels.", "CONSULT", "NOR"),
    # "one of ...": whom the group names
    ("One of the Iranian negotiators met the IAEA chief in Vienna.", "CONSULT", "IRN"),
])
def test_a_part_taken_or_a_member_named_by_the_group(coder, text, event_type, country):
    from datetime import date

    got = coder.code_text(text, story_date=date(2025, 7, 10))
    assert [(e.event_type, e.source.country) for e in got][:1] == [(event_type, country)]


@pytest.mark.parametrize("text, speaker, target", [
    # what "we" discussed or shared after a meeting with the other side is with that side
    ("I met Foreign Minister Wang Yi in Beijing today. We shared ideas on trade and fentanyl.",
     "Secretary of State Marco Rubio", "CHN"),
    # ... not when the story names no other side
    ("We shared ideas on trade and fentanyl.", "Secretary of State Marco Rubio", None),
])
def test_what_we_consulted_on_after_a_meeting_is_with_the_other_side(coder, text, speaker, target):
    from datetime import date

    from detente.schema import Story

    got = coder.code_story(Story(id="t", text=text, date=date(2025, 7, 10), speaker=speaker)).events
    shared = [e for e in got if "We shared" in e.sentence]
    assert shared and shared[0].event_type == "CONSULT"
    assert (shared[0].target.country if shared[0].target else None) == target


@pytest.mark.parametrize("text, consulted", [
    # the one spoken to and one's own people are no party to consult ...
    ("We will be in touch with you on that.", False),
    ("I'm in contact with my team every day.", False),
    ("I met with my staff this morning before the talks.", False),
    # ... a counterpart or allies are
    ("I spoke to my Turkish counterpart this morning.", True),
])
def test_consulting_the_listener_or_ones_own_people_is_no_event(coder, text, consulted):
    from datetime import date

    from detente.schema import Story

    got = coder.code_story(Story(id="t", text=text, date=date(2025, 7, 10),
                                 speaker="Secretary of State Marco Rubio")).events
    if consulted:
        assert any(e.event_type == "CONSULT" for e in got)
    else:
        assert got == []


@pytest.mark.parametrize("text", [
    "Mr. President, we welcome the peace agreement between Armenia and Azerbaijan.",
    "Madam President, we welcome the ceasefire agreed by Thailand and Cambodia.",
])
def test_a_vocative_in_a_statement_is_no_one_welcomed(coder, text):
    # "Mr. President, we welcome ...": the Council's president addressed, not a visitor received
    from datetime import date

    from detente.schema import Story

    got = coder.code_story(Story(id="t", text=text, date=date(2025, 8, 12),
                                 speaker="Ambassador Dorothy Shea")).events
    assert got and {e.event_type for e in got} == {"SUPPORT"}
    assert all(e.source.country == "USA" for e in got)


@pytest.mark.parametrize("text, publisher, country", [
    ("Treasury today sanctioned four companies that shipped drone parts to Iran.",
     "U.S. Department of the Treasury", "USA"),
    ("Today the Ministry sanctioned two Georgian judges for their role in the crackdown.",
     "Ministry of Foreign Affairs of Ukraine", "UKR"),
])
def test_an_office_named_bare_in_its_own_release_is_the_publisher(coder, text, publisher, country):
    # "Treasury" in a Treasury release is that Treasury, not the state its sentence names
    from datetime import date

    from detente.schema import Story

    got = coder.code_story(Story(id="t", text=text, date=date(2025, 10, 22), source=publisher)).events
    sanctions = [e for e in got if e.event_type == "SANCTION"]
    assert sanctions and {e.source.country for e in sanctions} == {country}


@pytest.mark.parametrize("publisher, country", [
    ("U.S. Department of the Treasury", "USA"),
    ("Ministry of Foreign Affairs of Japan", "JPN"),
    ("Reuters", None),                      # a news outlet's passive names no doer
])
def test_a_sanction_told_in_the_passive_in_a_states_release_is_the_publishers(coder, publisher, country):
    from datetime import date

    from detente.schema import Story

    text = "Two Iranian shipping companies are designated today for transporting Iranian oil."
    got = coder.code_story(Story(id="t", text=text, date=date(2025, 10, 22), source=publisher)).events
    sanctions = [e for e in got if e.event_type == "SANCTION"]
    assert {e.source.country for e in sanctions} == ({country} if country else set())
    assert all(e.target.country == "IRN" for e in sanctions)


@pytest.mark.parametrize("publisher, country", [
    ("Ministry of Foreign Affairs of the Russian Federation", "RUS"),
    ("Office of the President of Ukraine", "UKR"),
    ("Embassy of Japan in Washington", "JPN"),
    ("China Daily", None),                  # an outlet named after a country is no state
    ("The Moscow Times", None),
    ("Reuters", None),
])
def test_a_states_own_institution_as_publisher_is_that_state(coder, publisher, country):
    found = coder.assembler.resolver.named_publisher(publisher)
    assert (found.country if found else None) == country


def test_unplaced_victims_in_a_statement_are_not_its_authors_people(coder):
    # a U.S. statement on a strike that "killed more than 30 civilians": not American civilians
    from datetime import date

    from detente.schema import Story

    got = coder.code_story(Story(
        id="t", date=date(2025, 4, 14), speaker="Tammy Bruce",
        text="The United States strongly condemns Russia's missile strike on Sumy, which killed more than "
             "30 civilians.")).events
    attacks = [e for e in got if e.event_type == "ASSAULT"]
    assert attacks and all(e.source.country == "RUS" for e in attacks)
    assert all(e.target is None or e.target.country != "USA" for e in attacks)


@pytest.mark.parametrize("text, event_type, target", [
    ("Russia's continued strikes on civilians are unacceptable.", "ACCUSE", "RUS"),
    ("Iran's support for the Houthis is a threat to international peace and security.", "ACCUSE", "IRN"),
    ("Prime Minister Modi is a great friend.", "SUPPORT", "IND"),
])
def test_a_judgement_in_a_statements_own_voice_is_its_speakers(coder, text, event_type, target):
    # "X's strikes are unacceptable" said by the statement's speaker, of the party its subject names
    from datetime import date

    from detente.schema import Story

    got = coder.code_story(Story(id="t", text=text, date=date(2025, 3, 10),
                                 speaker="Ambassador Dorothy Shea")).events
    judged = [e for e in got if e.event_type == event_type]
    assert judged and judged[0].source.country == "USA" and judged[0].target.country == target
    assert not [e for e in got if e.event_type == "THREATEN"]     # "is a threat to ..." threatens no one


@pytest.mark.parametrize("text, speaker", [
    ("Russia's continued strikes on civilians are unacceptable.", None),      # no one's voice: a news story
    ("Is Russia's position acceptable?", "Ambassador Dorothy Shea"),           # a question judges nothing
    ("Russia's position would be a mistake.", "Ambassador Dorothy Shea"),      # what would be
    ("The United States is a reliable partner.", "Ambassador Dorothy Shea"),   # one's own side
])
def test_no_stated_judgement_without_a_voice_or_a_judgement_made(coder, text, speaker):
    from datetime import date

    from detente.schema import Story

    got = coder.code_story(Story(id="t", text=text, date=date(2025, 3, 10), speaker=speaker)).events
    assert not [e for e in got if e.event_type in ("ACCUSE", "SUPPORT")]


def test_a_regions_officials_are_no_guess_of_the_storys_country(coder):
    # "European leaders" in a story about Ukraine are not Ukraine's government
    from datetime import date

    from detente.schema import Story

    got = coder.code_story(Story(id="t", date=date(2025, 11, 21), text=(
        "Ukraine received a new American plan to end the war on Thursday. Kyiv said it would study it. "
        "European leaders rejected parts of the plan and drafted a counterproposal."))).events
    assert not [e for e in got if e.event_type == "REJECT" and e.source.country == "UKR"]


def test_both_sides_are_the_two_the_story_names_most_not_the_last_named(coder):
    # the mediator named last is no side: "both sides" are Israel and Iran
    from datetime import date

    from detente.schema import Story

    got = coder.code_story(Story(id="t", date=date(2025, 6, 24), text=(
        "A ceasefire between Israel and Iran took effect on Tuesday after twelve days of war. Iran said "
        "it would respect the truce if Israel did. Israel said it had accepted the American proposal. "
        "Trump accused both sides of violating the truce in its first hours."))).events
    blamed = {e.target.country for e in got if e.event_type == "ACCUSE"}
    assert blamed == {"ISR", "IRN"}


def test_both_leaders_are_the_pairs_leaders_not_an_envoy(coder):
    # after a president met another country's envoy, "both leaders" are the president and the
    # envoy's government (its leader unnamed), never the envoy
    from datetime import date

    from detente.schema import Story

    got = coder.code_story(Story(id="t", date=date(2025, 9, 10), text=(
        "Chinese President Xi Jinping met Pakistani Foreign Minister Ishaq Dar in Beijing on Monday. "
        "Both leaders have agreed to expand trade."))).events
    agreed = [e for e in got if e.sentence.startswith("Both leaders")]
    assert agreed
    assert {(e.source.name, e.source.code) for e in agreed} >= {("Xi Jinping", "CHNGOV")}
    assert all(e.source.name != "Ishaq Dar" and e.target.name != "Ishaq Dar" for e in agreed)
    assert {e.target.code for e in agreed if e.source.name == "Xi Jinping"} == {"PAKGOV"}


def test_both_leaders_after_two_heads_of_state_are_the_two(coder):
    from datetime import date

    from detente.schema import Story

    got = coder.code_story(Story(id="t", date=date(2025, 9, 10), text=(
        "Chinese President Xi Jinping met Pakistani Prime Minister Shehbaz Sharif in Beijing on Monday. "
        "The two leaders agreed to meet again next year."))).events
    agreed = [e for e in got if e.sentence.startswith("The two leaders")]
    assert {e.source.name for e in agreed} == {"Xi Jinping", "Shehbaz Sharif"}


@pytest.mark.parametrize("text, event_type", [
    # a kind of event, not one: "such protests"
    ("Pakistan's army said it had killed eight militants near the Afghan border. "
     "The opposition has called such protests in the past, but turnout has been low.", "PROTEST"),
    # a doer named by "by" that is no one is not replaced by whoever reports it
    ("Pakistan's army said it had killed eight militants near the Afghan border. "
     "Thousands of people have been displaced by the fighting, aid agencies say.", "ASSAULT"),
])
def test_no_event_in_background_prose_of_a_placed_story(coder, text, event_type):
    from datetime import date

    from detente.schema import Story

    got = coder.code_story(Story(id="t", text=text, date=date(2025, 5, 14))).events
    later = [e for e in got if e.sentence_id == 1]
    assert not [e for e in later if e.event_type == event_type]


@pytest.mark.parametrize("text, event_type", [
    ("Security forces have been accused of abuses in the past.", "ACCUSE"),          # times gone by
    ("Sanctions relief is one of Tehran's main demands.", "REQUEST"),                # what a demand is
    ("The release of the prisoners was a key demand of the rebels.", "REQUEST"),
])
def test_no_event_in_descriptions_of_a_placed_story(coder, text, event_type):
    from datetime import date

    from detente.schema import Story

    lead = "Pakistan's army said it had killed eight militants near the Afghan border. "
    got = coder.code_story(Story(id="t", text=lead + text, date=date(2025, 5, 14))).events
    assert not [e for e in got if e.sentence_id == 1 and e.event_type == event_type]


def test_an_act_told_as_news_is_not_in_the_past(coder):
    from datetime import date

    from detente.schema import Story

    got = coder.code_story(Story(id="t", text="Turkish police detained the journalist on Monday.",
                                 date=date(2025, 5, 14))).events
    assert [e for e in got if e.event_type == "COERCE"]


def test_each_named_party_is_its_own_mention_with_its_own_id(coder, tmp_path):
    # "Rubio, Waltz and Witkoff met Lavrov": three mentions, each with its own id (one id for all
    # three let the store keep only one, dropping the others' voices), and one meeting counted
    from datetime import date

    from detente.schema import Story
    from detente.store import EventStore

    text = ("Secretary of State Marco Rubio, national security adviser Mike Waltz and envoy Steve Witkoff "
            "met Russian Foreign Minister Sergei Lavrov in Riyadh on Tuesday.")
    coded = coder.code_story(Story(id="t", text=text, date=date(2025, 2, 19)))
    meetings = [e for e in coded.events if e.event_type == "CONSULT" and e.source.country == "USA"]
    assert {e.source.name for e in meetings} >= {"Marco Rubio", "Mike Waltz", "Steve Witkoff"}
    assert len({e.event_id for e in coded.events}) == len(coded.events)
    with EventStore(tmp_path / "t.duckdb") as store:
        store.add_coded([coded])
        stored = store.con.execute("SELECT count(*) FROM events WHERE source_country = 'USA' "
                                   "AND cameo LIKE '04%'").fetchone()[0]
        counted = store.con.execute("SELECT count(*) FROM unique_events WHERE source_country = 'USA' "
                                    "AND cameo LIKE '04%'").fetchone()[0]
    assert stored == len(meetings) and counted == 1


@pytest.mark.parametrize("text, title", [
    ("Deputy Secretary Landau met with Indian Foreign Secretary Misri in Washington.", "Deputy Secretary"),
    ("Under Secretary Hooker arrived in Kyiv on Monday.", "Under Secretary"),
])
def test_a_deputy_or_under_secretary_is_an_office_not_a_legislator(coder, text, title):
    # "deputy" alone is a member of a parliament ("Duma deputy"); before "Secretary" it is a rank
    doc = coder.annotate(coder.nlp(text))
    mentions = {(doc[m.start:m.end].text, m.kind) for m in (doc._.mention_at or {}).values()}
    assert (title, "office") in mentions
    assert not any(kind == "agent" for _, kind in mentions)


def test_a_titled_name_who_is_not_the_titles_known_holder_is_not_of_its_country(coder):
    # Britain's Foreign Secretary in June 2025 is Lammy: "Foreign Secretary Amna Baloch" holds
    # another country's office of that name
    from datetime import date

    from detente.schema import Story

    text = ("Pakistan expelled an Indian diplomat on Monday. Foreign Secretary Amna Baloch met the "
            "Chinese ambassador in Islamabad on Tuesday.")
    got = coder.code_story(Story(id="t", text=text, date=date(2025, 6, 12))).events
    assert any(e.event_type == "SANCTION" and e.source.country == "PAK" for e in got)
    assert not any(e.source.country == "GBR" for e in got)


def test_a_meeting_judged_after_it_is_told_is_no_second_meeting(coder):
    # "It was a very productive meeting" judges the meeting just told
    from datetime import date

    from detente.schema import Story

    text = ("The Kenyan foreign minister met his Ethiopian counterpart in Nairobi on Monday. "
            "It was a very productive meeting, the Kenyan foreign minister said.")
    got = coder.code_story(Story(id="t", text=text, date=date(2025, 6, 12))).events
    assert [e for e in got if e.sentence_id == 0 and e.event_type == "CONSULT"]
    assert not [e for e in got if e.sentence_id == 1 and e.event_type == "CONSULT"]


def test_what_followed_a_meeting_months_before_the_story_is_history(coder):
    # "After the Kars meeting in February, the two sides agreed ..." in a September story: a recap
    from datetime import date

    from detente.schema import Story

    text = ("Armenia and Turkey held talks in Ankara on Monday. After the Kars meeting in February, "
            "the two sides agreed on four points.")
    got = coder.code_story(Story(id="t", text=text, date=date(2025, 9, 15))).events
    assert [e for e in got if e.sentence_id == 0 and e.event_type == "CONSULT"]
    assert not [e for e in got if e.sentence_id == 1]


def test_in_a_statement_a_title_the_author_does_not_hold_is_the_one_named_before(coder):
    # "the foreign minister" in the U.S. Secretary of State's words is no Secretary of State: the
    # Ukrainian foreign minister he named before
    from datetime import date

    from detente.schema import Story

    text = "I spoke with Foreign Minister Sybiha this morning. I met the foreign minister in Paris last week."
    got = coder.code_story(Story(id="own-title", text=text, date=date(2025, 4, 10),
                                 speaker="Secretary of State Marco Rubio")).events
    met = [e for e in got if e.trigger.startswith("met")]
    assert met and met[0].source.country == "USA"
    assert met[0].target is not None and met[0].target.name == "Andrii Sybiha"


def test_in_a_statement_the_authors_own_title_is_not_the_one_named_before(coder):
    # "the Secretary" in the Secretary of State's words is his own office, not the Treasury
    # Secretary named before (and the author's own title is not coded as a party)
    from datetime import date

    from detente.schema import Story

    text = "Treasury Secretary Scott Bessent travelled to Kyiv on Monday. The Secretary met Prime Minister Modi on Tuesday."
    got = coder.code_story(Story(id="own-title-2", text=text, date=date(2025, 4, 10),
                                 speaker="Secretary of State Marco Rubio")).events
    assert not any(e.source is not None and e.source.name == "Scott Bessent" and e.trigger.startswith("met")
                   for e in got)


@pytest.mark.parametrize("text, event_type", [
    ("I urge Russia to accept the ceasefire.", "REQUEST"),
    ("I would urge Russia to accept the ceasefire.", "REQUEST"),
    ("I call on Iran to release the journalists.", "REQUEST"),
    ("I condemn this attack by Russia.", "ACCUSE"),
])
def test_appeals_and_criticism_said_in_the_first_person_are_the_speakers(coder, text, event_type):
    from datetime import date

    from detente.schema import Story

    got = coder.code_story(Story(id="first-person", text=text, date=date(2025, 5, 16),
                                 speaker="Secretary of State Marco Rubio")).events
    typed = [e for e in got if e.event_type == event_type]
    assert typed and typed[0].source.country == "USA"


def test_a_courtesy_in_the_first_person_is_no_event(coder):
    from datetime import date

    from detente.schema import Story

    got = coder.code_story(Story(id="courtesy", text="And I apologize for keeping you waiting.",
                                 date=date(2025, 5, 16), speaker="Secretary of State Marco Rubio")).events
    assert not [e for e in got if e.event_type is not None]


def test_what_the_speaker_does_every_time_is_a_habit(coder):
    # "Every time I speak with Vladimir, I have good conversations": no conversation of the news
    from datetime import date

    from detente.schema import Story

    habit = coder.code_story(Story(id="habit", text="Every time I speak with Vladimir, I have good conversations.",
                                   date=date(2025, 10, 22), speaker="President Donald Trump")).events
    assert not [e for e in habit if e.event_type == "CONSULT"]
    once = coder.code_story(Story(id="once", text="Today I had a good conversation with Vladimir.",
                                  date=date(2025, 10, 22), speaker="President Donald Trump")).events
    assert [e for e in once if e.event_type == "CONSULT" and e.source.country == "USA"]
