"""Reading inputs: each bad file gets its own clear error; the rest is processed."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.errors import InputError
from newstrace.inputs import InputFailure, decode, read_inputs


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"\xff\xfe bad latin1 \xe9", "E002"),
        (b"abc\x00\x01\x02", "E003"),
        (b"   \n\t ", "E004"),
        (b"x" * 101, "E005"),
    ],
)
def test_decode_rejects_with_numbered_message(data: bytes, code: str) -> None:
    with pytest.raises(InputError, match=code):
        decode(data, "f.txt", max_bytes=100)


def test_decode_strips_bom_and_keeps_text() -> None:
    assert decode("\ufeffHello “world”".encode(), "f.txt", max_bytes=100) == "Hello “world”"


def test_folder_is_read_recursively_in_order_with_failures(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("First article.", encoding="utf-8")
    (tmp_path / "b" / "c.txt").write_text("Second article.", encoding="utf-8")
    (tmp_path / "b" / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    items = list(read_inputs([str(tmp_path), str(tmp_path / "missing.txt")], max_bytes=1000))
    kinds = [(Path(i.source).name if i.source else None, isinstance(i, InputFailure)) for i in items]
    assert kinds == [("a.txt", False), ("c.txt", False), ("empty.txt", True), ("missing.txt", True)]
    assert "E001" in str(items[-1].error)  # type: ignore[union-attr]
