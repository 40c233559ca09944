"""Two processes writing one database at once both finish, with the counts of one clean run.

Real processes (``python -m sitroom ingest``) race on a new database (migrations) and on an
existing one (documents, entities, stories), with the same files and with different files,
on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from faults_corpus import REPO, counts, finish, ingest, write_reports

from sitroom.store.db import Store

FIRST, SECOND, BASE = range(0, 5), range(5, 10), range(20, 23)
_clean: dict[tuple[str, ...], dict[str, int]] = {}


def clean_counts(tmp_path: Path, *folders: Path) -> dict[str, int]:
    """Counts of one sequential ingest of ``folders`` into a new SQLite file (computed once per set)."""
    key = tuple(folder.name for folder in folders)
    if key not in _clean:
        db = tmp_path / f"clean-{'-'.join(key)}.db"
        status, output = finish(ingest(list(folders), str(db)))
        assert status == 0, output
        _clean[key] = counts(str(db))
    return _clean[key]


def race(db: str, first: list[Path], second: list[Path]) -> None:
    """Run two ingests at once; both must exit 0 without a traceback."""
    runs = [ingest(first, db), ingest(second, db)]
    for status, output in [finish(run) for run in runs]:
        assert status == 0, output
        assert "Traceback" not in output and "IntegrityError" not in output, output


@pytest.mark.parametrize("files", ["same", "different"])
def test_two_ingests_into_a_new_database(db_url: str, tmp_path: Path, files: str) -> None:
    first = write_reports(tmp_path / "first", FIRST)
    second = first if files == "same" else write_reports(tmp_path / "second", SECOND)
    race(db_url, [first], [second])
    expected = clean_counts(tmp_path, first) if files == "same" else clean_counts(tmp_path, first, second)
    assert counts(db_url) == expected
    assert expected["documents"] == (5 if files == "same" else 10)
    assert expected["events"] > 0 and expected["stories"] > 0


@pytest.mark.parametrize("files", ["same", "different"])
def test_two_ingests_into_an_existing_database(db_url: str, tmp_path: Path, files: str) -> None:
    base = write_reports(tmp_path / "base", BASE)
    status, output = finish(ingest([base], db_url))
    assert status == 0, output
    first = write_reports(tmp_path / "first", FIRST)
    second = first if files == "same" else write_reports(tmp_path / "second", SECOND)
    race(db_url, [first], [second])
    folders = (base, first) if files == "same" else (base, first, second)
    assert counts(db_url) == clean_counts(tmp_path, *folders)


OPEN = "import sys; from sitroom.store.db import Store; Store.open(sys.argv[1]).close()"


def test_several_processes_opening_one_new_database_all_succeed(db_url: str) -> None:
    env = {"PYTHONPATH": str(REPO)}
    runs = [
        subprocess.Popen([sys.executable, "-c", OPEN, db_url], env=env, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    store = Store.open(db_url)
    try:
        with store.transaction() as conn:
            from sqlalchemy import inspect

            assert {"documents", "events", "alembic_version"} <= set(inspect(conn).get_table_names())
    finally:
        store.close()
