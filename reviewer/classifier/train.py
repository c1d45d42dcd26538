"""``reviewer model train``: tokenizer, model, calibration, export — one reproducible command.

Trains on the ``train`` split, keeps the epoch with the best dev AUC, fits per-class
temperatures and thresholds on ``dev``, writes the model folder, exports the int8 ONNX file and
the checksums. The ``val`` split is never read here.
"""

from __future__ import annotations

import json
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from reviewer.classifier import calibration
from reviewer.classifier.bundle import META, TOKENIZER, load_bundle, write_checksums
from reviewer.classifier.datagen import Sample, read_split
from reviewer.classifier.encoding import Encoder, length_batches
from reviewer.classifier.labels import CLASSES
from reviewer.classifier.modeling import Architecture, build_model, save_weights
from reviewer.classifier.tokenizer import train_tokenizer


@dataclass(frozen=True)
class TrainConfig:
    architecture: Architecture = field(default_factory=Architecture)
    max_len: int = 192
    epochs: int = 6
    batch_size: int = 32
    lr: float = 1e-3
    weight_decay: float = 0.01
    warmup: float = 0.06
    seed: int = 1
    threads: int = 2
    time_budget_s: float = 500.0  # stop starting epochs past this (default run: under 10 minutes)
    min_precision: float = 0.8
    name: str = "reviewer-classifier"
    version: str = "0.1.0"


def tiny_config(seed: int = 1, epochs: int = 2, threads: int = 1) -> TrainConfig:
    """A model of a few thousand parameters: trains end to end in seconds (tests, smoke checks)."""
    arch = Architecture(
        vocab_size=600,
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=130,
    )
    return TrainConfig(
        architecture=arch,
        max_len=128,
        epochs=epochs,
        seed=seed,
        threads=threads,
        batch_size=8,
        name="reviewer-classifier-tiny",
    )


def _tensors(encoder: Encoder, samples: list[Sample], idx: list[int]) -> tuple[Any, Any, Any]:
    import torch

    ids, mask = encoder.encode([samples[i].text for i in idx])
    labels = torch.tensor([samples[i].labels for i in idx], dtype=torch.float32)
    return torch.from_numpy(ids), torch.from_numpy(mask), labels


def predict_logits(model: Any, encoder: Encoder, texts: list[str], batch_size: int = 64) -> np.ndarray:
    import torch

    out = np.zeros((len(texts), len(CLASSES)), dtype=np.float32)
    with torch.inference_mode():
        for batch in length_batches(encoder.lengths(texts), batch_size):
            ids, mask = encoder.encode([texts[i] for i in batch])
            logits = model(input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask)).logits
            out[batch] = logits.float().numpy()
    return out


def train(
    data_dir: Path, out_dir: Path, cfg: TrainConfig, log: Callable[[str], None] = print
) -> dict[str, Any]:
    import torch

    started, cpu_started = time.perf_counter(), time.process_time()
    torch.manual_seed(cfg.seed)
    random.seed(cfg.seed)
    torch.set_num_threads(cfg.threads)
    train_set, dev_set = read_split(data_dir, "train"), read_split(data_dir, "dev")
    out_dir.mkdir(parents=True, exist_ok=True)

    tokenizer = train_tokenizer((s.text for s in train_set), cfg.architecture.vocab_size, cfg.max_len)
    tokenizer.save(str(out_dir / TOKENIZER))  # type: ignore[attr-defined]
    encoder = Encoder.load(out_dir / TOKENIZER, cfg.max_len)
    arch = cfg.architecture.as_dict() | {"vocab_size": int(tokenizer.get_vocab_size())}  # type: ignore[attr-defined]
    model = build_model(arch, encoder.pad_id)
    y_train = np.array([s.labels for s in train_set], dtype=np.float32)
    pos = y_train.sum(0)
    pos_weight = torch.tensor(
        np.clip(np.sqrt((len(y_train) - pos) / np.maximum(pos, 1)), 1.0, 4.0), dtype=torch.float32
    )
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight)
    optimiser = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    lengths = encoder.lengths([s.text for s in train_set])
    steps_per_epoch = math.ceil(len(train_set) / cfg.batch_size)
    total = steps_per_epoch * cfg.epochs
    warm = max(1, int(total * cfg.warmup))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm)))
    )
    rng = random.Random(cfg.seed)
    dev_texts = [s.text for s in dev_set]
    y_dev = np.array([s.labels for s in dev_set], dtype=np.float32)
    best: tuple[float, dict[str, Any], int] = (-1.0, {}, 0)
    history = []
    for epoch in range(1, cfg.epochs + 1):
        model.train()
        batches = length_batches(
            [n + rng.randrange(8) for n in lengths], cfg.batch_size
        )  # jitter: varied batches
        rng.shuffle(batches)
        epoch_loss = 0.0
        for batch in batches:
            ids, mask, labels = _tensors(encoder, train_set, batch)
            loss = loss_fn(model(input_ids=ids, attention_mask=mask).logits, labels)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            scheduler.step()
            epoch_loss += float(loss.detach()) * len(batch)
        model.eval()
        dev_p = 1 / (1 + np.exp(-predict_logits(model, encoder, dev_texts)))
        dev_auc = [calibration.auc(y_dev[:, k], dev_p[:, k]) for k in range(len(CLASSES))]
        score = float(np.mean(dev_auc))
        elapsed = time.perf_counter() - started
        history.append(
            {
                "epoch": epoch,
                "loss": round(epoch_loss / len(train_set), 4),
                "dev_auc": [round(a, 4) for a in dev_auc],
            }
        )
        log(
            f"epoch {epoch}: loss {epoch_loss / len(train_set):.4f} dev AUC {[round(a, 3) for a in dev_auc]} "
            f"({elapsed:.0f}s wall, {time.process_time() - cpu_started:.0f}s CPU)"
        )
        if score > best[0]:
            best = (score, {k: v.detach().clone() for k, v in model.state_dict().items()}, epoch)
        if elapsed * (epoch + 1) / epoch > cfg.time_budget_s and epoch < cfg.epochs:
            log(f"stopping after epoch {epoch}: the next one would pass the {cfg.time_budget_s:.0f}s budget")
            break
    model.load_state_dict(best[1])
    model.eval()
    save_weights(model, out_dir)

    dev_logits = predict_logits(model, encoder, dev_texts)
    temperature = [calibration.fit_temperature(dev_logits[:, k], y_dev[:, k]) for k in range(len(CLASSES))]
    dev_p = 1 / (1 + np.exp(-dev_logits / np.array(temperature)))
    thresholds = [
        calibration.pick_threshold(y_dev[:, k], dev_p[:, k], cfg.min_precision) for k in range(len(CLASSES))
    ]
    manifest_path = data_dir / "manifest.json"
    meta = {
        "name": cfg.name,
        "version": cfg.version,
        "classes": list(CLASSES),
        "max_len": cfg.max_len,
        "pad_id": encoder.pad_id,
        "architecture": arch,
        "temperature": [round(t, 4) for t in temperature],
        "thresholds": [round(t, 4) for t in thresholds],
        "training": {
            "seed": cfg.seed,
            "epochs_run": len(history),
            "best_epoch": best[2],
            "history": history,
            "train_samples": len(train_set),
            "dev_samples": len(dev_set),
            "data_manifest": json.loads(manifest_path.read_text()) if manifest_path.exists() else None,
            "seconds": round(time.perf_counter() - started, 1),
            "cpu_seconds": round(time.process_time() - cpu_started, 1),
            "threads": cfg.threads,
            "torch": torch.__version__,
        },
    }
    (out_dir / META).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    from reviewer.classifier.export import export_onnx

    export_onnx(out_dir, int8=True, select_on=dev_texts)
    checksum = write_checksums(out_dir)
    log(f"wrote {out_dir} (checksum {checksum[:12]}) in {time.perf_counter() - started:.0f}s")
    return load_bundle(out_dir).meta


def train_tiny(out_dir: Path, sven_dir: Path | None = None, seed: int = 1) -> Path:
    """Build tiny data and train a tiny model into ``out_dir`` (for tests and smoke checks)."""
    from reviewer.classifier import datagen

    data_dir = out_dir / "data"
    samples = datagen.build(
        sven_dir if sven_dir is not None and sven_dir.exists() else None, seed, datagen.Sizes.tiny()
    )
    datagen.write(samples, data_dir, {"seed": seed, "tiny": True})
    train(data_dir, out_dir, tiny_config(seed), log=lambda _msg: None)
    return out_dir
