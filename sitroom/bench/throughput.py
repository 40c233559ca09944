"""Extraction throughput against plain spaCy on the same texts, and memory over a streaming run."""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sitroom.bench.corpus import sample_documents, varied_documents
from sitroom.extract.pipeline import analyze_documents
from sitroom.model import Analysis, Document
from sitroom.nlp.load import load_pipeline


@dataclass(frozen=True, slots=True)
class Throughput:
    """Documents and words per second of one pass over a set of texts."""

    documents: int
    words: int
    seconds: float

    @property
    def documents_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def peak_rss_mb() -> float:
    """Return the peak resident memory of this process so far, in MiB (``ru_maxrss``)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def current_rss_mb() -> float:
    """Return the resident memory of this process now, in MiB (Linux ``/proc``; else the peak)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return peak_rss_mb()


def words_in(documents: Iterable[Document]) -> int:
    """Return the whitespace-separated words in the documents' texts."""
    return sum(len(d.text.split()) for d in documents)


def spacy_throughput(documents: list[Document], model: str | None = None, batch_size: int = 16) -> Throughput:
    """Time plain ``nlp.pipe`` over the documents' texts (the pipeline loaded beforehand)."""
    nlp = load_pipeline(model)
    started = time.perf_counter()
    for _doc in nlp.pipe((d.text for d in documents), batch_size=batch_size):
        pass
    return Throughput(len(documents), words_in(documents), time.perf_counter() - started)


def analyze_throughput(
    documents: list[Document], model: str | None = None, batch_size: int = 16
) -> tuple[Throughput, list[Analysis]]:
    """Time ``analyze_documents`` (parse and every stage) over the documents; return the analyses too."""
    load_pipeline(model)
    started = time.perf_counter()
    analyses = list(analyze_documents(documents, model=model, batch_size=batch_size))
    return Throughput(len(documents), words_in(documents), time.perf_counter() - started), analyses


@dataclass(frozen=True, slots=True)
class StreamingMemory:
    """Resident memory along a streaming analysis of many documents."""

    documents: int
    rss_after_first_tenth_mb: float
    rss_at_end_mb: float
    peak_rss_mb: float


def streaming_memory(count: int, model: str | None = None, batch_size: int = 16) -> StreamingMemory:
    """Analyse ``count`` generated documents one stream, never holding them all; record memory."""
    templates = sample_documents()
    tenth = max(1, count // 10)
    early = 0.0
    for index, _analysis in enumerate(
        analyze_documents(varied_documents(count, templates), model=model, batch_size=batch_size), 1
    ):
        if index == tenth:
            early = current_rss_mb()
    return StreamingMemory(count, early, current_rss_mb(), peak_rss_mb())
