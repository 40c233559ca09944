"""The command list: every command runs from its module, and `sitroom --help` imports none of them."""

from __future__ import annotations

import subprocess
import sys
from importlib import import_module

import typer
from typer.core import TyperGroup
from typer.testing import CliRunner

from sitroom.cli import COMMANDS, app, load_command


def test_each_listed_command_comes_from_its_module_with_the_help_the_list_shows() -> None:
    for name, (module, summary) in COMMANDS.items():
        command = load_command(name)
        assert command.name == name, module
        first_paragraph = (command.help or "").split("\n\n")[0]
        assert " ".join(first_paragraph.split()) == summary, name


def test_every_command_a_module_defines_is_listed() -> None:
    for module in {module for module, _ in COMMANDS.values()}:
        built = typer.main.get_command(import_module(module).commands)
        names = set(built.commands) if isinstance(built, TyperGroup) else {built.name}
        assert names <= set(COMMANDS), module


def test_the_help_lists_every_command_and_a_typo_gets_a_suggestion() -> None:
    runner = CliRunner()
    shown = runner.invoke(app, ["--help"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0
    for name, (_, summary) in COMMANDS.items():
        assert f" {name} " in shown.output and summary[:40] in shown.output
    typo = runner.invoke(app, ["storie"])
    assert typo.exit_code == 2 and "Did you mean 'stories'" in typo.output


def test_the_help_loads_no_command_module_nor_the_database_library() -> None:
    script = (
        "import sys\n"
        "from sitroom.cli import main\n"
        "sys.argv = ['sitroom', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('sitroom.cli.ingest', 'sitroom.room', 'sqlalchemy', 'spacy')\n"
        "loaded = [m for m in heavy if m in sys.modules]\n"
        "print('loaded:', loaded)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert "loaded: []" in done.stdout
