"""The public API is what it claims to be (as httpx tests its exported members)."""

from __future__ import annotations

import newstrace


def test_all_is_complete_and_importable() -> None:
    public = {name for name in dir(newstrace) if not name.startswith("_")}
    # submodules and the `from __future__ import annotations` feature are not API
    modules = {name for name in public if type(getattr(newstrace, name)).__name__ == "module"} | {"annotations"}
    assert set(newstrace.__all__) == public - modules | {"__version__"}
    for name in newstrace.__all__:
        assert hasattr(newstrace, name)


def test_errors_share_one_base() -> None:
    for name in ("ConfigError", "EvaluationError", "InputError", "PipelineError", "SchemaError"):
        assert issubclass(getattr(newstrace, name), newstrace.NewstraceError)


def test_analyze_signature_is_keyword_only() -> None:
    import inspect

    params = inspect.signature(newstrace.analyze).parameters
    assert [p for p in params if params[p].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD] == ["text"]
    assert {"published", "outlet", "url"} <= set(params)
