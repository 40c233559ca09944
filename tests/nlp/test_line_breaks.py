"""Sentence starts at line breaks: blank lines, headlines, lines without end punctuation."""

from __future__ import annotations


def _sentences(nlp, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.text.strip() for s in nlp(text).sents]


def test_a_line_without_end_punctuation_ends_before_a_capital(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Shelling resumes near Avdiivka\nResidents fled the town on Monday\nA bridge was damaged overnight"
    assert _sentences(nlp, text) == [
        "Shelling resumes near Avdiivka",
        "Residents fled the town on Monday",
        "A bridge was damaged overnight",
    ]


def test_a_sentence_wrapped_onto_a_lower_case_line_stays_whole(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Storms in the north.\nPower lines were cut across the region\nafter the storm, officials said.\n"
    assert (
        _sentences(nlp, text)[-1]
        == "Power lines were cut across the region\nafter the storm, officials said."
    )
