"""Worker processes for CPU-bound batches (parsing many files, judging many folders)."""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of `workers` processes. `fork` when this process runs one thread: it reuses the modules already
    imported, most of a worker's start-up cost. With other threads running (a TUI, a watcher, a test runner's
    helpers) forking can deadlock on a lock another thread held, and Python 3.12+ warns of it: `forkserver` then."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        method = "fork"
    elif "forkserver" in methods:
        method = "forkserver"
    else:
        method = "spawn"
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method))
