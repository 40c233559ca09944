"""An ingest killed while it builds stories is repaired by the next run: the stories of a clean run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

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


def ingest(folder: Path, db: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-c", KILLER] if env else [sys.executable, "-m", "sitroom"]
    return subprocess.run(
        [*command, "ingest", str(folder), "--db", str(db), "--quiet"],
        env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})},
        capture_output=True,
        timeout=600,
    )


def stories_of(db: Path) -> tuple[int, set[frozenset[str]], int]:
    """Return the story count, the documents of each story (as titles), and events in stories."""
    with sqlite3.connect(db) as conn:
        count = conn.execute("SELECT count(*) FROM stories").fetchone()[0]
        groups: dict[int, set[str]] = {}
        for story, title, origin in conn.execute(
            "SELECT sd.story_id, d.title, ds.origin FROM story_documents sd"
            " JOIN documents d ON d.id = sd.document_id JOIN document_sources ds ON ds.document_id = d.id"
        ):
            groups.setdefault(story, set()).add(f"{title} / {Path(origin).name}")
        placed = conn.execute("SELECT count(*) FROM events WHERE story_id IS NOT NULL").fetchone()[0]
        stale = conn.execute("SELECT count(*) FROM stories WHERE rank IS NULL").fetchone()[0]
    assert stale == 0
    return count, {frozenset(g) for g in groups.values()}, placed


@pytest.mark.slow
def test_a_kill_during_story_building_is_repaired_by_the_next_run(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    write_reports(reports)
    clean = tmp_path / "clean.db"
    assert ingest(reports, clean).returncode == 0
    expected = stories_of(clean)
    assert expected[0] == 4 and all(len(g) == 3 for g in expected[1])

    killed = tmp_path / "killed.db"
    run = ingest(reports, killed, {"KILL_AFTER_JOINS": "5"})
    assert run.returncode == -signal.SIGKILL
    with sqlite3.connect(killed) as conn:
        stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        placed = conn.execute("SELECT count(DISTINCT document_id) FROM story_documents").fetchone()[0]
    assert stored == 12 and placed == 4  # the fifth join died with its transaction

    again = ingest(reports, killed)
    assert again.returncode == 0, again.stderr.decode()
    assert "12 already stored" in again.stdout.decode()
    assert stories_of(killed) == expected
