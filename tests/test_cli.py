"""The command line, run as a user runs it: a real subprocess on real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from newstrace.schema import validate_record

from .conftest import shared_path


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    return subprocess.run(
        [sys.executable, "-m", "newstrace.cli", *args], input=stdin, capture_output=True, env=env, timeout=300
    )


def test_text_report_on_the_seed() -> None:
    result = _run("analyze", str(shared_path("seed/tass-2025-10-24-kursk.txt")))
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert "WHO SAID WHAT (11 attributions)" in out
    assert "TASS → Korean Central News Agency → Kim Jong Un" in out


def test_jsonl_with_bad_files_reports_each_and_keeps_going(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text('"We will win," the minister said on Monday.', encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02abc")
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 said".encode("latin-1"))
    out = tmp_path / "out.jsonl"
    result = _run("analyze", str(tmp_path), "--format", "jsonl", "--output", str(out))
    assert result.returncode == 1, result.stderr.decode()  # some inputs failed, the rest was analyzed
    records = {Path(r["source"]).name: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert set(records) == {"good.txt", "latin1.txt"}  # single-byte text is read as Windows-1252
    for record in records.values():
        validate_record(record)
    assert records["good.txt"]["attributions"][0]["speaker"]["name"] == "minister"
    assert records["latin1.txt"]["text"] == "café said"
    err = result.stderr.decode()
    assert "E003" in err
    assert "2 analyzed, 0 failed in a stage, 1 unreadable" in err


def test_stdin_json_and_published_option() -> None:
    text = b"WASHINGTON, March 3 (Reuters) - The senator said the bill would pass."
    result = _run("analyze", "-", "--format", "json", "--published", "2020-03-04", stdin=text)
    assert result.returncode == 0, result.stderr.decode()
    (record,) = json.loads(result.stdout)  # an array, even for one document
    validate_record(record)
    assert record["agency"] == "Reuters"
    assert record["dateline"]["date"] == "2020-03-03"
    assert record["attributions"][0]["kind"] == "indirect"


def test_nothing_analyzed_exits_2(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  ", encoding="utf-8")
    result = _run("analyze", str(tmp_path / "empty.txt"))
    assert result.returncode == 2
    assert "E004" in result.stderr.decode()


def test_output_cut_short_by_its_reader_ends_quietly() -> None:
    """'newstrace analyze ... | head -c 100': no BrokenPipeError traceback, SIGPIPE's exit code."""
    import subprocess
    import sys
    from pathlib import Path

    samples = Path(__file__).resolve().parents[1] / "src" / "newstrace" / "samples"
    process = subprocess.Popen(
        [sys.executable, "-m", "newstrace.cli", "analyze", str(samples), "--format", "jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(100)
    process.stdout.close()  # the reader goes away with most of the output unread
    err = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=120) == 141
    assert "Traceback" not in err and "BrokenPipeError" not in err
