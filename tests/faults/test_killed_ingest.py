"""An ingest killed with SIGKILL (inside a document's write, or after some documents are stored,
while the rest are being extracted) leaves whole documents; a re-run gives exactly a clean run's counts.

``SITROOM_FAULT_PAUSE`` holds the process at the chosen point and touches a marker file, so
the kill lands there every time, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
from faults_corpus import counts, finish, ingest, write_reports

REPORTS = range(40, 48)  # one batch: the documents after the pause are still being extracted
_clean: dict[str, dict[str, int]] = {}


def killed_at(point: str, folder: Path, db: str, marker: Path) -> None:
    """Start an ingest that pauses at ``point``, wait for it to get there, and SIGKILL it."""
    run = ingest([folder], db, env={"SITROOM_FAULT_PAUSE": point, "SITROOM_FAULT_MARKER": str(marker)})
    deadline = time.monotonic() + 180
    while not marker.exists() and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert marker.exists(), f"the ingest never reached {point}: {finish(run)}"
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)
    assert run.returncode == -signal.SIGKILL


@pytest.mark.parametrize(("point", "stored"), [("in-save:3", 2), ("after-save:5", 5)])
def test_rerun_after_a_kill_gives_the_counts_of_a_clean_run(
    db_url: str, tmp_path: Path, point: str, stored: int
) -> None:
    folder = write_reports(tmp_path / "reports", REPORTS)
    if "clean" not in _clean:
        clean = tmp_path / "clean.db"
        status, output = finish(ingest([folder], str(clean)))
        assert status == 0, output
        _clean["clean"] = counts(str(clean))
    killed_at(point, folder, db_url, tmp_path / "paused")
    left = counts(db_url)
    assert left["documents"] == stored  # whole documents only: the one being written is gone
    assert left["document_sources"] == stored and left["stories"] == 0

    status, output = finish(ingest([folder], db_url))
    assert status == 0, output
    assert "Traceback" not in output
    assert counts(db_url) == _clean["clean"]
    assert _clean["clean"]["documents"] == len(REPORTS) and _clean["clean"]["events"] > 0
