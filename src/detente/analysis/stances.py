"""Hard-line (-1) <-> moderate (+1) stances of named actors toward the counterpart."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

import numpy as np
import pandas as pd

from ..ontology import is_country_name
from ..ontology.tables import read_table
from ._source import among, check_iso3, check_range, col, evidence, frame, opened, pair_expression
from ._text import NEGATION, words_before

# Weights of the three signals in a statement score (renormalised over those available).
W_EVENT, W_LEXICON, W_TONE = 0.5, 0.3, 0.2
DUAL_TRACK_SPREAD = 0.8          # max - min actor score within one country
DUAL_TRACK_MIN_STATEMENTS = 2    # statements each actor needs to count for dual_track
MAX_EVIDENCE = 10


@lru_cache(maxsize=1)
def _lexicon() -> list[tuple[re.Pattern, float]]:
    return [(re.compile(r"\b(?:" + r["term"] + r")\b", re.I), float(r["weight"]))
            for r in read_table("analysis", "stance_lexicon.csv")]


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    return SentimentIntensityAnalyzer()


def lexicon_score(sentence: Optional[str]) -> Optional[float]:
    if not sentence:
        return None
    total, n = 0.0, 0
    for rx, w in _lexicon():
        for m in rx.finditer(sentence):
            neg = NEGATION.search(words_before(sentence, m.start())) and w > 0  # "no dialogue" flips
            total += -w if neg else w
            n += 1
    return float(np.clip(total / n, -1, 1)) if n else None


def statement_score(row: dict) -> dict:
    """Components and combined score of one statement/event (see docs/analysis.md)."""
    sent = row.get("sentence")
    e = None
    if row.get("event_type") and row.get("goldstein") is not None and not pd.isna(row.get("goldstein")):
        e = float(np.clip(float(row["goldstein"]) / 10.0, -1, 1))
    lex = lexicon_score(sent)
    tone = _vader().polarity_scores(sent)["compound"] if sent else None
    parts = [(W_EVENT, e), (W_LEXICON, lex), (W_TONE, tone)]
    num = sum(w * v for w, v in parts if v is not None)
    den = sum(w for w, v in parts if v is not None)
    return {"event": e, "lexicon": lex, "tone": tone, "score": (num / den) if den else 0.0}


def is_person_name(name: Optional[str], country: Optional[str]) -> bool:
    if not name or not isinstance(name, str):
        return False
    n = name.strip()
    return len(n) > 2 and n.upper() != (country or "") and not is_country_name(n)


@dataclass
class StancesResult:
    a: str
    b: str
    actors: list[dict]
    dual_track: dict[str, bool]
    statements: pd.DataFrame

    def to_json(self) -> dict[str, Any]:
        return {"actors": [{k: x[k] for k in ("actor", "country", "score", "n_statements", "evidence")}
                           for x in self.actors],
                "dual_track": self.dual_track}

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([{k: x[k] for k in ("actor", "country", "score", "n_statements", "mean_goldstein",
                                                 "mean_tone")} for x in self.actors],
                            columns=["actor", "country", "score", "n_statements", "mean_goldstein", "mean_tone"])


def stances(src: Any, a: str, b: str, *, start=None, end=None) -> StancesResult:
    a, b = check_iso3(a), check_iso3(b)
    start, end = check_range(start, end)
    # what each side's people did to the other, and what they said with no target (statements)
    statements = col("event_type").isnull() & among("source_country", (a, b))
    with opened(src) as s:
        rel = s.counted_events(involving=(a, b), start=start, end=end, dated=True)
        df = frame(rel.filter(col("source_name").isnotnull() & (pair_expression(a, b) | statements)))
    df = df[[is_person_name(n, c) for n, c in zip(df["source_name"], df["source_country"])]]
    rows = []
    for r in df.to_dict("records"):
        sc = statement_score(r)
        rows.append({**r, **{f"s_{k}": v for k, v in sc.items()}})
    st = pd.DataFrame(rows)
    actors = []
    if not st.empty:
        for (name, country), g in st.groupby(["source_name", "source_country"], sort=False):
            gs = g.assign(_abs=g["s_score"].abs()).sort_values("_abs", ascending=False)
            actors.append({
                "actor": name, "country": country,
                "score": round(float(np.clip(g["s_score"].mean(), -1, 1)), 3),
                "n_statements": int(len(g)),
                "mean_goldstein": round(float(g["goldstein"].astype(float).mean()), 3) if g["goldstein"].notna().any() else None,
                "mean_tone": round(float(g["s_tone"].astype(float).mean()), 3) if g["s_tone"].notna().any() else None,
                "evidence": evidence(gs.drop(columns=[c for c in gs.columns if c.startswith("s_") or c == "_abs"]),
                                     MAX_EVIDENCE),
            })
    actors.sort(key=lambda x: (x["country"], -x["n_statements"], x["actor"]))
    dual = {}
    for c in (a, b):
        sc = [x["score"] for x in actors if x["country"] == c and x["n_statements"] >= DUAL_TRACK_MIN_STATEMENTS]
        dual[c] = bool(len(sc) >= 2 and max(sc) - min(sc) >= DUAL_TRACK_SPREAD)
    return StancesResult(a, b, actors, dual, st)
