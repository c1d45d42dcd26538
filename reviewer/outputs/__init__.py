"""Output formats: one Protocol (``base.OutputFormat``) and the explicit registry below."""

from __future__ import annotations

from reviewer.errors import UsageError
from reviewer.outputs.base import OutputFormat, ReportContext, blocking
from reviewer.outputs.json_format import JsonFormat
from reviewer.outputs.markdown import MarkdownFormat
from reviewer.outputs.sarif import SarifFormat
from reviewer.outputs.text import TextFormat

FORMATS: dict[str, type[OutputFormat]] = {
    "text": TextFormat,
    "json": JsonFormat,
    "sarif": SarifFormat,
    "markdown": MarkdownFormat,
}


def get_format(name: str) -> OutputFormat:
    """The format called ``name``, or a usage error listing the known ones."""
    try:
        return FORMATS[name]()
    except KeyError:
        raise UsageError(f"unknown format {name!r}; known: {', '.join(sorted(FORMATS))}") from None


__all__ = ["FORMATS", "OutputFormat", "ReportContext", "blocking", "get_format"]
