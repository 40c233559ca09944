"""CAMEO actor coding from PETRARCH/TABARI dictionaries (the shared validation samples)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitroom.errors import LexiconError
from sitroom.extract.actors import ActorCoder, find_mentions

PETRARCH = Path(__file__).parents[2] / ".." / "shared" / "data" / "petrarch"


@pytest.fixture(scope="module")
def coder() -> ActorCoder:
    return ActorCoder.from_files(PETRARCH / "PETR.Validate.actors.txt", PETRARCH / "PETR.Validate.agents.txt")


def test_actor_and_agent_combine_into_one_code(coder: ActorCoder) -> None:
    assert coder.code("Arnor government") == "ARNGOV"
    assert coder.code("the Gondor troops") == "GONMIL"
    assert coder.code("Mordor foreign minister") == "MORGOVFRM"


def test_synonym_lines_share_the_entry_code(coder: ActorCoder) -> None:
    assert coder.code("Minas Tirith") == "GON"
    assert coder.code("Interpol") == "IGOCOPITP"


def test_agent_plurals_and_substitution_macros(coder: ActorCoder) -> None:
    assert coder.code("Gondor soldiers") == "GONMIL"
    assert coder.code("U.S. congresswomen") == "USALEG"
    assert coder.code("Golden geese of Rohan") == "ROHGGS"


def test_agent_code_before_the_actor(coder: ActorCoder) -> None:
    assert coder.code("Rohan human rights body") == "NGOROH"


def test_date_restricted_codes(coder: ActorCoder) -> None:
    assert coder.code("Smeagol", on=date(1990, 1, 1)) == "HOB"
    assert coder.code("Gollum", on=date(1997, 1, 1)) == "HOBGOV"
    assert coder.code("Sam Gamgee", on=date(2010, 1, 10)) == "ORCHOB"
    assert coder.code("Sam Gamgee") == "HOB"


def test_a_name_with_only_dated_codes_is_no_actor_outside_them(coder: ActorCoder) -> None:
    assert coder.code("the USSR", on=date(1988, 5, 1)) == "USR"
    assert coder.code("the USSR", on=date(2005, 5, 1)) is None
    assert coder.code("the USSR") == "USR"  # no report date: the dictionary's last code


def test_unknown_phrase_has_no_code(coder: ActorCoder) -> None:
    assert coder.code("Hogwarts") is None


def test_agent_alone_takes_the_null_actor(coder: ActorCoder) -> None:
    assert coder.code("the troops") == "---MIL"
    assert coder.code("a senior official") == "---GOV"
    assert coder.code("riot police") == "---COP"
    assert coder.code("a human rights body") == "NGO"  # a prefix agent is an actor code itself


def test_stems_match_the_words_they_begin(coder: ActorCoder) -> None:
    assert coder.code("Argentine diplomats") == "ARGGOV"
    assert coder.code("the Bulgarians") == "BUL"
    assert coder.code("North Korean soldiers") == "PRKMIL"
    assert coder.code("Mordorian troops") == "MORMIL"


def test_trailing_underscore_keeps_the_word_exact(coder: ActorCoder) -> None:
    assert coder.code("Arnorian envoys") is None
    assert coder.code("Libyans") is None
    assert coder.code("Libya") == "LBY"


def test_exact_name_and_longer_stem_beat_a_shorter_stem(coder: ActorCoder) -> None:
    assert coder.code("Israeli troops") == "ISRMIL"  # ISRAELI_TROOPS, not ISRAEL + TROOPS
    assert coder.code("Pakistanis") == "PAK"


def test_a_stem_does_not_swallow_a_common_word(coder: ActorCoder) -> None:
    assert coder.code("they entered the city") is None  # "ENT" codes Ents only
    assert coder.code("the Ents") == "ENT"


def test_bad_code_line_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "actors.txt"
    bad.write_text("# test dictionary\nGONDOR [GON]\n+ANORIEN\nROHAN [ROH\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"actors\.txt, line 4"):
        ActorCoder.from_files(bad)


def test_entry_without_code_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "actors.txt"
    bad.write_text("GONDOR [GON]\nROHAN\n+EDORAS\nMORDOR [MOR]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"line 2: entry without a \[CODE\]"):
        ActorCoder.from_files(bad)


def test_synonym_before_any_entry_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "actors.txt"
    bad.write_text("<!-- header -->\n+EDORAS\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="line 2"):
        ActorCoder.from_files(bad)


ACTORS = "<!-- test actors, written for these tests -->\nVELLMAR [VEL]\n+VELLMARIAN\nOSTRAVIA_ [OST]\n"
AGENTS = "GOVERNMENT [~GOV]\nPOLICE {} [~COP]\nRELIEF AGENCY [NGO~]\n"


@pytest.fixture()
def own_coder(tmp_path: Path) -> ActorCoder:
    (tmp_path / "actors.txt").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "agents.txt").write_text(AGENTS, encoding="utf-8")
    return ActorCoder.from_files(tmp_path / "actors.txt", tmp_path / "agents.txt")


def test_mentions_found_in_text_with_compound_codes(own_coder: ActorCoder) -> None:
    text = "The Vellmarian government warned the police of Ostravia and a relief agency of Vellmar."
    found = [(text[m.start : m.end], m.code) for m in find_mentions(own_coder, text)]
    assert found == [
        ("Vellmarian government", "VELGOV"),
        ("police of Ostravia", "OSTCOP"),
        ("relief agency of Vellmar", "NGOVEL"),
    ]


def test_agent_without_actor_is_a_null_actor_mention(own_coder: ActorCoder) -> None:
    text = "The government met the police and Vellmar."
    found = [(text[m.start : m.end], m.code) for m in find_mentions(own_coder, text)]
    assert found == [("government", "---GOV"), ("police", "---COP"), ("Vellmar", "VEL")]


def test_stem_mentions_in_text(own_coder: ActorCoder) -> None:
    text = "Vellmari police questioned two Ostravians and a Vellmar-based relief agency."
    found = [(text[m.start : m.end], m.code) for m in find_mentions(own_coder, text)]
    assert found == [("Vellmari police", "VELCOP"), ("Vellmar-based relief agency", "NGOVEL")]


def test_stem_synonym_and_exact_synonym(tmp_path: Path) -> None:
    (tmp_path / "actors.txt").write_text("KESSIN [KES]\n+KESSINI\n+KSN_\n", encoding="utf-8")
    coder = ActorCoder.from_files(tmp_path / "actors.txt")
    assert coder.code("Kessinite") == "KES"
    assert coder.code("KSN") == "KES"
    assert coder.code("KSNs") is None
