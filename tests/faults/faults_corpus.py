"""Reports written for the fault and concurrency tests, and how to run and count an ingest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, text

REPO = Path(__file__).resolve().parents[2]
TOWNS = ("Kupiansk", "Avdiivka", "Orikhiv", "Bakhmut", "Vuhledar", "Nikopol", "Izium", "Lyman")
UNITS = ("Russian artillery", "Ukrainian drones", "Russian glide bombs", "Ukrainian rocket launchers")
COUNTED = (
    "documents", "document_sources", "sources", "entities", "entity_aliases", "mentions", "roles",
    "relations", "events", "claims", "stories", "story_links",
)  # fmt: skip


def write_reports(folder: Path, numbers: range, outlet: str = "Field Desk") -> Path:
    """Write one short report per number into ``folder`` (numbers pick town, unit and figures)."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in numbers:
        town, unit = TOWNS[n % len(TOWNS)], UNITS[n % len(UNITS)]
        body = (
            f"{unit} hit the outskirts of {town} on {n % 27 + 1} May 2024, and {n + 3} people were "
            f"killed, the regional administration of {town} told reporters. Engineers restored power "
            f"to {n * 10 + 40} homes by evening, according to report {n}."
        )
        (folder / f"report-{n:03d}.txt").write_text(f"Title: {town} update {n}\nSource: {outlet}\n\n{body}\n")
    return folder


def ingest(inputs: list[Path], db: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """Start ``python -m sitroom ingest INPUTS --db DB --quiet`` with this checkout first on the path."""
    return subprocess.Popen(
        [sys.executable, "-m", "sitroom", "ingest", *map(str, inputs), "--db", db, "--quiet"],
        env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str], timeout: float = 240) -> tuple[int, str]:
    """Wait for ``process``; return its exit status and everything it wrote."""
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out + err


def counts(db: str) -> dict[str, int]:
    """Count the rows a user would compare, table by table."""
    engine = create_engine(db if "://" in db else f"sqlite:///{db}")
    try:
        with engine.connect() as conn:
            return {
                table: int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
                for table in COUNTED
            }
    finally:
        engine.dispose()
