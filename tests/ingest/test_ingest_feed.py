"""RSS 2.0 and Atom feeds: one Document per item."""

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from sitroom.errors import InputError
from sitroom.ingest import read_path
from sitroom.model import Document

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Kyiv Independent</title><link>https://kyivindependent.com</link>
<language>en</language>
<item><title>Missile hits Kramatorsk restaurant</title><link>https://example.org/a</link>
<guid>kyiv-1</guid><pubDate>Tue, 27 Jun 2023 21:40:00 +0300</pubDate>
<description>&lt;p&gt;At least four people were killed.&lt;/p&gt;
&lt;p&gt;Rescue work goes on.&lt;/p&gt;</description>
</item>
<item><title>Death toll rises to 12</title><link>https://example.org/b</link><guid>kyiv-2</guid>
<pubDate>Wed, 28 Jun 2023 09:00:00 GMT</pubDate><description>The toll rose to 12.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>World desk</title><id>urn:desk</id>
<updated>2023-06-24T21:00:00Z</updated>
<entry><title>Wagner fighters enter Rostov</title><link href="https://example.org/w1"/><id>urn:w1</id>
<updated>2023-06-24T08:00:00Z</updated><published>2023-06-24T07:30:00+03:00</published>
<content type="html">&lt;p&gt;Fighters took control of the military headquarters.&lt;/p&gt;</content>
<source><title>Wire service</title></source></entry>
<entry><title>Prigozhin halts march</title><link href="https://example.org/w2"/><id>urn:w2</id>
<updated>2023-06-24T20:00:00Z</updated><summary>The column turned back 200 km from Moscow.</summary></entry>
</feed>"""


def read_all(path: Path) -> list[Document | InputError]:
    return list(read_path(path, max_bytes=1_000_000))


def test_rss_items_become_documents_with_dates_links_source_and_guid(tmp_path: Path) -> None:
    path = tmp_path / "kyiv.rss"
    path.write_text(RSS)
    first, second = read_all(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (
        first.text
        == "Missile hits Kramatorsk restaurant\n\nAt least four people were killed.\nRescue work goes on."
    )
    assert first.title == "Missile hits Kramatorsk restaurant"
    assert first.url == "https://example.org/a"
    assert first.published == datetime(2023, 6, 27, 21, 40, tzinfo=timezone(timedelta(hours=3)))
    assert first.source == "Kyiv Independent"
    assert first.language == "en"
    assert first.metadata["guid"] == "kyiv-1"
    assert second.url == "https://example.org/b"
    assert second.published == datetime(2023, 6, 28, 9, 0, tzinfo=UTC)


def test_atom_entries_use_published_then_updated_and_item_source(tmp_path: Path) -> None:
    path = tmp_path / "desk.atom"
    path.write_text(ATOM)
    first, second = read_all(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.text == "Wagner fighters enter Rostov\n\nFighters took control of the military headquarters."
    assert first.published == datetime(2023, 6, 24, 7, 30, tzinfo=timezone(timedelta(hours=3)))
    assert first.source == "Wire service"
    assert first.url == "https://example.org/w1"
    assert second.published == datetime(2023, 6, 24, 20, 0, tzinfo=UTC)
    assert second.source == "World desk"
    assert second.metadata["guid"] == "urn:w2"


def test_feed_is_recognised_by_content_whatever_its_suffix(tmp_path: Path) -> None:
    path = tmp_path / "download.txt"
    path.write_text(RSS)
    assert [d.title for d in read_all(path) if isinstance(d, Document)] == [
        "Missile hits Kramatorsk restaurant",
        "Death toll rises to 12",
    ]


def test_an_item_with_a_title_and_no_summary_is_its_headline_marked_as_such(tmp_path: Path) -> None:
    path = tmp_path / "headlines.xml"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>'
        "<item><title>Ukraine retakes a village near Bakhmut</title>"
        "<link>https://example.org/h</link></item>"
        "<item><title>Grid repaired</title>"
        "<description>Engineers restored power in Odesa.</description></item>"
        "</channel></rss>"
    )
    headline, full = read_path(path)
    assert isinstance(headline, Document) and isinstance(full, Document)
    assert headline.text == headline.title == "Ukraine retakes a village near Bakhmut"
    assert headline.metadata["text_kind"] == "headline"
    assert "text_kind" not in full.metadata
