"""Scorers for the gold sets in ../shared/eval (FORMAT.md), behind `sitrep eval FILE...`.

Decoupled from the pipeline: `score_file(path, extract)` takes the function that maps documents
{"id", "text", "published"?} to sitrep's per-document JSON (DESIGN.md §7).
"""

from sitrep.evaluation.gold import KINDS, detect_kind, input_doc, read_gold
from sitrep.evaluation.report import Report, render_lines, render_table
from sitrep.evaluation.runner import Extract, run_extract, score_cases, score_file, score_files
from sitrep.evaluation.scorers import SCORERS, Scored, singleton_clusters

__all__ = [
    "KINDS",
    "SCORERS",
    "Extract",
    "Report",
    "Scored",
    "detect_kind",
    "input_doc",
    "read_gold",
    "render_lines",
    "render_table",
    "run_extract",
    "score_cases",
    "score_file",
    "score_files",
    "singleton_clusters",
]
