"""Keys typed while the UI changes hands (an editor opening, a save in flight) are held, then replayed as typed.

Textual forwards each key to the widget focused when the key arrives, and runs its binding only once it has
bubbled back up to the app; in a burst (`e`, then letters, then Ctrl+S, then `e` again) the letters after `e`
reach the rows before the editor exists, and the keys after Ctrl+S reach an editor that is going away. While a
hold is on, the app keeps every new key, and the widgets hand back the keys already on their way to them (those
were typed earlier, so they go first); when the hold ends, the app dispatches them again, in order.
"""

from __future__ import annotations

from typing import Protocol, cast

from textual import events
from textual.dom import DOMNode

# a hold that nothing ends (a bug) must not leave the keyboard dead: it ends by itself after this long
HOLD_LIMIT_SECONDS = 15.0


class KeyHold:
    """The keys kept while a hold is on, in the order they were typed."""

    def __init__(self) -> None:
        self._held: list[events.Key] | None = None
        self._front = 0  # where a key handed back by a widget goes: before every key the app kept itself
        self.generation = 0  # which hold a timer or a release belongs to

    @property
    def active(self) -> bool:
        return self._held is not None

    def start(self) -> int:
        """Hold keys from now on (a hold already on goes on); returns the hold's generation."""
        if self._held is None:
            self._held, self._front = [], 0
            self.generation += 1
        return self.generation

    def keep(self, event: events.Key) -> None:
        """A key that arrived at the app during the hold: after every key kept so far."""
        assert self._held is not None
        self._held.append(events.Key(event.key, event.character))

    def hand_back(self, event: events.Key) -> None:
        """A key a widget received during the hold: it was forwarded before the hold began, so it goes first."""
        assert self._held is not None
        self._held.insert(self._front, events.Key(event.key, event.character))
        self._front += 1

    def stop(self) -> list[events.Key]:
        """End the hold; the keys to dispatch again, oldest first."""
        held, self._held = self._held or [], None
        return held


class HoldsKeys(Protocol):
    """The app, as the screens and widgets see it (they never import it)."""

    key_hold: KeyHold

    def release_keys(self) -> None: ...

    def hold_keys(self) -> None: ...


def holder(node: DOMNode) -> HoldsKeys | None:
    """The app `node` runs in when it holds keys (the tracker's app; a bare test app does not)."""
    app = node.app  # called from message handlers: there is always an active app
    return app if isinstance(getattr(app, "key_hold", None), KeyHold) else None  # type: ignore[return-value]


def hand_back_if_held(node: DOMNode, event: events.Key) -> bool:
    """True (the key taken back by the app, to come again once the hold ends) when a hold is on."""
    app = holder(node)
    if app is None or not app.key_hold.active:
        return False
    app.key_hold.hand_back(event)
    event.stop()
    event.prevent_default()
    return True


def release_hold(node: DOMNode, generation: int | None) -> None:
    """End the hold `generation` (a screen's, waiting for its first rows) if it is still the one on."""
    app = holder(node)
    if app is not None and generation is not None and app.key_hold.active and app.key_hold.generation == generation:
        app.release_keys()


class WaitsForRows:
    """A screen that the keys typed with its opening wait for: `rows_hold` is that hold's generation (None: no
    hold); the screen releases it once its rows are shown, and leaving the screen releases it too (Textual calls
    each class's own `on_unmount`, this one's included)."""

    rows_hold: int | None = None

    def _release_for_rows(self) -> None:
        generation, self.rows_hold = self.rows_hold, None
        release_hold(cast(DOMNode, self), generation)

    def on_unmount(self) -> None:
        self._release_for_rows()
