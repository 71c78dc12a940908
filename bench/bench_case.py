"""Case workflow benchmark, embedded model on this machine's cores.

    .venv/bin/python bench/bench_case.py [--runs 10] [--n 2] [--max-tokens 0] [--json]

Measured in one fresh SQLite database (temporary RHIA_VAR_DIR), with the small fixture corpus of the
tests and the embedded llama.cpp provider:
- intake (paste -> usage guard -> pseudonymization) and privacy confirmation (-> retrieval) times;
- drafts are written by a real ``rhia worker`` process on the same database, as in production; each
  run submits --concurrent cases at once (the sources step's "Générer les propositions"), and reports
  separately the **queue wait** (request -> a worker starts the job), the **generation time** (start ->
  last draft stored) and request -> first model draft stored / all drafts, median over the jobs;
- baseline in the same run: drafting.iter_drafts called directly on the same pseudonymized question and
  passages (no case, no storage, no stream) -> ratio = workflow overhead;
- DOCX and PDF export times (median of 20) and verification by hash (median of 200), against a bare
  SHA-256 of the same file.
The last line of stdout is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import fresh_django

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "assistant" / "fixtures"
QUESTION = (
    "Bonjour,\n\nJe suis Marie Durand, adjointe administrative. Combien de jours de congés annuels ai-je par an, "
    "et puis-je reporter mes congés sur l'année suivante ?\nMerci,\nMarie Durand"
)


def setup(var_dir: Path):
    fresh_django(var_dir)
    from io import StringIO

    from rhia.accounts.models import RoleAssignment, Structure, User
    from rhia.corpus import loaders
    from rhia.corpus.importing import get_source, run_import
    from rhia.corpus.models import Source
    from rhia.llm import seed as llm_seed
    from rhia.policy import seed as policy_seed

    policy_seed.run(StringIO())
    llm_seed.run()
    fiches = var_dir / "fiches"
    fiches.mkdir()
    for path in FIXTURES.glob("F*.json"):
        shutil.copy(path, fiches / path.name)
    items = loaders.service_public_items(fiches)
    run_import(
        get_source(Source.Kind.SERVICE_PUBLIC),
        items,
        total=len(items),
        label="bench",
        keep=loaders.fiche_scope(False),
    )
    service = Structure.objects.create(name="Service bench", kind=Structure.Kind.SERVICE)
    agent = User.objects.create_user("bench.agent", password="bench-password-2026", first_name="Alice",
                                     last_name="Martin", structure=service, access=User.Access.ACTIVE)  # fmt: skip
    RoleAssignment.objects.create(user=agent, role="agent_rh", structure=service)
    _grant(agent)
    return agent


def _grant(user) -> None:
    """Charter acknowledged and basic module completed (what the training gate asks)."""
    from django.utils import timezone

    from rhia.governance import services as governance
    from rhia.governance.models import KitDocument
    from rhia.training import gating
    from rhia.training.models import Training
    from rhia.training.services import record_completion

    if governance.current_charter() is None:
        document, _ = KitDocument.objects.get_or_create(
            kind=KitDocument.Kind.CHARTER, defaults={"slug": "charte-ia", "title": "Charte"}
        )
        draft = governance.create_draft(document, body="# Charte", major=True, change_summary="", actor=None)
        governance.validate_version(draft, actor=None)
        governance.publish_version(draft, actor=None)
    governance.acknowledge_current_charter(user)
    module = gating.basic_module() or Training.objects.create(
        code="socle",
        title="Module socle",
        source=Training.Source.INTERNAL,
        duration_minutes=60,
        is_basic=True,
    )
    record_completion(user, module, on=timezone.localdate())


def variant(index: int, *, baseline: bool = False) -> str:
    """The typical question with a distinct last line: no run reuses another's whole prompt from the cache."""
    return f"{QUESTION}\n(Demande n° {index + 1}{' bis' if baseline else ''})"


def _start_worker(var_dir: Path) -> subprocess.Popen:
    """A real worker on the bench's database (it inherits RHIA_VAR_DIR and the drafting settings)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "RHIA_LOG_LEVEL": "WARNING"}
    env.pop("DATABASE_URL", None)
    return subprocess.Popen(
        # --skip-checks: the checks' probe of SQLite's JSON support fails while the bench holds a write.
        [
            sys.executable,
            "-m",
            "rhia.cli",
            "worker",
            "--skip-checks",
            "--no-startup-delay",
            "--interval",
            "0.2",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
    )


def _submit(client, case) -> None:
    keep = [str(source["passage_id"]) for source in case.sources if source["selected"]]  # as pre-ticked
    client.post(f"/assistant/cas/{case.pk}/sources/", {"source": keep})


def _wait_done(case, timeout: float = 7200):
    from rhia.assistant.services import generation_state
    from rhia.jobs.models import Job

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = generation_state(case)["state"]
        if state == "done":
            return Job.objects.filter(case=case).latest("id")
        if state == "failed":
            raise SystemExit(f"generation failed: {generation_state(case)['message']}")
        time.sleep(0.2)
    raise SystemExit("generation timed out")


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--n", type=int, default=2, help="drafts per case (N >= 2)")
    parser.add_argument("--max-tokens", type=int, default=0, help="cap per draft (0: the drafting default)")
    parser.add_argument("--baseline-runs", type=int, default=3, help="runs of the bare drafting baseline")
    parser.add_argument("--concurrent", type=int, default=2, help="cases submitted at once per run")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    os.environ["RHIA_DRAFTS_N"] = str(args.n)
    if args.max_tokens:
        os.environ["RHIA_DRAFT_MAX_TOKENS"] = str(args.max_tokens)
    var_dir = Path(tempfile.mkdtemp(prefix="rhia-bench-case-"))
    try:
        return run(args, var_dir)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


def run(args, var_dir: Path) -> int:
    agent = setup(var_dir)
    from django.test import Client

    from rhia.assistant.services import choose_draft, confirm_review, export_case, open_case, validate_case
    from rhia.assistant.services.drafts import passages_of
    from rhia.drafting.pipeline import iter_drafts
    from rhia.provenance.services import verify_file

    client = Client()
    client.force_login(agent)
    worker = _start_worker(var_dir)
    intake, review, first, total, waits, gens, base_first, base_total, drafts_seen = ([] for _ in range(9))
    last_case = None
    try:
        # Warm-up: the worker loads the model once (not counted); the baseline process too.
        warm = confirm_review(open_case(agent, text=QUESTION), agent)
        _submit(client, warm)
        _wait_done(warm)
        next(iter_drafts(warm.question, passages_of(warm), n=1, data_class=warm.data_class or "public"), None)
        for run_index in range(args.runs):
            cases = []
            for slot in range(args.concurrent):
                key = f"bench-{run_index}-{slot}"
                started = time.perf_counter()
                case = open_case(agent, text=variant(run_index * args.concurrent + slot), idempotency_key=key)
                intake.append(time.perf_counter() - started)
                started = time.perf_counter()
                cases.append(confirm_review(case, agent))
                review.append(time.perf_counter() - started)
            for case in cases:  # the agents press "Générer" at (nearly) the same time
                _submit(client, case)
            for case in cases:
                job = _wait_done(case)
                stored = list(case.drafts.order_by("index"))
                model_drafts = stored[1:] or stored  # index 0: the instant extractive answer
                waits.append((job.started_at - job.enqueued_at).total_seconds())
                gens.append((job.finished_at - job.started_at).total_seconds())
                first.append((model_drafts[0].created_at - job.enqueued_at).total_seconds())
                total.append((stored[-1].created_at - job.enqueued_at).total_seconds())
                drafts_seen.append(len(stored))
                last_case = case
            print(
                f"run {run_index + 1}/{args.runs}: queue wait {', '.join(f'{w:.1f}' for w in waits[-len(cases) :])} s,"
                f" generation {', '.join(f'{g:.1f}' for g in gens[-len(cases) :])} s",
                flush=True,
            )
            # Baseline: the drafting function alone, same question and passages (first runs only: slow).
            if run_index >= args.baseline_runs:
                continue
            case = cases[0]
            twin = confirm_review(open_case(agent, text=variant(run_index, baseline=True)), agent)
            started = time.perf_counter()
            base_first_at = None
            for index, _draft in enumerate(
                iter_drafts(twin.question, passages_of(case), n=args.n, data_class=case.data_class)
            ):
                if index == 1:  # the first model draft, as measured in the workflow
                    base_first_at = time.perf_counter() - started
            base_total.append(time.perf_counter() - started)
            base_first.append(base_first_at or float("nan"))
    finally:
        if worker.poll() is not None:
            print(f"the worker stopped (exit {worker.returncode})", file=sys.stderr)
        worker.terminate()
        worker.wait(timeout=60)

    case = validate_case(choose_draft(last_case, agent, 0), agent)
    export_times: dict[str, list[float]] = {"docx": [], "pdf": []}
    results = {}
    for fmt in ("docx", "pdf"):
        for _ in range(20):
            started = time.perf_counter()
            results[fmt] = export_case(case, agent, fmt)
            export_times[fmt].append(time.perf_counter() - started)
    import hashlib

    verify_times, hash_times = [], []
    sample = results["pdf"]
    for _ in range(200):
        started = time.perf_counter()
        status = verify_file(sample.filename, sample.content).status
        verify_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        hashlib.sha256(sample.content).hexdigest()
        hash_times.append(time.perf_counter() - started)
    assert status == "exact", status

    figures = {
        "runs": args.runs,
        "baseline_runs": len(base_total),
        "drafts_per_case": args.n,
        "drafts_seen_min": min(drafts_seen) if drafts_seen else 0,
        "cores": os.cpu_count(),
        "intake_s_median": round(median(intake), 3),
        "review_and_retrieval_s_median": round(median(review), 3),
        "concurrent_requests": args.concurrent,
        "queue_wait_s_median": round(median(waits), 3),
        "queue_wait_s_max": round(max(waits), 3) if waits else None,
        "generation_s_median": round(median(gens), 3),
        "submit_to_first_draft_s_median": round(median(first), 3),
        "submit_to_all_drafts_s_median": round(median(total), 3),
        "baseline_first_draft_s_median": round(median(base_first), 3),
        "baseline_all_drafts_s_median": round(median(base_total), 3),
        "ratio_first_vs_baseline": round(median(first) / median(base_first), 3) if base_first else None,
        "ratio_all_vs_baseline": round(median(total) / median(base_total), 3) if base_total else None,
        "export_docx_ms_median": round(median(export_times["docx"]) * 1000, 1),
        "export_pdf_ms_median": round(median(export_times["pdf"]) * 1000, 1),
        "verify_by_hash_us_median": round(median(verify_times) * 1e6, 1),
        "bare_sha256_us_median": round(median(hash_times) * 1e6, 1),
        "verify_vs_bare_sha256": round(median(verify_times) / max(median(hash_times), 1e-9), 1),
    }
    print()
    print(f"Cas ({args.runs} essais, {args.n} propositions, {os.cpu_count()} cœurs) :")
    print(f"  attente en file : {figures['queue_wait_s_median']:.1f} s (max {figures['queue_wait_s_max']}),"
          f" génération : {figures['generation_s_median']:.1f} s ({args.concurrent} demandes simultanées, 1 worker)")  # fmt: skip
    print(f"  soumission -> 1re proposition visible : {figures['submit_to_first_draft_s_median']:.1f} s "
          f"(fonction de rédaction seule : {figures['baseline_first_draft_s_median']:.1f} s, "
          f"ratio {figures['ratio_first_vs_baseline']})")  # fmt: skip
    print(f"  soumission -> toutes les propositions : {figures['submit_to_all_drafts_s_median']:.1f} s "
          f"(seule : {figures['baseline_all_drafts_s_median']:.1f} s, ratio {figures['ratio_all_vs_baseline']})")  # fmt: skip
    print(f"  export DOCX {figures['export_docx_ms_median']} ms, PDF {figures['export_pdf_ms_median']} ms ; "
          f"vérification par empreinte {figures['verify_by_hash_us_median']} µs "
          f"(SHA-256 seul {figures['bare_sha256_us_median']} µs, ratio {figures['verify_vs_bare_sha256']})")  # fmt: skip
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
