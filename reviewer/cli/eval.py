"""``reviewer eval CORPUS_DIR``: detection quality on a labelled corpus.

Runs the real pipeline on each labelled file as wholly added code and prints detection rate,
false-alarm rate and the OWASP Benchmark score (TPR - FPR) per class, per source and per CWE.
``--compare bandit`` adds bandit alone on the same files; ``--compare semgrep-community`` runs
semgrep with a local copy of the community rules (``--community-rules DIR``, e.g. a checkout of
github.com/semgrep/semgrep-rules): they cannot be downloaded here, so without that folder the
comparison is refused with that reason. The copy is filtered first (Python rules, one per id,
parseable by this semgrep; see ``reviewer.evaluation.community_rules``).
"""

from __future__ import annotations

import dataclasses
import sys
import tempfile
from pathlib import Path

import click

from reviewer.errors import UsageError
from reviewer.findings import Severity
from reviewer.settings import Settings

COMPARISONS = ("bandit", "semgrep-community")


def _scanner_list(value: str | None) -> list[str] | None:
    return [s.strip() for s in value.split(",") if s.strip()] if value else None


@click.command("eval")
@click.argument("corpus_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--labels",
    "labels_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Labels CSV (default: CORPUS_DIR/labels.csv).",
)
@click.option(
    "--scanners", help="Comma-separated scanners for the reviewer run (default: the configured set)."
)
@click.option(
    "--compare",
    "compare",
    multiple=True,
    type=click.Choice(COMPARISONS),
    help="Also run a baseline tool alone on the same files (repeatable).",
)
@click.option(
    "--community-rules",
    type=click.Path(exists=True, path_type=Path),
    help="Local folder of semgrep community rules for --compare semgrep-community.",
)
@click.option("--class", "only_class", help="Evaluate one class only (validation, secrets, ...).")
@click.option("--source", "only_source", help="Evaluate one source only (e.g. assistant-style, sven-val).")
@click.option(
    "--jobs", type=click.IntRange(1, 16), default=2, show_default=True, help="Files reviewed at once."
)
@click.option(
    "--min-severity",
    type=click.Choice(["info", "low", "medium", "high", "critical"]),
    default="info",
    show_default=True,
    help="Count only findings at or above this severity (like scan --fail-on).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option(
    "--show-misses", is_flag=True, help="List missed files and false alarms with the rules that fired."
)
def eval_cmd(
    corpus_dir: Path,
    labels_file: Path | None,
    scanners: str | None,
    compare: tuple[str, ...],
    community_rules: Path | None,
    only_class: str | None,
    only_source: str | None,
    jobs: int,
    min_severity: str,
    fmt: str,
    show_misses: bool,
) -> int:
    """Measure detection and false-alarm rates on a labelled corpus."""
    from reviewer.config_builder import build_review_config
    from reviewer.evaluation.labels import load_labels
    from reviewer.evaluation.report import render_json, render_misses, render_text
    from reviewer.evaluation.runner import evaluate

    settings = Settings()
    samples = load_labels(labels_file or corpus_dir / "labels.csv")
    samples = [
        s
        for s in samples
        if (only_class is None or s.cls == only_class) and (only_source is None or s.source == only_source)
    ]
    if not samples:
        raise UsageError("no labelled samples match the filters")
    missing = [s.file for s in samples if not (corpus_dir / s.file).is_file()]
    if missing:
        raise UsageError(f"labelled file(s) not in the corpus: {', '.join(missing[:5])}")
    if "semgrep-community" in compare and community_rules is None:
        raise UsageError(
            "--compare semgrep-community needs --community-rules DIR: semgrep's community rules are not "
            "bundled with semgrep and cannot be downloaded from this machine"
        )

    runs: dict[str, tuple[list[str] | None, Path | None]] = {"reviewer": (_scanner_list(scanners), None)}
    if "bandit" in compare:
        runs["bandit alone"] = (["bandit"], None)
    # The filtered copy of the community rules lives only as long as the runs that read it.
    with tempfile.TemporaryDirectory(prefix="reviewer-community-rules-") as scratch:
        if "semgrep-community" in compare and community_rules is not None:
            from reviewer.evaluation.community_rules import prepare

            prepared = prepare(community_rules, Path(scratch) / "rules", settings.semgrep_bin)
            click.echo(f"semgrep community rules from {community_rules}: {prepared.summary()}", err=True)
            runs["semgrep community rules"] = (["semgrep"], prepared.folder)

        results = {}
        for name, (names, rules_dir) in runs.items():
            config = build_review_config(settings, scanners=names, checklist="none")
            if rules_dir is not None:
                config = dataclasses.replace(
                    config, context=dataclasses.replace(config.context, rules_dir=rules_dir)
                )

            def progress(done: int, total: int, name: str = name) -> None:
                if sys.stderr.isatty():
                    click.echo(f"\r{name}: {done}/{total}", err=True, nl=done == total)

            results[name] = evaluate(
                corpus_dir,
                samples,
                config,
                jobs=jobs,
                min_severity=Severity.parse(min_severity),
                progress=progress,
            )

    if fmt == "json":
        click.echo(render_json(results))
        return 0
    for name, outcomes in results.items():
        click.echo(render_text(name, outcomes))
        if show_misses:
            click.echo(render_misses(outcomes))
        click.echo("")
    return 0
