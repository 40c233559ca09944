"""Story clustering scores: pairwise and B-cubed on hand-made clusterings, halves, gold loading."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from sitroom.errors import InputError
from sitroom.evaluate.clusters import (
    GoldStoryItem,
    bcubed_scores,
    gold_assignment,
    load_gold_stories,
    pairwise_scores,
    score_clustering,
    story_halves,
    story_match,
)

GOLD_FILE = Path(__file__).parents[1] / "gold" / "rss-2023-stories.jsonl"

# Three gold stories of sizes 3, 2 and 1.
GOLD = {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B", "c1": "C"}
# a3 wrongly joined with b1, b2 split from b1.
SPLIT_AND_JOINED = {"a1": "x", "a2": "x", "a3": "y", "b1": "y", "b2": "z", "c1": "w"}


def test_a_perfect_clustering_scores_one_whatever_its_cluster_names() -> None:
    renamed = {"a1": "1", "a2": "1", "a3": "1", "b1": "2", "b2": "2", "c1": "3"}
    score = score_clustering(GOLD, renamed)
    assert (score.pairwise.precision, score.pairwise.recall, score.pairwise.f1) == (1.0, 1.0, 1.0)
    assert (score.bcubed.precision, score.bcubed.recall, score.bcubed.f1) == (1.0, 1.0, 1.0)
    assert (score.items, score.gold_stories, score.predicted_clusters) == (6, 3, 3)


def test_pairwise_counts_pairs_by_hand() -> None:
    # Gold pairs: 3 in A + 1 in B = 4. Predicted pairs: (a1,a2) and (a3,b1) = 2; only (a1,a2) is gold.
    score = pairwise_scores(GOLD, SPLIT_AND_JOINED)
    assert score.precision == pytest.approx(1 / 2)
    assert score.recall == pytest.approx(1 / 4)
    assert score.f1 == pytest.approx(1 / 3)


def test_bcubed_averages_per_item_by_hand() -> None:
    # Precision per item: a1 1, a2 1, a3 1/2, b1 1/2, b2 1, c1 1 -> 5/6.
    # Recall per item: a1 2/3, a2 2/3, a3 1/3, b1 1/2, b2 1/2, c1 1 -> 11/18.
    score = bcubed_scores(GOLD, SPLIT_AND_JOINED)
    assert score.precision == pytest.approx(5 / 6)
    assert score.recall == pytest.approx(11 / 18)
    assert score.f1 == pytest.approx(55 / 78)


def test_one_big_cluster_has_full_recall_and_low_precision() -> None:
    everything = dict.fromkeys(GOLD, "all")
    pairwise = pairwise_scores(GOLD, everything)
    assert (pairwise.precision, pairwise.recall) == (pytest.approx(4 / 15), 1.0)
    bcubed = bcubed_scores(GOLD, everything)
    # a-items see 3/6 of their cluster, b-items 2/6, c1 1/6: (3*3 + 2*2 + 1) / 6 / 6.
    assert (bcubed.precision, bcubed.recall) == (pytest.approx(7 / 18), 1.0)


def test_all_singletons_have_full_pairwise_precision_and_no_recall() -> None:
    singletons = {item: item for item in GOLD}
    score = pairwise_scores(GOLD, singletons)
    assert (score.precision, score.recall, score.f1) == (1.0, 0.0, 0.0)
    assert bcubed_scores(GOLD, singletons).recall == pytest.approx((1 / 3 * 3 + 1 / 2 * 2 + 1) / 6)


def test_gold_items_the_prediction_lacks_count_as_singletons() -> None:
    partial = {"a1": "x", "a2": "x"}
    assert pairwise_scores(GOLD, partial) == pairwise_scores(GOLD, {**partial, "a3": "p", "b1": "q"})
    score = pairwise_scores(GOLD, partial)
    assert (score.precision, score.recall) == (1.0, pytest.approx(1 / 4))


def test_predicted_items_outside_the_gold_are_ignored() -> None:
    with_extra = {**SPLIT_AND_JOINED, "unlabelled1": "x", "unlabelled2": "y"}
    assert score_clustering(GOLD, with_extra) == score_clustering(GOLD, SPLIT_AND_JOINED)


def test_roundups_can_be_left_out_of_the_score() -> None:
    items = [GoldStoryItem(item, story, "report") for item, story in GOLD.items()]
    items.append(GoldStoryItem("r1", "roundup-r1", "roundup"))
    predicted = {**GOLD, "r1": "A"}
    with_roundups = pairwise_scores(gold_assignment(items), predicted)
    without = pairwise_scores(gold_assignment(items, exclude_kinds=("roundup",)), predicted)
    # The live blog joined to story A adds 3 wrong pairs to the 4 right ones.
    assert with_roundups.precision == pytest.approx(4 / 7)
    assert (without.precision, without.recall) == (1.0, 1.0)


def test_story_match_finds_the_cluster_holding_most_of_a_story() -> None:
    match = story_match(GOLD, SPLIT_AND_JOINED, "A")
    assert (match.cluster, match.overlap, match.story_size, match.cluster_size) == ("x", 2, 3, 2)
    assert match.f1 == pytest.approx(4 / 5)
    assert story_match(GOLD, {}, "C").cluster is None
    with pytest.raises(KeyError):
        story_match(GOLD, SPLIT_AND_JOINED, "no-such-story")


def test_story_halves_are_fixed_balanced_and_keep_stories_whole() -> None:
    sizes = {"big": 6, "mid": 4, "small-1": 2, "small-2": 2, "one-1": 1, "one-2": 1}
    items = [GoldStoryItem(f"{key}-{n}", key, "report") for key, size in sizes.items() for n in range(size)]
    halves = story_halves(items)
    assert halves == story_halves(reversed(items))
    # big -> A (6), mid -> B (4), a small one -> B (6), the other -> A on the tie (8),
    # then both singletons -> B (8).
    assert halves["big"] == "A" and halves["mid"] == "B"
    assert sorted([halves["small-1"], halves["small-2"]]) == ["A", "B"]
    assert halves["one-1"] == halves["one-2"] == "B"
    half_a = gold_assignment(items, half="A")
    assert set(half_a.values()) == {"big", "small-1" if halves["small-1"] == "A" else "small-2"}
    assert len(half_a) == 8 == len(gold_assignment(items, half="B"))
    assert not set(half_a) & set(gold_assignment(items, half="B"))
    with pytest.raises(ValueError, match="half"):
        gold_assignment(items, half="C")


def test_loader_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(
        '{"id": "x1", "story": "s", "kind": "report"}\n{"id": "x2", "story": "s", "kind": "blog"}\n'
    )
    with pytest.raises(InputError, match=r"gold\.jsonl:2: 'kind' must be one of"):
        load_gold_stories(path)
    path.write_text('{"id": "x1", "story": "s"}\n{"id": "x1", "story": "t"}\n')
    with pytest.raises(InputError, match="labelled twice"):
        load_gold_stories(path)
    path.write_text('{"id": "x1"}\n')
    with pytest.raises(InputError, match="needs a non-empty 'id' and 'story'"):
        load_gold_stories(path)
    path.write_text("not json\n")
    with pytest.raises(InputError, match="not valid JSON"):
        load_gold_stories(path)
    with pytest.raises(InputError, match="no such file"):
        load_gold_stories(tmp_path / "missing.jsonl")


def test_loader_reads_kind_and_note(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(
        '{"id": "x1", "story": "s", "kind": "roundup", "note": "live blog"}\n\n{"id": "x2", "story": "s"}\n'
    )
    assert load_gold_stories(path) == [
        GoldStoryItem("x1", "s", "roundup", "live blog"),
        GoldStoryItem("x2", "s", "report", ""),
    ]


def test_the_rss_gold_covers_a_complete_window_of_the_dev_items(shared: Path) -> None:
    gold = load_gold_stories(GOLD_FILE)
    source = shared / "data" / "rss-2023" / "rss-ukraine-russia-2023-06-01_14.jsonl"
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    window = [row for row in rows if row["published"] >= "2023-06-05"][: len(gold)]
    assert len(gold) >= 300
    assert [item.id for item in gold] == [row["id"] for row in window]
    outlets: dict[str, set[str]] = defaultdict(set)
    by_id = {row["id"]: row for row in window}
    for item in gold:
        outlets[item.story].add(by_id[item.id]["source"])
        if item.story.startswith("roundup-"):
            assert item.story == f"roundup-{item.id}" and item.kind == "roundup"
    assert len(outlets["kakhovka-dam-breach"]) >= 10
