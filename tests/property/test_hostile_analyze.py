"""``analyze`` survives hostile text, and every evidence span is the slice of the text it points to."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitroom import analyze
from sitroom.model import Analysis, Evidence

# Words that make the extractor fire (names, places, triggers, figures, hedges, titles), to be
# mixed with hostile characters so that spans are found next to them.
NEWS_WORDS = st.sampled_from(
    [
        "Russian", "forces", "shelled", "Kharkiv", "on", "Monday,", "killing", "at least", "12", "three",
        "civilians", "President", "Volodymyr Zelensky", "said", "reportedly", "allegedly", "Wagner",
        "Yevgeny Prigozhin", "accused", "the", "Ministry of Defence", "of", "$1.3 billion", "in", "aid",
        "sanctions", "Kramatorsk", "June 27, 2023", "protesters", "police", "arrested", "(", ")", '"', ".",
        "\n\n", "leader of", "Belarus", "Alexander Lukashenko", "denied", "wounded", "dozens",
    ]
)  # fmt: skip
HOSTILE_PIECES = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=12),
    st.text(st.characters(max_codepoint=0x9F, categories=["Cc"]), min_size=1, max_size=4),
    st.sampled_from(["\u200b", "\u202e", "\ufeff", "\u0301", "\u2028", "é", "ﬁ", "𝐊", "👍🏽", "\t", "\r\n"]),
)
TEXTS = st.builds(
    "".join, st.lists(st.one_of(NEWS_WORDS.map(lambda w: w + " "), HOSTILE_PIECES), min_size=1, max_size=80)
)
LONG_LINES = st.builds(lambda word, times: (word + " ") * times, NEWS_WORDS, st.integers(200, 1500))
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def evidence_of(analysis: Analysis) -> list[Evidence]:
    """Every evidence span of an analysis: mentions, events, claims, relations and roles."""
    spans = [Evidence(m.start, m.end, m.text) for m in analysis.mentions]
    spans += [e.evidence for e in analysis.events]
    spans += [c.evidence for c in analysis.claims]
    spans += [r.evidence for r in analysis.relations]
    spans += [r.evidence for r in analysis.roles]
    return spans


def assert_spans_match(text: str) -> Analysis:
    analysis = analyze(text)
    for span in evidence_of(analysis):
        assert 0 <= span.start <= span.end <= len(analysis.document.text)
        assert analysis.document.text[span.start : span.end] == span.text
    return analysis


@SETTINGS
@given(text=TEXTS)
def test_every_evidence_span_is_the_slice_of_hostile_text_it_points_to(text: str) -> None:
    assert_spans_match(text)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=LONG_LINES)
def test_very_long_lines_are_analysed_with_matching_spans(text: str) -> None:
    assert_spans_match(text)


def test_a_report_among_control_characters_keeps_its_events_and_spans() -> None:
    text = (
        "\x00\x07Russian forces shelled\u200b Kharkiv on Monday, killing three civilians\x1b, "
        "officials said.\x7f"
    )

    analysis = assert_spans_match(text)

    assert "ASSAULT" in [event.type for event in analysis.events]
