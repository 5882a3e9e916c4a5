"""NO_COLOR that still reads: what colour alone set apart (a flag, a count, a verdict) is set apart by reverse video,
and no text is left grey on grey.

Textual answers NO_COLOR by turning every colour grey by its luminance (or dropping colours on an ANSI terminal):
a bold red `S` on a dark row becomes dark grey on dark grey. This filter runs first: a bold coloured piece becomes
bold reverse video, and after the grey conversion any text too close to its background is drawn light or dark.
"""

from __future__ import annotations

from functools import lru_cache

from rich.color import Color as RichColor
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import LineFilter

# a foreground at least this saturated carries meaning by its hue (red stale, green done), not just by its weight
CHROMATIC = 0.3
# the least difference of grey levels (0-1) between text and its background that still reads
LEGIBLE = 0.3
_LIGHT, _DARK = Color(224, 224, 224).rich_color, Color(30, 30, 30).rich_color


def _chromatic(color: RichColor | None) -> bool:
    if color is None or color.is_default:
        return False
    _, saturation, lightness = Color.from_rich_color(color).hsl
    return saturation >= CHROMATIC and 0.1 < lightness < 0.95


def _drawn(text: str) -> bool:
    """Whether `text` has a character to read: not only spaces, box-drawing lines and blocks (a divider, a border)."""
    return any(not ch.isspace() and not "\u2500" <= ch <= "\u259f" for ch in text)


@lru_cache(1024)
def emphasis(style: Style) -> Style:
    """A bold coloured style made bold reverse video, so that it stands out once the colour is gone."""
    if style.bold and not style.reverse and _chromatic(style.color):
        return style + Style(reverse=True)
    return style


@lru_cache(1024)
def legible(style: Style) -> Style:
    """A grey style whose text is too close to its background drawn light on dark, or dark on light."""
    if style.color is None or style.bgcolor is None or style.color.is_default or style.bgcolor.is_default:
        return style
    fg, bg = Color.from_rich_color(style.color), Color.from_rich_color(style.bgcolor)
    if abs(fg.brightness - bg.brightness) >= LEGIBLE:
        return style
    return style + Style(color=_LIGHT if bg.brightness < 0.5 else _DARK)


class LegibleNoColor(LineFilter):
    """Wraps the filter Textual uses for NO_COLOR (`inner`) with emphasis before it and a contrast guard after."""

    def __init__(self, inner: LineFilter) -> None:
        super().__init__(enabled=inner.enabled)
        self.inner = inner

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        marked = [
            Segment(text, emphasis(style) if style is not None and _drawn(text) else style, control)
            for text, style, control in segments
        ]
        greyed = self.inner.apply(marked, background)
        return [Segment(text, None if style is None else legible(style), control) for text, style, control in greyed]
