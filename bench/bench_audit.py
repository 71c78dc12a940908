"""Journal benchmarks: appends per second (SQLite and PostgreSQL, single writer) and verification of a
large journal (default 1,000,000 entries on SQLite), with ratios against baselines measured in the same run.

    .venv/bin/python bench/bench_audit.py [--entries 1000000] [--appends 3000] [--json]

Goals: >= 2,000 appends/s on each database; verify 1,000,000 entries in <= 20 s.
Each backend runs in a child process on a scratch database (SQLite file in a temporary directory,
PostgreSQL database ``rhia_bench_audit`` at 127.0.0.1:5432, dropped afterwards).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("RHIA_BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/rhia_bench_audit")


def _child(backend: str, appends: int, entries: int) -> dict:
    """Runs inside a child process whose DATABASE_URL points to a scratch database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rhia.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from rhia.audit import chain
    from rhia.audit.journal import record
    from rhia.audit.models import JournalEntry
    from rhia.audit.services import verify_journal

    call_command("migrate", "audit", verbosity=0)
    payload = {
        "category": "cv_screening",
        "rule": "cv.lecture",
        "use_case": "lecture-cv-lettres-motivation",
        "channel": "case",
    }
    result: dict = {"backend": backend}

    # Baseline: the same row inserted in its own transaction, without lock, chain head read or hashing
    # (under the purge permit, which the INSERT-side sequence check requires for such rows).
    from rhia.audit.permit import journal_permit

    started = time.perf_counter()
    for n in range(appends):
        with journal_permit():
            JournalEntry.objects.create(
                seq=10_000_000 + n,
                created_at=timezone.now(),
                action="bench.baseline",
                payload=payload,
                payload_sha256="",
                metadata_sha256="",
                previous_hash="",
                entry_hash="",
            )
    baseline = appends / (time.perf_counter() - started)
    with journal_permit():
        JournalEntry.objects.filter(action="bench.baseline").delete()

    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(appends):
        record("policy.refused", payload=payload)
    rate = appends / (time.perf_counter() - started)
    # Client CPU only (the database server's work is not counted): shows the machine's load apart.
    result["appends_per_client_cpu_s"] = round(appends / (time.process_time() - cpu_started))
    result.update(
        {
            "appends_per_s": round(rate),
            "baseline_inserts_per_s": round(baseline),
            "append_vs_plain_insert": round(rate / baseline, 3),
        }
    )
    # Inside the action's transaction (how apps journal): 50 appends per commit.
    started = time.perf_counter()
    for _ in range(appends // 50):
        with transaction.atomic():
            for _ in range(50):
                record("policy.refused", payload=payload)
    result["appends_per_s_in_transactions"] = round((appends // 50 * 50) / (time.perf_counter() - started))
    if backend == "postgresql":
        from django.conf import settings

        settings.RHIA_AUDIT_ASYNC_COMMIT = True
        started = time.perf_counter()
        for _ in range(appends):
            record("policy.refused", payload=payload)
        result["appends_per_s_async_commit"] = round(appends / (time.perf_counter() - started))
        settings.RHIA_AUDIT_ASYNC_COMMIT = False

    if entries:
        _fill(entries, payload, chain, JournalEntry, connection, transaction, timezone)
        started, cpu_started = time.perf_counter(), time.process_time()
        report = verify_journal()
        elapsed = time.perf_counter() - started
        result["verify_cpu_s"] = round(time.process_time() - cpu_started, 2)
        assert report.ok, report.problem
        # Baseline: reading the same rows without hashing.
        started = time.perf_counter()
        count = sum(1 for _ in JournalEntry.objects.values_list("seq", "payload").iterator(chunk_size=20_000))
        read = time.perf_counter() - started
        result.update(
            {
                "verified": report.checked,
                "verify_s": round(elapsed, 2),
                "read_only_s": round(read, 2),
                "verify_vs_read": round(elapsed / read, 2),
                "rows_read": count,
            }
        )
    return result


def _fill(entries: int, payload, chain, JournalEntry, connection, transaction, timezone) -> None:
    """Append ``entries`` valid chained rows quickly (bulk insert; same hashing as journal.record)."""
    last = JournalEntry.objects.order_by("-seq").values_list("seq", "entry_hash").first()
    seq, previous = last if last else (0, chain.GENESIS_HASH)
    p_hash, m_hash = chain.digest(payload), chain.digest(chain.strip_content(payload))
    from rhia.audit import keys

    kid, key = keys.current()
    now = timezone.now()
    batch = []
    for _ in range(entries - seq):
        seq += 1
        entry = JournalEntry(
            seq=seq,
            created_at=now,
            actor_id=seq % 50 + 1,
            actor_roles="agent_rh",
            structure_id=3,
            action="policy.refused",
            object_type="assistant.case",
            object_id=str(seq),
            payload=payload,
            payload_sha256=p_hash,
            metadata_sha256=m_hash,
            previous_hash=previous,
            key_id=kid,
        )
        entry.entry_hash = previous = chain.entry_hash(previous, entry.hashed_fields(), key)
        batch.append(entry)
        if len(batch) == 20_000:
            with transaction.atomic():
                JournalEntry.objects.bulk_create(batch, batch_size=2_000)
            batch = []
    if batch:
        with transaction.atomic():
            JournalEntry.objects.bulk_create(batch, batch_size=2_000)


def _pg_admin(sql: str) -> bool:
    try:
        import psycopg
    except ImportError:
        return False
    base = PG_URL.rsplit("/", 1)[0] + "/postgres"
    try:
        with psycopg.connect(base, autocommit=True, connect_timeout=5) as conn:
            conn.execute(sql)
    except psycopg.Error as error:
        print(f"PostgreSQL indisponible : {error}", file=sys.stderr)
        return False
    return True


def _run_child(backend: str, url: str, appends: int, entries: int) -> dict | None:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "rhia.settings",
        "RHIA_DB_CONN_MAX_AGE": "0",
        # Signed heads of the scratch database, never mixed with the worktree's var/ file.
        "RHIA_AUDIT_CHECKPOINT_FILE": str(Path(tempfile.mkdtemp(prefix="rhia-bench-audit-")) / "heads.jsonl"),
    }
    proc = subprocess.run(
        [sys.executable, __file__, "--child", backend, "--appends", str(appends), "--entries", str(entries)],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if proc.returncode != 0:
        print(proc.stdout, proc.stderr[-3000:], file=sys.stderr)
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--entries", type=int, default=1_000_000, help="size of the journal to verify (SQLite)"
    )
    parser.add_argument(
        "--pg-entries", type=int, default=0, help="size of the journal to verify on PostgreSQL"
    )
    parser.add_argument("--appends", type=int, default=3_000)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.child, args.appends, args.entries)))
        return 0
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["sqlite"] = _run_child("sqlite", f"sqlite:///{tmp}/bench.sqlite3", args.appends, args.entries)
    if _pg_admin("DROP DATABASE IF EXISTS rhia_bench_audit") and _pg_admin(
        "CREATE DATABASE rhia_bench_audit"
    ):
        results["postgresql"] = _run_child("postgresql", PG_URL, args.appends, args.pg_entries)
        _pg_admin("DROP DATABASE IF EXISTS rhia_bench_audit")
    ok = True
    for backend, figures in results.items():
        if figures is None:
            print(f"{backend}: échec")
            ok = False
            continue
        line = (
            f"{backend}: {figures['appends_per_s']} ajouts/s, une transaction par ajout (objectif >= 2000 ; "
            f"insertion simple sans chaînage : {figures['baseline_inserts_per_s']}/s, ratio "
            f"{figures['append_vs_plain_insert']}) ; {figures['appends_per_s_in_transactions']} ajouts/s "
            "dans des transactions de 50"
        )
        line += f" ; {figures['appends_per_client_cpu_s']} ajouts par seconde de processeur client"
        if "appends_per_s_async_commit" in figures:
            line += f" ; {figures['appends_per_s_async_commit']} ajouts/s avec RHIA_AUDIT_ASYNC_COMMIT=1"
        if "verify_s" in figures:
            line += (
                f" ; vérification de {figures['verified']} entrées en {figures['verify_s']} s (objectif <= 20 s "
                f"pour 1 000 000 ; temps processeur {figures['verify_cpu_s']} s ; simple lecture : "
                f"{figures['read_only_s']} s, ratio {figures['verify_vs_read']})"
            )
        print(line)
    summary = {backend: figures for backend, figures in results.items() if figures is not None}
    if args.json:
        print(json.dumps(summary))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
