"""Resolving date expressions (spaCy ``DATE`` entities) against a story's date.

Three entry points:

* :func:`resolve_date` -- one expression + the story date -> :class:`ResolvedDate` or None.
* :func:`infer_reference_year` -- a year for stories that carry no date.
* :func:`sentence_date` -- the date of one event in a parsed sentence.

Conventions (the event coder relies on them):

* **Weekdays** ("Tuesday", "on Tuesday", "Tuesday night") resolve to the most recent such
  day *on or before* the reference (a "Monday" in a Wednesday story is two days earlier;
  the same weekday is the reference day itself).  ``prefer="future"`` flips this to on or
  after.  "last Tuesday" is strictly before the reference, "next Tuesday" strictly after.
* **Weeks** ("last week", "this week", "earlier this week", "next week", "N weeks ago"):
  the schema has no week precision, and the Monday of the week with precision "day" would
  claim a precision we do not have.  We return the *month* that holds the majority of the
  week's days (the month of its Thursday, as ISO 8601 does for years) with precision
  "month".  For a week inside one month this is simply that month.
* **Month without year** ("in March", "early March") -> the most recent such month not
  after the reference's month (``prefer="future"``: the next one not before it).
  **Month-day without year** ("on April 10") -> the most recent such day on or before the
  reference (``prefer="future"``: on or after).  With a weekday ("Monday, March 3") it is the
  such day within half a year of the reference that is that weekday, past or future: the
  writer has said which; the rule above only when none is.
* **Year-only** ("2025", "in early 2025", "mid-2024", "the end of 2024") -> precision
  "year".  Bare numbers are only years when they lie in 1900..2100.
* **Vague phrases and durations** ("recently", "in recent days", "for years", "the past
  decade", "three days", "24 hours", "a 10-year treaty"), expressions relative to another
  event ("the day before", "the next day") and ranges/decades ("the 1990s") -> None.
* With ``reference=None`` only expressions that name their year resolve.

The common forms are parsed by hand-written code (a few microseconds); everything else
goes to ``dateparser`` (milliseconds), whose answer is kept only when it reports a period
we can map to a precision.  Both layers are memoised with :func:`functools.lru_cache`.
"""
from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Optional

from ..datafiles import DataModel, Words, load
from .entity_index import entities_near
from .syntax import SCAN_RADIUS, near_ancestors

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

__all__ = ["ResolvedDate", "resolve_date", "infer_reference_year", "sentence_date", "date_candidates",
           "first_resolved", "background_words", "last_day", "before_story_period"]


@dataclass(frozen=True)
class ResolvedDate:
    iso: str            # "2025-04-10" | "2025-04" | "2025"
    precision: str      # "day" | "month" | "year"
    text: str           # the expression it came from


# --------------------------------------------------------------------------- vocabulary


class BackgroundWords(DataModel):
    """``background:`` in dates.yaml: which dates are not the event's, and which events are
    history or recap rather than news of the story."""

    window_days: int
    clause_deps: Words
    shared_time_marks: Words
    noun_modifier_deps: Words
    noun_prepositions: Words


class DateWords(DataModel):
    """``data/nlp/dates.yaml``: the words and regular expressions of date expressions."""

    sets: dict[str, str]
    number_words: dict[str, int]
    month_abbreviations: dict[str, int]
    weekday_abbreviations: dict[str, int]
    relative_days: dict[str, int]
    relative_offsets: dict[str, int]
    backward_words: Words
    forward_weekday_words: Words
    season_end_months: dict[str, int]
    weekend_phrases: Words
    duration_followers: Words
    interval_prepositions: Words
    future_aux: Words
    reported_future_aux: Words
    present_progressive_aux: Words
    regexes: dict[str, str]
    forms: dict[str, str]
    background: BackgroundWords


_SET_REF = re.compile(r"\{([A-Z_]+)\}")


def expand_sets(pattern: str, sets: dict[str, str], where: str) -> str:
    """``pattern`` with every ``{NAME}`` replaced by the regular expression ``sets[NAME]``."""
    def one(m: re.Match) -> str:
        if m.group(1) not in sets:
            raise ValueError(f"{where}: unknown set {{{m.group(1)}}} in {pattern!r}")
        return sets[m.group(1)]
    return _SET_REF.sub(one, pattern)


_W = load(DateWords, "nlp", "dates.yaml")
_SETS = {**_W.sets,
         # a count: digits or a number word, longest words first so "fifteen" is not "five"
         "NUM": r"(\d{1,3}|" + "|".join(sorted(_W.number_words, key=len, reverse=True)) + ")",
         "NUMBER_WORDS": "|".join(_W.number_words)}
_REGEX = {name: re.compile(expand_sets(p, _SETS, "dates.yaml")) for name, p in _W.regexes.items()}

_MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _i:
        _MONTHS[_name.lower()] = _i
        _MONTHS[_name[:3].lower()] = _i
_MONTHS.update(_W.month_abbreviations)

_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
for _name, _i in list(_WEEKDAYS.items()):
    _WEEKDAYS[_name[:3]] = _i
_WEEKDAYS.update(_W.weekday_abbreviations)

_NUMBER_WORDS = _W.number_words
_LEAD = _REGEX["lead"]
_EDGE_PUNCT = " \t\n\r.,;:!?\"'()[]“”‘’"
_VAGUE = _REGEX["vague"]
_LEAD_VAGUE = _REGEX["lead_vague"]
_DURATION = _REGEX["duration"]
_DECADE = _REGEX["decade"]

# -------------------------------------------------------------------- fast patterns

_RX = {name: re.compile(expand_sets(p, _SETS, "dates.yaml") + r"$") for name, p in _W.forms.items()}
_SIMPLE = _W.relative_days


def _day(d: date) -> tuple[str, str]:
    return d.isoformat(), "day"


def _month(y: int, m: int) -> tuple[str, str]:
    return f"{y:04d}-{m:02d}", "month"


def _year(y: int) -> tuple[str, str]:
    return f"{y:04d}", "year"


def _week(monday: date) -> tuple[str, str]:
    """A week as the month holding most of its days (the month of its Thursday)."""
    thursday = monday + timedelta(days=3)
    return _month(thursday.year, thursday.month)


def _safe_date(y: int, m: int, d: int) -> Optional[date]:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _month_day(m: int, d: int, ref: date, future: bool) -> Optional[date]:
    """Most recent m/d on or before ``ref`` (on or after when ``future``)."""
    years = (ref.year, ref.year + 1, ref.year + 2) if future else (ref.year, ref.year - 1, ref.year - 2)
    for y in years:  # Feb 29 may need more than one step
        cand = _safe_date(y, m, d)
        if cand is None:
            continue
        if (cand >= ref) if future else (cand <= ref):
            return cand
    return None


def _weekday_month_day(wd: int, m: int, d: int, ref: date, future: bool) -> Optional[date]:
    """"Monday, March 3": the m/d within half a year of the reference that falls on weekday
    ``wd``; else (a weekday that fits neither, a slip of the writer's) :func:`_month_day`'s."""
    fits = [c for y in (ref.year - 1, ref.year, ref.year + 1)
            if (c := _safe_date(y, m, d)) is not None and c.weekday() == wd and abs((c - ref).days) <= 183]
    return fits[0] if len(fits) == 1 else _month_day(m, d, ref, future)


def _month_only(m: int, ref: date, future: bool) -> tuple[int, int]:
    if future:
        return (ref.year, m) if m >= ref.month else (ref.year + 1, m)
    return (ref.year, m) if m <= ref.month else (ref.year - 1, m)


def _number(tok: str) -> int:
    return int(tok) if tok.isdigit() else _NUMBER_WORDS[tok]


def count_value(word: str) -> Optional[int]:
    """The count a numeral names ("two", "3"), or None: the dates table's number words."""
    word = word.lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word)


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


_INTERVAL = _REGEX["interval"]


def _normalize(expression: str) -> str:
    s = expression.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = " ".join(s.split()).strip(_EDGE_PUNCT)
    if _INTERVAL.match(s):
        return ""                        # "the last week", "over the past month": intervals
    s = _LEAD.sub("", s)
    return s.strip(_EDGE_PUNCT)


# ---------------------------------------------------------------------- the resolver


def _fast(s: str, ref: Optional[date], future: bool) -> Optional[tuple[str, str]] | bool:
    """Hand-written parse. Returns (iso, precision), None (known: unresolvable), or False
    (not recognised: let dateparser try)."""
    if not s:
        return None
    if ref is not None and s in _SIMPLE:
        return _day(ref + timedelta(days=_SIMPLE[s]))

    m = _RX["iso"].match(s)
    if m:
        d = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        return _day(d) if d else None
    m = _RX["iso_month"].match(s)
    if m:
        mo = int(m[2])
        return _month(int(m[1]), mo) if 1 <= mo <= 12 else None
    m = _RX["slash"].match(s)
    if m:
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        if a == b:
            d = _safe_date(y, a, b)
        elif a > 12:
            d = _safe_date(y, b, a)          # day/month
        elif b > 12:
            d = _safe_date(y, a, b)          # month/day
        else:
            return None                      # 04/05/2025: US or European? don't guess
        return _day(d) if d else None

    for key, order in (("mdy", "md"), ("dmy", "dm"), ("wd_mdy", "wmd"), ("wd_dmy", "wdm")):
        m = _RX[key].match(s)
        if not m:
            continue
        g = m.groups()
        if order == "md":
            mo, dd, yy = _MONTHS[g[0]], int(g[1]), g[2]
        elif order == "dm":
            dd, mo, yy = int(g[0]), _MONTHS[g[1]], g[2]
        elif order == "wmd":
            mo, dd, yy = _MONTHS[g[1]], int(g[2]), g[3]
        else:
            dd, mo, yy = int(g[1]), _MONTHS[g[2]], g[3]
        if yy:
            d = _safe_date(int(yy), mo, dd)
        elif ref is not None and order in ("wmd", "wdm"):
            d = _weekday_month_day(_WEEKDAYS[g[0]], mo, dd, ref, future) if 1 <= dd <= 31 else None
        elif ref is not None:
            d = _month_day(mo, dd, ref, future) if 1 <= dd <= 31 else None
        else:
            d = None
        return _day(d) if d else None

    m = _RX["month"].match(s)
    if m:
        mo = _MONTHS[m[2]]
        if m[3]:
            return _month(int(m[3]), mo)
        if m[4]:
            if ref is None:
                return None
            return _month(ref.year + _W.relative_offsets[m[4]], mo)
        if ref is None:
            return None
        return _month(*_month_only(mo, ref, future))
    m = _RX["rel_month"].match(s)
    if m:
        if ref is None:
            return None
        mo = _MONTHS[m[2]]
        rel = m[1]
        if rel in _W.backward_words:
            y = ref.year if mo < ref.month else ref.year - 1
        elif rel == "next":
            y = ref.year if mo > ref.month else ref.year + 1
        else:
            y = ref.year
        return _month(y, mo)
    m = _RX["year"].match(s)
    if m:
        return _year(int(m[1]))

    if ref is None:
        return False if _REGEX["bare_year"].search(s) else None

    m = _RX["weekday"].match(s)
    if m:
        rel, wd = m[1], _WEEKDAYS[m[2]]
        back = (ref.weekday() - wd) % 7       # days back to the most recent on/before
        if rel == "last":
            return _day(ref - timedelta(days=back or 7))
        if rel in _W.forward_weekday_words:
            return _day(ref + timedelta(days=(wd - ref.weekday()) % 7 or 7))
        if future:
            return _day(ref + timedelta(days=(wd - ref.weekday()) % 7))
        return _day(ref - timedelta(days=back))
    m = _RX["weekday_of_week"].match(s)
    if m:
        wd, rel = _WEEKDAYS[m[1]], m[2]
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=_W.relative_offsets[rel])
        return _day(monday + timedelta(days=wd))

    m = _RX["ago"].match(s)
    if m:
        n, unit = _number(m[1]), m[2]
        if unit == "day":
            return _day(ref - timedelta(days=n))
        if unit == "week":
            d = ref - timedelta(weeks=n)
            return _week(d - timedelta(days=d.weekday()))
        if unit == "month":
            return _month(*_add_months(ref.year, ref.month, -n))
        return _year(ref.year - n)

    m = _RX["rel_unit"].match(s) or _RX["rel_unit2"].match(s)
    if m:
        if len(m.groups()) == 1:
            rel, unit = "this", m[1]
        else:
            rel, unit = m[1], m[2]
        k = _W.relative_offsets[rel]
        if unit == "week":
            monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=k)
            return _week(monday)
        if unit == "weekend":
            # the Saturday-Sunday on or before the reference (this/last), or after it (next)
            sat = ref - timedelta(days=(ref.weekday() - 5) % 7)
            if k == 1:
                sat = sat + timedelta(days=7)
            elif k == -1 and ref.weekday() in (5, 6) and rel == "last":
                sat = sat - timedelta(days=7)
            sun = sat + timedelta(days=1)
            return _month(sat.year, sat.month) if sat.month == sun.month else None
        if unit == "month":
            return _month(*_add_months(ref.year, ref.month, k))
        return _year(ref.year + k)

    m = _RX["season"].match(s)
    if m:
        rel, season = m[1], m[2]
        end = _W.season_end_months[season]
        if rel in _W.backward_words:
            return _year(ref.year if ref.month > end else ref.year - 1)
        if rel == "next":
            start = end - 2
            return _year(ref.year if ref.month < start else ref.year + 1)
        return _year(ref.year)

    if s in _W.weekend_phrases:
        return _fast("this weekend", ref, future)
    return False


_PARSERS: dict[bool, object] = {}


def _dateparser(s: str, ref: date, future: bool) -> Optional[tuple[str, str]]:
    parser = _PARSERS.get(future)
    if parser is None:
        from dateparser.date import DateDataParser  # slow import: only when needed
        parser = DateDataParser(languages=["en"], settings={
            "PREFER_DATES_FROM": "future" if future else "past",
            "RETURN_TIME_AS_PERIOD": True,
            "STRICT_PARSING": False,
        })
        _PARSERS[future] = parser
    base = datetime(ref.year, ref.month, ref.day, 12)
    try:
        parser._settings.RELATIVE_BASE = base  # type: ignore[attr-defined]
        data = parser.get_date_data(s)  # type: ignore[attr-defined]
    except Exception:  # dateparser raises on odd input; treat as unresolvable
        return None
    if data is None or data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period or "day"
    if period in ("day", "time", "hour", "minute", "second"):
        return _day(d)
    if period == "week":
        return _week(d - timedelta(days=d.weekday()))
    if period == "month":
        return _month(d.year, d.month)
    if period == "year":
        return _year(d.year)
    return None


_YEAR_RANGE = _REGEX["year_range"]


@lru_cache(maxsize=65536)
def _resolve_norm(s: str, ref: Optional[date], future: bool) -> Optional[tuple[str, str]]:
    if not s or _VAGUE.match(s) or _LEAD_VAGUE.match(s) or _DURATION.match(s) or _DECADE.search(s):
        return None
    for m in _YEAR_RANGE.finditer(s):
        if int(m[2][-2:]) > int(m[1][-2:]) or len(m[2]) == 4:
            return None                  # a range of years: "2014-2022", "2024-25"
    got = _fast(s, ref, future)
    if got is not False:
        return got  # type: ignore[return-value]
    if not _REGEX["anchor"].search(s):
        return None                      # nothing dateparser could anchor on
    if ref is None:
        # absolute expressions only: parse with a neutral base and keep results that carry a year
        got = _dateparser(s, date(2000, 1, 1), future)
        return got
    return _dateparser(s, ref, future)


@lru_cache(maxsize=131072)
def resolve_date(expression: str, reference: Optional[date], *, prefer: str = "past") -> Optional[ResolvedDate]:
    """Resolve one date expression against the story date. See the module docstring."""
    if not expression or len(expression) > 80:
        return None
    if isinstance(reference, datetime):
        reference = reference.date()
    got = _resolve_norm(_normalize(expression), reference, prefer == "future")
    if got is None:
        return None
    return ResolvedDate(iso=got[0], precision=got[1], text=expression)


# ------------------------------------------------------------------ background
def background_words() -> BackgroundWords:
    return _W.background


def last_day(iso: str) -> Optional[date]:
    """The last day a partial ISO date covers: '2025-02' -> 2025-02-28, '2024' -> 2024-12-31."""
    parts = iso.split("-")
    try:
        y = int(parts[0])
        if len(parts) == 1:
            return date(y, 12, 31)
        m = int(parts[1])
        if len(parts) == 2:
            return date(y, m, calendar.monthrange(y, m)[1])
        return date(y, m, int(parts[2]))
    except (ValueError, IndexError):
        return None


def before_story_period(iso: str, story_date: date) -> bool:
    """Does the date ``iso`` end more than ``background.window_days`` before ``story_date``?
    Such an event is history or a recap, not news of the story."""
    end = last_day(iso)
    return end is not None and end < story_date - timedelta(days=_W.background.window_days)


# ------------------------------------------------------------- reference year guessing

_FULL_DATE = _REGEX["full_date"]


def infer_reference_year(text: str) -> Optional[int]:
    """The year of the full dates written in ``text``: the most frequent, ties -> latest."""
    if not text:
        return None
    counts: Counter[int] = Counter()
    for m in _FULL_DATE.finditer(text):
        y = m.group("y1") or m.group("y2") or m.group("y3")
        counts[int(y)] += 1
    if not counts:
        return None
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]


# ------------------------------------------------------------------ sentence dating

_SKIP_HEAD_PREPS = _W.interval_prepositions
_FUTURE_AUX = _W.future_aux


def _is_duration_entity(ent: "Span") -> bool:
    text = ent.text.lower()
    if _DURATION.match(_normalize(text)) or _DECADE.search(text):
        return True
    if _REGEX["hyphenated_duration"].search(text) and "-" in text:
        return True                               # "10-year", "24-hour"
    doc = ent.doc
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if nxt is not None and nxt.lower_ in _W.duration_followers and _REGEX["time_unit"].search(text):
        return True                               # "70 years old", "two days later" (not "Saturday after")
    if (ent.root.dep_ in ("compound", "amod", "nummod") and ent.root.head.i >= ent.end
            and _REGEX["time_unit"].search(text)):
        return True                               # "a 10-year treaty", "the three-day talks"
    return False


def _governing_prep(ent: "Span") -> Optional[str]:
    head = ent.root.head
    if ent.root.dep_ == "pobj":
        return head.lower_
    return None


def _tree_distance(a: "Token", b: "Token") -> int:
    """Edges between two tokens of a sentence; 100 when they are not connected within reach
    (``SCAN_RADIUS``: a parse deeper than that is no real sentence)."""
    pa = {a.i: 0}
    for k, t in enumerate(near_ancestors(a), start=1):
        pa[t.i] = k
    if b.i in pa:
        return pa[b.i]
    for k, t in enumerate(near_ancestors(b), start=1):
        if t.i in pa:
            return pa[t.i] + k
    return 100


def _is_future(anchor: "Token") -> bool:
    """Does the event's clause look forward: "will meet on Tuesday", "talks will resume on
    Monday" (an event noun's verb), or "said the talks would resume on Monday" (the future of a
    reported past: "would" in a that-clause)?"""
    verbs = [anchor] + ([anchor.head] if anchor.dep_ in ("nsubj", "nsubjpass") else [])
    for v in verbs:
        aux = [c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")]
        if any(a in _FUTURE_AUX for a in aux):
            return True
        if any(a in _W.reported_future_aux for a in aux) and v.dep_ == "ccomp":
            return True
    return is_present_arrangement(anchor)


def is_present_arrangement(verb: "Token") -> bool:
    """Is ``verb`` in the present progressive ("is heading to Washington") -- with a day named,
    an arrangement for the coming one?"""
    if verb.pos_ not in ("VERB", "AUX") or verb.tag_ != "VBG":
        return False
    aux = [c for c in verb.children if c.dep_ == "aux"]
    return bool(aux) and all(a.lower_ in _W.present_progressive_aux for a in aux)


def date_candidates(sentence: "Span", anchor: "Token | None" = None, *,
                    prefer: Optional[str] = None) -> tuple[str, list["Span"]]:
    """The DATE entities of ``sentence`` that can date the event at ``anchor``, best first, and
    which way relative expressions lean (``"past"``, or ``"future"`` under "will"/"shall").

    Durations and ages ("three years", "a 10-year treaty", "70 years old") and dates governed
    by "for/since/until/before/after/by/..." (they bound an interval or date another event) are
    left out.  The best candidate is the one closest to ``anchor`` in the dependency tree
    (directly attached first), ties broken by word distance.
    """
    ents = entities_near(sentence, anchor if anchor is not None else sentence.root, SCAN_RADIUS, "DATE")
    if not ents:
        return prefer or "past", []
    if anchor is None:
        anchor = sentence.root
    if prefer is None:
        prefer = "future" if _is_future(anchor) else "past"
    scored = []
    for e in ents:
        if _is_duration_entity(e):
            continue
        prep = _governing_prep(e)
        if prep in _SKIP_HEAD_PREPS and not when_clause_of(e, anchor):
            continue
        dist = _tree_distance(e.root, anchor)
        word = min(abs(e.start - anchor.i), abs(e.end - 1 - anchor.i))
        scored.append((dist, word, e))
    scored.sort(key=lambda x: (x[0], x[1]))
    return prefer, [e for _, _, e in scored]


def when_clause_of(ent: "Span", anchor: "Token") -> bool:
    """Is ``anchor`` (or the verb it is conjoined to) a "when" clause of the date ``ent``: "since
    February, when Rubio and Lavrov met in Riyadh" -- the date is the clause's own time?"""
    clause = anchor
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    return clause.dep_ == "relcl" and ent.start <= clause.head.i < ent.end and \
        any(c.dep_ == "advmod" and c.lower_ == "when" for c in clause.children)


def first_resolved(candidates: list["Span"], reference: Optional[date], prefer: str) -> Optional[ResolvedDate]:
    """The first of ``candidates`` that resolves against ``reference``."""
    for e in candidates:
        got = resolve_date(e.text, reference, prefer=prefer)
        if got is not None:
            return got
    return None


def sentence_date(sentence: "Span", reference: Optional[date],
                  anchor: "Token | None" = None, *, prefer: Optional[str] = None) -> Optional[ResolvedDate]:
    """The date of the event in ``sentence`` whose trigger is ``anchor`` (default: the root):
    the first of :func:`date_candidates` that resolves against ``reference``.  ``prefer=None``
    picks "future" when the anchor has a "will/shall" auxiliary, else "past".  Returns None
    when no candidate resolves.
    """
    prefer, candidates = date_candidates(sentence, anchor, prefer=prefer)
    return first_resolved(candidates, reference, prefer)
