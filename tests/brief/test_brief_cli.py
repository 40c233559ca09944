"""`sitroom brief` as a user runs it: Markdown and HTML files with every section, and a saved state."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sitroom.cli import app

HEADINGS = [
    "## Key developments",
    "## Casualties",
    "## Money and sanctions",
    "## People and organisations",
    "## Contested and unconfirmed claims",
    "## Sources",
]


def test_brief_md_writes_the_file_with_all_section_headings(corpus_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "f.md"
    result = CliRunner().invoke(app, ["brief", "--db", str(corpus_path), "--format", "md", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    positions = [text.index(heading) for heading in HEADINGS]
    assert positions == sorted(positions)
    assert "On 27 June, Russia struck Kramatorsk" in text
    assert "What changed since the previous brief" not in text  # a first brief has nothing to compare
    assert "1. Strike on Kramatorsk (Kyiv Ledger) — Kyiv Ledger, 2023-06-27" in text
    assert f"wrote {out}" in result.output
    state = json.loads((tmp_path / "f.md.state.json").read_text())
    assert "story:1" in state["stories"]


def test_second_brief_to_the_same_file_reports_nothing_new(corpus_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "f.md"
    args = ["brief", "--db", str(corpus_path), "--out", str(out)]
    assert CliRunner().invoke(app, args).exit_code == 0
    assert CliRunner().invoke(app, args).exit_code == 0
    assert (
        "_Nothing new since the previous brief (the state saved with the previous brief)._" in out.read_text()
    )


def test_brief_html_writes_a_page_with_headings_charts_and_linked_sources(
    corpus_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "f.html"
    result = CliRunner().invoke(
        app, ["brief", "--db", str(corpus_path), "--format", "html", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    for heading in HEADINGS:
        assert f"<h2>{heading[3:]}</h2>" in page
    assert page.count("<svg ") == 3 and page.count('role="img"') == 3
    assert '<a class="cite" href="#src-1">[1]</a>' in page
    assert '<li id="src-1">' in page and "<blockquote>Russia struck Kramatorsk" in page


def test_brief_to_stdout_filtered_by_place(corpus_path: Path) -> None:
    result = CliRunner().invoke(app, ["brief", "--db", str(corpus_path), "--place", "Kramatorsk", "-q"])
    assert result.exit_code == 0, result.output
    assert "On 27 June, Russia struck Kramatorsk" in result.output
    assert "Wagner Group [" not in result.output


def test_unknown_format_and_bad_date_are_refused_with_one_line(corpus_path: Path) -> None:
    result = CliRunner().invoke(app, ["brief", "--db", str(corpus_path), "--format", "pdf"])
    assert result.exit_code == 2 and "use md or html" in result.output
    result = CliRunner().invoke(app, ["brief", "--db", str(corpus_path), "--since", "last week"])
    assert result.exit_code == 2 and "not an ISO date" in result.output


def test_llm_url_without_model_is_a_config_error(corpus_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["brief", "--db", str(corpus_path), "--llm-url", "http://127.0.0.1:9/v1"]
    )
    assert result.exit_code != 0
    assert "needs both --llm-url and --llm-model" in str(result.exception)
