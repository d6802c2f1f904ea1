"""PyTorch token model -> ONNX -> int8 (unsigned weights), as both shipped models (persuasion, attribution) are built.

Training only: needs torch and onnx (the ``train`` extras); the callers check they are installed.

Why unsigned weights: ``quantize_dynamic`` writes int8 weights, and onnxruntime multiplies uint8
activations by int8 weights (U8S8) with an instruction (vpmaddubsw) that saturates on x86 CPUs
without VNNI (AVX2 only, most laptops before 2019): there the encoder's outputs drifted by up to
0.67 in a logit and 2 of 128 tags changed in one chunk of the seed, while VNNI CPUs computed them
exactly, so a record depended on the machine. :func:`unsigned_weights` stores the same weights as
uint8 with zero point 128 (q + 128: lossless), which onnxruntime runs on its U8U8 kernels, exact
on every CPU. Checked against an exact integer reference (the MatMulInteger nodes rewritten in
float64): 0.0 difference on AVX2, for both shipped models. On VNNI CPUs ``models/int8.py`` flips
them back to int8 at load time, exact there and faster. (The float kernels around them, layer
norm, softmax, GELU, still round differently on AVX2 and AVX-512 in the last bits, so two machines
can rarely disagree on a span.)

    python -m newstrace.training.onnx_export src/newstrace/resources/*/*.int8.onnx   # rewrite in place
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Any


def export_int8(
    torch: Any,
    module: Any,
    out_dir: Path,
    name: str,
    output: str | tuple[str, ...],
    vocab: Path,
    *,
    per_channel: bool,
) -> Path:
    """Write ``out_dir/<name>.int8.onnx`` (inputs input_ids and attention_mask, batch and length dynamic;
    one output per name in ``output``, in order) and copy the WordPiece vocabulary beside it; the fp32
    export in between is removed."""
    outputs = (output,) if isinstance(output, str) else output
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out_dir.mkdir(parents=True, exist_ok=True)
    fp32 = out_dir / f"{name}.fp32.onnx"
    int8 = out_dir / f"{name}.int8.onnx"
    ids = torch.randint(1000, 2000, (2, 64))
    axes = {0: "b", 1: "t"}
    torch.onnx.export(
        module,
        (ids, torch.ones_like(ids)),
        str(fp32),
        input_names=["input_ids", "attention_mask"],
        output_names=list(outputs),
        dynamic_axes={"input_ids": axes, "attention_mask": axes, **dict.fromkeys(outputs, axes)},
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=per_channel)
    fp32.unlink()
    unsigned_weights(int8)
    shutil.copyfile(vocab, out_dir / "vocab.txt")
    return int8


def unsigned_weights(path: Path) -> int:
    """Rewrite the int8 weights of every MatMulInteger as uint8 with zero point 128, in place.

    Lossless: (q + 128) - 128 == q. Returns the number of weight tensors rewritten (0 when the
    model has none left to rewrite, so running it twice changes nothing).
    """
    import numpy as np
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(path))
    initializers = {tensor.name: tensor for tensor in model.graph.initializer}
    done: set[str] = set()
    for node in model.graph.node:
        if node.op_type != "MatMulInteger" or len(node.input) < 4:
            continue
        weight, zero_point = node.input[1], node.input[3]
        if weight in done or weight not in initializers or zero_point not in initializers:
            continue
        q = numpy_helper.to_array(initializers[weight])
        z = numpy_helper.to_array(initializers[zero_point])
        if q.dtype != np.int8:
            continue
        if np.any(z != 0):
            raise ValueError(f"{path}: weight {weight} has a non-zero int8 zero point; expected symmetric weights")
        unsigned = (q.astype(np.int16) + 128).astype(np.uint8)
        initializers[weight].CopyFrom(numpy_helper.from_array(unsigned, weight))
        initializers[zero_point].CopyFrom(numpy_helper.from_array(np.full(z.shape, 128, np.uint8), zero_point))
        done.add(weight)
    if done:
        onnx.save(model, str(path))
    return len(done)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Rewrite int8 ONNX weights as uint8 (zero point 128), in place.")
    parser.add_argument("models", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for path in args.models:
        print(f"{path}: {unsigned_weights(path)} weight tensors rewritten")
    return 0


if __name__ == "__main__":
    sys.exit(main())
