"""Taking a decision back from the story screen: `R` lists the decisions standing on the cursor row, the person
picks one and says why, and the backend records the revocation (a new fact; the decision stays in the record)."""

from __future__ import annotations

from tracker.tui.screens.modals import NoteModal, RevisionModal
from tracker.tui.screens.story_editing import StoryEditing
from tracker.tui.widgets.decisions import decision_line


class RevokeActions(StoryEditing):
    """The story screen's revocation action, kept apart from the decisions themselves."""

    def action_revoke(self) -> None:
        ready = self._ready()
        if ready is None:
            return
        _, row = ready
        decisions = row.decisions
        if not decisions:
            self.notify("No decision stands on this row: nothing to take back.", timeout=4)
            return

        def picked(index: int | None) -> None:
            if index is None or not 0 <= index < len(decisions):
                return
            chosen = decisions[index]

            def reasoned(reason: str | None) -> None:
                if reason:
                    self.decide(
                        f"Taken back: {chosen.what}.",
                        lambda: self.backend.revoke(self.slug, chosen.decision, reason),
                    )

            self.app.push_screen(
                NoteModal("Why take it back?", "the reason, for the record", detail=decision_line(chosen)), reasoned
            )

        choices = [(n, decision_line(d)) for n, d in enumerate(decisions)]
        self.app.push_screen(RevisionModal("Take back which decision?", choices, 0), picked)
