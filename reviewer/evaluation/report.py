"""Text and JSON tables for ``reviewer eval``: per class, per CWE and per source."""

from __future__ import annotations

import json

from reviewer.evaluation.metrics import Outcome, Rates, grouped, mean_score, rates


def _pct(value: float | None) -> str:
    return "   -" if value is None else f"{100 * value:4.0f}%"


def _num(value: float | None) -> str:
    return "    -" if value is None else f"{value:+.2f}"


def table(title: str, groups: dict[str, Rates]) -> list[str]:
    lines = [
        title,
        f"  {'group':<26} {'vuln':>4} {'det':>4} {'TPR':>5}  {'safe':>4} {'FA':>3} {'FPR':>5} "
        f"{'noise':>5}  {'score':>5}",
    ]
    for name, r in groups.items():
        lines.append(
            f"  {name:<26} {r.vuln:>4} {r.tp:>4} {_pct(r.tpr):>5}  {r.safe:>4} {r.fp:>3} {_pct(r.fpr):>5} "
            f"{_pct(r.noise):>5}  {_num(r.score):>5}"
        )
    return lines


def _groups(outcomes: list[Outcome]) -> dict[str, dict[str, Rates]]:
    return {
        "class": grouped(outcomes, lambda s: s.cls),
        "cwe": grouped(outcomes, lambda s: f"CWE-{s.cwe}" if s.cwe else "(category)"),
        "source": grouped(outcomes, lambda s: s.source or "-"),
        "class/source": grouped(outcomes, lambda s: f"{s.cls}/{s.source or '-'}"),
    }


def render_text(name: str, outcomes: list[Outcome]) -> str:
    groups = _groups(outcomes)
    total = rates(outcomes)
    lines = [f"== {name}: {len(outcomes)} files =="]
    lines += table("per class", groups["class"])
    lines += table("per class and source", groups["class/source"])
    lines += table("per CWE", groups["cwe"])
    lines.append(
        f"overall: TPR {_pct(total.tpr)}  FPR {_pct(total.fpr)}  score {_num(total.score)}; "
        f"OWASP mean score over CWEs {_num(mean_score(groups['cwe']))}, "
        f"over classes {_num(mean_score(groups['class']))}"
    )
    failed = sorted({s for o in outcomes for s in o.failed_scanners})
    if failed:
        lines.append(f"warning: scanner(s) failed on some files: {', '.join(failed)}")
    return "\n".join(lines)


def render_misses(outcomes: list[Outcome]) -> str:
    lines = ["missed (vuln not flagged):"]
    lines += [
        f"  {o.sample.file} (CWE-{o.sample.cwe}) {', '.join(o.rules)}"
        for o in outcomes
        if o.sample.vulnerable and not o.flagged
    ]
    lines.append("false alarms (safe flagged for its CWE):")
    lines += [
        f"  {o.sample.file} (CWE-{o.sample.cwe}) {', '.join(o.rules)}"
        for o in outcomes
        if not o.sample.vulnerable and o.flagged
    ]
    lines.append("other findings on safe files (noise, not counted as false alarms):")
    lines += [
        f"  {o.sample.file} (CWE-{o.sample.cwe}) {', '.join(o.rules)}"
        for o in outcomes
        if not o.sample.vulnerable and not o.flagged and o.any_finding
    ]
    return "\n".join(lines)


def _rates_json(r: Rates) -> dict[str, object]:
    return {
        "vuln": r.vuln,
        "detected": r.tp,
        "safe": r.safe,
        "false_alarms": r.fp,
        "noisy_safe": r.noisy_safe,
        "tpr": r.tpr,
        "fpr": r.fpr,
        "score": r.score,
    }


def render_json(runs: dict[str, list[Outcome]]) -> str:
    doc: dict[str, object] = {}
    for name, outcomes in runs.items():
        groups = _groups(outcomes)
        doc[name] = {
            "overall": _rates_json(rates(outcomes)),
            **{k: {g: _rates_json(r) for g, r in v.items()} for k, v in groups.items()},
            "files": [
                {
                    "file": o.sample.file,
                    "label": o.sample.label,
                    "cwe": o.sample.cwe,
                    "class": o.sample.cls,
                    "flagged": o.flagged,
                    "any_finding": o.any_finding,
                    "rules": list(o.rules),
                }
                for o in outcomes
            ],
        }
    return json.dumps(doc, indent=2, sort_keys=True)
