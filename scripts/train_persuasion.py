"""Rebuild the shipped persuasion model (src/newstrace/resources/persuasion) from ../shared.

Usage (from the repository root, with the training extras installed: pip install -e '.[train]'):
    PYTHONPATH=src python scripts/train_persuasion.py [--corpus ../shared/data/persuasion/semeval2023-en]
Fixed seed, fixed split (sha256 of the article id); see docs/persuasion.md.
"""

from __future__ import annotations

import sys

from newstrace.training.persuasion import main

if __name__ == "__main__":
    sys.exit(main())
