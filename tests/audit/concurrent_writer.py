"""Helper process for test_concurrency: append N journal entries to the database in DATABASE_URL."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rhia.settings")

import django  # noqa: E402

django.setup()

from rhia.audit.journal import record  # noqa: E402


def main(worker: int, count: int) -> None:
    for n in range(count):
        record("test.concurrent", payload={"worker": worker, "n": n})


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
