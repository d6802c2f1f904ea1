"""The language of the article body (``language.v1``), so English-only stages skip other languages.

A stage that reads English only says so (``Stage.languages``); the pipeline skips it on an article
in another language and records why in ``skipped`` (E019), instead of emitting English-model output
for it.
"""

from __future__ import annotations

from ..models.language import detect_language
from ..record import Article
from ..stage import Stage


class LanguageStage(Stage):
    name = "language.v1"
    requires = ("text", "body_start")
    assigns = ("language",)

    def __call__(self, article: Article) -> None:
        article.language, _ = detect_language(article.text[article.body_start :])
