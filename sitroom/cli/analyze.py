"""``sitroom analyze``: extract from reports and print them; ``sitroom eval``: score against gold."""

from __future__ import annotations

import json
import sys
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from sitroom.cli.common import JsonOption, console, err_console
from sitroom.config import settings_from_env
from sitroom.errors import InputError
from sitroom.evaluate import EvalReport, evaluate
from sitroom.evaluate.formats import FORMATS
from sitroom.evaluate.petrarch import evaluate_cases
from sitroom.extract.actors import ActorCoder
from sitroom.extract.pipeline import analyze_documents
from sitroom.extract.verbs import VerbDictionary
from sitroom.ingest import read_inputs
from sitroom.model import Analysis, Document

commands = typer.Typer()

ModelOption = Annotated[
    str | None,
    typer.Option("--model", help="spaCy pipeline to use (default: $SITROOM_MODEL or en_core_web_sm)."),
]

ActorsOption = Annotated[
    Path | None, typer.Option("--actors", help="CAMEO actor dictionary (PETRARCH format) to code actors.")
]
AgentsOption = Annotated[
    Path | None, typer.Option("--agents", help="CAMEO agent dictionary (PETRARCH format), with --actors.")
]
VerbsOption = Annotated[
    Path | None, typer.Option("--verbs", help="CAMEO verb dictionary (PETRARCH format) to code events.")
]


@commands.command()
def analyze(
    inputs: Annotated[
        list[str], typer.Argument(metavar="FILE...", help="Files, directories, URLs; - for stdin.")
    ],
    as_json: JsonOption = False,
    actors: ActorsOption = None,
    agents: AgentsOption = None,
    verbs: VerbsOption = None,
    model: ModelOption = None,
) -> None:
    """Extract entities, events and claims from reports; --json prints one JSON object per report."""
    if agents is not None and actors is None:
        raise typer.BadParameter("--agents needs --actors", param_hint="--agents")
    actor_coder = None
    if actors is not None:
        actor_coder = ActorCoder.from_files(actors, agents)
    verb_dictionary = None
    if verbs is not None:
        verb_dictionary = VerbDictionary.from_file(verbs)
        for warning in verb_dictionary.warnings:
            err_console.print(f"sitroom: warning: {warning}", markup=False, highlight=False, soft_wrap=True)
    settings = settings_from_env(model=model)
    # Errors and documents keep their input positions, so each error is printed where it
    # falls among the outputs even though the pipeline parses documents in batches ahead.
    errors: deque[tuple[int, InputError]] = deque()
    positions: deque[int] = deque()
    failed = False

    def documents() -> Iterator[Document]:
        items = read_inputs(inputs, max_bytes=settings.max_bytes, allow_private=settings.allow_private)
        for position, item in enumerate(items):
            if isinstance(item, Document):
                positions.append(position)
                yield item
            else:
                errors.append((position, item))

    def flush_errors(before: int | None) -> None:
        nonlocal failed
        while errors and (before is None or errors[0][0] < before):
            failed = True
            error = errors.popleft()[1]
            err_console.print(f"sitroom: {error}", markup=False, highlight=False, soft_wrap=True)

    for analysis in analyze_documents(
        documents(), model=settings.model, actor_coder=actor_coder, verbs=verb_dictionary
    ):
        flush_errors(positions.popleft())
        if as_json:
            sys.stdout.write(json.dumps(analysis.to_json(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            _print_analysis(analysis)
    flush_errors(None)
    if failed:
        raise typer.Exit(2)


def _print_analysis(analysis: Analysis) -> None:
    document = analysis.document
    heading = document.title or document.origin or document.id[:12]
    published = f" · {document.published:%Y-%m-%d}" if document.published else ""
    source = f" · {document.source}" if document.source else ""
    console.rule(f"[bold]{_escape(heading)}[/]{_escape(source)}{published}")
    if analysis.entities:
        entities = Table("entity", "type", "subtype", "country", title="Entities", title_justify="left")
        for entity in analysis.entities:
            entities.add_row(entity.name, entity.type, entity.subtype or "", entity.country or "")
        console.print(entities)
    if analysis.events:
        columns = ("type", "actor", "target", "location", "figures", "certainty", "evidence")
        events = Table(*columns, title="Events", title_justify="left")
        for event in analysis.events:
            events.add_row(
                event.type + (f" ({event.cameo})" if event.cameo else ""),
                _with_code(event.actor, event.actor_code),
                _with_code(event.target, event.target_code),
                event.location or "",
                _figures(event),
                event.certainty + (f" ({event.attributed_to})" if event.attributed_to else ""),
                event.evidence.text,
            )
        console.print(events)
    if analysis.claims:
        claims = Table("certainty", "about", "attributed to", "claim", title="Claims", title_justify="left")
        for claim in analysis.claims:
            claims.add_row(claim.certainty, claim.about or "", claim.attributed_to or "", claim.text)
        console.print(claims)
    if not (analysis.entities or analysis.events or analysis.claims):
        console.print("nothing found")


def _escape(text: str) -> str:
    return escape(text)


def _with_code(name: str | None, code: str | None) -> str:
    return f"{name or ''} [{code}]" if code else name or ""


def _bounds(label: str, low: int | None, high: int | None) -> str:
    if low == high:
        return f"{label} {low}"
    if high is None:
        return f"{label} ≥{low}"
    return f"{label} {low if low is not None else '?'}–{high}"


def _figures(event: Any) -> str:
    figures = []
    if event.killed:
        figures.append(_bounds("killed", event.killed.min, event.killed.max))
    if event.injured:
        figures.append(_bounds("injured", event.injured.min, event.injured.max))
    if event.money:
        usd = f" (≈${event.money.usd:,.0f})" if event.money.usd and event.money.currency != "USD" else ""
        figures.append(f"{event.money.amount:,.0f} {event.money.currency}{usd}")
    return ", ".join(figures)


@commands.command("eval")
def eval_command(
    paths: Annotated[
        list[Path] | None, typer.Argument(metavar="PATH...", help="Gold files or directories.")
    ] = None,
    gold_format: Annotated[
        str, typer.Option("--format", help="Gold format: auto, seed, plover, conll or wikievents.")
    ] = "auto",
    misses: Annotated[bool, typer.Option("--misses", help="List each missed or wrong gold item.")] = False,
    as_json: JsonOption = False,
    limit: Annotated[
        int | None, typer.Option("--limit", min=1, help="Score at most N documents per path.")
    ] = None,
    check: Annotated[bool, typer.Option("--check", help="Exit 1 when a target is missed.")] = False,
    model: ModelOption = None,
    petrarch_cases: Annotated[
        Path | None,
        typer.Option(
            "--petrarch-cases", help="Score PETRARCH-style coding cases (YAML) with --actors/--verbs."
        ),
    ] = None,
    actors: ActorsOption = None,
    agents: AgentsOption = None,
    verbs: VerbsOption = None,
) -> None:
    """Score the extraction against gold data: precision, recall and F1 per part, with targets."""
    if petrarch_cases is not None:
        if actors is None:
            raise typer.BadParameter("--petrarch-cases needs --actors", param_hint="--actors")
        _eval_petrarch(
            petrarch_cases, actors, agents, verbs, misses, as_json, settings_from_env(model=model).model
        )
        return
    if not paths:
        raise typer.BadParameter("give gold files or --petrarch-cases", param_hint="PATH...")
    if gold_format not in ("auto", *FORMATS):
        raise typer.BadParameter(f"use one of auto, {', '.join(FORMATS)}", param_hint="--format")
    report = evaluate(paths, gold_format, limit=limit, model=settings_from_env(model=model).model)
    if as_json:
        sys.stdout.write(json.dumps(report.to_json(misses=misses), ensure_ascii=False) + "\n")
    else:
        _print_report(report, misses)
    if check and not report.targets_met:
        raise typer.Exit(1)


def _eval_petrarch(
    cases: Path,
    actors: Path,
    agents: Path | None,
    verbs: Path | None,
    misses: bool,
    as_json: bool,
    model: str | None,
) -> None:
    """Print full-coding and CAMEO-root accuracy of each half of a PETRARCH-style case file."""
    score = evaluate_cases(cases, actors, agents, verbs, model=model)
    if as_json:
        sys.stdout.write(json.dumps(score.to_json(), ensure_ascii=False) + "\n")
    else:
        for half, part in score.halves.items():
            full, root = f"{part.full}/{part.cases}", f"{part.root}/{part.cases}"
            console.print(
                f"half {half}: {part.cases} cases, full coding {full} ({part.rate(part.full):.1%}), "
                f"CAMEO root {root} ({part.rate(part.root):.1%})",
                highlight=False,
            )
    if misses:
        for half, text, expected, got in score.misses:
            if half == "A":
                console.print(
                    f"[bold]A[/] {_escape(text)}\n    expected: {expected}\n    got: {_escape(got)}"
                )


def _percent(value: float | None) -> str:
    return f"{value:.1%}" if value is not None else "–"


def _cell(key: str, value: object) -> str:
    if key in ("precision", "recall", "f1"):
        return _percent(value if isinstance(value, float | int) else None)
    return str(value)


def _print_report(report: EvalReport, show_misses: bool) -> None:
    title = f"{', '.join(report.formats)} · {report.documents} document(s)"
    with_required = any(part.required for part in report.parts)
    with_target = any(part.target for part in report.parts)
    columns = ["part", "gold", "found", "predicted", "correct", "precision", "recall", "F1 / accuracy"]
    columns += ["required"] * with_required + ["target"] * with_target
    table = Table(*columns, title=title, title_justify="left")
    for part in report.parts:
        row = [
            part.name,
            str(part.gold),
            str(part.found),
            str(part.predicted),
            str(part.correct),
            _percent(part.precision),
            _percent(part.recall),
            _percent(part.value(part.metric)) + (" acc" if part.metric == "accuracy" else ""),
        ]
        if with_required:
            row.append(f"{part.required_found}/{part.required}" if part.required else "")
        if with_target:
            met = {True: "[green]met[/]", False: "[red]missed[/]", None: ""}[part.target_met]
            row.append(f"{part.target_text} {met}" if part.target else "")
        table.add_row(*row)
    console.print(table)
    for name, rows in report.tables.items():
        if not rows:
            continue
        extra = Table(*rows[0].keys(), title=name, title_justify="left")
        for entry in rows:
            extra.add_row(*(_cell(key, value) for key, value in entry.items()))
        console.print(extra)
    if show_misses:
        _print_misses(report)


def _print_misses(report: EvalReport) -> None:
    if not report.misses:
        console.print("no misses")
        return
    console.rule("misses")
    for miss in report.misses:
        console.print(f"[bold]{miss.part}[/] {_escape(miss.document)}: [yellow]{_escape(miss.gold)}[/]")
        if miss.evidence:
            console.print(f"    gold text: {_escape(miss.evidence)}", soft_wrap=True)
        for predicted in miss.predicted or ("nothing predicted near it",):
            console.print(f"    predicted: {_escape(predicted)}", soft_wrap=True)
