"""Writing files for people to keep (exported story folders, exchange files, sidecars): all or nothing, through no
symbolic link, and never over an existing file unless asked (`--force`).

Each file is written beside its destination under a temporary name and renamed into place, so a failed write
leaves the old file (or nothing), never half a file; a rename replaces a symbolic link itself instead of writing
to whatever it points at.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from tracker.errors import InputError


def write_file(path: Path, data: bytes, *, force: bool = True) -> None:
    """Write one file atomically (and the folders above it); refused when it exists and `force` is False."""
    if not force and (path.exists() or path.is_symlink()):
        raise InputError(str(path), "already exists: pass --force to replace it")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise InputError(str(path), exc.strerror or str(exc)) from exc


def write_files(folder: Path, files: Mapping[str, bytes], *, force: bool = False) -> Path:
    """Write several files into `folder` as one: into a temporary folder first, then renamed into place.

    A new folder appears whole (one rename); into an existing folder each file is renamed over its old version
    only after every file was written. Refused, before anything is written, when the folder is a symbolic link
    or (without `force`) already holds one of the files.
    """
    if folder.is_symlink():
        raise InputError(str(folder), "is a symbolic link: refused (export writes only into a real folder)")
    if folder.exists() and not folder.is_dir():
        raise InputError(str(folder), "exists and is not a folder")
    present = [name for name in files if (folder / name).exists() or (folder / name).is_symlink()]
    if present and not force:
        raise InputError(str(folder), f"already holds {', '.join(sorted(present))}: pass --force to replace them")
    parent = folder.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=parent, prefix=f".{folder.name}.", suffix=".tmp"))
    except OSError as exc:
        raise InputError(str(folder), exc.strerror or str(exc)) from exc
    try:
        for name, data in files.items():
            with open(staging / name, "xb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        if not folder.exists():
            os.rename(staging, folder)
            return folder
        for name in files:
            os.replace(staging / name, folder / name)
    except OSError as exc:
        raise InputError(str(folder), f"not written ({exc.strerror or exc})") from exc
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return folder
