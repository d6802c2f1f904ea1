"""Rebuild the shipped attribution tagger (src/newstrace/resources/attribution) from ../shared.

Usage (from the repository root, with the training extras installed: pip install -e '.[train]'):
    PYTHONPATH=src python scripts/train_attribution.py [--train ../shared/data/polnear/train] [--dev ...]
Fixed seed; trained on PolNeAR train, the epoch chosen on dev; see docs/attribution-model.md.
"""

from __future__ import annotations

import sys

from newstrace.training.attribution import main

if __name__ == "__main__":
    sys.exit(main())
