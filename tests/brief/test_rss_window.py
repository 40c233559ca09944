"""The brief of the real RSS items of 5-9 June 2023 leads with the Kakhovka dam and covers the
counteroffensive, stays on the war, and every sentence holds against its citations.

The expected developments are in ``rss_2023_06_05_09.yaml``, written from reading the items.
The items are ingested once per session (slow: about 1,500 items through the whole pipeline);
SITROOM_TEST_RSS_DB may name a database already holding them, to reuse it while developing.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from brief_corpus import covers, developments
from sqlalchemy import Engine
from test_brief_rules import assert_rules_hold

from sitroom.brief import Brief, write_brief
from sitroom.brief.sections.developments import LEAD_QUOTE_CHARS
from sitroom.brief.weigh import is_quote_lead
from sitroom.store.db import Store

REPO = Path(__file__).resolve().parents[2]
RSS = REPO / ".." / "shared" / "data" / "rss-2023" / "rss-ukraine-russia-2023-06-01_14.jsonl"
EXPECTED: dict[str, Any] = yaml.safe_load(
    (Path(__file__).with_name("rss_2023_06_05_09.yaml")).read_text(encoding="utf-8")
)
# "On 6 June, ..." or "First reported on 5 June: ...": a development says when.
DATED = re.compile(r"^(?:On \d{1,2} [A-Z][a-z]+, |First reported on \d{1,2} [A-Z][a-z]+: )")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def rss_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The RSS items of 1-14 June 2023, ingested, extracted and resolved by the sitroom CLI."""
    reuse = os.environ.get("SITROOM_TEST_RSS_DB")
    if reuse and Path(reuse).exists():
        return Store.open(reuse).engine
    assert RSS.exists(), f"{RSS} is missing"
    path = tmp_path_factory.mktemp("rss") / "rss.db"
    done = subprocess.run(
        [sys.executable, "-m", "sitroom", "ingest", str(RSS), "--db", str(path), "-q"],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=3600,
    )
    # Exit 2: some items have no text and are refused one by one; the others are stored.
    assert done.returncode in (0, 2), done.stderr[-2000:]
    return Store.open(str(path)).engine


@pytest.fixture(scope="session")
def window_brief(rss_engine: Engine) -> Brief:
    window = EXPECTED["window"]
    return write_brief(
        rss_engine,
        since=datetime.fromisoformat(window["since"]).replace(tzinfo=UTC),
        until=datetime.fromisoformat(window["until"]).replace(tzinfo=UTC),
        fmt="html",
    )


def test_the_brief_leads_with_the_kakhovka_dam_breach_of_6_june(window_brief: Brief) -> None:
    lead = developments(window_brief)[0]
    dam = next(d for d in EXPECTED["developments"] if d.get("lead"))
    assert covers(lead, dam["all"]), lead
    assert lead.startswith("On 6 June, "), lead
    # Who blamed whom, both ways; and what followed (flooding, evacuations) with a figure.
    assert "Ukraine blamed Russia" in lead and "Russia blamed Ukraine" in lead, lead
    assert re.search(r"flood|evacuat", lead, re.IGNORECASE), lead
    assert re.search(r"\d", lead.removeprefix("On 6 June, ")), lead


def test_the_brief_covers_the_start_of_the_counteroffensive(window_brief: Brief) -> None:
    wanted = next(d for d in EXPECTED["developments"] if d["id"] == "counteroffensive")
    found = [d for d in developments(window_brief) if covers(d, wanted["all"])]
    assert found, developments(window_brief)
    # Russia's figure stays Russia's claim, in its evidence's name for the side ("Moscow claims").
    claim = next((d for d in found if "250" in d), None)
    assert claim is not None, found
    assert re.search(r"\b(?:Russia|Moscow|the Kremlin) said it had killed 250 Ukrainian", claim), claim
    assert "Ukraine did not confirm" in claim and "250 were reported killed" not in claim, claim


def test_the_brief_covers_most_developments_of_the_window(window_brief: Brief) -> None:
    texts = developments(window_brief)
    covered = [d["id"] for d in EXPECTED["developments"] if any(covers(t, d["all"]) for t in texts)]
    print(f"covered {len(covered)} of {len(EXPECTED['developments'])}: {covered}")
    assert len(covered) >= 5, covered


def test_a_quoted_lead_is_short_and_most_leads_say_their_act(window_brief: Brief) -> None:
    texts = developments(window_brief)
    quoted = [t.split("” ", 1)[0] for t in texts if is_quote_lead(t)]
    assert len(quoted) * 2 < len(texts), quoted
    for lead in quoted:
        assert len(lead.split("“", 1)[1]) <= LEAD_QUOTE_CHARS + 2, lead


def test_off_topic_items_stay_out_of_the_key_developments(window_brief: Brief) -> None:
    for text in developments(window_brief):
        for word in EXPECTED["off_topic"]:
            assert word.lower() not in text.lower(), (word, text)


def test_developments_are_dated(window_brief: Brief) -> None:
    texts = developments(window_brief)
    assert len(texts) >= 5
    dated = [t for t in texts if DATED.match(t)]
    assert len(dated) == len(texts), [t for t in texts if t not in dated]


def test_every_sentence_holds_against_its_citations(window_brief: Brief, rss_engine: Engine) -> None:
    assert assert_rules_hold(window_brief, rss_engine) > 20
    # The header's counts stay in the header.
    prose = " ".join(s.text for s in window_brief.sentences())
    assert "documents" not in prose and "cited passages" not in prose


def test_the_html_brief_of_the_window_reads_in_chromium(window_brief: Brief, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright
    from test_html_browser import CHROMIUM, CHROMIUM_ARGS, png_pixels

    page_file = tmp_path / "window.html"
    page_file.write_text(window_brief.html, encoding="utf-8")
    screenshot = tmp_path / "window.png"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.goto(page_file.as_uri())
            first = page.locator("section#developments li").first
            assert first.is_visible()
            assert first.inner_text().startswith("On 6 June, the Kakhovka dam")
            # No "what changed" on a first brief; every section heading that is there is shown.
            assert page.get_by_role("heading", name="What changed since the previous brief").count() == 0
            for heading in ("Key developments", "Casualties", "Contested and unconfirmed claims", "Sources"):
                assert page.get_by_role("heading", name=heading, level=2).is_visible(), heading
            # A citation of the lead leads to its quoted source, which names its outlet.
            first.locator("a.cite").first.click()
            target = page.locator("li:target")
            assert target.locator("blockquote").is_visible()
            assert not re.search(r"\bfeeds\.|\.co\.uk\b|\.com,", target.inner_text())
            page.screenshot(path=str(screenshot), full_page=False)
        finally:
            browser.close()
    width, height, rows = png_pixels(screenshot.read_bytes())
    assert (width, height) == (1100, 900)
    values = [value for row in rows[::10] for value in row[::10]]
    mean = sum(values) / len(values)
    assert sum((v - mean) ** 2 for v in values) / len(values) > 100, "the screenshot is blank"
