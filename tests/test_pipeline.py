"""The stage registry, the settings that name stages, the checked contract and the per-document error policy."""

from __future__ import annotations

from typing import ClassVar

import pytest

from newstrace.errors import ConfigError, PipelineError
from newstrace.pipeline import (
    Pipeline,
    check_order,
    load_stage,
    register_stage,
    registered_stages,
    stage_names,
)
from newstrace.record import Article
from newstrace.settings import load_settings
from newstrace.stage import Stage, article_fields, check_declaration, guarded
from newstrace.stages import BUILTIN_STAGES


class _NeedsDoc(Stage):
    name = "test.needs_doc.v1"
    requires: ClassVar[tuple[str, ...]] = ("doc",)
    assigns: ClassVar[tuple[str, ...]] = ("title",)

    def __call__(self, article: Article) -> None:
        return None


class _Undeclared(Stage):
    name = "test.undeclared.v1"
    requires: ClassVar[tuple[str, ...]] = ("text",)
    assigns: ClassVar[tuple[str, ...]] = ("speakers",)  # not an Article field

    def __call__(self, article: Article) -> None:
        return None


class _ReadsTitle(Stage):
    """Declares text only but reads the title: the guard must catch it."""

    name = "test.reads_title.v1"
    requires: ClassVar[tuple[str, ...]] = ("text",)
    assigns: ClassVar[tuple[str, ...]] = ("outlet",)

    def __call__(self, article: Article) -> None:
        article.outlet = (article.title or "") + article.span(0, 4).text


@register_stage
class _Explodes(Stage):
    """Fails on documents that contain the word BOOM, to test the error policy."""

    name = "test.explodes.v1"
    requires: ClassVar[tuple[str, ...]] = ("text",)
    assigns: ClassVar[tuple[str, ...]] = ("title",)

    def __call__(self, article: Article) -> None:
        if "BOOM" in article.text:
            raise ValueError("found BOOM")


def test_every_builtin_stage_loads_under_its_name_and_declares_real_fields() -> None:
    for name in BUILTIN_STAGES:
        cls = load_stage(name)
        assert cls.name == name
        check_declaration(cls)
        assert set(cls.requires) | set(cls.assigns) <= article_fields()


def test_default_stages_are_registered_and_ordered() -> None:
    names = stage_names(load_settings())
    assert all(name in registered_stages() for name in names)
    check_order([load_stage(name) for name in names])
    assert names[-1] == "persuasion.v1"


@pytest.mark.parametrize(
    ("mode", "stage"),
    [("hybrid", "attribution.hybrid.v1"), ("model", "attribution.model.v1"), ("rules", "attribution.rules.v1")],
)
def test_the_attribution_setting_picks_the_stage(mode: str, stage: str) -> None:
    names = stage_names(load_settings(attribution=mode))
    assert [s for s in names if s.startswith("attribution.")] == [stage]
    check_order([load_stage(name) for name in names])


@pytest.mark.parametrize(
    ("conventions", "stage"), [("realnews", "conventions.realnews.v1"), ("polnear", "conventions.polnear.v1")]
)
def test_the_conventions_setting_narrows_right_after_attribution(conventions: str, stage: str) -> None:
    names = stage_names(load_settings(conventions=conventions))
    assert names[names.index("attribution.hybrid.v1") + 1] == stage
    assert [s for s in names if s.startswith("conventions.")] == [stage]
    check_order([load_stage(name) for name in names])


def test_unknown_conventions_are_refused() -> None:
    assert load_settings().conventions == "realnews"
    with pytest.raises(ConfigError, match=r"E014 .*conventions.*choose one of realnews, polnear"):
        load_settings(conventions="loose")


def test_settings_name_stages_one_way() -> None:
    # A full stage name works where a short choice does, 'off' drops an optional slot, and extra
    # stages are appended in order.
    settings = load_settings(attribution="attribution.rules.v1", persuasion="off", extra_stages="test.explodes.v1")
    names = stage_names(settings)
    assert "attribution.rules.v1" in names and "persuasion.v1" not in names
    assert names[-1] == "test.explodes.v1"


def test_hybrid_is_the_default_and_unknown_modes_are_refused() -> None:
    assert load_settings().attribution == "hybrid"
    with pytest.raises(ConfigError, match=r"E014 .*attribution.*choose one of hybrid, model, rules"):
        load_settings(attribution="neural")
    with pytest.raises(ConfigError, match=r"E011 Unknown stage 'attribution.neural.v1'"):
        Pipeline(load_settings(attribution="attribution.neural.v1"))


def test_missing_requirement_is_refused_with_the_order() -> None:
    with pytest.raises(PipelineError, match=r"E012 .*test.needs_doc.v1.*'doc'"):
        check_order([_NeedsDoc])


def test_a_dotted_requirement_needs_the_stage_that_refines_it() -> None:
    # relay.v1 needs resolved speakers: the attribution stage alone does not provide them.
    names = ["header.v1", "parse.spacy.v1", "quotes.marks.v1", "entities.v1", "attribution.rules.v1", "relay.v1"]
    with pytest.raises(PipelineError, match=r"E012 .*relay.v1.*'attributions.speaker'"):
        check_order([load_stage(n) for n in names])
    check_order([load_stage(n) for n in [*names[:-1], "speakers.v1", "relay.v1"]])


def test_an_unknown_field_is_refused_at_build_time() -> None:
    with pytest.raises(PipelineError, match=r"E015 Stage 'test.undeclared.v1' assigns 'speakers'"):
        check_order([_Undeclared])
    with pytest.raises(PipelineError, match="E015"):
        register_stage(_Undeclared)


def test_the_guard_refuses_undeclared_reads_and_writes() -> None:
    article = Article("Some text here.", title="A title")
    with pytest.raises(PipelineError, match=r"E016 Stage 'test.reads_title.v1' reads the Article field 'title'"):
        _ReadsTitle(load_settings())(guarded(article, _ReadsTitle))
    view = guarded(article, _NeedsDoc)
    with pytest.raises(PipelineError, match=r"E016 .* writes the Article field 'outlet'"):
        view.outlet = "x"
    view.title = "allowed"
    assert article.title == "allowed" and view.doc is None
    # Methods read through the guard: span() needs text, which _NeedsDoc does not declare.
    with pytest.raises(PipelineError, match="reads the Article field 'text'"):
        view.span(0, 4)


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
