"""The web pages: server-rendered (Jinja2) map + timeline, claims board, event and article
pages, served by the API app and reading through the same query functions as the API."""

from sitrep.web.pages import install_web

__all__ = ["install_web"]
