"""Text in any common encoding: byte order marks first, then UTF-8, then the best guess, Western first."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitroom.errors import InputError
from sitroom.ingest import read_path
from sitroom.model import Document

REPORT = "Title: Talks in Geneva\n\nThe señor from Bogotá met the délégation in Genève on Friday."


def read_one(path: Path) -> Document:
    (document,) = read_path(path)
    assert isinstance(document, Document), document
    return document


@pytest.mark.parametrize(
    "codec", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"]
)
def test_text_with_a_byte_order_mark_is_decoded_by_it(tmp_path: Path, codec: str) -> None:
    data = REPORT.encode(codec)
    if codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        data = "\ufeff".encode(codec) + data  # these codecs write no mark of their own
    path = tmp_path / "report.txt"
    path.write_bytes(data)

    document = read_one(path)

    assert document.title == "Talks in Geneva"
    assert document.text == "The señor from Bogotá met the délégation in Genève on Friday."


@pytest.mark.parametrize("suffix", [".md", ".csv", ".jsonl", ".html"])
def test_utf16_with_a_byte_order_mark_is_read_in_every_text_format(tmp_path: Path, suffix: str) -> None:
    body = "The señor met the délégation in Genève."
    content = {
        ".md": f"# Talks\n\n{body}\n",
        ".csv": f'title,text\nTalks,"{body}"\n',
        ".jsonl": '{"title": "Talks", "text": "' + body + '"}\n',
        ".html": f"<html><body><article><p>{body}</p></article></body></html>",
    }[suffix]
    path = tmp_path / f"report{suffix}"
    path.write_bytes(content.encode("utf-16"))

    assert body in read_one(path).text


def test_short_latin1_text_keeps_its_spanish_letters(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_bytes("El señor dijo que sí.".encode("latin-1"))
    assert read_one(path).text == "El señor dijo que sí."


def test_one_latin1_word_is_not_guessed_as_a_baltic_or_arabic_code_page(tmp_path: Path) -> None:
    path = tmp_path / "word.txt"
    path.write_bytes("señor".encode("latin-1"))
    assert read_one(path).text == "señor"


def test_cp1252_quotes_and_dashes_are_read_as_written(tmp_path: Path) -> None:
    path = tmp_path / "quotes.txt"
    path.write_bytes("“We will not retreat” – the mayor of Kherson said.".encode("cp1252"))
    assert read_one(path).text == "“We will not retreat” – the mayor of Kherson said."


def test_cyrillic_windows_1251_text_is_still_read_as_cyrillic(tmp_path: Path) -> None:
    text = "Обстріл Херсона тривав усю ніч, повідомила обласна адміністрація."
    path = tmp_path / "uk.txt"
    path.write_bytes(text.encode("cp1251"))
    assert read_one(path).text == text


def test_binary_bytes_after_a_utf16_mark_are_still_binary(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes(b"\xff\xfe" + b"\x01\x00\x02\x00\x03\x00" * 200)
    (error,) = read_path(path)
    assert isinstance(error, InputError)
    assert str(error) == f"{path}: binary file, not a text report"


def test_a_broken_utf16_text_is_one_error_naming_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes("Kyiv".encode("utf-16") + b"\x00\xd8")  # a lone high surrogate at the end
    (error,) = read_path(path)
    assert isinstance(error, InputError)
    assert str(error).startswith(f"{path}: cannot decode text (starts with a utf-16-le byte order mark")
