"""JSON Schema files of the article record, one per schema version."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from ..errors import Errors, SchemaError

SCHEMA_FILES = {
    "newstrace.article/1": "article.v1.json",
    "newstrace.article/2": "article.v2.json",
    "newstrace.article/3": "article.v3.json",
    "newstrace.article/4": "article.v4.json",
    "newstrace.article/5": "article.v5.json",
    "newstrace.article/6": "article.v6.json",
}


@cache
def load_schema(version: str) -> dict[str, Any]:
    text = resources.files(__name__).joinpath(SCHEMA_FILES[version]).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate_record(record: dict[str, Any]) -> None:
    """Raise SchemaError if ``record`` does not match the schema it names, or a span's text is off."""
    import jsonschema

    version = record.get("schema")
    if version not in SCHEMA_FILES:
        raise SchemaError(Errors.E030.format(schema=version, reason="unknown schema version", where="schema"))
    validator = jsonschema.Draft202012Validator(load_schema(version))
    error = next(iter(sorted(validator.iter_errors(record), key=lambda e: list(e.path))), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        raise SchemaError(Errors.E030.format(schema=version, reason=error.message[:300], where=where))
