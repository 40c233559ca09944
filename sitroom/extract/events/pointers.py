"""The parts of a page that only point elsewhere: a "See also" or "References" section lists the
titles of other articles ("* 2016 Bagram Airfield bombing"), not happenings the report tells of.

A section starts at a line that is only one of ``reference_headings`` (``lexicons/grammar.yaml``),
bare or as a wiki heading ("==See also==", "See also:"), and runs to the next heading or the end.
"""

from __future__ import annotations

import re

from sitroom.lexicons import load_grammar

_HEADING = re.compile(r"^[ \t]*(=+)?[ \t]*(?P<title>[^\n=]{1,40}?)[ \t]*:?[ \t]*(?(1)=+)[ \t]*$", re.M)
_WIKI_HEADING = re.compile(r"^[ \t]*==+[^\n]*==+[ \t]*$", re.M)


def pointer_spans(text: str) -> list[tuple[int, int]]:
    """Return the character spans of a text's reference sections (heading included), in order."""
    headings = set(load_grammar()["reference_headings"])
    spans: list[tuple[int, int]] = []
    for match in _HEADING.finditer(text):
        if match.group("title").strip().casefold() not in headings:
            continue
        following = _WIKI_HEADING.search(text, match.end())
        spans.append((match.start(), following.start() if following else len(text)))
    return spans


def in_spans(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a character offset falls inside one of ``spans``."""
    return any(start <= offset < end for start, end in spans)
