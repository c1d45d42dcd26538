"""``dependencies``: added packages that do not exist or imitate a popular one.

Checks entries in requirements*.txt, pyproject.toml and package.json, ``pip``/``npm`` install
commands (Dockerfiles, scripts, CI, READMEs, notebooks), and third-party imports in Python and
JavaScript/TypeScript, against the offline popular-package lists (no network). A name
within one or two edits of a popular package is a likely typosquat or hallucinated near-typo
(high); a name not in the lists at all is reported for a human to confirm (medium, low confidence).
"""

from __future__ import annotations

from reviewer.detect.imports import JS_SUFFIXES, PY_SUFFIXES, js_imports, local_python_modules, python_imports
from reviewer.detect.install_commands import install_commands
from reviewer.detect.manifests import Declared, parse_manifest
from reviewer.detect.packages import Ecosystem, NameCheck, Verdict, check_name
from reviewer.findings import Category, Confidence, Location, RawFinding, ScanResult, Severity
from reviewer.scanners._files import iter_texts
from reviewer.scanners.base import ScanContext, Workspace
from reviewer.scanners.builtin import BuiltinScanner

TYPO_RULE = "reviewer.dependencies.typosquat"
UNKNOWN_RULE = "reviewer.dependencies.unknown-package"
_REGISTRY = {Ecosystem.PYPI: "PyPI", Ecosystem.NPM: "npm"}


def _finding(path: str, dep: Declared, check: NameCheck) -> RawFinding:
    registry = _REGISTRY[dep.ecosystem]
    where = {"import": "import", "install": "installed package"}.get(dep.source, "dependency")
    if check.verdict is Verdict.TYPO:
        return RawFinding(
            scanner=DependencyScanner.name,
            rule=TYPO_RULE,
            location=Location(path, dep.line, dep.line),
            message=(
                f"{where} '{dep.name}' is not a known {registry} package but is {check.distance} edit(s) "
                f"from the popular '{check.similar_to}': a likely typo, hallucinated name or typosquat."
            ),
            severity=Severity.HIGH,
            confidence=Confidence.MEDIUM if dep.source == "import" else Confidence.HIGH,
            category=Category.DEPENDENCIES,
            cwes=(1357, 829),
            fix=f"Check the name on {registry}; you probably meant '{check.similar_to}'.",
            extra=(
                ("package", dep.name),
                ("similar_to", check.similar_to or ""),
                ("ecosystem", dep.ecosystem.value),
            ),
        )
    return RawFinding(
        scanner=DependencyScanner.name,
        rule=UNKNOWN_RULE,
        location=Location(path, dep.line, dep.line),
        message=(
            f"{where} '{dep.name}' is not among the popular {registry} packages this check knows: "
            "confirm that it exists, is the intended project and is maintained."
        ),
        # A declared dependency is certainly third-party; an import may be a project module that
        # neither the change nor the repository listing showed (a GitHub review sees no tree).
        severity=Severity.LOW if dep.source == "import" else Severity.MEDIUM,
        confidence=Confidence.LOW,
        category=Category.DEPENDENCIES,
        cwes=(1357,),
        fix=f"Verify the package on {registry} before installing it; pin a reviewed version.",
        extra=(("package", dep.name), ("ecosystem", dep.ecosystem.value)),
    )


def declared_in(path: str, text: str, local: frozenset[str]) -> list[Declared]:
    """Manifest entries and third-party imports of one file."""
    found = parse_manifest(path, text) or install_commands(path, text)
    lower = path.lower()
    if lower.endswith(PY_SUFFIXES):
        found += python_imports(text, local)
    elif lower.endswith(JS_SUFFIXES):
        found += js_imports(text)
    return found


class DependencyScanner(BuiltinScanner):
    """Offline existence and near-typo check for added dependencies and imports."""

    name = "dependencies"

    def scan(self, workspace: Workspace, ctx: ScanContext) -> ScanResult:
        skipped: list[tuple[str, str]] = []
        findings: list[RawFinding] = []
        local = local_python_modules(list(workspace.files)) | frozenset(workspace.changeset.project_modules)
        verdicts: dict[tuple[str, Ecosystem], NameCheck] = {}
        for path, text in iter_texts(workspace, skipped):
            added = workspace.added_lines(path)
            for dep in declared_in(path, text, local):
                if dep.line not in added and not workspace.changeset.whole_files:
                    continue  # only a dependency this change adds is news, even with --all-lines
                key = (dep.name, dep.ecosystem)
                if key not in verdicts:
                    verdicts[key] = check_name(dep.name, dep.ecosystem)
                check = verdicts[key]
                if check.verdict is Verdict.KNOWN:
                    continue
                findings.append(_finding(path, dep, check))
        return ScanResult(findings=tuple(findings), skipped=tuple(skipped))
