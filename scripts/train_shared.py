"""Fine-tune one encoder for both the attribution tagger and the persuasion head, and score it (issue 16).

Usage (from the repository root, with the training extras installed: pip install -r requirements-train.lock):
    PYTHONPATH=src python scripts/train_shared.py fine-tune --epochs 2 \
        --persuasion-weight 20 --checkpoint /tmp/newstrace-shared
    PYTHONPATH=src python scripts/train_shared.py evaluate /tmp/newstrace-shared/epoch2.pt --out /tmp/shared-eval
    PYTHONPATH=src python -m newstrace.cli eval persuasion --model /tmp/shared-eval/persuasion
Fixed seeds, fixed splits; the measured runs are in docs/persuasion.md.
"""

from __future__ import annotations

import sys

from newstrace.training.shared import main

if __name__ == "__main__":
    sys.exit(main())
