"""Every bad input yields exactly one InputError: one line, naming the input and the problem."""

from pathlib import Path

import pytest

from sitroom.errors import InputError
from sitroom.ingest import read_inputs, read_path

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rss version="2.0"><channel><title>&lol3;</title>
<item><title>&lol3;</title><description>&lol3;</description></item></channel></rss>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE feed [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<feed xmlns="http://www.w3.org/2005/Atom"><title>&secret;</title>
<entry><title>Leak</title><summary>&secret;</summary></entry></feed>"""


def only_error(path: Path, max_bytes: int = 1_000_000) -> str:
    results = list(read_path(path, max_bytes=max_bytes))
    assert len(results) == 1, results
    assert isinstance(results[0], InputError), results[0]
    message = str(results[0])
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    return message.removeprefix(f"{path}: ")


def test_missing_path(tmp_path: Path) -> None:
    assert only_error(tmp_path / "nowhere.txt") == "no such file or directory"


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert only_error(path) == "empty file"


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_text("  \n\t\r\n\n")
    assert only_error(path) == "empty file"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert only_error(path) == "binary file, not a text report"


def test_file_of_control_bytes_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes(b"\x00\x01\x02\x03 header \x00\x00\x10\x11" * 50)
    assert only_error(path) == "binary file, not a text report"


def test_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"Report on the strike.\n" + b"\xff\xfe\x00bad" * 5 + b"\nMore text here.\n")
    assert only_error(path).startswith("cannot decode text (not UTF-8")


def test_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "report.xyz"
    path.write_text("A report.")
    message = only_error(path)
    assert message.startswith("unknown format '.xyz' (known: ")
    assert ".jsonl" in message and ".html" in message


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("word " * 300)
    assert only_error(path, max_bytes=1000) == "file is 1500 bytes, over the limit of 1000 (set --max-bytes)"


def test_malformed_feed_xml(tmp_path: Path) -> None:
    path = tmp_path / "broken.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title></chanel>')
    assert only_error(path).startswith("malformed feed XML: ")


@pytest.mark.parametrize(
    "content", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"]
)
def test_feed_declaring_entities_is_refused(tmp_path: Path, content: str) -> None:
    path = tmp_path / "attack.xml"
    path.write_text(content)
    assert only_error(path) == "XML declares entities (refused: possible entity-expansion attack)"


def test_html_without_visible_text(tmp_path: Path) -> None:
    path = tmp_path / "script.html"
    path.write_text("<html><head><title>T</title><script>var x = 1;</script></head><body> </body></html>")
    assert only_error(path) == "no readable text"


def test_empty_stdin() -> None:
    import io

    [error] = read_inputs(["-"], stdin=io.StringIO("  \n"))
    assert isinstance(error, InputError) and str(error) == "-: empty input"


def test_stdin_over_the_size_limit() -> None:
    import io

    [error] = read_inputs(["-"], stdin=io.BytesIO(b"x" * 2000), max_bytes=1000)
    assert str(error) == "-: input is over the limit of 1000 bytes (set --max-bytes)"


def test_jsonl_line_with_a_number_too_long_for_python_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text("1" * 5000 + "\n" + '{"text": "Shelling hit the port of Odesa."}\n')
    results = list(read_inputs([str(path)]))
    errors = [r for r in results if isinstance(r, InputError)]
    assert len(errors) == 1 and str(errors[0]).startswith(f"{path}:1: ")
    assert [r.text for r in results if not isinstance(r, InputError)] == ["Shelling hit the port of Odesa."]


def test_input_errors_survive_pickling_for_cluster_workers() -> None:
    import pickle

    error = InputError("feed.xml", "XML declares entities")
    assert str(pickle.loads(pickle.dumps(error))) == "feed.xml: XML declares entities"
