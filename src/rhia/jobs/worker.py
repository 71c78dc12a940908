"""What a worker process does beside running tasks: say it is alive, and recover lost jobs.

One housekeeping thread per worker process renews the worker's ``WorkerBeat`` (with how many
models it holds and its memory) and runs ``recover_lost`` every beat, so a job whose worker was
killed is journaled and queued again within one lease, by whichever worker is still alive.
"""

from __future__ import annotations

import logging
import os
import resource
import socket
import sys
import threading

from django.db import connection
from django.utils import timezone

from rhia.jobs.lease import beat_seconds, recover_lost
from rhia.jobs.models import WorkerBeat

logger = logging.getLogger(__name__)


def models_loaded() -> int:
    """llama.cpp models held by this process (only ever loaded by a worker's generation)."""
    embedded = sys.modules.get("rhia.llm.providers.embedded")
    return len(getattr(embedded, "_models", {}) or {}) if embedded else 0


def rss_mb() -> float:
    """Resident memory of this process, from /proc when available (peak RSS otherwise)."""
    try:
        with open(f"/proc/{os.getpid()}/statm") as statm:
            pages = int(statm.read().split()[1])
        return round(pages * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)
    except (OSError, ValueError, IndexError):
        return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


class Housekeeper(threading.Thread):
    def __init__(self, worker_id: str, queues: str):
        super().__init__(name="rhia-housekeeper", daemon=True)
        self.worker_id, self.queues = worker_id, queues
        self.stopped = threading.Event()

    def beat(self) -> None:
        WorkerBeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "hostname": socket.gethostname()[:200],
                "pid": os.getpid(),
                "queues": self.queues[:200],
                "seen_at": timezone.now(),
                "models_loaded": models_loaded(),
                "rss_mb": rss_mb(),
            },
        )
        recover_lost()

    def run(self) -> None:
        try:
            while not self.stopped.is_set():
                try:
                    self.beat()
                except Exception:  # noqa: BLE001 — a locked or restarting database: next beat
                    logger.warning("worker %s: housekeeping skipped", self.worker_id, exc_info=True)
                self.stopped.wait(beat_seconds())
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
        try:
            WorkerBeat.objects.filter(worker_id=self.worker_id).delete()
        except Exception:  # noqa: BLE001 — leaving: the row simply ages out
            logger.info("worker %s: beat row left to age out", self.worker_id)
