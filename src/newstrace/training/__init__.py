"""Retraining the shipped models (top layer: nothing in the runtime imports it). Needs the train extras."""
