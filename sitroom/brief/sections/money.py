"""Money and sanctions: who paid, sanctioned or aided whom, how much and on what."""

from __future__ import annotations

import re
from dataclasses import replace

from sitroom.brief.agree import agree
from sitroom.brief.compose import (
    Context,
    Section,
    agreed_spans,
    amount,
    joined,
    sanctioned,
    story_clause,
    surface,
)


def build(context: Context) -> Section:
    """Per story, who paid, sanctioned or aided whom, how much, in what currency.

    Each story's payments are stated as its sources agree; aid without an amount ("Joe Biden
    gave aid to Ukraine") or sanctions without a doer and on whom or what say nothing and are
    left out, and so is a deal or offer whose sentence would not state its amount.
    """
    composer = context.composer
    sentences = []
    for story in context.stories:
        # Aid and sanctions first; other events (a deal, an offer) only where they carry an amount.
        events = tuple(e for e in story.events if e.type in ("AID", "SANCTION")) or tuple(
            e for e in story.events if e.money is not None
        )
        if not events:
            continue
        part = replace(story, events=events, type=events[0].type)
        agreed = agree(part, composer.reports)
        if agreed.actor is None and agreed.money is None:
            continue
        spans = agreed_spans(part, agreed)
        evidence = joined(spans)
        target = surface(agreed.target, evidence)
        if target and re.search(rf"\b(?:in|at|near)\s+{re.escape(target)}", evidence):
            # "sanctions on four companies in the Central African Republic": a place, not whom
            agreed, target = replace(agreed, target=None), None
        actor = surface(agreed.actor, evidence)
        what = sanctioned(spans) if agreed.type == "SANCTION" else None
        if actor and what is not None:
            clause: str | None = f"{actor} imposed sanctions on {what[0]}"
            spans = [what[1]]
        elif actor is None and agreed.money is not None and target:
            clause = f"{target} received {amount(agreed.money)}"
        elif agreed.money is None and (agreed.type != "SANCTION" or not (actor and target)):
            continue  # "Joe Biden gave aid to Ukraine": aid says how much; sanctions say on whom
        else:
            clause = story_clause(agreed, evidence, agreed.support)
        if clause is None or clause.startswith("reports "):
            continue
        if agreed.type not in ("AID", "SANCTION") and (
            agreed.money is None or amount(agreed.money) not in clause
        ):
            continue  # "Putin reached an agreement": a deal here is worth stating only with its amount
        if agreed.money is not None and agreed.type == "SANCTION":
            clause += f" worth {amount(agreed.money)}"
        if sentence := composer.emit([(clause, spans)]):
            sentences.append(sentence)
    return Section(
        "money",
        "Money and sanctions",
        tuple(dict.fromkeys(sentences)),
        note=None if sentences else "No payments, aid or sanctions in the selected period.",
    )
