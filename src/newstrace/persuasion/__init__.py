"""Persuasion-technique detection: the SemEval-2023 corpus and split, the shipped model, its training."""
