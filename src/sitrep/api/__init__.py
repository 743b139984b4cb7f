"""The HTTP API and web pages of sitrep: one FastAPI app (`create_app`), OpenAPI at /docs."""

from sitrep.api.app import create_app

__all__ = ["create_app"]
