"""Evaluations against gold data; each module exposes ``evaluate(path) -> Report``-like results."""
