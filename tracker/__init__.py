"""tracker: which English text stands for which French text, what changed, what is stale, what is approved."""

__version__ = "0.1.0"
