"""Text as XML 1.0 can carry it: the characters it forbids even escaped become U+FFFD, for the XML reports."""

from __future__ import annotations

import re

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
