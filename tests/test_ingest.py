"""detente.ingest: every format gives the right Story fields; bad input gives one Problem."""
from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import pytest

from detente.errors import DetenteError, Errors, problem
from detente.ingest import discover, parse_date, read_stories, sniff_format
from detente.schema import Problem, Story

from conftest import shared_path

FIX = Path(__file__).parent / "fixtures" / "ingest"


def read(*paths, **kw):
    problems: list[Problem] = []
    stories = list(read_stories([str(p) for p in paths], problems=problems, **kw))
    return stories, problems


# --------------------------------------------------------------------------- formats
def test_txt_plain_keeps_full_text_and_hash_id():
    (s,), probs = read(FIX / "plain.txt")
    assert probs == []
    assert s.text.startswith("Japan and South Korea pledged")
    assert s.text.endswith("amid disputes over wartime history.")
    assert "\n\n" in s.text                       # paragraphs kept
    assert s.title is None and s.date is None
    assert s.id == Story.content_id(s.text, None) and s.id.startswith("h")
    assert s.path == str(FIX / "plain.txt")


def test_txt_header_block_fills_fields():
    (s,), probs = read(FIX / "header_story.txt")
    assert probs == []
    assert s.date == date(2025, 4, 27)
    assert s.title == "Secretary Rubio's Call with Russian Foreign Minister Lavrov"
    assert s.url == "https://example.org/readouts/rubio-lavrov-call-2025-04-27"
    assert s.source == "U.S. Department of State, Office of the Spokesperson"
    assert s.text.startswith("Secretary of State Marco Rubio spoke")
    assert "Provenance" not in s.text and "---" not in s.text


def test_shared_corpus_headers_parse():
    data = shared_path("us-russia-2025")          # ../shared beside the checkout; skips, naming it
    files = sorted(data.glob("*.txt"))[:3]
    assert files, f"no .txt readouts in {data}"
    stories, probs = read(*files)
    assert probs == [] and len(stories) == len(files)
    for f, s in zip(files, stories):
        assert s.date == date.fromisoformat(f.name[:10])
        assert s.url and s.url.startswith("http")
        assert "Address:" not in s.text


def test_jsonl_fields_ids_and_lines():
    stories, probs = read(FIX / "stories.jsonl")
    assert probs == []
    a, b, c = stories
    assert (a.id, a.line, a.title, a.date) == ("101", 1, "Turkey offers to host new round of talks",
                                               date(2025, 5, 12))
    assert a.url == "https://wire.example/101" and a.source == "Example Wire"
    assert (b.id, b.line, b.date) == ("102", 2, date(2025, 5, 14))     # "May 14, 2025"
    assert c.id == Story.content_id(c.text, None) and c.line == 3
    assert c.text.startswith("The United Nations Security Council")


def test_csv_fields_multiline_and_row_numbers():
    stories, probs = read(FIX / "stories.csv")
    assert probs == []
    k, m = stories
    assert (k.id, k.line, k.title, k.date, k.source) == ("c1", 2, "Kenya recalls envoy",
                                                          date(2025, 6, 2), "Example Daily")
    assert (m.id, m.line, m.title, m.source) == ("c2", 3, None, None)
    assert "The group will report within ninety days." in m.text   # quoted newline kept


def test_csv_large_field(tmp_path):
    big = "Officials said the talks would continue. " * 5000      # > csv's 128 KB default
    p = tmp_path / "big.csv"
    p.write_text('id,text\nx1,"' + big + '"\n', encoding="utf-8")
    (s,), probs = read(p)
    assert probs == [] and s.id == "x1" and len(s.text) == len(big.strip())


def test_json_list_and_single_object(tmp_path):
    stories, probs = read(FIX / "stories.json")
    assert probs == []
    assert [s.id for s in stories] == ["j1", "j2"]
    assert stories[0].date == date(2025, 7, 21) and stories[0].title.startswith("Vietnam")
    one = tmp_path / "one.json"
    one.write_text('{"id": 7, "text": "Ghana and Togo agreed to share border intelligence."}')
    (s,), probs = read(one)
    assert probs == [] and s.id == "7" and s.text.startswith("Ghana")


def test_html_main_text_without_boilerplate_and_time_date():
    (s,), probs = read(FIX / "article.html")
    assert probs == []
    assert s.title == "Finland and Estonia agree to expand Baltic Sea cable patrols"
    assert s.date == date(2025, 3, 11)
    assert s.url == "https://northern-courier.example/world/2025/03/11/baltic-cable-patrols"
    for para in ("expand joint naval patrols in the Gulf of Finland",
                 "summoned the Russian charge d'affaires",
                 "Moscow rejected the accusation",
                 "European Commission said it would propose new funding"):
        assert para in s.text
    for junk in ("Share this article", "Facebook", "ADVERTISEMENT", "fjords", "Sponsored",
                 "Trending", "Celebrity chef", "Most read", "Housing prices",
                 "Morning Briefing", "newsletter", "inbox", "Subscribe", "Politics",
                 "Cookie", "All rights reserved", "dataLayer"):
        assert junk not in s.text, junk


def test_html_date_from_time_element_only(tmp_path):
    page = (FIX / "article.html").read_text(encoding="utf-8")
    p = tmp_path / "page.htm"
    page = page.replace("/2025/03/11/", "/x/")          # no date left in URLs
    p.write_text(page, encoding="utf-8")
    (s,), _ = read(p)
    assert s.date == date(2025, 3, 11)


def test_rss_and_atom_feeds():
    stories, probs = read(FIX / "feed.rss", FIX / "feed.atom")
    assert probs == []
    eu, chile, norway = stories
    assert (eu.id, eu.line, eu.date) == ("https://wire.example/id/5501", 1, date(2025, 8, 4))
    assert eu.source == "Example Diplomatic Wire"
    assert eu.title == "EU imposes new sanctions on Belarusian officials"
    assert "asset freezes and travel bans" in eu.text            # full content, not summary
    assert "<p>" not in eu.text and "threatened to respond" in eu.text
    assert "\n" in eu.text                                      # paragraphs separated
    assert chile.id == "https://wire.example/2025/08/05/chile-peru-border"   # no guid: link
    assert (chile.line, chile.date) == (2, date(2025, 8, 5))
    assert "Chacalluta" in chile.text and "<" not in chile.text
    assert (norway.id, norway.date, norway.source) == ("urn:example:entry:77",
                                                       date(2025, 9, 2), "Example Atom Desk")


def test_folder_recursive_sorted_skips_hidden():
    found = list(discover([FIX / "folder"]))
    assert [p.relative_to(FIX / "folder").as_posix() for p in found] == ["a.txt", "sub/b.jsonl"]
    stories, probs = read(FIX / "folder")
    assert probs == [] and [s.id for s in stories][1] == "f1" and len(stories) == 2


def test_stdin_and_story_date_default():
    text = "Secretary Rubio said the United States would send a delegation to Riyadh for talks."
    stories, probs = read("-", stdin=io.StringIO(text + "\n"), story_date=date(2025, 2, 20))
    assert probs == []
    (s,) = stories
    assert s.path == "-" and s.text == text and s.date == date(2025, 2, 20)
    # a story's own date wins over the default
    (h,), _ = read(FIX / "header_story.txt", story_date=date(2025, 2, 20))
    assert h.date == date(2025, 4, 27)


def test_unknown_extension_is_sniffed(tmp_path):
    (tmp_path / "a.dat").write_text('{"id": "s1", "text": "Kenya and Uganda agreed to build a rail link."}\n'
                                    '{"id": "s2", "text": "Peru recalled its envoy from Mexico."}\n')
    shutil.copy(FIX / "article.html", tmp_path / "b")
    shutil.copy(FIX / "feed.rss", tmp_path / "c.download")
    stories, probs = read(tmp_path)
    assert probs == []
    assert [s.id for s in stories[:2]] == ["s1", "s2"]
    assert stories[2].title.startswith("Finland and Estonia") and "Trending" not in stories[2].text
    assert stories[3].source == "Example Diplomatic Wire"
    assert sniff_format(b"Plain words about a summit.") == "text"
    assert sniff_format(b'[{"text": "x"}]') == "json"


def test_extension_case_insensitive(tmp_path):
    shutil.copy(FIX / "stories.jsonl", tmp_path / "S.JSONL")
    stories, probs = read(tmp_path / "S.JSONL")
    assert probs == [] and [s.id for s in stories][:2] == ["101", "102"]


def test_parse_date():
    assert parse_date("2025-02-18 (readout dateline: Washington DC)") == date(2025, 2, 18)
    assert parse_date("2025-07-21T09:15:00Z") == date(2025, 7, 21)
    assert parse_date("Tue, 05 Aug 2025 09:30:00 GMT") == date(2025, 8, 5)
    assert parse_date("03/04/2025") == date(2025, 3, 4)          # month first
    assert parse_date("not a date at all") is None
    assert parse_date("") is None and parse_date(None) is None


# --------------------------------------------------------------------------- bad input
GOOD = FIX / "plain.txt"


def one_problem(bad: Path, code: str, **kw) -> Problem:
    """Read ``bad`` between two good files: exactly one Problem, good stories still read."""
    stories, probs = read(GOOD, bad, FIX / "stories.json", **kw)
    assert len(probs) == 1, [str(p) for p in probs]
    p = probs[0]
    assert p.code == code and p.path == str(bad)
    assert str(bad) in str(p)
    assert [s.path for s in stories].count(str(GOOD)) == 1
    assert [s.id for s in stories if s.path == str(FIX / "stories.json")] == ["j1", "j2"]
    return p


def test_empty_file():
    one_problem(FIX / "empty.txt", "E101")


def test_zero_byte_file(tmp_path):
    (tmp_path / "zero.jsonl").write_bytes(b"")
    one_problem(tmp_path / "zero.jsonl", "E101")


def test_binary_file():
    p = one_problem(FIX / "image.txt", "E102")
    assert "offset 8" in p.reason


def test_latin1_text_is_not_guessed_silently():
    p = one_problem(FIX / "latin1.txt", "E105")
    assert "not UTF-8" in p.reason and "cp125" in p.reason


def test_cp1252_smart_quotes_decoded_with_warning(tmp_path):
    raw = ("The minister said the \u201cceasefire must hold\u201d and that talks would "
           "resume in Geneva next week \u2013 officials confirmed the plan.\n").encode("cp1252")
    f = tmp_path / "quotes.txt"
    f.write_bytes(raw)
    stories, probs = read(f)
    assert [p.code for p in probs] == ["E104"]
    assert stories and "\u201cceasefire must hold\u201d" in stories[0].text


def test_utf8_bom_and_utf16(tmp_path):
    text = "Poland and Lithuania agreed to coordinate air defence along their borders."
    (tmp_path / "bom.txt").write_bytes(text.encode("utf-8-sig"))
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16"))
    stories, probs = read(tmp_path / "bom.txt", tmp_path / "u16.txt")
    assert probs == [] and [s.text for s in stories] == [text, text]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("suffix", [".txt", ".jsonl", ""])
def test_utf16_without_bom_is_decoded(tmp_path, codec, suffix):
    text = "Poland and Lithuania agreed to coordinate air defence along their borders."
    body = '{"id": "u1", "text": "%s"}\n' % text if suffix == ".jsonl" else text
    f = tmp_path / f"u16{suffix}"
    f.write_bytes(body.encode(codec))
    stories, probs = read(f)
    assert probs == [] and [s.text for s in stories] == [text]


def test_utf16_detection_leaves_binary_and_utf8_alone():
    from detente.ingest.decode import utf16_without_bom

    assert utf16_without_bom((FIX / "image.txt").read_bytes()) is None
    assert utf16_without_bom("Plain ASCII news text, nothing else.".encode("utf-8")) is None
    # a NUL *character* in the sample: not text, whatever the parity of the zero bytes
    assert utf16_without_bom("Talks resumed\x00 in Geneva today.".encode("utf-16-le")) is None


def _with_nul_at(offset: int, total: int = 60_000) -> bytes:
    sentence = b"Japan and South Korea pledged to deepen security cooperation. "
    body = (sentence * (total // len(sentence) + 1))[:total]
    return body[:offset] + b"\x00" + body[offset + 1:]


@pytest.mark.parametrize("suffix", [".txt", ".html", ".json"])
def test_nul_byte_deep_in_a_text_file_refuses_it(tmp_path, suffix):
    f = tmp_path / f"damaged{suffix}"
    f.write_bytes(_with_nul_at(51_200))             # past the 8 KB sniffed as binary-or-not
    p = one_problem(f, "E117")
    assert "offset 51,200" in p.reason


def test_nul_in_utf16_text_names_its_byte_offset(tmp_path):
    text = "Talks resumed in Geneva. " * 400 + "\x00" + "The envoys met again."
    f = tmp_path / "u16.txt"
    f.write_bytes(text.encode("utf-16"))                # BOM, then 2 bytes a character
    p = one_problem(f, "E117")
    assert f"offset {2 + 2 * 25 * 400:,}" in p.reason


def test_nul_in_a_csv_or_jsonl_row_refuses_that_row(tmp_path):
    good = "Chad and Sudan reopened their shared border crossing on Monday."
    csv_rows = "".join(f'r{i},"{good}"\n' for i in range(200)).encode()
    (tmp_path / "rows.csv").write_bytes(b"id,text\n" + csv_rows + b'bad,"Chad\x00 and Sudan"\nlast,"'
                                        + good.encode() + b'"\n')
    jsonl_rows = "".join('{"id": "j%d", "text": "%s"}\n' % (i, good) for i in range(150))
    (tmp_path / "rows.jsonl").write_text(jsonl_rows + '{"id": "esc", "text": "Chad \\u0000 and Sudan"}\n'
                                         + '{"id": "title", "title": "A\\u0000", "text": "%s"}\n' % good
                                         + '{"id": "end", "text": "%s"}\n' % good, encoding="utf-8")
    stories, probs = read(tmp_path / "rows.csv", tmp_path / "rows.jsonl")
    assert [(p.code, Path(p.path).name, p.line) for p in probs] == [
        ("E118", "rows.csv", 202), ("E118", "rows.jsonl", 151), ("E118", "rows.jsonl", 152)]
    assert "'text' at character 4" in probs[0].reason and "'title'" in probs[2].reason
    assert len(stories) == 201 + 151 and not any("\x00" in s.text for s in stories)
    assert {"last", "end"} <= {s.id for s in stories}


def test_nul_on_stdin_is_refused():
    _, probs = read("-", stdin=io.StringIO("Talks resumed\x00 in Geneva."))
    assert [p.code for p in probs] == ["E102"] and "offset 13" in probs[0].reason


def test_huge_file_refused_before_reading(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as f:                  # sparse: no disk space used
        f.truncate(60_000_000)
    p = one_problem(big, "E103")
    assert "60,000,000" in p.reason and "50,000,000" in p.reason


def test_french_article():
    p = one_problem(FIX / "french.txt", "E106")
    assert "'fr'" in p.reason


def test_jsonl_broken_line_in_the_middle():
    stories, probs = read(FIX / "stories_broken.jsonl")
    assert [s.id for s in stories] == ["b1", "b3"]
    (p,) = probs
    assert (p.code, p.line, p.path) == ("E107", 2, str(FIX / "stories_broken.jsonl"))
    assert str(p).startswith(f"[E107] {FIX / 'stories_broken.jsonl'}:2:")


def test_jsonl_rows_without_usable_text(tmp_path):
    f = tmp_path / "rows.jsonl"
    f.write_text('{"id": 1, "title": "no text"}\n'
                 '{"id": 2, "text": 42}\n'
                 '[1, 2]\n'
                 '\n'
                 '{"id": 5, "text": "Chad and Sudan reopened their shared border crossing."}\n')
    stories, probs = read(f)
    assert [s.id for s in stories] == ["5"] and stories[0].line == 5
    assert [(p.code, p.line) for p in probs] == [("E108", 1), ("E108", 2), ("E108", 3)]
    assert "missing" in probs[0].reason and "int" in probs[1].reason


def test_jsonl_with_undecodable_line(tmp_path):
    f = tmp_path / "mixed.jsonl"
    good = b'{"id": "u%d", "text": "Oman hosted indirect talks between Iran and the United States."}\n'
    lines = [good % i for i in range(1, 121)]                   # > 8 KB of clean UTF-8 first
    lines.insert(110, b'{"id": "bad", "text": "caf\xe9 diplomacy"}\n')
    f.write_bytes(b"".join(lines))
    stories, probs = read(f)
    assert len(stories) == 120 and "bad" not in {s.id for s in stories}
    assert [(p.code, p.line) for p in probs] == [("E116", 111)]
    assert "0xe9" in probs[0].reason


def test_latin1_jsonl_head_reported_once(tmp_path):
    f = tmp_path / "latin.jsonl"
    f.write_bytes(b'{"id": "l1", "text": "Le caf\xe9 \xe0 S\xe3o Paulo"}\n' * 3)
    stories, probs = read(f)
    assert stories == [] and [(p.code, p.line) for p in probs] == [("E105", None)]


def test_csv_without_text_column(tmp_path):
    f = tmp_path / "nocol.csv"
    f.write_text("id,headline\n1,Leaders meet in Geneva\n")
    p = one_problem(f, "E109")
    assert "'headline'" in p.reason


def test_malformed_feed(tmp_path):
    f = tmp_path / "broken.rss"
    f.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>X</title><item><title>A')
    one_problem(f, "E110")


def test_missing_path_and_bad_json(tmp_path):
    one_problem(tmp_path / "nowhere.txt", "E112")
    f = tmp_path / "bad.json"
    f.write_text('[{"id": "1", "text": "x"},\n {"id": 2 "text": "y"}]')
    p = one_problem(f, "E107")
    assert p.line == 2


def test_html_without_article_text(tmp_path):
    f = tmp_path / "nav.html"
    f.write_text('<html><head><title>Loading</title><script>var app = 1;</script></head>'
                 '<body><div id="app"></div></body></html>')           # a JS-only page
    one_problem(f, "E115")


def test_stdin_problems():
    _, probs = read("-", stdin=io.StringIO("  \n"))
    assert [p.code for p in probs] == ["E101"] and probs[0].path == "-"
    _, probs = read("-", stdin=io.StringIO("x" * 101), max_bytes=100)
    assert [p.code for p in probs] == ["E103"]


def test_no_problems_list_still_does_not_raise(tmp_path):
    assert list(read_stories([tmp_path / "missing.csv", FIX / "image.txt"])) == []


# --------------------------------------------------------------------------- catalogue
def test_error_catalogue():
    codes = [k for k in vars(Errors) if k[:1] == "E" and k[1:].isdigit()]
    assert all(len(k) == 4 and 100 <= int(k[1:]) < 600 for k in codes)
    ingest = [k for k in codes if k.startswith("E1")]
    assert ingest == [f"E{n}" for n in range(101, 101 + len(ingest))]   # no gaps, no reuse
    p = problem("a.txt", "E103", size=60_000_000, limit=50_000_000)
    assert p == Problem("a.txt", "file too large: 60,000,000 bytes, over the limit of "
                        "50,000,000 bytes (max_bytes)", "E103", None)
    e = DetenteError("E112")
    assert e.code == "E112" and "E112" in str(e)
