"""Launch the tracker's terminal UI on the default database (seeded with the sample story on first run)."""

import sys

from tracker.cli import main

if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
