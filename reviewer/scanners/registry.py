"""The explicit scanner registry: name -> factory. Built on call, never at import."""

from __future__ import annotations

from collections.abc import Callable

from reviewer.errors import ConfigError
from reviewer.scanners.base import Scanner


def _factories() -> dict[str, Callable[[], Scanner]]:
    # Imports are local so that listing scanners never pays for importing all of them.
    from reviewer.scanners.bandit import BanditScanner
    from reviewer.scanners.classifier import ClassifierScanner
    from reviewer.scanners.dependencies import DependencyScanner
    from reviewer.scanners.detect_secrets import DetectSecretsScanner
    from reviewer.scanners.secrets import SecretPatternScanner
    from reviewer.scanners.semgrep import SemgrepScanner
    from reviewer.scanners.silencers import SilencerScanner
    from reviewer.scanners.structure import StructureScanner

    return {
        "semgrep": SemgrepScanner,
        "bandit": BanditScanner,
        "detect-secrets": DetectSecretsScanner,
        "reviewer-secrets": SecretPatternScanner,
        "structure": StructureScanner,
        "dependencies": DependencyScanner,
        "silencers": SilencerScanner,
        "classifier": ClassifierScanner,
    }


def scanner_names() -> list[str]:
    return sorted(_factories())


def build_scanners(names: list[str]) -> list[Scanner]:
    factories = _factories()
    unknown = [n for n in names if n not in factories]
    if unknown:
        raise ConfigError(f"unknown scanner(s): {', '.join(unknown)}; known: {', '.join(sorted(factories))}")
    return [factories[n]() for n in names]
