"""The JSON API over SQLite and PostgreSQL: every endpoint, filters, pagination, errors, token rules."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_corpus import SCRIPT, STRIKE_FIRST, TOKEN

from sitroom.web.app import create_app


def test_openapi_schema_lists_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/documents",
        "/api/documents/{document_id}",
        "/api/entities",
        "/api/entities/{entity_id}",
        "/api/events",
        "/api/events/{event_id}",
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/search",
        "/api/brief",
        "/api/stats",
    ):
        assert path in paths
    assert "post" in paths["/api/documents"]
    assert "/" not in paths  # the HTML pages are not part of the API schema


def test_stats_count_the_corpus(client: TestClient) -> None:
    assert client.get("/api/stats").json() == {
        "documents": 5,
        "sources": 5,
        "entities": 10,
        "events": 5,
        "claims": 0,
        "stories": 3,
    }


def test_documents_are_paginated_newest_first(client: TestClient) -> None:
    first = client.get("/api/documents", params={"limit": 2}).json()
    assert [d["title"] for d in first["items"]] == [
        "Moscow denies hitting civilians in Kramatorsk",
        "Kramatorsk death toll rises to 12",
    ]
    assert first["next_offset"] == 2
    last = client.get("/api/documents", params={"limit": 2, "offset": 4}).json()
    assert [d["title"] for d in last["items"]] == ["Wagner fighters seize Rostov-on-Don"]
    assert last["next_offset"] is None
    from_tass = client.get("/api/documents", params={"source": "TASS"}).json()["items"]
    assert [d["sources"] for d in from_tass] == [["TASS"]]


def test_document_has_text_and_its_events(client: TestClient, ids: dict[str, Any]) -> None:
    found = client.get(f"/api/documents/{ids['document']}").json()
    assert found["text"] == STRIKE_FIRST
    assert found["sources"] == ["Kyiv Independent"]
    assert [e["type"] for e in found["events"]] == ["ASSAULT"]
    assert found["events"][0]["killed"] == {"min": 4, "max": None}


def test_entities_filter_by_part_of_name_or_alias(client: TestClient) -> None:
    names = [e["name"] for e in client.get("/api/entities", params={"q": "wagner"}).json()["items"]]
    assert names == ["Wagner Group"]
    by_alias = client.get("/api/entities", params={"q": "prigozhin"}).json()["items"]
    assert [e["name"] for e in by_alias] == ["Yevgeny Prigozhin"]
    assert client.get("/api/entities", params={"q": "nobody-has-this"}).json()["items"] == []


def test_entity_has_aliases_roles_relations_and_events(client: TestClient, ids: dict[str, Any]) -> None:
    found = client.get(f"/api/entities/{ids['entities']['Yevgeny Prigozhin']}").json()
    assert "Prigozhin" in found["aliases"]
    assert found["roles"][0]["title"] == "head of the Wagner Group"
    assert found["relations"][0]["predicate"] == "leader_of"
    russia = client.get(f"/api/entities/{ids['entities']['Russia']}").json()
    assert {e["type"] for e in russia["events"]} == {"ASSAULT"}
    assert len(russia["events"]) == 4
    assert russia["mentions_over_time"]


def test_entity_events_come_in_pages_with_their_total(client: TestClient, ids: dict[str, Any]) -> None:
    path = f"/api/entities/{ids['entities']['Russia']}"
    everything = client.get(path).json()
    first = client.get(path, params={"limit": 3}).json()
    rest = client.get(path, params={"limit": 3, "offset": 3}).json()
    assert everything["events_total"] == first["events_total"] == rest["events_total"] == 4
    assert len(first["events"]) == 3 and len(rest["events"]) == 1
    assert [e["id"] for e in first["events"] + rest["events"]] == [e["id"] for e in everything["events"]]
    assert client.get(path, params={"offset": 10}).json()["events"] == []
    assert client.get(path, params={"limit": 0}).status_code == 422


def test_stories_and_search_pages_follow_one_another(client: TestClient) -> None:
    every_story = client.get("/api/stories").json()["items"]
    stories = [client.get("/api/stories", params={"limit": 1, "offset": n}).json() for n in range(3)]
    assert [page["items"][0]["id"] for page in stories] == [s["id"] for s in every_story]
    assert [page["next_offset"] for page in stories] == [1, 2, None]
    every_hit = client.get("/api/search", params={"q": "Kramatorsk"}).json()["items"]
    assert len(every_hit) >= 2
    second = client.get("/api/search", params={"q": "Kramatorsk", "limit": 1, "offset": 1}).json()
    assert [h["id"] for h in second["items"]] == [every_hit[1]["id"]]


def test_events_filter_by_type_place_dates_actor_and_certainty(client: TestClient) -> None:
    def titles(**params: Any) -> list[str]:
        items = client.get("/api/events", params=params).json()["items"]
        return [e["document"]["title"] for e in items]

    assert titles(type="COERCE") == ["Wagner fighters seize Rostov-on-Don"]
    assert len(titles(place="Kramatorsk")) == 3
    assert titles(place="Atlantis") == []
    assert len(titles(actor="Russia")) == 3
    assert titles(actor="Wagner") == ["Wagner fighters seize Rostov-on-Don"]  # by alias
    assert titles(certainty="denied") == ["Moscow denies hitting civilians in Kramatorsk"]
    assert titles(since="2023-06-25", until="2023-06-26") == [
        f'{SCRIPT} Breaking "><img src=x onerror=alert(1)>'
    ]
    assert len(titles(since="2023-06-27")) == 3
    page = client.get("/api/events", params={"limit": 1, "offset": 1}).json()
    assert len(page["items"]) == 1 and page["next_offset"] == 2


def test_event_by_id_has_evidence_and_document(client: TestClient, ids: dict[str, Any]) -> None:
    found = client.get(f"/api/events/{ids['event']}").json()
    sentence = "Russian missiles struck a busy restaurant in Kramatorsk on Tuesday evening."
    assert found["evidence"]["text"] == sentence
    assert STRIKE_FIRST[found["evidence"]["start"] : found["evidence"]["end"]] == sentence
    assert found["actor"] == "Russia" and found["location"] == "Kramatorsk"
    assert found["attributed_to"] == "Pavlo Kyrylenko"


def test_stories_list_and_detail_show_figures_over_time_and_conflicts(
    client: TestClient, ids: dict[str, Any]
) -> None:
    listed = client.get("/api/stories", params={"place": "Kramatorsk"}).json()["items"]
    assert [s["id"] for s in listed] == [ids["story"]]
    assert (
        client.get("/api/stories", params={"type": "COERCE"}).json()["items"][0]["location"]
        == "Rostov-on-Don"
    )
    assert client.get("/api/stories", params={"place": "Atlantis"}).json()["items"] == []
    story = client.get(f"/api/stories/{ids['story']}").json()
    assert story["sources"] == ["Kyiv Independent", "Reuters", "TASS"]
    killed = [(f["source"], f["min"], f["max"]) for f in story["figures"] if f["kind"] == "killed"]
    assert killed == [("Kyiv Independent", 4, None), ("Reuters", 12, 12)]
    assert any(c["kind"] == "denial" for c in story["conflicts"])
    assert len(story["events"]) == 3


def test_search_finds_documents_with_snippets(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "death toll"}).json()["items"]
    assert [h["title"] for h in hits] == ["Kramatorsk death toll rises to 12"]
    assert "[" in hits[0]["snippet"]
    assert client.get("/api/search", params={"q": "zeppelin"}).json()["items"] == []


def test_brief_has_markdown_and_cited_sentences(client: TestClient) -> None:
    found = client.get("/api/brief").json()
    assert found["markdown"].startswith("# Situation report")
    sentences = [s for section in found["sections"] for s in section["sentences"]]
    assert sentences and all(s["citations"] for s in sentences)
    numbers = {source["number"] for source in found["sources"]}
    assert {n for s in sentences for n in s["citations"]} <= numbers
    assert any("Kramatorsk" in s["text"] for s in sentences)


@pytest.mark.parametrize(
    "path",
    ["/api/documents/nope", "/api/entities/999999", "/api/events/nope", "/api/stories/999999"],
)
def test_unknown_ids_answer_404_with_a_message(client: TestClient, path: str) -> None:
    answer = client.get(path)
    assert answer.status_code == 404
    assert answer.json()["detail"].split(":")[0].split()[0] in ("document", "entity", "event", "story")


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/documents", {"limit": 0}),
        ("/api/documents", {"offset": -1}),
        ("/api/events", {"type": "PICNIC"}),
        ("/api/events", {"certainty": "sure"}),
        ("/api/events", {"since": "last week"}),
        ("/api/stories", {"until": "2023-13-45"}),
        ("/api/search", {}),
        ("/api/entities/not-a-number", {}),
    ],
)
def test_bad_parameters_answer_422(client: TestClient, path: str, params: dict[str, Any]) -> None:
    assert client.get(path, params=params).status_code == 422


def test_post_without_a_configured_token_is_refused_as_read_only(corpus_url: str) -> None:
    app = create_app(corpus_url)
    try:
        answer = TestClient(app).post(
            "/api/documents", json={"text": "Anything."}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
    finally:
        app.state.room.close()
    assert answer.status_code == 403
    assert "read-only" in answer.json()["detail"]


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}"])
def test_post_with_a_missing_or_wrong_token_is_unauthorized(client: TestClient, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    answer = client.post("/api/documents", json={"text": "Anything."}, headers=headers)
    assert answer.status_code == 401
    assert "token" in answer.json()["detail"]
    assert client.get("/api/stats").json()["documents"] == 5


@pytest.fixture
def writable(db_url: str) -> Iterator[TestClient]:
    """A client of an app with a token over an empty database (SQLite and PostgreSQL)."""
    app = create_app(db_url, api_token=TOKEN)
    with TestClient(app) as test_client:
        yield test_client
    app.state.room.close()


def test_post_with_the_token_ingests_a_text_that_is_then_searchable(writable: TestClient) -> None:
    body = {
        "text": "Ukrainian drones struck an oil depot in Novorossiysk on Friday, officials said.",
        "title": "Drones hit Novorossiysk depot",
        "source": "Meduza",
        "url": "https://meduza.example/depot",
        "published": "2023-07-07T10:00:00Z",
    }
    answer = writable.post("/api/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 201, answer.text
    document_id = answer.json()["documents"][0]
    assert answer.json()["new"] == 1
    hits = writable.get("/api/search", params={"q": "Novorossiysk"}).json()["items"]
    assert [h["id"] for h in hits] == [document_id]
    stored = writable.get(f"/api/documents/{document_id}").json()
    assert stored["title"] == "Drones hit Novorossiysk depot" and stored["sources"] == ["Meduza"]


def test_post_needs_text_or_url_and_refuses_private_urls(writable: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert writable.post("/api/documents", json={"title": "no text"}, headers=auth).status_code == 422
    answer = writable.post("/api/documents", json={"url": "http://127.0.0.1:9/report"}, headers=auth)
    assert answer.status_code == 422
    assert "127.0.0.1" in answer.json()["detail"]
