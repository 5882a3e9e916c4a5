"""Text from outside (wire copy, headlines, notes, machine translations) made safe to show on a terminal.

Control characters are shown visibly (`\\x1b`, `\\u202e`) instead of being sent to the terminal, where an escape
sequence could clear the screen, set the window title, hide text or write the clipboard (OSC 52).
"""

from __future__ import annotations

import re

# C0 controls but newline and tab, DEL, C1 controls (U+009B is a one-character CSI), and the bidirectional
# overrides and isolates that make a terminal show text in an order other than the one stored.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control character escaped visibly; newlines and tabs are kept."""
    return _UNSAFE.sub(_shown, text)


def has_controls(text: str) -> bool:
    """Whether `visible` would change the text."""
    return _UNSAFE.search(text) is not None


def json_safe(encoded: str) -> str:
    """JSON text with the controls JSON leaves raw (DEL, C1, bidirectional) written as `\\u` escapes.

    `json.dumps` escapes C0 controls itself; the others are only ever inside strings, where `\\uXXXX` means the
    same character, so the data is unchanged for a program and harmless on a terminal.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


# The sequences the faces themselves print (tracker.cli.diff_cmd's colours; click's progress bar returns to the
# line start hiding the cursor, then shows it again): nothing else passes a terminal filter.
OWN_STYLES = frozenset(
    {"\x1b[0m", "\x1b[1m", "\x1b[2m", "\x1b[4m", "\x1b[9m", "\x1b[31m", "\x1b[32m", "\x1b[33m"}
    | {"\r\x1b[?25l", "\x1b[?25h"}
)
_OWN_OR_UNSAFE = re.compile(
    "|".join(re.escape(s) for s in sorted(OWN_STYLES, key=len, reverse=True)) + r"|" + _UNSAFE.pattern
)


def for_terminal(text: str) -> str:
    """Like `visible`, but the faces' own colour sequences (OWN_STYLES) pass: what a terminal writer applies."""
    return _OWN_OR_UNSAFE.sub(lambda m: m.group() if m.group() in OWN_STYLES else _shown(m), text)
