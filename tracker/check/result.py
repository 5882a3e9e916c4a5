"""What `tracker check` finds: the rules, one finding per problem, per-story results and the gate over them.

Every report format renders these values and nothing else, so all formats always agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tracker.exitcodes import ExitCode

CheckSeverity = Literal["error", "warning"]
FailOn = Literal["error", "warning"]

# rule id -> (severity, one-line description); the order is the order reports list rules in.
RULES: dict[str, tuple[CheckSeverity, str]] = {
    "killed": (
        "error",
        "The agency killed the French story: the English must be withdrawn and the withdrawal recorded "
        "(tracker withdraw FOLDER --note TEXT).",
    ),
    "withheld": ("error", "The agency withheld the French story: nothing may go out until it releases it."),
    "embargoed": ("error", "The French story is under embargo: nothing may go out before the embargo's time."),
    "correction": ("error", "The agency corrected the French source of this English paragraph since it was made."),
    "stale": ("error", "The French source of this English paragraph changed in substance since the English was made."),
    "untranslated": ("error", "A French paragraph has no English counterpart and nobody acknowledged it as omitted."),
    "orphaned": ("error", "An English paragraph stands for French text that is gone."),
    "qa-error": ("error", "A QA check found the English contradicting its French source (numbers, names, quotes)."),
    "qa-warning": ("warning", "A QA check found something in the English worth a second look."),
    "approval-missing": ("error", "No editor approved this adaptation, or the latest verdict is a rejection."),
    "approval-outdated": ("error", "The French, the English or the alignment changed since the editor approved."),
    "approval-unverified": (
        "error",
        "The approval's SSH signature does not verify against the base revision's allowed signers: not counted.",
    ),
    "decision-unverified": (
        "error",
        "An acknowledgement or waiver added in this change is not signed by an allowed signer: review it.",
    ),
    "sidecar-invalid": ("error", "The story's sidecar file (tracker.json) is not valid; nothing else was judged."),
    "unreadable-input": ("error", "A story file could not be read (missing, binary, undecodable, or not a text)."),
}

_RANK = {"warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class CheckFinding:
    """One problem at one place: `file`/`line` point at the English side when there is one (1-based, 0 = file).

    `fr`/`en` are 0-based paragraph indices; `diff` is the French word diff since the English was made, as
    (op, text) pairs with op `=`, `-` or `+`.
    """

    rule: str
    severity: CheckSeverity
    story: str
    file: str
    line: int
    message: str
    fr: tuple[int, ...] = ()
    en: tuple[int, ...] = ()
    fr_file: str = ""
    fr_line: int = 0
    check: str = ""
    diff: tuple[tuple[str, str], ...] = ()

    def at_or_above(self, fail_on: FailOn) -> bool:
        """Whether this finding trips a gate set at `fail_on`."""
        return _RANK[self.severity] >= _RANK[fail_on]


@dataclass(frozen=True, slots=True)
class StoryResult:
    """The findings of one story folder, in file and line order."""

    story: str
    findings: tuple[CheckFinding, ...] = ()
    files: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    """Every story checked in one run, the gate it was judged against and the git base, if any."""

    stories: tuple[StoryResult, ...]
    fail_on: FailOn = "error"
    base: str | None = None

    @property
    def findings(self) -> tuple[CheckFinding, ...]:
        return tuple(f for story in self.stories for f in story.findings)

    @property
    def failing(self) -> tuple[CheckFinding, ...]:
        """The findings at or above the gate."""
        return tuple(f for f in self.findings if f.at_or_above(self.fail_on))

    @property
    def ok(self) -> bool:
        return not self.failing

    @property
    def exit_code(self) -> ExitCode:
        """3 when a story could not be read, else 1 when a finding trips the gate, else 0."""
        if any(f.rule == "unreadable-input" for f in self.findings):
            return ExitCode.DATA
        return ExitCode.FINDINGS if self.failing else ExitCode.OK

    def count(self, severity: CheckSeverity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


def sort_key(finding: CheckFinding) -> tuple[str, str, int, int, str, str]:
    """Reading order of findings: story, file, line, then rule order."""
    return (finding.story, finding.file, finding.line, list(RULES).index(finding.rule), finding.check, finding.message)


def render_words(words: tuple[tuple[str, str], ...], context: int = 40) -> str:
    """A word diff as one line, git-style `[-old-]{+new+}`, long unchanged runs shortened around the changes."""
    spaced = any(any(ch.isspace() for ch in text) for _, text in words)
    sep = "" if spaced else " "
    parts: list[str] = []
    for n, (op, text) in enumerate(words):
        if op == "-":
            parts.append(f"[-{text}-]")
        elif op == "+":
            parts.append(f"{{+{text}+}}")
        elif len(text) > 2 * context:
            head = "" if n == 0 else text[:context]
            tail = "" if n == len(words) - 1 else text[-context:]
            parts.append(f"{head}…{tail}")
        else:
            parts.append(text)
    return sep.join(parts).strip()
