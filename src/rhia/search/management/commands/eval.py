"""``rhia eval retrieval --queries FILE.jsonl [--k 10] [--json]``: retrieval quality and latency."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rhia.fairness import reporting as bias_reporting
from rhia.search.evaluation import EvalError, evaluate, load_queries
from rhia.search.services import search_documents


class Command(BaseCommand):
    help = "Évaluations mesurées (recherche : hit@1, rappel@5/10, MRR, latence)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        retrieval = sub.add_parser("retrieval", help="Qualité de la recherche sur un jeu de requêtes JSONL.")
        retrieval.add_argument(
            "--queries", required=True, help='Fichier JSONL : {"query": …, "expected_ids": […]} par ligne.'
        )
        retrieval.add_argument("--k", type=int, default=10)
        retrieval.add_argument("--json", action="store_true")
        retrieval.add_argument("--verbose", action="store_true", help="Afficher les requêtes manquées.")
        bias_reporting.add_arguments(sub)

    def handle(self, *args, **options):
        if options["what"] == "bias":
            bias_reporting.handle(options, self.stdout.write)
            return
        try:
            queries = load_queries(Path(options["queries"]))
        except EvalError as error:
            raise CommandError(error.message) from error
        k = max(1, options["k"])
        search_documents("échauffement", k=1)  # warm caches so latency reflects steady state

        def run(query: str, depth: int) -> list[str]:
            return [hit.document_id for hit in search_documents(query, k=depth)]

        report = evaluate(queries, run, k=k)
        failures = report.pop("failures")
        if options["verbose"]:
            for failure in failures:
                self.stdout.write(
                    f"  rang {failure['rank']} : {failure['query']} attendu {failure['expected']} obtenu {failure['top']}"
                )
        self.stdout.write(
            f"{report['n']} requêtes : hit@1 {report['hit@1']:.3f}, rappel@5 {report['recall@5']:.3f}, "
            f"rappel@10 {report['recall@10']:.3f}, MRR {report['mrr']:.3f}, "
            f"latence p50 {report['p50_ms']:.1f} ms, p95 {report['p95_ms']:.1f} ms"
        )
        if options["json"]:
            self.stdout.write(json.dumps(report))
