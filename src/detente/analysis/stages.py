"""Normalization-stage ladder (rules in data/analysis/stages.yaml, method in docs/analysis.md)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

import pandas as pd

from ..store import EventStore
from ._source import among, check_iso3, col, evidence, frame, opened, pair_expression, parse_date
from ._text import any_pattern, cameo_in, load_yaml

MAX_EVIDENCE = 10


def ladder() -> list[dict]:
    return load_yaml("stages.yaml")["stages"]


def stage_names() -> dict[int, str]:
    return {int(s["stage"]): s["name"] for s in ladder()}


def _is_intent(code: Any) -> bool:
    """Codes that say something is wanted, offered, refused or threatened, not done:
    intent (03), appeals (02), demands (10), rejections (12) and threats (13)."""
    return bool(code) and str(code)[:2] in ("02", "03", "10", "12", "13")


def match_stages(row: dict) -> list[int]:
    """Stages this event is evidence for."""
    out = []
    sent, code = row.get("sentence"), row.get("cameo")
    for st in ladder():
        realized = bool(st.get("realized"))
        ok = False
        if cameo_in(code, st.get("cameo") or []) and not (realized and _is_intent(code)):
            ok = any_pattern(st.get("patterns") or [], sent, realized=realized)
        if not ok and st.get("cameo_only") and cameo_in(code, st["cameo_only"]):
            ok = True
        if ok:
            out.append(int(st["stage"]))
    return out


def match_reversals(row: dict) -> list[dict]:
    out = []
    sent, code = row.get("sentence"), row.get("cameo")
    if _is_intent(code):
        return out
    for rv in load_yaml("stages.yaml").get("reversals") or []:
        if any_pattern(rv["patterns"], sent, realized=bool(rv.get("realized")), current=True):
            out.append(rv)
    return out


def _candidate_events(s: EventStore, a: str, b: str, as_of) -> pd.DataFrame:
    """Events between a and b, and those of a or b with no counterpart named (a one-sided
    step: "Russia reopened its consulate")."""
    one_sided = ((among("source_country", (a, b)) & col("target_country").isnull())
                 | (among("target_country", (a, b)) & col("source_country").isnull()))
    rel = s.counted_events(involving=(a, b), end=as_of, dated=True)
    return frame(rel.filter(pair_expression(a, b) | one_sided))


@dataclass
class StageResult:
    a: str
    b: str
    stage: int
    name: str
    since: Optional[str]
    claimed_by: list[str]
    evidence: list[dict]
    history: pd.DataFrame = field(repr=False)
    ladder: pd.DataFrame = field(repr=False)

    def to_json(self) -> dict[str, Any]:
        return {"stage": self.stage, "name": self.name, "since": self.since,
                "claimed_by": self.claimed_by, "evidence": self.evidence}

    def to_frame(self) -> pd.DataFrame:
        return self.ladder


def normalization_stage(src: Any, a: str, b: str, *, as_of=None) -> StageResult:
    a, b = check_iso3(a), check_iso3(b)
    as_of = parse_date(as_of, "as-of date")
    with opened(src) as s:
        ev = _candidate_events(s, a, b, as_of)
    names = stage_names()
    reached: dict[int, dict] = {}           # stage -> {"date", "rows"}
    hist: list[dict] = []
    current = 0

    def cur() -> int:
        return max(reached) if reached else 0

    recs = ev.to_dict("records")
    by_date: dict = {}
    for r in recs:
        by_date.setdefault(r["event_date"], []).append(r)
    for d in sorted(by_date):
        rows = by_date[d]
        for r in rows:                      # forward evidence first, then reversals (same day)
            for st in match_stages(r):
                if st not in reached:
                    reached[st] = {"date": d, "rows": [r]}
                elif reached[st]["date"] == d or len(reached[st]["rows"]) < MAX_EVIDENCE:
                    reached[st]["rows"].append(r)
        new = cur()
        if new != current:
            trig = reached[new]["rows"][0] if new else None
            hist.append({"date": pd.Timestamp(d), "stage": new, "name": names.get(new, "no evidence"),
                         "change": "up" if new > current else "down", "reason": "evidence",
                         "event_id": trig["event_id"] if trig else None,
                         "sentence": trig.get("sentence") if trig else None})
            current = new
        for r in rows:
            for rv in match_reversals(r):
                k = int(rv["reverses"])
                drop = [st for st in reached if (st >= k if rv.get("scope", "above") == "above" else st == k)]
                for st in drop:
                    del reached[st]
                new = cur()
                if new != current:
                    hist.append({"date": pd.Timestamp(d), "stage": new, "name": names.get(new, "no evidence"),
                                 "change": "down", "reason": rv["name"], "event_id": r["event_id"],
                                 "sentence": r.get("sentence")})
                    current = new
    history = pd.DataFrame(hist, columns=["date", "stage", "name", "change", "reason", "event_id", "sentence"])
    lad = pd.DataFrame([{"stage": k, "name": v, "reached": k in reached,
                         "since": _iso(reached[k]["date"]) if k in reached else None,
                         "n_evidence": len(reached[k]["rows"]) if k in reached else 0}
                        for k, v in sorted(names.items())])
    if not reached:
        return StageResult(a, b, 0, "no evidence", None, [], [], history, lad)
    top = max(reached)
    rows = reached[top]["rows"]
    claimed = sorted({r["source_country"] for r in rows if r.get("source_country") in (a, b)})
    return StageResult(a, b, top, names[top], _iso(reached[top]["date"]), claimed,
                       evidence(rows, MAX_EVIDENCE), history, lad)


def _iso(d) -> str:
    return pd.Timestamp(d).date().isoformat()
