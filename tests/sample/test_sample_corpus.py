"""The bundled sample corpus is well-formed, dated in its window, and agrees with tests/sample/truth.yaml.

Reads the files with plain Python (and feedparser for RSS), not with sitroom's own readers, so that
reader bugs cannot hide corpus mistakes.
"""

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import feedparser
import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
SAMPLE_DIR = REPO / "sitroom" / "sample"
TRUTH_FILE = Path(__file__).resolve().parent / "truth.yaml"
FIRST_DAY, LAST_DAY = date(2023, 6, 23), date(2023, 7, 5)
TXT_HEADERS = ("Title", "Source", "Published", "URL")
RFC_822 = "%a, %d %b %Y %H:%M:%S %z"


@dataclass(frozen=True)
class Report:
    """One report of the sample corpus as a reader should see it."""

    ref: str
    source: str
    published: datetime
    title: str
    url: str
    text: str


class _ArticlePage(HTMLParser):
    """Collects meta tags, the canonical link and the paragraphs inside <article>."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.canonical = ""
        self.articles = 0
        self.headings: list[str] = []
        self.paragraphs: list[str] = []
        self._in_article = False
        self._capture: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "meta":
            key = attributes.get("property") or attributes.get("name")
            if key:
                self.meta[key] = attributes.get("content", "")
        elif tag == "link" and attributes.get("rel") == "canonical":
            self.canonical = attributes.get("href", "")
        elif tag == "article":
            self.articles += 1
            self._in_article = True
        elif self._in_article and tag in ("h1", "p") and "byline" not in attributes.get("class", ""):
            self._capture, self._buffer = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article = False
        elif tag == self._capture:
            text = " ".join("".join(self._buffer).split())
            (self.headings if tag == "h1" else self.paragraphs).append(text)
            self._capture = None

    def handle_data(self, data: str) -> None:
        if self._capture:
            self._buffer.append(data)


def _read_txt(path: Path) -> list[Report]:
    head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
    headers = dict(line.split(": ", 1) for line in head.splitlines())
    assert tuple(headers) == TXT_HEADERS, f"{path.name}: header block is {list(headers)}"
    return [Report(path.name, headers["Source"], datetime.fromisoformat(headers["Published"]),
                   headers["Title"], headers["URL"], body.strip())]


def _read_md(path: Path) -> list[Report]:
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    meta = yaml.safe_load(front)
    assert body.lstrip().startswith("# "), f"{path.name}: Markdown body does not open with a heading"
    return [Report(path.name, meta["source"], datetime.fromisoformat(meta["published"]), meta["title"],
                   meta["url"], body.strip())]


def _read_html(path: Path) -> list[Report]:
    page = _ArticlePage()
    page.feed(path.read_text(encoding="utf-8"))
    assert page.articles == 1 and page.headings, f"{path.name}: no <article> with an <h1>"
    return [Report(path.name, page.meta["og:site_name"],
                   datetime.fromisoformat(page.meta["article:published_time"]), page.headings[0],
                   page.canonical, "\n\n".join(page.paragraphs))]


def _read_rss(path: Path) -> list[Report]:
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, f"{path.name}: {feed.get('bozo_exception')}"
    return [Report(f"{path.name}#{entry.id}", feed.feed.title, datetime.strptime(entry.published, RFC_822),
                   entry.title, entry.link, entry.description) for entry in feed.entries]


def _read_jsonl(path: Path) -> list[Report]:
    reports = []
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        published = datetime.fromisoformat(item["published"])
        ref = f"{path.name}#{item['id']}"
        reports.append(Report(ref, item["source"], published, item["title"], item["url"], item["text"]))
    return reports


READERS = {".txt": _read_txt, ".md": _read_md, ".html": _read_html, ".xml": _read_rss, ".jsonl": _read_jsonl}


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    found: dict[str, Report] = {}
    for path in sorted(SAMPLE_DIR.iterdir()):
        found.update((report.ref, report) for report in READERS[path.suffix](path))
    return found


@pytest.fixture(scope="module")
def truth() -> dict:
    return yaml.safe_load(TRUTH_FILE.read_text(encoding="utf-8"))


def _spelled(number: int) -> str:
    """English words for 0-999, e.g. 42 -> 'forty-two'."""
    ones = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
    tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    if number < 20:
        return ones[number]
    if number < 100:
        return tens[number // 10] + ("" if number % 10 == 0 else "-" + ones[number % 10])
    rest = number % 100
    return ones[number // 100] + " hundred" + ("" if rest == 0 else " and " + _spelled(rest))


def _states_number(text: str, number: int) -> bool:
    words = _spelled(number).replace("-", "[- ]")
    return re.search(rf"(?<![\d.,]){number}(?![\d]|[.,]\d)|\b{words}\b", text, re.IGNORECASE) is not None


def _truth_refs(truth: dict) -> list[str]:
    refs = [ref for files in truth["events"].values() for ref in files] + truth["unrelated"]
    return refs + [figure["file"] for figure in truth["kramatorsk_figures"]]


def test_sample_holds_between_20_and_30_reports(reports: dict[str, Report]) -> None:
    assert 20 <= len(reports) <= 30


def test_sample_dir_holds_only_report_formats() -> None:
    suffixes = {path.suffix for path in SAMPLE_DIR.iterdir()}
    assert suffixes <= set(READERS)
    assert {".txt", ".md", ".html", ".xml", ".jsonl"} == suffixes


def test_file_names_sort_by_date() -> None:
    dated = [path.name for path in SAMPLE_DIR.iterdir() if not path.name.startswith("feed-")]
    assert all(re.match(r"2023-\d\d-\d\d_[a-z-]+_[a-z0-9-]+\.\w+$", name) for name in dated), dated


def test_txt_headers_parse_with_dates_in_window() -> None:
    for path in SAMPLE_DIR.glob("*.txt"):
        (report,) = _read_txt(path)
        assert report.published.tzinfo is not None, path.name
        assert FIRST_DAY <= report.published.date() <= LAST_DAY, path.name
        assert path.name.startswith(report.published.date().isoformat()), path.name


def test_every_report_is_dated_inside_the_window(reports: dict[str, Report]) -> None:
    outside = [ref for ref, report in reports.items() if not FIRST_DAY <= report.published.date() <= LAST_DAY]
    assert outside == []


def test_rss_feed_parses_with_four_or_five_complete_items() -> None:
    (path,) = SAMPLE_DIR.glob("feed-*.xml")
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo
    assert feed.version == "rss20"
    assert 4 <= len(feed.entries) <= 5
    for entry in feed.entries:
        assert entry.title and entry.link and entry.id and entry.published_parsed and entry.description


def test_jsonl_lines_carry_the_document_fields() -> None:
    (path,) = SAMPLE_DIR.glob("*.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert 3 <= len(lines) <= 4
    for line in lines:
        item = json.loads(line)
        assert {"id", "source", "url", "published", "title", "text"} < set(item), item.keys()
        assert all(isinstance(value, str) and value for value in item.values())


def test_every_html_page_is_a_full_news_page_with_an_article() -> None:
    pages = sorted(SAMPLE_DIR.glob("*.html"))
    assert len(pages) >= 5
    for path in pages:
        markup = path.read_text(encoding="utf-8")
        page = _ArticlePage()
        page.feed(markup)
        assert markup.startswith("<!DOCTYPE html>"), path.name
        assert page.articles == 1 and len(page.paragraphs) >= 3, path.name
        assert {"og:site_name", "article:published_time", "author"} <= set(page.meta), path.name
        assert page.canonical.startswith("https://"), path.name
        assert "<nav" in markup and "<footer" in markup and "cookie" in markup.lower(), path.name


def test_reports_are_short_wire_copy(reports: dict[str, Report]) -> None:
    lengths = {ref: len(report.text.split()) for ref, report in reports.items()}
    assert all(80 <= words <= 250 for words in lengths.values()), lengths


def test_publishers_are_fictional_outlets_on_example_domains(reports: dict[str, Report]) -> None:
    hosts = {urlparse(report.url).hostname or "" for report in reports.values()}
    assert all(host.endswith(".example") for host in hosts), hosts
    assert 6 <= len({report.source for report in reports.values()}) <= 8


def test_every_file_named_in_truth_exists(reports: dict[str, Report], truth: dict) -> None:
    missing = [ref for ref in _truth_refs(truth) if ref not in reports]
    assert missing == []


def test_every_report_is_accounted_for_in_truth(reports: dict[str, Report], truth: dict) -> None:
    assert set(reports) == set(_truth_refs(truth))
    assert 4 <= len(truth["unrelated"]) <= 5


def test_each_event_is_reported_by_at_least_two_outlets(reports: dict[str, Report], truth: dict) -> None:
    assert len(truth["events"]) == 9
    for event, refs in truth["events"].items():
        assert len({reports[ref].source for ref in refs}) >= 2, event


def test_kramatorsk_figures_appear_in_the_reports_they_name(reports: dict[str, Report], truth: dict) -> None:
    for figure in truth["kramatorsk_figures"]:
        report = reports[figure["file"]]
        assert report.source == figure["source"]
        assert report.published == datetime.fromisoformat(figure["published"])
        for field in ("killed_min", "killed_max", "injured_min", "injured_max"):
            if figure[field] is not None:
                assert _states_number(report.text, figure[field]), (figure["file"], field, figure[field])


def test_kramatorsk_toll_rises_and_outlets_disagree_on_the_same_day(truth: dict) -> None:
    figures = truth["kramatorsk_figures"]
    killed = [figure["killed_min"] for figure in figures]
    assert killed == sorted(killed) and killed[0] < killed[-1]
    assert len(figures) >= 5 and len({figure["source"] for figure in figures}) >= 3
    by_day: dict[str, set[tuple[str, int]]] = {}
    for figure in figures:
        by_day.setdefault(figure["published"][:10], set()).add((figure["source"], figure["killed_min"]))
    assert any(len({source for source, _ in day}) >= 2 and len({n for _, n in day}) >= 2
               for day in by_day.values())


def test_number_matching_accepts_digits_and_words_only_as_whole_numbers() -> None:
    assert _states_number("killing at least two people", 2)
    assert _states_number("with forty-two others wounded", 42)
    assert _states_number("rose to 12 on Thursday", 12)
    assert not _states_number("rose to 120 on Thursday", 12)
    assert not _states_number("86.262 billion roubles", 262)
