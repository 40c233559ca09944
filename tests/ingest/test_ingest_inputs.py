"""read_inputs over directories, standard input and mixed inputs; content ids."""

import io
import json
from pathlib import Path

from sitroom.errors import InputError
from sitroom.ingest import READERS, SUFFIXES, read_inputs, read_path
from sitroom.model import Document


def test_every_suffix_names_a_registered_reader() -> None:
    assert set(SUFFIXES.values()) <= set(READERS)


def test_directory_is_read_recursively_in_sorted_order_skipping_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.txt").write_text("Report A.")
    (tmp_path / "b" / "c.md").write_text("Report C.")
    (tmp_path / "b" / "deep" / "d.jsonl").write_text('{"text": "Report D."}\n')
    (tmp_path / "b" / ".hidden.txt").write_text("Hidden report.")
    (tmp_path / ".git" / "e.txt").write_text("Hidden directory report.")
    results = list(read_inputs([str(tmp_path)]))
    assert [r.text for r in results if isinstance(r, Document)] == ["Report A.", "Report C.", "Report D."]
    assert next(r.origin for r in results if isinstance(r, Document)) == str(tmp_path / "a.txt")


def test_stdin_text_with_header(tmp_path: Path) -> None:
    stdin = io.StringIO("Title: Talks in Istanbul\nSource: AFP\n\nDelegations met on Monday.\n")
    [document] = read_inputs(["-"], stdin=stdin)
    assert isinstance(document, Document)
    assert (document.text, document.title, document.source, document.origin) == (
        "Delegations met on Monday.", "Talks in Istanbul", "AFP", "-",
    )  # fmt: skip


def test_stdin_json_lines_are_sniffed_from_bytes() -> None:
    stdin = io.BytesIO(b'{"text": "One."}\n\n{"text": "Two.", "source": "AP"}\n')
    results = list(read_inputs(["-"], stdin=stdin))
    assert [(r.text, r.source) for r in results if isinstance(r, Document)] == [
        ("One.", None),
        ("Two.", "AP"),
    ]


def test_stdin_html_and_feed_are_sniffed() -> None:
    html = io.StringIO("<!doctype html><html><body><p>Shelling continued in Avdiivka.</p></body></html>")
    [page] = read_inputs(["-"], stdin=html)
    assert isinstance(page, Document) and page.text == "Shelling continued in Avdiivka."
    feed = io.StringIO(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>'
        "<item><title>Ceasefire holds</title><description>Quiet night.</description></item>"
        "</channel></rss>"
    )
    [item] = read_inputs(["-"], stdin=feed)
    assert (
        isinstance(item, Document)
        and item.text == "Ceasefire holds\n\nQuiet night."
        and item.source == "Desk"
    )


def test_same_text_read_twice_gives_the_same_id(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("A missile struck Kramatorsk.")
    first, second = read_inputs([str(path), str(path)])
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.id == second.id


def test_whitespace_differences_give_the_same_id_across_formats(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A missile struck\n   Kramatorsk.\r\n")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": "  A missile struck Kramatorsk.  "}) + "\n")
    first, second = read_inputs([str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl")])
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.text != second.text
    assert first.id == second.id


def test_one_bad_input_does_not_stop_the_batch(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Report.")
    results = list(read_inputs([str(tmp_path / "missing.txt"), str(good)]))
    assert isinstance(results[0], InputError) and isinstance(results[1], Document)


def test_read_path_decodes_legacy_encodings(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Le ministre a déclaré que les négociations reprendront à Genève.".encode("latin-1"))
    [document] = read_path(path, max_bytes=1000)
    assert isinstance(document, Document)
    assert "négociations" in document.text


def test_utf8_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffTitle: Kyiv\n\nBody.".encode())
    [document] = read_path(path, max_bytes=1000)
    assert isinstance(document, Document) and (document.title, document.text) == ("Kyiv", "Body.")
