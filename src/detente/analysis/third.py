"""Third parties: each side's relations with other countries alongside the dyad, and third
countries named in dyad sentences (possible leverage, e.g. China in US–Russia talks)."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._source import all_events_of, check_iso3, evidence, open_source
from .series import _periods, period_start

MIN_PARTNER_EVENTS = 3       # partners with fewer events are listed without a correlation
MIN_CORR_PERIODS = 4         # periods needed (with any activity) to report a correlation
MAX_EVIDENCE = 5


@lru_cache(maxsize=1)
def _alias_index() -> tuple[re.Pattern, dict[str, str]]:
    path = Path(__file__).resolve().parent.parent / "data" / "actors" / "countries.csv"
    alias: dict[str, str] = {}
    with open(path, encoding="utf-8") as fh:
        for r in csv.DictReader(ln for ln in fh if not ln.startswith("#")):
            for col in ("aliases", "demonyms", "name"):
                for v in (r.get(col) or "").split("|"):
                    v = v.strip()
                    if len(v) >= 4 or (len(v) >= 2 and v.isupper()):
                        alias.setdefault(v, r["iso3"])
    keys = sorted(alias, key=len, reverse=True)
    rx = re.compile(r"(?<![\w.])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w])")
    return rx, alias


def countries_named(sentence: str | None) -> set[str]:
    if not sentence:
        return set()
    rx, alias = _alias_index()
    return {alias[m.group(1)] for m in rx.finditer(sentence)}


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
    a, b = check_iso3(a), check_iso3(b)
    s = open_source(src)
    ev = all_events_of(s, [a, b])
    if start is not None:
        ev = ev[ev["event_date"] >= pd.Timestamp(start)]
    if end is not None:
        ev = ev[ev["event_date"] <= pd.Timestamp(end)]
    cols = ["side", "country", "n_events", "goldstein_sum", "goldstein_mean", "coop_share", "corr_goldstein",
            "n_periods"]
    if ev.empty:
        return ThirdPartyResult(a, b, pd.DataFrame(columns=cols), [], freq)
    ev = ev.assign(period=period_start(ev["event_date"], freq))
    idx = _periods(ev["event_date"].min(), ev["event_date"].max(), freq)
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
