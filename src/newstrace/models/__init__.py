"""Inference-only model code: WordPiece, the ONNX encoder, the attribution tagger, the persuasion detector."""
