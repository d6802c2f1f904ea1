"""One CLI convention: every command and option explained, one set of format names, settings
from one place with a documented precedence, and exit codes that mean the same everywhere."""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newstrace.cli import build_parser, main
from newstrace.commands.evaluate import EVALUATIONS
from newstrace.commands.output import FORMAT_NAMES, render_table
from newstrace.errors import ConfigError
from newstrace.settings import SETTINGS, resolve_settings

REPO = Path(__file__).resolve().parent.parent


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    (subparsers,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(subparsers.choices)


def _eval_parsers() -> dict[str, argparse.ArgumentParser]:
    parsers = {}
    for name, (module_name, about) in EVALUATIONS.items():
        inner = argparse.ArgumentParser(prog=f"newstrace eval {name}", description=about)
        importlib.import_module(f"newstrace.eval.{module_name}").add_arguments(inner)
        parsers[f"eval {name}"] = inner
    return parsers


def test_every_command_has_a_description_and_an_example() -> None:
    commands = _commands()
    assert {"analyze", "ingest", "quotes", "settings", "serve", "export"} <= set(commands)
    for name, parser in commands.items():
        assert parser.description, f"'newstrace {name} --help' has no description"
        assert parser.epilog and f"newstrace {name}" in parser.epilog, f"'newstrace {name} --help' has no example"


def test_every_option_has_help_and_every_format_uses_the_shared_names() -> None:
    parsers = {f"newstrace {name}": parser for name, parser in _commands().items()} | _eval_parsers()
    formats_seen = set()
    for name, parser in parsers.items():
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            assert action.help and action.help != argparse.SUPPRESS, f"{name} {action.option_strings or action.dest}"
            if "--format" in action.option_strings:
                assert action.choices is not None and set(action.choices) <= set(FORMAT_NAMES), (name, action.choices)
                formats_seen.update(action.choices)
    assert formats_seen == set(FORMAT_NAMES)


def test_old_format_name_text_still_means_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text('"We will win," the minister said.', encoding="utf-8")
    assert main(["analyze", str(tmp_path / "a.txt"), "--format", "text", "--persuasion", "off"]) == 0
    assert "WHO SAID WHAT" in capsys.readouterr().out


def test_tables_are_cut_only_when_asked() -> None:
    rows = [("Kim Jong Il", "x" * 150)]
    whole = render_table(("speaker", "content"), rows)
    assert "x" * 150 in whole and "…" not in whole
    cut = render_table(("speaker", "content"), rows, cut=True)
    assert "x" * 150 not in cut and "…" in cut
    lines = whole.splitlines()
    assert lines[0].split() == ["speaker", "content"] and lines[2].startswith("Kim Jong Il")


def _settings_json(tmp_path: Path, *options: str, env: dict[str, str] | None = None) -> dict[str, dict[str, object]]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("NEWSTRACE_")}
    result = subprocess.run(
        [sys.executable, "-m", "newstrace.cli", "settings", "--format", "json", *options],
        cwd=tmp_path,
        env={**clean, "PYTHONPATH": str(REPO / "src"), **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["settings"]  # type: ignore[no-any-return]


def test_settings_precedence_flag_over_env_over_file_over_default(tmp_path: Path) -> None:
    (tmp_path / "newstrace.toml").write_text('batch_size = 7\nworkers = 2\npersuasion = "off"\n', encoding="utf-8")
    env = {"NEWSTRACE_WORKERS": "3", "NEWSTRACE_PERSUASION": "on"}
    got = _settings_json(tmp_path, "--persuasion", "off", env=env)
    assert got["batch_size"] == {"value": 7, "source": f"config file {tmp_path / 'newstrace.toml'}"}  # file
    assert got["workers"] == {"value": 3, "source": "environment NEWSTRACE_WORKERS"}  # env over file
    assert got["persuasion"] == {"value": "off", "source": "option"}  # flag over env
    assert got["max_bytes"] == {"value": 5_000_000, "source": "default"}
    assert set(got) == {spec.name for spec in SETTINGS}


def test_settings_from_pyproject_and_named_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.newstrace]\nmax-bytes = 1000\n')
    assert _settings_json(tmp_path)["max_bytes"]["value"] == 1000
    other = tmp_path / "other.toml"
    other.write_text("max_bytes = 2000\n", encoding="utf-8")
    assert _settings_json(tmp_path, "--config", str(other))["max_bytes"]["value"] == 2000
    assert _settings_json(tmp_path, env={"NEWSTRACE_CONFIG": str(other)})["max_bytes"]["value"] == 2000


def test_a_pyproject_without_a_newstrace_table_is_not_a_config(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    resolved = resolve_settings(cwd=tmp_path, environ={})
    assert resolved.config_path is None and set(resolved.sources.values()) == {"default"}


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ("bogus = 1\n", "E127"),  # not a setting: an error, never ignored
        ("batch_size = [\n", "E126"),  # not TOML
        ('batch_size = "many"\n', "E014"),  # wrong type
        ("batch_size = 2.5\n", "E014"),
        ("batch_size = 0\n", "E014"),  # checked like any other source
    ],
)
def test_bad_config_files_say_what_is_wrong(tmp_path: Path, content: str, code: str) -> None:
    (tmp_path / "newstrace.toml").write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=code):
        resolve_settings(cwd=tmp_path, environ={})


def test_missing_named_config_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["settings", "--config", str(tmp_path / "none.toml")]) == 2
    assert "E126" in capsys.readouterr().err


def test_options_reach_the_analysis(tmp_path: Path) -> None:
    """A flag is not only shown by 'settings': the run uses it (here: a record without persuasion)."""
    article = tmp_path / "a.txt"
    article.write_text("The minister said the talks would resume on Monday.", encoding="utf-8")
    (tmp_path / "newstrace.toml").write_text('persuasion = "on"\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "newstrace.cli", "analyze", str(article), "--format", "json", "--persuasion", "off"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    (record,) = json.loads(result.stdout)
    assert record["persuasion_summary"] is None
    assert "persuasion.v1" not in record["stages"]


def test_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.txt"
    good.write_text("The minister said the talks would resume.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text(" ", encoding="utf-8")
    options = ["--persuasion", "off", "--workers", "1"]
    assert main(["analyze", str(good), *options]) == 0  # all done
    assert main(["analyze", str(good), str(empty), *options]) == 1  # some failed
    assert "E004" in capsys.readouterr().err
    assert main(["analyze", str(empty), *options]) == 2  # nothing could be done
    assert main(["quotes", "--db", str(tmp_path / "none.db")]) == 2  # no such store
    with pytest.raises(SystemExit) as usage:
        main(["quotes", "--limit", "-1"])
    assert usage.value.code == 2
