"""Language detection (models/language.py) and the pipeline's skip of English-only stages."""

from __future__ import annotations

from typing import ClassVar

from newstrace.models.language import UNDETERMINED, detect_language
from newstrace.pipeline import Pipeline, register_stage
from newstrace.record import Article
from newstrace.settings import load_settings
from newstrace.stage import ENGLISH, Stage

SPANISH = (
    "El Dirigente del país recibió ayer a una delegación del partido amigo. Durante la reunión, "
    "ambas partes expresaron su voluntad de fortalecer las relaciones de amistad y cooperación."
)
ENGLISH_TEXT = (
    "The leader of the country received a delegation of the friendly party yesterday. At the meeting, "
    "both sides expressed their will to strengthen the relations of friendship and cooperation."
)


def test_detects_the_language_and_says_und_when_unclear() -> None:
    assert detect_language(SPANISH)[0] == "es"
    assert detect_language(ENGLISH_TEXT)[0] == "en"
    assert detect_language("12.5 14.0 -- 3.25\n 2.55 2.40")[0] == UNDETERMINED
    assert detect_language(SPANISH) == detect_language(SPANISH)  # deterministic


class _Shout(Stage):
    """An English-only test stage that writes the title (a field the pipeline never sets)."""

    name = "test.english-only.v1"
    requires = ("text",)
    assigns = ("title",)
    languages: ClassVar[tuple[str, ...] | None] = ENGLISH

    def __call__(self, article: Article) -> None:
        article.title = article.text.upper()[:10]


def test_english_only_stages_are_skipped_with_a_reason_on_other_languages() -> None:
    register_stage(_Shout)
    pipeline = Pipeline(load_settings(), ["header.v1", "language.v1", "test.english-only.v1"])
    spanish, english = pipeline.pipe([Article(SPANISH), Article(ENGLISH_TEXT)])
    assert spanish.language == "es" and spanish.title is None
    assert [(s.stage, s.reason[:4]) for s in spanish.skipped] == [("test.english-only.v1", "E019")]
    assert spanish.stages == ["header.v1", "language.v1"]
    assert english.language == "en" and english.title == "THE LEADER" and english.skipped == []
    assert Article.from_dict(spanish.to_dict()).skipped == spanish.skipped
