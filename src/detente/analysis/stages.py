"""Normalization-stage ladder: conditions on what a pair's events achieved and on its agenda
statuses (rules in data/analysis/stages.yaml, method in docs/analysis.md)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date
from functools import lru_cache
from typing import Any, Literal, Optional, Union

import pandas as pd
from pydantic import BaseModel, ConfigDict, model_validator

from .. import datafiles
from ..datafiles import Words
from ._source import check_iso3, dyad_or_one_sided_events, evidence, in_story_period, opened, parse_date
from .agenda import ALL, AgendaTracker, one_per_sentence, track_days
from .progress import EventFilter, facts, row_issues, step_of

MAX_EVIDENCE = 10
IssueSet = Union[Literal["any"], tuple[str, ...], None]


class AgendaCondition(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    issues: Union[Literal["any"], tuple[str, ...]]
    status: int


class Condition(BaseModel):
    """One way a stage can hold (see the header of stages.yaml)."""
    model_config = ConfigDict(extra="forbid", frozen=True)
    events: Optional[EventFilter] = None
    agenda: Optional[AgendaCondition] = None
    stages: tuple[int, ...] = ()          # every one of these stages holds
    issues: IssueSet = None
    step: int = 0                         # the event's step on the agenda scale (agenda.yaml) at least this
    between: bool = False                 # an act of both sides, not one side's alone
    after: tuple[int, ...] = ()           # counts only once these (lower) stages held on an earlier day
    dates: int = 1
    sides: Literal["either", "both"] = "either"
    origin: Literal["any", "coded", "imported"] = "any"

    @model_validator(mode="after")
    def _one_kind(self) -> "Condition":
        if [self.events is not None, self.agenda is not None, bool(self.stages)].count(True) != 1:
            raise ValueError("a condition is one of `events`, `agenda` or `stages`")
        if self.events is None and (self.issues is not None or self.dates != 1 or self.origin != "any" or self.step
                                    or self.between or self.after):
            raise ValueError("`issues`, `dates`, `origin`, `step`, `between` and `after` go with `events` conditions")
        if self.stages and self.sides != "either":
            raise ValueError("`sides` goes with `events` and `agenda` conditions")
        if self.dates < 1:
            raise ValueError("`dates` is 1 or more")
        return self


class Stage(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    stage: int
    name: str
    any: tuple[Condition, ...]


class Reversal(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    reverses: int
    scope: Literal["above", "only"]
    events: EventFilter
    issues: IssueSet = None


class Ladder(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    excluded_notes: Words
    reversal_excluded_notes: Words
    stages: tuple[Stage, ...]
    reversals: tuple[Reversal, ...] = ()

    @model_validator(mode="after")
    def _numbered(self) -> "Ladder":
        numbers = [s.stage for s in self.stages]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError("stages are numbered 1, 2, 3 ... in order")
        for st in self.stages:
            for cond in st.any:
                if any(k not in numbers or k >= st.stage for k in cond.stages + cond.after):
                    raise ValueError(f"stage {st.stage}: `stages` and `after` name stages below it on the ladder")
        for r in self.reversals:
            if r.reverses not in numbers:
                raise ValueError(f"reversal {r.name!r} reverses stage {r.reverses}, which is not on the ladder")
        return self


@lru_cache(maxsize=1)
def ladder_rules() -> Ladder:
    return datafiles.load(Ladder, "analysis", "stages.yaml")


def ladder() -> list[dict]:
    """The stages as plain records (stage, name)."""
    return [{"stage": s.stage, "name": s.name} for s in ladder_rules().stages]


def stage_names() -> dict[int, str]:
    """Stage number -> name, 0 included ("none reached"): what the CLI, report and dashboard show."""
    return {0: NONE_REACHED, **{s.stage: s.name for s in ladder_rules().stages}}


NONE_REACHED = "none reached"
NO_ISSUES_NOTE = ("no event of this pair carries issues (imported data sets have none; a store coded before "
                  "issues existed needs `detente ingest` again): only the conditions on event types and CAMEO "
                  "codes can hold, none on issues or agenda statuses")


def _issue_keys(row: dict, issues: IssueSet) -> list[str]:
    """The keys an event counts under for a condition: its issues among ``issues``, or one
    key for every event when the condition names none."""
    if issues is None:
        return ["*"]
    mine = row_issues(row)
    return mine if issues == "any" else [i for i in mine if i in issues]


def qualifies(row: dict, flt: EventFilter, origin: str = "any", *, reversal: bool = False) -> bool:
    """Can this event satisfy an `events` condition (or, ``reversal``, fire a reversal): it
    matches the filter and is neither background nor carries an excluded modality note."""
    ev = facts(row)
    rules = ladder_rules()
    if ev.background or ev.notes & (rules.reversal_excluded_notes if reversal else rules.excluded_notes):
        return False
    if origin == "imported" and not ev.imported or origin == "coded" and ev.imported:
        return False
    return flt.matches(ev)


@dataclass
class _Hits:
    """Qualifying events of one `events` condition since its stage was last reversed:
    scope (all, a, b) -> key (issue, or "*") -> day -> rows."""
    by_scope: dict[str, dict[str, dict[Date, list]]] = field(default_factory=dict)

    def add(self, scope: str, key: str, day: Date, row: dict) -> None:
        self.by_scope.setdefault(scope, {}).setdefault(key, {}).setdefault(day, []).append(row)

    def met(self, scope: str, dates: int) -> Optional[list[dict]]:
        """The rows that meet the condition in ``scope`` (first key with enough days), else None."""
        for days in self.by_scope.get(scope, {}).values():
            if len(days) >= dates:
                return [r for d in sorted(days) for r in days[d]]
        return None


class LadderState:
    """The ladder of one pair as its events arrive day by day."""

    def __init__(self, a: str, b: str) -> None:
        self.a, self.b = a, b
        self.rules = ladder_rules()
        self.agenda = AgendaTracker(a, b)
        self.hits: dict[tuple[int, int], _Hits] = {}          # (stage, condition index)
        self.reset: dict[int, Date] = {}                      # stage -> day of its last reversal
        self.since: dict[int, Date] = {}                      # stages holding now -> since when
        self.partial: dict[int, dict] = {}
        self._held: dict[int, list[dict]] = {}

    # -- feeding -------------------------------------------------------------------------
    def add_day(self, day: Date, rows: list[dict]) -> list[tuple[int, str, dict]]:
        """Apply one day's events (forward evidence first, then reversals); returns the
        reversals that fired: the stage each reverses, its name and its event."""
        self.agenda.add_day(day, rows)
        joint = self._joint(rows)
        for st in self.rules.stages:
            for k, cond in enumerate(st.any):
                if cond.events is None:
                    continue
                for r in rows:
                    if not qualifies(r, cond.events, cond.origin) or (cond.step and (step_of(r).level or 0) < cond.step):
                        continue
                    if cond.between and r.get("event_id") not in joint:
                        continue
                    if any(k not in self.since for k in cond.after):     # held since an earlier day
                        continue
                    for key in _issue_keys(r, cond.issues):
                        hits = self.hits.setdefault((st.stage, k), _Hits())
                        for scope in self._scopes(r):
                            hits.add(scope, key, day, r)
        fired = []
        for rv in self.rules.reversals:
            for r in rows:
                if qualifies(r, rv.events, reversal=True) and _issue_keys(r, rv.issues):
                    self._reverse(rv, day)
                    fired.append((rv.reverses, rv.name, r))
                    break
        return fired

    def _joint(self, rows: list[dict]) -> set:
        """Ids of the day's events that are acts of both sides: aimed at the other side, or
        one side's part of a sentence whose same act the other side does too ("Coulter and
        Darchiyev agreed to meet", coded with no counterpart)."""
        sides: dict[tuple, set] = {}
        for r in rows:
            sides.setdefault((r.get("story_id"), r.get("sentence_id"), r.get("event_type")), set()).add(
                r.get("source_country"))
        pair = {self.a, self.b}
        return {r.get("event_id") for r in rows
                if {r.get("source_country"), r.get("target_country")} == pair
                or sides[(r.get("story_id"), r.get("sentence_id"), r.get("event_type"))] >= pair}

    def _scopes(self, row: dict) -> list[str]:
        src = row.get("source_country")
        return [ALL] + ([src] if src in (self.a, self.b) else [])

    def _reverse(self, rv: Reversal, day: Date) -> None:
        for st in self.rules.stages:
            if st.stage == rv.reverses or (rv.scope == "above" and st.stage > rv.reverses):
                self.reset[st.stage] = day
                for k in range(len(st.any)):
                    self.hits.pop((st.stage, k), None)

    # -- reading -------------------------------------------------------------------------
    def _agenda_met(self, stage: int, cond: AgendaCondition, scope: str) -> Optional[list[dict]]:
        issues = list(self.agenda.tracks) if cond.issues == "any" else cond.issues
        reset = self.reset.get(stage)
        for issue in issues:
            t = self.agenda.track(issue, scope)
            if t and t.status is not None and t.status >= cond.status and (reset is None or t.confirmed > reset):
                return t.rows
        return None

    def _met(self, stage: int, k: int, cond: Condition, scope: str) -> Optional[list[dict]]:
        if cond.stages:
            got = [self._held.get(n) for n in cond.stages]
            return [r for rows in got for r in rows] if all(got) else None
        if cond.agenda is not None:
            return self._agenda_met(stage, cond.agenda, scope)
        hits = self.hits.get((stage, k))
        return hits.met(scope, cond.dates) if hits else None

    def evaluate(self, st: Stage) -> tuple[Optional[list[dict]], Optional[dict]]:
        """(evidence when the stage holds, else None; the partial claim when a both-sides
        condition holds for one side only)."""
        partial = None
        for k, cond in enumerate(st.any):
            if cond.sides == "both":
                got = {side: self._met(st.stage, k, cond, side) for side in (self.a, self.b)}
                if all(got.values()):
                    return got[self.a] + got[self.b], None
                one = [side for side, rows in got.items() if rows]
                if one and partial is None:
                    partial = {"side": one[0], "rows": got[one[0]]}
            else:
                rows = self._met(st.stage, k, cond, ALL)
                if rows:
                    return rows, None
        return None, partial

    def snapshot(self, day: Date) -> tuple[int, dict[int, list[dict]]]:
        """Update which stages hold (and since when) after ``day``; returns the current stage
        and the evidence of every stage that holds."""
        held: dict[int, list[dict]] = {}
        self._held = held                      # lower stages first: `stages` conditions read them
        for st in self.rules.stages:
            rows, partial = self.evaluate(st)
            if rows:
                held[st.stage] = rows
                self.since.setdefault(st.stage, day)
                self.partial.pop(st.stage, None)
            else:
                self.since.pop(st.stage, None)
                if partial:
                    self.partial.setdefault(st.stage, {**partial, "since": day})
                    self.partial[st.stage]["rows"] = partial["rows"]
                else:
                    self.partial.pop(st.stage, None)
        return (max(held) if held else 0), held


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
    partial: list[dict] = field(default_factory=list)
    note: Optional[str] = None

    def to_json(self) -> dict[str, Any]:
        return {"stage": self.stage, "name": self.name, "since": self.since,
                "claimed_by": self.claimed_by, "evidence": self.evidence, "partial": self.partial,
                "note": self.note}

    def to_frame(self) -> pd.DataFrame:
        return self.ladder


HISTORY_COLUMNS = ["date", "stage", "name", "change", "reason", "event_id", "sentence"]


def normalization_stage(src: Any, a: str, b: str, *, as_of=None, start=None) -> StageResult:
    """The ladder of pair ``a``-``b`` as it stood on ``as_of`` (default: the end of the period
    the stories cover), from events since ``start`` (default: its beginning)."""
    a, b = check_iso3(a), check_iso3(b)
    as_of = parse_date(as_of, "as-of date")
    start = parse_date(start, "start date")
    with opened(src) as s:
        start, end = in_story_period(s, a, b, start, as_of)
        ev = dyad_or_one_sided_events(s, a, b, start=start, end=end)
    names = stage_names()
    state = LadderState(a, b)
    hist: list[dict] = []
    current, held = 0, {}
    rows = ev.to_dict("records")
    for day, day_rows in track_days(rows):
        fired = state.add_day(day, day_rows)
        new, held = state.snapshot(day)
        if new == current:
            continue
        if new > current:
            trig = held[new][0]
            reason = "evidence"
        else:   # the reversal that reached lowest below the old stage, else a fallen agenda status
            hit = sorted(f for f in fired if f[0] <= current)
            reason, trig = (hit[0][1], hit[0][2]) if hit else ("agenda status fell",
                                                               _lowering_row(state, day, day_rows))
        hist.append({"date": pd.Timestamp(day), "stage": new, "name": names[new],
                     "change": "up" if new > current else "down", "reason": reason,
                     "event_id": trig.get("event_id") if trig else None,
                     "sentence": trig.get("sentence") if trig else None})
        current = new
    history = pd.DataFrame(hist, columns=HISTORY_COLUMNS)
    partial = [{"stage": k, "name": names[k], "side": p["side"], "since": p["since"].isoformat(),
                "evidence": evidence(one_per_sentence(p["rows"], MAX_EVIDENCE))}
               for k, p in sorted(state.partial.items()) if k > current]
    lad = pd.DataFrame([{"stage": k, "name": names[k], "reached": k in held,
                         "since": state.since[k].isoformat() if k in held else None,
                         "n_evidence": len(one_per_sentence(held[k], 10 ** 6)) if k in held else 0,
                         "partial": next((p["side"] for p in partial if p["stage"] == k), None)}
                        for k in sorted(names) if k > 0])
    note = NO_ISSUES_NOTE if rows and not any(row_issues(r) for r in rows) else None
    if not held:
        return StageResult(a, b, 0, names[0], None, [], [], history, lad, partial, note)
    top = max(held)
    top_rows = one_per_sentence(held[top], MAX_EVIDENCE)
    claimed = sorted({r["source_country"] for r in held[top] if r.get("source_country") in (a, b)})
    return StageResult(a, b, top, names[top], state.since[top].isoformat(), claimed,
                       evidence(top_rows), history, lad, partial, note)


def _lowering_row(state: LadderState, day: Date, rows: list[dict]) -> Optional[dict]:
    """The event of ``day`` that lowered an agenda status (the stage fell with it)."""
    for change in state.agenda.changes[::-1]:
        if change["date"] == day and change["change"] in ("refused", "halted", "reversed") and change["rows"]:
            return change["rows"][0]
    return rows[0] if rows else None
