"""A lead in the passive ("the dam was destroyed") is worded from the evidence, with one article."""

from __future__ import annotations

import pytest

from sitroom.brief.facts import Span
from sitroom.brief.sections.developments import _passive


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Oskil dam was breached before dawn, officials said.", "the Oskil dam was breached"),
        ("The Pechenihy Reservoir dam was damaged by shelling.", "the Pechenihy Reservoir dam was damaged"),
        ("Overnight the Oskil dam was damaged by shelling.", "the Oskil dam was damaged"),
        ("Two rail bridges were hit near the border.", "the bridges were hit"),
    ],
)
def test_a_passive_lead_keeps_one_article(text: str, expected: str) -> None:
    noun = "bridges" if "bridges" in text else "dam"  # the noun the story's headlines share
    found = _passive(noun, [Span("doc", 0, len(text), text)])
    assert found is not None
    assert found[0] == expected
