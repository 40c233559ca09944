"""An ingest killed while it builds stories is repaired by the next run: the stories of a clean run.

The killed database is SQLite or PostgreSQL (``db_url``); the clean run it is compared with is SQLite.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

REPO = Path(__file__).resolve().parents[2]
TOWNS = ("Kharkiv", "Odesa", "Kherson", "Dnipro")

# Runs `sitroom ingest` with story building made to SIGKILL the process after its Nth join,
# inside the transaction that places a document: a kill in the middle of story building.
KILLER = """
import os, signal, sys
import sitroom.resolve.stories.cluster as cluster
real, calls = cluster.add_member, [0]
def add_member(*args, **kwargs):
    real(*args, **kwargs)
    calls[0] += 1
    if calls[0] == int(os.environ["KILL_AFTER_JOINS"]):
        os.kill(os.getpid(), signal.SIGKILL)
cluster.add_member = add_member
from sitroom.cli import main
sys.argv = ["sitroom", *sys.argv[1:]]
main()
"""


def write_reports(folder: Path) -> None:
    """Write three reports on each of four strikes, each strike on its own day and town."""
    folder.mkdir()
    for n, town in enumerate(TOWNS):
        day = 10 + 2 * n
        for k, outlet in enumerate(("Wire A", "Wire B", "Wire C")):
            body = (
                f"Russian missiles struck a power station in {town} on {day} May 2024, the regional "
                f"governor of {town} said. Firefighters worked through the night at the {town} plant "
                f"({outlet}, update {k})."
            )
            (folder / f"{n}-{k}.txt").write_text(
                f"Title: Missile strike hits {town} power station\nSource: {outlet}\n"
                f"Published: 2024-05-{day:02d}T{8 + k:02d}:00:00Z\n\n{body}\n"
            )


def ingest(folder: Path, db: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-c", KILLER] if env else [sys.executable, "-m", "sitroom"]
    return subprocess.run(
        [*command, "ingest", str(folder), "--db", str(db), "--quiet"],
        env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})},
        capture_output=True,
        timeout=600,
    )


def scalar(db: str, query: str) -> int:
    engine = create_engine(db)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(query)).scalar_one())
    finally:
        engine.dispose()


def stories_of(db: str) -> tuple[int, set[frozenset[str]], int]:
    """Return the story count, the documents of each story (as titles), and events in stories."""
    assert scalar(db, "SELECT count(*) FROM stories WHERE rank IS NULL") == 0
    engine = create_engine(db)
    try:
        with engine.connect() as conn:
            groups: dict[int, set[str]] = {}
            for story, title, origin in conn.execute(
                text(
                    "SELECT sd.story_id, d.title, ds.origin FROM story_documents sd"
                    " JOIN documents d ON d.id = sd.document_id"
                    " JOIN document_sources ds ON ds.document_id = d.id"
                )
            ):
                groups.setdefault(story, set()).add(f"{title} / {Path(origin).name}")
    finally:
        engine.dispose()
    count = scalar(db, "SELECT count(*) FROM stories")
    placed = scalar(db, "SELECT count(*) FROM events WHERE story_id IS NOT NULL")
    return count, {frozenset(g) for g in groups.values()}, placed


@pytest.mark.slow
def test_a_kill_during_story_building_is_repaired_by_the_next_run(db_url: str, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    write_reports(reports)
    clean = f"sqlite:///{tmp_path / 'clean.db'}"
    assert ingest(reports, clean).returncode == 0
    expected = stories_of(clean)
    assert expected[0] == 4 and all(len(g) == 3 for g in expected[1])

    run = ingest(reports, db_url, {"KILL_AFTER_JOINS": "5"})
    assert run.returncode == -signal.SIGKILL
    stored = scalar(db_url, "SELECT count(*) FROM documents")
    placed = scalar(db_url, "SELECT count(DISTINCT document_id) FROM story_documents")
    assert stored == 12 and placed == 4  # the fifth join died with its transaction

    again = ingest(reports, db_url)
    assert again.returncode == 0, again.stderr.decode()
    assert "12 already stored" in again.stdout.decode()
    assert stories_of(db_url) == expected
