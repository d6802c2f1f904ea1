"""The cyclic collector is paused only inside a corpus build, and left as the caller had it."""

from __future__ import annotations

import gc

import pytest

from newstrace.corpus.bulk import collector_paused


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_inside_and_restored_after(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        with pytest.raises(RuntimeError), collector_paused():
            assert not gc.isenabled()
            raise RuntimeError("a failed build restores it too")
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
