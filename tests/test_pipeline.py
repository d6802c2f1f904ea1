"""The stage registry, the requires/assigns check and the per-document error policy."""

from __future__ import annotations

from typing import ClassVar

import pytest

from newstrace.errors import ConfigError, PipelineError
from newstrace.pipeline import (
    DEFAULT_STAGES,
    Pipeline,
    Stage,
    check_order,
    default_stages,
    register_stage,
    registered_stages,
)
from newstrace.record import Article
from newstrace.settings import load_settings


class _NeedsDoc(Stage):
    name = "test.needs_doc.v1"
    requires: ClassVar[tuple[str, ...]] = ("doc",)
    assigns: ClassVar[tuple[str, ...]] = ("nothing",)

    def __call__(self, article: Article) -> None:
        return None


@register_stage
class _Explodes(Stage):
    """Fails on documents that contain the word BOOM, to test the error policy."""

    name = "test.explodes.v1"
    requires: ClassVar[tuple[str, ...]] = ("text",)
    assigns: ClassVar[tuple[str, ...]] = ("boom",)

    def __call__(self, article: Article) -> None:
        if "BOOM" in article.text:
            raise ValueError("found BOOM")


def test_default_stages_are_registered_and_ordered() -> None:
    registry = registered_stages()
    assert all(name in registry for name in DEFAULT_STAGES)
    check = check_order([registry[name] for name in DEFAULT_STAGES])
    assert {"attributions", "own_voice", "times", "entities"} <= check.provided


@pytest.mark.parametrize(
    ("mode", "stage"),
    [("hybrid", "attribution.hybrid.v1"), ("model", "attribution.model.v1"), ("rules", "attribution.rules.v1")],
)
def test_the_attribution_setting_picks_the_stage(mode: str, stage: str) -> None:
    stages = default_stages(load_settings(attribution=mode))
    assert [s for s in stages if s.startswith("attribution.")] == [stage]
    registry = registered_stages()
    check_order([registry[name] for name in stages])


def test_hybrid_is_the_default_and_unknown_modes_are_refused() -> None:
    assert load_settings().attribution == "hybrid"
    with pytest.raises(ConfigError, match=r"E014 .*attribution.*choose one of hybrid, model, rules"):
        load_settings(attribution="neural")


def test_missing_requirement_is_refused_with_the_order() -> None:
    with pytest.raises(PipelineError, match=r"E012 .*test.needs_doc.v1.*'doc'"):
        check_order([_NeedsDoc])


def test_unknown_stage_lists_the_options() -> None:
    with pytest.raises(ConfigError, match=r"E011 Unknown stage 'nope.v1'\. Registered stages: .*header.v1"):
        Pipeline(load_settings(), ["header.v1", "nope.v1"])


def test_record_policy_keeps_the_batch_going() -> None:
    pipeline = Pipeline(load_settings(), ["header.v1", "test.explodes.v1"], on_error="record")
    good, bad, also_good = pipeline.pipe([Article("fine text"), Article("BOOM here"), Article("more text")])
    assert good.errors == [] and also_good.errors == []
    assert [e.stage for e in bad.errors] == ["test.explodes.v1"]
    assert "E020" in bad.errors[0].message and "found BOOM" in bad.errors[0].message
    assert good.stages == ["header.v1", "test.explodes.v1"]


def test_raise_policy_raises() -> None:
    pipeline = Pipeline(load_settings(), ["header.v1", "test.explodes.v1"], on_error="raise")
    with pytest.raises(ValueError, match="found BOOM"):
        pipeline(Article("BOOM"))
