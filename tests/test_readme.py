"""The README's five-minute tour, run as a new user would copy it: every command of every block.

The blocks run in a scratch folder laid out like the repository (``.venv``, ``src``, ``docs`` and
``../shared`` linked in), so the tour's files (tour.db, seed.json, ...) never land in the checkout.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import SHARED, shared_path

REPO = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```(sh|python)\n(.*?)```", re.DOTALL)

pytestmark = pytest.mark.model


def tour_blocks() -> list[tuple[str, str]]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("## A five-minute tour")
    end = readme.index("\n## ", start + 1)
    return BLOCK.findall(readme[start:end])


def _commands(block: str) -> list[str]:
    return [line.split("   #")[0].strip() for line in block.splitlines() if line.strip() and not line.startswith("#")]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert (REPO / ".venv" / "bin" / "newstrace").exists(), "run 'make setup' first: the tour uses .venv/bin"
    shared_path("seed/tass-2025-10-24-kursk.txt")  # fails with a clear message when ../shared is missing
    root = tmp_path_factory.mktemp("tour")
    (root / "shared").symlink_to(SHARED.resolve())
    work = root / "repo"
    work.mkdir()
    for name in (".venv", "src", "docs"):
        (work / name).symlink_to(REPO / name)
    return work


def _serve(command: str, cwd: Path) -> str:
    """Start the server the tour starts, read its front page, stop it (as Ctrl-C would)."""
    process = subprocess.Popen(shlex.split(command), cwd=cwd, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen("http://127.0.0.1:8000/", timeout=5) as response:
                    return str(response.read().decode("utf-8"))
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    process.terminate()
                    _, err = process.communicate(timeout=30)
                    raise AssertionError(f"'{command}' did not serve: {err}") from None
                time.sleep(0.3)
    finally:
        process.terminate()
        process.communicate(timeout=30)


def test_the_tour_runs_as_written(workspace: Path) -> None:
    blocks = tour_blocks()
    assert [kind for kind, _ in blocks].count("sh") >= 5 and any(kind == "python" for kind, _ in blocks)
    outputs: dict[str, str] = {}
    for kind, block in blocks:
        if kind == "python":
            result = subprocess.run(
                [".venv/bin/python", "-c", block], cwd=workspace, capture_output=True, text=True, timeout=600
            )
            assert result.returncode == 0, f"README python block failed:\n{block}\n{result.stderr}"
            outputs["python"] = result.stdout
            continue
        for command in _commands(block):
            if " serve " in command:
                outputs["serve"] = _serve(command, workspace)
                continue
            result = subprocess.run(["bash", "-c", command], cwd=workspace, capture_output=True, text=True, timeout=600)
            assert result.returncode == 0, f"README command failed: {command}\n{result.stderr[-2000:]}"
            outputs[command] = result.stdout

    # What the tour says it does, it does.
    (record,) = json.loads((workspace / "seed.json").read_text(encoding="utf-8"))
    assert len(record["attributions"]) == 11
    html = (workspace / "seed.html").read_text(encoding="utf-8")
    assert {f"a{n} content" for n in range(1, 12)} <= set(re.findall(r"a\d+ content", html))
    quotes = next(out for command, out in outputs.items() if "--speaker" in command)
    assert "Kim Jong Un" in quotes and "battlefield" in quotes
    assert any(path.suffix == ".parquet" for path in (workspace / "tour-export").iterdir())
    assert "11 attributions drawn" in outputs["python"]
    settings = next(out for command, out in outputs.items() if " settings" in command)
    assert re.search(r"workers\s+2\s+option", settings)
    assert "newstrace" in outputs["serve"]
