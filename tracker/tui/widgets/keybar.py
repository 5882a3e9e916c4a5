"""The key bar: the screen's shown bindings on one line at the bottom, drawn as one widget.

Textual's Footer mounts a widget per key and restyles each one whenever the bindings change; on the story screen
that was a third of the time from opening a story to its rows on screen. This bar paints the same line from
`screen.active_bindings` in one render: key in bold, then its description; a key that cannot act now is dimmed;
the acting user (cut when long), Help and the palette's key sit at the right end, the last to give way.
A click on a key presses it.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

HELP_ACTIONS = frozenset({"help", "app.help"})
USER_CELLS = 16  # the acting user's label gets at least this much, at most a fifth of the bar


class KeyBar(Widget, can_focus=False):
    """One line of `key description` pairs for the current screen's shown bindings."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-description-foreground;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name for it
        super().__init__(id=id)
        # (start column, end column, key) of each key drawn, for clicks
        self._spans: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.watch(self.app, "sub_title", self._repaint, init=False)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _repaint(self) -> None:
        self.refresh()

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.refresh()

    def render(self) -> Text:
        line, spans = Text(no_wrap=True, overflow="ellipsis"), []
        key_style = Style(bold=True, color=self.app.current_theme.accent)
        # Help and the palette are how a person finds every other key: drawn at the right end, the last to go
        last: list[tuple[str, str, bool]] = []
        seen: set[str] = set()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.key == self.app.COMMAND_PALETTE_BINDING and self.app.ENABLE_COMMAND_PALETTE:
                last.append((binding.key, f" {self.app.get_key_display(binding)} {binding.description} ", enabled))
                continue
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            if binding.action in HELP_ACTIONS:
                last.insert(0, (binding.key, f" {self.app.get_key_display(binding)} {binding.description} ", enabled))
                continue
            start = line.cell_len
            line.append(f" {self.app.get_key_display(binding)} ", style=key_style if enabled else "dim")
            line.append(f"{binding.description} ", style="" if enabled else "dim")
            spans.append((start, line.cell_len, binding.key))
        # at the right end, always in sight: who is acting (a long name cut), then Help and the palette key
        right, right_spans = Text(), []
        if self.app.sub_title:
            who = Text(self.app.sub_title, style="dim", no_wrap=True, overflow="ellipsis")
            who.truncate(max(USER_CELLS, self.size.width // 5), overflow="ellipsis")
            right.append_text(who)
            right.append("  ")
        for key, text, enabled in last:
            start = right.cell_len
            shown_key, _, description = text.strip().partition(" ")
            right.append(f" {shown_key} ", style=key_style if enabled else "dim")
            right.append(f"{description} ", style="" if enabled else "dim")
            right_spans.append((start, right.cell_len, key))
        if right:
            room = self.size.width - right.cell_len - 1
            if line.cell_len > room:
                line.truncate(max(room, 0), overflow="ellipsis")
                spans = [(start, min(end, room), key) for start, end, key in spans if start < room]
            gap = max(1, self.size.width - line.cell_len - right.cell_len)
            offset = line.cell_len + gap
            line.append(" " * gap)
            line.append_text(right)
            spans += [(offset + start, offset + end, key) for start, end, key in right_spans]
        self._spans = spans
        return line

    def key_at(self, x: int) -> str | None:
        """The key drawn at column `x`, if any."""
        return next((key for start, end, key in self._spans if start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        key = self.key_at(event.x)
        if key is not None:
            event.stop()
            self.app.simulate_key(key)
