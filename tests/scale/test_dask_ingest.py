"""`sitroom ingest --cluster`: reading and extraction on Dask workers store what one process stores."""

from __future__ import annotations

import pickle
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sitroom.cli import app
from sitroom.errors import ConfigError
from sitroom.model import Analysis
from sitroom.room import Room
from sitroom.scale import dask_runner
from sitroom.scale.dask_runner import ingest_on_cluster
from sitroom.store import schema as t

SAMPLE = Path(__file__).parents[2] / "sitroom" / "sample"
# Columns that say when a row was written, not what it holds.
CLOCK_COLUMNS = {"ingested_at", "extracted_at", "updated_at", "created_at"}


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A real two-process Dask cluster for the module; yields the scheduler's address."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address="127.0.0.1:0"
    ) as cluster:
        yield str(cluster.scheduler_address)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus, a second copy of one report, and a file that cannot be read."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SAMPLE, folder / "sample")
    first = sorted((folder / "sample").glob("*.txt"))[0]
    shutil.copy(first, folder / "zz-copy-of-first.txt")
    (folder / "scan.txt").write_bytes(b"\x00\x01\x02\x03 not text \xff\xfe")
    return folder


def snapshot(db_url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, sorted, with autoincrement ids replaced by what they point to."""
    from sqlalchemy import create_engine, select

    engine = create_engine(db_url)
    with engine.connect() as conn:
        entity_key = {r.id: (r.type, r.name) for r in conn.execute(select(t.entities))}
        source_key = {r.id: r.name for r in conn.execute(select(t.sources))}
        story_key = {r.id: (r.type, r.title, r.date) for r in conn.execute(select(t.stories))}
        keys = {"entities": entity_key, "sources": source_key, "stories": story_key}
        tables: dict[str, list[tuple[Any, ...]]] = {}
        for table in t.metadata.sorted_tables:
            rows = []
            for row in conn.execute(select(table)).mappings():
                values = []
                for column in table.columns:
                    if column.name in CLOCK_COLUMNS or (column.primary_key and column.autoincrement is True):
                        continue
                    value = row[column.name]
                    for foreign in column.foreign_keys:
                        value = keys.get(foreign.column.table.name, {}).get(value, value)
                    values.append(repr(value))
                rows.append(tuple(values))
            tables[table.name] = sorted(rows)
    engine.dispose()
    return tables


@pytest.fixture(scope="module")
def single_process(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[tuple[Any, ...]]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('single') / 'single.db'}"
    room = Room(url)
    room.ingest([str(corpus)])
    room.close()
    return snapshot(url)


def test_cluster_ingest_stores_exactly_what_a_single_process_stores(
    scheduler: str, corpus: Path, single_process: dict[str, list[tuple[Any, ...]]], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'cluster.db'}"
    room = Room(url)
    report = ingest_on_cluster(room, [str(corpus)], scheduler, chunk_size=4, window=3)
    room.close()

    assert (report.read, report.new, report.duplicates, report.failed) == (28, 27, 1, 1)
    assert "scan.txt" in str(report.errors[0])
    assert report.resolved is not None and report.resolved.stories > 0
    stored = snapshot(url)
    assert stored == single_process
    assert len(stored["documents"]) == 27
    assert stored["events"] and stored["claims"] and stored["stories"] and stored["mentions"]


def test_cluster_ingest_skips_documents_already_stored(scheduler: str, corpus: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'again.db'}"
    room = Room(url)
    ingest_on_cluster(room, [str(corpus / "sample")], scheduler)
    again = ingest_on_cluster(room, [str(corpus)], scheduler)
    room.close()

    assert (again.new, again.duplicates, again.extracted) == (0, 28, 0)
    assert again.resolved is None


def test_cli_ingest_on_a_local_cluster_prints_the_counts(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    result = CliRunner().invoke(
        app, ["ingest", str(corpus / "sample"), "--db", str(db), "--cluster", "local:1", "--no-extract"]
    )

    assert result.exit_code == 0, result.output
    assert "27 read, 27 new, 0 already stored, 0 failed" in result.stdout


def test_analysis_from_a_worker_survives_pickling(corpus: Path) -> None:
    from sitroom.ingest import read_inputs

    document = next(d for d in read_inputs([str(corpus / "sample")]) if not isinstance(d, Exception))
    (analysis,) = dask_runner.analyze_chunk([document], None)

    copy = pickle.loads(pickle.dumps(analysis))
    assert isinstance(copy, Analysis)
    assert copy == analysis and copy.events == analysis.events


def test_a_local_cluster_without_workers_is_refused(tmp_path: Path) -> None:
    room = Room(f"sqlite:///{tmp_path / 'none.db'}")
    with pytest.raises(ConfigError, match="at least one worker"):
        ingest_on_cluster(room, [str(SAMPLE)], "local:0")
    room.close()


def test_an_unreachable_scheduler_is_a_one_line_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setattr(dask_runner, "CONNECT_TIMEOUT_S", 1)
    room = Room(f"sqlite:///{tmp_path / 'unreachable.db'}")
    with pytest.raises(ConfigError, match=f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}"):
        ingest_on_cluster(room, [str(SAMPLE)], f"tcp://127.0.0.1:{port}")
    room.close()
