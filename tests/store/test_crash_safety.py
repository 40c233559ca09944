"""An ingest killed part way leaves whole documents only; running it again finishes the rest."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CITIES = ("Kharkiv", "Odesa", "Kherson", "Mariupol", "Donetsk", "Zaporizhzhia", "Sumy", "Dnipro")
FORCES = ("Russian", "Ukrainian", "Belarusian")
COUNTED = ("documents", "document_sources", "entities", "entity_aliases", "mentions", "events", "claims")


def write_reports(folder: Path, count: int) -> None:
    """Write ``count`` distinct short reports, one file each."""
    folder.mkdir()
    for n in range(count):
        city, force = CITIES[n % len(CITIES)], FORCES[n % len(FORCES)]
        body = (
            f"{force} forces shelled {city} on {n % 28 + 1} March 2024, killing {n + 2} people "
            f"and wounding {n + 5}, the governor of {city} Oblast said on Telegram. "
            f"The Ministry of Defence in Kyiv said report number {n} was being checked."
        )
        (folder / f"report-{n:03d}.txt").write_text(f"Title: Shelling of {city} ({n})\n\n{body}\n")


def run_ingest(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "sitroom", "ingest", str(folder), "--db", str(db), "--quiet"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def stored_documents(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def corpus_state(db: Path) -> dict[str, object]:
    """What a user would compare: per-document extraction counts, sources, and totals."""
    with sqlite3.connect(db) as conn:
        per_document = {
            row[0]: row[1:]
            for row in conn.execute(
                "SELECT d.id, d.extractor_version,"
                " (SELECT count(*) FROM mentions m WHERE m.document_id = d.id),"
                " (SELECT count(*) FROM events e WHERE e.document_id = d.id),"
                " (SELECT count(*) FROM claims c WHERE c.document_id = d.id),"
                " (SELECT count(*) FROM document_sources s WHERE s.document_id = d.id)"
                " FROM documents d"
            )
        }
        totals = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in (
                "documents",
                "document_sources",
                "entities",
                "entity_aliases",
                "mentions",
                "events",
                "claims",
            )
        }
    return {"per_document": per_document, "totals": totals}


@pytest.mark.slow
def test_killed_ingest_resumes_without_duplicates_or_half_documents(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    write_reports(reports, 60)
    crashed = tmp_path / "crashed.db"

    process = run_ingest(reports, crashed)
    deadline = time.monotonic() + 300
    while stored_documents(crashed) < 3 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    partial = corpus_state(crashed)
    assert 3 <= partial["totals"]["documents"] < 60  # type: ignore[index]
    for version, _mentions, _events, _claims, sources in partial["per_document"].values():  # type: ignore[attr-defined]
        assert version is not None and sources == 1  # every stored document is whole

    resumed = run_ingest(reports, crashed)
    _, err = resumed.communicate(timeout=600)
    assert resumed.returncode == 0, err.decode()

    clean = tmp_path / "clean.db"
    once = run_ingest(reports, clean)
    _, err = once.communicate(timeout=600)
    assert once.returncode == 0, err.decode()

    assert corpus_state(crashed) == corpus_state(clean)
    assert corpus_state(clean)["totals"]["documents"] == 60  # type: ignore[index]
