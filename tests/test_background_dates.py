"""Background is not news: dates that belong to another clause or to a noun do not date an
event (it takes the story's date), and events the story dates before its own period (history,
recaps) are not coded.  Also: a weekday with a month and day picks the year it names."""
from __future__ import annotations

from datetime import date

import pytest

from detente.coding.circumstances import dates_other_event
from detente.nlp.dates import before_story_period, last_day, resolve_date


def dated(coder, text: str, story_date: date) -> list[tuple[str, str, str]]:
    return [(e.event_type, e.date, e.date_precision) for e in coder.code_text(text, story_date=story_date)]


# ------------------------------------------------------------------------- the resolver
@pytest.mark.parametrize("text, story, iso", [
    ("on Monday, March 3", date(2025, 3, 5), "2025-03-03"),
    ("Monday, March 3", date(2025, 2, 28), "2025-03-03"),     # the weekday names 2025, not the past's 2024
    ("Monday, 3 March", date(2025, 1, 2), "2025-03-03"),      # ahead of the story: the weekday says so
    ("Friday, Dec. 29", date(2024, 1, 3), "2023-12-29"),
    ("Sunday, March 3", date(2025, 3, 5), "2025-03-03"),      # no such Sunday within half a year: the usual rule
    ("Tuesday, March 3", date(2025, 9, 5), "2026-03-03"),     # March 3, 2026 is a Tuesday
])
def test_a_weekday_with_a_month_and_day_picks_its_year(text, story, iso):
    assert resolve_date(text, story).iso == iso


def test_last_day_and_the_story_period():
    assert last_day("2024-02") == date(2024, 2, 29) and last_day("2024") == date(2024, 12, 31)
    story = date(2025, 5, 14)
    assert before_story_period("2022-02", story) and before_story_period("2025-03", story)
    assert not before_story_period("2025-04", story) and not before_story_period("2025", story)
    assert not before_story_period("2024", date(2025, 1, 20))     # last year, in a January story


# ------------------------------------------------------------------------- whose date is it
def _token(doc, word):
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize("text, anchor, trigger, date_text, other", [
    ("Lavrov and Rubio discussed the 2010 New START treaty.", "discussed", None, "2010", True),
    ("Lavrov met Rubio to discuss the treaty of 1960.", "met", None, "1960", True),
    ("Lavrov met Rubio to discuss a deal from 2011.", "met", None, "2011", True),
    ("Lavrov, who met Rubio on Tuesday, raised sanctions.", "raised", None, "Tuesday", True),
    ("Lavrov met Rubio in Riyadh on Tuesday.", "met", None, "Tuesday", False),
    ("When Lavrov met Rubio on Tuesday, he raised sanctions.", "raised", None, "Tuesday", False),
    ("The two ministers held the February 18 meeting in Riyadh.", "held", "meeting", "February 18", False),
    # the occasion the act was done at dates it; a noun that is no occasion does not
    ("In a 2019 speech, Putin accused NATO of expanding eastward.", "accused", None, "2019", False),
    ("At the 2023 summit, China and Russia signed a gas deal.", "signed", None, "2023", False),
    ("Russia suspended the 2010 New START treaty on Tuesday.", "suspended", None, "2010", True),
])
def test_dates_of_other_clauses_and_of_nouns_are_not_the_event_s(nlp, text, anchor, trigger, date_text, other):
    doc = nlp(text)
    sent = next(doc.sents)
    assert any(e.label_ == "DATE" and e.text == date_text for e in doc.ents), [e.text for e in doc.ents]
    trig = _token(doc, trigger) if trigger else None
    assert dates_other_event(sent, date_text, _token(doc, anchor), trig) is other


# ------------------------------------------------------------------------- the coder
def test_a_treaty_s_year_does_not_date_the_talks(coder):
    assert dated(coder, "Lavrov and Rubio discussed the 2010 New START treaty.", date(2025, 2, 20)) == \
        [("CONSULT", "2025-02-20", "story")] * 2


def test_a_sanction_over_a_war_launched_in_2022_is_dated_by_the_story(coder):
    got = dated(coder, "The United States imposed sanctions on Russia over the war it launched in February 2022.",
                date(2025, 10, 22))
    assert got == [("SANCTION", "2025-10-22", "story")]


def test_history_and_old_recaps_are_not_events(coder):
    assert dated(coder, "Russia and the United States exchanged prisoners in 2024.", date(2025, 5, 14)) == []
    assert dated(coder, "Trump and Putin held a summit in Helsinki in 2018.", date(2025, 8, 1)) == []
    # the relative clause's meeting is a recap in May; the criticism is the news
    got = dated(coder, "Rubio, who met Lavrov in February, criticized Russia on Thursday.", date(2025, 5, 14))
    assert got == [("ACCUSE", "2025-05-08", "day")]


def test_an_act_at_an_old_occasion_is_history(coder):
    assert dated(coder, "In a 2019 speech, Putin accused NATO of expanding eastward.", date(2025, 1, 8)) == []
    assert dated(coder, "During a 2007 speech in Munich, Putin accused the United States of overstepping its "
                        "borders.", date(2025, 1, 8)) == []


def test_recent_events_keep_their_own_date(coder):
    got = dated(coder, "Rubio, who met Lavrov in February, criticized Russia on Thursday.", date(2025, 3, 5))
    assert sorted(got) == [("ACCUSE", "2025-02-27", "day"), ("CONSULT", "2025-02", "month")]
    assert dated(coder, "Russia and the United States exchanged prisoners in 2024.", date(2025, 1, 10)) == \
        [("RETREAT", "2024", "year")] * 2
    assert dated(coder, "Lavrov met Rubio in Riyadh on Monday, March 3.", date(2025, 2, 28)) == \
        [("CONSULT", "2025-03-03", "day")]


def test_without_a_story_date_nothing_is_taken_for_history(coder):
    text = "The statement was issued on March 3, 2025.\n\nRussia and the United States exchanged prisoners in 2024."
    assert dated(coder, text, None) == [("RETREAT", "2024", "year")] * 2


def test_an_event_of_this_year_is_placed_at_the_story_not_in_january(coder):
    # binned by the year's first day, "earlier this year" would claim January
    got = dated(coder, "Earlier this year, Armenia and Azerbaijan exchanged prisoners.", date(2025, 9, 12))
    assert got == [("RETREAT", "2025-09-12", "story")] * 2
    # a month of the story's year still dates it
    got = dated(coder, "Armenia and Azerbaijan exchanged prisoners in September.", date(2025, 9, 12))
    assert got == [("RETREAT", "2025-09", "month")] * 2


def test_a_when_clause_of_a_date_is_dated_by_it(coder):
    # "since March, when X and Y met": the meeting is March's -- a recap in a November story
    text = "The talks were the third round since March, when the Kenyan and Ugandan ministers met in Nairobi."
    assert [e for e in dated(coder, text, date(2025, 11, 20)) if e[0] == "CONSULT"] == []
    # ... and news in an April story, dated by the month
    assert ("CONSULT", "2025-03", "month") in dated(coder, text, date(2025, 4, 2))


def test_this_week_is_placed_at_the_story_and_a_named_month_keeps_its_month(coder):
    # days of the story's month the resolver can only place by their month: the story's date
    assert dated(coder, "Russia and Ukraine exchanged prisoners this week.", date(2025, 6, 12)) == \
        [("RETREAT", "2025-06-12", "story")] * 2
    assert dated(coder, "Dmitriev held talks with Witkoff during a visit to the United States this weekend.",
                 date(2025, 10, 26)) == [("CONSULT", "2025-10-26", "story")]
    assert dated(coder, "Russia and Ukraine exchanged prisoners in June.", date(2025, 6, 12)) == \
        [("RETREAT", "2025-06", "month")] * 2
