"""Placeholder: the tamper-evident audit chain (filled by the foundation issue)."""
