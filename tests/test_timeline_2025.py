"""The analytics on the 38 official US-Russia texts of 2025 (``../shared/data/us-russia-2025``)
against the dated timeline an annotator wrote blind before any analytics ran
(``tests/fixtures/us_russia_2025_expected.yaml``, which gives its reasons and evidence).

The texts are coded with the session coder into a temporary store, then the four criteria of
issue 13 are checked: the stage within +-1 at each month end; at least 80 % of the expected
agenda items (at 2025-06-30 and 2025-11-30) found with their status within +-1; every stance
ordering pair respected; every downturn found as a turn down within +-3 weeks. Each test prints
its comparison table when it fails. The coder changes under these tests, so they measure the
whole chain: coder, issues and analytics.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from conftest import shared_path

from detente import analysis as A
from detente.ingest import read_stories
from detente.store import EventStore

pytestmark = pytest.mark.slow

# Issue 13 is open: on 2026-12-03 the chain misses one of these criteria (the stage, agenda and
# stance checks pass), for causes the closing note and the README ("Analytics on the 2025 official
# texts") list -- downturns the coder's events do not show (the series' first week; condemnations
# in UN remarks outweighed by offers the same week), and turns carried by one or two events in a
# thin weekly series (44 pair events in 23 weeks), which the change-point rule weighs by their
# events and does not tell from noise (benchmarks/changepoints.py). The check runs in CI with its criteria
# unchanged and prints its table (-rxX); when it starts passing it shows as XPASS, and then this
# marker comes off. Not strict, because which rows pass moves with every coder change.
KNOWN_GAP = pytest.mark.xfail(strict=False, reason=(
    "issue 13 open: the expected 2025 timeline is not yet met (coder recall on the official texts); "
    "see README 'Analytics on the 2025 official texts'"))

EXPECTED = yaml.safe_load((Path(__file__).parent / "fixtures" / "us_russia_2025_expected.yaml")
                          .read_text(encoding="utf-8"))
A_, B_ = EXPECTED["dyad"]
# the expectation names the war settlement after this war; the taxonomy's id is the generic one
ISSUE_IDS = {"ukraine_settlement": "war_settlement"}
# how each expected speaker is named on events (the Treasury speaks through its secretaries)
SPEAKER_NAMES = {"putin": r"\bPutin\b", "waltz": r"\bWaltz\b", "trump": r"\bTrump\b", "rubio": r"\bRubio\b",
                 "kelley": r"\bKelley\b", "shea": r"\bShea\b", "treasury": r"Treasury|\bYellen\b|\bBessent\b"}
AGENDA_DATES = ("2025-06-30", "2025-11-30")
MIN_AGENDA_SHARE = 0.8
TOLERANCE = timedelta(weeks=3)


@pytest.fixture(scope="module")
def store(coder, tmp_path_factory):
    texts = shared_path("us-russia-2025")
    stories = list(read_stories([str(texts)]))
    assert len(stories) >= 38
    path = tmp_path_factory.mktemp("timeline") / "us-russia-2025.duckdb"
    with EventStore(path) as writer:
        writer.add_coded(coder.code_stories(stories))
    with EventStore(path, read_only=True) as reader:
        yield reader


def table(header: tuple, rows: list[tuple]) -> str:
    """Rows as an aligned text table (printed when a check fails)."""
    cells = [tuple(str(c) for c in r) for r in [header] + rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in cells)


def test_stage_within_one_at_each_month_end(store):
    rows = []
    for exp in EXPECTED["stages"]:
        got = A.normalization_stage(store, A_, B_, as_of=exp["month_end"])
        rows.append((exp["month_end"], exp["stage"], got.stage, got.name, abs(got.stage - exp["stage"]) <= 1))
    bad = [r for r in rows if not r[-1]]
    hist = A.normalization_stage(store, A_, B_).history
    steps = [(str(h["date"])[:10], h["stage"], h["change"], h["reason"], (h["sentence"] or "")[:90])
             for h in hist.to_dict("records")]
    assert not bad, ("\n" + table(("month end", "expected", "got", "name", "within 1"), rows)
                     + "\nladder history:\n" + table(("date", "stage", "change", "reason", "sentence"), steps))


def test_agenda_items_found_with_status_within_one(store):
    rows, hits, total = [], 0, 0
    for day in AGENDA_DATES:
        reg = A.agenda(store, A_, B_, as_of=day).to_json()
        got = {i["item"]: i["status"] for i in reg}
        why = {i["item"]: (i["evidence"][0]["sentence"] or "")[:80] if i["evidence"] else "" for i in reg}
        key = "status_" + day.replace("-", "_")
        for item, exp in EXPECTED["agenda"].items():
            want = exp[key]
            have = got.get(ISSUE_IDS.get(item, item))
            ev = why.get(ISSUE_IDS.get(item, item), "")
            if want is None:               # not in the texts: reported, not counted
                rows.append((day, item, "-", have if have is not None else "-", "(not counted)", ev))
                continue
            ok = have is not None and abs(have - want) <= 1
            hits, total = hits + ok, total + 1
            rows.append((day, item, want, have if have is not None else "not found", ok, ev))
    share = hits / total
    assert share >= MIN_AGENDA_SHARE, (f"{hits} of {total} ({share:.0%}) within 1, need {MIN_AGENDA_SHARE:.0%}\n"
                                       + table(("as of", "item", "expected", "got", "ok", "evidence of the status"),
                                               rows))


def test_stance_ordering(store):
    actors = A.stances(store, A_, B_).to_json()["actors"]

    def score(speaker: str):
        rx = re.compile(SPEAKER_NAMES[speaker], re.I)
        mine = [x for x in actors if rx.search(x["actor"] or "")]
        if not mine:
            return None, 0
        n = sum(x["n_statements"] for x in mine)
        return round(sum(x["score"] * x["n_statements"] for x in mine) / n, 3), n

    rows = []
    for pair in EXPECTED["stances"]["ordering"]:
        (hi, n_hi), (lo, n_lo) = score(pair["pair"][0]), score(pair["pair"][1])
        ok = hi is not None and lo is not None and hi > lo
        rows.append((pair["pair"][0], f"{hi} (n={n_hi})", pair["pair"][1], f"{lo} (n={n_lo})", ok))
    speakers = [(x["actor"], x["country"], x["score"], x["n_statements"],
                 " | ".join((e["sentence"] or "")[:50] for e in x["evidence"][:2])) for x in actors]
    assert all(r[-1] for r in rows), ("\n" + table(("more conciliatory", "score", "less", "score", "ok"), rows)
                                      + "\nspeakers:\n" + table(("actor", "country", "score", "n", "evidence"),
                                                                  speakers))


@KNOWN_GAP
def test_downturns_found_within_three_weeks(store):
    out = A.outlook(store, A_, B_)
    cps = out.change_points
    g = out.series[out.series["volume"] > 0]
    weeks = [(p.date().isoformat(), int(r["n_events"]), round(float(r["goldstein_sum"]), 1), r["volume"],
              round(float(r["net_per_1k"]), 1)) for p, r in g.iterrows()]
    downs = [date.fromisoformat(c["period"]) for c in cps if c["direction"] == "down"]
    rows = []
    for d in EXPECTED["downturns"]:
        want = date.fromisoformat(d["date"])
        near = [x for x in downs if abs(x - want) <= TOLERANCE]
        rows.append((d["date"], ", ".join(x.isoformat() for x in near) or "none", bool(near), d["what"][:70]))
    found = ", ".join(f"{c['period']} {c['direction']}" for c in cps) or "none"
    assert all(r[2] for r in rows), (f"\nchange points: {found}\n"
                                     + table(("downturn", "turn down within 3 weeks", "ok", "what"), rows)
                                     + "\nweeks with coverage:\n"
                                     + table(("week", "events", "goldstein", "volume", "net per 1k"), weeks))
