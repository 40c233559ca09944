"""How well a passage fits a story: declared features with weights, and vetoes.

Each feature compares a new passage with a story's profile and returns a score between 0 and 1
and a reason, as nomenklatura's matchers do; the passage's score for the story is the weighted
sum. A veto keeps a passage out of a story whatever its score: towns far apart, or dates
outside the story's window. The weights and the threshold were tuned on half A of the
hand-labelled RSS stories in ``tests/gold`` (see ``tests/resolve/test_gold_stories.py``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from sitroom.geo import NEAR_KM, distance_km
from sitroom.resolve.stories.load import Passage

# Days between a passage and a story's window for the two to be one event: "the toll rose to 13"
# comes two days after the strike.
WINDOW = timedelta(days=3)
# Towns this far apart are two events, whatever the wording ("strikes on Odesa" and "strikes on
# Kharkiv"); closer towns may be one event told from two places (the dam and flooded Kherson).
APART_KM = 150.0
# A strike, a battle or a blast happens in one place: two violent reports whose towns are all
# this far apart are two events ("shelling of Kherson" is not "strikes on Odesa", 148 km off;
# a strike on Bakhmut is not one on Avdiivka, 55 km off). A story of several reports names
# several towns, so a report of flooding downstream of a breached dam still finds one near.
VIOLENT_APART_KM = 50.0
VIOLENT_TYPES = frozenset({"ASSAULT", "FIGHT", "COERCE"})
# Score a passage needs to join a story; below it, it opens a story of its own.
JOIN_SCORE = 0.22
# A round-up's passage tells one event in a sentence or two; it joins only on a clear match.
ROUNDUP_SCORE = 0.4
# A story of this many passages has places of its own (see ``strays``): a report that does not
# meet its wording (TF-IDF cosine below LARGE_WORDING) must name a town near one of its usual
# towns, those at least USUAL_SHARE of its passages name, when both name towns.
LARGE_STORY = 8
LARGE_WORDING = 0.3
# Two stories' word profiles are sums of many reports: the war's words alone bring them near
# MERGE_COSINE. A story meets a large story's centre by wording only above this.
LARGE_MERGE_COSINE = 0.6
USUAL_SHARE = 0.1
# Cosine of two stories' word profiles above which the merge pass makes them one.
MERGE_COSINE = 0.45
# Score (judge_stories) above which the merge pass joins a story into a larger one.
MERGE_SCORE = 0.22
# A name or word in more than this share of documents is a constant of the coverage ("Russia",
# "war"), not of one event: it neither scores as a shared name nor finds candidate stories.
COMMON_SHARE = 0.5
MIN_DOCUMENTS = 50
WORD_SHARE = 0.25
IDF_POWER = 0.3
# A story spans at most this many days: follow-ups join, a drifting "war in Ukraine" chain does not.
MAX_SPAN = timedelta(days=7)
# Share of a story's passages that must name a name for it to be one of the story's own.
CORE_SHARE = 0.25
# Rarity (idf) of names that identify an event: the share of the names a story shares counts in
# full when their summed rarity reaches this (one name in about one document of 400, or two
# names of one in 20), so sharing only a name of every tenth report ("Putin", "Kyiv") scores
# little. Tuned on half A of the gold stories: 4.0 let stories of the war's leaders grow
# through the days of a full ingest.
NAME_EVIDENCE = 6.0
PROFILE_WORDS = 120  # a story's profile keeps its heaviest words and names only: bounded memory
PROFILE_NAMES = 60


@dataclass(slots=True)
class Profile:
    """What a story is compared by: weighted word and name sums, towns, event classes, days."""

    words: dict[str, float]  # TF-IDF sums of its passages' words, heaviest PROFILE_WORDS
    names: dict[str, int]  # how many of its passages name each name
    towns: list[tuple[str, float, float]]
    kinds: dict[str, int]
    first: date | None
    last: date | None
    size: int = 0
    violent: int = 0  # how many of its passages report a violent event (VIOLENT_TYPES)

    @classmethod
    def empty(cls) -> Profile:
        return cls({}, {}, [], {}, None, None, 0)

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Profile:
        if not data:
            return cls.empty()
        return cls(
            words=dict(data.get("words", {})),
            names=dict(data.get("names", {})),
            towns=[(str(n), float(a), float(b)) for n, a, b in data.get("towns", [])],
            kinds=dict(data.get("kinds", {})),
            first=date.fromisoformat(data["first"]) if data.get("first") else None,
            last=date.fromisoformat(data["last"]) if data.get("last") else None,
            size=int(data.get("size", 0)),
            violent=int(data.get("violent", 0)),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "words": {k: round(v, 4) for k, v in self.words.items()},
            "names": self.names,
            "towns": [list(x) for x in self.towns],
            "kinds": self.kinds,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "size": self.size,
            "violent": self.violent,
        }

    def add(self, passage: Passage, vector: dict[str, float]) -> None:
        """Take a passage in: its weighted words, names, towns, event classes and day."""
        for w, x in vector.items():
            self.words[w] = self.words.get(w, 0.0) + x
        if len(self.words) > PROFILE_WORDS:
            kept = sorted(self.words.items(), key=lambda kv: (-kv[1], kv[0]))[:PROFILE_WORDS]
            self.words = dict(kept)
        for n in passage.names:
            self.names[n] = self.names.get(n, 0) + 1
        if len(self.names) > PROFILE_NAMES:
            self.names = dict(sorted(self.names.items(), key=lambda kv: (-kv[1], kv[0]))[:PROFILE_NAMES])
        known = {n for n, _, _ in self.towns}
        self.towns.extend(town for town in passage.towns if town[0] not in known)
        for k in passage.kinds:
            self.kinds[k] = self.kinds.get(k, 0) + 1
        if passage.day is not None:
            self.first = min(self.first or passage.day, passage.day)
            self.last = max(self.last or passage.day, passage.day)
        self.size += 1
        self.violent += is_violent(passage)


@dataclass(frozen=True, slots=True)
class Match:
    """One feature's verdict: its score (0 to 1), weight and reason."""

    feature: str
    score: float
    weight: float
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {
            "feature": self.feature,
            "score": round(self.score, 3),
            "weight": self.weight,
            "reason": self.reason,
        }


class Stats:
    """Document frequencies of words and names, for TF-IDF weights."""

    def __init__(self, total: int, counts: dict[str, int], stored: frozenset[str] | None = None) -> None:
        self.total = total
        self.counts = counts
        self.stored = stored  # the keys that have a row (the document count as ""), when read

    def common(self, key: str, share: float = 0.0) -> bool:
        """Return True for a key in more than ``share`` (COMMON_SHARE) of at least MIN_DOCUMENTS documents."""
        limit = (share or COMMON_SHARE) * self.total
        return self.total >= MIN_DOCUMENTS and self.counts.get(key[:200], 0) > limit

    def idf(self, key: str) -> float:
        """Return the smoothed inverse document frequency of a key ("w:dam", "e:kherson")."""
        # A young corpus counts as MIN_DOCUMENTS: in its first few documents every shared word
        # would look common, and two reports of one strike would share nothing that weighs.
        return math.log((max(self.total, MIN_DOCUMENTS) + 1) / (self.counts.get(key, 0) + 1)) + 0.1


def vector(passage: Passage, stats: Stats) -> dict[str, float]:
    """Return the passage's unit-length TF-IDF vector over its words."""
    raw = {
        w: n * stats.idf(f"w:{w}") ** IDF_POWER
        for w, n in passage.words.items()
        if not stats.common(f"w:{w}", WORD_SHARE)
    }
    norm = math.sqrt(sum(x * x for x in raw.values())) or 1.0
    return {w: x / norm for w, x in raw.items()}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Return the cosine of two sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(x * b[k] for k, x in a.items() if k in b)
    na = math.sqrt(sum(x * x for x in a.values()))
    nb = math.sqrt(sum(x * x for x in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def near(a: tuple[str, float, float], b: tuple[str, float, float], km: float) -> bool:
    return a[0] == b[0] or distance_km(a[1], a[2], b[1], b[2]) <= km


def wording(passage: Passage, vec: dict[str, float], story: Profile, stats: Stats) -> Match:
    """TF-IDF cosine of the passage's headline and lead with the story's words."""
    score = cosine(vec, story.words)
    return Match("wording", score, WEIGHTS["wording"], f"TF-IDF cosine {score:.2f}")


def names(passage: Passage, vec: dict[str, float], story: Profile, stats: Stats) -> Match:
    """Share of the passage's specific names (weighted by rarity) that the story keeps naming.

    Names in more than COMMON_SHARE of the documents ("Russia", "Ukraine", "Putin") are
    the war's constants: sharing them says nothing about the event. A name counts in full
    when at least CORE_SHARE of the story's passages name it: a long story of many reports
    names nearly everything once, and one mention in it is no evidence.
    """
    score, shared = name_share(passage.names, story, stats)
    return Match("names", score, WEIGHTS["names"], f"shared names: {', '.join(shared[:4]) or 'none'}")


def name_share(named: Iterable[str], story: Profile, stats: Stats) -> tuple[float, list[str]]:
    """Return the rarity-weighted share of ``named`` that the story names often, and those names.

    A name counts once, however many keys it yields: "Volodymyr Zelensky" is keyed as the
    whole name, "volodymyr" and "zelensky" (load.name_keys), and is one name of weight its
    rarest key's, shared as much as its best key the story names.
    """
    specific = [n for n in named if not stats.common(f"e:{n}")]
    groups = name_groups(specific)
    total = evidence = 0.0
    shared: set[str] = set()
    for keys in groups:
        weight = max(stats.idf(f"e:{n}") for n in keys)
        hits = [n for n in keys if n in story.names]
        total += weight
        shared.update(hits)
        evidence += max((stats.idf(f"e:{n}") * core(story, n) for n in hits), default=0.0)
    score = evidence / total * min(1.0, evidence / NAME_EVIDENCE) if total else 0.0
    return score, sorted(shared)


def name_groups(keys: Iterable[str]) -> list[list[str]]:
    """Return the keys grouped by the name they come from: a whole name with its words.

    A key that is a word of a longer key ("zelensky" of "volodymyr zelensky") goes with each
    longer key it is part of; a key that is part of none is a name of its own.
    """
    unique = sorted(set(keys))
    whole = [k for k in unique if not any(k != o and k in o.split() for o in unique)]
    return [[w, *(k for k in unique if k != w and k in w.split())] for w in whole]


def core(story: Profile, name: str) -> float:
    """Return how much a name belongs to the story: 1 when CORE_SHARE of its passages name it."""
    return min(1.0, story.names.get(name, 0) / max(1.0, CORE_SHARE * story.size))


def town(passage: Passage, vec: dict[str, float], story: Profile, stats: Stats) -> Match:
    """One town (or two within 30 km) named by the passage and often by the story."""
    score, hit = shared_town(passage.towns, story, stats)
    return Match("town", score, WEIGHTS["town"], f"same town: {hit}" if hit else "no shared town")


def shared_town(towns: Iterable[tuple[str, float, float]], story: Profile, stats: Stats) -> tuple[float, str]:
    """Return the best town shared with the story: how often the story names it, times its rarity.

    A capital named in every tenth report ("Kyiv said", "Moscow denied") says less about the
    event than a small town named by its reports alone.
    """
    hits = [
        (core(story, b[0]) * min(1.0, stats.idf(f"e:{a[0]}") / NAME_EVIDENCE), a[0])
        for a in towns
        for b in story.towns
        if near(a, b, NEAR_KM)
    ]
    return max(hits, default=(0.0, ""))


def day(passage: Passage, vec: dict[str, float], story: Profile, stats: Stats) -> Match:
    """Closeness of the passage's day to the story's days: 1 inside them, 0 at the window's edge."""
    gap = day_gap(passage.day, story)
    if gap is None:
        return Match("day", 0.0, WEIGHTS["day"], "undated")
    score = max(0.0, 1.0 - gap / (WINDOW.days + 1))
    return Match("day", score, WEIGHTS["day"], f"{gap} day(s) from the story's days")


def kind(passage: Passage, vec: dict[str, float], story: Profile, stats: Stats) -> Match:
    """The passage's events are of a class (PLOVER quad class) the story's events are."""
    shared = sorted(k for k in passage.kinds if k in story.kinds)
    return Match(
        "kind",
        1.0 if shared else 0.0,
        WEIGHTS["kind"],
        f"event class: {shared[0]}" if shared else "no shared event class",
    )


Feature = Callable[[Passage, dict[str, float], Profile, Stats], Match]
FEATURES: tuple[Feature, ...] = (wording, names, town, day, kind)
WEIGHTS = {"wording": 0.6, "names": 0.2, "town": 0.1, "day": 0.05, "kind": 0.05}


def day_gap(day_: date | None, story: Profile) -> int | None:
    """Return the days between ``day_`` and the story's first-to-last days (0 inside)."""
    if day_ is None or story.first is None or story.last is None:
        return None
    if story.first <= day_ <= story.last:
        return 0
    return min(abs((day_ - story.first).days), abs((day_ - story.last).days))


def out_of_window(passage: Passage, story: Profile) -> str | None:
    """Veto: the passage's day lies more than WINDOW from the story's days, or beyond its MAX_SPAN."""
    gap = day_gap(passage.day, story)
    if gap is not None and gap > WINDOW.days:
        return f"dates {gap} days apart"
    if passage.day and story.first and story.last:
        span = max(story.last, passage.day) - min(story.first, passage.day)
        if span > MAX_SPAN:
            return f"story would span {span.days} days"
    return None


def is_violent(passage: Passage) -> bool:
    """Return True when the passage reports a violent event (an attack, a battle, a blast)."""
    return any(kind in VIOLENT_TYPES for kind in passage.event_types)


def apart_km(violent: bool, story: Profile) -> float:
    """Return the distance beyond which towns are two events: VIOLENT_APART_KM between violent ones."""
    return VIOLENT_APART_KM if violent and story.violent else APART_KM


def places_apart(passage: Passage, story: Profile) -> str | None:
    """Veto: the passage and the story name towns, and every pair lies too far apart to be one event."""
    if not passage.towns or not story.towns:
        return None
    km = apart_km(is_violent(passage), story)
    if any(near(a, b, km) for a in passage.towns for b in story.towns):
        return None
    return f"places apart ({passage.towns[0][0]} vs {story.towns[0][0]}, over {km:.0f} km)"


VETOES = (out_of_window, places_apart)


def judge(
    passage: Passage, vec: dict[str, float], story: Profile, stats: Stats
) -> tuple[float, list[Match]] | None:
    """Return the passage's score for the story and each feature's verdict, or None when vetoed."""
    if any(veto(passage, story) for veto in VETOES):
        return None
    matches = [feature(passage, vec, story, stats) for feature in FEATURES]
    if drifts_from(passage, matches[0].score, story):
        return None
    if not any(not stats.common(f"e:{n}") for n in passage.names):
        matches = unnamed(matches)
    return sum(m.score * m.weight for m in matches), matches


def drifts_from(passage: Passage, wording_score: float, story: Profile) -> bool:
    """Return True when a passage meets a large story only in broad terms: another happening.

    A passage whose wording meets the story's centre (LARGE_WORDING) does not drift.
    """
    return wording_score < LARGE_WORDING and strays(passage.towns, story)


def strays(towns: Iterable[tuple[str, float, float]], story: Profile) -> bool:
    """Return True when ``towns`` (a passage's, a small story's) are foreign to a large story.

    A story of LARGE_STORY passages or more has places of its own: the towns at least
    USUAL_SHARE of its passages name. A report or story that names towns belongs to it only
    when one of them lies within APART_KM of one of those. Otherwise a story of the war grows
    by every report that shares its broad words and names (Russia, Ukraine, "offensive", a
    capital named in passing): a strike on another town, a raid across the border, a trial.
    """
    if story.size < LARGE_STORY:
        return False
    usual = [b for b in story.towns if story.names.get(b[0], 0) >= USUAL_SHARE * story.size]
    towns = list(towns)
    return bool(towns and usual) and not any(near(a, b, APART_KM) for a in towns for b in usual)


def unnamed(matches: list[Match]) -> list[Match]:
    """Return the verdicts of a passage that names nothing specific, such as a bare headline.

    "Thousands flee as dam bursts" has no name to compare: the weight of names goes to the
    wording, so that missing names count neither for nor against the story.
    """
    moved: list[Match] = []
    for m in matches:
        if m.feature == "wording":
            m = replace(m, weight=m.weight + WEIGHTS["names"])
        elif m.feature == "names":
            m = replace(m, weight=0.0, reason="no specific name to compare")
        moved.append(m)
    return moved


def judge_stories(small: Profile, large: Profile, stats: Stats) -> tuple[float, list[Match]]:
    """Return how well story ``small`` fits story ``large``, by the features a passage is judged by.

    The merge pass joins two stories when the smaller one, taken as one passage, would have
    joined the larger: the same wording, names, town, day and event class, profile to profile.
    """
    score = cosine(small.words, large.words)
    own = [n for n in small.names if core(small, n) >= 1.0]
    share, shared = name_share(own, large, stats)
    town_score, hit = shared_town(small.towns, large, stats)
    gap = 0
    if small.first and small.last and large.first and large.last:
        gap = max(0, (small.first - large.last).days, (large.first - small.last).days)
    classes = sorted(k for k in small.kinds if k in large.kinds)
    matches = [
        Match("wording", score, WEIGHTS["wording"], f"TF-IDF cosine {score:.2f}"),
        Match("names", share, WEIGHTS["names"], f"shared names: {', '.join(shared[:4]) or 'none'}"),
        Match("town", town_score, WEIGHTS["town"], f"same town: {hit}" if hit else "no shared town"),
        Match("day", max(0.0, 1.0 - gap / (WINDOW.days + 1)), WEIGHTS["day"], f"{gap} day(s) apart"),
        Match(
            "kind",
            1.0 if classes else 0.0,
            WEIGHTS["kind"],
            f"event class: {classes[0]}" if classes else "none",
        ),
    ]
    return sum(m.score * m.weight for m in matches), matches


def threshold(passage: Passage) -> float:
    """Return the score the passage needs to join a story."""
    return ROUNDUP_SCORE if passage.roundup else JOIN_SCORE
