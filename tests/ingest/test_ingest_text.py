"""Plain text and Markdown reports."""

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from sitroom.errors import InputError
from sitroom.ingest import read_path
from sitroom.model import Document


def read_one(path: Path) -> Document:
    results = list(read_path(path, max_bytes=1_000_000))
    assert len(results) == 1
    assert isinstance(results[0], Document), results[0]
    return results[0]


def test_text_header_block_gives_metadata_and_is_left_out_of_the_text(tmp_path: Path) -> None:
    path = tmp_path / "strike.txt"
    path.write_text(
        "Title: Missile strike on Kramatorsk\r\n"
        "source: Kyiv Independent\r\n"
        "PUBLISHED: 2023-06-27 21:40\r\n"
        "URL: https://example.org/kramatorsk\r\n"
        "Language: en\r\n"
        "Desk: Eastern front\r\n"
        "\r\n"
        "A Russian missile struck a restaurant in Kramatorsk, killing at least four people.\r\n",
        encoding="utf-8",
        newline="",
    )
    document = read_one(path)
    assert (
        document.text == "A Russian missile struck a restaurant in Kramatorsk, killing at least four people."
    )
    assert document.title == "Missile strike on Kramatorsk"
    assert document.source == "Kyiv Independent"
    assert document.published == datetime(2023, 6, 27, 21, 40, tzinfo=UTC)
    assert document.url == "https://example.org/kramatorsk"
    assert document.language == "en"
    assert document.origin == str(path)
    assert document.metadata == {"desk": "Eastern front"}


def test_text_without_header_takes_its_short_first_line_as_title(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Wagner fighters enter Rostov\n\nFighters took control of the military HQ.\n")
    document = read_one(path)
    assert document.title == "Wagner fighters enter Rostov"
    assert document.text == "Wagner fighters enter Rostov\n\nFighters took control of the military HQ."
    assert document.source is None and document.published is None


def test_first_line_with_a_colon_but_no_known_key_stays_in_the_text(tmp_path: Path) -> None:
    path = tmp_path / "update.txt"
    path.write_text("Update: five killed in Bakhmut\n\nShelling continued overnight.\n")
    document = read_one(path)
    assert document.text.startswith("Update: five killed in Bakhmut")
    assert document.metadata == {}


def test_markdown_front_matter_gives_metadata_and_body_keeps_its_markup(tmp_path: Path) -> None:
    path = tmp_path / "march.md"
    path.write_text(
        "---\n"
        "title: Prigozhin halts march on Moscow\n"
        "source: Reuters\n"
        "published: 2023-06-24T20:00:00+03:00\n"
        "tags: [wagner, russia]\n"
        "---\n"
        "# Prigozhin halts march\n\n"
        "The column turned back **200 km** from Moscow.\n"
    )
    document = read_one(path)
    assert document.title == "Prigozhin halts march on Moscow"
    assert document.source == "Reuters"
    assert document.published == datetime(2023, 6, 24, 20, 0, tzinfo=timezone(timedelta(hours=3)))
    assert document.text == "# Prigozhin halts march\n\nThe column turned back **200 km** from Moscow."
    assert document.metadata == {"tags": ["wagner", "russia"]}


def test_markdown_without_front_matter_takes_heading_as_title(tmp_path: Path) -> None:
    path = tmp_path / "note.markdown"
    path.write_text("## Ceasefire talks resume\n\nDelegations met in Istanbul on Monday.\n")
    assert read_one(path).title == "Ceasefire talks resume"


def test_markdown_with_broken_front_matter_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.md"
    path.write_text("---\ntitle: [unclosed\n---\nBody text.\n")
    results = list(read_path(path, max_bytes=1_000_000))
    assert len(results) == 1 and isinstance(results[0], InputError)
    assert str(results[0]).startswith(f"{path}: bad YAML front matter")
    assert "\n" not in str(results[0])
