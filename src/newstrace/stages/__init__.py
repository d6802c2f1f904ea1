"""Built-in pipeline stages; importing this package registers them."""

from . import (
    attribution,
    attribution_model,
    entities,
    header,
    parse,
    persuasion,
    quotes,
    relay,
    speakers,
    times,
    voice,
)

__all__ = [
    "attribution",
    "attribution_model",
    "entities",
    "header",
    "parse",
    "persuasion",
    "quotes",
    "relay",
    "speakers",
    "times",
    "voice",
]
