"""PETRARCH-style event coding with dictionaries: sources, targets and codes of our own sentences."""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.cli import app, main
from sitroom.evaluate.petrarch import evaluate_cases, read_cases
from sitroom.extract.actors import ActorCoder
from sitroom.extract.pipeline import analyze_documents
from sitroom.extract.verbs import VerbDictionary
from sitroom.model import Document

HERE = Path(__file__).parent
PETRARCH = HERE.parents[1] / ".." / "shared" / "data" / "petrarch"
CASES = HERE / "petrarch_cases.yaml"

ACTORS = """<!-- test actors, written for these tests -->
VELLMAR [VEL]
+VELLMARIAN
OSTRAVIA [OST]
KESSIN [KES]
DRAVA_TOWN [DRA]
LORD_ABEL
    [VELGOV < 20100101]
    [VELREB > 20091231]
"""
AGENTS = "GOVERNMENT [~GOV]\nTROOPS {} [~MIL]\nPOLICE {} [~COP]\nENVOY [~GOV]\n"
VERBS = """<!-- test verbs, written for these tests -->
--- SHELL [190] ---
SHELL
--- SNUB [125] ---
SNUB {SNUBBED SNUBBING}
--- TALK [040:040] ---
TALK
--- SEND [---] ---
SEND
- + * BACK TO $ [214]
--- UNITE [---] ---
UNITE
- % * [057]
--- WRITE OFF [075] ---
WRITE OFF {WROTE_OFF WRITTEN_OFF}
--- PRAISE [051] ---
PRAISE
--- SEIZE [210] ---
SEIZE
--- BOMBARD [---] ---
BOMBARD
- * WITH LEAFLETS [135]
"""


@pytest.fixture(scope="module")
def dictionaries(tmp_path_factory: pytest.TempPathFactory) -> tuple[ActorCoder, VerbDictionary]:
    folder = tmp_path_factory.mktemp("dictionaries")
    for name, text in (("actors", ACTORS), ("agents", AGENTS), ("verbs", VERBS)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    coder = ActorCoder.from_files(folder / "actors.txt", folder / "agents.txt")
    return coder, VerbDictionary.from_file(folder / "verbs.txt")


def codings(dictionaries: tuple[ActorCoder, VerbDictionary], text: str, day: str = "2014-03-01") -> set:
    coder, verbs = dictionaries
    document = Document.from_text(text, published=datetime.fromisoformat(day))
    (analysis,) = analyze_documents([document], actor_coder=coder, verbs=verbs)
    return {(e.actor_code, e.target_code, e.cameo) for e in analysis.events if e.actor_code and e.target_code}


def test_passive_by_phrase_is_the_source(dictionaries: tuple[ActorCoder, VerbDictionary]) -> None:
    assert ("VELMIL", "OST", "190") in codings(dictionaries, "Ostravia was shelled by Vellmarian troops.")
    assert ("OST", "VELMIL", "190") not in codings(dictionaries, "Ostravia was shelled by Vellmarian troops.")


def test_each_member_of_a_compound_subject_is_a_source(
    dictionaries: tuple[ActorCoder, VerbDictionary],
) -> None:
    found = codings(dictionaries, "Vellmar and Kessin shelled Ostravia at dawn.")
    assert {("VEL", "OST", "190"), ("KES", "OST", "190")} <= found


def test_compound_object_gives_one_event_per_target(dictionaries: tuple[ActorCoder, VerbDictionary]) -> None:
    found = codings(dictionaries, "Vellmar snubbed Ostravia and Kessin at the summit.")
    assert {("VEL", "OST", "125"), ("VEL", "KES", "125")} <= found


def test_dictionary_verb_sitroom_does_not_know_becomes_an_event(
    dictionaries: tuple[ActorCoder, VerbDictionary],
) -> None:
    assert codings(dictionaries, "The Vellmar government snubbed the Kessin envoy.") == {
        ("VELGOV", "KESGOV", "125")
    }


def test_the_verb_pattern_code_wins_over_sitroom_lexicon(
    dictionaries: tuple[ActorCoder, VerbDictionary],
) -> None:
    # sitroom's own lexicon codes "seized" and "praised"; the dictionary's codes replace them
    assert ("VELCOP", "DRA", "210") in codings(dictionaries, "Vellmar police seized Drava Town on Sunday.")
    assert codings(dictionaries, "Kessin praised Vellmar for its restraint.") == {("KES", "VEL", "051")}


def test_paired_code_codes_both_directions(dictionaries: tuple[ActorCoder, VerbDictionary]) -> None:
    found = codings(dictionaries, "Vellmar will talk with Kessin next week.")
    assert {("VEL", "KES", "040"), ("KES", "VEL", "040")} <= found


def test_target_in_a_prepositional_phrase(dictionaries: tuple[ActorCoder, VerbDictionary]) -> None:
    assert ("KES", "OST", "040") in codings(dictionaries, "Kessin talked at length with Ostravia.")


def test_reporting_clause_keeps_the_reported_deed_apart(
    dictionaries: tuple[ActorCoder, VerbDictionary],
) -> None:
    found = codings(dictionaries, "Kessin said Vellmarian troops shelled Ostravia overnight.")
    assert ("VELMIL", "OST", "190") in found
    assert not any(source == "KES" for source, _, _ in found)


def test_relative_clause_subject_is_the_noun_it_describes(
    dictionaries: tuple[ActorCoder, VerbDictionary],
) -> None:
    found = codings(dictionaries, "Ostravia condemned Vellmarian troops who shelled Kessin.")
    assert ("VELMIL", "KES", "190") in found


def test_verbs_joined_by_and_share_the_object(dictionaries: tuple[ActorCoder, VerbDictionary]) -> None:
    found = codings(dictionaries, "Vellmar shelled and seized Drava Town.")
    assert {("VEL", "DRA", "190"), ("VEL", "DRA", "210")} <= found


def test_joined_verb_of_another_voice_takes_the_grammatical_subject(
    dictionaries: tuple[ActorCoder, VerbDictionary],
) -> None:
    found = codings(dictionaries, "Kessin shelled Ostravia and was snubbed by Vellmar.")
    assert {("KES", "OST", "190"), ("VEL", "KES", "125")} <= found
    found = codings(dictionaries, "Kessin was snubbed by Vellmar and then shelled Ostravia.")
    assert {("VEL", "KES", "125"), ("KES", "OST", "190")} <= found


def test_an_infinitive_is_done_by_the_object_it_completes_or_the_subject_of_its_purpose(
    dictionaries: tuple[ActorCoder, VerbDictionary],
) -> None:
    ordered = codings(dictionaries, "Kessin ordered Vellmarian troops to shell Ostravia.")
    assert ("VELMIL", "OST", "190") in ordered
    moved = codings(dictionaries, "Kessin moved its guns to the hills to shell Ostravia.")
    assert ("KES", "OST", "190") in moved


def test_participle_noun_is_its_doer_or_what_suffered_it(
    dictionaries: tuple[ActorCoder, VerbDictionary],
) -> None:
    found = codings(dictionaries, "Drava Town, seized by Kessin police in May, was shelled by Vellmar.")
    assert {("KESCOP", "DRA", "210"), ("VEL", "DRA", "190")} <= found


def test_pattern_marks_place_source_and_target(dictionaries: tuple[ActorCoder, VerbDictionary]) -> None:
    # "+ * BACK TO $": the one sent back is the target, the one it goes back to is the source
    assert ("KES", "VEL", "214") in codings(dictionaries, "Vellmar was sent back to Kessin on Friday.")


def test_compound_pattern_needs_a_compound(dictionaries: tuple[ActorCoder, VerbDictionary]) -> None:
    found = codings(dictionaries, "Vellmar and Kessin united against the floods.")
    assert {("VEL", "KES", "057"), ("KES", "VEL", "057")} <= found
    assert codings(dictionaries, "Vellmar united against the floods.") == set()


def test_verb_of_several_words(dictionaries: tuple[ActorCoder, VerbDictionary]) -> None:
    assert ("OST", "KES", "075") in codings(dictionaries, "Ostravia wrote off the debts of Kessin.")
    assert codings(dictionaries, "Ostravia wrote a letter to Kessin.") == set()


def test_date_restricted_codes_follow_the_report_date(
    dictionaries: tuple[ActorCoder, VerbDictionary],
) -> None:
    assert ("VELGOV", "OST", "125") in codings(dictionaries, "Lord Abel snubbed Ostravia.", day="2008-05-05")
    assert ("VELREB", "OST", "125") in codings(dictionaries, "Lord Abel snubbed Ostravia.", day="2012-05-05")


def test_a_verb_the_parse_left_without_arguments_takes_its_neighbours(
    dictionaries: tuple[ActorCoder, VerbDictionary],
) -> None:
    # the small model reads "snubbed" here as an adjective of "Kessin"
    assert codings(dictionaries, "Ostravia snubbed Kessin.") == {("OST", "KES", "125")}


def test_a_verb_the_dictionary_codes_as_no_event_loses_its_codes(
    dictionaries: tuple[ActorCoder, VerbDictionary],
) -> None:
    coder, _ = dictionaries
    text = "Vellmar bombarded Kessin on Monday."
    (plain,) = analyze_documents([Document.from_text(text)], actor_coder=coder)
    # sitroom's own event, before the verb dictionary is given
    assert any(e.trigger == "bombarded" and e.actor_code == "VEL" for e in plain.events)
    assert codings(dictionaries, text) == set()
    assert codings(dictionaries, "Vellmar bombarded Kessin with leaflets.") == {("VEL", "KES", "135")}


def test_an_object_noun_outside_the_pattern_keeps_its_own_event(
    dictionaries: tuple[ActorCoder, VerbDictionary],
) -> None:
    coder, verbs = dictionaries
    (analysis,) = analyze_documents(
        [Document.from_text("Kessin praised the raid on Ostravia.")], actor_coder=coder, verbs=verbs
    )
    praise = next(e for e in analysis.events if e.trigger == "praised")
    raid = next(e for e in analysis.events if e.trigger == "raid")
    assert (praise.actor_code, praise.target_code, praise.cameo) == ("KES", "OST", "051")
    assert raid.cameo != "051" and raid.type == "ASSAULT"


def test_no_event_without_two_dictionary_actors(dictionaries: tuple[ActorCoder, VerbDictionary]) -> None:
    assert codings(dictionaries, "Vellmar snubbed the visiting delegation.") == set()
    assert codings(dictionaries, "The harvest in Vellmar was poor this year.") == set()


# The case file of PETRARCH-style sentences, scored with the shared PETRARCH test dictionaries.
# Figures reached (README): half A 113/113 full and root, half B 109/112 full, 112/112 root.


@pytest.mark.slow
def test_petrarch_style_cases_stay_coded() -> None:
    score = evaluate_cases(
        CASES,
        PETRARCH / "PETR.Validate.actors.txt",
        PETRARCH / "PETR.Validate.agents.txt",
        PETRARCH / "PETR.Validate.verbs.txt",
    )
    a, b = score.halves["A"], score.halves["B"]
    assert (a.cases, b.cases) == (113, 112)
    assert b.rate(b.full) >= 0.95 and b.rate(b.root) >= 0.97
    assert a.rate(a.full) >= 0.95 and a.rate(a.root) >= 0.97


def test_case_file_is_read_in_alternating_halves() -> None:
    cases = read_cases(CASES)
    assert len(cases) >= 100
    assert [c.half for c in cases[:4]] == ["A", "B", "A", "B"]
    assert all(len(coding) == 3 for case in cases for coding in case.codings)


def test_eval_prints_halves_of_a_case_file(tmp_path: Path) -> None:
    for name, text in (("actors", ACTORS), ("agents", AGENTS), ("verbs", VERBS)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        'cases:\n  - {text: "Vellmar snubbed Kessin.", codings: [[VEL, KES, "125"]]}\n'
        '  - {text: "Kessin shelled Ostravia.", codings: [[KES, OST, "190"]]}\n'
        '  - {text: "Ostravia snubbed Kessin.", codings: [[KES, OST, "125"]]}\n',
        encoding="utf-8",
    )
    options = [f"--{name}={tmp_path / name}.txt" for name in ("actors", "agents", "verbs")]
    result = CliRunner().invoke(app, ["eval", "--petrarch-cases", str(cases), *options, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "A": {"cases": 2, "full": 0.5, "root": 1.0},
        "B": {"cases": 1, "full": 1.0, "root": 1.0},
    }


def test_bad_case_file_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "actors.txt").write_text(ACTORS, encoding="utf-8")
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        'cases:\n  - {text: "Vellmar snubbed Kessin.", codings: [[VEL, KES]]}\n', encoding="utf-8"
    )
    arguments = ["sitroom", "eval", "--petrarch-cases", str(cases), f"--actors={tmp_path / 'actors.txt'}"]
    monkeypatch.setattr(sys, "argv", arguments)
    with pytest.raises(SystemExit) as exit_status:
        main()
    assert exit_status.value.code != 0
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "case 1: a coding is [source, target, code]" in error


def test_python_api_codes_with_the_verb_dictionary(dictionaries: tuple[ActorCoder, VerbDictionary]) -> None:
    import sitroom

    coder, verbs = dictionaries
    analysis = sitroom.analyze("Kessin snubbed the Vellmar government.", actor_coder=coder, verbs=verbs)
    assert [(e.actor_code, e.target_code, e.cameo) for e in analysis.events] == [("KES", "VELGOV", "125")]
