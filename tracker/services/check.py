"""`tracker check` behind the CLI: find the story folders (on disk, or changed since a git revision), read their
texts and the French each English was adapted from (from git where needed), and judge each one.

Git is driven through tracker.services.git; no database, no network.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from tracker.check import StoryTexts, finding, judge, missing_hashes, resolve_base
from tracker.check.result import CheckFinding, FailOn, Report, StoryResult, sort_key
from tracker.check.sidecar import FILENAME, Sidecar, SidecarError, parse
from tracker.errors import InputError
from tracker.model import Document, Paragraph
from tracker.services.folders import (
    find_story_folders,
    is_story_folder,
    load_folder,
    read_sidecar,
    text_path,
)
from tracker.services.git import RepositoryError, changed_files, read_blobs, repo_root, run_git, verify_rev
from tracker.services.reading import Warn, parse_document, read_document
from tracker.services.vetting import DEFAULT_SIGNERS, Signers, signers_at, signers_file, vet

HISTORY_LIMIT = 50


class GitContext:
    """Lazy access to the repository around the checked folders: base versions and history of files."""

    def __init__(self, start: Path, rev: str | None = None, root: Path | None = None) -> None:
        self.start = start
        self.rev = rev
        self._root = root
        self._looked = root is not None
        self._blobs: dict[str, bytes | None] = {}
        # The allowed signers approvals must be signed by (tracker.services.vetting); None: signatures not required.
        self.signers: Signers | None = None

    @property
    def root(self) -> Path | None:
        if not self._looked:
            self._looked = True
            try:
                self._root = repo_root(self.start)
            except RepositoryError:
                self._root = None
        return self._root

    def relative(self, path: Path) -> str | None:
        root = self.root
        if root is None:
            return None
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return None

    def prefetch(self, paths: Sequence[Path]) -> None:
        """Read the base versions of many files in one git call."""
        root, rev = self.root, self.rev
        if root is None or rev is None:
            return
        specs = [f"{rev}:{rel}" for rel in (self.relative(p) for p in paths) if rel is not None]
        self._blobs.update(read_blobs(root, [s for s in specs if s not in self._blobs]))

    def blob(self, rev: str, path: Path) -> bytes | None:
        rel, root = self.relative(path), self.root
        if rel is None or root is None:
            return None
        spec = f"{rev}:{rel}"
        if spec not in self._blobs:
            self._blobs.update(read_blobs(root, [spec]))
        return self._blobs[spec]

    def base_sidecar(self, folder: Path) -> Sidecar | None:
        """The folder's sidecar as it was at the base revision (None: no base, or no valid sidecar there)."""
        data = None if self.rev is None else self.blob(self.rev, folder / FILENAME)
        try:
            return None if data is None else parse(data.decode("utf-8"), FILENAME)
        except (SidecarError, UnicodeDecodeError):
            return None

    def base_document(self, path: Path) -> Document | None:
        """The file as it was at the base revision (None: no base, not in git there, or unreadable)."""
        if self.rev is None:
            return None
        data = self.blob(self.rev, path)
        return _document_or_none(data, f"{self.rev[:12]}:{path.name}")

    def history(self, path: Path) -> Iterator[Document]:
        """Earlier committed versions of a file, newest first (a bounded walk)."""
        rel, root = self.relative(path), self.root
        if rel is None or root is None:
            return
        try:
            commits = run_git(root, "log", f"-n{HISTORY_LIMIT}", "--format=%H", "--", rel).decode().split()
        except RepositoryError:
            return
        blobs = read_blobs(root, [f"{c}:{rel}" for c in commits])
        for commit in commits:
            doc = _document_or_none(blobs.get(f"{commit}:{rel}"), f"{commit[:12]}:{path.name}")
            if doc is not None:
                yield doc


def _document_or_none(data: bytes | None, source: str) -> Document | None:
    if data is None:
        return None
    try:
        return parse_document(data, source)
    except InputError:
        return None


def _placeholder(hashes: Sequence[str], candidates: list[Document]) -> Document:
    """The adapted-from French with unknown paragraphs marked, so they count as changed rather than vanish."""
    pool = {p.hash: p.text for d in candidates for p in d.paragraphs}
    texts = [pool.get(h, f"[French text {h[:12]} not found]") for h in hashes]
    return Document(paragraphs=tuple(Paragraph(n, t) for n, t in enumerate(texts)))


def base_french(sidecar: Sidecar, fr: Document, fr_path: Path, git: GitContext) -> tuple[Document | None, str]:
    """The French the English was adapted from, and a note when it could only be approximated."""
    rev_doc = git.base_document(fr_path)
    hashes = sidecar.adapted_from
    if hashes is None:
        return rev_doc, ""
    if tuple(p.hash for p in fr.paragraphs) == hashes:
        return None, ""
    stored = Document(paragraphs=tuple(Paragraph(n, t) for n, (_, t) in enumerate(sidecar.adapted_texts)))
    candidates = [fr, stored] + ([rev_doc] if rev_doc is not None else [])
    if not missing_hashes(hashes, candidates):
        return resolve_base(hashes, candidates), ""
    for old in git.history(fr_path):
        candidates.append(old)
        if not missing_hashes(hashes, candidates):
            return resolve_base(hashes, candidates), ""
    note = "(the French it was adapted from is not in the folder's git history: diff unavailable)"
    return _placeholder(hashes, candidates), note


class _Shown:
    """Paths as reports show them: relative to the working folder when under it."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd.resolve()

    def __call__(self, path: Path) -> str:
        full = path.resolve() if not path.is_absolute() else path
        try:
            return full.relative_to(self.cwd).as_posix() or "."
        except ValueError:
            return os.path.relpath(full, self.cwd) if full.anchor == self.cwd.anchor else full.as_posix()


def check_folder(
    folder: Path, git: GitContext, shown: _Shown, errors: str = "strict", warn: Warn | None = None
) -> StoryResult:
    """Judge one story folder; unreadable texts and an invalid sidecar become findings, not exceptions.
    `errors`, `warn`: how a text that is UTF-8 but for a few bytes is read (see tracker.services.reading.mended)."""
    story, sidecar_file = shown(folder), shown(folder / FILENAME)
    try:
        sidecar = read_sidecar(folder, sidecar_file)
    except SidecarError as exc:
        return StoryResult(
            story, (finding("sidecar-invalid", story, sidecar_file, exc.line, exc.problem),), (sidecar_file,)
        )
    except InputError as exc:
        return StoryResult(story, (finding("unreadable-input", story, sidecar_file, 0, exc.problem),), (sidecar_file,))
    paths = {lang: text_path(folder, lang, sidecar) for lang in ("fr", "en")}
    docs: dict[str, Document] = {}
    broken = []
    for lang, path in paths.items():
        try:
            docs[lang] = read_document(path, shown(path), within=folder, errors=errors, warn=warn)
        except InputError as exc:
            broken.append(finding("unreadable-input", story, shown(path), 0, f"{lang}: {exc.problem}"))
    files = (shown(paths["fr"]), shown(paths["en"]), sidecar_file)
    if broken:
        return StoryResult(story, tuple(broken), files)
    base_fr, note = base_french(sidecar, docs["fr"], paths["fr"], git)
    vetted: list[CheckFinding] = []
    if git.signers is not None:
        # without a git base there is no "this change": only approvals are held to their signatures
        base = git.base_sidecar(folder) if git.rev is not None else sidecar
        sidecar, vetted = vet(sidecar, base, git.signers, story, sidecar_file)
    texts = StoryTexts(
        story=story,
        fr_file=files[0],
        en_file=files[1],
        sidecar_file=sidecar_file,
        fr=docs["fr"],
        en=docs["en"],
        sidecar=sidecar,
        base_fr=base_fr,
        base_en=git.base_document(paths["en"]),
        base_note=note,
    )
    judged = judge(texts, at=datetime.now(UTC))
    if not vetted:
        return judged
    return replace(judged, findings=tuple(sorted((*judged.findings, *vetted), key=sort_key)))


def _story_folder_of(root: Path, rel: str) -> Path | None:
    here = (root / rel).parent
    while True:
        if here.is_dir() and is_story_folder(here):
            return here
        if here == root or root not in here.parents:
            return None
        here = here.parent


def _under(folder: Path, scopes: Sequence[Path]) -> bool:
    full = folder.resolve()
    return any(full == s or s in full.parents for s in scopes)


def changed_story_folders(root: Path, rev: str, paths: Sequence[str]) -> list[Path]:
    """Story folders (still on disk, under the paths) with a file that differs from `rev`."""
    scopes = [Path(p).resolve() for p in paths]
    for p, scope in zip(paths, scopes, strict=True):
        if not scope.exists():
            raise InputError(p, "no such file or folder")
    folders = {f for rel in changed_files(root, rev) if (f := _story_folder_of(root, rel)) is not None}
    return sorted(f for f in folders if _under(f, [s if s.is_dir() else s.parent for s in scopes]))


def run_check(
    paths: Sequence[str],
    *,
    base: str | None = None,
    fail_on: FailOn = "error",
    cwd: Path | None = None,
    allowed_signers: str | None = None,
    errors: str = "strict",
    warn: Warn | None = None,
) -> Report:
    """Check the story folders under `paths` (or those changed since `base`) and return the report.

    Approvals must be signed by an allowed signer when there is an allowed-signers file: with `base`, the file
    `allowed_signers` (default .tracker/allowed_signers) as it is at the base revision, never the change's copy;
    without, the file `allowed_signers` names, if any.
    """
    cwd = cwd or Path.cwd()
    paths = list(paths) or ["."]
    shown = _Shown(cwd)
    if base is None:
        folders = find_story_folders(paths)
        git = GitContext(Path(paths[0]).resolve())
    else:
        root = repo_root(Path(paths[0]).resolve())
        rev = verify_rev(root, base)
        folders = changed_story_folders(root, rev, paths)
        git = GitContext(root, rev, root)
        git.prefetch([p for f in folders for p in (text_path(f, "fr"), text_path(f, "en"))])
        rel = allowed_signers or DEFAULT_SIGNERS
        git.signers = signers_at(root, rev, rel, required=allowed_signers is not None)
    if base is None and allowed_signers is not None:
        git.signers = signers_file(Path(allowed_signers))
    results = judge_all(folders, git, shown, errors=errors, warn=warn)
    return Report(stories=results, fail_on=fail_on, base=base)


# Below this many stories a process pool costs more than it saves.
PARALLEL_FROM = 48


def _judge_chunk(
    folders: list[Path], git: GitContext, shown: _Shown, errors: str = "strict", warn: Warn | None = None
) -> list[StoryResult]:
    git.prefetch([p for f in folders for p in (text_path(f, "fr"), text_path(f, "en"))])
    return [check_folder(folder, git, shown, errors, warn) for folder in folders]


def judge_all(
    folders: Sequence[Path],
    git: GitContext,
    shown: _Shown,
    jobs: int | None = None,
    *,
    errors: str = "strict",
    warn: Warn | None = None,
) -> tuple[StoryResult, ...]:
    """Judge every folder, in order; many folders are shared out to one process per core (`warn`, a module-level
    function, goes with them and writes from there)."""
    jobs = jobs or os.cpu_count() or 1
    if jobs < 2 or len(folders) < PARALLEL_FROM:
        return tuple(check_folder(folder, git, shown, errors, warn) for folder in folders)
    from tracker.services.pools import process_pool

    size = max(8, len(folders) // (jobs * 4))
    chunks = [list(folders[i : i + size]) for i in range(0, len(folders), size)]
    with process_pool(jobs) as pool:
        n = len(chunks)
        parts = pool.map(_judge_chunk, chunks, [git] * n, [shown] * n, [errors] * n, [warn] * n)
        return tuple(result for part in parts for result in part)


def folder_texts(path: str | Path) -> StoryTexts:
    """A story folder ready for `tracker.check.judge` (or `approve`): what a face opening a folder needs.

    Raises InputError (or its SidecarError) naming the file when the folder cannot be read.
    """
    folder = load_folder(path)
    base_fr, note = base_french(folder.sidecar, folder.fr, folder.fr_path, GitContext(folder.path))
    return StoryTexts(
        story=str(folder.path),
        fr_file=str(folder.fr_path),
        en_file=str(folder.en_path),
        sidecar_file=str(folder.sidecar_path),
        fr=folder.fr,
        en=folder.en,
        sidecar=folder.sidecar,
        base_fr=base_fr,
        base_note=note,
    )
