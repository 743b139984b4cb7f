"""sitrep: news reports on war and politics → a verified event ledger (who did what to whom,
where, when, and who says so)."""

__version__ = "0.1.0"
