"""Another station, as a separate process: scans ``N`` parcels into the database at ``URL``
a little apart and prints, per parcel, its tracking number and the wall-clock time its
transaction committed (``python live_writer.py URL N GAP``)."""

from __future__ import annotations

import json
import sys
import time

from returnsdesk.db.engine import make_engine, make_session_factory
from returnsdesk.services.bench import receive


def main() -> None:
    url, count, gap = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    prefix = sys.argv[4] if len(sys.argv) > 4 else "YT9"
    sessions = make_session_factory(make_engine(url))
    print(json.dumps({"ready": True}), flush=True)
    sys.stdin.readline()  # the watcher is listening: go
    for n in range(count):
        tracking = f"{prefix}{n:012d}"
        receive.receive_scan(sessions, tracking, "clerk2", "bench-2")
        print(json.dumps({"tracking": tracking, "at": time.time()}), flush=True)
        time.sleep(gap)


if __name__ == "__main__":
    main()
