"""Stage registry, requires/assigns checks, per-document error handling, batched parsing.

A stage is a small object with a versioned ``name``, the Article fields it ``requires`` and the
fields it ``assigns``. The pipeline checks at build time that every requirement is assigned by an
earlier stage (as spaCy's pipe analysis does) and refuses an impossible order. Built-in stages
register themselves with :func:`register_stage`, exactly as a plugin would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, ExitStack, nullcontext
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from .errors import ConfigError, Errors, NewstraceError, PipelineError
from .record import Article, StageError
from .settings import ATTRIBUTION_STAGES, Settings

# Fields an Article has before any stage runs.
INITIAL_FIELDS = frozenset({"text", "published", "outlet", "url", "source", "title"})


class Stage:
    """Base class: subclasses set the class attributes and implement :meth:`__call__`."""

    name: ClassVar[str] = ""
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, article: Article) -> None:
        raise NotImplementedError

    def pipe(self, articles: list[Article]) -> None:
        """Process a batch; stages that batch (the parser) override this."""
        for article in articles:
            self(article)

    def memory_zone(self) -> AbstractContextManager[object]:
        """A block around one batch whose working allocations are freed at its end.

        The parser returns spaCy's memory zone, so strings and lexemes that a batch adds to the
        vocabulary do not pile up: memory stays flat over a corpus of any size.
        """
        return nullcontext()


StageFactory = Callable[[Settings], Stage]
_REGISTRY: dict[str, type[Stage]] = {}


def register_stage(cls: type[Stage]) -> type[Stage]:
    """Class decorator: make a stage available by its versioned name."""
    if not cls.name:
        raise PipelineError(f"Stage class {cls.__name__} has no name; set the 'name' class attribute.")
    _REGISTRY[cls.name] = cls
    return cls


def registered_stages() -> dict[str, type[Stage]]:
    _load_builtin_stages()
    return dict(_REGISTRY)


def _load_builtin_stages() -> None:
    # Importing the package registers the built-in stages; deferred so importing
    # newstrace.pipeline alone stays cheap and free of side effects.
    from . import stages  # noqa: F401


DEFAULT_STAGES = (
    "header.v1",
    "parse.spacy.v1",
    "quotes.marks.v1",
    "entities.v1",
    "attribution.rules.v1",
    "speakers.v1",
    "relay.v1",
    "times.v1",
    "voice.v1",
    "persuasion.v1",
)

# Stages a setting can switch off: stage name -> (setting, value that turns it off).
OPTIONAL_STAGES = {"persuasion.v1": ("persuasion", "off")}


def default_stages(settings: Settings) -> tuple[str, ...]:
    """DEFAULT_STAGES less those the settings switch off, with the attribution stage the settings choose."""
    return tuple(
        ATTRIBUTION_STAGES[settings.attribution] if name == "attribution.rules.v1" else name
        for name in DEFAULT_STAGES
        if name not in OPTIONAL_STAGES or getattr(settings, OPTIONAL_STAGES[name][0]) != OPTIONAL_STAGES[name][1]
    )


@dataclass(frozen=True)
class PipelineCheck:
    order: tuple[str, ...]
    provided: frozenset[str]


def check_order(stage_classes: list[type[Stage]]) -> PipelineCheck:
    """Raise PipelineError if a stage requires a field no earlier stage assigns."""
    provided = set(INITIAL_FIELDS)
    order = tuple(c.name for c in stage_classes)
    for cls in stage_classes:
        for needed in cls.requires:
            if needed not in provided:
                raise PipelineError(Errors.E012.format(stage=cls.name, field=needed, order=" → ".join(order)))
        provided.update(cls.assigns)
    return PipelineCheck(order, frozenset(provided))


ErrorPolicy = Literal["record", "raise"]


class Pipeline:
    """Stages in order over Articles. ``on_error='record'`` keeps a batch going past a bad document."""

    def __init__(
        self,
        settings: Settings,
        stage_names: Iterable[str] | None = None,
        *,
        on_error: ErrorPolicy = "record",
    ) -> None:
        registry = registered_stages()
        classes: list[type[Stage]] = []
        for name in default_stages(settings) if stage_names is None else stage_names:
            if name not in registry:
                raise ConfigError(Errors.E011.format(name=name, options=", ".join(sorted(registry))))
            classes.append(registry[name])
        self.check = check_order(classes)
        self.settings = settings
        self.on_error = on_error
        self.stages: list[Stage] = [cls(settings) for cls in classes]

    @property
    def stage_names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, article: Article) -> Article:
        return next(iter(self.pipe([article])))

    def pipe(self, articles: Iterable[Article], *, batch_size: int | None = None) -> Iterator[Article]:
        """Yield each article analyzed, in input order, batching the parse."""
        size = batch_size or self.settings.batch_size
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Article]) -> list[Article]:
        with ExitStack() as zones:
            for stage in self.stages:
                zones.enter_context(stage.memory_zone())
            for stage in self.stages:
                live = [a for a in batch if not a.errors]
                if not live:
                    break
                try:
                    stage.pipe(live)
                except (NewstraceError, ValueError, KeyError, IndexError, AttributeError, TypeError):
                    if self.on_error == "raise":
                        raise
                    # Retry one by one so only the failing document is marked.
                    for article in live:
                        self._run_one(stage, article)
                    continue
                for article in live:
                    article.stages.append(stage.name)
            for article in batch:
                # The parse is working state, and invalid once the memory zone closes: drop it here.
                article.doc = None
        return batch

    def _run_one(self, stage: Stage, article: Article) -> None:
        try:
            stage(article)
        except (NewstraceError, ValueError, KeyError, IndexError, AttributeError, TypeError) as exc:
            article.errors.append(
                StageError(
                    stage.name,
                    type(exc).__name__,
                    Errors.E020.format(stage=stage.name, doc=article.source or article.id, reason=exc),
                )
            )
        else:
            article.stages.append(stage.name)


_PIPELINES: dict[tuple[Any, ...], Pipeline] = {}


def get_pipeline(settings: Settings, *, on_error: ErrorPolicy = "record") -> Pipeline:
    """One pipeline (and one loaded spaCy model) per settings, reused across calls."""
    key = (settings, on_error)
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline(settings, on_error=on_error)
    return _PIPELINES[key]
