"""HTML pages through trafilatura, with the visible-text fallback."""

from datetime import datetime, timedelta, timezone
from pathlib import Path

from sitroom.ingest import read_path
from sitroom.model import Document

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><title>Strike hits Kramatorsk | Kyiv Post</title>
<meta property="og:site_name" content="Kyiv Post">
<meta property="og:title" content="Missile strike hits Kramatorsk restaurant">
<meta property="article:published_time" content="2023-06-27T21:40:00+03:00">
<meta name="author" content="Jane Roe">
<link rel="canonical" href="https://example.org/news/kramatorsk">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Missile strike hits Kramatorsk restaurant</h1>
<p>A Russian missile struck a restaurant in Kramatorsk on Tuesday evening, killing at least
four people and injuring dozens, regional officials said.</p>
<p>Rescue workers searched the rubble through the night. The death toll rose to 12 by
Wednesday, according to the State Emergency Service.</p>
</article>
<footer>Subscribe to our newsletter. Copyright 2023 Kyiv Post.</footer>
</body></html>"""


def test_html_main_text_title_date_site_and_url(tmp_path: Path) -> None:
    path = tmp_path / "kramatorsk.html"
    path.write_text(ARTICLE)
    [document] = read_path(path, max_bytes=1_000_000)
    assert isinstance(document, Document)
    assert "killing at least four people" in document.text
    assert "death toll rose to 12" in document.text
    assert "Subscribe to our newsletter" not in document.text
    assert "Sport" not in document.text
    assert document.title == "Missile strike hits Kramatorsk restaurant"
    assert document.source == "Kyiv Post"
    assert document.url == "https://example.org/news/kramatorsk"
    assert document.published == datetime(2023, 6, 27, 21, 40, tzinfo=timezone(timedelta(hours=3)))
    assert document.language == "en"
    assert document.metadata["author"] == "Jane Roe"


def test_broken_html_with_unclosed_tags_still_yields_its_text(tmp_path: Path) -> None:
    path = tmp_path / "broken.htm"
    path.write_text("<html><body><div><p>Soldiers advanced near Bakhmut<div><p>The ministry <b>confirmed")
    [document] = read_path(path, max_bytes=1_000_000)
    assert isinstance(document, Document)
    assert "Soldiers advanced near Bakhmut" in document.text
    assert "The ministry confirmed" in document.text
