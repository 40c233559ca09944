"""A reader's walk through the site in headless chromium, at 1400×900.

Home → story → evidence → entity → timeline → stories → documents → search → map → network
→ API docs, asserting what a person sees on each page; with JavaScript disabled too; on every
page an accessibility check and no console error (a CSP violation is one); no script from a
hostile document ever runs. On the sample corpus the home page leads with the Kramatorsk
strike, and each page's screenshot goes to $SITROOM_SCREENSHOTS (docs/screenshots/).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from live_server import LiveServer
from web_corpus import SCRIPT

from sitroom.room import Room

SAMPLE = Path(__file__).parents[2] / "sitroom" / "sample"
VIEWPORT = {"width": 1400, "height": 900}

# Returns the accessibility problems of the page: one h1, no skipped heading levels,
# labelled inputs, named images, and text contrast >= 4.5 from the computed colours.
A11Y_CHECK = """() => {
  const problems = [];
  const h1 = document.querySelectorAll("h1").length;
  if (h1 !== 1) problems.push(`${h1} h1 elements`);
  let level = 0;
  for (const h of document.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
    const next = Number(h.tagName[1]);
    if (next > level + 1) problems.push(`heading ${h.tagName} after h${level}: ${h.textContent}`);
    level = next;
  }
  for (const input of document.querySelectorAll("input, select, textarea")) {
    if (input.type === "hidden" || input.type === "submit") continue;
    if (!input.labels.length && !input.getAttribute("aria-label")) problems.push(`unlabelled ${input.name}`);
  }
  for (const img of document.querySelectorAll("img")) {
    if (!img.hasAttribute("alt")) problems.push("img without alt");
  }
  for (const svg of document.querySelectorAll("svg")) {
    const titled = svg.querySelector(":scope > title") || svg.getAttribute("aria-label");
    if (!titled) problems.push("svg without title");
  }
  const rgb = (value) => {
    const m = value.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const parts = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
  };
  const luminance = (c) => {
    const lin = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
  };
  const background = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const c = rgb(getComputedStyle(node).backgroundColor);
      if (c && c.a > 0) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  let checked = 0;
  for (const el of document.body.querySelectorAll("*")) {
    const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || el.closest("title, script, style") || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    const isSvgText = el instanceof SVGElement;
    const fg = rgb(isSvgText ? style.fill : style.color);
    if (!fg) continue;
    const bg = background(isSvgText ? el.ownerSVGElement : el);
    const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    checked += 1;
    const what = `${el.tagName}: ${el.textContent.trim().slice(0, 40)}`;
    if (ratio < 4.5) problems.push(`contrast ${ratio.toFixed(2)} for ${what}`);
  }
  if (!checked) problems.push("no text checked");
  return problems;
}"""


def record_dialog(dialogs: list[str], dialog: Any) -> None:
    """Note an alert/confirm/prompt (a script ran) and close it."""
    dialogs.append(dialog.message)
    dialog.dismiss()


def check_accessibility(page: Any) -> None:
    problems = page.evaluate(A11Y_CHECK)
    assert problems == [], f"{page.url}: {problems}"


def watch_console(page: Any) -> list[str]:
    """Return the list that collects the page's console errors and uncaught exceptions."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


class Walk:
    """Arrive on pages: check accessibility and the console, take a screenshot, note the URL."""

    def __init__(self, page: Any, shots: Path, tag: str) -> None:
        self.page = page
        self.shots = shots
        self.tag = tag
        self.errors = watch_console(page)
        self.visited: list[str] = []

    def arrive(self, name: str, accessible: bool = True, blocked: str | None = None) -> None:
        """``blocked``: the one outside URL the page's bundle asks for, which the CSP must refuse."""
        self.page.wait_for_load_state("load")
        if accessible:
            check_accessibility(self.page)
        if blocked:
            refused = [e for e in self.errors if blocked in e and "Content Security Policy" in e]
            assert refused, f"{self.page.url}: {blocked} was not refused"
            self.errors[:] = [e for e in self.errors if e not in refused]
        assert self.errors == [], f"{self.page.url}: {self.errors}"
        self.visited.append(self.page.url)
        self.page.screenshot(path=str(self.shots / f"{self.tag}{name}.png"))


def nav(page: Any, name: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True).click()


def walk(page: Any, base: str, shots: Path, tag: str, scripts: bool = True) -> list[str]:
    """Walk through every page as a reader would, asserting what they see; return the visited URLs."""
    at = Walk(page, shots, tag)
    page.goto(base + "/?since=2023-06-20&until=2023-06-30")
    assert page.locator("h1").inner_text() == "Situation room"
    first = page.locator("ol.stories > li").first
    assert first.locator("a.story-title").inner_text() == "Missile strike hits Kramatorsk restaurant"
    assert first.get_by_text("Latest killed: 12 (Reuters)").is_visible()
    assert first.locator("a.outlet").all_inner_texts() == ["Kyiv Independent", "Reuters", "TASS"]
    assert page.get_by_role("img", name="Killed per day over 11 days").is_visible()
    assert page.get_by_label("From").input_value() == "2023-06-20"
    at.arrive("home")

    first.locator("a.story-title").click()
    assert page.locator("h1").inner_text() == "Missile strike hits Kramatorsk restaurant"
    agreed = page.locator("dl.agreed")
    assert agreed.locator("dd").nth(1).inner_text() == "Russia"
    assert page.get_by_role("heading", name="Denials", level=3).is_visible()
    assert page.locator("table#figures tbody tr").count() == 3
    assert page.locator("table#figures tbody tr").nth(2).locator("td").nth(3).inner_text() == "12"
    assert page.get_by_role("img", name="Reported killed and injured over time, 3 reports").is_visible()
    assert page.get_by_role("img", name=re.compile("Map of the story's 3 located events")).is_visible()
    denial = "Russian Ministry of Defence denies what Pavlo Kyrylenko, Reuters assert"
    assert page.get_by_text(denial).is_visible()
    at.arrive("story")

    page.locator("ol.timeline li").first.get_by_role("link", name="event").click()
    assert page.locator("h1").inner_text() == "Assault event"
    mark = page.locator("div.fulltext mark")
    assert mark.inner_text() == "Russian missiles struck a busy restaurant in Kramatorsk on Tuesday evening."
    assert mark.is_visible()
    at.arrive("event")

    page.locator("dl.facts").get_by_role("link", name="Russia", exact=True).click()
    assert page.locator("h1").inner_text() == "Russia"
    assert page.get_by_role("heading", name="Mentions over time", level=2).is_visible()
    at.arrive("entity")

    page.get_by_role("link", name="events in date order").click()
    assert page.locator("h1").inner_text() == "Timeline of Russia"
    rows = page.locator("ol.timeline > li")
    assert rows.count() == 4
    quoted = rows.locator("blockquote").all_inner_texts()
    assert any(text.startswith("Russian missiles struck a busy restaurant") for text in quoted)
    at.arrive("timeline")

    nav(page, "Stories")
    page.get_by_label("Event type").select_option("ASSAULT")
    page.get_by_label("Outlet").select_option("TASS")
    page.get_by_role("button", name="Filter").click()
    assert page.locator("h1").inner_text() == "Stories"
    first_row = page.locator("table tbody tr").all_inner_texts()[0]
    assert first_row.startswith("Missile strike hits Kramatorsk restaurant")
    assert page.locator("table tbody tr").count() == 1
    at.arrive("stories")

    nav(page, "Documents")
    page.get_by_label("Outlet").select_option("Reuters")
    page.get_by_role("button", name="Filter").click()
    assert page.locator("table tbody tr").count() == 1
    assert page.get_by_role("link", name="Kramatorsk death toll rises to 12").is_visible()
    at.arrive("documents")

    nav(page, "Search")
    page.get_by_label("Search reports and names").fill("death toll")
    page.get_by_role("button", name="Search").click()
    assert page.locator("h1").inner_text() == "Search"
    assert page.get_by_role("link", name="Kramatorsk death toll rises to 12").is_visible()
    assert [m.lower() for m in page.locator("ol.results mark").all_inner_texts()] == ["death", "toll"]
    page.locator("section.facets").get_by_role("link", name="Reuters").click()
    assert page.locator("ol.results > li").count() == 1
    at.arrive("search")

    nav(page, "Map")
    assert page.locator("h1").inner_text() == "Map of events"
    clusters = page.locator("svg.map a.marker")
    assert page.locator("svg.map text.place", has_text="Kramatorsk").is_visible()
    assert page.get_by_text("far from the rest are left out").is_visible()
    counted = sum(
        int(c.locator("text.count").text_content()) if c.locator("text.count").count() else 1
        for c in clusters.all()
    )
    assert counted == 4  # Evilton, far from the theatre, is left out of the frame
    at.arrive("map")

    nav(page, "Network")
    assert page.locator("h1").inner_text() == "Actor network"
    labels = page.locator("svg.network .node text").all_text_contents()
    assert {"Russia", "Ukraine", "Wagner Group", "Russian Ministry of Defence", SCRIPT} <= set(labels)
    assert page.get_by_role("cell", name="assault 3").is_visible()  # Russia → Ukraine
    at.arrive("network")
    page.get_by_label("Event type").select_option("COERCE")
    page.get_by_role("button", name="Show").click()
    labels = page.locator("svg.network .node text").all_text_contents()
    assert sorted(labels) == ["Russian Ministry of Defence", "Wagner Group"]
    page.locator("svg.network a.node", has_text="Wagner Group").click()
    assert page.locator("h1").inner_text() == "Wagner Group"

    if scripts:
        page.goto(base + "/docs")
        page.wait_for_selector(".swagger-ui .opblock-summary-path")
        assert page.get_by_text("/api/stories/{story_id}", exact=True).is_visible()
        at.arrive("docs", accessible=False)  # Swagger UI's own markup is not ours to fix
        page.goto(base + "/redoc")
        page.wait_for_selector("redoc, [role=navigation], .menu-content", state="attached")
        page.get_by_text("List stories").first.wait_for()
        # ReDoc's bundle always asks a CDN for the Redocly logo; offline, the policy refuses it.
        at.arrive("redoc", accessible=False, blocked="https://cdn.redoc.ly/")
    return at.visited


def test_a_reader_walks_through_every_page(live_server: Any, browser: Any, shots: Path) -> None:
    dialogs: list[str] = []
    page = browser.new_page(viewport=VIEWPORT)
    page.on("dialog", lambda dialog: record_dialog(dialogs, dialog))
    visited = walk(page, live_server.url, shots, "js-")
    assert len(visited) == 12
    assert (shots / "js-story.png").stat().st_size > 10_000
    page.close()
    assert dialogs == []


def test_pages_work_without_javascript(live_server: Any, browser: Any, shots: Path) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=VIEWPORT)
    page = context.new_page()
    visited = walk(page, live_server.url, shots, "nojs-", scripts=False)
    assert len(visited) == 10
    context.close()


def test_every_response_carries_the_security_headers(live_server: Any, browser: Any) -> None:
    page = browser.new_page()
    for path in ("/", "/map", "/docs", "/static/site.css", "/api/stats", "/no-such-page"):
        response = page.goto(live_server.url + path)
        headers = response.headers
        assert "script-src 'self'" in headers["content-security-policy"], path
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["x-frame-options"] == "DENY", path
        assert headers["referrer-policy"] == "no-referrer", path
    page.close()


def test_an_inline_script_is_refused_by_the_policy(live_server: Any, browser: Any) -> None:
    page = browser.new_page()
    errors = watch_console(page)
    page.goto(live_server.url + "/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
        " document.body.appendChild(s); }"
    )
    assert page.evaluate("() => window.ran") is None
    assert any("Content Security Policy" in error for error in errors)
    page.close()


def test_hovering_a_network_node_highlights_its_neighbours(live_server: Any, browser: Any) -> None:
    page = browser.new_page()
    page.goto(live_server.url + "/network")
    page.locator("svg.network a.node", has_text="Wagner Group").locator("circle").hover()
    assert "focused" in (page.locator("svg.network").get_attribute("class") or "")
    near = page.locator("svg.network .node.near text").all_text_contents()
    assert sorted(near) == ["Russian Ministry of Defence", "Wagner Group"]
    page.close()


def test_hostile_document_runs_no_script_in_the_browser(live_server: Any, browser: Any) -> None:
    dialogs: list[str] = []
    page = browser.new_page()
    page.on("dialog", lambda dialog: record_dialog(dialogs, dialog))
    page.goto(live_server.url + "/search?q=alert")
    page.get_by_role("link", name="Breaking").first.click()
    assert page.locator("h1").inner_text() == f'{SCRIPT} Breaking "><img src=x onerror=alert(1)>'
    for path in ("/", "/stories", "/documents", "/network", "/map?whole=true"):
        page.goto(live_server.url + path)
    page.locator("svg.map a.marker").nth(0).click()
    assert page.locator("img").count() == 0
    assert dialogs == []
    page.close()


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """uvicorn serving the sample corpus, ingested and analysed like a new user would."""
    db = str(tmp_path_factory.mktemp("sample") / "sample.db")
    room = Room(db)
    report = room.ingest([str(SAMPLE)])
    room.close()
    assert not report.errors
    with LiveServer(db) as server:
        yield server


def test_the_sample_corpus_leads_with_the_kramatorsk_strike(
    sample_server: Any, browser: Any, shots: Path
) -> None:
    """Every page on the sample corpus, its screenshot saved where $SITROOM_SCREENSHOTS says."""
    out = Path(os.environ.get("SITROOM_SCREENSHOTS") or shots)
    out.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport=VIEWPORT)
    at = Walk(page, out, "")
    base = sample_server.url
    page.goto(base + "/")
    lead = page.locator("ol.stories > li").first
    assert "Kramatorsk" in lead.locator("a.story-title").inner_text()
    assert lead.locator("a.outlet").count() >= 5
    at.arrive("home")
    lead.locator("a.story-title").click()
    assert "Kramatorsk" in page.locator("h1").inner_text()
    assert page.locator("table#figures tbody tr").count() >= 3
    assert page.get_by_role("heading", name="Who blames whom", level=2).is_visible()
    at.arrive("story")
    page.locator("dl.agreed").get_by_role("link").first.click()
    at.arrive("entity")
    for name, path, heading in (
        ("stories", "/stories", "Stories"),
        ("documents", "/documents", "Documents"),
        ("timeline", "/timeline?place=Kramatorsk", "Timeline of Kramatorsk"),
        ("search", "/search?q=missile+strike", "Search"),
        ("map", "/map", "Map of events"),
        ("network", "/network", "Actor network"),
    ):
        page.goto(base + path)
        assert page.locator("h1").inner_text() == heading
        at.arrive(name)
    assert page.locator("svg.network a.node").count() >= 10
    page.goto(base + "/map")
    frame = page.locator("svg.map > title").text_content() or ""
    assert "clusters" in frame
    page.goto(
        base
        + "/events/"
        + page.locator("table a", has_text="evidence").first.get_attribute("href").split("/")[-1]
    )
    assert page.locator("div.fulltext mark").is_visible()
    at.arrive("event")
    page.goto(base + "/docs")
    page.wait_for_selector(".swagger-ui .opblock-summary-path")
    at.arrive("docs", accessible=False)
    page.close()
