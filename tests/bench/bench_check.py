"""Benchmark `tracker check` on a git repository of 1,000 story folders: a one-story diff, then every story.

Goals: under 2 s with `--base` and one changed story; under 30 s for all 1,000. Prints the figures and their
ratio to baselines measured in the same run (Python starting `tracker --help`; `git diff --name-only`).

    python tests/bench/bench_check.py [--stories N] [--keep DIR]   (an existing --keep DIR is reused)
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tracker.check import StoryTexts, approve  # noqa: E402
from tracker.check.sidecar import Sidecar  # noqa: E402
from tracker.model import Acknowledgement  # noqa: E402
from tracker.services.folders import load_folder, save_sidecar  # noqa: E402

SAMPLE = ROOT / "tracker" / "samples" / "sochi-summit"
AT = datetime(2026, 11, 1, tzinfo=UTC)


def git(repo: Path, *args: str) -> None:
    cmd = ["git", "-c", "user.name=Bench", "-c", "user.email=bench@example.org", "-c", "commit.gpgsign=false", *args]
    subprocess.run(cmd, cwd=repo, check=True, capture_output=True)


def make_story(folder: Path, n: int, fr: str, en: str) -> None:
    """One approved story, made distinct by its casualty figure (the same in both languages)."""
    folder.mkdir(parents=True)
    (folder / "fr.txt").write_text(fr.replace("286 morts", f"{n} morts"), encoding="utf-8")
    (folder / "en.txt").write_text(en.replace("286 dead", f"{n} dead"), encoding="utf-8")
    story = load_folder(folder)
    omitted = (0, 13)
    acks = tuple(Acknowledgement(folder.name, story.fr.paragraphs[i].hash, "omitted", "ed", AT) for i in omitted)
    sidecar = approve(
        StoryTexts("s", "f", "e", "j", story.fr, story.en, Sidecar(folder.name, acknowledgements=acks)), by="ed", at=AT
    )
    save_sidecar(folder, sidecar, {p.hash: p.text for d in (story.fr, story.en) for p in d.paragraphs})


def timed(cmd: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """Wall time, CPU time of the command and its children (honest on a busy machine), exit code, last stderr line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.returncode, proc.stderr.strip().splitlines()[-1] if proc.stderr else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="build the repository here and keep it")
    args = parser.parse_args()
    repo = args.keep or Path(tempfile.mkdtemp(prefix="tracker-bench-")) / "desk"
    repo.mkdir(parents=True, exist_ok=True)
    fr = (SAMPLE / "fr.r2.txt").read_text(encoding="utf-8")
    en = (SAMPLE / "en.r1.txt").read_text(encoding="utf-8")
    start = time.perf_counter()
    if (repo / ".git").exists():
        # a repository kept by an earlier run: back to its committed state
        git(repo, "checkout", "-q", "--", ".")
        args.stories = len(list((repo / "stories").iterdir()))
        print(f"reusing {args.stories} story folders in {repo}")
    else:
        for n in range(args.stories):
            make_story(repo / "stories" / f"story-{n:04d}", 1000 + n, fr, en)
        git(repo, "init", "-q", "-b", "main")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "stories")
        print(f"built {args.stories} approved story folders in a git repository: {time.perf_counter() - start:.1f} s")

    changed = repo / "stories" / "story-0007" / "fr.txt"
    r3 = (SAMPLE / "fr.r3.txt").read_text(encoding="utf-8")
    changed.write_text(r3.replace("286 morts", "1007 morts"), encoding="utf-8")

    tracker = [sys.executable, "-m", "tracker"]
    help_s, help_cpu, _, _ = timed([*tracker, "--help"], repo)
    diff_s, diff_cpu, _, _ = timed(["git", "diff", "--name-only", "HEAD"], repo)
    one_s, one_cpu, one_code, one_summary = timed([*tracker, "check", "--base", "HEAD", "--format", "json"], repo)
    all_s, all_cpu, all_code, all_summary = timed([*tracker, "check", ".", "--format", "json"], repo)

    print(f"load average before the runs: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"baseline: python + tracker --help          {help_s:6.2f} s wall  {help_cpu:6.2f} s CPU")
    print(f"baseline: git diff --name-only HEAD        {diff_s:6.2f} s wall  {diff_cpu:6.2f} s CPU")
    print(
        f"check --base HEAD (one story changed)      {one_s:6.2f} s wall  {one_cpu:6.2f} s CPU  exit {one_code}  "
        f"goal < 2 s: {'met' if one_s < 2 else 'MISSED'}  ({one_s / help_s:.1f}x startup)  [{one_summary}]"
    )
    print(
        f"{f'check . (all {args.stories} stories)':43}{all_s:6.2f} s wall  {all_cpu:6.2f} s CPU  exit {all_code}  "
        f"goal < 30 s: {'met' if all_s < 30 else 'MISSED'}  ({all_s / max(args.stories, 1) * 1000:.1f} ms a story)"
        f"  [{all_summary}]"
    )
    if args.keep is None:
        shutil.rmtree(repo.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
