"""The result of scoring one gold file, and its renderings (dict, rich table, plain lines)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rich.table import Table

# Metrics shown as plain numbers rather than 0–1 rates.
_ABSOLUTE_SUFFIXES = ("_km", "_per_doc", "_per_second", "_n")
_ABSOLUTE_NAMES = frozenset(
    {"gold", "n_acled", "n_extra", "actor_n", "docs", "docs_with_mention", "failures"}
)


@dataclass(frozen=True, slots=True)
class Report:
    """Scores of sitrep on one gold file."""

    set: str
    kind: str
    n: int
    metrics: dict[str, float] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, metrics in their order."""
        return {
            "set": self.set,
            "kind": self.kind,
            "n": self.n,
            "metrics": dict(self.metrics),
            "notes": list(self.notes),
            "seconds": round(self.seconds, 3),
        }


def format_metric(name: str, value: float) -> str:
    """A metric for display: rates as 0.000, counts as integers, distances with one decimal."""
    if name in _ABSOLUTE_NAMES or name.endswith(_ABSOLUTE_SUFFIXES):
        return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    return f"{value:.3f}"


def metric_cells(report: Report) -> str:
    """The metrics of a report as `name=value` pairs on one line (per-class figures, which
    `--json` carries, are left out)."""
    return "  ".join(
        f"{k}={format_metric(k, v)}"
        for k, v in report.metrics.items()
        if not k.startswith("per_class_f1.")
    )


def render_table(reports: Sequence[Report]) -> Table:
    """A rich table with one row per report."""
    table = Table(title="sitrep evaluation", show_lines=True)
    for column in ("set", "kind", "n", "metrics", "seconds"):
        table.add_column(column, overflow="fold", no_wrap=column != "metrics")
    for r in reports:
        table.add_row(r.set, r.kind, str(r.n), metric_cells(r), f"{r.seconds:.1f}")
    return table


def render_lines(reports: Sequence[Report], *, notes: bool = True) -> list[str]:
    """Plain-text lines: a header line per report, one line per metric, then its notes."""
    lines: list[str] = []
    for r in reports:
        lines.append(f"{r.set} ({r.kind}, n={r.n}, {r.seconds:.1f} s)")
        width = max((len(k) for k in r.metrics), default=0)
        lines.extend(f"  {k:<{width}}  {format_metric(k, v)}" for k, v in r.metrics.items())
        if notes:
            lines.extend(f"  note: {note}" for note in r.notes)
    return lines
