"""Errors sitrep raises on purpose. Each message says what was expected, what was found and
what to do next. Anything else propagating is a bug."""


class SitrepError(Exception):
    """Base of every error sitrep raises on purpose."""


class ConfigError(SitrepError):
    """A setting, flag or query is invalid."""


class ResourceError(SitrepError):
    """A model, gazetteer or knowledge base is missing or broken."""


class ArticleError(SitrepError):
    """One article (or input) cannot be processed; recorded as a failure, the batch goes on."""


class StorageError(SitrepError):
    """The database cannot be opened, migrated or written."""
