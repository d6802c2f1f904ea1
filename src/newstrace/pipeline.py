"""The stage registry, the pipeline the settings name, its requires/assigns check, and per-document errors.

Stages are found by versioned name in one registry: the built-in ones (``newstrace.stages``) and
those other packages declare under the entry-point group ``newstrace.stages``, both as
``module:Class`` loaded on first use. :func:`register_stage` adds a class from running code (a
notebook, a test).

Which stages run is decided in one place, :func:`stage_names`: the default order below, with a
setting for each slot that has variants (``attribution``, ``conventions``) or can be switched off
(``persuasion``), and ``extra_stages`` appended. At build time every stage's declaration is checked
against the Article's fields (E015) and every requirement against what earlier stages assign
(E012), as spaCy's pipe analysis does.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any, Literal

from .errors import ConfigError, Errors, NewstraceError, PipelineError
from .limits import Overtime, time_limit
from .record import INPUT_FIELDS, Article, Skip, StageError
from .settings import ATTRIBUTION_CHOICES, CONVENTIONS_CHOICES, Settings
from .stage import Stage, check_declaration, guarded, root

ENTRY_POINT_GROUP = "newstrace.stages"


@dataclass(frozen=True)
class Slot:
    """One step of the default pipeline; ``setting`` names the setting that chooses its stage.

    The setting's value is a registered stage name, one of the short ``choices`` ('rules' for
    ``attribution.rules.v1``), or, for an optional slot, 'off' (and 'on' for the default).
    """

    default: str
    setting: str | None = None
    choices: dict[str, str] = field(default_factory=dict)
    optional: bool = False

    def stage(self, settings: Settings) -> str | None:
        if self.setting is None:
            return self.default
        value = str(getattr(settings, self.setting))
        if self.optional and value == "off":
            return None
        if self.optional and value == "on":
            return self.default
        return self.choices.get(value, value)


DEFAULT_PIPELINE = (
    Slot("header.v1"),
    Slot("language.v1"),
    Slot("parse.spacy.v1"),
    Slot("quotes.marks.v1"),
    Slot("entities.v1"),
    Slot("attribution.hybrid.v1", setting="attribution", choices=ATTRIBUTION_CHOICES),
    Slot("conventions.realnews.v1", setting="conventions", choices=CONVENTIONS_CHOICES),
    Slot("speakers.v1"),
    Slot("relay.v1"),
    Slot("confidence.v1"),
    Slot("times.v1"),
    Slot("said.v1"),
    Slot("voice.v1"),
    Slot("persuasion.v1", setting="persuasion", optional=True),
)


def stage_names(settings: Settings) -> tuple[str, ...]:
    """The stages the settings name, in order: the default pipeline's slots, then ``extra_stages``."""
    chosen = [name for slot in DEFAULT_PIPELINE if (name := slot.stage(settings)) is not None]
    chosen.extend(name.strip() for name in settings.extra_stages.split(",") if name.strip())
    return tuple(chosen)


# -- registry ---------------------------------------------------------------------------------------
_ADDED: dict[str, type[Stage]] = {}


def register_stage(cls: type[Stage]) -> type[Stage]:
    """Make a stage class available by its name from running code (plugins use the entry-point group)."""
    if not cls.name:
        raise PipelineError(f"Stage class {cls.__name__} has no name; set the 'name' class attribute.")
    check_declaration(cls)
    _ADDED[cls.name] = cls
    return cls


def registered_stages() -> dict[str, str | type[Stage]]:
    """Every stage name newstrace can build, and where its class is: ``module:Class`` or the class."""
    from .stages import BUILTIN_STAGES

    found: dict[str, str | type[Stage]] = dict(BUILTIN_STAGES)
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        if entry.name in BUILTIN_STAGES:
            raise ConfigError(Errors.E017.format(name=entry.name, value=entry.value, dist=_dist(entry)))
        found[entry.name] = entry.value
    found.update(_ADDED)
    return found


def _dist(entry: Any) -> str:
    dist = getattr(entry, "dist", None)
    return getattr(dist, "name", None) or "an installed package"


def load_stage(name: str) -> type[Stage]:
    """The stage class registered as ``name``; E011 lists the known names when there is none."""
    registry = registered_stages()
    target = registry.get(name)
    if target is None:
        raise ConfigError(Errors.E011.format(name=name, options=", ".join(sorted(registry))))
    if isinstance(target, type):
        return target
    module_name, _, attribute = target.partition(":")
    try:
        cls = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as exc:
        raise ConfigError(Errors.E018.format(name=name, target=target, reason=exc)) from exc
    if not (isinstance(cls, type) and issubclass(cls, Stage)) or cls.name != name:
        reason = "it is not a newstrace Stage subclass with that name"
        raise ConfigError(Errors.E018.format(name=name, target=target, reason=reason))
    return cls


def check_order(stage_classes: list[type[Stage]]) -> None:
    """Raise PipelineError if a stage declares an unknown field or requires one no earlier stage assigns.

    A plain name is provided by the input or by any stage that assigns it or a part of it; a dotted
    name (``attributions.speaker``) only by a stage that assigns exactly that part.
    """
    provided = set(INPUT_FIELDS)
    order = " → ".join(c.name for c in stage_classes)
    for cls in stage_classes:
        check_declaration(cls)
        for needed in cls.requires:
            if needed not in provided:
                raise PipelineError(Errors.E012.format(stage=cls.name, field=needed, order=order))
        provided.update(cls.assigns)
        provided.update(root(name) for name in cls.assigns)


ErrorPolicy = Literal["record", "raise"]
# What a stage may raise on one bad document: its own errors and the ones bad input data causes.
# Anything else is a bug in newstrace and stops the run.
DOCUMENT_ERRORS = (NewstraceError, ValueError, KeyError, IndexError, AttributeError, TypeError)


class Pipeline:
    """Stages in order over Articles. ``on_error='record'`` keeps a batch going past a bad document.

    ``check_fields`` runs every stage on a guarded Article (:func:`newstrace.stage.guarded`): a
    stage that reads or writes a field it does not declare fails with E016. The tests use it.
    """

    def __init__(
        self,
        settings: Settings,
        names: Iterable[str] | None = None,
        *,
        on_error: ErrorPolicy = "record",
        check_fields: bool = False,
    ) -> None:
        classes = [load_stage(name) for name in (stage_names(settings) if names is None else names)]
        check_order(classes)
        self.settings = settings
        self.on_error = on_error
        self.check_fields = check_fields
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

    def _view(self, stage: Stage, articles: list[Article]) -> list[Article]:
        return [guarded(a, type(stage)) for a in articles] if self.check_fields else articles

    def _run_batch(self, batch: list[Article]) -> list[Article]:
        with ExitStack() as zones:
            for stage in self.stages:
                zones.enter_context(stage.memory_zone())
            for stage in self.stages:
                live = [a for a in batch if not a.errors and self._reads(stage, a)]
                if not live:
                    continue
                try:
                    with time_limit(self.settings.document_seconds * len(live)):
                        stage.pipe(self._view(stage, live))
                except (*DOCUMENT_ERRORS, Overtime) as exc:
                    if self.on_error == "raise":
                        if isinstance(exc, Overtime):
                            doc = live[0].source or live[0].id if len(live) == 1 else f"one of {len(live)} documents"
                            seconds = self.settings.document_seconds * len(live)
                            step = f"stage {stage.name}"
                            raise PipelineError(Errors.E121.format(source=doc, seconds=seconds, step=step)) from exc
                        raise
                    if isinstance(exc, Overtime) and len(live) == 1:
                        self._overtime(stage, live[0])  # alone already: another try would take as long
                        continue
                    # Retry one by one so only the failing (or too slow) document is marked.
                    for article in live:
                        self._run_one(stage, article)
                    continue
                for article in live:
                    article.stages.append(stage.name)
            for article in batch:
                # The parse is working state, and invalid once the memory zone closes: drop it here.
                article.doc = None
        return batch

    @staticmethod
    def _reads(stage: Stage, article: Article) -> bool:
        """Whether the stage reads the article's language; if not, the skip is recorded (E019)."""
        if stage.reads(article):
            return True
        if not article.errors:
            reason = Errors.E019.format(
                stage=stage.name,
                language=article.language,
                languages=", ".join(code for code in stage.languages or () if code != "und"),
            )
            article.skipped.append(Skip(stage.name, reason))
        return False

    def _overtime(self, stage: Stage, article: Article) -> None:
        doc = article.source or article.id
        step = f"stage {stage.name}"
        message = Errors.E121.format(source=doc, seconds=self.settings.document_seconds, step=step)
        article.errors.append(StageError(stage.name, "Overtime", message))

    def _run_one(self, stage: Stage, article: Article) -> None:
        doc = article.source or article.id
        try:
            with time_limit(self.settings.document_seconds):
                stage(self._view(stage, [article])[0])
        except Overtime:
            self._overtime(stage, article)
        except DOCUMENT_ERRORS as exc:
            article.errors.append(
                StageError(
                    stage.name,
                    type(exc).__name__,
                    Errors.E020.format(stage=stage.name, doc=doc, reason=exc),
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


__all__ = [
    "DEFAULT_PIPELINE",
    "ENTRY_POINT_GROUP",
    "ErrorPolicy",
    "Pipeline",
    "Slot",
    "get_pipeline",
    "load_stage",
    "register_stage",
    "registered_stages",
    "stage_names",
]
