"""``/api/events``: coded events and their sentences, filtered and paged."""
from __future__ import annotations

from datetime import date as Date
from typing import Literal, Optional

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response

from ..analysis import check_dyad, check_range, evidence
from ..datafiles import issue_taxonomy
from ..errors import DetenteError
from ..ontology import PLOVER_TYPES
from ..store import EventStore
from . import deps
from .cache import cached
from .errors import EVENT_ID, ISO3, check_dates

MAX_LIMIT = 1000
ISSUES = r"^[a-z0-9_]{1,64}(,[a-z0-9_]{1,64}){0,49}$"
EventType = Literal[PLOVER_TYPES]  # type: ignore[valid-type]

DYAD = Query(None, pattern=r"^[A-Z]{3}[-,][A-Z]{3}$", description="Both directions between two countries: `USA-RUS`")

router = APIRouter(prefix="/api/events", tags=["events"])


def pair_of(dyad: Optional[str]) -> Optional[tuple[str, str]]:
    """``USA-RUS`` (or ``USA,RUS``) as a checked pair (E407 for one country twice); None for none."""
    return check_dyad(dyad[:3], dyad[4:]) if dyad else None


@router.get("", summary="Coded events, filtered and paged")
def list_events(
    request: Request,
    dyad: Optional[str] = DYAD,
    source: Optional[str] = Query(None, pattern=ISO3, description="Source country (ISO3)"),
    target: Optional[str] = Query(None, pattern=ISO3, description="Target country (ISO3)"),
    event_type: Optional[EventType] = Query(None, description="PLOVER event type"),
    actor: Optional[str] = Query(None, min_length=2, max_length=80,
                                 description="Text in the source or target actor's name"),
    story_id: Optional[str] = Query(None, pattern=EVENT_ID),
    start: Optional[Date] = Query(None, description="First day (inclusive), YYYY-MM-DD"),
    end: Optional[Date] = Query(None, description="Last day (inclusive), YYYY-MM-DD"),
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=10_000_000),
    counted: bool = Query(False, description="One row per real-world event (as the dyad measures count "
                                             "them), not one per coded mention"),
    issue: Optional[str] = Query(None, pattern=ISSUES, description="Events about this issue (an id of "
                                 "data/analysis/issues.yaml; several, comma-separated: about any of them)"),
) -> Response:
    check_dates(start=start, end=end)
    check_range(start, end)
    filters = {"pair": pair_of(dyad), "source": source, "target": target,
               "event_type": event_type, "story_id": story_id, "actor": actor, "start": start, "end": end,
               "issue": issue.split(",") if issue else None}

    def page(store: EventStore) -> dict:
        if counted:
            rel = store.counted_events(dated=True, **filters)
            total = int(rel.aggregate("count(*)").fetchall()[0][0])
            rows = rel.order("event_date, event_id").limit(limit, offset).df()
        else:
            total = store.count_events(**filters)
            rows = store.events(limit=limit, offset=offset, **filters).df()
        return {"total": total, "limit": limit, "offset": offset, "counted": counted, "events": evidence(rows)}

    return cached(request, page)


@router.get("/issues", summary="The issues the stored events are about, with counts (the dashboard's filter)")
def list_issues(
    request: Request,
    dyad: Optional[str] = DYAD,
) -> Response:
    pair = pair_of(dyad)
    taxonomy = issue_taxonomy()

    def page(store: EventStore) -> dict:
        out = []
        for issue_id, n in store.issue_counts(pair=pair).fetchall():
            entry = taxonomy.entry(issue_id)
            out.append({"id": issue_id, "label": entry.label if entry else issue_id,
                        "category": entry.category if entry else None, "n": int(n)})
        return {"issues": out}

    return cached(request, page)


@router.get("/{event_id}", summary="One event, with its sentence")
def get_event(event_id: str = Path(..., pattern=EVENT_ID), store: EventStore = Depends(deps.store)) -> dict:
    rows = evidence(store.events(event_ids=[event_id]).df())
    if not rows:
        raise DetenteError("E504", detail=f"no event with id {event_id}")
    return rows[0]
