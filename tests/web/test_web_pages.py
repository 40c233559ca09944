"""The HTML pages as served: content a reader sees, 404 pages, and hostile document content shown as text."""

from __future__ import annotations

from typing import Any

import lxml.html
import pytest
from fastapi.testclient import TestClient
from web_corpus import IMG, JS_URL, SCRIPT


def page_paths(ids: dict[str, Any]) -> list[str]:
    """Every page of the app, those showing the hostile document's content included."""
    hostile_entity = ids["entities"][SCRIPT]
    return [
        "/",
        "/search?q=alert",
        "/search?q=Kramatorsk",
        f"/documents/{ids['document']}",
        f"/documents/{ids['hostile_document']}",
        f"/entities/{hostile_entity}",
        f"/entities/{ids['entities']['Russia']}",
        f"/events/{ids['event']}",
        f"/events/{ids['hostile_event']}",
        f"/stories/{ids['story']}",
        f"/stories/{ids['hostile_story']}",
        "/map",
        "/network",
    ]


def parse(client: TestClient, path: str) -> tuple[str, Any]:
    answer = client.get(path)
    assert answer.status_code == 200, path
    assert answer.headers["content-type"].startswith("text/html")
    return answer.text, lxml.html.document_fromstring(answer.text)


def test_every_page_shows_hostile_content_as_text_only(client: TestClient, ids: dict[str, Any]) -> None:
    shown_payloads = 0
    for path in page_paths(ids):
        raw, tree = parse(client, path)
        scripts = tree.xpath("//script")
        assert all(s.get("src", "").startswith("/static/") and not (s.text or "").strip() for s in scripts), (
            path
        )
        assert tree.xpath("//img") == [], path
        assert tree.xpath("//@*[starts-with(name(), 'on')]") == [], path
        for href in tree.xpath("//@href"):
            assert href.startswith(("/", "http://", "https://")), (path, href)
        assert "<script>alert" not in raw and "<img src=x" not in raw, path
        text = tree.text_content()
        if SCRIPT in text or IMG in text:
            shown_payloads += 1
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw or "&lt;img src=x" in raw, path
    assert shown_payloads >= 8


def test_javascript_urls_are_shown_as_text_not_links(client: TestClient, ids: dict[str, Any]) -> None:
    _, tree = parse(client, f"/documents/{ids['hostile_document']}")
    assert JS_URL in tree.text_content()
    assert not [a for a in tree.xpath("//a") if JS_URL in (a.get("href") or "")]
    assert tree.xpath("//h1")[0].text_content() == f"{SCRIPT} Breaking {IMG}"


def test_dashboard_lists_stories_with_sources_count_and_latest_figures(client: TestClient) -> None:
    _, tree = parse(client, "/")
    rows = {
        row.xpath("td[1]")[0].text_content(): [td.text_content() for td in row.xpath("td")]
        for row in tree.xpath("//table//tbody/tr")
    }
    strike = rows["Missile strike hits Kramatorsk restaurant"]
    assert strike[3] == "3"  # sources
    assert strike[4] == "12 (Reuters)"
    counts = [li.text_content().split() for li in tree.xpath("//ul[@class='counts']/li")]
    assert ["5", "documents"] in counts and ["3", "stories"] in counts


def test_event_page_marks_the_evidence_inside_the_full_text(client: TestClient, ids: dict[str, Any]) -> None:
    _, tree = parse(client, f"/events/{ids['event']}")
    marked = tree.xpath("//div[@class='fulltext']/mark")
    assert [m.text_content() for m in marked] == [
        "Russian missiles struck a busy restaurant in Kramatorsk on Tuesday evening."
    ]
    assert "At least four people were killed" in tree.xpath("//div[@class='fulltext']")[0].text_content()


def test_story_page_has_timeline_figures_table_chart_and_conflicts(
    client: TestClient, ids: dict[str, Any]
) -> None:
    _, tree = parse(client, f"/stories/{ids['story']}")
    figures = [
        [td.text_content() for td in row.xpath("td")][1:4]
        for row in tree.xpath("//table[@id='figures']/tbody/tr")
    ]
    assert figures == [
        ["Kyiv Independent", "injured", "42"],
        ["Kyiv Independent", "killed", "at least 4"],
        ["Reuters", "killed", "12"],
    ]
    assert len(tree.xpath("//svg[@class='chart']//circle")) == 3
    assert (
        tree.xpath("//svg[@class='chart']/title")[0].text_content().startswith("Reported killed and injured")
    )
    assert len(tree.xpath("//ol[@class='timeline']/li")) == 3
    assert "denies what" in " ".join(li.text_content() for li in tree.xpath("//li[@class='conflict']"))


def test_unknown_ids_show_a_404_page(client: TestClient) -> None:
    for path in ("/events/nope", "/stories/424242", "/entities/424242", "/documents/nope"):
        answer = client.get(path)
        assert answer.status_code == 404
        tree = lxml.html.document_fromstring(answer.text)
        assert tree.xpath("//h1")[0].text_content() == "Not found"


@pytest.mark.parametrize("path", ["/static/site.css", "/static/map.js", "/static/network.js"])
def test_static_assets_are_served_locally(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 200
    assert "http://" not in answer.text and "https://" not in answer.text
