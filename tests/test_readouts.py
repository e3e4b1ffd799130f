"""The public-domain US–Russia 2025 readouts in ../shared/data/us-russia-2025, coded and checked
by hand: what the coder finds there must stay found (and what it must not invent, stays out)."""
import re
from pathlib import Path

import pytest
from conftest import SHARED_DATA

from detente.ingest import read_stories

DATA = SHARED_DATA / "us-russia-2025"
pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason=f"shared readouts not found at {DATA}")


@pytest.fixture(scope="module")
def coded(coder):
    stories = list(read_stories([str(DATA)]))
    return {Path(c.story.path).name: c.events for c in coder.code_stories(stories)}


def find(events, **want):
    out = []
    for e in events:
        ok = True
        for key, value in want.items():
            if key == "source_name":
                ok &= bool(e.source and e.source.name == value)
            elif key == "target_name":
                ok &= bool(e.target and e.target.name == value)
            else:
                ok &= getattr(e, key) == value
        if ok:
            out.append(e)
    return out


def test_all_readouts_read(coded):
    # the folder grows as readouts are added: every text in it is read, none skipped
    texts = sorted(f.name for f in DATA.glob("*.txt"))
    assert len(texts) >= 9 and sorted(coded) == texts


def test_rubio_lavrov_meeting_in_new_york(coded):
    ev = coded["2025-09-24_state-dept_rubio-meeting-with-lavrov.txt"]
    assert find(ev, event_type="CONSULT", source_name="Marco Rubio", target_name="Sergey Lavrov")


def test_phone_calls_are_rubio_with_lavrov(coded):
    for name in ("2025-10-20_state-dept_rubio-call-with-lavrov.txt",
                 "2025-04-27_state-dept_rubio-call-with-lavrov.txt"):
        hits = find(coded[name], event_type="CONSULT", source_name="Marco Rubio")
        assert hits and hits[0].target.country == "RUS", name


def test_istanbul_round_is_dated_and_placed(coded):
    ev = coded["2025-02-27_state-dept_us-russia-istanbul-talks-on-diplomatic-missions.txt"]
    placed = [e for e in ev if e.location and e.location.name == "Istanbul"]
    assert placed and placed[0].location.country == "TUR"
    assert placed[0].date == "2025-02-27" and placed[0].date_precision == "day"
    assert find(ev, event_type="AGREE")  # agreed to hold a follow-up meeting


def test_witkoff_visit_to_moscow(coded):
    ev = coded["2025-04-27_state-dept_rubio-call-with-lavrov.txt"]
    visit = find(ev, cameo="042", source_name="Steve Witkoff")
    assert visit and visit[0].date == "2025-04-25" and visit[0].location.name == "Moscow"


def test_trump_putin_call_agreements(coded):
    ev = coded["2025-03-18_white-house_readout-trump-putin-call.txt"]
    agree = find(ev, event_type="AGREE", source_name="Donald Trump", target_name="Vladimir Putin")
    assert agree and all(e.date == "2025-03-18" for e in agree)


def test_readouts_hold_no_invented_violence(coded):
    # Readouts of calls, meetings and talks that mention "this war" or "the killing" report no
    # attack (remarks and UN statements may tell of strikes, and those are events)
    readouts = {name: ev for name, ev in coded.items() if re.search(r"call|meeting|readout|talks", name)}
    assert len(readouts) >= 12
    for name, ev in readouts.items():
        assert not [e for e in ev if e.event_type == "ASSAULT"], name
