"""Word diffs as text that reads without colour: deleted words [-struck-], inserted words {+underlined+}."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text


def append_words(out: Text, ops: Iterable[tuple[str, str]]) -> Text:
    """Append word-diff pieces (`=`, `-`, `+`) to `out`, marked by brackets as well as by style."""
    for op, text in ops:
        if op == "=":
            out.append(text)
        elif op == "-":
            out.append(f"[-{text}-]", style="bold red strike")
        else:
            out.append(f"{{+{text}+}}", style="bold green underline")
    return out
