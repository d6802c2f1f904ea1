"""Helpers shared by the stages: word lists, token offsets, time resolution, the attribution rules."""
