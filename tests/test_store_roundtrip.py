"""Whatever text goes into a revision comes back exactly: Hypothesis round-trips through the store."""

from __future__ import annotations

import itertools
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.model import Document, Paragraph, Role
from tracker.storage import Store, open_store

_slugs = itertools.count()
# Any printable text, typography included (no-break spaces, « », ’), but no line breaks inside a paragraph.
texts = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=200)
paragraphs = st.lists(st.tuples(texts, st.sampled_from(list(Role))), min_size=1, max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paragraphs, st.one_of(st.none(), texts), st.datetimes(timezones=st.just(UTC)))
def test_any_revision_reads_back_exactly(
    memory_store: Store, items: list[tuple[str, Role]], label: str | None, at: datetime
) -> None:
    slug = f"s{next(_slugs)}"
    document = Document(tuple(Paragraph(i, text, i + 1, i + 2, role) for i, (text, role) in enumerate(items)))

    stored, created = memory_store.add_revision(slug, "fr", document, by="ana", at=at, label=label)
    loaded = memory_store.revision(slug, "fr")

    assert created
    assert loaded == stored
    assert loaded.paragraphs == document.paragraphs
    assert loaded.content_hash == document.content_hash
    assert loaded.created_at == at
    again, created_again = memory_store.add_revision(slug, "fr", document, by="bob", at=at + timedelta(seconds=1))
    assert not created_again and again == loaded


def test_reading_stories_loads_neither_the_ui_nor_alembic(tmp_path: Path) -> None:
    db = str(tmp_path / "t.db")
    open_store(db).close()  # schema created: later opens check its version in one query
    code = (
        "import sys; from tracker.cli import main; "
        f"code = main(['--db', {db!r}, 'stories']); "
        "print(code, 'textual' in sys.modules, 'alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0", "False", "False"]
