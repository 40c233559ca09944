"""Score a clustering of documents into stories against hand-labelled gold stories.

Both sides are plain ``dict[item_id, cluster_key]``. Only the items of the gold side are
scored: predicted items outside it are ignored, and gold items the prediction lacks count as
singletons. Two measures, both standard for news clustering:

- pairwise: a pair of items is positive when both sit in one cluster; precision is the share
  of predicted pairs that are gold pairs, recall the share of gold pairs that were predicted;
- B-cubed (Bagga & Baldwin 1998): per item, the share of its predicted cluster that shares its
  gold story (precision) and the share of its gold story found in its predicted cluster
  (recall), averaged over the items.

The gold file is JSON lines ``{"id", "story", "kind", "note"?}``; ``kind`` is ``report``,
``roundup`` (live blogs, digests) or ``offtopic-ok``. Gold stories split into two fixed halves
A and B of about equal item counts, so that thresholds are tuned on A and reported on B.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sitroom.errors import InputError

KINDS = ("report", "roundup", "offtopic-ok")
HALVES = ("A", "B")


@dataclass(frozen=True, slots=True)
class GoldStoryItem:
    """One labelled item: its id, the key of the story it reports, its kind and a remark."""

    id: str
    story: str
    kind: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and their harmonic mean."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass(frozen=True, slots=True)
class ClusteringScore:
    """Pairwise and B-cubed scores of one predicted clustering over ``items`` gold items."""

    pairwise: PRF
    bcubed: PRF
    items: int
    gold_stories: int
    predicted_clusters: int


@dataclass(frozen=True, slots=True)
class StoryMatch:
    """How one gold story came out: the predicted cluster holding most of it, and their F1."""

    story: str
    cluster: str | None
    overlap: int
    story_size: int
    cluster_size: int

    @property
    def f1(self) -> float:
        total = self.story_size + self.cluster_size
        return 2 * self.overlap / total if total else 0.0


def load_gold_stories(path: Path) -> list[GoldStoryItem]:
    """Read a gold story file (JSON lines); a bad line raises ``InputError`` naming it."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), f"cannot read: {error}") from None
    items: list[GoldStoryItem] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(where, f"not valid JSON: {error.msg}") from None
        if not isinstance(data, dict):
            raise InputError(where, "expected a JSON object")
        item_id, story, kind = data.get("id"), data.get("story"), data.get("kind", "report")
        if not isinstance(item_id, str) or not item_id or not isinstance(story, str) or not story:
            raise InputError(where, "a gold story item needs a non-empty 'id' and 'story'")
        if kind not in KINDS:
            raise InputError(where, f"'kind' must be one of {', '.join(KINDS)}, not {kind!r}")
        if item_id in seen:
            raise InputError(where, f"item {item_id!r} is labelled twice")
        seen.add(item_id)
        items.append(GoldStoryItem(item_id, story, kind, str(data.get("note", ""))))
    if not items:
        raise InputError(str(path), "holds no gold story items")
    return items


def story_halves(items: Iterable[GoldStoryItem]) -> dict[str, str]:
    """Split the gold stories into halves A and B of about as many items each.

    Stories go largest first (ties by SHA-256 of the key) to the half with fewer items so
    far, A on a tie: the split depends only on the gold file, never on the run or machine,
    and one very large story cannot leave the other half almost without pairs.
    """
    sizes = Counter(item.story for item in items)
    ordered = sorted(sizes, key=lambda key: (-sizes[key], hashlib.sha256(key.encode()).hexdigest(), key))
    halves: dict[str, str] = {}
    filled = dict.fromkeys(HALVES, 0)
    for key in ordered:
        half = HALVES[0] if filled[HALVES[0]] <= filled[HALVES[1]] else HALVES[1]
        halves[key] = half
        filled[half] += sizes[key]
    return halves


def gold_assignment(
    items: Iterable[GoldStoryItem],
    *,
    exclude_kinds: Collection[str] = (),
    half: str | None = None,
) -> dict[str, str]:
    """The gold clustering ``{item id: story}``, less the items of ``exclude_kinds``.

    ``half`` ("A" or "B") keeps only the stories of that half; the halves are computed over
    all stories of ``items`` before any exclusion, so excluding kinds never moves a story.
    """
    items = list(items)
    if half is not None and half not in HALVES:
        raise ValueError(f"half must be 'A' or 'B', not {half!r}")
    halves = story_halves(items)
    return {
        item.id: item.story
        for item in items
        if item.kind not in exclude_kinds and (half is None or halves[item.story] == half)
    }


# A predicted cluster: (True, its key), or (False, item id) for a gold item the prediction lacks.
ClusterKey = tuple[bool, str]


def _contingency(
    gold: Mapping[str, str], predicted: Mapping[str, str]
) -> tuple[Counter[tuple[str, ClusterKey]], Counter[str], Counter[ClusterKey]]:
    """Counts of gold items per (story, cluster), per story and per cluster.

    A gold item missing from ``predicted`` gets a cluster of its own.
    """
    cells: Counter[tuple[str, ClusterKey]] = Counter()
    for item_id, story in gold.items():
        key = predicted.get(item_id)
        cells[(story, (False, item_id) if key is None else (True, str(key)))] += 1
    stories: Counter[str] = Counter()
    clusters: Counter[ClusterKey] = Counter()
    for (story, cell_cluster), count in cells.items():
        stories[story] += count
        clusters[cell_cluster] += count
    return cells, stories, clusters


def _pairs(count: int) -> int:
    return count * (count - 1) // 2


def pairwise_scores(gold: Mapping[str, str], predicted: Mapping[str, str]) -> PRF:
    """Pairwise precision and recall over the gold items.

    With no predicted pair precision is 1.0 (nothing wrongly joined); with no gold pair
    recall is 1.0 (nothing to find).
    """
    cells, stories, clusters = _contingency(gold, predicted)
    both = sum(_pairs(count) for count in cells.values())
    gold_pairs = sum(_pairs(count) for count in stories.values())
    predicted_pairs = sum(_pairs(count) for count in clusters.values())
    return PRF(
        both / predicted_pairs if predicted_pairs else 1.0,
        both / gold_pairs if gold_pairs else 1.0,
    )


def bcubed_scores(gold: Mapping[str, str], predicted: Mapping[str, str]) -> PRF:
    """B-cubed precision and recall, averaged over the gold items (1.0 each when there are none)."""
    cells, stories, clusters = _contingency(gold, predicted)
    if not gold:
        return PRF(1.0, 1.0)
    precision = sum(count * count / clusters[cluster] for (_, cluster), count in cells.items())
    recall = sum(count * count / stories[story] for (story, _), count in cells.items())
    return PRF(precision / len(gold), recall / len(gold))


def score_clustering(gold: Mapping[str, str], predicted: Mapping[str, str]) -> ClusteringScore:
    """Pairwise and B-cubed scores of ``predicted`` over the items of ``gold``."""
    _, stories, clusters = _contingency(gold, predicted)
    return ClusteringScore(
        pairwise_scores(gold, predicted),
        bcubed_scores(gold, predicted),
        len(gold),
        len(stories),
        len(clusters),
    )


def story_match(gold: Mapping[str, str], predicted: Mapping[str, str], story: str) -> StoryMatch:
    """The predicted cluster holding most items of gold ``story`` (ties: the smaller cluster).

    Cluster sizes count gold items only, so the F1 says how cleanly the story came out.
    """
    cells, stories, clusters = _contingency(gold, predicted)
    if story not in stories:
        raise KeyError(f"no gold story {story!r}")
    candidates = [(count, cluster) for (key, cluster), count in cells.items() if key == story]
    overlap, cluster = max(candidates, key=lambda pair: (pair[0], -clusters[pair[1]], pair[1]))
    predicted_key = cluster[1] if cluster[0] else None
    return StoryMatch(story, predicted_key, overlap, stories[story], clusters[cluster])
