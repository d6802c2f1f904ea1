"""The shipped attribution tagger: small enough to ship, loads and runs with the network cut off."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from newstrace.models.tagger import FILES, RESOURCES

# Any attempt to open a socket fails loudly: a model that tries to download anything cannot pass.
NO_NETWORK = textwrap.dedent(
    """
    import socket

    def refuse(*args, **kwargs):
        raise RuntimeError("network access attempted")

    socket.socket.connect = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse
    """
)


def test_weights_are_under_50_mb_and_described() -> None:
    for name in FILES:
        path = RESOURCES / name
        assert path.is_file(), f"missing {path}: rebuild with scripts/train_attribution.py"
        assert path.stat().st_size < 50 * 1024 * 1024, f"{name} is {path.stat().st_size / 2**20:.1f} MiB"
    config = json.loads((RESOURCES / "config.json").read_text(encoding="utf-8"))
    assert config["name"] == "attribution.model.v1"
    assert set(config["dev_int8"]["exact"]) == {"Source", "Cue", "Content"}
    assert (RESOURCES / "README.md").is_file(), "the model card sits next to the weights"


def test_tagger_loads_and_tags_offline() -> None:
    script = NO_NETWORK + textwrap.dedent(
        """
        from newstrace.models.tagger import Tagger

        text = 'The senator said that the bill would pass. "We have the votes," she added.'
        spans = Tagger().spans(text)
        print(sorted(text[s:e] for s, e in spans["Cue"]))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "said" in done.stdout and "added" in done.stdout, done.stdout
