"""Git through its plumbing commands in a subprocess: the one runner `tracker check` and `tracker import-git` share.

No database and no network here; every failure is a RepositoryError with git's first line of complaint.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

from tracker.errors import TrackerError

# A repository on a stalled network share must not hang CI forever.
TIMEOUT = 120


class RepositoryError(TrackerError):
    """Git is missing, the path is not in a repository, or the revision does not exist."""


def run_git(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Git's stdout for `git -C root ARGS...`; RepositoryError when git is missing, stalls or fails."""
    try:
        proc = subprocess.run(
            ["git", "-C", str(root), *args], input=stdin, capture_output=True, check=False, timeout=TIMEOUT
        )
    except FileNotFoundError as exc:
        raise RepositoryError("git is not installed") from exc
    except subprocess.TimeoutExpired as exc:
        raise RepositoryError(f"git {args[0]} took longer than {TIMEOUT} s") from exc
    if proc.returncode != 0:
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RepositoryError(f"git {args[0]} failed: {detail[0] if detail else f'exit {proc.returncode}'}")
    return proc.stdout


def repo_root(path: Path) -> Path:
    """The top folder of the git work tree holding `path`."""
    where = path if path.is_dir() else path.parent
    try:
        out = run_git(where, "rev-parse", "--show-toplevel")
    except RepositoryError as exc:
        raise RepositoryError(f"{path}: not inside a git repository ({exc})") from exc
    return Path(out.decode().strip())


def verify_rev(root: Path, rev: str) -> str:
    """The commit id a revision names; RepositoryError when it names none."""
    if rev.startswith("-"):
        raise RepositoryError(f"unknown revision {rev!r}")
    try:
        out = run_git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except RepositoryError as exc:
        raise RepositoryError(f"unknown revision {rev!r} in {root}") from exc
    return out.decode().strip()


def changed_files(root: Path, rev: str) -> list[str]:
    """Paths (relative to the root) that differ between `rev` and the working tree, untracked files included."""
    tracked = run_git(root, "diff", "--name-only", "--no-renames", "-z", rev, "--")
    untracked = run_git(root, "ls-files", "--others", "--exclude-standard", "-z")
    names = {n.decode("utf-8", "surrogateescape") for n in (tracked + untracked).split(b"\0") if n}
    return sorted(names)


def read_blobs(root: Path, specs: Sequence[str]) -> dict[str, bytes | None]:
    """Contents of `REV:path` specs in one `git cat-file --batch` call; None for what does not exist."""
    if not specs:
        return {}
    # git echoes a missing spec on its own line: a path holding a newline would desynchronise every answer after
    # it (another story's text read as this one's), so such paths are asked one by one, as arguments
    blobs: dict[str, bytes | None] = {spec: _read_blob(root, spec) for spec in specs if "\n" in spec}
    batch = [spec for spec in specs if "\n" not in spec]
    if not batch:
        return blobs
    stdin = b"".join(s.encode("utf-8", "surrogateescape") + b"\0" for s in batch)
    out = run_git(root, "cat-file", "--batch", "-z", stdin=stdin)
    pos = 0
    for spec in batch:
        end = out.index(b"\n", pos)
        line = out[pos:end]
        pos = end + 1
        if line.endswith((b" missing", b" ambiguous")):  # echoes the spec, which may hold spaces
            blobs[spec] = None
            continue
        _sha, kind, size = line.split()  # an object: "<sha> <type> <size>", then its content
        blobs[spec] = out[pos : pos + int(size)] if kind == b"blob" else None
        pos += int(size) + 1
    return blobs


def _read_blob(root: Path, spec: str) -> bytes | None:
    """One `REV:path` blob asked as an argument (any byte but NUL in the path); None when it does not exist."""
    try:
        kind = run_git(root, "cat-file", "-t", spec).strip()
        return run_git(root, "cat-file", "blob", spec) if kind == b"blob" else None
    except RepositoryError:
        return None
