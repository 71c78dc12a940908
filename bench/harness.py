"""Shared set-up of the benchmarks: a fresh SQLite database in a temporary folder, and timing."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
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


def django_on_temporary_sqlite(prefix: str) -> Path:
    """Django on a new SQLite file in a temporary folder, not yet migrated; var/ is kept, so the
    embedded model installed there is found (what the model benches need, unlike ``fresh_django``)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rhia.settings")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ.pop("RHIA_LLM_BASE_URL", None)  # the embedded model, not a configured endpoint
    if str(ROOT / "src") not in sys.path:
        sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    return folder


def median_ms(func, runs: int) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)
