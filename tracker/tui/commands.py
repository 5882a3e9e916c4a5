"""The command palette's tracker actions: every described binding of the current screen, searchable by name."""

from __future__ import annotations

from functools import partial

from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode


class TrackerCommands(Provider):
    """Offer the current screen's actions (and the focused view's) by their descriptions."""

    def _actions(self) -> list[tuple[str, str, str]]:
        screen = self.screen
        seen: set[str] = set()
        out: list[tuple[str, str, str]] = []
        focused = screen.focused
        sources: list[tuple[DOMNode, list[BindingType]]] = [(screen, screen.BINDINGS)]
        if focused is not None:
            sources.append((focused, focused.BINDINGS))
        for _, bindings in sources:
            for binding in bindings:
                if not isinstance(binding, Binding) or not binding.description or binding.action in seen:
                    continue
                seen.add(binding.action)
                key = binding.key.split(",")[0]
                out.append((binding.tooltip or binding.description, binding.action, key))
        return out

    async def _run(self, action: str) -> None:
        focused = self.screen.focused
        if focused is not None and any(isinstance(b, Binding) and b.action == action for b in focused.BINDINGS):
            await focused.run_action(action)
        else:
            await self.screen.run_action(action)

    async def discover(self) -> Hits:
        for description, action, key in self._actions():
            yield DiscoveryHit(description, partial(self._run, action), help=f"key: {key}")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for description, action, key in self._actions():
            score = matcher.match(description)
            if score > 0:
                yield Hit(score, matcher.highlight(description), partial(self._run, action), help=f"key: {key}")
