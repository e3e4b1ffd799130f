"""Stances of the people and bodies of each side toward the other, from their attributed
statements: hostile (-1) to conciliatory (+1), with n and an interval (method in docs/analysis.md)."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

import numpy as np
import pandas as pd

from ..ontology import countries_named, is_country_name
from ..ontology.tables import read_table
from ._source import among, check_iso3, check_range, col, evidence, frame, in_story_period, opened
from ._text import NEGATION, words_before
from .progress import BACKGROUND

W_EVENT, W_LEXICON = 0.7, 0.3    # what the statement does to the other side, and how its words judge it
MIN_STATEMENTS = 3               # statements a speaker needs to be ranked
PRIOR_SD = 0.5                   # spread assumed before any statement: keeps a few alike statements from a tight interval
Z90 = 1.645
DUAL_TRACK_SPREAD = 0.8          # max - min score of ranked speakers of one country
MAX_EVIDENCE = 10


@lru_cache(maxsize=1)
def _lexicon() -> list[tuple[re.Pattern, float]]:
    return [(re.compile(r"\b(?:" + r["term"] + r")\b", re.I), float(r["weight"]))
            for r in read_table("analysis", "stance_lexicon.csv")]


@lru_cache(maxsize=1)
def _valences() -> dict[str, float]:
    return {r["cameo"]: float(r["valence"]) for r in read_table("analysis", "stance_events.csv")}


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    return SentimentIntensityAnalyzer()


def event_valence(cameo: Optional[str]) -> Optional[float]:
    """What an event of this CAMEO code does to its target, -1..+1 (stance_events.csv, longest
    prefix); None when it says nothing by itself (a bare statement: its words decide)."""
    code = str(cameo or "")
    table = _valences()
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            v = table[code[:n]]
            return None if v == 0 and code.startswith("01") else v
    return None


def lexicon_score(sentence: Optional[str]) -> Optional[float]:
    """Mean weight of the stance-lexicon terms in the sentence (a conciliatory term under
    negation counts against), None when it holds none."""
    if not sentence:
        return None
    total, n = 0.0, 0
    for rx, w in _lexicon():
        for m in rx.finditer(sentence):
            neg = NEGATION.search(words_before(sentence, m.start())) and w > 0
            total += -w if neg else w
            n += 1
    return float(np.clip(total / n, -1, 1)) if n else None


def statement_score(row: dict) -> dict:
    """The parts and the valence of one statement (None: it carries no stance)."""
    e = event_valence(row.get("cameo"))
    lex = lexicon_score(row.get("sentence"))
    if e is not None and lex is not None:
        score = W_EVENT * e + W_LEXICON * lex
    else:
        score = e if e is not None else lex
    return {"event": e, "lexicon": lex, "score": score}


def is_speaker_name(name: Optional[str], country: Optional[str]) -> bool:
    """A person or body that can speak: a name that is not the country itself."""
    if not name or not isinstance(name, str):
        return False
    n = name.strip()
    return len(n) > 2 and n.upper() != (country or "") and not is_country_name(n)


@lru_cache(maxsize=1)
def _capitals() -> frozenset[str]:
    """Capitals, which name their country's government ("Moscow said"), not a body of it."""
    return frozenset(c.strip() for r in read_table("actors", "countries.csv")
                     for c in (r.get("capitals") or "").split("|") if c.strip())


_PAREN = re.compile(r"\([^()]*\)")
_LEADING = {"the", "a", "an", "its", "their", "our", "his", "her"}
_TRIM = " -\u2013\u2014.:'\""
_PRONOUNS = {"we", "i", "they", "it", "he", "she", "you", "us", "our", "this", "that", "these", "those"}


def _names_country(words: str) -> bool:
    """"Russia", "the United States'", "Ukraine-Russia", "Moscow's": a country or its capital."""
    bare = words[:-2] if words.endswith("'s") else words.rstrip("'")
    return all(is_country_name(p) or p in _capitals() for p in bare.split("-"))


def body_named(text: Optional[str]) -> Optional[str]:
    """The body a source phrase names when the coder resolved it to its country alone: "the
    U.S. Department of the Treasury's Office of Foreign Assets Control (OFAC)" is the
    Department of the Treasury's Office of Foreign Assets Control; "we", "Moscow", "Russian
    drones", "Russia's actions" and lists of several actors name no body."""
    if not text or not isinstance(text, str) or "," in text or ";" in text:
        return None
    words = _PAREN.sub(" ", text.replace("\u2019", "'")).split()
    while words and words[0].lower() in _LEADING:
        words.pop(0)
    shown = " ".join(words).strip(_TRIM)                    # "U.S. Department of the Treasury's ..."
    while words:                                            # what is left once the country is not
        k = next((k for k in range(min(4, len(words)), 0, -1) if _names_country(" ".join(words[:k]))), 0)
        if not k:
            break
        del words[:k]
    rest = " ".join(words).strip(_TRIM)
    if not rest or rest.lower() in _PRONOUNS:
        return None
    # a name of its own: a capitalised word that is not a country's, nor capitalised only for
    # opening the sentence ("Senior U.S. and Russian officials", "Russian drones" name none)
    first = text.split()[0]
    proper = [w for w in rest.split() if w[:1].isupper() and not _names_country(w.strip(",;:\"()"))
              and (w != first or len(text.split()) == 1)]
    return shown if proper else None


def speaker_of(row: dict) -> Optional[str]:
    """Who spoke or acted: the coded name when it is a person or body, else the body the
    source phrase names ("the Treasury's Office of Foreign Assets Control", coded as the United
    States); None for the country itself ("we", "the United States", "Moscow")."""
    name, country = row.get("source_name"), row.get("source_country")
    if is_speaker_name(name, country):
        return name.strip()
    return body_named(row.get("source_text"))


def toward_other(row: dict, a: str, b: str) -> bool:
    """Is the statement about the other side: aimed at it, or (no other target) naming it."""
    src, tgt = row.get("source_country"), row.get("target_country")
    other = b if src == a else a
    if tgt == other:
        return True
    return (pd.isna(tgt) or tgt == src) and other in countries_named(row.get("sentence"))


def interval(values: list[float]) -> tuple[float, float]:
    """90 % interval of a speaker's mean valence: the spread of the statements, with PRIOR_SD
    counted as one more squared deviation, over the square root of n; clipped to -1..+1."""
    n = len(values)
    m = float(np.mean(values))
    sd = math.sqrt((sum((v - m) ** 2 for v in values) + PRIOR_SD ** 2) / n)
    half = Z90 * sd / math.sqrt(n)
    return round(max(-1.0, m - half), 3), round(min(1.0, m + half), 3)


@dataclass
class StancesResult:
    a: str
    b: str
    actors: list[dict]
    dual_track: dict[str, bool]
    statements: pd.DataFrame

    def to_json(self) -> dict[str, Any]:
        return {"actors": [{k: x[k] for k in ("actor", "country", "score", "interval", "n_statements", "rank",
                                              "evidence")} for x in self.actors],
                "dual_track": self.dual_track, "min_statements": MIN_STATEMENTS}

    def to_frame(self) -> pd.DataFrame:
        cols = ["rank", "actor", "country", "score", "low", "high", "n_statements", "mean_tone"]
        return pd.DataFrame([{**{k: x[k] for k in cols if k in x}, "low": x["interval"][0], "high": x["interval"][1]}
                             for x in self.actors], columns=cols)


def stances(src: Any, a: str, b: str, *, start=None, end=None) -> StancesResult:
    """Each named speaker of ``a`` or ``b`` scored from its statements about the other side
    over ``start``..``end`` (default: the period the stories cover)."""
    a, b = check_iso3(a), check_iso3(b)
    start, end = check_range(start, end)
    with opened(src) as s:
        start, end = in_story_period(s, a, b, start, end)
        rel = s.counted_events(involving=(a, b), start=start, end=end, dated=True)
        df = frame(rel.filter(among("source_country", (a, b))))
    rows = []
    for r in df.to_dict("records"):
        speaker = speaker_of(r)
        if r.get("date_precision") == BACKGROUND or speaker is None:
            continue
        r["source_name"] = speaker
        if not toward_other(r, a, b):
            continue
        sc = statement_score(r)
        if sc["score"] is None:
            continue
        rows.append({**r, **{f"s_{k}": v for k, v in sc.items()}})
    st = pd.DataFrame(rows)
    actors = []
    if not st.empty:
        for (name, country), g in st.groupby(["source_name", "source_country"], sort=False):
            values = [float(v) for v in g["s_score"]]
            strongest = g.assign(_abs=g["s_score"].abs()).sort_values("_abs", ascending=False)
            tones = [_vader().polarity_scores(x)["compound"] for x in g["sentence"] if isinstance(x, str)]
            actors.append({
                "actor": name, "country": country, "score": round(float(np.mean(values)), 3),
                "interval": list(interval(values)), "n_statements": len(values), "rank": None,
                "mean_tone": round(float(np.mean(tones)), 3) if tones else None,
                "evidence": evidence(strongest.drop(columns=[c for c in strongest.columns
                                                             if c.startswith("s_") or c == "_abs"]), MAX_EVIDENCE),
            })
    ranked = sorted((x for x in actors if x["n_statements"] >= MIN_STATEMENTS), key=lambda x: (-x["score"], x["actor"]))
    for i, x in enumerate(ranked, 1):
        x["rank"] = i
    unranked = sorted((x for x in actors if x["rank"] is None), key=lambda x: (x["country"], -x["n_statements"], x["actor"]))
    dual = {}
    for c in (a, b):
        sc = [x["score"] for x in ranked if x["country"] == c]
        dual[c] = bool(len(sc) >= 2 and max(sc) - min(sc) >= DUAL_TRACK_SPREAD)
    return StancesResult(a, b, ranked + unranked, dual, st)
