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
        "/map?whole=true",
        "/network",
        "/stories",
        "/stories?type=ASSAULT&since=&until=",
        "/documents",
        f"/timeline?entity={hostile_entity}",
        "/timeline?place=Kramatorsk",
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


def test_home_ranks_the_window_stories_by_outlets_then_casualties(client: TestClient) -> None:
    _, tree = parse(client, "/?since=2023-06-01&until=2023-07-31")
    stories = tree.xpath("//ol[@class='stories']/li")
    titles = [li.xpath(".//a[@class='story-title']")[0].text_content() for li in stories]
    assert titles[0] == "Missile strike hits Kramatorsk restaurant"  # three outlets
    strike = stories[0]
    assert [a.text_content() for a in strike.xpath(".//a[@class='outlet']")] == [
        "Kyiv Independent",
        "Reuters",
        "TASS",
    ]
    assert "Latest killed: 12 (Reuters)" in strike.text_content()
    # One outlet each: the hostile story (3 killed) comes before the mutiny (none).
    assert titles.index(next(t for t in titles if "Breaking" in t)) < titles.index(
        next(t for t in titles if "Wagner" in t or "Rostov" in t)
    )
    counts = [li.text_content().split() for li in tree.xpath("//ul[@class='counts']/li")]
    assert ["5", "documents"] in counts and ["3", "stories"] in counts


def test_home_defaults_to_the_fortnight_up_to_the_newest_report(client: TestClient) -> None:
    _, tree = parse(client, "/")
    assert tree.xpath("//input[@name='until']")[0].get("value") == "2023-06-28"
    assert tree.xpath("//input[@name='since']")[0].get("value") == "2023-06-15"
    _, empty = parse(client, "/?since=2020-01-01&until=2020-01-31")
    assert "No stories in this window" in empty.text_content()


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


def test_search_matches_whole_words_only(client: TestClient) -> None:
    _, whole = parse(client, "/search?q=wagner")
    assert "Wagner Group" in [a.text_content() for a in whole.xpath("//section[@class='wide']/ul//a")]
    _, part = parse(client, "/search?q=agne")  # inside "Wagner": no hit, neither name nor report
    assert part.xpath("//section[@class='wide']/ul//a") == []
    assert part.xpath("//ol[@class='results']/li") == []


def test_search_facets_narrow_the_hits(client: TestClient) -> None:
    _, page = parse(client, "/search?q=Kramatorsk")
    everything = len(page.xpath("//ol[@class='results']/li"))
    outlets = [
        a.text_content() for a in page.xpath("//section[contains(@class, 'facets')]/ul")[0].xpath(".//a")
    ]
    assert "Reuters" in outlets
    _, narrowed = parse(client, "/search?q=Kramatorsk&outlet=Reuters")
    hits = narrowed.xpath("//ol[@class='results']/li")
    assert 0 < len(hits) < everything
    assert all("Reuters" in hit.xpath("span[@class='muted']")[0].text_content() for hit in hits)


def test_the_timeline_gives_each_event_its_evidence_sentence(client: TestClient) -> None:
    _, page = parse(client, "/timeline?place=Kramatorsk")
    assert page.xpath("//h1")[0].text_content() == "Timeline of Kramatorsk"
    rows = page.xpath("//ol[@class='timeline']/li")
    assert rows
    assert all(row.xpath("blockquote/a[starts-with(@href, '/events/')]") for row in rows)
    _, unknown = parse(client, "/timeline?entity=Nowhereland")
    assert "no entity has this name" in unknown.text_content()


def test_a_document_page_highlights_the_span_it_is_linked_with(
    client: TestClient, ids: dict[str, Any]
) -> None:
    _, page = parse(client, f"/documents/{ids['document']}?start=0&end=15")
    assert page.xpath("//mark[@id='evidence']")[0].text_content() == "Russian missile"
    _, beyond = parse(client, f"/documents/{ids['document']}?start=5&end=999999")
    assert beyond.xpath("//mark[@id='evidence']") == []


def test_a_bad_date_in_a_filter_is_a_clear_error_page(client: TestClient) -> None:
    answer = client.get("/stories?since=June")
    assert answer.status_code == 422
    message = lxml.html.document_fromstring(answer.text).xpath("//main/p")[0].text_content()
    assert "'June' is not a date (YYYY-MM-DD)" in message


def test_pages_send_the_security_headers(client: TestClient) -> None:
    for path in ("/", "/docs", "/redoc", "/api/stats", "/static/site.css"):
        headers = client.get(path).headers
        assert "default-src 'self'" in headers["content-security-policy"], path
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"
    assert "'unsafe-inline'" not in client.get("/").headers["content-security-policy"]


def test_the_api_docs_load_their_assets_from_this_server(client: TestClient) -> None:
    for path in ("/docs", "/redoc"):
        doc = lxml.html.document_fromstring(client.get(path).text)
        sources = [s.get("src") for s in doc.xpath("//script")]
        assert sources and all(src.startswith("/static") for src in sources), sources
        assert all(not s.text for s in doc.xpath("//script"))  # no inline script
        for src in sources:
            assert client.get(src).status_code == 200, src


def test_home_stories_page_and_api_list_the_stories_in_one_order_by_rank(client: TestClient) -> None:
    window = {"since": "2023-06-01", "until": "2023-07-31"}
    listed = client.get("/api/stories", params=window).json()["items"]
    ranks = [story["rank"] for story in listed]
    assert len(listed) == 3 and ranks == sorted(ranks, reverse=True)
    by_rank = [f"/stories/{story['id']}" for story in listed]
    _, home = parse(client, "/?since=2023-06-01&until=2023-07-31")
    assert [a.get("href") for a in home.xpath("//a[@class='story-title']")] == by_rank
    _, page = parse(client, "/stories?since=2023-06-01&until=2023-07-31")
    assert [a.get("href") for a in page.xpath("//tbody/tr/td[1]/a")] == by_rank
