"""``reviewer model``: datagen, train, eval, export, serve."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import click

from reviewer.settings import PROJECT_ROOT, Settings

DEFAULT_SVEN = PROJECT_ROOT.parent / "shared" / "data" / "sven"
DROP_HELP = "share of generated snippets whose import lines are removed (augmentation; see MODEL_CARD.md)"


@click.group()
def model() -> None:
    """Train, evaluate, export and serve the code classifier."""


def _dataset(data: Path, out: Path, seed: int, tiny: bool = False, drop_imports: float = 0.0) -> Path:
    """A built dataset folder: ``data`` itself if built, else built from a SVEN folder into ``out``."""
    from reviewer.classifier import datagen

    if (data / "train.jsonl").exists():
        return data
    if not any(data.glob("*-cwe-*.jsonl")):
        raise click.BadParameter(f"{data} is neither a built dataset (train.jsonl) nor a SVEN folder")
    sizes = datagen.Sizes.tiny() if tiny else datagen.Sizes.default()
    sizes = replace(sizes, drop_imports=drop_imports)
    summary = datagen.write(
        datagen.build(data, seed, sizes), out, {"seed": seed, "sven": str(data), "tiny": tiny}
    )
    click.echo(
        f"built dataset in {out}: " + ", ".join(f"{s} {summary[s]['samples']}" for s in datagen.SPLITS)
    )
    return out


@model.command()
@click.option("--sven", type=click.Path(path_type=Path), default=DEFAULT_SVEN, show_default=True)
@click.option("--out", type=click.Path(path_type=Path), required=True)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--tiny", is_flag=True, help="a few dozen samples (tests)")
@click.option("--drop-imports", type=float, default=0.0, show_default=True, help=DROP_HELP)
def datagen(sven: Path, out: Path, seed: int, tiny: bool, drop_imports: float) -> None:
    """Build the labelled dataset (SVEN + generated + real-code negatives), reproducibly."""
    _dataset(sven, out, seed, tiny, drop_imports)


@model.command()
@click.option(
    "--data",
    type=click.Path(path_type=Path),
    default=DEFAULT_SVEN,
    show_default=True,
    help="a built dataset folder, or a SVEN folder to build one from",
)
@click.option("--out", type=click.Path(path_type=Path), required=True)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--epochs", type=int, default=None)
@click.option("--version", "model_version", default="0.1.0", show_default=True)
@click.option("--tiny", is_flag=True, help="tiny data and model: an end-to-end check in seconds")
@click.option("--threads", type=int, default=2, show_default=True)
@click.option(
    "--time-budget-s", type=float, default=None, help="stop starting epochs past this (0: no limit)"
)
@click.option("--drop-imports", type=float, default=0.0, show_default=True, help=DROP_HELP)
def train(
    data: Path,
    out: Path,
    seed: int,
    epochs: int | None,
    model_version: str,
    tiny: bool,
    threads: int,
    time_budget_s: float | None,
    drop_imports: float,
) -> None:
    """Train tokenizer and model, calibrate on dev, export int8 ONNX, write checksums."""
    from reviewer.classifier.train import TrainConfig, tiny_config
    from reviewer.classifier.train import train as run

    data_dir = _dataset(data, out / "data", seed, tiny, drop_imports)
    cfg = tiny_config(seed) if tiny else TrainConfig(seed=seed)
    cfg = replace(cfg, version=model_version, threads=threads, epochs=epochs or cfg.epochs)
    if time_budget_s is not None:
        cfg = replace(cfg, time_budget_s=time_budget_s or float("inf"))
    run(data_dir, out, cfg, log=click.echo)


@model.command("eval")
@click.option("--model-dir", type=click.Path(path_type=Path), default=None)
@click.option("--data", type=click.Path(path_type=Path), required=True, help="a built dataset folder")
@click.option("--backend", default="onnx", show_default=True)
@click.option("--split", default="val", show_default=True)
@click.option("--agreement/--no-agreement", default=True, help="compare compressed backends with torch fp32")
@click.option(
    "--pick-thresholds",
    "min_precision",
    type=float,
    default=None,
    help="refit temperatures and thresholds on dev for this minimum precision first",
)
@click.option("--save/--no-save", default=False, help="write metrics.json into the model folder")
def eval_(
    model_dir: Path | None,
    data: Path,
    backend: str,
    split: str,
    agreement: bool,
    min_precision: float | None,
    save: bool,
) -> None:
    """Per-class precision, recall, F1, ECE on a held-out split; thresholds; backend agreement."""
    from reviewer.classifier import evaluate

    model_dir = model_dir or Settings().model_dir
    if min_precision is not None:
        picked = evaluate.repick_thresholds(model_dir, data, min_precision)
        click.echo(f"thresholds (dev, precision >= {min_precision}): {picked}")
    result = evaluate.evaluate(model_dir, data, backend, split)
    click.echo(f"model {result['model']} backend {result['backend']} on {split} ({result['samples']} units)")
    click.echo(
        f"{'class':16}{'thr':>7}{'pos':>6}{'prec':>8}{'recall':>8}{'F1':>8}{'FPR':>8}{'ECE':>8}{'AUC':>8}"
    )
    for m in result["classes"]:
        click.echo(
            f"{m['cls']:16}{m['threshold']:7.3f}{m['support']:6d}{m['precision']:8.3f}{m['recall']:8.3f}"
            f"{m['f1']:8.3f}{m['fp_rate']:8.3f}{m['ece']:8.3f}{m['auc']:8.3f}"
        )
    click.echo("by source: " + json.dumps(result["by_source"], sort_keys=True))
    if agreement:
        result["agreement"] = evaluate.agreement(model_dir, data, split=split)
        click.echo(
            "agreement with torch fp32: " + json.dumps(result["agreement"]["backends"], sort_keys=True)
        )
    if save:
        click.echo(f"wrote {evaluate.save_metrics(model_dir, result)}")


@model.command()
@click.option("--model-dir", type=click.Path(path_type=Path), default=None)
@click.option("--fp32", is_flag=True, help="also keep the fp32 ONNX file (model.onnx)")
@click.option(
    "--data",
    type=click.Path(path_type=Path),
    default=None,
    help="a built dataset: choose the int8 setting by agreement with fp32 on its dev split",
)
def export(model_dir: Path | None, fp32: bool, data: Path | None) -> None:
    """(Re)export the ONNX files of a trained model and refresh its checksums."""
    from reviewer.classifier.datagen import read_split
    from reviewer.classifier.export import export_onnx

    texts = [s.text for s in read_split(data, "dev")] if data else []
    for path in export_onnx(model_dir or Settings().model_dir, int8=True, keep_fp32=fp32, select_on=texts):
        click.echo(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB)")


@model.command()
@click.option("--model-dir", type=click.Path(path_type=Path), default=None)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8500, show_default=True)
@click.option(
    "--backend", default="auto", show_default=True, help="auto (GPU if present, else onnx), onnx, torch, cuda"
)
@click.option("--max-batch-size", type=int, default=32, show_default=True)
@click.option("--max-queue-delay-ms", type=float, default=5.0, show_default=True)
@click.option("--no-batching", is_flag=True, help="run each request on its own")
@click.option("--threads", type=int, default=None, help="ONNX Runtime intra-op threads")
def serve(
    model_dir: Path | None,
    host: str,
    port: int,
    backend: str,
    max_batch_size: int,
    max_queue_delay_ms: float,
    no_batching: bool,
    threads: int | None,
) -> None:
    """Serve the model over the Open Inference Protocol v2 with dynamic batching."""
    import uvicorn

    from reviewer.classifier.backends import load_backend
    from reviewer.modelserver.app import ServerConfig, create_app

    if backend == "remote":
        raise click.BadParameter("a server cannot use the remote backend")
    loaded = load_backend(backend, model_dir or Settings().model_dir, threads=threads)
    app = create_app(loaded, ServerConfig(max_batch_size, max_queue_delay_ms, not no_batching))
    click.echo(f"serving {loaded.version} ({loaded.kind}) on http://{host}:{port}/v2", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


@model.command()
@click.option("--model-dir", type=click.Path(path_type=Path), default=None)
def card(model_dir: Path | None) -> None:
    """Rewrite MODEL_CARD.md from the model's metadata, metrics.json and benchmark.json."""
    from reviewer.classifier.card import write_card

    click.echo(f"wrote {write_card(model_dir or Settings().model_dir)}")


# Model versions (register, list, promote, rollback, retire, policy, compare): reviewer/cli/model_versions.py
from reviewer.cli.model_versions import COMMANDS as _VERSION_COMMANDS  # noqa: E402

for _command in _VERSION_COMMANDS:
    model.add_command(_command)
