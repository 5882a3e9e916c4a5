"""Worker pools never fork a multi-threaded process (a deadlock risk Python 3.12+ warns of)."""

from __future__ import annotations

import subprocess
import sys
import threading
import warnings

from tracker.services.pools import process_pool


def _square(value: int) -> int:
    return value * value


def test_a_single_threaded_process_forks_its_workers() -> None:
    # in a fresh interpreter: the test runner itself may run threads
    script = (
        "from tracker.services.pools import process_pool\n"
        "with process_pool(2) as pool:\n"
        "    print(pool._mp_context.get_start_method(), sum(pool.map(abs, [-1, -2])))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.split() == ["fork", "3"]


def test_with_another_thread_running_workers_start_from_a_server_and_nothing_warns() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", DeprecationWarning)
            with process_pool(2) as pool:
                assert pool._mp_context.get_start_method() != "fork"  # type: ignore[attr-defined]
                assert list(pool.map(_square, range(5))) == [0, 1, 4, 9, 16]
    finally:
        stop.set()
        other.join()
