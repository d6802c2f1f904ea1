"""Which form of the shipped 8-bit weights this CPU multiplies exactly and fastest.

The shipped ONNX models store their MatMulInteger weights as uint8 with zero point 128 (see
``training/onnx_export.py``): onnxruntime multiplies uint8 activations by uint8 weights (U8U8)
exactly on every CPU. On x86 CPUs with VNNI (AVX512-VNNI or AVX-VNNI) its uint8-by-int8 kernels
(U8S8) are exact too and 20-30% faster; on x86 CPUs without VNNI they saturate (vpmaddubsw) and
change results. So: on a CPU that reports VNNI the weights are flipped to int8 in memory
(``w - 128``, zero point 0: the same integers), elsewhere they stay as shipped. Either way the
integer products are the same, so the records are too (``tests/test_int8.py`` checks that the two
forms give bit-identical outputs on real text on CPUs with VNNI).

The model file is edited with protobuf alone (a dependency of onnxruntime): a minimal schema of the
ONNX fields touched here is declared below; every other field passes through as unknown fields.
"""

from __future__ import annotations

import functools
import platform
from pathlib import Path
from typing import Any

import numpy as np

# ONNX TensorProto.DataType values.
UINT8 = 2
INT8 = 3

# The CPU flags (Linux /proc/cpuinfo names) under which onnxruntime's U8S8 kernels use VNNI.
VNNI_FLAGS = frozenset({"avx512_vnni", "avx_vnni"})


def cpu_flags() -> frozenset[str]:
    """The x86 feature flags of this CPU as Linux names them; empty where they cannot be read."""
    if platform.machine().lower() not in {"x86_64", "amd64"}:
        return frozenset()
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("flags"):
                    return frozenset(line.partition(":")[2].split())
    except OSError:
        pass
    return frozenset()


def signed_is_exact(flags: frozenset[str] | None = None) -> bool:
    """True where int8 weights are multiplied exactly (VNNI); unknown CPUs keep uint8."""
    return bool(VNNI_FLAGS & (cpu_flags() if flags is None else flags))


@functools.cache
def _model_class() -> Any:
    """ModelProto with only graph.node.{input, op_type} and graph.initializer.{data_type, name, raw_data}."""
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

    field = descriptor_pb2.FieldDescriptorProto
    schema = descriptor_pb2.FileDescriptorProto(
        name="newstrace_onnx_subset.proto", package="newstrace_onnx_subset", syntax="proto2"
    )

    def message(name: str, fields: list[tuple[str, int, int, int, str]]) -> None:
        proto = schema.message_type.add(name=name)
        for field_name, number, kind, label, type_name in fields:
            added = proto.field.add(name=field_name, number=number, type=kind, label=label)
            if type_name:
                added.type_name = type_name

    one, many = field.LABEL_OPTIONAL, field.LABEL_REPEATED
    message(
        "TensorProto",
        [
            ("data_type", 2, field.TYPE_INT32, one, ""),
            ("name", 8, field.TYPE_STRING, one, ""),
            ("raw_data", 9, field.TYPE_BYTES, one, ""),
        ],
    )
    message("NodeProto", [("input", 1, field.TYPE_STRING, many, ""), ("op_type", 4, field.TYPE_STRING, one, "")])
    message(
        "GraphProto",
        [
            ("node", 1, field.TYPE_MESSAGE, many, ".newstrace_onnx_subset.NodeProto"),
            ("initializer", 5, field.TYPE_MESSAGE, many, ".newstrace_onnx_subset.TensorProto"),
        ],
    )
    message("ModelProto", [("graph", 7, field.TYPE_MESSAGE, one, ".newstrace_onnx_subset.GraphProto")])
    pool = descriptor_pool.DescriptorPool()
    pool.Add(schema)
    return message_factory.GetMessageClass(pool.FindMessageTypeByName("newstrace_onnx_subset.ModelProto"))


def signed_weights(model_bytes: bytes) -> tuple[bytes, int]:
    """The model with the uint8 weights and zero points of every MatMulInteger stored as int8.

    ``q - 128`` in two's complement is ``q ^ 0x80``, so each byte is flipped in place. Returns the
    new model and how many tensors changed (0: nothing to do, the bytes come back unchanged).
    """
    model = _model_class().FromString(model_bytes)
    initializers = {tensor.name: tensor for tensor in model.graph.initializer}
    changed: set[str] = set()
    for node in model.graph.node:
        if node.op_type != "MatMulInteger" or len(node.input) < 4:
            continue
        for name in (node.input[1], node.input[3]):
            tensor = initializers.get(name)
            if tensor is None or name in changed or tensor.data_type != UINT8 or not tensor.HasField("raw_data"):
                continue
            tensor.raw_data = (np.frombuffer(tensor.raw_data, dtype=np.uint8) ^ np.uint8(0x80)).tobytes()
            tensor.data_type = INT8
            changed.add(name)
    if not changed:
        return model_bytes, 0
    return model.SerializeToString(), len(changed)


def load_model(path: Path, *, signed: bool | None = None) -> bytes:
    """The bytes of the ONNX model at ``path`` in the weight form this CPU runs exactly and fastest.

    ``signed`` forces a form (the tests compare both); by default :func:`signed_is_exact` decides.
    """
    data = Path(path).read_bytes()
    if signed if signed is not None else signed_is_exact():
        data, _ = signed_weights(data)
    return data


__all__ = ["cpu_flags", "load_model", "signed_is_exact", "signed_weights"]
