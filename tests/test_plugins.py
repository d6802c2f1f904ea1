"""A stage from another package, found through the ``newstrace.stages`` entry-point group.

The test builds a tiny wheel (a package with one Stage subclass and an entry point), installs it
with pip into a folder of its own, and runs ``newstrace analyze`` with that folder on the path:
once choosing the plugin as the attribution stage, once adding it after the default stages.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from newstrace.errors import ConfigError
from newstrace.pipeline import registered_stages

PLUGIN = '''
from newstrace import Stage
from newstrace.record import Attribution, Speaker


class QuoteOnly(Stage):
    """Every quotation as an attribution with no speaker: a plugin's own attribution stage."""

    name = "attribution.quoteonly.v1"
    requires = ("text", "quotes")
    assigns = ("attributions",)

    def __call__(self, article):
        article.attributions = [
            Attribution(id=f"q{k}", kind="direct", speaker=Speaker(None), cue=None, content=quote, rule="plugin")
            for k, quote in enumerate(article.quotes, 1)
        ]


class Shout(Stage):
    """Upper-cases the title: a plugin stage added after the default ones."""

    name = "shout.v1"
    requires = ("title",)
    assigns = ("title",)

    def __call__(self, article):
        article.title = (article.title or "untitled").upper()


class Clash(Stage):
    name = "header.v1"
'''


def _record(path: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def _wheel(folder: Path, entry_points: str) -> Path:
    """A minimal, valid wheel of package ``nt_demo_plugin`` with the given entry_points.txt."""
    dist = "nt_demo_plugin-0.1.dist-info"
    files = {
        "nt_demo_plugin/__init__.py": PLUGIN.encode(),
        f"{dist}/METADATA": b"Metadata-Version: 2.1\nName: nt-demo-plugin\nVersion: 0.1\n",
        f"{dist}/WHEEL": b"Wheel-Version: 1.0\nGenerator: newstrace-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        f"{dist}/entry_points.txt": entry_points.encode(),
    }
    record = [_record(name, data) for name, data in files.items()] + [f"{dist}/RECORD,,"]
    files[f"{dist}/RECORD"] = ("\n".join(record) + "\n").encode()
    wheel = folder / "nt_demo_plugin-0.1-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return wheel


def _install(tmp_path: Path, entry_points: str) -> Path:
    target = tmp_path / "site"
    wheel = _wheel(tmp_path, entry_points)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    return target


def _analyze(site: Path, text_file: Path, **env: str) -> subprocess.CompletedProcess[str]:
    path = os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, "-m", "newstrace.cli", "analyze", str(text_file), "--format", "json", "--no-progress"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": path, "NEWSTRACE_PERSUASION": "off", **env},
        timeout=300,
    )


GOOD_ENTRY_POINTS = """[newstrace.stages]
attribution.quoteonly.v1 = nt_demo_plugin:QuoteOnly
shout.v1 = nt_demo_plugin:Shout
"""


@pytest.mark.model
def test_an_installed_plugin_stage_is_found_and_runs(tmp_path: Path) -> None:
    site = _install(tmp_path, GOOD_ENTRY_POINTS)
    article = tmp_path / "a.txt"
    article.write_text('title: Talks\n\n"We will win," the minister said. "It is certain."\n', encoding="utf-8")

    chosen = _analyze(site, article, NEWSTRACE_ATTRIBUTION="attribution.quoteonly.v1")
    assert chosen.returncode == 0, chosen.stderr
    (record,) = json.loads(chosen.stdout)  # an array, even of one
    assert "attribution.quoteonly.v1" in record["stages"]
    assert [(a["rule"], a["content"]["text"]) for a in record["attributions"]] == [
        ("plugin", "We will win,"),
        ("plugin", "It is certain."),
    ]

    added = _analyze(site, article, NEWSTRACE_ATTRIBUTION="rules", NEWSTRACE_EXTRA_STAGES="shout.v1")
    assert added.returncode == 0, added.stderr
    (record,) = json.loads(added.stdout)
    assert record["stages"][-1] == "shout.v1" and record["title"] == "TALKS"


def test_a_plugin_may_not_take_a_builtin_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _install(tmp_path, "[newstrace.stages]\nheader.v1 = nt_demo_plugin:Clash\n")
    monkeypatch.syspath_prepend(str(site))
    with pytest.raises(ConfigError, match=r"E017 The package nt-demo-plugin registers a stage named 'header.v1'"):
        registered_stages()
