"""Built-in pipeline stages; importing this package registers them."""

from . import attribution, entities, header, parse, persuasion, quotes, relay, speakers, times, voice

__all__ = ["attribution", "entities", "header", "parse", "persuasion", "quotes", "relay", "speakers", "times", "voice"]
