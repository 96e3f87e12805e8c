"""``python -m returnsdesk``, and what the one-folder build starts (packaging/launcher.py).

``freeze_support`` comes first: in the built app a spawned helper process (the import's
reader) starts this same executable, which must run the helper and not the command line.
"""

import multiprocessing
import sys


def run() -> None:
    multiprocessing.freeze_support()

    from returnsdesk.cli import main

    sys.exit(main())


if __name__ == "__main__":
    run()
