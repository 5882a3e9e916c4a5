"""QA checks between aligned French and English paragraphs."""
