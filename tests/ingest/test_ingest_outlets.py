"""Documents name their outlet as readers know it, not a feed's host name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom.errors import InputError, LexiconError
from sitroom.ingest import outlets, read_path
from sitroom.ingest.outlets import outlet_domains, outlet_name
from sitroom.model import Document

RSS_2023 = Path(__file__).parents[2] / ".." / "shared" / "data" / "rss-2023"


@pytest.mark.parametrize(
    ("source", "url", "expected"),
    [
        ("feeds.bbci.co.uk", None, "BBC"),
        ("moxie.foxnews.com", None, "Fox News"),
        ("rss.nytimes.com", None, "The New York Times"),
        ("theguardian.com", None, "The Guardian"),
        ("www.aljazeera.com", None, "Al Jazeera"),
        (None, "https://www.reuters.com/world/europe/some-story-2023-06-06/", "Reuters"),
        (None, "https://apnews.com/article/abc", "AP"),
        ("CNN - Top Stories", "https://edition.cnn.com/2023/06/06/europe/x/index.html", "CNN"),
        ("BBC News - World", "https://www.bbc.co.uk/news/world-europe-1", "BBC"),
        (None, "https://abcnews.go.com/International/x", "ABC News"),
        (None, "https://kyivindependent.com/strike/", "Kyiv Independent"),
        (None, "https://www.rferl.org/a/ukraine/1.html", "RFE/RL"),
    ],
)
def test_news_domains_and_feed_hosts_map_to_outlet_names(
    source: str | None, url: str | None, expected: str
) -> None:
    assert outlet_name(source, url) == expected


def test_a_domain_is_matched_whole_not_as_a_string_suffix() -> None:
    assert outlet_name(None, "https://notbbc.co.uk/x") is None
    assert outlet_name(None, "https://www.go.com/x") is None  # abcnews.go.com is ABC News, go.com is not


def test_an_unknown_outlet_keeps_the_feeds_own_title_or_its_host() -> None:
    assert outlet_name("Kharkiv Regional News", "https://example.org/item/1") == "Kharkiv Regional News"
    assert outlet_name("feeds.example.org", None) == "feeds.example.org"
    assert outlet_name(None, "https://example.org/item/1") is None


def test_readers_apply_the_outlet_names(tmp_path: Path) -> None:
    path = tmp_path / "items.jsonl"
    records = [
        {"source": "feeds.bbci.co.uk", "text": "Shelling hit Kherson."},
        {"url": "https://www.theguardian.com/world/x", "text": "Talks resumed in Jeddah."},
        {"source": "Local Desk", "feed": "https://moxie.foxnews.com/world.xml", "text": "A drone fell."},
    ]
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    feed = tmp_path / "world.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>NYT &gt; World News</title>'
        "<item><title>Kakhovka dam breached</title><link>https://www.nytimes.com/2023/06/06/world/x.html</link>"
        "<description>Water poured through the breach.</description></item></channel></rss>"
    )
    sources = [d.source for d in (*read_path(path), *read_path(feed)) if isinstance(d, Document)]
    assert sources == ["BBC", "The Guardian", "Fox News", "The New York Times"]


def test_a_bad_outlet_entry_is_a_lexicon_error_naming_it(monkeypatch: pytest.MonkeyPatch) -> None:
    entries = {
        "outlets": [{"name": "BBC", "domains": ["bbc.co.uk"]}, {"name": "Copy", "domains": ["bbc.co.uk"]}]
    }
    monkeypatch.setattr(outlets, "load_lexicon", lambda name: entries)
    outlet_domains.cache_clear()
    try:
        with pytest.raises(LexiconError, match=r"outlet 2 \(Copy\): bbc.co.uk is already listed for BBC"):
            outlet_domains()
        entries["outlets"] = [{"name": "BBC", "domains": ["www.bbc.co.uk"]}]
        outlet_domains.cache_clear()
        with pytest.raises(
            LexiconError, match=r"outlet 1 \(BBC\): 'www\.bbc\.co\.uk' is not a lower-case domain"
        ):
            outlet_domains()
    finally:
        outlet_domains.cache_clear()


def test_real_feed_items_are_all_read_headlines_included_and_their_outlets_named() -> None:
    (path,) = sorted(RSS_2023.glob("*.jsonl"))
    results = list(read_path(path))
    documents = [r for r in results if isinstance(r, Document)]
    assert [r for r in results if isinstance(r, InputError)] == []
    headlines = [d for d in documents if d.metadata.get("text_kind") == "headline"]
    assert len(headlines) > 100 and all(d.text == d.title for d in headlines)
    names = set(outlet_domains().values())
    named = sum(1 for d in documents if d.source in names)
    assert named / len(documents) > 0.95
