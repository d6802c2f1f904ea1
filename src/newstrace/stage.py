"""The stage contract: what a stage is, the Article fields it may name, and a guard that holds it to them.

A stage is a small class with a versioned ``name``, the Article fields it ``requires`` and the
fields it ``assigns`` (spaCy's ``requires``/``assigns``). Every name is a real Article field
(``doc``, ``attributions``) or a field of the records such a field lists (``attributions.speaker``:
the speaker of each attribution). A dotted name says that a stage refines that part of records an
earlier stage made: ``speakers.v1`` assigns ``attributions.speaker`` (it resolves the mentions the
attribution stage found), and ``relay.v1`` requires it, so it must run after ``speakers.v1``.

:func:`check_declaration` refuses a stage that names anything else (E015), when a pipeline is
built. :func:`guarded` wraps an Article so that a stage can read only what it declares and write
only what it assigns (E016); the test suite runs every stage that way, on an Article that holds
nothing but the stage's requirements.
"""

from __future__ import annotations

import dataclasses
import typing
from contextlib import AbstractContextManager, nullcontext
from functools import cache
from typing import Any, ClassVar, cast, get_args, get_origin

from .errors import Errors, PipelineError
from .record import Article
from .settings import Settings

# Fields the pipeline itself keeps on every Article (which stages ran, what failed): no stage names them.
PIPELINE_FIELDS = frozenset({"stages", "errors", "skipped"})


# English, or no clear language (read as English).
ENGLISH = ("en", "und")


class Stage:
    """Base class: subclasses set the class attributes and implement :meth:`__call__`."""

    name: ClassVar[str] = ""
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()
    # The languages (``Article.language``) the stage reads; None: any. English-model stages set
    # ENGLISH and the pipeline skips them, with a recorded reason, on text in another language.
    languages: ClassVar[tuple[str, ...] | None] = None

    @classmethod
    def reads(cls, article: Article) -> bool:
        return cls.languages is None or article.language is None or article.language in cls.languages

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, article: Article) -> None:
        raise NotImplementedError

    def pipe(self, articles: list[Article]) -> None:
        """Process a batch; stages that batch (the parser) override this.

        Whatever a stage batches, each article's result must depend on that article alone (and the
        settings): never on the other articles of the batch or on the batch size.
        """
        for article in articles:
            self(article)

    def memory_zone(self) -> AbstractContextManager[object]:
        """A block around one batch whose working allocations are freed at its end.

        The parser returns spaCy's memory zone, so strings and lexemes that a batch adds to the
        vocabulary do not pile up: memory stays flat over a corpus of any size.
        """
        return nullcontext()


@cache
def article_fields() -> frozenset[str]:
    """Every name a stage may declare: Article's fields and ``field.subfield`` for fields that list records."""
    hints = typing.get_type_hints(Article)
    names: set[str] = set()
    for field in dataclasses.fields(Article):
        if field.name in PIPELINE_FIELDS:
            continue
        names.add(field.name)
        hint = hints[field.name]
        if get_origin(hint) is list:
            (item,) = get_args(hint)
            if dataclasses.is_dataclass(item):
                names.update(f"{field.name}.{sub.name}" for sub in dataclasses.fields(item))
    return frozenset(names)


def root(name: str) -> str:
    """The Article field a declared name belongs to ('attributions.speaker' -> 'attributions')."""
    return name.split(".", 1)[0]


def check_declaration(cls: type[Stage]) -> None:
    """Raise PipelineError (E015) if a stage declares a name that is not an Article field."""
    known = article_fields()
    for kind in ("requires", "assigns"):
        for name in getattr(cls, kind):
            if name not in known:
                fields = ", ".join(sorted(n for n in known if "." not in n))
                raise PipelineError(Errors.E015.format(stage=cls.name, kind=kind, field=name, fields=fields))


class _GuardedArticle:
    """An Article seen through a stage's declaration: reading or writing an undeclared field raises E016.

    Methods and properties of Article run against the guard too, so ``article.span()`` counts as a
    read of ``text`` and ``article.id`` as one of ``text``.
    """

    __slots__ = ("_article", "_readable", "_stage", "_writable")

    def __init__(self, article: Article, stage: type[Stage]) -> None:
        object.__setattr__(self, "_article", article)
        object.__setattr__(self, "_stage", stage.name)
        object.__setattr__(self, "_readable", frozenset(root(n) for n in (*stage.requires, *stage.assigns)))
        object.__setattr__(self, "_writable", frozenset(root(n) for n in stage.assigns))

    def __getattr__(self, name: str) -> Any:
        article: Article = object.__getattribute__(self, "_article")
        if name in article_fields():
            if name not in object.__getattribute__(self, "_readable"):
                self._refuse(name, "reads")
            return getattr(article, name)
        attribute = getattr(type(article), name)
        if isinstance(attribute, property):
            return attribute.__get__(self)
        if callable(attribute):
            return attribute.__get__(self)
        return getattr(article, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name not in object.__getattribute__(self, "_writable"):
            self._refuse(name, "writes")
        setattr(object.__getattribute__(self, "_article"), name, value)

    def _refuse(self, name: str, action: str) -> None:
        stage = object.__getattribute__(self, "_stage")
        raise PipelineError(Errors.E016.format(stage=stage, action=action, field=name))


def guarded(article: Article, stage: type[Stage]) -> Article:
    """``article`` as ``stage`` may see it: only its declared fields (see :class:`_GuardedArticle`)."""
    return cast(Article, _GuardedArticle(article, stage))


__all__ = ["PIPELINE_FIELDS", "Stage", "article_fields", "check_declaration", "guarded", "root"]
