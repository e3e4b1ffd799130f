"""Third parties: each side's relations with other countries alongside the dyad, and third
countries named in dyad sentences (possible leverage, e.g. China in US–Russia talks)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..ontology import countries_named
from ._source import check_iso3, check_range, events_involving, evidence, in_story_period, opened
from .series import period_start, periods_between

MIN_PARTNER_EVENTS = 3       # partners with fewer events are listed without a correlation
MIN_CORR_PERIODS = 4         # periods needed (with any activity) to report a correlation
MAX_EVIDENCE = 5


@dataclass
class ThirdPartyResult:
    a: str
    b: str
    partners: pd.DataFrame
    leverage: list[dict]
    freq: str

    def to_json(self) -> dict[str, Any]:
        p = self.partners.replace({np.nan: None}).to_dict("records")
        return {"freq": self.freq, "partners": p, "leverage": self.leverage}

    def to_frame(self) -> pd.DataFrame:
        return self.partners


def third_parties(src: Any, a: str, b: str, *, freq: str = "month", start=None, end=None) -> ThirdPartyResult:
    """Partners of each side and third countries named in the pair's sentences over
    ``start``..``end`` (default: the period the stories cover)."""
    a, b = check_iso3(a), check_iso3(b)
    start, end = check_range(start, end)
    with opened(src) as s:
        start, end = in_story_period(s, a, b, start, end)
        ev = events_involving(s, [a, b], start=start, end=end)
    cols = ["side", "country", "n_events", "goldstein_sum", "goldstein_mean", "coop_share", "corr_goldstein",
            "n_periods"]
    if ev.empty:
        return ThirdPartyResult(a, b, pd.DataFrame(columns=cols), [], freq)
    ev = ev.assign(period=period_start(ev["event_date"], freq))
    idx = periods_between(ev["event_date"].min(), ev["event_date"].max(), freq)
    dy_mask = ((ev["source_country"] == a) & (ev["target_country"] == b)) | (
        (ev["source_country"] == b) & (ev["target_country"] == a))
    dy = ev[dy_mask]
    dy_series = dy.groupby("period")["goldstein"].sum().reindex(idx).fillna(0)
    rows = []
    for side in (a, b):
        other = ev[~dy_mask & ((ev["source_country"] == side) | (ev["target_country"] == side))]
        partner = np.where(other["source_country"] == side, other["target_country"], other["source_country"])
        other = other.assign(partner=partner)
        other = other[other["partner"].notna() & ~other["partner"].isin([a, b])]
        for c, g in other.groupby("partner"):
            ser = g.groupby("period")["goldstein"].sum().reindex(idx).fillna(0)
            active = int(((ser != 0) | (dy_series != 0)).sum())
            corr = None
            if len(g) >= MIN_PARTNER_EVENTS and active >= MIN_CORR_PERIODS and ser.std() > 0 and dy_series.std() > 0:
                corr = round(float(np.corrcoef(ser.values, dy_series.values)[0, 1]), 3)
            rows.append({"side": side, "country": c, "n_events": int(len(g)),
                         "goldstein_sum": round(float(g["goldstein"].sum()), 2),
                         "goldstein_mean": round(float(g["goldstein"].mean()), 2),
                         "coop_share": round(float(g["quad_class"].isin([1, 2]).mean()), 3),
                         "corr_goldstein": corr, "n_periods": int(len(idx))})
    partners = pd.DataFrame(rows, columns=cols).sort_values(["side", "n_events"], ascending=[True, False],
                                                            ignore_index=True)
    lev: dict[str, dict] = {}
    seen = set()
    for r in dy.to_dict("records"):
        key = (r["story_id"], r.get("sentence_id"))
        for c in countries_named(r.get("sentence")) - {a, b}:
            e = lev.setdefault(c, {"country": c, "n_sentences": 0, "rows": []})
            if (c, key) in seen:
                continue
            seen.add((c, key))
            e["n_sentences"] += 1
            if len(e["rows"]) < MAX_EVIDENCE:
                e["rows"].append(r)
    leverage = [{"country": e["country"], "n_sentences": e["n_sentences"], "evidence": evidence(e["rows"])}
                for e in sorted(lev.values(), key=lambda x: -x["n_sentences"])]
    return ThirdPartyResult(a, b, partners, leverage, freq)
