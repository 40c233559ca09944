"""Optional rephrasing of a brief's sentences by an LLM behind an OpenAI-compatible endpoint.

The model sees one sentence and its evidence and may only reword it. Its answer must keep
the same citation markers and pass the citation, number and name rules against the same
evidence; otherwise the original sentence stays and the rejection is counted.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from sitroom.brief.check import citation_numbers
from sitroom.brief.compose import Section, Sentence
from sitroom.errors import ConfigError

DEFAULT_TIMEOUT = 30.0
MAX_ANSWER_CHARS = 2_000
INSTRUCTIONS = (
    "Rephrase the sentence of a situation report for readability. Keep every citation marker "
    "such as [1] exactly as written. Do not add any fact, name or number that is not in the "
    "sentence; use only the evidence to check wording. Answer with the rephrased sentence only."
)


@dataclass(frozen=True, slots=True)
class LLMConfig:
    """Where the model is: ``url`` is the API base (``{url}/chat/completions`` is posted to)."""

    url: str
    model: str
    timeout: float = DEFAULT_TIMEOUT
    api_key: str | None = None

    @classmethod
    def from_options(cls, url: str | None, model: str | None) -> LLMConfig | None:
        """Return the config from options or SITROOM_LLM_URL / SITROOM_LLM_MODEL, None when unset."""
        url = url or os.environ.get("SITROOM_LLM_URL") or None
        model = model or os.environ.get("SITROOM_LLM_MODEL") or None
        if url is None and model is None:
            return None
        if url is None or model is None:
            raise ConfigError(
                "LLM rewriting needs both --llm-url and --llm-model (or SITROOM_LLM_URL/_MODEL)"
            )
        return cls(url=url.rstrip("/"), model=model, api_key=os.environ.get("SITROOM_LLM_KEY") or None)


@dataclass(slots=True)
class RewriteReport:
    """How the rewriting went: sentences accepted, rejected (with why) and failed requests."""

    accepted: int = 0
    rejected: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


Checker = Callable[[Sentence, str], list[str]]


def rewrite_sections(
    sections: list[Section], config: LLMConfig, evidence: Callable[[Sentence], list[str]], check: Checker
) -> tuple[list[Section], RewriteReport]:
    """Return the sections with each sentence rephrased where the rewrite passes ``check``.

    ``evidence`` gives the cited evidence texts of a sentence; ``check`` returns the rule
    violations of a candidate text for a sentence. A transport error stops asking (no retry
    storm) and leaves the remaining sentences as they are.
    """
    report = RewriteReport()
    rewritten: list[Section] = []
    with httpx.Client(timeout=config.timeout) as client:
        for section in sections:
            sentences = []
            for sentence in section.sentences:
                if report.failed:
                    sentences.append(sentence)
                    continue
                try:
                    answer = _ask(client, config, sentence.text, evidence(sentence))
                except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError) as error:
                    report.failed.append(f"{config.url}: {type(error).__name__}: {error}")
                    sentences.append(sentence)
                    continue
                problems = _problems(sentence, answer, check)
                if problems:
                    report.rejected.append(f"{answer!r}: {'; '.join(problems)}")
                    sentences.append(sentence)
                else:
                    report.accepted += 1
                    sentences.append(Sentence(answer, sentence.citations))
            rewritten.append(
                Section(section.key, section.heading, tuple(sentences), section.table, section.note)
            )
    return rewritten, report


def _problems(sentence: Sentence, answer: str, check: Checker) -> list[str]:
    if sorted(set(citation_numbers(answer))) != sorted(set(sentence.citations)):
        return ["citation markers changed"]
    return check(sentence, answer)


def _ask(client: httpx.Client, config: LLMConfig, sentence: str, evidence: list[str]) -> str:
    quoted = "\n".join(f"- {text}" for text in evidence)
    headers = {"Authorization": f"Bearer {config.api_key}"} if config.api_key else {}
    response = client.post(
        f"{config.url}/chat/completions",
        headers=headers,
        json={
            "model": config.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": INSTRUCTIONS},
                {"role": "user", "content": f"Sentence: {sentence}\n\nEvidence:\n{quoted}"},
            ],
        },
    )
    response.raise_for_status()
    answer = str(response.json()["choices"][0]["message"]["content"]).strip()
    if not answer or len(answer) > MAX_ANSWER_CHARS:
        raise ValueError("empty or oversized answer")
    return " ".join(answer.split())
