"""A reader's walk through the site in headless chromium.

Dashboard → story → event → entity → search → map → network, asserting what a person sees;
also with JavaScript disabled, an accessibility check on every page, and no script from a
hostile document ever running.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from web_corpus import SCRIPT

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


def walk(page: Any, base: str, shots: Path, tag: str) -> list[str]:
    """Walk through every page as a reader would, asserting what they see; return the visited URLs."""
    visited = []

    def arrive(name: str) -> None:
        check_accessibility(page)
        visited.append(page.url)
        page.screenshot(path=str(shots / f"{tag}-{name}.png"), full_page=True)

    page.goto(base + "/")
    assert page.locator("h1").inner_text() == "Situation room"
    assert page.get_by_role("cell", name="12 (Reuters)").is_visible()
    arrive("dashboard")

    page.get_by_role("link", name="Missile strike hits Kramatorsk restaurant").click()
    assert page.locator("h1").inner_text() == "Missile strike hits Kramatorsk restaurant"
    figures = page.locator("table#figures tbody tr")
    assert figures.count() == 3
    assert figures.nth(2).locator("td").nth(3).inner_text() == "12"
    assert page.get_by_role("img", name="Reported killed and injured over time, 3 reports").is_visible()
    assert page.get_by_text("Russian Ministry of Defence denies what Reuters asserts").is_visible()
    arrive("story")

    page.locator("ol.timeline li").first.get_by_role("link", name="event").click()
    assert page.locator("h1").inner_text() == "Assault event"
    mark = page.locator("div.fulltext mark")
    assert mark.inner_text() == "Russian missiles struck a busy restaurant in Kramatorsk on Tuesday evening."
    assert mark.is_visible()
    assert page.locator("div.fulltext").inner_text().startswith("Russian missiles struck")
    arrive("event")

    page.locator("dl.facts").get_by_role("link", name="Russia", exact=True).click()
    assert page.locator("h1").inner_text() == "Russia"
    assert page.get_by_role("heading", name="Mentions over time", level=2).is_visible()
    arrive("entity")

    page.get_by_role("navigation").get_by_role("link", name="Search").click()
    page.get_by_label("Search reports and names").fill("death toll")
    page.get_by_role("button", name="Search").click()
    assert page.locator("h1").inner_text() == "Search"
    assert page.get_by_role("link", name="Kramatorsk death toll rises to 12").is_visible()
    assert [m.lower() for m in page.locator("ol.results mark").all_inner_texts()] == ["death", "toll"]
    arrive("search")

    page.get_by_role("navigation").get_by_role("link", name="Map").click()
    assert page.locator("h1").inner_text() == "Map of events"
    markers = page.locator("svg.map a.marker")
    assert markers.count() == 5
    assert page.locator("svg.map text.place", has_text="Kramatorsk").is_visible()
    arrive("map")

    page.get_by_role("navigation").get_by_role("link", name="Network").click()
    assert page.locator("h1").inner_text() == "Actor network"
    labels = page.locator("svg.network .node text").all_text_contents()
    assert {"Russia", "Ukraine", "Wagner Group", "Russian Ministry of Defence", SCRIPT} <= set(labels)
    arrive("network")
    page.locator("svg.network a.node", has_text="Wagner Group").click()
    assert page.locator("h1").inner_text() == "Wagner Group"
    return visited


def test_a_reader_walks_through_every_page(live_server: Any, browser: Any, shots: Path) -> None:
    dialogs: list[str] = []
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.on("dialog", lambda dialog: record_dialog(dialogs, dialog))
    visited = walk(page, live_server.url, shots, "js")
    assert len(visited) == 7
    assert (shots / "js-story.png").stat().st_size > 10_000
    page.close()
    assert dialogs == []


def test_pages_work_without_javascript(live_server: Any, browser: Any, shots: Path) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    visited = walk(page, live_server.url, shots, "nojs")
    assert len(visited) == 7
    context.close()


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
    for path in ("/", "/map", "/network"):
        page.goto(live_server.url + path)
    page.goto(live_server.url + "/map")
    page.locator("svg.map a.marker").nth(0).click()
    assert page.locator("img").count() == 0
    assert dialogs == []
    page.close()
