"""Ingest on a Dask cluster: workers read and extract, the client writes one document per transaction.

The client lists the inputs (walking directories the way ``read_path`` does) and sends them
to the workers in chunks; workers return plain Documents and Analyses. At most ``window``
chunks are in flight at any time, so memory stays bounded whatever the size of the corpus.
Results are handled in input order (a chunk that finishes early waits for those before it),
so a cluster run stores exactly what a single-process ``Room.ingest`` stores, and documents
already stored are skipped before any worker extracts them.

Paths are read by the workers: on a real cluster they must see the same files (a shared
file system), and sitroom with its spaCy model must be installed on every worker.
"""

from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, TextIO

from distributed import Client, Future, LocalCluster, Worker, WorkerPlugin, wait

from sitroom.config import DEFAULT_MAX_BYTES
from sitroom.errors import ConfigError, InputError
from sitroom.extract.pipeline import analyze_documents
from sitroom.ingest import read_inputs, read_stdin
from sitroom.ingest.url import is_url
from sitroom.model import Analysis, Document
from sitroom.nlp.load import load_pipeline
from sitroom.room import IngestReport, Progress, Room
from sitroom.store.db import Store

# "local" or "local:4": a LocalCluster of worker processes on this machine.
LOCAL_CLUSTER = re.compile(r"^local(?::(\d+))?$")
CONNECT_TIMEOUT_S = 20
DEFAULT_CHUNK_SIZE = 16
# Chunks in flight per worker: enough to keep each busy while the client writes.
CHUNKS_PER_WORKER = 3


@dataclass(frozen=True, slots=True)
class FailedInput:
    """An InputError as plain data, so it crosses process boundaries (InputError does not pickle)."""

    kind: type[InputError]
    source: str
    problem: str

    @classmethod
    def of(cls, error: InputError) -> FailedInput:
        return cls(type(error), error.source, error.problem)

    def error(self) -> InputError:
        """Return the InputError this stands for."""
        return self.kind(self.source, self.problem)


Read = Document | FailedInput


class PipelineLoader(WorkerPlugin):
    """Load the spaCy pipeline once when each worker starts (``load_pipeline`` caches it per process)."""

    def __init__(self, model: str | None) -> None:
        self.model = model

    def setup(self, worker: Worker) -> None:
        load_pipeline(self.model)


def read_chunk(units: Sequence[str], max_bytes: int, allow_private: bool) -> list[Read]:
    """On a worker: read files and URLs, returning their Documents and failures in order."""
    return [
        FailedInput.of(item) if isinstance(item, InputError) else item
        for item in read_inputs(units, max_bytes=max_bytes, allow_private=allow_private)
    ]


def analyze_chunk(documents: Sequence[Document], model: str | None) -> list[Analysis]:
    """On a worker: return the analysis of each document, in order."""
    return list(analyze_documents(documents, model=model, batch_size=len(documents) or 1))


def list_inputs(inputs: Iterable[str]) -> Iterator[str | FailedInput]:
    """Yield each file, URL or ``-`` to read, directories walked in sorted order, hidden names skipped."""
    for name in inputs:
        if name == "-" or is_url(name):
            yield name
            continue
        path = Path(name).expanduser()
        if not path.is_dir():
            yield str(path)
            continue
        files: list[Path] = []
        for root, dirnames, filenames in os.walk(path):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            files.extend(Path(root) / f for f in filenames if not f.startswith("."))
        if not files:
            yield FailedInput(InputError, str(path), "directory has no files")
        yield from (str(f) for f in sorted(files))


@contextmanager
def cluster_client(cluster: str) -> Iterator[Client]:
    """Yield a Dask client: ``local[:N]`` starts N worker processes here, else connect to ``cluster``."""
    local = LOCAL_CLUSTER.match(cluster)
    if local is None:
        try:
            client = Client(cluster, timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError, ValueError) as error:
            raise ConfigError(f"cannot reach the Dask scheduler at {cluster}: {error}") from None
        with client:
            yield client
        return
    workers = int(local.group(1)) if local.group(1) else os.cpu_count() or 1
    if workers < 1:
        raise ConfigError(f"--cluster {cluster}: a local cluster needs at least one worker")
    with (
        # Everything on loopback, on free ports: a local cluster serves no one else.
        LocalCluster(
            n_workers=workers,
            processes=True,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
        ) as local_cluster,
        Client(local_cluster) as client,
    ):
        yield client


@dataclass
class _Chunk:
    """Documents sent for extraction together, and copies of them to link once they are stored."""

    documents: list[Document] = field(default_factory=list)
    echoes: list[Document] = field(default_factory=list)
    future: Future | None = None


class _OrderedIngest:
    """The client's side of a cluster ingest: submit within the window, handle results in order."""

    def __init__(
        self,
        client: Client,
        store: Store,
        report: IngestReport,
        *,
        extract: bool,
        model: str | None,
        max_bytes: int,
        allow_private: bool,
        chunk_size: int,
        window: int,
        progress: Progress | None,
    ) -> None:
        self.client, self.store, self.report = client, store, report
        self.extract, self.model = extract, model
        self.max_bytes, self.allow_private = max_bytes, allow_private
        self.chunk_size, self.window, self.progress = chunk_size, window, progress
        self.reads: deque[Future | list[Read]] = deque()
        self.chunks: deque[_Chunk] = deque()
        self.batch = _Chunk()
        self.pending: set[str] = set()
        self.arrived: list[str] = []  # the documents stored with their extraction, to place in stories

    def run(self, groups: Iterator[tuple[str, ...] | list[Read]]) -> None:
        """Read every group (a tuple of names goes to a worker, a list is read already), write in order."""
        exhausted = False
        while True:
            while not exhausted and len(self.reads) + len(self.chunks) < self.window:
                group = next(groups, None)
                if group is None:
                    exhausted = True
                elif isinstance(group, tuple):
                    read = self.client.submit(read_chunk, group, self.max_bytes, self.allow_private)
                    self.reads.append(read)
                else:
                    self.reads.append(group)
            progressed = self._handle_reads() | self._write_chunks()
            if exhausted and not self.reads:
                if self.batch.documents or self.batch.echoes:
                    self._submit_batch()
                    continue
                if not self.chunks:
                    return
            if not progressed:
                heads = [h for h in (self._head_read(), self._head_chunk()) if h is not None]
                wait(heads, return_when="FIRST_COMPLETED")

    def _head_read(self) -> Future | None:
        head = self.reads[0] if self.reads else None
        return None if head is None or isinstance(head, list) else head

    def _head_chunk(self) -> Future | None:
        return self.chunks[0].future if self.chunks else None

    def _handle_reads(self) -> bool:
        handled = False
        while self.reads and (isinstance(self.reads[0], list) or self.reads[0].done()):
            head = self.reads.popleft()
            for item in head if isinstance(head, list) else head.result():
                self._handle(item)
            handled = True
        return handled

    def _handle(self, item: Read) -> None:
        report = self.report
        if isinstance(item, FailedInput):
            error = item.error()
            report.failed += 1
            report.errors.append(error)
            self._tell("failed", error)
            return
        report.read += 1
        if item.id in self.pending:
            self.batch.echoes.append(item)  # written after the chunk holding its first copy
            report.duplicates += 1
            self._tell("duplicate", item)
            return
        if self.store.has_document(item.id):
            self.store.save(item)
            report.duplicates += 1
            self._tell("duplicate", item)
            return
        report.new += 1
        if not self.extract:
            self.store.save(item)
        else:
            self.batch.documents.append(item)
            self.pending.add(item.id)
            if len(self.batch.documents) >= self.chunk_size:
                self._submit_batch()
        self._tell("new", item)

    def _submit_batch(self) -> None:
        chunk, self.batch = self.batch, _Chunk()
        if chunk.documents:
            chunk.future = self.client.submit(analyze_chunk, chunk.documents, self.model)
        self.chunks.append(chunk)

    def _write_chunks(self) -> bool:
        written = False
        while self.chunks and (self.chunks[0].future is None or self.chunks[0].future.done()):
            chunk = self.chunks.popleft()
            analyses: list[Analysis] = chunk.future.result() if chunk.future is not None else []
            for analysis in analyses:
                self.store.save(analysis.document, analysis)
                self.arrived.append(analysis.document.id)
                self.report.extracted += 1
            for echo in chunk.echoes:
                self.store.save(echo)
            self.pending.difference_update(d.id for d in chunk.documents)
            written = True
        return written

    def _tell(self, outcome: str, item: Document | InputError) -> None:
        if self.progress is not None:
            self.progress(outcome, item)


def _groups(
    inputs: Iterable[str], chunk_size: int, max_bytes: int, stdin: TextIO | BinaryIO | None
) -> Iterator[tuple[str, ...] | list[Read]]:
    """Group the inputs: runs of files and URLs for the workers; stdin and listing failures read here."""
    group: list[str] = []
    for unit in list_inputs(inputs):
        if isinstance(unit, str) and unit != "-":
            group.append(unit)
            if len(group) >= chunk_size:
                yield tuple(group)
                group = []
            continue
        if group:
            yield tuple(group)
            group = []
        if isinstance(unit, FailedInput):
            failed: list[Read] = [unit]
            yield failed
        else:
            yield [
                FailedInput.of(item) if isinstance(item, InputError) else item
                for item in read_stdin(stdin, max_bytes=max_bytes)
            ]
    if group:
        yield tuple(group)


def ingest_on_cluster(
    room: Room,
    inputs: Sequence[str],
    cluster: str,
    *,
    extract: bool = True,
    model: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_private: bool = False,
    stdin: TextIO | BinaryIO | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    window: int | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Like ``Room.ingest``, with reading and extraction on the Dask cluster ``cluster``.

    ``cluster`` is a scheduler address (``tcp://host:8786``) or ``local[:N]``. Returns the
    same report as ``Room.ingest``; entities and stories are resolved at the end.
    """
    report = IngestReport()
    with cluster_client(cluster) as client:
        if extract:
            client.register_plugin(PipelineLoader(model))
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        run = _OrderedIngest(
            client,
            room.store,
            report,
            extract=extract,
            model=model,
            max_bytes=max_bytes,
            allow_private=allow_private,
            chunk_size=chunk_size,
            window=window or CHUNKS_PER_WORKER * workers,
            progress=progress,
        )
        run.run(_groups(inputs, chunk_size, max_bytes, stdin))
    if report.extracted:
        report.resolved = room.resolve(run.arrived)
    return report
