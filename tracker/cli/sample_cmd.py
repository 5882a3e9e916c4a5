"""`tracker sample DIR`: write the bundled sample story's files, so the README's tour has real files to work on."""

from __future__ import annotations

from pathlib import Path

import click

from tracker.exitcodes import ExitCode

# The sample's texts in the order the tour uses them; README.md says what each one is.
SAMPLE_FILES = ("fr.r1.txt", "fr.r2.txt", "fr.r3.txt", "en.r1.txt", "en.r2.txt", "seed.txt", "README.md")


@click.command()
@click.argument("dest", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite files in DIR that differ from the sample's.")
def sample(dest: Path, force: bool) -> ExitCode:
    """Write the sample story's files (French r1-r3, English r1-r2, their README) into DIR, one path a line.

    These are the texts the default database is seeded with: try `tracker align DIR/fr.r2.txt DIR/en.r1.txt`.
    A file already there with other content is kept (refused, exit 3) unless --force.
    """
    from tracker.errors import InputError
    from tracker.services.seed import sample_bytes

    texts = {name: sample_bytes(name) for name in SAMPLE_FILES}
    clashes = [dest / n for n, data in texts.items() if (dest / n).is_file() and (dest / n).read_bytes() != data]
    if clashes and not force:
        raise InputError(str(clashes[0]), "exists with other content; nothing written (--force overwrites)")
    try:
        dest.mkdir(parents=True, exist_ok=True)
        for name, data in texts.items():
            (dest / name).write_bytes(data)
    except OSError as exc:
        raise InputError(str(dest), exc.strerror or str(exc)) from exc
    for name in SAMPLE_FILES:
        click.echo(str(dest / name))
    return ExitCode.OK
