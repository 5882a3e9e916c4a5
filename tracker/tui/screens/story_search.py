"""Finding one's way in a long story: `/` searches the French and the English (accents and case ignored) and F3 /
Shift+F3 step through the matches; `:` goes to a paragraph (`12` French, `e12` English)."""

from __future__ import annotations

from tracker.tui.screens.modals import NoteModal
from tracker.tui.screens.story_revoke import RevokeActions
from tracker.tui.widgets.sidebyside import SideBySide
from tracker.view import row_of_paragraph, rows_matching


class SearchActions(RevokeActions):
    """Search and go-to on the story screen; the matches are kept until the next search."""

    _query: str = ""
    _matches: tuple[int, ...] = ()

    def action_search(self) -> None:
        def searched(query: str | None) -> None:
            if not query:
                return
            sbs = self.query_one(SideBySide)
            self._query, self._matches = query, rows_matching(sbs.rows, query)
            if not self._matches:
                self.notify(f"No row contains “{query}”.", timeout=4)
                return
            self._step_match(0 if sbs.cursor in self._matches else 1)

        self.app.push_screen(
            NoteModal("Search the story", "French or English text; accents and case ignored"), searched
        )

    def action_search_next(self, step: int = 1) -> None:
        if not self._matches:
            self.notify("No search yet: / searches the story.", timeout=3)
            return
        self._step_match(step)

    def _step_match(self, step: int) -> None:
        """Move to the match `step` matches away from the cursor (0: the one under it), wrapping around."""
        sbs = self.query_one(SideBySide)
        cursor = sbs.cursor
        if step == 0:
            target = cursor
        elif step > 0:
            target = next((m for m in self._matches if m > cursor), self._matches[0])
        else:
            target = next((m for m in reversed(self._matches) if m < cursor), self._matches[-1])
        sbs.move_to(target)
        position = self._matches.index(target) + 1
        self.notify(f"“{self._query}”: match {position} of {len(self._matches)}.", timeout=3)

    def action_go_to(self) -> None:
        def chosen(answer: str | None) -> None:
            if not answer:
                return
            text = answer.strip().lower()
            lang = "en" if text.startswith("e") else "fr"
            number = text.lstrip("ef").strip()
            if not number.isdigit():
                self.notify(f"“{answer}” is not a paragraph number (12, or e12 for English).", severity="warning")
                return
            sbs = self.query_one(SideBySide)
            row = row_of_paragraph(sbs.rows, lang, int(number))
            if row is None:
                self.notify(
                    f"No {'English' if lang == 'en' else 'French'} paragraph {number} here.", severity="warning"
                )
                return
            sbs.move_to(row)

        self.app.push_screen(NoteModal("Go to paragraph", "12 for French ¶ 12, e12 for English ¶ 12"), chosen)
