"""What one event did about the issues it is about: a step on the Peace Accords Matrix scale.

The agenda register and the stage ladder both start here. A step comes from what the event *is*
-- its PLOVER type, CAMEO code and the modality notes the coder wrote into its ``rule`` -- never
from the words of its sentence, so a topic that is discussed, refused or wished for cannot
count as achieved (rules in ``data/analysis/agenda.yaml``).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any, Literal, Optional

from pydantic import AfterValidator, BaseModel, ConfigDict, model_validator

from .. import datafiles
from ..datafiles import Words
from ..ontology import PLOVER_TYPES

BACKGROUND = "background"            # date_precision of events dated from a background clause
CODED_ORIGIN = "detente"             # origin of events detente coded (others are imported rows)


def _plover_types(types: tuple[str, ...]) -> tuple[str, ...]:
    for t in types:
        if t not in PLOVER_TYPES:
            raise ValueError(f"{t!r} is not a PLOVER event type ({', '.join(PLOVER_TYPES)})")
    return types


def _prefixes(prefixes: tuple[str, ...]) -> tuple[str, ...]:
    datafiles.cameo_prefixes(prefixes, "cameo")
    return prefixes


PloverTypes = Annotated[tuple[str, ...], AfterValidator(_plover_types)]
CameoPrefixes = Annotated[tuple[str, ...], AfterValidator(_prefixes)]


class EventFilter(BaseModel):
    """Which events a rule or condition is about: every given field must hold."""
    model_config = ConfigDict(extra="forbid", frozen=True)
    types: PloverTypes = ()
    cameo: CameoPrefixes = ()
    notes: tuple[str, ...] = ()                       # modality note kinds, any of them
    trigger: Optional[Literal["verb", "noun"]] = None
    agreed: Optional[bool] = None
    pattern_words: tuple[str, ...] = ()              # words of the coder's lexicon pattern, any of them

    def matches(self, ev: "EventFacts") -> bool:
        if self.types and ev.event_type not in self.types:
            return False
        if self.cameo and not any(ev.cameo.startswith(p) for p in self.cameo):
            return False
        if self.notes and not (set(self.notes) & ev.notes):
            return False
        if self.trigger and ev.trigger != self.trigger:
            return False
        if self.agreed is not None and not ev.imported and ev.agreed != self.agreed:
            # (imported rows carry no pattern to tell an agreement from an intent: they pass)
            return False
        # rows without a pattern (imported data sets) cannot be told apart by it: they pass
        if self.pattern_words and ev.pattern_words and not set(self.pattern_words) & ev.pattern_words:
            return False
        return True


class StepRule(EventFilter):
    level: Optional[int] = None
    lowers: Optional[Literal["refusal", "halt", "reversal"]] = None

    @model_validator(mode="after")
    def _one_effect(self) -> "StepRule":
        if (self.level is None) == (self.lowers is None):
            raise ValueError("a rule gives either `level` (0-3) or `lowers` (refusal, halt or reversal)")
        if self.level is not None and not 0 <= self.level <= 3:
            raise ValueError("`level` is 0, 1, 2 or 3")
        return self


class AgendaRules(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    statuses: dict[int, str]
    categories: tuple[str, ...]
    agreement_words: Words
    unrealized_notes: Words
    rules: tuple[StepRule, ...]

    @model_validator(mode="after")
    def _scale(self) -> "AgendaRules":
        if sorted(self.statuses) != [0, 1, 2, 3]:
            raise ValueError("`statuses` names the levels 0, 1, 2 and 3")
        last = self.rules[-1] if self.rules else None
        if last is None or last.level is None or last.model_dump(exclude={"level"}, exclude_defaults=True):
            raise ValueError("the last rule is the catch-all `{level: 0}`")
        return self


@lru_cache(maxsize=1)
def agenda_rules() -> AgendaRules:
    return datafiles.load(AgendaRules, "analysis", "agenda.yaml")


@dataclass(frozen=True)
class EventFacts:
    """The parts of an event row the rules read."""
    event_type: Optional[str]
    cameo: str
    notes: frozenset[str]             # note kinds: "intent", "negated", ...
    governors: frozenset[str]         # the governing words of notes ("agree" of "intent:agree")
    trigger: Optional[str]            # "verb" / "noun" / None (imported rows, hand-made rows)
    words: frozenset[str]             # the first words of the lexicon pattern ("agree", "be ready")
    pattern_words: frozenset[str]     # every word of the lexicon pattern ("sever", "relation", "tie")
    background: bool
    imported: bool

    @property
    def agreed(self) -> bool:
        """An AGREE event that says the sides agreed (not that one intends or is ready)."""
        if "future" in self.notes:
            return False
        agree = agenda_rules().agreement_words
        if "intent" in self.notes:
            return bool(self.governors & agree)
        return bool(self.words & agree)

    @property
    def realized(self) -> bool:
        """Done, as the sentence tells it: no intent, future, appeal, demand, negation ..."""
        return not (self.notes & agenda_rules().unrealized_notes) and not self.background


def facts(row: dict[str, Any]) -> EventFacts:
    rule = str(row.get("rule") or "")
    pattern, _, note_text = rule.partition(" +")
    notes, governors = set(), set()
    for note in filter(None, note_text.split("+")):
        kind, _, word = note.strip().partition(":")
        notes.add(kind)
        if word:
            governors.add(word)
    parts = pattern.split(":")
    trigger = parts[0] if parts[0] in ("verb", "noun") else None
    words: set[str] = set()
    every: set[str] = set()
    if len(parts) >= 3:    # "verb:030:agree", "verb:030:be ready|willing|prepared"
        first = parts[2].split(" ")[0]
        words = {w for w in first.split("|") if w}
        every = {w for chunk in ":".join(parts[2:]).split() for w in chunk.split("|") if w}
    return EventFacts(event_type=row.get("event_type") or None, cameo=str(row.get("cameo") or ""),
                      notes=frozenset(notes), governors=frozenset(governors), trigger=trigger,
                      words=frozenset(words), pattern_words=frozenset(every),
                      background=row.get("date_precision") == BACKGROUND,
                      imported=is_imported(row))


def is_imported(row: dict[str, Any]) -> bool:
    """A row of an imported data set (GDELT, ICEWS, POLECAT): it carries no issues."""
    origin = row.get("origin")
    return bool(origin) and origin != CODED_ORIGIN


@dataclass(frozen=True)
class Step:
    """``level`` 0-3 (what the event supports), or ``lowers`` "refusal" / "halt" / "reversal"."""
    level: Optional[int] = None
    lowers: Optional[str] = None


MENTION = Step(level=0)


def step_of(row: dict[str, Any]) -> Step:
    """The step an event makes on each issue it is about (first matching rule of agenda.yaml)."""
    ev = facts(row)
    if ev.background:
        return MENTION
    for rule in agenda_rules().rules:
        if rule.matches(ev):
            if rule.lowers:
                return Step(lowers=rule.lowers)
            level = rule.level
            if level == 3 and not ev.realized:
                level = 1
            return Step(level=level)
    return MENTION


def row_issues(row: dict[str, Any]) -> list[str]:
    """The event's issue ids (a list column; None or NaN when a table lacks it)."""
    v = row.get("issues")
    if v is None or isinstance(v, float):
        return []
    return [str(x) for x in v if x]
