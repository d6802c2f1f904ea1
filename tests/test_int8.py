"""The two forms of the shipped 8-bit weights: uint8 as shipped, int8 on CPUs with VNNI (models/int8.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newstrace.models.encoder import Encoder
from newstrace.models.int8 import INT8, UINT8, _model_class, load_model, signed_is_exact, signed_weights

RESOURCES = Path(__file__).resolve().parents[1] / "src" / "newstrace" / "resources"
MODELS = {
    "persuasion": RESOURCES / "persuasion" / "encoder.int8.onnx",
    "attribution": RESOURCES / "attribution" / "tagger.int8.onnx",
}
SAMPLES = sorted((RESOURCES.parent / "samples").glob("*.txt"))


def weight_types(model_bytes: bytes) -> dict[str, int]:
    """data_type of every MatMulInteger weight and weight zero point."""
    model = _model_class().FromString(model_bytes)
    types = {tensor.name: tensor.data_type for tensor in model.graph.initializer}
    return {
        name: types[name]
        for node in model.graph.node
        if node.op_type == "MatMulInteger"
        for name in (node.input[1], node.input[3])
    }


def test_vnni_decides_the_form() -> None:
    assert signed_is_exact(frozenset({"avx2", "avx512_vnni"}))
    assert signed_is_exact(frozenset({"avx2", "avx_vnni"}))
    assert not signed_is_exact(frozenset({"avx2", "fma", "avx512f"}))  # AVX-512 without VNNI saturates too
    assert not signed_is_exact(frozenset())  # unknown CPU: keep the form exact everywhere


@pytest.mark.parametrize("name", sorted(MODELS))
def test_shipped_weights_are_unsigned_and_flip_losslessly(name: str) -> None:
    shipped = MODELS[name].read_bytes()
    assert set(weight_types(shipped).values()) == {UINT8}
    flipped, changed = signed_weights(shipped)
    assert changed == len(weight_types(shipped)) > 50
    assert set(weight_types(flipped).values()) == {INT8}
    assert signed_weights(flipped) == (flipped, 0)  # nothing left to flip
    model = _model_class().FromString(shipped)
    back = {t.name: t.raw_data for t in _model_class().FromString(flipped).graph.initializer}
    for tensor in model.graph.initializer:
        if tensor.data_type == UINT8 and tensor.name in weight_types(shipped):
            signed = np.frombuffer(back[tensor.name], dtype=np.int8).astype(np.int16)
            assert np.array_equal(signed + 128, np.frombuffer(tensor.raw_data, dtype=np.uint8))
    assert load_model(MODELS[name], signed=False) == shipped


@pytest.mark.parametrize("name", sorted(MODELS))
def test_both_forms_give_identical_outputs_where_signed_is_chosen(name: str) -> None:
    if not signed_is_exact():
        assert load_model(MODELS[name]) == MODELS[name].read_bytes(), "without VNNI the shipped uint8 form runs"
        pytest.skip("this CPU has no VNNI: int8 weights would saturate here, so only the uint8 form is used")
    assert SAMPLES, "the bundled samples are missing from src/newstrace/samples"
    vocab = MODELS[name].parent / "vocab.txt"
    texts = [path.read_text(encoding="utf-8") for path in SAMPLES]
    outputs = []
    for signed in (False, True):
        encoder = Encoder(MODELS[name], vocab, threads=1, signed=signed)
        chunks = encoder.chunks(texts)
        encoder.encode(chunks)
        outputs.append([chunk.features for chunk in chunks])
    assert len(outputs[0]) > 10
    for unsigned_out, signed_out in zip(*outputs, strict=True):
        assert unsigned_out is not None and signed_out is not None
        assert np.array_equal(unsigned_out, signed_out)
