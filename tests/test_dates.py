"""Date resolution against a story date. Reference: Thursday 2025-02-20."""
from datetime import date

import pytest

from detente.nlp.dates import ResolvedDate, infer_reference_year, resolve_date, sentence_date

REF = date(2025, 2, 20)  # a Thursday


@pytest.mark.parametrize("expr, iso, precision", [
    ("on Tuesday", "2025-02-18", "day"),          # two days before the Thursday story
    ("Tuesday night", "2025-02-18", "day"),
    ("Thursday", "2025-02-20", "day"),            # same weekday = the story day
    ("Friday", "2025-02-14", "day"),              # on or before the reference
    ("last Tuesday", "2025-02-18", "day"),
    ("last Thursday", "2025-02-13", "day"),       # "last" is strictly before
    ("yesterday", "2025-02-19", "day"),
    ("today", "2025-02-20", "day"),
    ("two days ago", "2025-02-18", "day"),
    ("last week", "2025-02", "month"),            # week -> month holding most of its days
    ("this week", "2025-02", "month"),
    ("earlier this week", "2025-02", "month"),
    ("last month", "2025-01", "month"),
    ("next month", "2025-03", "month"),
    ("last year", "2024", "year"),
    ("in early 2025", "2025", "year"),
    ("mid-2024", "2024", "year"),
    ("in 2024", "2024", "year"),
    ("2025", "2025", "year"),
    ("the end of 2024", "2024", "year"),
    ("February 18, 2025", "2025-02-18", "day"),
    ("18 February 2025", "2025-02-18", "day"),
    ("2025-02-18", "2025-02-18", "day"),
    ("Feb. 18", "2025-02-18", "day"),
    ("Wednesday, Feb. 19", "2025-02-19", "day"),
    ("in March", "2024-03", "month"),             # most recent March not after the story
    ("early February", "2025-02", "month"),
    ("March 2024", "2024-03", "month"),
    ("late last year", "2024", "year"),
])
def test_forms(expr, iso, precision):
    got = resolve_date(expr, REF)
    assert got == ResolvedDate(iso=iso, precision=precision, text=expr)


def test_week_spanning_two_months_takes_majority_month():
    # Monday 2025-03-03: "last week" = Feb 24 - Mar 2, Thursday Feb 27 -> February
    assert resolve_date("last week", date(2025, 3, 3)).iso == "2025-02"
    # Tuesday 2025-04-01: "this week" = Mar 31 - Apr 6, Thursday Apr 3 -> April
    assert resolve_date("this week", date(2025, 4, 1)).iso == "2025-04"


def test_month_day_without_year():
    assert resolve_date("on April 10", date(2025, 4, 27)).iso == "2025-04-10"
    assert resolve_date("on April 28", date(2025, 4, 27)).iso == "2024-04-28"
    assert resolve_date("on April 28", date(2025, 4, 27), prefer="future").iso == "2025-04-28"
    assert resolve_date("in March", REF, prefer="future").iso == "2025-03"
    assert resolve_date("Tuesday", REF, prefer="future").iso == "2025-02-25"


@pytest.mark.parametrize("expr", [
    "recently", "in recent days", "for years", "the past decade", "three days", "24 hours",
    "the day before", "the next day", "the 1990s", "the last week", "2014-2022", "10-year",
    "70 years old", "04/05/2025", "February 30", "",
])
def test_vague_or_durations_are_none(expr):
    assert resolve_date(expr, REF) is None


def test_no_reference_only_absolute():
    assert resolve_date("Tuesday", None) is None
    assert resolve_date("last week", None) is None
    assert resolve_date("in March", None) is None
    assert resolve_date("February 18, 2025", None).iso == "2025-02-18"
    assert resolve_date("in early 2025", None) == ResolvedDate("2025", "year", "in early 2025")


def test_long_tail_goes_to_dateparser():
    got = resolve_date("a fortnight ago", REF)
    assert got is not None and got.iso == "2025-02"


def test_infer_reference_year():
    story = ("KYIV, Feb 20 (Reuters) - Talks held on February 18, 2025 in Riyadh followed a call on "
             "12 February 2025. The war began on 24 February 2022; a report dated 2025-02-19 "
             "said so. In 2023 the front barely moved.")
    assert infer_reference_year(story) == 2025
    assert infer_reference_year("Signed on 1 May 2023 and on June 2, 2024.") == 2024  # tie -> latest
    assert infer_reference_year("No dates here, only 2023.") is None


def _tok(doc, word):
    return next(t for t in doc if t.text == word)


def test_sentence_date_follows_anchor(nlp):
    doc = nlp("The minister, who arrived in Kyiv on Monday, said on Thursday that talks would resume.")
    sent = next(doc.sents)
    assert sentence_date(sent, REF, _tok(doc, "arrived")).iso == "2025-02-17"
    assert sentence_date(sent, REF, _tok(doc, "said")).iso == "2025-02-20"


def test_sentence_date_skips_durations(nlp):
    doc = nlp("Russia and Ukraine signed a 10-year treaty on February 18, 2025, three years after the war began.")
    sent = next(doc.sents)
    got = sentence_date(sent, REF, _tok(doc, "signed"))
    assert got.iso == "2025-02-18" and got.precision == "day"


def test_sentence_date_future_aux_prefers_future(nlp):
    doc = nlp("Putin and Trump will meet in Budapest on Friday.")
    got = sentence_date(next(doc.sents), REF, _tok(doc, "meet"))
    assert got.iso == "2025-02-21"


def test_sentence_date_of_a_reported_would_and_of_a_nouns_will_prefers_future(nlp):
    # "said the talks would resume on Friday": the future of a reported past
    doc = nlp("Peskov said the talks would resume on Friday.")
    assert sentence_date(next(doc.sents), REF, _tok(doc, "resume")).iso == "2025-02-21"
    # an event noun whose own verb looks forward
    doc = nlp("Talks between the two sides will resume on Friday.")
    assert sentence_date(next(doc.sents), REF, _tok(doc, "Talks")).iso == "2025-02-21"
    # a "would" that reports no one's words is no future of the past
    doc = nlp("The talks resumed on Friday.")
    assert sentence_date(next(doc.sents), REF, _tok(doc, "resumed")).iso == "2025-02-14"


def test_sentence_date_none_without_date(nlp):
    doc = nlp("China condemned the sanctions.")
    assert sentence_date(next(doc.sents), REF) is None


def test_weekday_followed_by_after_is_not_a_duration(nlp):
    from datetime import date as _d

    from detente.nlp.dates import sentence_date
    doc = nlp("India and Pakistan agreed to a ceasefire on Saturday after four days of military clashes.")
    got = sentence_date(list(doc.sents)[0], _d(2025, 5, 12), anchor=doc[3])
    assert got is not None and got.iso == "2025-05-10" and got.precision == "day"
