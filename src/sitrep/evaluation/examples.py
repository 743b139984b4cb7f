"""Run sitrep over the bundled examples and score them against their key facts.

I/O edge for `facts.py`: reads `examples/` and `tests/golden/examples_expected.json` from a
project checkout and returns the scores.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sitrep.config import IngestSettings
from sitrep.evaluation.facts import FactResult, score_facts
from sitrep.ingest import iter_articles
from sitrep.model import Analysis, Article
from sitrep.pipeline import Resources, analyse
from sitrep.public import analysis_json


def fact_key(article: Article, root: Path) -> str:
    """The key a fact uses for this article: its JSONL id, else its path under `root`."""
    source = Path(article.source or "")
    if source.suffix == ".jsonl" and article.input_id:
        return article.input_id
    try:
        return str(source.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(source)


def analyse_examples(root: Path, resources: Resources) -> dict[str, dict[str, Any]]:
    """Public JSON of every example article, keyed as the facts file keys them."""
    items = iter_articles([str(root / "examples")], settings=IngestSettings())
    articles = [a for a in items if isinstance(a, Article)]
    docs: dict[str, dict[str, Any]] = {}
    for analysis in analyse(articles, resources):
        if isinstance(analysis, Analysis):
            docs[fact_key(analysis.article, root)] = analysis_json(analysis)
    return docs


def score_examples(root: Path, resources: Resources) -> tuple[dict[str, float], list[FactResult]]:
    """Scores of sitrep on the examples' key facts."""
    facts = json.loads((root / "tests" / "golden" / "examples_expected.json").read_text("utf-8"))
    return score_facts(facts, analyse_examples(root, resources))
