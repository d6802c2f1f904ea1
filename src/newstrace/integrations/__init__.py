"""newstrace inside other tools: a spaCy pipeline component (``nlp.add_pipe("newstrace")``)."""
