"""Stories of real RSS items against the hand-labelled gold stories (tests/gold, issue 13).

The items of 1-7 June 2023 are ingested in the order they were published, as a feed reader
would, and each item's story is read back. Thresholds were tuned on half A of the gold stories;
half B is only scored here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from sitroom.evaluate.clusters import gold_assignment, load_gold_stories, score_clustering, story_match
from sitroom.room import Room
from sitroom.store import schema as t

REPO = Path(__file__).resolve().parents[2]
RSS = REPO / ".." / "shared" / "data" / "rss-2023" / "rss-ukraine-russia-2023-06-01_14.jsonl"
GOLD = REPO / "tests" / "gold" / "rss-2023-stories.jsonl"
UNTIL = "2023-06-08"  # the gold window ends on 7 June; the days before it give the stories' context


@pytest.fixture(scope="module")
def predicted(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, int]]:
    """Ingest the items up to UNTIL; return {item id: story id} and each story's outlet count."""
    folder = tmp_path_factory.mktemp("gold")
    items = [line for line in RSS.read_text(encoding="utf-8").splitlines() if line.strip()]
    kept = [line for line in items if json.loads(line)["published"][:10] < UNTIL]
    feed = folder / "items.jsonl"
    feed.write_text("\n".join(kept) + "\n", encoding="utf-8")
    room = Room(str(folder / "gold.db"))
    room.ingest([str(feed)])
    sd, ds = t.story_documents.c, t.document_sources.c
    with room.store.engine.connect() as conn:
        rows = conn.execute(
            select(t.documents.c.metadata, sd.story_id)
            .join(t.story_documents, sd.document_id == t.documents.c.id)
            .order_by(sd.passage)
        ).all()
        outlets: dict[str, set[int]] = {}
        for story, source in conn.execute(
            select(sd.story_id, ds.source_id).join(t.document_sources, ds.document_id == sd.document_id)
        ):
            outlets.setdefault(str(story), set()).add(source)
    room.close()
    found: dict[str, str] = {}
    for metadata, story in rows:
        item = (metadata or {}).get("id")
        if item is not None:
            found.setdefault(str(item), str(story))
    return found, {story: len(sources) for story, sources in outlets.items()}


@pytest.mark.slow
def test_half_b_of_the_gold_stories_is_clustered_as_labelled(
    predicted: tuple[dict[str, str], dict[str, int]],
) -> None:
    items = load_gold_stories(GOLD)
    score = score_clustering(gold_assignment(items, half="B"), predicted[0])
    # Issue 13 asks for pairwise F1 >= 0.85. Measured when this test was written: pairwise 0.39
    # (precision 0.70, recall 0.27), B-cubed 0.71; after the merge pass of small stories and
    # rarity-weighted names: pairwise 0.61 (precision 0.79, recall 0.49), B-cubed 0.78; after
    # placement in order of publication, the river rule and bare headlines judged by wording:
    # pairwise 0.60 (precision 0.78, recall 0.49), B-cubed 0.77; with one stop-word list for
    # stories and briefs: pairwise 0.64 (precision 0.79, recall 0.54), B-cubed 0.79; with a name
    # counted once, a speaking capital no town and NAME_EVIDENCE 6: pairwise 0.66 (precision
    # 0.79, recall 0.57), B-cubed 0.80; with a large story keeping to its own towns: pairwise 0.66
    # (precision 0.79, recall 0.57), B-cubed 0.80. These floors guard that level, not the goal.
    assert score.pairwise.precision >= 0.77
    assert score.pairwise.f1 >= 0.64
    assert score.bcubed.f1 >= 0.79


@pytest.mark.slow
def test_half_a_of_the_gold_stories_reaches_the_target(
    predicted: tuple[dict[str, str], dict[str, int]],
) -> None:
    items = load_gold_stories(GOLD)
    score = score_clustering(gold_assignment(items, half="A"), predicted[0])
    # Tuned on this half. Measured: pairwise 0.941 (precision 0.969, recall 0.915), B-cubed 0.909
    # since a large story keeps to its own towns (features.strays); 0.907 (0.967, 0.855), B-cubed
    # 0.888 before; 0.87 (0.96, 0.80), B-cubed 0.848 before a name counted once, a speaking
    # capital no town and NAME_EVIDENCE 6.
    assert score.pairwise.precision >= 0.95
    assert score.pairwise.f1 >= 0.92
    assert score.bcubed.f1 >= 0.89


@pytest.mark.slow
def test_the_kakhovka_dam_breach_is_one_story_with_ten_outlets(
    predicted: tuple[dict[str, str], dict[str, int]],
) -> None:
    items = load_gold_stories(GOLD)
    match = story_match(gold_assignment(items), predicted[0], "kakhovka-dam-breach")
    assert match.cluster is not None
    # Measured: 89 of its 93 items in one story (21 outlets) since a large story keeps to its own
    # towns; 86 in one story of 89 (21 outlets) before; 83 in 86 before a name counted
    # once and a speaking capital no town; 78 in 80 before the river rule.
    assert match.overlap >= 0.8 * match.story_size
    assert predicted[1][match.cluster] >= 10
