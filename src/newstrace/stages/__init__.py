"""The built-in pipeline stages, one module each; shared helpers live in ``stages/_lib``.

Built-in stages are listed here exactly as a plugin lists its own under the ``newstrace.stages``
entry-point group: a versioned name and ``module:Class``. Nothing is imported until a pipeline
needs the stage, so choosing the rule-based attribution never loads the ONNX models.
"""

BUILTIN_STAGES = {
    "header.v1": "newstrace.stages.header:HeaderStage",
    "language.v1": "newstrace.stages.language:LanguageStage",
    "parse.spacy.v1": "newstrace.stages.parse:ParseStage",
    "quotes.marks.v1": "newstrace.stages.quotes:QuoteStage",
    "entities.v1": "newstrace.stages.entities:EntityStage",
    "attribution.rules.v1": "newstrace.stages.attribution:RuleAttributionStage",
    "attribution.model.v1": "newstrace.stages.attribution:ModelAttributionStage",
    "attribution.hybrid.v1": "newstrace.stages.attribution:HybridAttributionStage",
    "conventions.realnews.v1": "newstrace.stages.conventions:RealnewsConventionsStage",
    "conventions.polnear.v1": "newstrace.stages.conventions:PolnearConventionsStage",
    "speakers.v1": "newstrace.stages.speakers:SpeakerStage",
    "relay.v1": "newstrace.stages.relay:RelayStage",
    "confidence.v1": "newstrace.stages.confidence:ConfidenceStage",
    "times.v1": "newstrace.stages.times:TimeStage",
    "said.v1": "newstrace.stages.said:StatementTimeStage",
    "voice.v1": "newstrace.stages.voice:OwnVoiceStage",
    "persuasion.v1": "newstrace.stages.persuasion:PersuasionStage",
}

__all__ = ["BUILTIN_STAGES"]
