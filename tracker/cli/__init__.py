"""The `tracker` command line: a thin, lazily loaded face over the library.

Each command lives in its own module and is imported only when run, so `tracker --help` and the file
commands start fast and never import the database or the UI.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from tracker import __version__
from tracker.cli.common import Settings, fail
from tracker.errors import TrackerError
from tracker.exitcodes import ExitCode

# name -> (module, attribute, one-line help). Help is written here so listing commands imports nothing.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "align": ("tracker.cli.align_cmd", "align", "Align French and English paragraphs (files or a stored story)."),
    "link": ("tracker.cli.link_cmd", "link", "Correct a stored alignment: confirm, unlink, relink, merge, split."),
    "diff": ("tracker.cli.diff_cmd", "diff", "Diff two revisions of the same language (files or stored)."),
    "status": ("tracker.cli.status_cmd", "status", "List the flags of a story: stale, untranslated, orphaned."),
    "ack": ("tracker.cli.status_cmd", "ack", "Acknowledge a French paragraph: no change needed, or omitted."),
    "qa": ("tracker.cli.qa_cmd", "qa", "Check that an adaptation carries over the facts of its source."),
    "waive": ("tracker.cli.qa_cmd", "waive", "Waive a QA finding, with a reason."),
    "import": ("tracker.cli.store_cmd", "import_", "Import files as new revisions of a story."),
    "stories": ("tracker.cli.stories_cmd", "stories", "List the stories: state, approval, revisions, updated."),
    "log": ("tracker.cli.store_cmd", "log", "List the revisions of a story, both languages."),
    "show": ("tracker.cli.store_cmd", "show", "Print the paragraphs of a revision, numbered."),
    "db": ("tracker.cli.store_cmd", "db", "Database maintenance: upgrade, current schema, grant a desk role."),
    "import-git": ("tracker.cli.formats_cmd", "import_git", "Import each commit that changed a file as a revision."),
    "export": ("tracker.cli.folder_cmd", "export", "Write a stored story as a folder (or XLIFF, TMX, NewsML-G2)."),
    "import-folder": ("tracker.cli.folder_cmd", "import_folder", "Read a story folder into the database."),
    "report": ("tracker.cli.report_cmd", "report", "Write a story's review page for editors (one HTML file)."),
    "check": ("tracker.cli.check_cmd", "check", "Check story folders (or a git diff) for CI; exit 1 on findings."),
    "approve": ("tracker.cli.approval_cmd", "approve", "Approve the current English revision of a story."),
    "reject": ("tracker.cli.approval_cmd", "reject", "Send an adaptation back, with a note."),
    "withdraw": ("tracker.cli.withdraw_cmd", "withdraw", "Record that a killed story's English was withdrawn."),
    "audit": ("tracker.cli.approval_cmd", "audit", "Read or verify the tamper-evident audit log."),
    "users": ("tracker.cli.approval_cmd", "users", "Manage users and roles (admins)."),
    "suggest": ("tracker.cli.memory_cmd", "suggest", "Translation-memory matches for French that needs English."),
    "tm": ("tracker.cli.memory_cmd", "tm", "The translation memory: concordance search, build."),
    "translate": ("tracker.cli.translate_cmd", "translate", "Machine-translation suggestions (never saved unasked)."),
    "config": ("tracker.cli.config_cmd", "config", "Show the configuration file in use and every setting's source."),
    "sample": ("tracker.cli.sample_cmd", "sample", "Write the sample story's files into a folder (for the tour)."),
    "title": ("tracker.cli.title_cmd", "title", "Show or set a story's title."),
    "tui": ("tracker.cli.tui_cmd", "tui", "Open the terminal UI (the default with no command)."),
    "watch": ("tracker.cli.watch_cmd", "watch", "Import what lands in a drop folder, each file at most once."),
    "terms": ("tracker.cli.tm_cmd", "terms", "Termbase: import a TBX for the names check."),
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module = importlib.import_module(entry[0])
        command: click.Command = getattr(module, entry[1])
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="Configuration file: $TRACKER_CONFIG, else $XDG_CONFIG_HOME/tracker/config.toml, that is "
    "~/.config/tracker/config.toml; `tracker config` shows the one in use and where each setting came from.",
)
@click.version_option(__version__, "--version", prog_name="tracker", message="%(prog)s %(version)s")
@click.option(
    "--db",
    "db",
    envvar="TRACKER_DB",
    metavar="URL",
    help="Database: a path, sqlite:///FILE or postgresql+psycopg://... [env TRACKER_DB]",
)
@click.option(
    "--as",
    "user",
    envvar="TRACKER_USER",
    metavar="NAME",
    help="Act as this user [env TRACKER_USER; default: the OS user].",
)
@click.pass_context
def cli(ctx: click.Context, db: str | None, user: str | None) -> None:
    """Track French wire copy and its English adaptation, paragraph by paragraph.

    With no command, opens the terminal UI on the default database (seeded with a sample story).
    """
    ctx.obj = Settings(db=db, user=user)
    if ctx.invoked_subcommand is None:
        from tracker.cli import common

        if not common.interactive():
            # cron, CI or a pipe: a full-screen UI there writes escape codes until killed
            click.echo(common.NO_TERMINAL, err=True)
            ctx.exit(ExitCode.USAGE)
        from tracker.cli.tui_cmd import tui

        ctx.invoke(tui)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and map errors to exit codes; returns the code instead of raising SystemExit."""
    from tracker.cli.common import guard_terminal

    guard_terminal()
    try:
        result: Any = cli.main(args=argv, prog_name="tracker", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.UsageError as exc:
        exc.show()
        return int(ExitCode.USAGE)
    except click.Abort:
        click.echo("tracker: interrupted", err=True)
        return int(ExitCode.INTERRUPTED)
    except KeyboardInterrupt:
        click.echo("tracker: interrupted", err=True)
        return int(ExitCode.INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        return int(exc.exit_code)
    except TrackerError as exc:
        return int(fail(exc))
    except (OverflowError, RecursionError) as exc:  # a number or a nesting past what the database or stack holds
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        click.echo(f"tracker: error: input out of range: {first[:200]}", err=True)
        return int(ExitCode.DATA)
    return int(result) if isinstance(result, int) else int(ExitCode.OK)


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
