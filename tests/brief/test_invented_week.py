"""The brief of an invented week, written by hand (``data/invented_week.jsonl``), carries the
developments an analyst would lead with: eight of the kinds of the seed report (a strike whose
toll rises, a leader moving abroad, charges dropped, sanctions on firms, a weapons package, a
denial, a general's fate, an alliance deployment), among commentary, a round-up and items off the
war. The reports go through the whole pipeline (ingest, extraction, resolution).

On first sight, before any rule was changed for it, the brief covered 5 of the 8 (3 by their
lead), leaving out the sanctions, the deployment and the general.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from brief_corpus import covers, developments
from sqlalchemy import Engine
from test_brief_rules import assert_rules_hold

from sitroom.brief import Brief, write_brief
from sitroom.brief.weigh import is_quote_lead
from sitroom.store.db import Store

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).with_name("data")
EXPECTED: dict[str, Any] = yaml.safe_load((DATA / "invented_week.yaml").read_text(encoding="utf-8"))
DATED = re.compile(r"^(?:On \d{1,2} [A-Z][a-z]+, |First reported on \d{1,2} [A-Z][a-z]+: )")
HOSTNAME = re.compile(r"\b[\w-]+\.(?:com|org|net|co\.uk|example)\b")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def week(tmp_path_factory: pytest.TempPathFactory) -> tuple[Brief, Engine]:
    path = tmp_path_factory.mktemp("week") / "week.db"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sitroom",
            "ingest",
            str(DATA / "invented_week.jsonl"),
            "--db",
            str(path),
            "-q",
        ],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    engine = Store.open(str(path)).engine
    window = EXPECTED["window"]
    brief = write_brief(
        engine,
        since=datetime.fromisoformat(window["since"]).replace(tzinfo=UTC),
        until=datetime.fromisoformat(window["until"]).replace(tzinfo=UTC),
    )
    return brief, engine


def test_the_brief_of_the_week_carries_seven_of_its_eight_developments(week: tuple[Brief, Engine]) -> None:
    texts = developments(week[0])
    covered = [d["id"] for d in EXPECTED["developments"] if any(covers(t, d["all"]) for t in texts)]
    print(f"covered {len(covered)} of {len(EXPECTED['developments'])}: {covered}")
    # The general's fate is merged by story resolution into the founder's move (open in resolve).
    assert len(covered) >= 7, (covered, texts)


def test_commentary_and_items_off_the_war_are_no_development(week: tuple[Brief, Engine]) -> None:
    for text in developments(week[0]):
        for word in (*EXPECTED["off_topic"], *EXPECTED["weak"]):
            assert word.lower() not in text.lower(), (word, text)


def test_the_strike_with_its_rising_toll_leads(week: tuple[Brief, Engine]) -> None:
    lead = developments(week[0])[0]
    assert lead.startswith("On 17 October, Russia struck Sumy"), lead
    assert "13" in lead and "3" in lead.replace("13", ""), lead


def test_every_development_is_dated_cited_and_names_no_hostname(week: tuple[Brief, Engine]) -> None:
    brief, engine = week
    texts = developments(brief)
    assert texts and all(DATED.match(t) for t in texts), texts
    assert not any(HOSTNAME.search(s.text) for s in brief.sentences())
    assert assert_rules_hold(brief, engine) >= len(texts)


def test_most_developments_say_their_act_rather_than_quote_it(week: tuple[Brief, Engine]) -> None:
    texts = developments(week[0])
    quoted = [t for t in texts if is_quote_lead(t)]
    assert len(quoted) * 2 < len(texts), quoted
