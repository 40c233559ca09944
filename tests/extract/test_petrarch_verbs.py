"""PETRARCH/TABARI verb dictionaries: reading the format and coding CAMEO from verb patterns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitroom.extract.verbs import VerbDictionary

PETRARCH = Path(__file__).parents[2] / ".." / "shared" / "data" / "petrarch"

VERBS = """<!-- test verbs, written for these tests -->
&ARMS
+ROCKETS
+DRONES

&FIGHTERS
+&ARMS
+TANKS

--- SHELL [190] ---
SHELL {SHELLED SHELLING}   # a comment
- * WITH &ARMS [195]
- * FOR_THE_FIRST_TIME [193]
- TREATY * [---]

--- PRAISE [051] ---
PRAISE
+LAUD {LAUDED}
- * EFFORTS [052]
BROKEN LINE {{
- * BAD [
"""


@pytest.fixture()
def verbs(tmp_path: Path) -> VerbDictionary:
    path = tmp_path / "verbs.txt"
    path.write_text(VERBS, encoding="utf-8")
    return VerbDictionary.from_file(path)


def test_default_code_of_the_block(verbs: VerbDictionary) -> None:
    assert verbs.code(["Vellmar", "shelled", "Ostrava", "overnight"], 1) == "190"


def test_longest_matching_pattern_wins(verbs: VerbDictionary) -> None:
    assert verbs.code(["Vellmar", "shelled", "Ostrava", "with", "heavy", "rockets"], 1) == "195"
    assert verbs.code(["Vellmar", "shelled", "Ostrava", "for", "the", "first", "time"], 1) == "193"
    assert verbs.code(["Vellmar", "shelled", "Ostrava", "for", "a", "time"], 1) == "190"  # adjacent


def test_words_before_the_verb_and_discard_code(verbs: VerbDictionary) -> None:
    assert verbs.code(["the", "treaty", "Vellmar", "shelled"], 3) is None


def test_block_synonym_shares_patterns_and_has_own_forms(verbs: VerbDictionary) -> None:
    assert verbs.code(["Ostrava", "lauded", "the", "mayor"], 1) == "051"
    assert verbs.code(["Ostrava", "lauds", "relief", "efforts"], 1) == "052"
    assert verbs.code(["Ostrava", "praising", "relief", "efforts"], 1) == "052"


def test_unknown_verb_has_no_code(verbs: VerbDictionary) -> None:
    assert verbs.code(["Ostrava", "welcomed", "them"], 1) is None


def test_bad_lines_warn_with_file_and_line(verbs: VerbDictionary) -> None:
    assert [w.split(": ", 1)[0].rsplit(":", 1)[1] for w in verbs.warnings] == ["20", "21"]
    assert all("verbs.txt:" in w for w in verbs.warnings)


def test_shared_sample_dictionary_loads() -> None:
    sample = VerbDictionary.from_file(PETRARCH / "PETR.Validate.verbs.txt")
    assert sample.entries > 700
    assert len(sample.warnings) < 10


def test_analyze_codes_events_from_own_dictionaries(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from sitroom.cli import app

    (tmp_path / "actors.txt").write_text("VELLMAR [VEL]\n+VELLMARIAN\nOSTRAVIA_ [OST]\n", encoding="utf-8")
    (tmp_path / "agents.txt").write_text("GOVERNMENT [~GOV]\nTROOPS {} [~MIL]\n", encoding="utf-8")
    (tmp_path / "verbs.txt").write_text(VERBS, encoding="utf-8")
    report = tmp_path / "report.txt"
    report.write_text("Vellmarian troops shelled the government of Ostravia with rockets on Monday.\n")
    options = [f"--{name}={tmp_path / name}.txt" for name in ("actors", "agents", "verbs")]
    result = CliRunner().invoke(app, ["analyze", "--json", *options, str(report)])
    assert "verbs.txt:20:" in result.stderr
    event = next(e for e in json.loads(result.stdout.splitlines()[-1])["events"] if e["trigger"] == "shelled")
    assert (event["actor_code"], event["cameo"], event["target_code"]) == ("VELMIL", "195", "OSTGOV")


PHRASES = """<!-- test verbs of several words and marked patterns, written for these tests -->
--- CALL OFF [191] ---
CALL OFF
--- WIRE_+TAP [1711] ---
WIRE_+TAP {WIRE_+TAPPED}
--- HAND [070] ---
HAND
- + * OVER TO $ [075]
- % * OVER [076]
--- WEIGH [---] # a header cut by a comment
WEIGH
- * IN [020]
"""


@pytest.fixture()
def phrases(tmp_path: Path) -> VerbDictionary:
    path = tmp_path / "verbs.txt"
    path.write_text(PHRASES, encoding="utf-8")
    return VerbDictionary.from_file(path)


def test_verb_of_several_words_needs_all_its_words(phrases: VerbDictionary) -> None:
    assert phrases.code(["Kessin", "called", "off", "the", "talks"], 1) == "191"
    assert phrases.code(["Kessin", "called", "the", "envoy"], 1) is None
    assert phrases.code(["agents", "wire", "tapped", "the", "envoy"], 2) == "1711"
    assert phrases.code(["agents", "tapped", "the", "envoy"], 1) is None
    assert phrases.warnings == []


def test_pattern_marks_give_word_windows_of_source_and_target(phrases: VerbDictionary) -> None:
    words = ["Vellmar", "was", "handed", "over", "to", "Kessin", "today"]
    found = phrases.match(words, 2)
    assert found is not None and found.code == "075"
    assert found.target == (0, 2, True)  # before the verb, the actor nearest it
    assert found.source == (5, 7, False)  # after "over to", the first actor


def test_compound_pattern_matches_only_a_compound(phrases: VerbDictionary) -> None:
    words = ["Vellmar", "and", "Kessin", "handed", "over", "the", "keys"]
    assert phrases.code(words, 3) == "070"
    found = phrases.match(words, 3, compound=True)
    assert found is not None and (found.code, found.compound) == ("076", True)


def test_block_header_cut_by_a_comment(phrases: VerbDictionary) -> None:
    assert phrases.code(["Kessin", "weighed", "in", "on", "Friday"], 1) == "020"
