"""Shared set-up of the benchmarks: a fresh SQLite database in a temporary folder, and timing."""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fresh_django(var_dir: Path) -> None:
    """Django on a new SQLite database under ``var_dir`` (DATABASE_URL ignored), migrated."""
    os.environ["RHIA_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rhia.settings")
    os.environ.pop("DATABASE_URL", None)
    for path in (ROOT / "src", ROOT):
        if str(path) not in sys.path:
            sys.path.insert(0, str(path))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def median_ms(func, runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)
