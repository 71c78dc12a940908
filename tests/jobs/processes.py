"""Real rhia processes on the test database: workers (``rhia worker``) and a web server (runserver)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def database_url() -> str:
    """The test database (already created by pytest-django) as a DATABASE_URL for a subprocess."""
    from django.db import connection

    params = connection.settings_dict
    if params["ENGINE"].endswith("sqlite3"):
        name = str(params["NAME"])
        assert not name.startswith(("file:", ":memory:")), "worker tests need a file SQLite database"
        return f"sqlite:///{name}"
    user = params.get("USER") or ""
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    return (
        f"postgres://{auth}{params.get('HOST') or '127.0.0.1'}:{params.get('PORT') or 5432}/{params['NAME']}"
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def output(process: subprocess.Popen) -> str:
    """The last lines a process wrote on stderr (for a failing test's message)."""
    process.log.seek(0)  # type: ignore[attr-defined]
    return process.log.read().decode(errors="replace")[-3000:]  # type: ignore[attr-defined]


class WorkerProcesses:
    def __init__(self, settings):
        self.settings = settings
        self.processes: list[subprocess.Popen] = []
        self.count = 0

    def env(self, **extra: str) -> dict:
        env = dict(os.environ)
        env.update(
            {
                "PYTHONPATH": os.pathsep.join([str(SRC), env.get("PYTHONPATH", "")]),
                "DATABASE_URL": database_url(),
                "RHIA_DB_CONN_MAX_AGE": "0",
                "RHIA_JOB_LEASE_SECONDS": str(self.settings.RHIA_JOB_LEASE_SECONDS),
                "RHIA_JOB_MAX_ATTEMPTS": str(self.settings.RHIA_JOB_MAX_ATTEMPTS),
                "RHIA_LOG_LEVEL": "WARNING",
            }
        )
        # Settings are read at start-up: unless the test set the variable itself, the worker gets the
        # test's drafting settings this way.
        for name, value in {
            "RHIA_DRAFTS_N": self.settings.RHIA_DRAFTS_N,
            "RHIA_DRAFT_MAX_TOKENS": self.settings.RHIA_DRAFT_MAX_TOKENS,
            "RHIA_DRAFT_RETRY": "1" if self.settings.RHIA_DRAFT_RETRY else "0",
            "RHIA_SOURCE_MAX_AGE_DAYS": self.settings.RHIA_SOURCE_MAX_AGE_DAYS,
        }.items():
            env.setdefault(name, str(value))
        env.update(extra)
        return env

    def _spawn(self, args: list[str], **extra: str) -> subprocess.Popen:
        # A file, not a pipe: a pipe nobody reads would block a chatty process. Closed in stop_all.
        log = tempfile.TemporaryFile()  # noqa: SIM115
        process = subprocess.Popen(
            [sys.executable, "-m", "rhia.cli", *args],
            env=self.env(**extra),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        process.log = log  # type: ignore[attr-defined]
        self.processes.append(process)
        return process

    def start(self, *, wait: bool = True, timeout: float = 120, **extra: str) -> subprocess.Popen:
        """A worker process; returns once it has announced itself in the database."""
        from rhia.jobs.models import WorkerBeat

        self.count += 1
        worker_id = f"test-worker-{os.getpid()}-{self.count}"
        process = self._spawn(
            ["worker", "--no-startup-delay", "--interval", "0.2", "--worker-id", worker_id], **extra
        )
        process.worker_id = worker_id  # type: ignore[attr-defined]
        deadline = time.monotonic() + timeout
        while wait and not WorkerBeat.objects.filter(worker_id=worker_id).exists():
            if process.poll() is not None:
                raise RuntimeError(f"worker exited: {output(process)}")
            if time.monotonic() > deadline:
                raise TimeoutError("worker did not start")
            time.sleep(0.2)
        return process

    def web(self, port: int, *, timeout: float = 120, **extra: str) -> subprocess.Popen:
        """``rhia runserver`` on 127.0.0.1:port (the real WSGI entry point, no autoreload)."""
        process = self._spawn(["runserver", "--noreload", f"127.0.0.1:{port}"], **extra)
        deadline = time.monotonic() + timeout
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return process
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError(f"server exited: {output(process)}") from None
                if time.monotonic() > deadline:
                    raise TimeoutError("web server did not start") from None
                time.sleep(0.2)

    def kill(self, process: subprocess.Popen) -> None:
        """kill -9: no cleanup, no goodbye, as a crash or the OOM killer would."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=15)
            process.log.close()  # type: ignore[attr-defined]
