"""Application services: import, views, decisions; the only layer that joins core, storage and sources."""
