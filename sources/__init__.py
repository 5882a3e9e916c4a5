"""Importers and exporters: bytes in, paragraphs and metadata out (and back); no file or database access."""
