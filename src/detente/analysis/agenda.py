"""Agenda register: the issues a dyad's events are about, each with its status over time on
the Peace Accords Matrix scale (0 mentioned or demanded, 1 under negotiation, 2 agreed in
principle, 3 implemented) and the evidence of every change (rules: data/analysis/agenda.yaml,
method: docs/analysis.md)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date
from functools import lru_cache
from importlib import resources
from typing import Any, Optional

import pandas as pd

from .. import datafiles
from ..errors import DetenteError
from ._source import check_iso3, check_range, dyad_or_one_sided_events, evidence, in_story_period, opened, parse_date
from .progress import Step, agenda_rules, row_issues, step_of

MAX_EVIDENCE = 5          # events kept per status change (one per sentence)
ALL = "all"               # the scope of both sides together
LOWERED = {"refusal": "refused", "halt": "halted", "reversal": "reversed"}


def status_names() -> dict[int, str]:
    return dict(agenda_rules().statuses)


@lru_cache(maxsize=1)
def taxonomy() -> dict[str, dict]:
    """Issue id -> {"label", "category"} from the taxonomy (data/analysis/issues.yaml), {}
    without one."""
    res = resources.files("detente").joinpath("data", "analysis", "issues.yaml")
    if not res.is_file():
        return {}
    try:
        data = datafiles.read_yaml(res.read_text(encoding="utf-8"), "data/analysis/issues.yaml")
    except DetenteError:
        return {}
    entries = data.get("issues", data) if isinstance(data, dict) else data
    if isinstance(entries, dict):
        entries = [{"id": k, **(v if isinstance(v, dict) else {})} for k, v in entries.items()]
    return {str(e["id"]): {"label": str(e.get("label") or e["id"]), "category": e.get("category")}
            for e in entries or [] if isinstance(e, dict) and e.get("id")}


def label_of(issue: str) -> str:
    return (taxonomy().get(issue) or {}).get("label") or issue.replace("_", " ")


def on_agenda(issue: str, categories: Optional[tuple[str, ...]]) -> bool:
    """Is the issue one the register tracks: every issue when ``categories`` is None, else
    those of these taxonomy categories (and ids the taxonomy does not know, which a table
    built elsewhere may carry)."""
    known = taxonomy().get(issue)
    return categories is None or known is None or known.get("category") in categories


def one_per_sentence(rows: list[dict], limit: int = MAX_EVIDENCE) -> list[dict]:
    """The first event of each sentence among ``rows``, at most ``limit``."""
    seen, out = set(), []
    for r in rows:
        key = (r.get("story_id"), r.get("sentence_id"), r.get("sentence"))
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out[:limit]


@dataclass
class Track:
    """One issue in one scope (both sides, or one side): its status and what put it there."""
    status: Optional[int] = None          # None: not named yet
    since: Optional[Date] = None          # day of the last change
    confirmed: Optional[Date] = None      # last day an event supported the current status
    rows: list = field(default_factory=list)

    def apply(self, day: Date, level: Optional[int], up_rows: list[dict], lowers: Optional[str],
              down_rows: list[dict]) -> Optional[dict]:
        """One day's events: the highest level first, then a refusal or a halt (one level
        down) or a reversal (back to 0). Returns the change, or None when the status stayed."""
        old = self.status
        new, kind, rows = old, None, []
        if level is not None and (old is None or level > old):
            new, kind, rows = level, ("new" if old is None else "up"), up_rows
        elif level is not None and level == old:
            self.rows = one_per_sentence(self.rows + up_rows)
            self.confirmed = day
        if lowers:
            base = 0 if new is None else new
            low = 0 if lowers == "reversal" else max(0, base - 1)
            if new is None or low < base:      # first named by a refusal: registered at 0, as refused
                new, kind, rows = low, LOWERED[lowers], down_rows
        if new == old:
            return None
        self.status, self.since, self.confirmed, self.rows = new, day, day, one_per_sentence(rows)
        return {"date": day, "status": new, "previous": old, "change": kind, "rows": self.rows}


class AgendaTracker:
    """Statuses of a dyad's issues as its events arrive day by day, for both sides together
    and for each side as the source of the events; the stage ladder reads it too."""

    def __init__(self, a: str, b: str) -> None:
        self.a, self.b = a, b
        self.tracks: dict[str, dict[str, Track]] = {}
        self.changes: list[dict] = []      # changes of the both-sides status, in order

    def add_day(self, day: Date, rows: list[dict]) -> list[dict]:
        """Apply one day's events; returns the both-sides changes of that day."""
        by_issue: dict[str, list[tuple[dict, Step]]] = {}
        for r in rows:
            issues = row_issues(r)
            if not issues:
                continue
            step = step_of(r)
            for issue in issues:
                # (the sentence that is about the issue, when the event was told more than once)
                by_issue.setdefault(issue, []).append((r.get("issue_rows", {}).get(issue, r), step))
        out = []
        for issue, items in by_issue.items():
            scopes = self.tracks.setdefault(issue, {})
            reversed_ = [(r, s) for r, s in items if s.lowers == "reversal"]
            for scope in (ALL, self.a, self.b):
                # a reversal (relations cut, embassy closed, sanctions imposed) undoes the item for
                # both sides; anything else counts for the side that did it
                mine = [(r, s) for r, s in items if scope == ALL or r.get("source_country") == scope]
                if scope != ALL and reversed_ and scope in scopes:
                    mine += [x for x in reversed_ if x not in mine]
                if not mine:
                    continue
                change = scopes.setdefault(scope, Track()).apply(day, *_day_steps(mine))
                if change and scope == ALL:
                    change["item"] = issue
                    self.changes.append(change)
                    out.append(change)
        return out

    def status(self, issue: str, scope: str = ALL) -> Optional[int]:
        t = self.tracks.get(issue, {}).get(scope)
        return t.status if t else None

    def track(self, issue: str, scope: str = ALL) -> Optional[Track]:
        return self.tracks.get(issue, {}).get(scope)


def _day_steps(items: list[tuple[dict, Step]]) -> tuple[Optional[int], list[dict], Optional[str], list[dict]]:
    """The day's highest level with its events, and its lowering (a reversal outranks a
    halt, a halt a refusal) with its events."""
    levels = [s.level for _, s in items if s.level is not None]
    level = max(levels) if levels else None
    up_rows = [r for r, s in items if s.level is not None and s.level == level]
    lowers = next((k for k in ("reversal", "halt", "refusal") if any(s.lowers == k for _, s in items)), None)
    down_rows = [r for r, s in items if s.lowers == lowers] if lowers else []
    return level, up_rows, lowers, down_rows


def track_days(rows: list[dict]) -> list[tuple[Date, list[dict]]]:
    """Events grouped by day, in date order (then event id, for a fixed order)."""
    by_day: dict[Date, list[dict]] = {}
    for r in rows:
        by_day.setdefault(pd.Timestamp(r["event_date"]).date(), []).append(r)
    return [(d, sorted(by_day[d], key=lambda r: str(r.get("event_id")))) for d in sorted(by_day)]


NO_ISSUES_NOTE = ("no event of this pair carries issues: imported data sets (GDELT, ICEWS, POLECAT) have none, "
                  "and a store coded before issues existed needs `detente ingest` again")


@dataclass
class AgendaResult:
    a: str
    b: str
    items: list[dict]
    note: Optional[str] = None

    def to_json(self) -> list[dict]:
        return [{k: i[k] for k in ("item", "label", "status", "status_name", "since", "by_side", "changes",
                                   "evidence")} for i in self.items]

    def to_frame(self) -> pd.DataFrame:
        cols = ["item", "label", "status", "status_name", "since", self.a, self.b, "n_changes"]
        return pd.DataFrame([{"item": i["item"], "label": i["label"], "status": i["status"],
                              "status_name": i["status_name"], "since": i["since"],
                              self.a: i["by_side"][self.a], self.b: i["by_side"][self.b],
                              "n_changes": len(i["changes"])} for i in self.items], columns=cols)

    @property
    def history(self) -> pd.DataFrame:
        """Every status change: date, item, status, previous, change, sentence."""
        rows = [{"date": c["date"], "item": i["item"], "status": c["status"], "previous": c["previous"],
                 "change": c["change"], "sentence": (c["evidence"][0].get("sentence") if c["evidence"] else None)}
                for i in self.items for c in i["changes"]]
        cols = ["date", "item", "status", "previous", "change", "sentence"]
        return pd.DataFrame(rows, columns=cols).sort_values(["date", "item"], ignore_index=True)


def agenda(src: Any, a: str, b: str, *, start=None, end=None, as_of=None, all_issues: bool = False) -> AgendaResult:
    """The register of pair ``a``-``b`` over ``start``..``end`` (default: the period the stories
    cover); ``as_of`` gives the register as it stood that day. It tracks the issues of the
    taxonomy categories agenda.yaml lists (the matters two states negotiate), or with
    ``all_issues`` every issue the events carry."""
    a, b = check_iso3(a), check_iso3(b)
    start, end = check_range(start, end)
    as_of = parse_date(as_of, "as-of date")
    if as_of is not None and (end is None or as_of < end):
        end = as_of
    with opened(src) as s:
        start, end = in_story_period(s, a, b, start, end)
        ev = dyad_or_one_sided_events(s, a, b, start=start, end=end)
        rows = ev.to_dict("records")
        issue_evidence(s, rows)
    tracker = AgendaTracker(a, b)
    for day, day_rows in track_days(rows):
        tracker.add_day(day, day_rows)
    note = NO_ISSUES_NOTE if rows and not any(row_issues(r) for r in rows) else None
    categories = None if all_issues else agenda_rules().categories
    return AgendaResult(a, b, register(tracker, categories), note)


PROVENANCE = ("event_id", "story_id", "sentence_id", "sentence", "span_start", "span_end", "rule", "confidence")


def issue_evidence(store: Any, rows: list[dict]) -> None:
    """A real-world event told in several sentences (one counted row) carries the issues of all
    of them but shows its first sentence: for each issue that sentence's own event does not
    carry, the first other mention that does becomes the evidence of that issue
    (``row["issue_rows"]``), so every status change shows a sentence about its issue."""
    about = {r["event_id"]: r for r in rows if row_issues(r)}
    mentions = store.mentions_of(about).df().to_dict("records") if about else []
    own = {m["event_id"]: set(row_issues(m)) for m in mentions if m["event_id"] == m["counted_id"]}
    for m in mentions:
        r = about[m["counted_id"]]
        shown = r.setdefault("issue_rows", {})
        for issue in row_issues(m):
            if issue not in own.get(r["event_id"], set()) and issue not in shown:
                shown[issue] = {**{k: v for k, v in r.items() if k != "issue_rows"},
                                **{k: m[k] for k in PROVENANCE if k in m}}


def register(tracker: AgendaTracker, categories: Optional[tuple[str, ...]] = None) -> list[dict]:
    """The tracker's items (of ``categories``, see :func:`on_agenda`) as register entries,
    highest status first."""
    names = status_names()
    a, b = tracker.a, tracker.b
    items = []
    for issue, scopes in tracker.tracks.items():
        if not on_agenda(issue, categories):
            continue
        t = scopes.get(ALL)
        if t is None or t.status is None:
            continue
        changes = [{"date": c["date"].isoformat(), "status": c["status"], "previous": c["previous"],
                    "change": c["change"], "evidence": evidence(c["rows"])}
                   for c in tracker.changes if c["item"] == issue]
        items.append({"item": issue, "label": label_of(issue), "status": t.status, "status_name": names[t.status],
                      "since": t.since.isoformat(), "first": changes[0]["date"] if changes else None,
                      "by_side": {side: (scopes[side].status if side in scopes else None) for side in (a, b)},
                      "changes": changes, "evidence": evidence(t.rows)})
    items.sort(key=lambda i: (-i["status"], i["first"] or "", i["item"]))
    return items
