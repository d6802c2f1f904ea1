"""PyTorch token model -> ONNX -> dynamic int8, as both shipped models (persuasion, attribution) are built.

Training only: needs torch and onnx (the ``train`` extras); the callers check they are installed.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any


def export_int8(
    torch: Any, module: Any, out_dir: Path, name: str, output: str, vocab: Path, *, per_channel: bool
) -> Path:
    """Write ``out_dir/<name>.int8.onnx`` (inputs input_ids and attention_mask, batch and length dynamic)
    and copy the WordPiece vocabulary beside it; the fp32 export in between is removed."""
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
        output_names=[output],
        dynamic_axes={"input_ids": axes, "attention_mask": axes, output: axes},
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=per_channel)
    fp32.unlink()
    shutil.copyfile(vocab, out_dir / "vocab.txt")
    return int8
