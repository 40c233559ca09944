"""``sitroom bench``: extraction throughput against plain spaCy, memory, ingest rates, API latency."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.table import Table

from sitroom.bench.run import run_bench
from sitroom.cli.common import JsonOption, QuietOption, console, err_console

commands = typer.Typer()


def _table(figures: dict[str, Any]) -> None:
    table = Table("measure", "value", title="sitroom bench", title_justify="left")
    table.add_row("documents / words", f"{figures['documents']} / {figures['words']}")
    table.add_row(
        "plain spaCy", f"{figures['spacy_docs_per_s']} docs/s, {figures['spacy_words_per_s']} words/s"
    )
    table.add_row(
        "analyze", f"{figures['analyze_docs_per_s']} docs/s, {figures['analyze_words_per_s']} words/s"
    )
    table.add_row("analyze / spaCy", f"{figures['ratio']:.0%}" if figures["ratio"] is not None else "-")
    stream = figures["stream"]
    table.add_row(
        f"memory over {stream['documents']} streamed docs",
        f"{stream['rss_after_first_tenth_mb']} MB after a tenth, {stream['rss_at_end_mb']} MB at the end",
    )
    table.add_row("peak RSS (analysis)", f"{figures['peak_rss_mb']} MB")
    for backend, rate in figures["ingest"].items():
        table.add_row(
            f"ingest into {backend}",
            f"{rate['save_docs_per_s']} docs/s writing, {rate['end_to_end_docs_per_s']} docs/s with analysis",
        )
    table.add_row("100k docs on 2 cores (estimate)", f"{figures['estimate_100k_docs_two_cores_s']} s")
    latency = figures["latency"]
    for name, query in latency["queries"].items():
        table.add_row(
            f"{name} ({latency['events']} events, {latency['database']})",
            f"p50 {query['p50_ms']} ms, p95 {query['p95_ms']} ms ({query['samples']} calls)",
        )
    table.add_row("peak RSS (with queries)", f"{figures['peak_rss_with_queries_mb']} MB")
    console.print(table)


@commands.command()
def bench(
    json_output: JsonOption = False,
    docs: Annotated[
        int, typer.Option("--docs", min=1, help="Documents to analyse (made from the sample).")
    ] = 200,
    pg: Annotated[
        str | None, typer.Option("--pg", metavar="URL", help="Also measure an empty PostgreSQL database.")
    ] = None,
    events: Annotated[
        int | None,
        typer.Option(
            "--events", min=1, help="Synthetic events for the query benchmark (1M with --pg, else 20k)."
        ),
    ] = None,
    stream: Annotated[
        int | None,
        typer.Option("--stream", min=1, help="Documents in the streaming memory run (5 x --docs)."),
    ] = None,
    model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline to use.")] = None,
    quiet: QuietOption = False,
) -> None:
    """Measure extraction against plain spaCy, memory, ingest rates and the API's query latency."""

    def step(message: str) -> None:
        if not quiet:
            err_console.print(f"bench: {message}", highlight=False)

    figures = run_bench(docs, pg=pg, events=events, stream=stream, model=model, step=step)
    if json_output:
        print(json.dumps(figures))
    else:
        _table(figures)
