"""The public event schema: the committed JSON Schema matches the code, and rejects bad events."""
import json
from pathlib import Path

import jsonschema
import pydantic
import pytest

from detente.schema import (Actor, Event, EventJson, Location, event_json_schema, events_to_arrow,
                            row_to_event_json, EVENT_ARROW_SCHEMA)

ROOT = Path(__file__).resolve().parents[1]
REGENERATE = ('python -c "import json; from detente.schema import event_json_schema; '
              'print(json.dumps(event_json_schema(), indent=2, ensure_ascii=False))" > docs/event.schema.json')


def sample_event(**kw) -> Event:
    base = dict(event_id="e1", story_id="s1", sentence_id=0, sentence="Lavrov met Rubio.",
                span=(0, 17), date="2025-02", date_precision="month",
                source=Actor("Lavrov", "Sergey Lavrov", "RUS", "GOV", "RUSGOV"),
                target=Actor("Rubio", "Marco Rubio", "USA", "GOV", "USAGOV"),
                event_type="CONSULT", mode=None, context=None, cameo="040", goldstein=1.0,
                quad_class=1, location=Location("Riyadh", "SAU"), rule="verb:040:meet", confidence=0.8)
    base.update(kw)
    return Event(**base)


def test_committed_schema_is_current():
    committed = json.loads((ROOT / "docs" / "event.schema.json").read_text())
    assert committed == event_json_schema(), f"refresh it: {REGENERATE}"


def test_the_model_describes_exactly_what_to_json_writes():
    ev = sample_event()
    assert list(EventJson.model_fields) == list(ev.to_json())
    assert EventJson.model_validate(ev.to_json()).model_dump() == ev.to_json()
    with pytest.raises(pydantic.ValidationError):
        EventJson.model_validate({**ev.to_json(), "extra": 1})


def test_valid_event_passes():
    jsonschema.validate(sample_event().to_json(), event_json_schema())


@pytest.mark.parametrize("change", [
    {"event_type": "DEMAND"},          # pre-2021 PLOVER label
    {"date": "April 2025"},
    {"quad_class": 5},
    {"cameo": "4x"},
    {"date_precision": "week"},
])
def test_invalid_events_fail(change):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(sample_event(**change).to_json(), event_json_schema())


def test_bad_country_code_fails():
    ev = sample_event(source=Actor("Russia", "Russia", "RU", None, "RU"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(ev.to_json(), event_json_schema())


def test_arrow_round_trip_gives_back_the_json_event():
    ev = sample_event()
    table = events_to_arrow([ev])
    assert table.schema.equals(EVENT_ARROW_SCHEMA)
    row = table.to_pylist()[0]
    assert str(row["event_date"]) == "2025-02-01"
    back = row_to_event_json(row)
    assert back == ev.to_json()
