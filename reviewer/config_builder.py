"""Settings -> ``ReviewConfig``: scanners from the registry, their context, limits, checklist.

Every surface (CLI, hook, API, worker) builds its pipeline configuration here, so a setting
means the same thing everywhere.
"""

from __future__ import annotations

import importlib.util

from reviewer.errors import ConfigError
from reviewer.pipeline import ReviewConfig
from reviewer.scanners.base import ScanContext
from reviewer.settings import Settings

NO_CHECKLIST = frozenset({"", "none", "off"})


def load_settings() -> Settings:
    """Settings from the environment; an invalid ``REVIEWER_*`` value is a configuration error."""
    from pydantic import ValidationError

    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"REVIEWER_{'_'.join(str(p) for p in err['loc']).upper()}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(f"invalid settings: {problems}") from None


def scan_context(settings: Settings) -> ScanContext:
    from reviewer.scanners.classifier import classifier_options

    return ScanContext(
        timeout_s=settings.scanner_timeout_s,
        rules_dir=settings.rules_dir,
        tool_paths={"semgrep": settings.semgrep_bin, "bandit": settings.bandit_bin},
        options=classifier_options(settings),
    )


def load_checklist(settings: Settings, ref: str | None = None) -> object | None:
    """The checklist named by ``ref`` (``ID``, ``ID@VERSION`` or a file), else the configured one;
    None when checklists are turned off (``none``) or the checklist package is not installed."""
    if ref is None:
        ref = settings.checklist + (f"@{settings.checklist_version}" if settings.checklist_version else "")
    if ref.strip().lower() in NO_CHECKLIST:
        return None
    if importlib.util.find_spec("reviewer.checklists.loader") is None:
        return None
    from reviewer.checklists.loader import resolve

    return resolve(ref, settings.checklists_dir)


def build_review_config(
    settings: Settings,
    *,
    scanners: list[str] | None = None,
    checklist: str | None = None,
    all_lines: bool = False,
    baseline: frozenset[str] = frozenset(),
) -> ReviewConfig:
    """Build the pipeline configuration; ``scanners``/``checklist`` override the settings."""
    from reviewer.scanners.registry import build_scanners

    names = scanners if scanners is not None else settings.scanner_names()
    if not names:
        raise ConfigError("no scanners selected")
    return ReviewConfig(
        scanners=tuple(build_scanners(names)),
        context=scan_context(settings),
        limits=settings.limits(),
        checklist=load_checklist(settings, checklist),
        all_lines=all_lines,
        baseline=baseline,
    )
